import { priorGuess, quantScale, searchQuality } from '../../../nodes/shared/image/quality';

/** An "encoder" whose output size follows a JPEG-like curve; records what it was asked. */
function encoder(bytesAt95: number, slope = 0.9, wobble = 0) {
	const asked: number[] = [];
	const size = (q: number) => Math.round(bytesAt95 * (quantScale(q) / quantScale(95)) ** -slope * (1 + wobble * Math.sin(q)));
	return {
		asked,
		size,
		encode: async (q: number) => {
			asked.push(q);
			return Buffer.alloc(size(q));
		},
	};
}

const truth = (size: (q: number) => number, cap: number, min: number, max: number) => {
	for (let q = max; q >= min; q--) if (size(q) <= cap) return q;
	return undefined;
};

test('when the top quality fits, one round and done', async () => {
	const e = encoder(100_000);
	const result = await searchQuality({
		encode: e.encode,
		measure: (b) => b.length,
		cap: 200_000,
		minQuality: 40,
		maxQuality: 95,
		guess: 80,
	});
	expect(result).toMatchObject({ fits: true, quality: 95 });
	expect(result.encodes).toBeLessThanOrEqual(2);
});

test('finds the highest quality under the cap, never over it, in few encodes', async () => {
	const encodeCounts: number[] = [];
	let exact = 0;
	let cases = 0;
	for (const bytesAt95 of [300_000, 450_000, 800_000, 1_500_000]) {
		for (const slope of [0.7, 0.9, 1.1]) {
			for (const cap of [100_000, 250_000]) {
				const e = encoder(bytesAt95, slope, 0.01);
				const best = truth(e.size, cap, 40, 95);
				if (best === undefined) continue;
				cases++;
				const result = await searchQuality({
					encode: e.encode,
					measure: (b) => b.length,
					cap,
					minQuality: 40,
					maxQuality: 95,
					guess: priorGuess(1280 * 720, cap, 'jpeg'),
				});
				expect(result.fits).toBe(true);
				if (!result.fits) continue;
				expect(result.size).toBeLessThanOrEqual(cap);
				expect(result.quality).toBeGreaterThanOrEqual(best - 1);
				if (result.quality === best) exact++;
				encodeCounts.push(result.encodes);
			}
		}
	}
	encodeCounts.sort((a, b) => a - b);
	expect(encodeCounts[Math.floor(encodeCounts.length / 2)]).toBeLessThanOrEqual(4);
	expect(Math.max(...encodeCounts)).toBeLessThanOrEqual(8);
	expect(exact / cases).toBeGreaterThanOrEqual(0.75);
});

test('reports the floor when even the minimum quality is too big', async () => {
	const e = encoder(5_000_000);
	const result = await searchQuality({
		encode: e.encode,
		measure: (b) => b.length,
		cap: 50_000,
		minQuality: 40,
		maxQuality: 95,
		guess: 60,
	});
	expect(result.fits).toBe(false);
	expect(result.quality).toBe(40);
	expect(result.size).toBe(e.size(40));
	expect(e.asked).toContain(40);
});

test('never asks for a quality outside the bounds', async () => {
	const e = encoder(2_000_000, 1.3);
	await searchQuality({ encode: e.encode, measure: (b) => b.length, cap: 120_000, minQuality: 55, maxQuality: 90, guess: 10 });
	expect(Math.min(...e.asked)).toBeGreaterThanOrEqual(55);
	expect(Math.max(...e.asked)).toBeLessThanOrEqual(90);
	expect(new Set(e.asked).size).toBe(e.asked.length);
});

test('with a sample prediction a few per cent off, one full round usually settles the exact answer', async () => {
	const encodeCounts: number[] = [];
	let exact = 0;
	let cases = 0;
	for (const bytesAt95 of [300_000, 450_000, 800_000, 1_500_000]) {
		for (const slope of [0.7, 0.9, 1.1]) {
			for (const cap of [100_000, 250_000]) {
				for (const error of [-0.04, 0, 0.04]) {
					const e = encoder(bytesAt95, slope, 0.01);
					const best = truth(e.size, cap, 40, 95);
					if (best === undefined) continue;
					cases++;
					const result = await searchQuality({
						encode: e.encode,
						measure: (b) => b.length,
						predict: async (q) => e.size(q) * (1 + error),
						cap,
						minQuality: 40,
						maxQuality: 95,
					});
					expect(result.fits && result.size <= cap).toBe(true);
					expect(result.predictions).toBe(2);
					if (result.quality === best) exact++;
					encodeCounts.push(result.encodes);
				}
			}
		}
	}
	encodeCounts.sort((a, b) => a - b);
	expect(encodeCounts[Math.floor(encodeCounts.length / 2)]).toBeLessThanOrEqual(2);
	expect(exact).toBe(cases);
});
