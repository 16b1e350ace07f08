/**
 * Hostile and broken servers, on purpose: what the nodes must survive without leaking a secret, losing a paid
 * job or hanging. Two parts:
 * - `startOtherHost()`: another server on 127.0.0.1 (another port, so another origin) that records every
 *   request with its headers (to prove no key or Custom Headers value reaches it) and serves what a hostile or
 *   broken file host does: a good video, one that stalls after its headers, one that never ends, an empty 200,
 *   an HTML page.
 * - helpers that make an existing fake (Sora, Runway) turn hostile for some requests: redirect them elsewhere,
 *   answer with a status of its own, or with a body of its own.
 * Seen in the wild: gateways that store videos in blob storage answer `/content` with a 302 to a signed URL;
 * proxies echo the request, key included, into error texts.
 */
import { Readable } from 'node:stream';

import type { FakeServer, RecordedRequest } from './common/fakeServer';
import { FakeServer as Server, fakeVideoStream } from './common/fakeServer';

export const OTHER_HOST_VIDEO_BYTES = 64_000;

export interface OtherHost {
	/** http://127.0.0.1:<port>: the same host name as the fakes, another origin. */
	readonly url: string;
	readonly server: FakeServer;
	readonly requests: RecordedRequest[];
	/** Every header value this host received, joined (to search for secrets). */
	headerText(): string;
	close(): Promise<void>;
}

/** An endless body: a video that never ends (no Content-Length), to fill a disk if nothing stops it. */
function endless(): Readable {
	const chunk = Buffer.alloc(64 * 1024, 7);
	return new Readable({
		read() {
			this.push(chunk);
		},
	});
}

/** `bytes` bytes of a video, then nothing, never ending. */
function stalling(bytes: number): Readable {
	let sent = false;
	return new Readable({
		read() {
			if (sent) return;
			sent = true;
			const head = Buffer.alloc(bytes);
			Buffer.from('\0\0\0\x1cftypisom').copy(head);
			this.push(head);
		},
	});
}

export async function startOtherHost(): Promise<OtherHost> {
	const server = await new Server().listen();
	const video = { 'content-type': 'video/mp4' };
	server.route('GET', '/blob/video.mp4', () => ({
		status: 200,
		headers: video,
		stream: fakeVideoStream(OTHER_HOST_VIDEO_BYTES),
		length: OTHER_HOST_VIDEO_BYTES,
	}));
	// Headers and the first bytes, then silence with the socket kept open.
	server.route('GET', '/blob/stall.mp4', () => ({ status: 200, headers: video, stream: stalling(1000), length: OTHER_HOST_VIDEO_BYTES }));
	server.route('GET', '/blob/endless.mp4', () => ({ status: 200, headers: video, stream: endless() }));
	server.route('GET', '/blob/empty.mp4', () => ({ status: 200, headers: { ...video, 'content-length': '0' } }));
	server.route('GET', '/blob/page.mp4', () => ({
		status: 200,
		headers: { 'content-type': 'text/html; charset=utf-8' },
		stream: Readable.from([Buffer.from('<html><body>Sign in</body></html>')]),
	}));
	// Whatever an API call would find here, were it followed: a task or video that looks done.
	server.route('GET', '/v1/tasks/:id', (req) => ({ status: 200, json: { id: req.params.id, status: 'SUCCEEDED', output: [] } }));
	server.route('POST', '/v1/videos', () => ({ status: 200, json: { id: 'video_stolen', object: 'video', status: 'queued' } }));
	return {
		url: server.url,
		server,
		requests: server.requests,
		headerText: () => server.requests.map((request) => JSON.stringify(request.headers)).join('\n'),
		close: () => server.close(),
	};
}

/** The next `times` matching requests are answered with a redirect to `to`. */
export function redirect(
	server: FakeServer,
	options: { path: string | RegExp; to: string; method?: string; status?: number; times?: number },
): void {
	server.inject({
		kind: 'status',
		method: options.method,
		path: options.path,
		status: options.status ?? 302,
		headers: { location: options.to },
		body: {},
		times: options.times ?? 100,
	});
}

/** The next `times` matching requests are answered 200 with `body` (an unknown status, an echoed secret). */
export function answerWith(server: FakeServer, options: { path: string | RegExp; body: unknown; method?: string; times?: number }): void {
	server.inject({
		kind: 'status',
		method: options.method ?? 'GET',
		path: options.path,
		status: 200,
		body: options.body,
		times: options.times ?? 1,
	});
}

/** The next `times` matching requests fail with `status` (and headers such as a long Retry-After). */
export function failWith(
	server: FakeServer,
	options: { path: string | RegExp; status: number; headers?: Record<string, string>; body?: unknown; method?: string; times?: number },
): void {
	server.inject({
		kind: 'status',
		method: options.method,
		path: options.path,
		status: options.status,
		headers: options.headers,
		body: options.body,
		times: options.times ?? 1000,
	});
}

/** Text carrying the secrets as a careless gateway echoes them: plain, as a Bearer header, and base64 in a Basic header. */
export function echoOf(secrets: string[]): string {
	return secrets.map((secret) => `got ${secret} (Bearer ${secret}; Basic ${Buffer.from(`user:${secret}`).toString('base64')})`).join(' ');
}

/** Whether `text` holds any secret: plain, or the middle of its base64 form. */
export function holdsSecret(text: string, secrets: string[]): boolean {
	return secrets.some((secret) => text.includes(secret) || text.includes(Buffer.from(`user:${secret}`).toString('base64').slice(8, 24)));
}
