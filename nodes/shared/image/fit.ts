/**
 * Fitting: decode (oriented), resize to the exact target by cover, contain (bars or a blurred backdrop) or
 * fill, flatten where the output format has no alpha: 8-bit sRGB pixels ready to encode.
 */
import sharp from 'sharp';
import type { Metadata, OutputInfo, Sharp } from 'sharp';

import { parseColour } from './colour';
import type { RGBA } from './colour';
import { ImageError } from './errors';
import type { OutputFormat } from './formats';
import type { Size } from './geometry';

export type Fit = 'cover' | 'contain' | 'fill';
export type CropPosition = 'centre' | 'attention' | 'entropy' | 'top' | 'bottom' | 'left' | 'right';
export type PadStyle = 'color' | 'blur';

export interface FitOptions {
	fit: Fit;
	/** Cover only: which part of the image to keep. */
	position?: CropPosition;
	/** Contain only: what fills the bars. */
	padStyle?: PadStyle;
	/** Bars (contain) and flattened transparency (JPEG): a CSS colour, default black. */
	background?: string;
}

export interface RawPixels {
	data: Buffer;
	info: OutputInfo;
}

/**
 * Decode (shrinking JPEGs on load), orient, fit to the target, flatten where needed: 8-bit sRGB pixels.
 * `metadata` (the input's header, when the caller has read it) lets a small picture that is enlarged be
 * resized on two cores (see enlargeInHalves).
 */
export async function resizeToRaw(
	input: Buffer,
	target: Size,
	format: OutputFormat,
	options: FitOptions,
	metadata?: Metadata,
): Promise<RawPixels> {
	const background = parseColour(options.background ?? '#000000');
	const keepAlpha = format !== 'jpeg';
	try {
		if (options.fit === 'contain' && options.padStyle === 'blur') {
			return await padWithBlur(decode(input), target, keepAlpha, background);
		}
		const fit = fitter(target, options, background);
		if (metadata && worthHalves(metadata, target, options)) {
			if (worthDoubling(metadata, target, options)) return await enlargeByDoubling(input, metadata, target, options, keepAlpha, background);
			return await enlargeInHalves(input, target, fit, keepAlpha, background);
		}
		return await toRaw(fit(decode(input)), keepAlpha, background);
	} catch (error) {
		throw decodeError(error);
	}
}

/**
 * The pipeline resizeToRaw runs, ending in an encoder instead of raw pixels: decode, resize and encode overlap,
 * with exactly the pixels resizeToRaw gives (test/unit/image/fastPaths.test.ts). Not for blurred bars.
 */
export async function resizeAndEncode(
	input: Buffer,
	target: Size,
	format: OutputFormat,
	options: FitOptions,
	encoder: (image: Sharp) => Sharp,
): Promise<RawPixels> {
	const background = parseColour(options.background ?? '#000000');
	try {
		const { data, info } = await encoder(srgb(fitter(target, options, background)(decode(input)), format !== 'jpeg', background)).toBuffer({
			resolveWithObject: true,
		});
		return { data, info };
	} catch (error) {
		throw decodeError(error);
	}
}

function fitter(target: Size, options: FitOptions, background: RGBA): (image: Sharp) => Sharp {
	return (image) =>
		image.resize(target.width, target.height, {
			fit: options.fit,
			position: options.fit === 'cover' ? cropPosition(options.position) : undefined,
			background,
		});
}

/**
 * Enlarging is libvips' slowest step by far (an affine with a bicubic interpolator: a 1280 px photo made
 * 1792x1024 costs ten times its decode, several times Pillow's separable filter). It runs on one
 * thread per pipeline, so the output's top and bottom halves are made by two pipelines at once from the same
 * decoded pixels: the same pixels one pipeline makes (each output pixel depends only on the input), in about
 * half the time on two cores, without touching sharp's process-wide thread setting.
 * Only where that holds exactly (test/unit/image/fastPaths.test.ts): an 8-bit sRGB picture (a grey one gets
 * grey bars from raw pixels) stored upright (sharp turns an EXIF-rotated one after resizing), cropped at a fixed
 * position (a smart crop looks at the whole image).
 */
export function worthHalves(metadata: Metadata, target: Size, options: FitOptions): boolean {
	return (
		target.width * target.height > (metadata.width ?? Infinity) * (metadata.height ?? Infinity) &&
		target.height >= 64 &&
		(metadata.orientation ?? 1) === 1 &&
		metadata.depth === 'uchar' &&
		metadata.space === 'srgb' &&
		(metadata.pages ?? 1) === 1 &&
		!(options.fit === 'cover' && (options.position === 'attention' || options.position === 'entropy'))
	);
}

/**
 * Enlarging by less than 2x (a Telegram photo made 1792x1024, a 1000 px drawing made 1280x720): libvips' affine
 * enlarge is slow and puts the picture half an output pixel off (an edge between source pixels x-1 and x lands
 * on output pixel x*f, not between two). Doubling every pixel (exact, nothing moves) and then reducing with
 * lanczos3 (libvips' fast separable reduce, centred like Pillow's) takes under half the time; against the truth
 * (a large photo fitted straight to the target, against it made small and enlarged again) its SSIM equals
 * Pillow's bicubic, where the affine loses up to 0.011. Near 2x the reduce does little and the doubled pixels
 * show (at exactly 2x it is plain pixel replication, SSIM below the affine's), so above 1.95x the affine stays.
 * Same input rules as the halves, for a fill or a cover cut from the middle; the doubled picture is held in memory,
 * so only for targets up to 4 megapixels.
 */
const MAX_DOUBLING_SCALE = 1.95;

export function worthDoubling(metadata: Metadata, target: Size, options: FitOptions): boolean {
	const scales = [target.width / (metadata.width ?? Infinity), target.height / (metadata.height ?? Infinity)];
	const centred = options.fit === 'fill' || (options.fit === 'cover' && (options.position ?? 'centre') === 'centre');
	return (
		centred &&
		worthHalves(metadata, target, options) &&
		Math.max(...scales) > 1 &&
		Math.max(...scales) <= MAX_DOUBLING_SCALE &&
		target.width * target.height <= 4_200_000
	);
}

async function enlargeByDoubling(
	input: Buffer,
	metadata: Metadata,
	target: Size,
	options: FitOptions,
	keepAlpha: boolean,
	background: RGBA,
): Promise<RawPixels> {
	const { width, height } = { width: metadata.width!, height: metadata.height! };
	const doubled = await decode(input)
		.resize(2 * width, 2 * height, { fit: 'fill', kernel: 'nearest' })
		.raw()
		.toBuffer({ resolveWithObject: true });
	const image = sharp(doubled.data, { raw: { width: doubled.info.width, height: doubled.info.height, channels: doubled.info.channels } });
	if (options.fit === 'fill') return await toRaw(image.resize(target.width, target.height, { fit: 'fill' }), keepAlpha, background);
	// Cover, cut from the middle here: sharp's own cover rounds the scaled size so that the cut lands a row off the
	// middle now and then, on the doubled picture differently from the original.
	const scale = Math.max(target.width / width, target.height / height);
	const scaled = { width: Math.max(target.width, Math.round(width * scale)), height: Math.max(target.height, Math.round(height * scale)) };
	const cut = {
		left: Math.floor((scaled.width - target.width) / 2),
		top: Math.floor((scaled.height - target.height) / 2),
		width: target.width,
		height: target.height,
	};
	return await toRaw(image.resize(scaled.width, scaled.height, { fit: 'fill' }).extract(cut), keepAlpha, background);
}

async function enlargeInHalves(
	input: Buffer,
	target: Size,
	fit: (image: Sharp) => Sharp,
	keepAlpha: boolean,
	background: RGBA,
): Promise<RawPixels> {
	const decoded = await decode(input).raw().toBuffer({ resolveWithObject: true });
	const { width, height, channels } = decoded.info;
	// extract() after resize() cuts the fitted image.
	const half = (top: number, rows: number) =>
		toRaw(
			fit(sharp(decoded.data, { raw: { width, height, channels } })).extract({ left: 0, top, width: target.width, height: rows }),
			keepAlpha,
			background,
		);
	const middle = Math.floor(target.height / 2);
	const [upper, lower] = await Promise.all([half(0, middle), half(middle, target.height - middle)]);
	const data = Buffer.concat([upper.data, lower.data]);
	return { data, info: { ...upper.info, height: target.height, size: data.length } };
}

function decode(input: Buffer): Sharp {
	// limitInputPixels was checked on the header already; 'truncated' rejects cut-off files without
	// failing on the harmless warnings many real-world JPEGs carry.
	return sharp(input, { limitInputPixels: false, failOn: 'truncated', autoOrient: true });
}

async function toRaw(image: Sharp, keepAlpha: boolean, background: RGBA): Promise<RawPixels> {
	const { data, info } = await srgb(image, keepAlpha, background).raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
	return { data, info };
}

function srgb(image: Sharp, keepAlpha: boolean, background: RGBA): Sharp {
	let pipeline = image;
	if (!keepAlpha) pipeline = pipeline.flatten({ background });
	pipeline = pipeline.toColourspace('srgb');
	if (!keepAlpha) pipeline = pipeline.removeAlpha();
	return pipeline;
}

/** Contain over a blurred, enlarged copy of the same image, the look video apps use for portrait photos. */
async function padWithBlur(image: Sharp, target: Size, keepAlpha: boolean, background: RGBA): Promise<RawPixels> {
	const inner = await toRaw(image.resize(target.width, target.height, { fit: 'inside' }), keepAlpha, background);
	const rawInput = { raw: { width: inner.info.width, height: inner.info.height, channels: inner.info.channels } };
	const sigma = Math.max(8, Math.round(Math.max(target.width, target.height) / 40));
	const backdrop = await sharp(inner.data, rawInput)
		.resize(target.width, target.height, { fit: 'cover' })
		.blur(sigma)
		.modulate({ brightness: 0.8 })
		.raw()
		.toBuffer();
	const composed = sharp(backdrop, { raw: { width: target.width, height: target.height, channels: inner.info.channels } }).composite([
		{
			input: inner.data,
			raw: rawInput.raw,
			left: Math.floor((target.width - inner.info.width) / 2),
			top: Math.floor((target.height - inner.info.height) / 2),
		},
	]);
	return await toRaw(composed, keepAlpha, background);
}

function cropPosition(position: CropPosition | undefined): string | number {
	switch (position ?? 'centre') {
		case 'attention':
			return sharp.strategy.attention;
		case 'entropy':
			return sharp.strategy.entropy;
		default:
			return position ?? 'centre';
	}
}

function decodeError(error: unknown): Error {
	if (error instanceof ImageError) return error;
	const message = (error as Error).message ?? String(error);
	if (/premature end|truncated|unexpected end|corrupt|invalid|read error|not a|bad/i.test(message)) {
		return new ImageError(
			'CORRUPT_IMAGE',
			`The image could not be decoded: it is truncated or corrupt (${message.trim()})`,
			'Download or export the image again; a partial download is the usual cause.',
		);
	}
	return error as Error;
}
