/**
 * The fakes' videos: a real H.264 MP4 made from the request, so a demo run gives a file that plays (in
 * n8n's player, a browser, any video app). A two-second test pattern in the requested shape: a colour
 * gradient with a bar sweeping across and the prompt written on it. Encoded in-process with a WASM x264
 * (h264-mp4-encoder), small (a long side of 320 px) and cached per shape and prompt, so tests stay fast.
 *
 * Asking a fake for `videoBytes` still gives N synthetic bytes (fakeVideoStream): the download benchmark
 * and the streaming tests need large, checkable files, not playable ones.
 */
import { Readable } from 'node:stream';
import { createH264MP4Encoder, type H264MP4Encoder } from 'h264-mp4-encoder';
import sharp from 'sharp';

import type { Reply } from './fakeServer';

export interface DemoVideoRequest {
	/** The requested size or ratio ("1280x720", "1280:720"); the video has its shape. */
	size: string;
	prompt?: string;
}

export const DEMO_VIDEO = {
	/** Pixels on the long side (the short side follows the shape, rounded to even). */
	longSide: 320,
	frameRate: 12,
	frames: 24,
} as const;

const CACHE_LIMIT = 32;
const cache = new Map<string, Promise<Buffer>>();
let encoder: Promise<H264MP4Encoder> | undefined;
/** The WASM encoder and its file system are shared: one encode at a time. */
let queue: Promise<unknown> = Promise.resolve();

/** The demo MP4 for a request (the same bytes for the same shape and prompt). */
export async function demoVideo(request: DemoVideoRequest): Promise<Buffer> {
	const { width, height } = videoSize(request.size);
	const prompt = (request.prompt ?? '').trim();
	const key = `${width}x${height}\n${prompt}`;
	let video = cache.get(key);
	if (!video) {
		video = encodeQueued(width, height, prompt);
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

/** The video's pixel size for a requested size or ratio: its shape, `longSide` on the long side, even numbers. */
export function videoSize(size: string): { width: number; height: number } {
	const match = /^\s*(\d+)\s*[x×:]\s*(\d+)\s*$/i.exec(size);
	const [w, h] = match && Number(match[1]) > 0 && Number(match[2]) > 0 ? [Number(match[1]), Number(match[2])] : [16, 9];
	const scale = DEMO_VIDEO.longSide / Math.max(w, h);
	const even = (n: number) => Math.max(2, 2 * Math.round((n * scale) / 2));
	return { width: even(w), height: even(h) };
}

function encodeQueued(width: number, height: number, prompt: string): Promise<Buffer> {
	const run = queue.then(async () => await encode(width, height, prompt));
	queue = run.catch(() => undefined);
	return run;
}

async function encode(width: number, height: number, prompt: string): Promise<Buffer> {
	const background = await backgroundFrame(width, height, prompt);
	encoder ??= createH264MP4Encoder();
	const h264 = await encoder;
	h264.width = width;
	h264.height = height;
	h264.frameRate = DEMO_VIDEO.frameRate;
	h264.quantizationParameter = 30;
	h264.speed = 10;
	h264.outputFilename = 'demo.mp4';
	h264.initialize();
	for (let i = 0; i < DEMO_VIDEO.frames; i++) h264.addFrameRgba(withSweepingBar(background, width, height, i / DEMO_VIDEO.frames));
	h264.finalize();
	const mp4 = Buffer.from(h264.FS.readFile(h264.outputFilename));
	h264.FS.unlink(h264.outputFilename);
	return mp4;
}

/** The still part of every frame, as RGBA: a gradient and the prompt (rendered by sharp's SVG support). */
async function backgroundFrame(width: number, height: number, prompt: string): Promise<Buffer> {
	const fontSize = Math.max(10, Math.round(Math.min(width, height) / 12));
	const lines = wrap(prompt || 'AI video (local fake)', Math.max(8, Math.floor((width * 0.9) / (fontSize * 0.55)))).slice(0, 4);
	const top = height / 2 - ((lines.length - 1) * fontSize * 1.2) / 2;
	const text = lines
		.map((line, i) => `<text x="50%" y="${top + i * fontSize * 1.2}" text-anchor="middle" dominant-baseline="middle">${escapeXml(line)}</text>`)
		.join('');
	const svg =
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
		'<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#1b2a6b"/><stop offset="1" stop-color="#b0306a"/></linearGradient></defs>' +
		'<rect width="100%" height="100%" fill="url(#g)"/>' +
		`<g font-family="DejaVu Sans, Arial, sans-serif" font-size="${fontSize}" fill="#ffffff">${text}</g>` +
		'</svg>';
	return await sharp(Buffer.from(svg)).ensureAlpha().raw().toBuffer();
}

/** A copy of `background` with a translucent white bar at `progress` (0..1) of the way across. */
function withSweepingBar(background: Buffer, width: number, height: number, progress: number): Buffer {
	const frame = Buffer.from(background);
	const barWidth = Math.max(2, Math.round(width / 10));
	const left = Math.round(progress * (width + barWidth)) - barWidth;
	for (let y = 0; y < height; y++) {
		for (let x = Math.max(0, left); x < Math.min(width, left + barWidth); x++) {
			const o = (y * width + x) * 4;
			for (let c = 0; c < 3; c++) frame[o + c] = (frame[o + c] + 255) >> 1;
		}
	}
	return frame;
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
