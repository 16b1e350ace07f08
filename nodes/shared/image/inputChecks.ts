/**
 * Input checks: the file is an image sharp can read, with a width and height, under the pixel limit (a
 * decompression bomb is refused before decoding); what an unreadable file probably is; whether an input is
 * already exactly what is asked for. inspectImage() reads a file's format and oriented size without failing.
 */
import sharp from 'sharp';
import type { Metadata } from 'sharp';

import { ImageError } from './errors';
import type { OutputFormat } from './formats';
import type { Size } from './geometry';

export const DEFAULT_MAX_INPUT_PIXELS = 120_000_000;

/**
 * A file's format and size, read from its header whatever the pixel count; undefined when it is not a readable
 * image. The size is as shown (EXIF orientation applied), or with `asStored` as an API server reads the stored
 * pixels (what Sora compares with the requested size).
 */
export async function inspectImage(input: Buffer, { asStored = false } = {}): Promise<(Size & { format: string }) | undefined> {
	try {
		const metadata = await sharp(input, { limitInputPixels: false }).metadata();
		const width = asStored ? metadata.width : (metadata.autoOrient?.width ?? metadata.width);
		const height = asStored ? metadata.height : (metadata.autoOrient?.height ?? metadata.height);
		return width && height && metadata.format ? { width, height, format: metadata.format } : undefined;
	} catch {
		return undefined;
	}
}

export async function readHeader(input: Buffer, maxPixels: number): Promise<Size & { format: string; metadata: Metadata }> {
	if (input.length === 0) {
		throw new ImageError(
			'EMPTY_INPUT',
			'The image is empty (0 bytes)',
			'Check the node before this one: it passed a file with no content.',
		);
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
export function isAlreadyPrepared(metadata: Metadata, target: Size, format: OutputFormat): boolean {
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
