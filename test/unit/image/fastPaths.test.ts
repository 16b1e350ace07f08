/**
 * The fast paths of the image core give what the plain ones give: an enlarged picture resized in two halves at
 * once has exactly the pixels of one pipeline; the quick top-quality JPEG (standard Huffman tables) is only the
 * answer when the top quality fits, and a capped search still ends at the highest quality that fits.
 */
import sharp from 'sharp';

import { resizeToRaw, worthHalves } from '../../../nodes/shared/image/fit';
import type { FitOptions } from '../../../nodes/shared/image/fit';
import { prepareImage } from '../../../nodes/shared/image/prepareImage';
import { gradient, halves, noise } from '../../helpers/images';

const { realImages } = require('../../../scripts/realImages.js') as {
	realImages: () => Promise<Array<{ name: string; path: string }>>;
};

describe('enlarging in two halves', () => {
	const fits: FitOptions[] = [{ fit: 'cover' }, { fit: 'cover', position: 'top' }, { fit: 'contain', background: '#336699' }, { fit: 'fill' }];
	const targets = [
		{ width: 1792, height: 1024 },
		{ width: 720, height: 1280 },
		{ width: 1281, height: 721 },
	];

	async function expectSamePixels(name: string, input: Buffer): Promise<void> {
		const metadata = await sharp(input).metadata();
		for (const options of fits) {
			for (const target of targets) {
				const enlarged = target.width * target.height > metadata.width! * metadata.height!;
				expect([name, options, target, worthHalves(metadata, target, options)]).toEqual([name, options, target, enlarged]);
				for (const format of ['jpeg', 'png'] as const) {
					const one = await resizeToRaw(input, target, format, options);
					const two = await resizeToRaw(input, target, format, options, metadata);
					expect([name, two.info.width, two.info.height, two.info.channels]).toEqual([name, target.width, target.height, one.info.channels]);
					expect([name, options, target, format, two.data.equals(one.data)]).toEqual([name, options, target, format, true]);
				}
			}
		}
	}

	test('gives exactly the pixels of one pipeline: real pictures (colour profiles, palette)', async () => {
		const pictures = await realImages();
		// A grey picture would get grey bars from raw pixels where one pipeline gives coloured ones: it is not split.
		const camera = await sharp(pictures.find((p) => p.name === 'camera.png')!.path).metadata();
		expect(worthHalves(camera, { width: 1792, height: 1024 }, { fit: 'contain' })).toBe(false);
		for (const name of ['astronaut.png', 'palette_color.png', 'rocket.jpg']) {
			const picture = pictures.find((p) => p.name === name)!;
			await expectSamePixels(name, require('fs').readFileSync(picture.path) as Buffer);
		}
	}, 300_000);

	test('gives exactly the pixels of one pipeline: a Telegram-size JPEG and a PNG with transparency', async () => {
		const telegram = await sharp(await gradient(1280, 853)).jpeg({ quality: 87 }).toBuffer();
		await expectSamePixels('telegram', telegram);
		const translucent = await (await halves(300, 200, [200, 10, 10], [10, 10, 200])).ensureAlpha(0.5).png().toBuffer();
		await expectSamePixels('translucent', translucent);
	}, 120_000);
});

describe('the quick top-quality JPEG', () => {
	test('is the answer when the top quality fits: quality 95 under a generous cap, standard Huffman tables', async () => {
		const input = await gradient(1280, 853);
		const { data, info } = await prepareImage(input, { target: { width: 1280, height: 720 }, fit: 'cover', maxBytes: 2 * 1024 * 1024 });
		expect([info.quality, info.encodes]).toEqual([95, 1]);
		const pixels = await resizeToRaw(input, { width: 1280, height: 720 }, 'jpeg', { fit: 'cover' });
		const quick = await sharp(pixels.data, { raw: pixels.info }).jpeg({ quality: 95, optimiseCoding: false }).toBuffer();
		expect(data.equals(quick)).toBe(true);
	});

	test('when the cap is between its size and the optimised size, the optimised top quality is found', async () => {
		const input = await noise(640, 360);
		const target = { width: 640, height: 360 };
		const pixels = await resizeToRaw(input, target, 'jpeg', { fit: 'cover' });
		const quick = await sharp(pixels.data, { raw: pixels.info }).jpeg({ quality: 95, optimiseCoding: false }).toBuffer();
		const optimised = await sharp(pixels.data, { raw: pixels.info }).jpeg({ quality: 95 }).toBuffer();
		expect(optimised.length).toBeLessThan(quick.length);
		const { data, info } = await prepareImage(input, { target, fit: 'cover', maxBytes: optimised.length });
		expect(info.quality).toBe(95);
		expect(data.equals(optimised)).toBe(true);
	});

	test('a capped search below the top still ends at the highest quality that fits', async () => {
		const input = await noise(1280, 720);
		const target = { width: 1280, height: 720 };
		const cap = 400 * 1024;
		const { data, info } = await prepareImage(input, { target, fit: 'cover', maxBytes: cap });
		expect(info.quality!).toBeLessThan(95);
		expect(data.length).toBeLessThanOrEqual(cap);
		const pixels = await resizeToRaw(input, target, 'jpeg', { fit: 'cover' });
		const higher = await sharp(pixels.data, { raw: pixels.info }).jpeg({ quality: info.quality! + 1 }).toBuffer();
		expect(higher.length).toBeGreaterThan(cap);
	});
});
