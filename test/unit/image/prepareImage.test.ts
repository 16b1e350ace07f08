import sharp from 'sharp';

import { ImageError } from '../../../nodes/shared/image/errors';
import { AUTO_TARGETS } from '../../../nodes/shared/image/presets';
import { dataUriLength, prepareImage } from '../../../nodes/shared/image/prepareImage';
import type { PrepareOptions } from '../../../nodes/shared/image/prepareImage';
import { gradient, halves, near, noise, pixel, pngClaiming, solid } from '../../helpers/images';

const HD = { width: 1280, height: 720 };

async function expectImageError(promise: Promise<unknown>, code: string, pattern: RegExp): Promise<ImageError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(ImageError);
	expect((error as ImageError).code).toBe(code);
	expect((error as ImageError).message).toMatch(pattern);
	expect((error as ImageError).hint.length).toBeGreaterThan(10);
	return error as ImageError;
}

describe('exact size', () => {
	const inputs: Array<[string, () => Promise<Buffer>]> = [
		['landscape photo', () => gradient(2000, 1500)],
		['portrait photo', () => gradient(900, 1600)],
		['panorama', () => gradient(3000, 500)],
		['tiny image (upscaled)', () => solid(16, 9, [10, 200, 30])],
		['one pixel', () => solid(1, 1, [10, 200, 30])],
	];
	const fits: PrepareOptions['fit'][] = ['cover', 'contain', 'fill'];
	const targets = [HD, { width: 720, height: 1280 }, { width: 1584, height: 672 }, { width: 333, height: 777 }];

	test.each(inputs)('%s comes out exactly at every target with every fit', async (_, make) => {
		const input = await make();
		for (const fit of fits) {
			for (const target of targets) {
				const { data, info } = await prepareImage(input, { target, fit });
				const metadata = await sharp(data).metadata();
				expect([metadata.width, metadata.height, fit]).toEqual([target.width, target.height, fit]);
				expect([info.width, info.height]).toEqual([target.width, target.height]);
			}
		}
	});

	test('blurred padding is exact too, and the image sits in the middle', async () => {
		const input = await solid(400, 800, [250, 20, 20]);
		const { data } = await prepareImage(input, { target: HD, fit: 'contain', padStyle: 'blur' });
		const metadata = await sharp(data).metadata();
		expect([metadata.width, metadata.height]).toEqual([1280, 720]);
		expect(near(await pixel(data, 640, 360), [250, 20, 20])).toBe(true);
		// The sides show a darkened, blurred copy of the red image, not a solid bar of the default black.
		const side = await pixel(data, 10, 360);
		expect(side[0]).toBeGreaterThan(100);
		expect(side[0]).toBeLessThan(250);
	});
});

describe('fit', () => {
	test('cover crops the middle by default and keeps the chosen edge when asked', async () => {
		const input = await (await halves(2000, 1000, [255, 0, 0], [0, 0, 255])).png().toBuffer();
		const square = { width: 500, height: 500 };
		const centre = await prepareImage(input, { target: square, fit: 'cover' });
		expect(near(await pixel(centre.data, 100, 250), [255, 0, 0])).toBe(true);
		expect(near(await pixel(centre.data, 400, 250), [0, 0, 255])).toBe(true);
		const left = await prepareImage(input, { target: square, fit: 'cover', position: 'left' });
		expect(near(await pixel(left.data, 450, 250), [255, 0, 0])).toBe(true);
		const right = await prepareImage(input, { target: square, fit: 'cover', position: 'right' });
		expect(near(await pixel(right.data, 50, 250), [0, 0, 255])).toBe(true);
	});

	test('contain pads with the background colour', async () => {
		const input = await solid(1000, 1000, [255, 0, 0]);
		const { data } = await prepareImage(input, { target: HD, fit: 'contain', background: '#00ff00', format: 'png' });
		expect(await pixel(data, 5, 360)).toEqual([0, 255, 0]);
		expect(await pixel(data, 1275, 360)).toEqual([0, 255, 0]);
		expect(await pixel(data, 640, 360)).toEqual([255, 0, 0]);
	});

	test('stretch fills the frame without bars or cropping', async () => {
		const input = await (await halves(1000, 1000, [255, 0, 0], [0, 0, 255])).png().toBuffer();
		const { data } = await prepareImage(input, { target: HD, fit: 'fill', format: 'png' });
		expect(near(await pixel(data, 5, 5), [255, 0, 0])).toBe(true);
		expect(near(await pixel(data, 1275, 715), [0, 0, 255])).toBe(true);
	});

	test('a bad background colour is refused with a hint', async () => {
		await expectImageError(
			prepareImage(await solid(10, 10, [0, 0, 0]), { target: HD, fit: 'contain', background: 'purpleish' }),
			'BAD_OPTION',
			/not a colour/,
		);
	});
});

describe('colour, orientation and metadata', () => {
	test('EXIF orientation is applied before fitting', async () => {
		// Stored 400x200, left red, right blue, tagged "rotate 90° clockwise to display".
		const stored = await (
			await halves(400, 200, [255, 0, 0], [0, 0, 255])
		)
			.jpeg({ quality: 95 })
			.withMetadata({ orientation: 6 })
			.toBuffer();
		const { data, info } = await prepareImage(stored, { target: { width: 200, height: 400 }, fit: 'fill' });
		expect([info.originalWidth, info.originalHeight]).toEqual([200, 400]);
		expect(near(await pixel(data, 100, 50), [255, 0, 0], 40)).toBe(true);
		expect(near(await pixel(data, 100, 350), [0, 0, 255], 40)).toBe(true);
		expect((await sharp(data).metadata()).orientation).toBeUndefined();
	});

	test('transparency is flattened onto the background for JPEG and kept for WebP', async () => {
		const transparent = await sharp({ create: { width: 300, height: 300, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
			.png()
			.toBuffer();
		const jpeg = await prepareImage(transparent, { target: { width: 300, height: 300 }, fit: 'cover', background: '#ffffff' });
		expect(near(await pixel(jpeg.data, 150, 150), [255, 255, 255], 3)).toBe(true);
		const webp = await prepareImage(transparent, { target: { width: 300, height: 300 }, fit: 'cover', format: 'webp' });
		expect((await sharp(webp.data).metadata()).hasAlpha).toBe(true);
		expect((await pixel(webp.data, 150, 150))[3]).toBe(0);
	});

	test('CMYK, 16-bit, greyscale and palette images come out as 8-bit sRGB', async () => {
		const base = sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 200, g: 40, b: 40 } } });
		const inputs = {
			cmyk: await base.clone().toColourspace('cmyk').jpeg().toBuffer(),
			'16-bit': await base.clone().toColourspace('rgb16').png().toBuffer(),
			greyscale: await base.clone().greyscale().png().toBuffer(),
			palette: await base.clone().png({ palette: true }).toBuffer(),
		};
		expect((await sharp(inputs.cmyk).metadata()).space).toBe('cmyk');
		expect((await sharp(inputs['16-bit']).metadata()).depth).toBe('ushort');
		for (const [name, input] of Object.entries(inputs)) {
			for (const format of ['jpeg', 'png', 'webp'] as const) {
				const { data } = await prepareImage(input, { target: HD, fit: 'cover', format });
				const metadata = await sharp(data).metadata();
				expect([name, format, metadata.space, metadata.channels, metadata.depth]).toEqual([name, format, 'srgb', 3, 'uchar']);
			}
		}
		// The colour survives the CMYK round trip (roughly: CMYK is a different gamut).
		const fromCmyk = await prepareImage(inputs.cmyk, { target: HD, fit: 'cover' });
		expect(near(await pixel(fromCmyk.data, 640, 360), [200, 40, 40], 40)).toBe(true);
	});

	test('an animated GIF gives its first frame', async () => {
		const frames = Buffer.alloc(100 * 200 * 3);
		for (let i = 0; i < frames.length; i += 3) frames[i + (i < 100 * 100 * 3 ? 0 : 2)] = 255;
		const gif = await sharp(frames, { raw: { width: 100, height: 200, channels: 3, pageHeight: 100 } as never })
			.gif()
			.toBuffer();
		expect((await sharp(gif).metadata()).pages).toBe(2);
		const { data, info } = await prepareImage(gif, { target: { width: 100, height: 100 }, fit: 'cover' });
		expect(info.originalHeight).toBe(100);
		expect(near(await pixel(data, 50, 50), [255, 0, 0], 30)).toBe(true);
	});

	test('metadata, GPS included, is stripped', async () => {
		const withGps = await sharp(await gradient(800, 600))
			.withExif({ IFD0: { Copyright: 'me' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' } })
			.jpeg()
			.toBuffer();
		expect((await sharp(withGps).metadata()).exif).toBeDefined();
		const { data } = await prepareImage(withGps, { target: HD, fit: 'cover' });
		const metadata = await sharp(data).metadata();
		expect(metadata.exif).toBeUndefined();
		expect(metadata.xmp).toBeUndefined();
	});
});

describe('size cap', () => {
	test('stays under each cap at a high quality, exactly at the target size', async () => {
		const input = await gradient(3000, 2000);
		for (const capKb of [60, 120, 250, 800]) {
			const { data, info } = await prepareImage(input, { target: HD, fit: 'cover', maxBytes: capKb * 1024 });
			expect(data.length).toBeLessThanOrEqual(capKb * 1024);
			expect(info.bytes).toBe(data.length);
			const metadata = await sharp(data).metadata();
			expect([metadata.width, metadata.height, metadata.format]).toEqual([1280, 720, 'jpeg']);
			expect(info.quality).toBeGreaterThanOrEqual(40);
			expect(info.encodes).toBeLessThanOrEqual(8);
		}
	});

	test('the quality found is the highest that fits: one step up would not', async () => {
		const input = await gradient(2400, 1600);
		const cap = 150 * 1024;
		const { info } = await prepareImage(input, { target: HD, fit: 'cover', maxBytes: cap, maxQuality: 100 });
		// Re-create the same pixels and encode one quality higher.
		const pixels = await sharp(input, { autoOrient: true })
			.resize(1280, 720, { fit: 'cover' })
			.flatten()
			.toColourspace('srgb')
			.raw()
			.toBuffer({ resolveWithObject: true });
		const higher = await sharp(pixels.data, { raw: pixels.info })
			.jpeg({ quality: info.quality! + 1 })
			.toBuffer();
		const same = await sharp(pixels.data, { raw: pixels.info }).jpeg({ quality: info.quality! }).toBuffer();
		expect(same.length).toBe(info.bytes);
		expect(higher.length).toBeGreaterThan(cap);
	});

	test('counting base64 keeps the data URI under the cap', async () => {
		const input = await gradient(2400, 1600);
		const cap = 200 * 1024;
		const raw = await prepareImage(input, { target: HD, fit: 'cover', maxBytes: cap });
		const inline = await prepareImage(input, { target: HD, fit: 'cover', maxBytes: cap, countBase64: true });
		expect(inline.info.dataUriLength).toBeLessThanOrEqual(cap);
		expect(inline.info.dataUriLength).toBe(dataUriLength(inline.data.length, 'image/jpeg'));
		expect(`data:image/jpeg;base64,${inline.data.toString('base64')}`.length).toBe(inline.info.dataUriLength);
		expect(raw.info.dataUriLength).toBeGreaterThan(cap);
		expect(inline.info.quality!).toBeLessThan(raw.info.quality!);
	});

	test('WebP and PNG respect the cap too; PNG is lossless when it fits', async () => {
		const input = await gradient(2000, 1200);
		const webp = await prepareImage(input, { target: HD, fit: 'cover', format: 'webp', maxBytes: 80 * 1024 });
		expect(webp.data.length).toBeLessThanOrEqual(80 * 1024);
		expect((await sharp(webp.data).metadata()).format).toBe('webp');
		const flat = await solid(2000, 1200, [30, 60, 90]);
		const lossless = await prepareImage(flat, { target: HD, fit: 'cover', format: 'png', maxBytes: 800 * 1024 });
		expect([lossless.info.quality, (await sharp(lossless.data).metadata()).format]).toEqual([null, 'png']);
		const quantised = await prepareImage(input, { target: HD, fit: 'cover', format: 'png', maxBytes: 600 * 1024 });
		expect(quantised.data.length).toBeLessThanOrEqual(600 * 1024);
		expect(quantised.info.quality).not.toBeNull();
	});

	test('an unreachable cap fails with the smallest size reached and what to change', async () => {
		const input = await noise(1600, 900);
		const error = await expectImageError(
			prepareImage(input, { target: HD, fit: 'cover', maxBytes: 20 * 1024 }),
			'CAP_UNREACHABLE',
			/Even at quality 40 the JPEG is \d+\.\d KB, over the 20\.0 KB cap/,
		);
		expect(error.hint).toMatch(/Raise Max File Size/);
	});
});

describe('an image that is already right', () => {
	test('is handed on untouched (no generation loss), and only when nothing needs doing', async () => {
		const first = await prepareImage(await gradient(2000, 1400), { target: HD, fit: 'cover', maxBytes: 300 * 1024 });
		expect(first.info.unchanged).toBe(false);
		const again = await prepareImage(first.data, { target: HD, fit: 'cover', maxBytes: 300 * 1024 });
		expect(again.info).toMatchObject({ unchanged: true, encodes: 0, quality: null, bytes: first.data.length });
		expect(again.data.equals(first.data)).toBe(true);
		// Each of these needs work: a tighter cap, another size, another format, metadata to strip.
		expect((await prepareImage(first.data, { target: HD, fit: 'cover', maxBytes: 100 * 1024 })).info.unchanged).toBe(false);
		expect((await prepareImage(first.data, { target: { width: 1280, height: 719 }, fit: 'cover' })).info.unchanged).toBe(false);
		expect((await prepareImage(first.data, { target: HD, fit: 'cover', format: 'webp' })).info.unchanged).toBe(false);
		const tagged = await sharp(first.data)
			.withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' } })
			.jpeg({ quality: 90 })
			.toBuffer();
		const stripped = await prepareImage(tagged, { target: HD, fit: 'cover' });
		expect(stripped.info.unchanged).toBe(false);
		expect((await sharp(stripped.data).metadata()).exif).toBeUndefined();
	});

	test('is still decoded in full: a truncated one fails', async () => {
		const { data } = await prepareImage(await gradient(2000, 1400), { target: HD, fit: 'cover' });
		await expectImageError(
			prepareImage(data.subarray(0, Math.floor(data.length * 0.6)), { target: HD, fit: 'cover' }),
			'CORRUPT_IMAGE',
			/truncated or corrupt/,
		);
	});
});

describe('targets', () => {
	test('auto picks the size of the chosen model closest to the image shape', async () => {
		const gen4 = { auto: AUTO_TARGETS['runway:gen4_turbo'].sizes };
		const portrait = await prepareImage(await solid(1080, 1920, [1, 2, 3]), { target: gen4, fit: 'cover' });
		expect(portrait.info.target).toBe('720x1280');
		const square = await prepareImage(await solid(1000, 1000, [1, 2, 3]), { target: gen4, fit: 'cover' });
		expect(square.info.target).toBe('960x960');
		const wide = await prepareImage(await solid(2400, 1000, [1, 2, 3]), { target: gen4, fit: 'cover' });
		expect(wide.info.target).toBe('1584x672');
		// EXIF-rotated: the displayed shape counts, not the stored one.
		const rotated = await sharp(await solid(1920, 1080, [1, 2, 3], 'jpeg'))
			.withMetadata({ orientation: 6 })
			.jpeg()
			.toBuffer();
		const sora = await prepareImage(rotated, { target: { auto: AUTO_TARGETS['sora:sora-2'].sizes }, fit: 'cover' });
		expect(sora.info.target).toBe('720x1280');
	});

	test('an unusable size or quality range is refused before any work', async () => {
		const input = await solid(10, 10, [0, 0, 0]);
		await expectImageError(prepareImage(input, { target: { width: 0, height: 720 }, fit: 'cover' }), 'BAD_OPTION', /0x720/);
		await expectImageError(
			prepareImage(input, { target: HD, fit: 'cover', minQuality: 90, maxQuality: 50 }),
			'BAD_OPTION',
			/quality range/,
		);
	});
});

describe('bad input', () => {
	test('empty input', async () => {
		await expectImageError(prepareImage(Buffer.alloc(0), { target: HD, fit: 'cover' }), 'EMPTY_INPUT', /empty/);
	});

	test('not an image', async () => {
		await expectImageError(
			prepareImage(Buffer.from('{"ok":true,"result":[]}'), { target: HD, fit: 'cover' }),
			'NOT_AN_IMAGE',
			/looks like JSON/,
		);
		await expectImageError(prepareImage(Buffer.from('<!DOCTYPE html><html>'), { target: HD, fit: 'cover' }), 'NOT_AN_IMAGE', /HTML/);
		await expectImageError(prepareImage(Buffer.alloc(5000, 7), { target: HD, fit: 'cover' }), 'NOT_AN_IMAGE', /not an image/);
	});

	test('a truncated JPEG and a truncated PNG', async () => {
		const jpeg = await gradient(1200, 900);
		await expectImageError(
			prepareImage(jpeg.subarray(0, jpeg.length / 2), { target: HD, fit: 'cover' }),
			'CORRUPT_IMAGE',
			/truncated or corrupt/,
		);
		const png = await noise(300, 300);
		await expectImageError(
			prepareImage(png.subarray(0, png.length / 2), { target: HD, fit: 'cover' }),
			'CORRUPT_IMAGE',
			/truncated or corrupt/,
		);
	});

	test('a pixel bomb is refused from its header alone', async () => {
		const bomb = await pngClaiming(20000, 20000);
		expect(bomb.length).toBeLessThan(200);
		await expectImageError(
			prepareImage(bomb, { target: HD, fit: 'cover' }),
			'TOO_MANY_PIXELS',
			/20000x20000 \(400 megapixels\), over the 120 megapixel limit/,
		);
		await expectImageError(
			prepareImage(await solid(2000, 2000, [1, 1, 1]), { target: HD, fit: 'cover', maxInputPixels: 1e6 }),
			'TOO_MANY_PIXELS',
			/over the 1 megapixel limit/,
		);
	});
});
