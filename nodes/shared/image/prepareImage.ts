import sharp from 'sharp';
import type { Metadata, OutputInfo, Sharp } from 'sharp';

interface RGBA {
	r: number;
	g: number;
	b: number;
	alpha: number;
}

import { ImageError } from './errors';
import { closestAspect, sizeKey } from './presets';
import type { Size } from './presets';
import { priorGuess, searchQuality } from './quality';
import type { QualityResult } from './quality';

export type Fit = 'cover' | 'contain' | 'fill';
export type CropPosition =
	| 'centre'
	| 'attention'
	| 'entropy'
	| 'top'
	| 'bottom'
	| 'left'
	| 'right';
export type PadStyle = 'color' | 'blur';
export type OutputFormat = 'jpeg' | 'webp' | 'png';

export interface PrepareOptions {
	/** An exact size, or the candidate sizes ("WxH") to choose from by closest aspect ratio. */
	target: Size | { auto: string[] };
	fit: Fit;
	/** Cover only: which part of the image to keep. */
	position?: CropPosition;
	/** Contain only: what fills the bars. */
	padStyle?: PadStyle;
	/** Bars (contain) and flattened transparency (JPEG): a CSS colour, default black. */
	background?: string;
	format?: OutputFormat;
	/** Byte cap; none when undefined. */
	maxBytes?: number;
	/** Count the cap on the data URI (`data:<mime>;base64,...`) instead of the raw bytes. */
	countBase64?: boolean;
	minQuality?: number;
	maxQuality?: number;
	/** Refuse inputs with more pixels than this (default 120 megapixels). */
	maxInputPixels?: number;
}

export interface PrepareInfo {
	originalWidth: number;
	originalHeight: number;
	originalBytes: number;
	originalFormat: string;
	width: number;
	height: number;
	bytes: number;
	format: OutputFormat;
	mimeType: string;
	/** The encoder quality used; null for lossless PNG. */
	quality: number | null;
	/** Length of the data URI this image makes (what Runway counts against its 5 MB limit). */
	dataUriLength: number;
	base64Length: number;
	/** Full-size encodes the quality search needed. */
	encodes: number;
	/** Quarter-size sample encodes used to aim the search (cheap: see bandSample). */
	sampleEncodes: number;
	fit: Fit;
	target: string;
	maxBytes: number | null;
	countBase64: boolean;
	/** The input was already exactly this: same size and format, plain 8-bit sRGB, no metadata, under the cap. */
	unchanged: boolean;
}

export interface PreparedImage {
	data: Buffer;
	info: PrepareInfo;
}

export const DEFAULT_MAX_INPUT_PIXELS = 120_000_000;

const MIME_TYPES: Record<OutputFormat, string> = { jpeg: 'image/jpeg', webp: 'image/webp', png: 'image/png' };

/** The usual file extension of an image format ("jpeg" -> "jpg"). */
export function fileExtension(format: string): string {
	return format === 'jpeg' ? 'jpg' : format;
}

export function dataUriLength(bytes: number, mimeType: string): number {
	return `data:${mimeType};base64,`.length + 4 * Math.ceil(bytes / 3);
}

/**
 * Makes `input` exactly the target size and, when a cap is given, no larger than the cap, at the highest
 * quality that fits. Decodes, orients and resizes once; the quality search then re-encodes only the
 * resized pixels. Throws ImageError for anything the user must fix; never returns a wrong size or an
 * image over the cap.
 */
export async function prepareImage(input: Buffer, options: PrepareOptions): Promise<PreparedImage> {
	const format = options.format ?? 'jpeg';
	const minQuality = options.minQuality ?? 40;
	const maxQuality = options.maxQuality ?? 95;
	checkOptions(options, minQuality, maxQuality);

	const original = await readHeader(input, options.maxInputPixels ?? DEFAULT_MAX_INPUT_PIXELS);
	const target = 'auto' in options.target ? closestAspect(original, options.target.auto) : options.target;
	const pixels = await resizeToRaw(input, target, format, options);
	if (pixels.info.width !== target.width || pixels.info.height !== target.height) {
		throw new Error(`Resize produced ${pixels.info.width}x${pixels.info.height}, not ${sizeKey(target)}`);
	}

	const mimeType = MIME_TYPES[format];
	const measure = (bytes: number) => (options.countBase64 ? dataUriLength(bytes, mimeType) : bytes);
	// Already right (say, the output of this very node, fitted again by a video node): re-encoding would only
	// lose quality. The decode above has still proved the file whole.
	const unchanged = isAlreadyPrepared(original.metadata, target, format) && (options.maxBytes === undefined || measure(input.length) <= options.maxBytes);
	const encoded = unchanged
		? { data: input, quality: null, encodes: 0, sampleEncodes: 0 }
		: await encodeWithinCap(pixels, format, options.maxBytes, measure, minQuality, maxQuality);

	const info: PrepareInfo = {
		originalWidth: original.width,
		originalHeight: original.height,
		originalBytes: input.length,
		originalFormat: original.format,
		width: target.width,
		height: target.height,
		bytes: encoded.data.length,
		format,
		mimeType,
		quality: encoded.quality,
		dataUriLength: dataUriLength(encoded.data.length, mimeType),
		base64Length: 4 * Math.ceil(encoded.data.length / 3),
		encodes: encoded.encodes,
		sampleEncodes: encoded.sampleEncodes,
		fit: options.fit,
		target: sizeKey(target),
		maxBytes: options.maxBytes ?? null,
		countBase64: options.countBase64 ?? false,
		unchanged,
	};
	return { data: encoded.data, info };
}

function checkOptions(options: PrepareOptions, minQuality: number, maxQuality: number): void {
	if (!('auto' in options.target)) {
		const { width, height } = options.target;
		if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > 8192 || height > 8192) {
			throw new ImageError('BAD_OPTION', `The target size ${width}x${height} is not usable`, 'Width and height must be whole numbers from 1 to 8192.');
		}
	}
	if (!(minQuality >= 1 && maxQuality <= 100 && minQuality <= maxQuality)) {
		throw new ImageError('BAD_OPTION', `The quality range ${minQuality}-${maxQuality} is not usable`, 'Minimum and maximum quality must be from 1 to 100, the minimum not above the maximum.');
	}
	if (options.maxBytes !== undefined && !(options.maxBytes > 0)) {
		throw new ImageError('BAD_OPTION', `The size cap ${options.maxBytes} bytes is not usable`, 'Set Max File Size to a positive number of KB, or 0 for no cap.');
	}
}

async function readHeader(input: Buffer, maxPixels: number): Promise<Size & { format: string; metadata: Metadata }> {
	if (input.length === 0) {
		throw new ImageError('EMPTY_INPUT', 'The image is empty (0 bytes)', 'Check the node before this one: it passed a file with no content.');
	}
	let metadata: Metadata;
	try {
		metadata = await sharp(input, { limitInputPixels: false }).metadata();
	} catch {
		throw new ImageError(
			'NOT_AN_IMAGE',
			`The file is not an image this node can read (${describeBytes(input)})`,
			'Send a JPEG, PNG, WebP, GIF, AVIF, TIFF or SVG image. HEIC photos must be converted first (e.g. set the iPhone camera to "Most Compatible").',
		);
	}
	const width = metadata.autoOrient?.width ?? metadata.width;
	const height = metadata.autoOrient?.height ?? metadata.height;
	if (!width || !height) {
		throw new ImageError('NOT_AN_IMAGE', 'The image has no readable width and height', 'Re-export the image as JPEG or PNG.');
	}
	if (width * height > maxPixels) {
		throw new ImageError(
			'TOO_MANY_PIXELS',
			`The image is ${width}x${height} (${Math.round((width * height) / 1e6)} megapixels), over the ${Math.round(maxPixels / 1e6)} megapixel limit`,
			'Such images are usually a mistake or a decompression bomb; scale it down before this node if it is real.',
		);
	}
	return { width, height, format: metadata.format ?? 'unknown', metadata };
}

/** Whether the input needs no work at all: already the target, in the output format, with nothing to strip. */
function isAlreadyPrepared(metadata: Metadata, target: Size, format: OutputFormat): boolean {
	return (
		metadata.format === format &&
		metadata.width === target.width &&
		metadata.height === target.height &&
		(metadata.orientation ?? 1) === 1 &&
		(metadata.pages ?? 1) === 1 &&
		!metadata.isPalette &&
		metadata.space === 'srgb' &&
		metadata.depth === 'uchar' &&
		!(format === 'jpeg' && metadata.hasAlpha) &&
		!metadata.exif &&
		!metadata.xmp &&
		!metadata.iptc &&
		!metadata.icc
	);
}

function describeBytes(input: Buffer): string {
	const text = input.subarray(0, 64).toString('latin1');
	if (/^\s*[{[]/.test(text)) return 'it looks like JSON';
	if (/^\s*<(!doctype|html)/i.test(text)) return 'it looks like an HTML page';
	if (text.slice(4, 12) === 'ftypheic' || text.slice(4, 12) === 'ftypheix' || text.slice(4, 12) === 'ftypmif1') return 'it is a HEIC photo';
	if (text.slice(4, 8) === 'ftyp') return 'it looks like a video';
	return `${input.length} bytes, unknown format`;
}

interface RawPixels {
	data: Buffer;
	info: OutputInfo;
}

/** Decode (shrinking JPEGs on load), orient, fit to the target, flatten where needed: 8-bit sRGB pixels. */
async function resizeToRaw(input: Buffer, target: Size, format: OutputFormat, options: PrepareOptions): Promise<RawPixels> {
	const background = parseColour(options.background ?? '#000000');
	const keepAlpha = format !== 'jpeg';
	try {
		let image = decode(input);
		if (options.fit === 'contain' && options.padStyle === 'blur') {
			return await padWithBlur(image, target, keepAlpha, background);
		}
		image = image.resize(target.width, target.height, {
			fit: options.fit,
			position: options.fit === 'cover' ? cropPosition(options.position) : undefined,
			background,
		});
		return await toRaw(image, keepAlpha, background);
	} catch (error) {
		throw decodeError(error);
	}
}

function decode(input: Buffer): Sharp {
	// limitInputPixels was checked on the header already; 'truncated' rejects cut-off files without
	// failing on the harmless warnings many real-world JPEGs carry.
	return sharp(input, { limitInputPixels: false, failOn: 'truncated', autoOrient: true });
}

async function toRaw(image: Sharp, keepAlpha: boolean, background: RGBA): Promise<RawPixels> {
	let pipeline = image;
	if (!keepAlpha) pipeline = pipeline.flatten({ background });
	pipeline = pipeline.toColourspace('srgb');
	if (!keepAlpha) pipeline = pipeline.removeAlpha();
	const { data, info } = await pipeline.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
	return { data, info };
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

function parseColour(colour: string): RGBA {
	const hex = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
	if (!hex) {
		throw new ImageError('BAD_OPTION', `"${colour}" is not a colour`, 'Use a hex colour such as #000000 (black) or #ffffff (white).');
	}
	const digits = hex[1].length === 3 ? [...hex[1]].map((d) => d + d).join('') : hex[1];
	return {
		r: parseInt(digits.slice(0, 2), 16),
		g: parseInt(digits.slice(2, 4), 16),
		b: parseInt(digits.slice(4, 6), 16),
		alpha: 1,
	};
}

function decodeError(error: unknown): Error {
	if (error instanceof ImageError) return error;
	const message = (error as Error).message ?? String(error);
	if (/premature end|truncated|unexpected end|corrupt|invalid|read error|not a|bad/i.test(message)) {
		return new ImageError('CORRUPT_IMAGE', `The image could not be decoded: it is truncated or corrupt (${message.trim()})`, 'Download or export the image again; a partial download is the usual cause.');
	}
	return error as Error;
}

interface Encoded {
	data: Buffer;
	quality: number | null;
	encodes: number;
	sampleEncodes: number;
}

/** Counts an encoded size the way the cap does: raw bytes, or the length of the data URI. */
type SizeMeasure = (bytes: number) => number;

async function encodeWithinCap(
	pixels: RawPixels,
	format: OutputFormat,
	maxBytes: number | undefined,
	measure: SizeMeasure,
	minQuality: number,
	maxQuality: number,
): Promise<Encoded> {
	const fromRaw = (image: RawPixels) =>
		sharp(image.data, { raw: { width: image.info.width, height: image.info.height, channels: image.info.channels } });

	if (format === 'png') {
		const lossless = await fromRaw(pixels).png().toBuffer();
		if (maxBytes === undefined || measure(lossless.length) <= maxBytes) {
			return { data: lossless, quality: null, encodes: 1, sampleEncodes: 0 };
		}
		// Over the cap losslessly: quantise to a palette, searching its quality like JPEG's.
		const result = await searchQuality({
			encode: (quality) => fromRaw(pixels).png({ palette: true, quality, effort: 1 }).toBuffer(),
			measure: (data) => measure(data.length),
			cap: maxBytes,
			minQuality,
			maxQuality,
		});
		return finish(result, maxBytes, format, 1);
	}

	const encodeImage = (image: RawPixels, quality: number) =>
		format === 'jpeg' ? fromRaw(image).jpeg({ quality }).toBuffer() : fromRaw(image).webp({ quality }).toBuffer();
	if (maxBytes === undefined) {
		return { data: await encodeImage(pixels, maxQuality), quality: maxQuality, encodes: 1, sampleEncodes: 0 };
	}
	const sample = bandSample(pixels);
	const result = await searchQuality({
		encode: (quality) => encodeImage(pixels, quality),
		measure: (data) => measure(data.length),
		predict: sample ? async (quality) => measure((await encodeImage(sample.pixels, quality)).length * sample.scale) : undefined,
		cap: maxBytes,
		minQuality,
		maxQuality,
		guess: priorGuess(pixels.info.width * pixels.info.height, maxBytes, format),
	});
	return finish(result, maxBytes, format, 0);
}

const BAND_ROWS = 16;
const BAND_STRIDE = 4;

/**
 * Every 4th band of 16 rows (a whole number of JPEG MCUs and WebP macroblocks, so the seams add no block
 * edges): a quarter of the image with the same mix of detail, which encodes in a quarter of the time and
 * predicts the full size to within a few per cent. Undefined for images too small to be worth it.
 */
function bandSample(pixels: RawPixels): { pixels: RawPixels; scale: number } | undefined {
	const { width, height, channels } = pixels.info;
	if (height < BAND_ROWS * BAND_STRIDE * 4) return undefined;
	const rowBytes = width * channels;
	const bands: Buffer[] = [];
	for (let top = 0; top + BAND_ROWS <= height; top += BAND_ROWS * BAND_STRIDE) {
		bands.push(pixels.data.subarray(top * rowBytes, (top + BAND_ROWS) * rowBytes));
	}
	const rows = bands.length * BAND_ROWS;
	return {
		pixels: { data: Buffer.concat(bands), info: { ...pixels.info, height: rows } },
		scale: height / rows,
	};
}

function finish(result: QualityResult, maxBytes: number, format: OutputFormat, earlierEncodes: number): Encoded {
	if (!result.fits) {
		throw new ImageError(
			'CAP_UNREACHABLE',
			`Even at quality ${result.quality} the ${format.toUpperCase()} is ${formatKb(result.size)}, over the ${formatKb(maxBytes)} cap`,
			`Raise Max File Size, lower Minimum Quality${format === 'webp' ? '' : ', use WebP (smaller at the same quality)'}, or choose a smaller target size.`,
		);
	}
	return { data: result.data, quality: result.quality, encodes: result.encodes + earlierEncodes, sampleEncodes: result.predictions };
}

function formatKb(bytes: number): string {
	return `${(bytes / 1024).toFixed(1)} KB`;
}
