import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import http from 'node:http';

import {
	contentLength,
	IncompleteDownloadError,
	StalledDownloadError,
	UnusableDownloadError,
	verifiedBody,
} from '../../../nodes/shared/http/download';
import { buildMultipart } from '../../../nodes/shared/http/multipart';
import { normaliseHeaders } from '../../../nodes/shared/http/response';
import { FakeServer, fakeVideoByte, fakeVideoStream } from '../../fakes/common/fakeServer';
import { parseMultipart } from '../../fakes/common/multipart';

const SIZE = 300_000;
let server: FakeServer;
beforeAll(async () => {
	server = await new FakeServer().listen();
	server.route('GET', '/video.mp4', () => ({
		status: 200,
		headers: { 'content-type': 'video/mp4' },
		stream: fakeVideoStream(SIZE),
		length: SIZE,
	}));
	server.route('POST', '/echo', (req) => ({
		status: 200,
		json: parseMultipart(req.body, String(req.headers['content-type'])).map((p) => ({ ...p, data: p.data.toString('base64') })),
	}));
});
afterAll(async () => await server.close());

function get(path: string): Promise<http.IncomingMessage> {
	return new Promise((resolve, reject) => http.get(`${server.url}${path}`, resolve).on('error', reject));
}

function limits(expectedBytes: number | undefined, more: { maxBytes?: number; idleMs?: number } = {}) {
	return { expectedBytes, maxBytes: more.maxBytes ?? 1e9, idleMs: more.idleMs ?? 30_000 };
}

/** Consumes a stream, checking every byte against the fake's pattern without keeping it. */
async function drain(stream: Readable): Promise<number> {
	let offset = 0;
	let mismatches = 0;
	await pipeline(stream, async function* (source: AsyncIterable<Buffer>) {
		for await (const chunk of source) {
			for (let i = 0; i < chunk.length; i++) if (offset + i >= 28 && chunk[i] !== fakeVideoByte(offset + i)) mismatches++;
			offset += chunk.length;
		}
	});
	expect(mismatches).toBe(0);
	return offset;
}

test('a whole body passes through byte for byte', async () => {
	const response = await get('/video.mp4');
	const length = contentLength(normaliseHeaders(response.headers));
	expect(length).toBe(SIZE);
	expect(await drain(verifiedBody(response, limits(length)))).toBe(SIZE);
});

test('a truncated body fails instead of passing as complete', async () => {
	server.inject({ kind: 'truncate', path: '/video.mp4', bytes: 100_000 });
	const response = await get('/video.mp4');
	const error = await drain(verifiedBody(response, limits(contentLength(normaliseHeaders(response.headers))))).catch((e: unknown) => e);
	expect(error).toBeInstanceOf(Error);
	expect(String((error as Error).message)).toMatch(/aborted|ended after|ECONNRESET|terminated/i);
});

test('a body shorter than announced fails even when the stream ends cleanly', async () => {
	const stream = Readable.from([Buffer.alloc(10), Buffer.alloc(5)]);
	const error = await drain(verifiedBody(stream, limits(20))).catch((e: unknown) => e);
	expect(error).toBeInstanceOf(IncompleteDownloadError);
	expect((error as IncompleteDownloadError).received).toBe(15);
});

test('a body that stalls after its headers fails once nothing arrives for the idle time, and the socket is closed', async () => {
	server.inject({ kind: 'stall', path: '/video.mp4', bytes: 50_000 });
	const response = await get('/video.mp4');
	const error = await drain(verifiedBody(response, limits(SIZE, { idleMs: 300 }))).catch((e: unknown) => e);
	expect(error).toBeInstanceOf(StalledDownloadError);
	expect((error as StalledDownloadError).received).toBe(50_000);
	expect(response.destroyed).toBe(true);
});

test('a body past the size cap fails as soon as it passes it, without reading the rest', async () => {
	const response = await get('/video.mp4');
	let read = 0;
	response.on('data', (chunk: Buffer) => (read += chunk.length));
	const error = await drain(verifiedBody(response, limits(undefined, { maxBytes: 100_000 }))).catch((e: unknown) => e);
	expect(error).toBeInstanceOf(UnusableDownloadError);
	expect((error as Error).message).toMatch(/larger than the download limit/);
	expect(read).toBeLessThan(SIZE);
});

test('an empty body is an error, not an empty video', async () => {
	const error = await drain(verifiedBody(Readable.from([]), limits(0))).catch((e: unknown) => e);
	expect(error).toBeInstanceOf(UnusableDownloadError);
	expect((error as Error).message).toMatch(/empty file/);
});

test('multipart bodies carry text fields and binary file parts intact', async () => {
	const file = Buffer.from([0xff, 0xd8, 0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0xff, 0xd9]);
	const { body, contentType } = buildMultipart([
		{ name: 'prompt', value: 'A cat "surfing"\nat dawn, ünïcödé' },
		{ name: 'seconds', value: '8' },
		{ name: 'input_reference', data: file, fileName: 'frame.jpg', contentType: 'image/jpeg' },
	]);
	const response = await fetch(`${server.url}/echo`, { method: 'POST', headers: { 'content-type': contentType }, body });
	const parts = (await response.json()) as Array<{ name: string; filename?: string; contentType?: string; data: string }>;
	expect(parts.map((p) => p.name)).toEqual(['prompt', 'seconds', 'input_reference']);
	expect(Buffer.from(parts[0].data, 'base64').toString()).toBe('A cat "surfing"\nat dawn, ünïcödé');
	expect(Buffer.from(parts[1].data, 'base64').toString()).toBe('8');
	expect(parts[2]).toMatchObject({ filename: 'frame.jpg', contentType: 'image/jpeg' });
	expect(Buffer.from(parts[2].data, 'base64').equals(file)).toBe(true);
});
