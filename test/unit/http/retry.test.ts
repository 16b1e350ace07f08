import type { HttpResponse } from '../../../nodes/shared/http/response';
import { httpStatusOf, networkErrorCode, normaliseHeaders } from '../../../nodes/shared/http/response';
import { backoffMs, retryAfterMs, sendWithRetry } from '../../../nodes/shared/http/retry';
import { FakeServer } from '../../fakes/common/fakeServer';

/** A send() over real HTTP, the way the nodes' transports call it: any status resolves, network errors reject. */
function sender(url: string, method = 'GET') {
	return async (): Promise<HttpResponse> => {
		const response = await fetch(url, { method });
		return { statusCode: response.status, headers: normaliseHeaders(Object.fromEntries(response.headers)), body: await response.text() };
	};
}

const fast = { baseDelayMs: 5, maxDelayMs: 20 };

let server: FakeServer;
beforeEach(async () => {
	server = await new FakeServer().listen();
	server.route('GET', '/job', () => ({ status: 200, json: { ok: true } }));
	server.route('POST', '/job', () => ({ status: 201, json: { id: 'job-1' } }));
});
afterEach(async () => await server.close());

describe('reads', () => {
	test('429 with Retry-After, then a 503 burst, then success', async () => {
		server.inject({ kind: 'status', path: '/job', status: 429, headers: { 'retry-after': '0' } });
		server.inject({ kind: 'status', path: '/job', status: 503, times: 2 });
		const retries: string[] = [];
		const response = await sendWithRetry(sender(`${server.url}/job`), {
			kind: 'read',
			...fast,
			maxAttempts: 5,
			onRetry: (r) => retries.push(r.reason),
		});
		expect(response.statusCode).toBe(200);
		expect(retries).toEqual(['HTTP 429', 'HTTP 503', 'HTTP 503']);
		expect(server.count('GET', '/job')).toBe(4);
	});

	test('a dropped connection is retried', async () => {
		server.inject({ kind: 'drop', path: '/job' });
		const response = await sendWithRetry(sender(`${server.url}/job`), { kind: 'read', ...fast });
		expect(response.statusCode).toBe(200);
		expect(server.count('GET', '/job')).toBe(2);
	});

	test('gives up after maxAttempts and hands back the last response', async () => {
		server.inject({ kind: 'status', path: '/job', status: 502, times: 10 });
		const response = await sendWithRetry(sender(`${server.url}/job`), { kind: 'read', ...fast, maxAttempts: 3 });
		expect(response.statusCode).toBe(502);
		expect(server.count('GET', '/job')).toBe(3);
	});

	test('a 4xx other than 429 is not retried', async () => {
		server.inject({ kind: 'status', path: '/job', status: 404 });
		const response = await sendWithRetry(sender(`${server.url}/job`), { kind: 'read', ...fast });
		expect(response.statusCode).toBe(404);
		expect(server.count('GET', '/job')).toBe(1);
	});

	test('a Retry-After beyond the limit is not waited for', async () => {
		server.inject({ kind: 'status', path: '/job', status: 429, headers: { 'retry-after': '3600' } });
		const response = await sendWithRetry(sender(`${server.url}/job`), { kind: 'read', ...fast });
		expect(response.statusCode).toBe(429);
		expect(server.count('GET', '/job')).toBe(1);
	});

	test('cancelling stops the wait between attempts', async () => {
		server.inject({ kind: 'status', path: '/job', status: 503, times: 10 });
		const cancel = new AbortController();
		const promise = sendWithRetry(sender(`${server.url}/job`), { kind: 'read', baseDelayMs: 60_000, signal: cancel.signal });
		setTimeout(() => cancel.abort(), 50);
		await expect(promise).rejects.toThrow('cancelled');
		expect(server.count('GET', '/job')).toBe(1);
	});
});

describe('creates (paid jobs)', () => {
	test('429 is retried: the server rejected it before doing any work', async () => {
		server.inject({ kind: 'status', method: 'POST', path: '/job', status: 429, headers: { 'retry-after-ms': '10' } });
		const response = await sendWithRetry(sender(`${server.url}/job`, 'POST'), { kind: 'create', ...fast });
		expect(response.statusCode).toBe(201);
		expect(server.count('POST', '/job')).toBe(2);
	});

	test('a 5xx is NOT retried: the job may have started', async () => {
		server.inject({ kind: 'status', method: 'POST', path: '/job', status: 500 });
		const response = await sendWithRetry(sender(`${server.url}/job`, 'POST'), { kind: 'create', ...fast });
		expect(response.statusCode).toBe(500);
		expect(server.count('POST', '/job')).toBe(1);
	});

	test('a connection dropped mid-request is NOT retried', async () => {
		server.inject({ kind: 'drop', method: 'POST', path: '/job' });
		await expect(sendWithRetry(sender(`${server.url}/job`, 'POST'), { kind: 'create', ...fast })).rejects.toThrow();
		expect(server.count('POST', '/job')).toBe(1);
	});

	test('a refused connection is retried: the request never arrived', async () => {
		const closed = await new FakeServer().listen();
		const url = `${closed.url}/job`;
		await closed.close();
		let attempts = 0;
		const send = async () => {
			attempts++;
			return await sender(url, 'POST')();
		};
		const error = await sendWithRetry(send, { kind: 'create', ...fast, maxAttempts: 3 }).catch((e: unknown) => e);
		expect(networkErrorCode(error)).toBe('ECONNREFUSED');
		expect(attempts).toBe(3);
	});

	test('n8n 1.x: the code survives only as NodeApiError.httpCode, and is still read as a network error', () => {
		// n8n 1.x wraps a dropped connection as NodeApiError { httpCode: 'ECONNRESET' } without the original error.
		const n8n1 = Object.assign(new Error('The connection to the server was closed unexpectedly'), { httpCode: 'ECONNRESET' });
		expect(networkErrorCode(n8n1)).toBe('ECONNRESET');
		expect(httpStatusOf(n8n1)).toBeUndefined();
		const status = Object.assign(new Error('Bad gateway'), { httpCode: '502' });
		expect(networkErrorCode(status)).toBeUndefined();
		expect(httpStatusOf(status)).toBe(502);
	});
});

describe('delays', () => {
	test('Retry-After in seconds, as a date, and retry-after-ms', () => {
		const now = Date.parse('2026-11-21T12:00:00Z');
		expect(retryAfterMs({ 'retry-after': '3' }, now)).toBe(3000);
		expect(retryAfterMs({ 'retry-after': 'Sat, 21 Nov 2026 12:00:05 GMT' }, now)).toBe(5000);
		expect(retryAfterMs({ 'retry-after-ms': '250', 'retry-after': '9' }, now)).toBe(250);
		expect(retryAfterMs({ 'retry-after': 'soon' }, now)).toBeUndefined();
		expect(retryAfterMs({}, now)).toBeUndefined();
	});

	test('backoff doubles, is capped, and adds at most 50% jitter', () => {
		expect(backoffMs(1, 500, 8000, () => 0)).toBe(500);
		expect(backoffMs(3, 500, 8000, () => 0)).toBe(2000);
		expect(backoffMs(10, 500, 8000, () => 0)).toBe(8000);
		expect(backoffMs(1, 500, 8000, () => 0.999)).toBe(750);
	});
});
