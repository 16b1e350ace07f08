/**
 * Sizes and aspects: the plain geometry every part of the image core and both video nodes reason in.
 * Catalogues of what the vendors accept live in presets.ts; this file knows no vendor. n8n-free.
 */

export interface Size {
	width: number;
	height: number;
}

/** "1280x720" or "1280:720" -> { width, height }; undefined when it is not two positive integers. */
export function parseSize(value: string): Size | undefined {
	const match = /^\s*(\d{1,5})\s*[x×:*]\s*(\d{1,5})\s*$/i.exec(value);
	if (!match) return undefined;
	const width = Number(match[1]);
	const height = Number(match[2]);
	return width > 0 && height > 0 ? { width, height } : undefined;
}

export function sizeKey({ width, height }: Size): string {
	return `${width}x${height}`;
}

/** Pixels of a "WxH" / "W:H" size; 0 when it is not one. */
export function pixelCount(size: string): number {
	const parsed = parseSize(size);
	return parsed ? parsed.width * parsed.height : 0;
}

/**
 * Of `candidates`, the size whose aspect ratio is closest to the image's (compared on a log scale, so 2:1
 * and 1:2 are equally far from 1:1). On a tie the earlier candidate wins: lists put the cheaper size first.
 */
export function closestAspect(image: Size, candidates: string[]): Size {
	const aspect = Math.log(image.width / image.height);
	let best: Size | undefined;
	let bestDistance = Infinity;
	for (const candidate of candidates) {
		const size = parseSize(candidate);
		if (!size) continue;
		const distance = Math.abs(Math.log(size.width / size.height) - aspect);
		if (distance < bestDistance - 1e-9) {
			best = size;
			bestDistance = distance;
		}
	}
	if (!best) throw new Error('No candidate sizes to choose from');
	return best;
}

/** The share (0..1) of `image` a cover crop to `target`'s shape removes. */
export function cropShare(image: Size, target: Size): number {
	const imageAspect = image.width / image.height;
	const targetAspect = target.width / target.height;
	return 1 - Math.min(imageAspect / targetAspect, targetAspect / imageAspect);
}
