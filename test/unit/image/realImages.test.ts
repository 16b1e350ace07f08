/**
 * The image core on real pictures from Debian's packages (scripts/realImages.js: python3-skimage's sample photos,
 * lomiri-wallpapers' 4K background), beside the generated images of the other tests: every one comes out exactly at
 * the size a video API wants, as 8-bit sRGB JPEG, under a cap counted the way Runway counts it (the data URI).
 */
import * as fs from 'fs';
import sharp from 'sharp';

import { prepareImage } from '../../../nodes/shared/image/prepareImage';
import { SORA_SIZES } from '../../../nodes/shared/image/presets';

const { realImages } = require('../../../scripts/realImages.js') as {
	realImages: () => Promise<Array<{ name: string; what: string; path: string }>>;
};

const CAP = 250 * 1024;
const TARGETS = [
	{ width: 1280, height: 720, fit: 'cover' as const },
	{ width: 720, height: 1280, fit: 'contain' as const },
];

let pictures: Array<{ name: string; what: string; path: string }> = [];

beforeAll(async () => {
	pictures = await realImages();
}, 300_000);

const NAMES = [
	'astronaut.png',
	'chelsea.png',
	'coffee.png',
	'rocket.jpg',
	'motorcycle_left.png',
	'hubble_deep_field.jpg',
	'camera.png',
	'color.png',
	'palette_color.png',
	'chessboard_GRAY_U16B.tif',
	'lomiri-default-background.png',
];

test('the set holds every picture named here', () => {
	expect(pictures.map((p) => p.name).sort()).toEqual([...NAMES].sort());
});

describe.each(NAMES)('%s', (name) => {
	test('exact size, 8-bit sRGB JPEG, data URI under the cap, for a landscape crop and a portrait pad', async () => {
		const picture = pictures.find((p) => p.name === name);
		expect(picture).toBeDefined();
		const original = fs.readFileSync(picture!.path);
		for (const { width, height, fit } of TARGETS) {
			const { data, info } = await prepareImage(original, {
				target: { width, height },
				fit,
				maxBytes: CAP,
				countBase64: true,
				format: 'jpeg',
			});
			const out = await sharp(data).metadata();
			expect([name, fit, out.format, out.width, out.height, out.channels, out.depth, out.space]).toEqual([
				name,
				fit,
				'jpeg',
				width,
				height,
				3,
				'uchar',
				'srgb',
			]);
			expect(info.dataUriLength).toBeLessThanOrEqual(CAP);
			expect(`data:image/jpeg;base64,${data.toString('base64')}`.length).toBe(info.dataUriLength);
			expect(out.exif).toBeUndefined();
		}
	});
});

test('the same pictures, Auto among Sora sizes: a portrait picture gets a portrait size', async () => {
	const rocket = pictures.find((p) => p.name === 'rocket.jpg')!;
	const portrait = await sharp(rocket.path).rotate(90).jpeg().toBuffer();
	const { info } = await prepareImage(portrait, { target: { auto: SORA_SIZES['sora-2'] }, fit: 'cover' });
	expect([info.width, info.height]).toEqual([720, 1280]);
});
