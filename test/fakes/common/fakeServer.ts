/**
 * The plumbing every fake API server shares: a real HTTP server on 127.0.0.1, a router, a log of
 * every request, and faults injected on demand (status bursts, dropped connections, delays, slow and
 * truncated downloads). Each fake (Sora, Runway, Telegram) adds its own routes and contract checks.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

export type Reply =
	| { status: number; headers?: Record<string, string>; json?: unknown }
	| { status: number; headers?: Record<string, string>; stream: Readable; length?: number };

export interface FakeRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: http.IncomingHttpHeaders;
	params: Record<string, string>;
	/** The raw body, already read in full (fakes cap it: see maxBodyBytes). */
	body: Buffer;
	/** The body parsed as JSON when the content type says JSON and it parses; else undefined. */
	json: unknown;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: http.IncomingHttpHeaders;
	bodyBytes: number;
	json: unknown;
	status: number;
	at: number;
}

export type FaultKind =
	/** Answer with `status`, `headers` and `body` instead of the real handler. */
	| 'status'
	/** Destroy the socket before answering (a dropped connection). */
	| 'drop'
	/** Wait `delayMs`, then answer normally. */
	| 'delay'
	/** For streamed replies: announce the full length, send `bytes` bytes, then destroy the socket. */
	| 'truncate'
	/** For streamed replies: send at most `bytesPerSecond`. */
	| 'slow'
	/** For streamed replies: announce the full length, send `bytes` bytes, then nothing more, keeping the socket open. */
	| 'stall';

export interface Fault {
	kind: FaultKind;
	method?: string;
	/** A path, or a pattern matched against the path (without query). Omit to match any request. */
	path?: string | RegExp;
	/** How many matching requests the fault applies to (default 1). */
	times?: number;
	status?: number;
	headers?: Record<string, string>;
	body?: unknown;
	delayMs?: number;
	bytes?: number;
	bytesPerSecond?: number;
}

export type Handler = (req: FakeRequest) => Reply | Promise<Reply>;

interface Route {
	method: string;
	pattern: RegExp;
	keys: string[];
	handler: Handler;
}

export interface FakeServerOptions {
	/** Bodies over this size are answered with 413 without being read further (default 25 MiB). */
	maxBodyBytes?: number;
	/** The 413 body, in the API's own error format. */
	tooLargeBody?: unknown;
}

export class FakeServer {
	readonly requests: RecordedRequest[] = [];
	private readonly routes: Route[] = [];
	private readonly faults: Array<Fault & { remaining: number }> = [];
	private readonly server: http.Server;
	private readonly sockets = new Set<import('node:net').Socket>();
	private baseUrl = '';

	constructor(private readonly options: FakeServerOptions = {}) {
		this.server = http.createServer((req, res) => {
			// A client that gives up mid-request (a cancelled execution, a test's abort) must not crash the fake.
			this.handle(req, res).catch(() => res.destroy());
		});
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	/** http://127.0.0.1:<port>, without a trailing slash. */
	get url(): string {
		return this.baseUrl;
	}

	async listen(port = 0): Promise<this> {
		await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
		this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this;
	}

	async close(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	/** Route with `:name` path parameters, e.g. `/v1/tasks/:id`. */
	route(method: string, path: string, handler: Handler): void {
		const keys: string[] = [];
		const source = path.replace(/:([A-Za-z_]+)/g, (_, key: string) => {
			keys.push(key);
			return '([^/]+)';
		});
		this.routes.push({ method, pattern: new RegExp(`^${source}$`), keys, handler });
	}

	inject(fault: Fault): void {
		this.faults.push({ ...fault, remaining: fault.times ?? 1 });
	}

	clearFaults(): void {
		this.faults.length = 0;
	}

	count(method: string, path: string | RegExp): number {
		return this.requests.filter((r) => r.method === method && matches(path, r.path)).length;
	}

	private takeFault(method: string, path: string): Fault | undefined {
		const index = this.faults.findIndex((f) => (!f.method || f.method === method) && (!f.path || matches(f.path, path)));
		if (index < 0) return undefined;
		const fault = this.faults[index];
		fault.remaining -= 1;
		if (fault.remaining <= 0) this.faults.splice(index, 1);
		return fault;
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const parsed = new URL(req.url ?? '/', 'http://fake');
		const method = (req.method ?? 'GET').toUpperCase();
		const record: RecordedRequest = {
			method,
			path: parsed.pathname,
			query: Object.fromEntries(parsed.searchParams),
			headers: req.headers,
			bodyBytes: 0,
			json: undefined,
			status: 0,
			at: Date.now(),
		};
		this.requests.push(record);

		const fault = this.takeFault(method, parsed.pathname);
		if (fault?.kind === 'drop') {
			req.socket.destroy();
			return;
		}
		if (fault?.kind === 'delay') await sleep(fault.delayMs ?? 1000);

		const body = await readBody(req, this.options.maxBodyBytes ?? 25 * 1024 * 1024);
		if (body === 'too-large') {
			record.status = 413;
			send(res, {
				status: 413,
				json: this.options.tooLargeBody ?? { error: 'Request Entity Too Large' },
				headers: { connection: 'close' },
			});
			return;
		}
		record.bodyBytes = body.length;
		const json = parseJson(req.headers['content-type'], body);
		record.json = json;

		let reply: Reply;
		if (fault?.kind === 'status') {
			reply = { status: fault.status ?? 500, headers: fault.headers, json: fault.body ?? { error: 'Injected fault' } };
		} else {
			reply = await this.dispatch({
				method,
				path: parsed.pathname,
				query: parsed.searchParams,
				headers: req.headers,
				params: {},
				body,
				json,
			});
		}
		record.status = reply.status;
		send(res, reply, fault);
	}

	private async dispatch(request: FakeRequest): Promise<Reply> {
		let pathMatched = false;
		for (const route of this.routes) {
			const match = route.pattern.exec(request.path);
			if (!match) continue;
			pathMatched = true;
			if (route.method !== request.method) continue;
			route.keys.forEach((key, i) => (request.params[key] = decodeURIComponent(match[i + 1])));
			try {
				return await route.handler(request);
			} catch (error) {
				return { status: 500, json: { error: `Fake server bug: ${(error as Error).message}` } };
			}
		}
		return pathMatched
			? { status: 405, json: { error: `Method ${request.method} not allowed` } }
			: { status: 404, json: { error: `No route for ${request.method} ${request.path}` } };
	}
}

function matches(pattern: string | RegExp, path: string): boolean {
	return typeof pattern === 'string' ? pattern === path : pattern.test(path);
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

async function readBody(req: http.IncomingMessage, max: number): Promise<Buffer | 'too-large'> {
	const declared = Number(req.headers['content-length'] ?? 0);
	if (declared > max) {
		req.resume();
		return 'too-large';
	}
	const chunks: Buffer[] = [];
	let total = 0;
	for await (const chunk of req) {
		total += (chunk as Buffer).length;
		if (total > max) {
			req.resume();
			return 'too-large';
		}
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}

function parseJson(contentType: string | undefined, body: Buffer): unknown {
	if (!contentType?.includes('json') || body.length === 0) return undefined;
	try {
		return JSON.parse(body.toString('utf8'));
	} catch {
		return undefined;
	}
}

function send(res: http.ServerResponse, reply: Reply, fault?: Fault): void {
	if ('stream' in reply) {
		const headers: Record<string, string> = { ...reply.headers };
		if (reply.length !== undefined) headers['content-length'] = String(reply.length);
		res.writeHead(reply.status, headers);
		pipeWithFaults(reply.stream, res, fault);
		return;
	}
	const payload = reply.json === undefined ? '' : JSON.stringify(reply.json);
	res.writeHead(reply.status, {
		...(payload ? { 'content-type': 'application/json' } : {}),
		'content-length': String(Buffer.byteLength(payload)),
		...reply.headers,
	});
	res.end(payload);
}

function pipeWithFaults(stream: Readable, res: http.ServerResponse, fault?: Fault): void {
	let sent = 0;
	const limit = fault?.kind === 'truncate' || fault?.kind === 'stall' ? (fault.bytes ?? 1024) : Infinity;
	const rate = fault?.kind === 'slow' ? (fault.bytesPerSecond ?? 64 * 1024) : Infinity;
	const started = Date.now();
	res.on('close', () => stream.destroy());
	stream.on('data', (chunk: Buffer) => {
		const room = limit - sent;
		const piece = room < chunk.length ? chunk.subarray(0, room) : chunk;
		sent += piece.length;
		if (sent >= limit && fault?.kind === 'stall') {
			stream.destroy();
			res.write(piece);
			return;
		}
		if (sent >= limit) {
			// Cut the socket only once the last piece is flushed: destroying it at once drops what is still buffered.
			stream.destroy();
			res.write(piece, () => res.socket?.destroy());
			return;
		}
		const flushed = res.write(piece);
		const aheadMs = (sent / rate) * 1000 - (Date.now() - started);
		if (aheadMs > 0) {
			stream.pause();
			setTimeout(() => stream.resume(), aheadMs);
		} else if (!flushed) {
			stream.pause();
			res.once('drain', () => stream.resume());
		}
	});
	stream.on('end', () => res.end());
	stream.on('error', () => res.socket?.destroy());
}

/**
 * A deterministic fake MP4 of `size` bytes, generated on the fly so a 1 GB "video" costs no memory.
 * It starts with a real `ftyp` box so content sniffers see an MP4.
 */
export function fakeVideoStream(size: number, seed = 1): Readable {
	const header = Buffer.concat([Buffer.from([0, 0, 0, 0x1c]), Buffer.from('ftypisom\0\0\x02\0isomiso2mp41', 'latin1')]);
	let produced = 0;
	const chunkSize = 64 * 1024;
	return new Readable({
		read() {
			if (produced >= size) {
				this.push(null);
				return;
			}
			const length = Math.min(chunkSize, size - produced);
			const chunk = Buffer.alloc(length);
			for (let i = 0; i < length; i++) chunk[i] = (produced + i + seed) & 0xff;
			if (produced === 0) header.copy(chunk, 0, 0, Math.min(header.length, length));
			produced += length;
			this.push(chunk);
		},
	});
}

/** The byte at `offset` (28 or more, past the ftyp box) of fakeVideoStream(size, seed), for checking a download without keeping it. */
export function fakeVideoByte(offset: number, seed = 1): number {
	return (offset + seed) & 0xff;
}
