/**
 * How large a JPEG input will be once fitted to the target and encoded at the top quality (standard Huffman
 * tables), from its header alone: prepareImage encodes in one pipeline when this says the top quality fits.
 *
 * Re-encoding a decoded JPEG follows the ratio of the quantisation scales (measured on the real photos, with
 * the source at quality 70 to 95 and targets from 0.7 to 1.7 times its pixels): about
 * bytes x (pixel ratio)^0.75 x (source scale / top scale)^0.55, within 10% either way. It is an estimate: the
 * caller still measures the encoded file against the cap.
 */
import { quantScale } from './quality';

/** The IJG luminance table (JPEG Annex K): a quality's scale is 100 x (sum of a file's table / sum of this one). */
const ANNEX_K_LUMINANCE_SUM = 3688;

export function estimateTopJpegBytes(
	input: Buffer,
	source: { width: number; height: number },
	target: { width: number; height: number },
	topQuality: number,
): number | undefined {
	const sum = luminanceTableSum(input);
	if (sum === undefined) return undefined;
	const sourceScale = (100 * sum) / ANNEX_K_LUMINANCE_SUM;
	const pixelRatio = (target.width * target.height) / (source.width * source.height);
	return input.length * pixelRatio ** 0.75 * (sourceScale / quantScale(topQuality)) ** 0.55;
}

/** The sum of a JPEG's luminance quantisation table (table 0), read from its markers; undefined when there is none. */
function luminanceTableSum(input: Buffer): number | undefined {
	if (input.length < 4 || input[0] !== 0xff || input[1] !== 0xd8) return undefined;
	let at = 2;
	while (at + 4 <= input.length) {
		if (input[at] !== 0xff) return undefined;
		const marker = input[at + 1];
		if (marker === 0xff) {
			at++;
			continue;
		}
		// Image data follows: no table before it.
		if (marker === 0xda || marker === 0xd9) return undefined;
		const end = at + 2 + input.readUInt16BE(at + 2);
		if (marker === 0xdb) {
			for (let p = at + 4; p < end && end <= input.length;) {
				const wide = input[p] >> 4 === 1;
				const table = input[p] & 0x0f;
				if (p + 1 + 64 * (wide ? 2 : 1) > end) return undefined;
				let sum = 0;
				for (let i = 0; i < 64; i++) sum += wide ? input.readUInt16BE(p + 1 + 2 * i) : input[p + 1 + i];
				if (table === 0) return sum;
				p += 1 + 64 * (wide ? 2 : 1);
			}
		}
		at = end;
	}
	return undefined;
}
