import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';

export class IncompleteDownloadError extends Error {
	constructor(
		readonly received: number,
		readonly expected: number,
	) {
		super(`The download ended after ${received} of ${expected} bytes`);
		this.name = 'IncompleteDownloadError';
	}
}

/**
 * Passes a response body through unchanged, counting bytes, and fails the stream when it ends short of the
 * announced Content-Length or the source breaks off. Without this a dropped connection can leave a truncated
 * video in n8n's binary storage that looks like a success.
 */
export function verifiedBody(source: Readable, expectedBytes?: number): Readable {
	let received = 0;
	const counter = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			received += chunk.length;
			callback(null, chunk);
		},
		flush(callback) {
			if (expectedBytes !== undefined && received !== expectedBytes) {
				callback(new IncompleteDownloadError(received, expectedBytes));
			} else callback();
		},
	});
	const fail = (error?: Error) =>
		counter.destroy(error ?? new IncompleteDownloadError(received, expectedBytes ?? received + 1));
	source.once('error', (error) => fail(error));
	source.once('aborted', () => fail());
	source.once('close', () => {
		if (!(source as Readable & { complete?: boolean }).complete && !source.readableEnded) fail();
	});
	return source.pipe(counter);
}

/** Content-Length as a number, when the server sent a usable one. */
export function contentLength(headers: Record<string, string>): number | undefined {
	const value = Number(headers['content-length']);
	return Number.isFinite(value) && value >= 0 && headers['content-length'] !== '' ? value : undefined;
}
