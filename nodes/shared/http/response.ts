/** What the nodes keep of an HTTP response (n8n's returnFullResponse shape, normalised). */
export interface HttpResponse<T = unknown> {
	statusCode: number;
	headers: Record<string, string>;
	body: T;
}

/** Lower-cases header names and flattens repeated headers, so callers can read `headers['retry-after']`. */
export function normaliseHeaders(raw: unknown): Record<string, string> {
	const headers: Record<string, string> = {};
	if (!raw || typeof raw !== 'object') return headers;
	for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
		if (value === undefined || value === null) continue;
		headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return headers;
}

/**
 * The network error code (ECONNREFUSED, ECONNRESET, ETIMEDOUT, ERR_CANCELED…) of an error thrown by a
 * request, looking through the wrappers n8n puts around axios errors (NodeApiError keeps it as `cause`).
 */
export function networkErrorCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; current && depth < 5; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && /^(E[A-Z_]+|ERR_[A-Z_]+|UND_ERR_[A-Z_]+)$/.test(code)) return code;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

const NETWORK_ERROR_WORDS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	EPIPE: 'connection broken',
	ETIMEDOUT: 'timed out',
	ECONNABORTED: 'timed out',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'name lookup failed',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	UND_ERR_SOCKET: 'connection broken',
	ERR_BAD_RESPONSE: 'bad response',
};

/**
 * A network error in words. (Not the code itself: n8n replaces any error message that contains a code such
 * as ECONNRESET with a generic sentence of its own, losing the host and what was retried.)
 */
export function describeNetworkError(code: string | undefined): string {
	return (code && NETWORK_ERROR_WORDS[code]) ?? 'network error';
}
