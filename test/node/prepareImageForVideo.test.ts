import sharp from 'sharp';

import { PrepareImageForVideo } from '../../nodes/PrepareImageForVideo/PrepareImageForVideo.node';
import { execute } from '../helpers/executeContext';
import { gradient, noise, solid } from '../helpers/images';
import { fileItem } from '../helpers/items';

const nodeType = new PrepareImageForVideo();

describe('Prepare Image for Video API node', () => {
	test('binary in, exact-size capped binary out, input JSON kept, info added, item paired', async () => {
		const photo = await gradient(3000, 2000);
		const { output, test } = await execute({
			nodeType,
			parameters: { target: 'preset', preset: '1280x720', maxFileSizeKb: 120 },
			items: [await fileItem(photo, { fileName: 'holiday photo.jpg', json: { chatId: 42, caption: 'holiday photo.jpg' } })],
		});
		expect(output).toHaveLength(1);
		const [item] = output;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json.chatId).toBe(42);
		const binary = item.binary!.data;
		expect(binary.fileName).toBe('holiday_photo_1280x720.jpg');
		expect(binary.mimeType).toBe('image/jpeg');
		const bytes = test.readBinary(binary);
		expect(bytes.length).toBeLessThanOrEqual(120 * 1024);
		const metadata = await sharp(bytes).metadata();
		expect([metadata.width, metadata.height, metadata.format]).toEqual([1280, 720, 'jpeg']);
		expect(item.json.preparedImage).toMatchObject({
			originalWidth: 3000,
			originalHeight: 2000,
			width: 1280,
			height: 720,
			bytes: bytes.length,
			format: 'jpeg',
			mimeType: 'image/jpeg',
			fit: 'cover',
			target: '1280x720',
			maxBytes: 120 * 1024,
			fileName: 'holiday_photo_1280x720.jpg',
		});
	});

	test('custom size, pad with colour, WebP, another output field and file name', async () => {
		const { output, test } = await execute({
			nodeType,
			parameters: {
				target: 'custom',
				width: 600,
				height: 400,
				fit: 'contain',
				padStyle: 'color',
				outputFormat: 'webp',
				maxFileSizeKb: 0,
				options: { backgroundColor: '#ff0000', outputBinaryPropertyName: 'prepared', fileName: 'frame.webp' },
			},
			items: [
				await fileItem(await solid(300, 300, [0, 0, 255]), {
					fileName: 'square.png',
					mimeType: 'image/png',
					json: { chatId: 42, caption: 'square.png' },
				}),
			],
		});
		const [item] = output;
		expect(Object.keys(item.binary!).sort()).toEqual(['data', 'prepared']);
		const bytes = test.readBinary(item.binary!.prepared);
		const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
		expect([info.width, info.height, item.binary!.prepared.fileName]).toEqual([600, 400, 'frame.webp']);
		expect(data[0]).toBeGreaterThan(200); // red bar on the left
		expect((await sharp(bytes).metadata()).format).toBe('webp');
	});

	test('auto target picks a portrait size for a portrait photo', async () => {
		const { output } = await execute({
			nodeType,
			parameters: { target: 'auto', autoFor: 'sora:sora-2-pro' },
			items: [await fileItem(await gradient(1080, 1920), { fileName: 'portrait.jpg', json: { chatId: 42, caption: 'portrait.jpg' } })],
		});
		expect(output[0].json.preparedImage).toMatchObject({ width: 720, height: 1280 });
	});

	test('continue on fail: a bad item gets its error, the others go on', async () => {
		const good = await gradient(1600, 900);
		const { output } = await execute({
			nodeType,
			parameters: { target: 'preset', preset: '1280x720' },
			continueOnFail: true,
			items: [
				await fileItem(good, { fileName: 'one.jpg', json: { chatId: 42, caption: 'one.jpg' } }),
				await fileItem(Buffer.from('<!DOCTYPE html><html>Not found</html>'), {
					fileName: 'two.jpg',
					json: { chatId: 42, caption: 'two.jpg' },
				}),
				await fileItem(good, { fileName: 'three.jpg', json: { chatId: 42, caption: 'three.jpg' } }),
			],
		});
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].binary?.data.fileName).toBe('one_1280x720.jpg');
		expect(output[2].binary?.data.fileName).toBe('three_1280x720.jpg');
		expect(output[1].json.error).toMatch(/not an image.*HTML page.*\(item 2, binary field "data"\)/);
		expect(output[1].json.caption).toBe('two.jpg');
		// plain "Continue": no node error on the item, or n8n would replace its JSON with { error } alone
		expect(output.map((item) => item.error)).toEqual([undefined, undefined, undefined]);
	});

	test('"Continue (using error output)": the failed item carries the node error, which n8n routes it by', async () => {
		const { output } = await execute({
			nodeType,
			parameters: { target: 'preset', preset: '1280x720' },
			continueOnFail: true,
			onError: 'continueErrorOutput',
			items: [
				await fileItem(await gradient(1600, 900), { fileName: 'one.jpg', json: { chatId: 42, caption: 'one.jpg' } }),
				await fileItem(Buffer.from('<!DOCTYPE html><html>Not found</html>'), {
					fileName: 'two.jpg',
					json: { chatId: 42, caption: 'two.jpg' },
				}),
			],
		});
		expect(output[1].error?.message).toMatch(/not an image/);
		expect(output[1].error?.context.itemIndex).toBe(1);
		expect(output[0].error).toBeUndefined();
	});

	test('without continue on fail the error names the item, the field and what to do', async () => {
		const promise = execute({
			nodeType,
			parameters: { target: 'preset', preset: '1280x720', maxFileSizeKb: 10 },
			items: [
				await fileItem(await noise(1600, 900), {
					fileName: 'noisy.png',
					mimeType: 'image/png',
					json: { chatId: 42, caption: 'noisy.png' },
				}),
			],
		});
		await expect(promise).rejects.toMatchObject({
			message: expect.stringMatching(/Even at quality 40 the JPEG is .* over the 10\.0 KB cap \(item 1, binary field "data"\)/),
			description: expect.stringMatching(/Raise Max File Size/),
			context: expect.objectContaining({ itemIndex: 0 }),
		});
	});

	test('a missing binary field lists the fields the item does have', async () => {
		const promise = execute({
			nodeType,
			parameters: { target: 'preset', preset: '1280x720' },
			items: [
				await fileItem(await solid(10, 10, [0, 0, 0]), {
					fileName: 'photo.jpg',
					mimeType: 'image/jpeg',
					field: 'photo',
					json: { chatId: 42, caption: 'photo.jpg' },
				}),
			],
		});
		await expect(promise).rejects.toMatchObject({
			message: 'Item 1 has no binary field "data"',
			description: expect.stringMatching(/"photo"/),
		});
	});

	test('with its defaults a portrait photo becomes a portrait image (Target: Auto), nothing cropped away', async () => {
		const { output } = await execute({
			nodeType,
			parameters: {},
			items: [await fileItem(await gradient(1200, 1600), { fileName: 'selfie.jpg', json: { chatId: 42, caption: 'selfie.jpg' } })],
		});
		expect(output[0].json.preparedImage).toMatchObject({
			originalWidth: 1200,
			originalHeight: 1600,
			width: 832,
			height: 1104,
			target: '832x1104',
			fit: 'cover',
		});
		expect(output[0].json.preparedImage).not.toHaveProperty('warning');
	});

	test('a workflow saved with version 1 keeps its fixed 1280x720 default; the large crop is reported', async () => {
		const saved = { operation: 'prepare', maxFileSizeKb: 200 }; // as n8n stored it: defaults left out, the old Operation kept
		const { output } = await execute({
			nodeType,
			typeVersion: 1,
			parameters: saved,
			items: [await fileItem(await gradient(1200, 1600), { fileName: 'selfie.jpg', json: { chatId: 42, caption: 'selfie.jpg' } })],
		});
		const info = output[0].json.preparedImage as Record<string, unknown>;
		expect(info).toMatchObject({ width: 1280, height: 720, target: '1280x720' });
		expect(info.warning).toBe(
			'Cropping the 1200x1600 image to 1280x720 cut off 58% of it. To keep more of it, choose a size closer to its shape (Target: Auto) or Fit: Pad to Fit.',
		);
	});

	test('a crop of a third or less carries no warning; padding never does', async () => {
		const photo = await gradient(1600, 1200); // 4:3 to 16:9 cuts 25 %
		const cover = await execute({
			nodeType,
			parameters: { target: 'preset', preset: '1280x720' },
			items: [await fileItem(photo, { fileName: 'a.jpg', json: { chatId: 42, caption: 'a.jpg' } })],
		});
		expect(cover.output[0].json.preparedImage).not.toHaveProperty('warning');
		const tall = await gradient(600, 1600);
		const pad = await execute({
			nodeType,
			parameters: { target: 'preset', preset: '1280x720', fit: 'contain' },
			items: [await fileItem(tall, { fileName: 'b.jpg', json: { chatId: 42, caption: 'b.jpg' } })],
		});
		expect(pad.output[0].json.preparedImage).not.toHaveProperty('warning');
	});

	test("the input's file fields (Read File's fileName, fileSize, ...) describe the prepared image, not the old one", async () => {
		const item = await fileItem(await gradient(1600, 1200), {
			fileName: 'photo.png',
			mimeType: 'image/png',
			json: { chatId: 42, caption: 'photo.png' },
		});
		item.json = { fileName: 'photo.png', fileExtension: 'png', fileType: 'image', mimeType: 'image/png', fileSize: '2.1 MB', note: 'kept' };
		const { output } = await execute({ nodeType, parameters: { target: 'preset', preset: '1280x720' }, items: [item] });
		const { binary, json } = output[0];
		expect(json).toMatchObject({
			fileName: 'photo_1280x720.jpg',
			fileExtension: 'jpg',
			fileType: 'image',
			mimeType: 'image/jpeg',
			fileSize: binary!.data.fileSize,
			note: 'kept',
		});
		expect(json.fileSize).not.toBe('2.1 MB');
	});
});
