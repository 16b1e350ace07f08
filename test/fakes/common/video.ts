/**
 * The fakes' videos: a real H.264 MP4 made from the request, so a demo run gives a file that plays (in
 * n8n's player, a browser, any video app) and has what the request asked for: its pixel size and its length.
 * A test pattern: a colour gradient with each part's prompt written on it (an extension is its source's parts,
 * then its own) and a progress bar along the bottom over the whole length. Encoded in-process with a WASM x264
 * (h264-mp4-encoder) at a low frame rate (two frames per second: the pixels and seconds are real, the
 * motion is not), cached per request, so tests stay fast.
 *
 * Asking a fake for `videoBytes` still gives N synthetic bytes (fakeVideoStream): the download benchmark
 * and the streaming tests need large, checkable files, not playable ones.
 */
import { Readable } from 'node:stream';
import { createH264MP4Encoder, type H264MP4Encoder } from 'h264-mp4-encoder';
import sharp from 'sharp';

import { readMp4 } from '../../helpers/mp4';
import type { Reply } from './fakeServer';

/** One stretch of a video, made from one prompt. */
export interface DemoSegment {
	prompt: string;
	/** Whole seconds (at least 1). */
	seconds: number;
}

export interface DemoVideoRequest {
	/** The video's pixel size (odd numbers are rounded up to even, as H.264 needs). */
	width: number;
	height: number;
	/** Its parts in order; the video lasts their seconds added up. */
	segments: DemoSegment[];
}

export const DEMO_VIDEO = {
	/** Frames per second up to Full HD; above it (upscales, 4K ratios) one a second, to keep encoding short. */
	frameRate: 2,
	largeFrameRate: 1,
	largePixels: 1920 * 1088,
} as const;

/** What the fakes fall back to when a request names no shape and has no input to follow. */
export const DEFAULT_VIDEO_SIZE = { width: 1280, height: 720 } as const;

const CACHE_LIMIT = 32;
const cache = new Map<string, Promise<Buffer>>();
let encoder: Promise<H264MP4Encoder> | undefined;
/** The WASM encoder and its file system are shared: one encode at a time. */
let queue: Promise<unknown> = Promise.resolve();

/** The demo MP4 for a request (the same bytes for the same request). */
export async function demoVideo(request: DemoVideoRequest): Promise<Buffer> {
	const width = even(request.width);
	const height = even(request.height);
	const segments = request.segments.map(({ prompt, seconds }) => ({ prompt: prompt.trim(), seconds: Math.max(1, Math.round(seconds)) }));
	if (segments.length === 0) throw new Error('A demo video needs at least one segment');
	const key = JSON.stringify([width, height, segments]);
	let video = cache.get(key);
	if (!video) {
		video = encodeQueued(width, height, segments);
		video.catch(() => cache.delete(key));
		if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
		cache.set(key, video);
	}
	return await video;
}

/** The HTTP reply serving demoVideo(request). */
export async function demoVideoReply(request: DemoVideoRequest, contentType = 'video/mp4'): Promise<Reply> {
	const video = await demoVideo(request);
	return { status: 200, headers: { 'content-type': contentType }, stream: Readable.from([video]), length: video.length };
}

/** Frames per second of a demo video of this pixel size. */
export function demoFrameRate(width: number, height: number): number {
	return even(width) * even(height) > DEMO_VIDEO.largePixels ? DEMO_VIDEO.largeFrameRate : DEMO_VIDEO.frameRate;
}

/** "1280x720" or "1280:720" as a pixel size; undefined when it is not two positive integers. */
export function pixelSize(size: string): { width: number; height: number } | undefined {
	const match = /^\s*(\d{1,5})\s*[x×:]\s*(\d{1,5})\s*$/i.exec(size);
	if (!match || Number(match[1]) === 0 || Number(match[2]) === 0) return undefined;
	return { width: Number(match[1]), height: Number(match[2]) };
}

/** Pixel size and length of a video a client sent (MP4 or QuickTime); undefined when it cannot be read (WebM, bad bytes). */
export function videoFacts(bytes: Buffer): { width: number; height: number; seconds: number } | undefined {
	if (!hasMovieBox(bytes)) return undefined;
	try {
		const video = readMp4(bytes);
		if (!(video.width > 0 && video.height > 0 && video.durationSeconds > 0)) return undefined;
		return { width: video.width, height: video.height, seconds: video.durationSeconds };
	} catch {
		return undefined;
	}
}

/** Top-level ISO boxes that lead to a `moov` (checked first: mp4box prints its parse errors to the console). */
function hasMovieBox(bytes: Buffer): boolean {
	for (let at = 0; at + 8 <= bytes.length;) {
		const type = bytes.toString('latin1', at + 4, at + 8);
		if (!/^[a-z0-9 ]{4}$/i.test(type)) return false;
		if (type === 'moov') return true;
		const size = bytes.readUInt32BE(at) === 1 && at + 16 <= bytes.length ? Number(bytes.readBigUInt64BE(at + 8)) : bytes.readUInt32BE(at);
		if (size < 8) return false;
		at += size;
	}
	return false;
}

function even(n: number): number {
	return Math.max(2, 2 * Math.ceil(n / 2));
}

function encodeQueued(width: number, height: number, segments: DemoSegment[]): Promise<Buffer> {
	const run = queue.then(async () => await encode(width, height, segments));
	queue = run.catch(() => undefined);
	return run;
}

async function encode(width: number, height: number, segments: DemoSegment[]): Promise<Buffer> {
	const frameRate = demoFrameRate(width, height);
	const total = segments.reduce((sum, s) => sum + s.seconds, 0) * frameRate;
	const backgrounds: Buffer[] = [];
	let from = 0;
	for (const [i, segment] of segments.entries()) {
		// a stitched video says which part is which: "part 2 of 2 · 4-8 s"
		const caption = segments.length > 1 ? `part ${i + 1} of ${segments.length} · ${from}-${from + segment.seconds} s` : '';
		backgrounds.push(await backgroundFrame(width, height, segment.prompt, caption));
		from += segment.seconds;
	}
	encoder ??= createH264MP4Encoder();
	const h264 = await encoder;
	h264.width = width;
	h264.height = height;
	h264.frameRate = frameRate;
	h264.quantizationParameter = 30;
	h264.speed = 10;
	h264.outputFilename = 'demo.mp4';
	h264.initialize();
	let frame = 0;
	segments.forEach((segment, i) => {
		const picture = Buffer.from(backgrounds[i]);
		for (let f = 0; f < segment.seconds * frameRate; f++) {
			frame += 1;
			withProgressBar(picture, width, height, frame / total);
			h264.addFrameRgba(picture);
		}
	});
	h264.finalize();
	const mp4 = Buffer.from(h264.FS.readFile(h264.outputFilename));
	h264.FS.unlink(h264.outputFilename);
	return mp4;
}

/** The still part of a part's frames, as RGBA: a gradient, the prompt and a caption (rendered by sharp's SVG support). */
async function backgroundFrame(width: number, height: number, prompt: string, caption: string): Promise<Buffer> {
	const fontSize = Math.max(10, Math.round(Math.min(width, height) / 12));
	const lines = wrap(prompt || 'AI video (local fake)', Math.max(8, Math.floor((width * 0.9) / (fontSize * 0.55)))).slice(0, 4);
	const top = height / 2 - ((lines.length - 1) * fontSize * 1.2) / 2;
	const text = lines
		.map(
			(line, i) =>
				`<text x="50%" y="${top + i * fontSize * 1.2}" text-anchor="middle" dominant-baseline="middle">${escapeXml(line)}</text>`,
		)
		.join('');
	const svg =
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
		'<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#1b2a6b"/><stop offset="1" stop-color="#b0306a"/></linearGradient></defs>' +
		'<rect width="100%" height="100%" fill="url(#g)"/>' +
		`<g font-family="DejaVu Sans, Arial, sans-serif" font-size="${fontSize}" fill="#ffffff">${text}</g>` +
		(caption
			? `<text x="3%" y="${fontSize}" font-family="DejaVu Sans, Arial, sans-serif" font-size="${Math.round(fontSize * 0.6)}" fill="#ffffff">${escapeXml(caption)}</text>`
			: '') +
		'</svg>';
	return await sharp(Buffer.from(svg)).ensureAlpha().raw().toBuffer();
}

/** Paints a white bar along the bottom of `frame` (RGBA), `progress` (0..1) of the way across: the rest stays still, so encoding is quick. */
function withProgressBar(frame: Buffer, width: number, height: number, progress: number): void {
	const barHeight = Math.max(4, Math.round(height / 40));
	const filled = Math.round(progress * width);
	for (let y = height - barHeight; y < height; y++) frame.fill(255, y * width * 4, (y * width + filled) * 4);
}

function wrap(text: string, maxChars: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/)) {
		if (line && line.length + 1 + word.length > maxChars) {
			lines.push(line);
			line = word;
		} else {
			line = line ? `${line} ${word}` : word;
		}
	}
	if (line) lines.push(line);
	return lines;
}

function escapeXml(text: string): string {
	return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
