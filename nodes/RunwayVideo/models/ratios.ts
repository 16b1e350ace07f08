/**
 * What a ratio means in pixels, and the "Closest to the Image" choice: the model's accepted ratio nearest the
 * image's aspect. n8n-free.
 */
import { closestAspect, parseSize, sizeKey } from '../../shared/image/geometry';
import type { Size } from '../../shared/image/geometry';
import { RUNWAY_ASPECT_SIZES } from '../../shared/image/presets';
import type { ModelRules } from './types';

/** The Ratio parameter's value for "Closest to the Image". */
export const CLOSEST_RATIO = 'closestToImage';

/** The pixel size a ratio means for a model; undefined where the output follows the image (it keeps its shape). */
export function ratioSize(model: string, ratio: string | undefined): Size | undefined {
	if (!ratio) return undefined;
	return parseSize(RUNWAY_ASPECT_SIZES[model]?.[ratio] ?? ratio);
}

/**
 * The ratio to send for "Closest to the Image": where the model can follow the image itself (`adaptive`,
 * `auto_720p`) that; else the accepted ratio nearest the image's aspect; for an image that cannot be inspected
 * (a URL), the model's first ratio. Undefined for a model without ratios.
 */
export function closestRatio(model: string, rules: ModelRules, image: Size | undefined): string | undefined {
	const ratios = rules.enums.ratio;
	if (!ratios || ratios.length === 0) return undefined;
	if (ratios.includes('adaptive')) return 'adaptive';
	if (ratios.includes('auto_720p')) return 'auto_720p';
	if (!image) return ratios[0];
	// Among equally close shapes, the size nearest 720p wins (not a 360p or a 4K variant of the same shape).
	const sized = ratios
		.map((ratio) => ({ ratio, size: ratioSize(model, ratio) }))
		.filter((r): r is { ratio: string; size: Size } => !!r.size)
		.sort((a, b) => distanceFrom720p(a.size) - distanceFrom720p(b.size));
	const best = closestAspect(
		image,
		sized.map((r) => sizeKey(r.size)),
	);
	return sized.find((r) => r.size.width === best.width && r.size.height === best.height)?.ratio ?? ratios[0];
}

function distanceFrom720p({ width, height }: Size): number {
	return Math.abs(Math.log((width * height) / (1280 * 720)));
}
