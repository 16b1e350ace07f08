/**
 * The video a fake Runway task makes: the pixel size and seconds its request asks for, or, where Runway says the
 * output follows the input (a video to video edit, an upscale, Ruby's HDR, `adaptive`, `auto_*`, a ratio left out
 * where the input decides), the input's shape and length, read from the input MP4 itself (data URI or upload;
 * https URLs are not fetched, so they get DEFAULT_VIDEO_SIZE and DEFAULT_DURATION). Also the files a succeeded task
 * offers (outputFiles) and their bytes (outputFile).
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

import { fakeVideoStream, type Reply } from './common/fakeServer';
import { DEFAULT_VIDEO_SIZE, demoVideoReply, pixelSize, type DemoVideoRequest } from './common/video';
import { DEFAULT_DURATION } from './runwayModels';
import type { FakeRunwayTask } from './runwayTypes';

/** What the output is worked out from: the create's body and the facts of the media it named. */
export interface RunwayOutputTask {
	endpoint: string;
	model: string;
	body: Record<string, unknown>;
	images: ReadonlyArray<{
		path: Array<string | number>;
		kind: 'image' | 'video' | 'audio';
		width?: number;
		height?: number;
		seconds?: number;
	}>;
}

interface Size {
	width: number;
	height: number;
}

/** The input video a model works on (not a mere reference). */
const SOURCE_VIDEO_FIELDS = ['videoUri', 'promptVideo'];
/** Short side in pixels of a `resolution` value or an `auto_<N>p` ratio. */
const SHORT_SIDES: Record<string, number> = { '480p': 480, '720p': 720, '768p': 768, '1k': 1080, '1080p': 1080, '2k': 1440, '4k': 2160 };
/** A model's default resolution where its aspect-ratio labels need one (720p otherwise). */
const DEFAULT_SHORT_SIDE: Record<string, number> = { hailuo3: 768, h3_max: 768 };
/** The Model Router's aspect ratios, as its `resolvedInput.ratio` names them. */
export const ROUTER_RATIOS: Record<string, string> = {
	'16:9': '1280:720',
	'9:16': '720:1280',
	'1:1': '960:960',
	'4:3': '1104:832',
	'3:4': '832:1104',
	'21:9': '1584:672',
};

export function runwayOutputVideo(task: RunwayOutputTask): DemoVideoRequest {
	const { body } = task;
	if (task.endpoint === 'generate/video') {
		const input = body.input as Record<string, unknown>;
		const size = pixelSize(ROUTER_RATIOS[String(input.aspectRatio)] ?? '') ?? DEFAULT_VIDEO_SIZE;
		const seconds = typeof input.duration === 'number' ? input.duration : DEFAULT_DURATION;
		return { ...size, segments: [{ prompt: text(input.promptText), seconds }] };
	}
	const source = sourceVideo(task);
	const prompt = text(body.promptText);
	const size = outputSize(task, source);
	const inputSeconds = Math.round(source?.seconds ?? DEFAULT_DURATION);
	if (body.mode === 'extend') {
		// The input continued: its footage, then `duration` more seconds (or the model's default, 5).
		const added = typeof body.duration === 'number' ? body.duration : DEFAULT_DURATION;
		return {
			...size,
			segments: [
				{ prompt: `The input video (${inputSeconds} s)`, seconds: inputSeconds },
				{ prompt, seconds: added },
			],
		};
	}
	return { ...size, segments: [{ prompt, seconds: outputSeconds(task, source, inputSeconds) }] };
}

const OUTPUT_TYPES: Record<string, string> = {
	mp4: 'video/mp4',
	mov: 'video/quicktime',
	zip: 'application/zip',
	wav: 'audio/wav',
	json: 'application/json',
};

/**
 * The files a succeeded task offers, as Runway describes outputFormat: the main file first, then sidecars (a
 * separate .wav "when the output has audio": here, a video to video task, whose input video brings its sound).
 */
export function outputFiles(task: FakeRunwayTask): string[] {
	const format = typeof task.body.outputFormat === 'string' ? task.body.outputFormat : 'mp4';
	if (task.endpoint === 'video_to_hdr') {
		// Ruby: one file per delivery; an EXR zip carries its frames, colorimetry, provenance and audio inside.
		if (format === 'hdr_prores') return [`${task.id}.mov`];
		return [format.startsWith('hdr_exr') ? `${task.id}.zip` : `${task.id}.mp4`];
	}
	const audio = task.body.audio === true || task.endpoint === 'video_to_video';
	if (format === 'prores' || format === 'hdr_prores' || format === 'hdr_pq_12bit_master') return [`${task.id}.mov`];
	if (format === 'png_sequence') return [`${task.id}.zip`, ...(audio ? [`${task.id}_audio.wav`] : [])];
	if (/^hdr_(png|exr)/.test(format)) return [`${task.id}.zip`, `${task.id}_colorimetry.json`, ...(audio ? [`${task.id}_audio.wav`] : [])];
	return [`${task.id}.mp4`];
}

/**
 * The bytes of one output file of a task: the video a task made (or `videoBytes` synthetic bytes when set), or
 * the sidecar files of other formats.
 */
export function outputFile(task: FakeRunwayTask, file: string, videoBytes: number | undefined): Reply | Promise<Reply> {
	const extension = file.split('.').pop() ?? '';
	const type = OUTPUT_TYPES[extension] ?? 'application/octet-stream';
	if (extension === 'mp4' || extension === 'mov') {
		// A playable H.264 MP4 of the size and length the task asked for, unless the test asked for N synthetic bytes.
		if (videoBytes === undefined) return demoVideoReply(runwayOutputVideo(task), type);
		return { status: 200, headers: { 'content-type': type }, stream: fakeVideoStream(videoBytes), length: videoBytes };
	}
	const bytes =
		extension === 'json'
			? Buffer.from(JSON.stringify({ colorPrimaries: 'bt2020', transfer: 'smpte2084', taskId: task.id }))
			: extension === 'zip'
				? Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), randomBytes(4096)])
				: Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVEfmt ', 'latin1'), randomBytes(2048)]);
	return { status: 200, headers: { 'content-type': type }, stream: Readable.from([bytes]), length: bytes.length };
}

function outputSize(task: RunwayOutputTask, source: RunwayOutputTask['images'][number] | undefined): Size {
	const { body } = task;
	const input = source?.width && source.height ? { width: source.width, height: source.height } : undefined;
	const ratio = typeof body.ratio === 'string' ? body.ratio : '';
	const exact = pixelSize(ratio);
	if (exact && Math.min(exact.width, exact.height) >= 100) return exact;
	const shortSide = SHORT_SIDES[String(body.resolution ?? '').toLowerCase()] ?? DEFAULT_SHORT_SIDE[task.model] ?? 720;
	if (exact) return withShortSide(exact, shortSide);
	const auto = /^auto_(\d+p)$/.exec(ratio);
	if (auto) return withShortSide(firstImage(task) ?? DEFAULT_VIDEO_SIZE, SHORT_SIDES[auto[1]] ?? shortSide);
	if (task.endpoint === 'video_upscale' && task.model === 'magnific_video_upscaler_creative') {
		return withShortSide(input ?? DEFAULT_VIDEO_SIZE, SHORT_SIDES[String(body.resolution ?? '2k').toLowerCase()] ?? 1440);
	}
	const target = pixelSize(String(body.targetAspectRatio ?? ''));
	if (target) return letterboxed(input ?? DEFAULT_VIDEO_SIZE, target);
	if (input) return input;
	// `adaptive` or no ratio: the shape of the image it starts from (the character for Act-Two) at the model's resolution.
	return withShortSide(firstImage(task) ?? DEFAULT_VIDEO_SIZE, shortSide);
}

function outputSeconds(task: RunwayOutputTask, source: RunwayOutputTask['images'][number] | undefined, inputSeconds: number): number {
	const duration = task.body.duration;
	if (typeof duration === 'number') return duration;
	if (source) return inputSeconds;
	// Act-Two plays the performance of its reference video.
	const performance = task.images.find((m) => m.kind === 'video' && m.path[0] === 'reference');
	if (performance?.seconds) return Math.round(performance.seconds);
	return DEFAULT_DURATION;
}

function sourceVideo(task: RunwayOutputTask): RunwayOutputTask['images'][number] | undefined {
	return task.images.find((m) => m.kind === 'video' && SOURCE_VIDEO_FIELDS.includes(String(m.path[0])));
}

/** The first image (or character video) with known pixels: what a ratio that follows the input follows. */
function firstImage(task: RunwayOutputTask): Size | undefined {
	const media = task.images.find((m) => m.kind !== 'audio' && m.width && m.height);
	return media ? { width: media.width!, height: media.height! } : undefined;
}

/** `shape`'s aspect with its short side `shortSide` px. */
function withShortSide(shape: Size, shortSide: number): Size {
	const scale = shortSide / Math.min(shape.width, shape.height);
	return { width: Math.round(shape.width * scale), height: Math.round(shape.height * scale) };
}

/** `size` padded (never cropped) to the aspect of `target`. */
function letterboxed(size: Size, target: Size): Size {
	const aspect = target.width / target.height;
	return size.width / size.height < aspect
		? { width: Math.round(size.height * aspect), height: size.height }
		: { width: size.width, height: Math.round(size.width / aspect) };
}

function text(value: unknown): string {
	return typeof value === 'string' ? value : '';
}
