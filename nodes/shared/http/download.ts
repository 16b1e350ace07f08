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

/** No byte arrived for `idleMs`: the server stalled (worth a retry). */
export class StalledDownloadError extends Error {
	constructor(
		readonly received: number,
		readonly idleMs: number,
	) {
		super(`The download stalled: no data for ${idleMs / 1000} s after ${received} bytes`);
		this.name = 'StalledDownloadError';
	}
}

/** The answer is not the file: too big, empty or of another kind. Not retried: the same answer would come again. */
export class UnusableDownloadError extends Error {
	constructor(
		message: string,
		readonly hint: string,
	) {
		super(message);
		this.name = 'UnusableDownloadError';
	}
}

export interface BodyLimits {
	/** The announced Content-Length, when there was one. */
	expectedBytes?: number;
	/** Fail once more than this has arrived. */
	maxBytes: number;
	/** Fail when nothing arrives for this long. */
	idleMs: number;
}

/**
 * Passes a response body through unchanged, counting bytes, and fails the stream when it ends short of the
 * announced Content-Length, the source breaks off, nothing arrives for `idleMs`, it grows past `maxBytes`, or
 * it ends empty. Without this a dropped connection can leave a truncated video in n8n's binary storage that
 * looks like a success, and a stalled or endless one hangs the execution or fills the disk.
 */
export function verifiedBody(source: Readable, limits: BodyLimits): Readable {
	let received = 0;
	let timer: NodeJS.Timeout | undefined;
	const fail = (error?: Error) => {
		clearTimeout(timer);
		counter.destroy(error ?? new IncompleteDownloadError(received, limits.expectedBytes ?? received + 1));
		source.destroy();
	};
	const arm = () => {
		clearTimeout(timer);
		timer = setTimeout(() => fail(new StalledDownloadError(received, limits.idleMs)), limits.idleMs);
	};
	const counter = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			received += chunk.length;
			if (received > limits.maxBytes) {
				callback(tooLarge(limits.maxBytes));
				return;
			}
			arm();
			callback(null, chunk);
		},
		flush(callback) {
			clearTimeout(timer);
			if (limits.expectedBytes !== undefined && received !== limits.expectedBytes)
				callback(new IncompleteDownloadError(received, limits.expectedBytes));
			else if (received === 0)
				callback(
					new UnusableDownloadError(
						'The server answered with an empty file',
						'A finished job has a file; try again later, or fetch the job again for a fresh link.',
					),
				);
			else callback();
		},
	});
	counter.once('close', () => {
		clearTimeout(timer);
		if (!source.readableEnded) source.destroy();
	});
	source.once('error', (error) => fail(error));
	source.once('aborted', () => fail());
	source.once('close', () => {
		if (!(source as Readable & { complete?: boolean }).complete && !source.readableEnded) fail();
	});
	arm();
	return source.pipe(counter);
}

export function tooLarge(maxBytes: number): UnusableDownloadError {
	return new UnusableDownloadError(
		`The file is larger than the download limit of ${Math.round(maxBytes / 1024 / 1024)} MB`,
		'Raise the limit with the environment variable N8N_AI_VIDEO_MAX_DOWNLOAD_MB on the n8n server (and its workers), or fetch the file by its URL.',
	);
}

/** Content-Length as a number, when the server sent a usable one. */
export function contentLength(headers: Record<string, string>): number | undefined {
	const value = Number(headers['content-length']);
	return Number.isFinite(value) && value >= 0 && headers['content-length'] !== '' ? value : undefined;
}

/** A Content-Type that is a page or data, not a file (an error page, a login form, a JSON answer). */
export function isDocumentType(mimeType: string | undefined): boolean {
	return !!mimeType && /^(text\/|application\/(json|xml|xhtml|javascript|problem)|.*\+(json|xml)$)/i.test(mimeType);
}
