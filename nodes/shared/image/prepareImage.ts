/**
 * The image core's entry point: make an image exactly a target size and under a byte cap, at the highest
 * quality that fits. The work is split by concern: inputChecks (is it an image, how big), fit (crop, pad,
 * stretch, colour), encode (quality under a cap). The only place in the package that uses sharp.
 */
import { encodeWithinCap } from './encode';
import type { Encoded, SizeMeasure } from './encode';
import { dataUriLength, MIME_TYPES } from './formats';
import type { OutputFormat } from './formats';
import { ImageError } from './errors';
import { resizeAndEncode, resizeToRaw, worthHalves } from './fit';
import type { Fit, FitOptions, RawPixels } from './fit';
import { DEFAULT_MAX_INPUT_PIXELS, isAlreadyPrepared, readHeader } from './inputChecks';
import { closestAspect, sizeKey } from './geometry';
import type { Size } from './geometry';
import { estimateTopJpegBytes } from './topEstimate';

export type { CropPosition, Fit, PadStyle } from './fit';
export type { OutputFormat } from './formats';
export { dataUriLength, fileExtension } from './formats';
export { DEFAULT_MAX_INPUT_PIXELS, inspectImage } from './inputChecks';

export interface PrepareOptions extends FitOptions {
	/** An exact size, or the candidate sizes ("WxH") to choose from by closest aspect ratio. */
	target: Size | { auto: string[] };
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
	const mimeType = MIME_TYPES[format];
	const measure = (bytes: number) => (options.countBase64 ? dataUriLength(bytes, mimeType) : bytes);
	// Already right (say, the output of this very node, fitted again by a video node): re-encoding would only
	// lose quality. The decode below still proves the file whole.
	const unchanged =
		isAlreadyPrepared(original.metadata, target, format) && (options.maxBytes === undefined || measure(input.length) <= options.maxBytes);

	const direct = unchanged ? undefined : await topInOnePipeline(input, original, target, format, options, measure, maxQuality);
	let encoded: Encoded;
	if (direct?.fits) {
		encoded = direct.encoded;
	} else {
		const pixels = expectSize(await resizeToRaw(input, target, format, options, original.metadata), target);
		encoded = unchanged
			? { data: input, quality: null, encodes: 0, sampleEncodes: 0 }
			: await encodeWithinCap(pixels, format, options.maxBytes, measure, minQuality, maxQuality, direct !== undefined);
	}

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

/**
 * JPEG at the top quality in one pipeline from the file, decode, resize and encode overlapping as in sharp's own
 * one-encode floor (no raw pixels in between, no samples): always without a cap (one optimised encode, as
 * encodeWithinCap makes), and under a cap where the header says the top quality fits with standard Huffman tables
 * (topEstimate.ts; the very file encodeJpeg's quick top encode makes). When it does not fit after all, the usual
 * path decodes again, so that is only risked where it costs little: a source at most twice the target's pixels,
 * or an estimate under half the cap. Not where resizeToRaw enlarges in its own ways (in halves, or by doubling
 * the pixels) or blurs the bars. Undefined when not tried.
 */
async function topInOnePipeline(
	input: Buffer,
	original: Awaited<ReturnType<typeof readHeader>>,
	target: Size,
	format: OutputFormat,
	options: PrepareOptions,
	measure: SizeMeasure,
	maxQuality: number,
): Promise<{ encoded: Encoded; fits: boolean } | undefined> {
	const { metadata } = original;
	if (format !== 'jpeg' || (options.fit === 'contain' && options.padStyle === 'blur') || worthHalves(metadata, target, options))
		return undefined;
	const encode = async (optimiseCoding: boolean) => {
		const { data } = expectSize(
			await resizeAndEncode(input, target, format, options, (image) => image.jpeg({ quality: maxQuality, optimiseCoding })),
			target,
		);
		return { data, quality: maxQuality, encodes: 1, sampleEncodes: 0 };
	};
	if (options.maxBytes === undefined) return metadata.depth === 'uchar' ? { encoded: await encode(true), fits: true } : undefined;

	const stored = { width: metadata.width ?? 0, height: metadata.height ?? 0 };
	const estimate = original.format === 'jpeg' ? estimateTopJpegBytes(input, stored, target, maxQuality) : undefined;
	if (estimate === undefined || measure(estimate) > options.maxBytes) return undefined;
	if (stored.width * stored.height > 2 * target.width * target.height && measure(estimate) > options.maxBytes / 2) return undefined;
	const encoded = await encode(false);
	return { encoded, fits: measure(encoded.data.length) <= options.maxBytes };
}

function expectSize(pixels: RawPixels, target: Size): RawPixels {
	if (pixels.info.width !== target.width || pixels.info.height !== target.height) {
		throw new Error(`Resize produced ${pixels.info.width}x${pixels.info.height}, not ${sizeKey(target)}`);
	}
	return pixels;
}

function checkOptions(options: PrepareOptions, minQuality: number, maxQuality: number): void {
	if (!('auto' in options.target)) {
		const { width, height } = options.target;
		if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > 8192 || height > 8192) {
			throw new ImageError(
				'BAD_OPTION',
				`The target size ${width}x${height} is not usable`,
				'Width and height must be whole numbers from 1 to 8192.',
			);
		}
	}
	if (!(minQuality >= 1 && maxQuality <= 100 && minQuality <= maxQuality)) {
		throw new ImageError(
			'BAD_OPTION',
			`The quality range ${minQuality}-${maxQuality} is not usable`,
			'Minimum and maximum quality must be from 1 to 100, the minimum not above the maximum.',
		);
	}
	if (options.maxBytes !== undefined && !(options.maxBytes > 0)) {
		throw new ImageError(
			'BAD_OPTION',
			`The size cap ${options.maxBytes} bytes is not usable`,
			'Set Max File Size to a positive number of KB, or 0 for no cap.',
		);
	}
}
