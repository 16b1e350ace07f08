import { largeCropWarning } from '../../../nodes/shared/image/cropShare';
import { cropShare, parseSize } from '../../../nodes/shared/image/geometry';
import { AUTO_TARGETS, presetSizes } from '../../../nodes/shared/image/presets';
import { orientation } from '../../../nodes/shared/image/sizeLabels';
import { acceptedBy, autoChoices, sizeChoices } from '../../../nodes/shared/image/sizeList';

describe('size list (Prepare Image offers every accepted size this way)', () => {
	const choices = sizeChoices();

	test('every accepted size once, named with sizeLabel (× and a familiar aspect)', () => {
		expect(choices.map((c) => c.size).sort()).toEqual(
			presetSizes()
				.map((p) => p.size)
				.sort(),
		);
		for (const { label } of choices) expect(label).toMatch(/^\d+×\d+ · \d+:\d+ (landscape|portrait|square)$/);
		expect(choices.find((c) => c.size === '1104x832')!.label).toBe('1104×832 · 4:3 landscape');
		expect(choices.find((c) => c.size === '1584x672')!.label).toBe('1584×672 · 21:9 landscape');
	});

	test('common sizes first (the most widely accepted leading), then landscape, portrait, square, each by area', () => {
		expect(choices.slice(0, 2).map((c) => c.size)).toEqual(['1280x720', '720x1280']);
		const firstRare = choices.findIndex((c) => !c.common);
		expect(firstRare).toBeGreaterThan(1);
		expect(choices.slice(firstRare).every((c) => !c.common)).toBe(true);
		const rest = choices.slice(firstRare).map((c) => parseSize(c.size)!);
		const rank = { landscape: 0, portrait: 1, square: 2 };
		for (let i = 1; i < rest.length; i++) {
			const [a, b] = [rest[i - 1], rest[i]];
			const order = rank[orientation(a)] - rank[orientation(b)] || a.width * a.height - b.width * b.height;
			expect(order).toBeLessThanOrEqual(0);
		}
	});

	test('says which APIs and models accept each size', () => {
		// hailuo3 names its ratios by aspect (16:9 at 768p), so 1280×720 is not one of its sizes
		expect(choices[0]).toMatchObject({ size: '1280x720', acceptedBy: 'Sora: all models · Runway: all but hailuo3' });
		expect(acceptedBy(['Sora sora-2-pro', 'Runway veo3.1'])).toBe('Sora: sora-2-pro · Runway: veo3.1');
		const labels = Object.values(AUTO_TARGETS).map((t) => t.label);
		const soraModels = labels.filter((label) => label.startsWith('Sora '));
		expect(acceptedBy([...soraModels, 'Runway veo3.1'])).toBe('Sora: all models · Runway: veo3.1');
		expect(acceptedBy(labels)).toBe('Every Sora and Runway model');
		expect(acceptedBy(labels.filter((label) => label !== 'Runway gen4_turbo'))).toBe('Sora: all models · Runway: all but gen4_turbo');
	});

	test('Auto choices: one per API/model, with the sizes it picks from', () => {
		const auto = autoChoices();
		expect(auto.map((a) => a.value).sort()).toEqual(Object.keys(AUTO_TARGETS).sort());
		expect(auto.find((a) => a.value === 'sora:sora-2')).toEqual({
			value: 'sora:sora-2',
			label: 'Sora sora-2',
			sizes: '1280×720, 720×1280',
		});
	});
});

describe('crop share (how much a cover crop cuts away)', () => {
	test('nothing for the same shape; the share for another shape, symmetric', () => {
		expect(cropShare({ width: 1200, height: 1600 }, { width: 600, height: 800 })).toBeCloseTo(0, 10);
		expect(cropShare({ width: 1600, height: 1200 }, { width: 1280, height: 720 })).toBeCloseTo(0.25, 10);
		expect(cropShare({ width: 1200, height: 1600 }, { width: 1280, height: 720 })).toBeCloseTo(1 - 0.75 / (16 / 9), 10);
		expect(cropShare({ width: 720, height: 1280 }, { width: 1600, height: 1200 })).toBeCloseTo(
			cropShare({ width: 1600, height: 1200 }, { width: 720, height: 1280 }),
			10,
		);
	});

	test('a warning only above a third', () => {
		expect(largeCropWarning({ width: 1600, height: 1200 }, { width: 1280, height: 720 })).toBeUndefined();
		expect(largeCropWarning({ width: 1000, height: 1000 }, { width: 1500, height: 1000 })).toBeUndefined(); // exactly a third
		expect(largeCropWarning({ width: 1000, height: 1000 }, { width: 1510, height: 1000 })).toMatch(
			/^Cropping the 1000x1000 image to 1510x1000 cut off 34% of it\./,
		);
	});
});
