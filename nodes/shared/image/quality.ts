/**
 * Finding the highest encoder quality whose output fits a byte cap, in as few encodes as possible.
 *
 * The size of a JPEG (and, near enough, a WebP) falls smoothly as its quantisation scale grows, and
 * log(bytes) against log(scale) is close to a straight line. So the search interpolates on that line:
 * one guess from a prior, then each new probe aims straight at the cap between the nearest points
 * known to fit and not to fit. It stops when neighbouring qualities bracket the cap, or when the line
 * through the bracket says the next quality up would not fit.
 */

export interface QualitySearch {
	/** Encodes at one quality (an integer from minQuality to maxQuality). */
	encode: (quality: number) => Promise<Buffer>;
	/** The size that counts against the cap (raw bytes, or the data-URI length). */
	measure: (encoded: Buffer) => number;
	cap: number;
	minQuality: number;
	maxQuality: number;
	/** First guess besides maxQuality, encoded in parallel with it (both cores). */
	guess?: number;
	/** Hard limit on encodes, however the sizes behave (default 8). */
	maxEncodes?: number;
}

export type QualityResult =
	| { fits: true; quality: number; data: Buffer; size: number; encodes: number }
	| { fits: false; quality: number; size: number; encodes: number };

/** The JPEG quantisation scale (IJG) for a quality: the transform that makes size curves near-linear. */
export function quantScale(quality: number): number {
	const q = Math.min(Math.max(quality, 1), 99.5);
	return q < 50 ? 5000 / q : 200 - 2 * q;
}

function qualityForScale(scale: number): number {
	return scale > 100 ? 5000 / scale : (200 - scale) / 2;
}

/** Aim a little under the cap, so the probe that lands nearest it usually fits. */
const AIM = 0.985;

export async function searchQuality(search: QualitySearch): Promise<QualityResult> {
	const { cap, minQuality, maxQuality } = search;
	const maxEncodes = search.maxEncodes ?? 8;
	const sizes = new Map<number, number>();
	let best: { quality: number; data: Buffer; size: number } | undefined;

	const probe = async (qualities: number[]) => {
		const encoded = await Promise.all(qualities.map(async (quality) => ({ quality, data: await search.encode(quality) })));
		for (const { quality, data } of encoded) {
			const size = search.measure(data);
			sizes.set(quality, size);
			if (size <= cap && (!best || quality > best.quality)) best = { quality, data, size };
		}
	};

	const guess = search.guess === undefined ? undefined : clampInt(search.guess, minQuality, maxQuality - 1);
	await probe(guess === undefined || guess >= maxQuality ? [maxQuality] : [maxQuality, guess]);

	while (best?.quality !== maxQuality) {
		const failing = Math.min(...[...sizes].filter(([q, s]) => s > cap && q > (best?.quality ?? -1)).map(([q]) => q));
		if (best && failing - best.quality <= 1) break;
		if (!best && sizes.has(minQuality)) {
			return { fits: false, quality: minQuality, size: sizes.get(minQuality)!, encodes: sizes.size };
		}
		if (sizes.size >= maxEncodes) break;
		// Nothing fits yet and one encode is left: spend it on the minimum, so a failure reports the true floor.
		const next = !best && sizes.size === maxEncodes - 1 ? minQuality : nextProbe(sizes, cap, best?.quality, failing, minQuality);
		if (next === undefined) break;
		await probe([next]);
	}

	if (!best) {
		const lowest = Math.min(...sizes.keys());
		return { fits: false, quality: lowest, size: sizes.get(lowest)!, encodes: sizes.size };
	}
	return { fits: true, ...best, encodes: sizes.size };
}

/**
 * The next quality to try: strictly between the best fit (or below the minimum, if nothing fits yet) and
 * the lowest failure. Undefined when the line through the bracket says nothing above the best fit fits.
 */
function nextProbe(
	sizes: Map<number, number>,
	cap: number,
	fitting: number | undefined,
	failing: number,
	minQuality: number,
): number | undefined {
	// Interpolate across the bracket, or, with nothing fitting yet, extrapolate down from the two lowest.
	const points = fitting !== undefined ? [fitting, failing] : [...sizes.keys()].sort((a, b) => a - b).slice(0, 2);
	let estimate: number;
	if (points.length === 2 && sizes.get(points[0]) !== sizes.get(points[1])) {
		const [a, b] = points.map((q) => ({ x: Math.log(quantScale(q)), y: Math.log(sizes.get(q)!) }));
		const x = a.x + ((Math.log(cap * AIM) - a.y) * (b.x - a.x)) / (b.y - a.y);
		estimate = qualityForScale(Math.exp(x));
	} else {
		// One point only: assume size ~ scale^-0.9, the typical JPEG slope.
		const scale = quantScale(failing) * (sizes.get(failing)! / (cap * AIM)) ** (1 / 0.9);
		estimate = qualityForScale(scale);
	}
	const lower = fitting ?? minQuality - 1;
	if (!Number.isFinite(estimate)) estimate = (lower + failing) / 2;
	const next = Math.floor(estimate);
	if (fitting !== undefined && next <= fitting) return undefined;
	return clampInt(next, lower + 1, failing - 1);
}

function clampInt(value: number, min: number, max: number): number {
	return Math.round(Math.min(Math.max(value, min), max));
}

/**
 * A first guess from the cap alone: typical photos at quality 95 take about 0.38 bytes per pixel as JPEG
 * (WebP about 0.27), and size ~ scale^-0.9.
 */
export function priorGuess(pixels: number, cap: number, format: 'jpeg' | 'webp'): number {
	const bytesAtQ95 = pixels * (format === 'jpeg' ? 0.38 : 0.27);
	const scale = quantScale(95) * (bytesAtQ95 / (cap * AIM)) ** (1 / 0.9);
	return Math.floor(qualityForScale(scale));
}
