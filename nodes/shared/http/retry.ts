import type { HttpResponse } from './response';
import { networkErrorCode } from './response';
import { sleep } from './sleep';

/**
 * `read`: safe to repeat (GET, DELETE of a finished task): retried on 429, 5xx and dropped connections.
 * `create`: starts a paid job, so it is retried only where the server provably did not start one:
 * a 429 (rejected before any work) or a connection that was refused (the request never arrived).
 * Never after a 5xx, a timeout or a connection dropped mid-request: the job may exist.
 */
export type RetryKind = 'read' | 'create';

export interface RetryPolicy {
	kind: RetryKind;
	/** Attempts in all, the first included (default 4). */
	maxAttempts?: number;
	/** First backoff step in ms (default 500; doubles each time, capped at maxDelayMs). */
	baseDelayMs?: number;
	maxDelayMs?: number;
	/** A Retry-After longer than this is not waited for: the response is handed back as it is. */
	maxRetryAfterMs?: number;
	signal?: AbortSignal;
	/** Told about each retry, e.g. to log it. */
	onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
}

const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'EPIPE',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ERR_BAD_RESPONSE',
	'UND_ERR_SOCKET',
]);

export function isRetryableStatus(kind: RetryKind, status: number): boolean {
	if (status === 429) return true;
	return kind === 'read' && (status === 408 || status >= 500);
}

export function isRetryableNetworkError(kind: RetryKind, error: unknown): boolean {
	const code = networkErrorCode(error);
	if (!code) return false;
	return kind === 'create' ? code === 'ECONNREFUSED' : RETRYABLE_NETWORK_CODES.has(code);
}

/** Retry-After (seconds or an HTTP date) or retry-after-ms, in ms; undefined when absent or unreadable. */
export function retryAfterMs(headers: Record<string, string>, now = Date.now()): number | undefined {
	const ms = Number(headers['retry-after-ms']);
	if (headers['retry-after-ms'] !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
	const value = headers['retry-after'];
	if (value === undefined) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with up to 50% random jitter added (Runway's advice), capped. */
export function backoffMs(attempt: number, baseDelayMs: number, maxDelayMs: number, random = Math.random): number {
	const step = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
	return Math.round(step * (1 + 0.5 * random()));
}

/**
 * Sends a request and repeats it as the policy allows. `send` resolves with any HTTP response (status
 * errors included) and rejects only on network errors. The last response is returned whatever its status,
 * with how many times it was sent (`attempts`); the last network error is rethrown.
 */
export async function sendWithRetry<T>(send: () => Promise<HttpResponse<T>>, policy: RetryPolicy): Promise<HttpResponse<T>> {
	const maxAttempts = policy.maxAttempts ?? 4;
	const baseDelayMs = policy.baseDelayMs ?? 500;
	const maxDelayMs = policy.maxDelayMs ?? 8000;
	const maxRetryAfterMs = policy.maxRetryAfterMs ?? 60_000;

	for (let attempt = 1; ; attempt++) {
		let delayMs: number;
		let reason: string;
		try {
			const response = { ...(await send()), attempts: attempt };
			if (attempt >= maxAttempts || !isRetryableStatus(policy.kind, response.statusCode)) return response;
			const serverDelay = retryAfterMs(response.headers);
			if (serverDelay !== undefined && serverDelay > maxRetryAfterMs) return response;
			delayMs = serverDelay ?? backoffMs(attempt, baseDelayMs, maxDelayMs);
			reason = `HTTP ${response.statusCode}`;
		} catch (error) {
			if (attempt >= maxAttempts || !isRetryableNetworkError(policy.kind, error)) throw error;
			delayMs = backoffMs(attempt, baseDelayMs, maxDelayMs);
			reason = networkErrorCode(error) ?? 'network error';
		}
		policy.onRetry?.({ attempt, delayMs, reason });
		await sleep(delayMs, policy.signal);
	}
}

/** Why a retryable answer (a 429) came back at once: the server asked for a wait longer than the policy waits. */
export function notRetried(headers: Record<string, string>): string {
	const ms = retryAfterMs(headers);
	return ms === undefined ? 'it was not retried' : `it was not retried, as the server asked to wait ${Math.ceil(ms / 1000)} s`;
}
