/** What the nodes keep of an HTTP response (n8n's returnFullResponse shape, normalised). */
export interface HttpResponse<T = unknown> {
	statusCode: number;
	headers: Record<string, string>;
	body: T;
	/** How many times the request was sent (retries included); set by sendWithRetry. */
	attempts?: number;
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

const NETWORK_CODE = /^(E[A-Z_]+|ERR_[A-Z_]+|UND_ERR_[A-Z_]+)$/;

/**
 * The network error code (ECONNREFUSED, ECONNRESET, ETIMEDOUT, ERR_CANCELED…) of an error thrown by a
 * request, looking through the wrappers n8n puts around axios errors: n8n 2.x keeps the original error as
 * `cause`; n8n 1.x drops it and leaves only the code, in NodeApiError's `httpCode`.
 */
export function networkErrorCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; current && depth < 5; depth++) {
		const { code, httpCode } = current as { code?: unknown; httpCode?: unknown };
		if (typeof code === 'string' && NETWORK_CODE.test(code)) return code;
		if (typeof httpCode === 'string' && NETWORK_CODE.test(httpCode)) return httpCode;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

/** An HTTP status carried by an error (a NodeApiError's `httpCode`), not a network error code in its place. */
export function httpStatusOf(error: unknown): number | undefined {
	const httpCode = (error as { httpCode?: unknown } | undefined)?.httpCode;
	return typeof httpCode === 'string' && /^\d{3}$/.test(httpCode) ? Number(httpCode) : undefined;
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
