/**
 * Encoding under a byte cap: JPEG and WebP at the highest quality that fits (a quality search aimed by a
 * quarter-size sample), PNG lossless or, over the cap, palette-quantised. Never returns a file over the cap.
 */
import sharp from 'sharp';
import type { Sharp } from 'sharp';

import { ImageError } from './errors';
import type { RawPixels } from './fit';
import type { OutputFormat } from './formats';
import { priorGuess, searchQuality } from './quality';
import type { QualityResult } from './quality';

export interface Encoded {
	data: Buffer;
	quality: number | null;
	encodes: number;
	sampleEncodes: number;
}

/** Counts an encoded size the way the cap does: raw bytes, or the length of the data URI. */
export type SizeMeasure = (bytes: number) => number;

export async function encodeWithinCap(
	pixels: RawPixels,
	format: OutputFormat,
	maxBytes: number | undefined,
	measure: SizeMeasure,
	minQuality: number,
	maxQuality: number,
	/** JPEG: the quick top encode was made already (in one pipeline with the decode) and did not fit. */
	topTried = false,
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
	if (format === 'jpeg') return await encodeJpeg(pixels, fromRaw, encodeImage, maxBytes, measure, minQuality, maxQuality, topTried);
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

/**
 * JPEG: at the top quality there is no higher quality for smaller files to buy, so that encode keeps the standard
 * Huffman tables: less than half the time of optimised ones, for a larger file (about 5% at quality 85, 20% at
 * 95) with the very same pixels. It is tried when the sample says the top quality may fit, and when it fits it is
 * the answer: the usual case for photos of the sizes people send. Otherwise the search encodes with optimised
 * tables, so a capped image gets the highest quality the smaller files allow.
 */
async function encodeJpeg(
	pixels: RawPixels,
	fromRaw: (image: RawPixels) => Sharp,
	encodeImage: (image: RawPixels, quality: number) => Promise<Buffer>,
	maxBytes: number,
	measure: SizeMeasure,
	minQuality: number,
	maxQuality: number,
	topTried: boolean,
): Promise<Encoded> {
	const guess = Math.max(minQuality, Math.min(priorGuess(pixels.info.width * pixels.info.height, maxBytes, 'jpeg'), maxQuality - 1));
	const sample = bandSample(pixels);
	const predictions = new Map<number, Promise<number>>();
	const predict = sample
		? (quality: number) => {
				if (!predictions.has(quality))
					predictions.set(
						quality,
						encodeImage(sample.pixels, quality).then((data) => measure(data.length * sample.scale)),
					);
				return predictions.get(quality)!;
			}
		: undefined;
	let encodes = topTried ? 1 : 0;
	const [top] = predict ? await Promise.all([predict(maxQuality), predict(guess)]) : [0];
	if (top <= maxBytes && !topTried) {
		const quick = await fromRaw(pixels).jpeg({ quality: maxQuality, optimiseCoding: false }).toBuffer();
		encodes++;
		if (measure(quick.length) <= maxBytes) return { data: quick, quality: maxQuality, encodes, sampleEncodes: predictions.size };
	}
	const result = await searchQuality({
		encode: (quality) => encodeImage(pixels, quality),
		measure: (data) => measure(data.length),
		predict,
		cap: maxBytes,
		minQuality,
		maxQuality,
		guess,
	});
	return finish({ ...result, predictions: predictions.size }, maxBytes, 'jpeg', encodes);
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
