/**
 * Finding the highest encoder quality whose output fits a byte cap, in as few full encodes as possible.
 *
 * The size of a JPEG (and, near enough, a WebP) falls smoothly as its quantisation scale grows, and
 * log(bytes) against log(scale) is close to a straight line. The search works on that line:
 * 1. When a `predict` is given (a cheap encode of a sample of the image), two predictions place the line
 *    and the first full round encodes the two neighbouring qualities where it crosses the cap, in parallel:
 *    usually one fits and the next does not, which settles the answer in one round.
 * 2. Without it, the first round encodes the maximum quality and a prior guess.
 * 3. Then each new probe aims at the cap on the line through the nearest known points, until neighbouring
 *    qualities bracket the cap, or the line says the next quality up would not fit.
 */

export interface QualitySearch {
	/** Encodes at one quality (an integer from minQuality to maxQuality). */
	encode: (quality: number) => Promise<Buffer>;
	/** The size that counts against the cap (raw bytes, or the data-URI length). */
	measure: (encoded: Buffer) => number;
	cap: number;
	minQuality: number;
	maxQuality: number;
	/** A first guess, used where there is no `predict`. */
	guess?: number;
	/** The measured size at a quality, predicted from a cheap encode of a sample of the image. */
	predict?: (quality: number) => Promise<number>;
	/** Hard limit on full encodes, however the sizes behave (default 8). */
	maxEncodes?: number;
}

export type QualityResult =
	| { fits: true; quality: number; data: Buffer; size: number; encodes: number; predictions: number }
	| { fits: false; quality: number; size: number; encodes: number; predictions: number };

/** The JPEG quantisation scale (IJG) for a quality: the transform that makes size curves near-linear. */
export function quantScale(quality: number): number {
	const q = Math.min(Math.max(quality, 1), 99.5);
	return q < 50 ? 5000 / q : 200 - 2 * q;
}

function qualityForScale(scale: number): number {
	return scale > 100 ? 5000 / scale : (200 - scale) / 2;
}

/** The typical slope of log(size) against log(scale), used where only one point is known. */
const DEFAULT_SLOPE = -0.9;
/** Aim a little under the cap when probing one quality at a time, so the probe usually fits. */
const AIM = 0.985;

interface Point {
	quality: number;
	size: number;
}

/** The (fractional) quality where the line through `a` and `b` (or `a` and the default slope) meets `target`. */
function crossing(target: number, a: Point, b?: Point): number {
	const ax = Math.log(quantScale(a.quality));
	const ay = Math.log(a.size);
	let slope = DEFAULT_SLOPE;
	if (b && b.quality !== a.quality && b.size !== a.size) {
		slope = (Math.log(b.size) - ay) / (Math.log(quantScale(b.quality)) - ax);
	}
	if (!(slope < 0)) slope = DEFAULT_SLOPE; // sizes that do not fall with the scale: fall back to the typical curve
	return qualityForScale(Math.exp(ax + (Math.log(target) - ay) / slope));
}

export async function searchQuality(search: QualitySearch): Promise<QualityResult> {
	const { cap, minQuality, maxQuality } = search;
	const maxEncodes = search.maxEncodes ?? 8;
	const sizes = new Map<number, number>();
	let predictions = 0;
	let best: { quality: number; data: Buffer; size: number } | undefined;

	const probe = async (qualities: number[]) => {
		const encoded = await Promise.all(qualities.map(async (quality) => ({ quality, data: await search.encode(quality) })));
		for (const { quality, data } of encoded) {
			const size = search.measure(data);
			sizes.set(quality, size);
			if (size <= cap && (!best || quality > best.quality)) best = { quality, data, size };
		}
	};

	await probe(await firstRound());

	for (;;) {
		const failing = lowestFailingAbove(sizes, cap, best?.quality ?? -Infinity);
		if (best && (best.quality === maxQuality || (failing !== undefined && failing - best.quality <= 1))) break;
		if (!best && sizes.has(minQuality)) break;
		if (sizes.size >= maxEncodes) break;
		// Nothing fits yet and one encode is left: spend it on the minimum, so a failure reports the true floor.
		const next = !best && sizes.size === maxEncodes - 1 ? minQuality : nextProbe(best?.quality, failing);
		if (next === undefined) break;
		await probe([next]);
	}

	if (!best) {
		const lowest = Math.min(...sizes.keys());
		return { fits: false, quality: lowest, size: sizes.get(lowest)!, encodes: sizes.size, predictions };
	}
	return { fits: true, ...best, encodes: sizes.size, predictions };

	async function firstRound(): Promise<number[]> {
		const guess = clampInt(search.guess ?? 80, minQuality, maxQuality);
		if (!search.predict) return guess >= maxQuality ? [maxQuality] : [maxQuality, guess];
		const [top, low] = await Promise.all([search.predict(maxQuality), search.predict(Math.min(guess, maxQuality - 1))]);
		predictions += 2;
		if (top <= cap * 0.9) return [maxQuality];
		const q = Math.floor(crossing(cap, { quality: maxQuality, size: top }, { quality: Math.min(guess, maxQuality - 1), size: low }));
		const lower = clampInt(q, minQuality, maxQuality - 1);
		return [lower, lower + 1];
	}

	/**
	 * The next quality to try, strictly between the best fit and the lowest failure above it; undefined when
	 * the line says the quality just above the best fit would not fit (judged at the cap itself; the aim a
	 * little under the cap only decides where to probe).
	 */
	function nextProbe(fitting: number | undefined, failing: number | undefined): number | undefined {
		const point = (quality: number): Point => ({ quality, size: sizes.get(quality)! });
		const known = [...sizes.keys()].sort((a, b) => a - b);
		let line: [Point, Point | undefined];
		if (fitting !== undefined && failing !== undefined) line = [point(fitting), point(failing)];
		else if (failing !== undefined) line = [point(known[0]), known[1] === undefined ? undefined : point(known[1])];
		else line = [point(known[known.length - 1]), known.length > 1 ? point(known[known.length - 2]) : undefined];

		const low = (fitting ?? minQuality - 1) + 1;
		const high = (failing ?? maxQuality + 1) - 1;
		if (low > high) return undefined;
		// One untried quality left in the bracket: trying it costs one encode and makes the answer exact.
		if (low === high) return low;
		if (fitting !== undefined && Math.floor(crossing(cap, ...line)) <= fitting) return undefined;
		const estimate = crossing(cap * AIM, ...line);
		return clampInt(Number.isFinite(estimate) ? Math.floor(estimate) : (low + high) / 2, low, high);
	}
}

function lowestFailingAbove(sizes: Map<number, number>, cap: number, quality: number): number | undefined {
	const failing = [...sizes].filter(([q, size]) => size > cap && q > quality).map(([q]) => q);
	return failing.length ? Math.min(...failing) : undefined;
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
	return Math.floor(crossing(cap * AIM, { quality: 95, size: bytesAtQ95 }));
}
