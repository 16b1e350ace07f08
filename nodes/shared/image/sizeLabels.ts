/**
 * One way to name a size in all three nodes' lists: `1280×720 · 16:9 landscape`. Runway's pixel ratios
 * (1104:832, 1584:672) read as the familiar aspect they stand for (4:3, 21:9); a size far from every
 * familiar aspect shows its own reduced ratio. n8n-free.
 */
import { parseSize, type Size } from './geometry';

/** Aspects people know, as [label, width/height]. */
const FAMILIAR: ReadonlyArray<readonly [string, number]> = [
	['1:1', 1],
	['16:9', 16 / 9],
	['9:16', 9 / 16],
	['4:3', 4 / 3],
	['3:4', 3 / 4],
	['21:9', 21 / 9],
	['9:21', 9 / 21],
	['3:2', 3 / 2],
	['2:3', 2 / 3],
	['5:4', 5 / 4],
	['4:5', 4 / 5],
];

/** How far (as a ratio of aspects) a size may be from a familiar aspect and still carry its name. */
const TOLERANCE = 0.03;

function gcd(a: number, b: number): number {
	return b === 0 ? a : gcd(b, a % b);
}

/** The familiar aspect of a size (`16:9`), or its reduced ratio when none is close (`5:2`). */
export function aspectLabel(size: Size): string {
	const aspect = size.width / size.height;
	let best: string | undefined;
	let bestDistance = Infinity;
	for (const [label, value] of FAMILIAR) {
		const distance = Math.abs(Math.log(aspect / value));
		if (distance < bestDistance) {
			best = label;
			bestDistance = distance;
		}
	}
	if (best !== undefined && bestDistance <= Math.log(1 + TOLERANCE)) return best;
	const divisor = gcd(size.width, size.height);
	return `${size.width / divisor}:${size.height / divisor}`;
}

export function orientation(size: Size): 'landscape' | 'portrait' | 'square' {
	return size.width === size.height ? 'square' : size.width > size.height ? 'landscape' : 'portrait';
}

/** `1280×720 · 16:9 landscape` for "1280x720", "1280:720" or a Size; the value itself when it is not a size. */
export function sizeLabel(value: string | Size): string {
	const size = typeof value === 'string' ? parseSize(value) : value;
	if (!size) return String(value);
	return `${size.width}×${size.height} · ${aspectLabel(size)} ${orientation(size)}`;
}
