/** Generate through real HTTP against the strict fake: bodies, validation before any request, reference images. */
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';

import { buildMultipart } from '../../../nodes/shared/http/multipart';
import { fakeVideoByte } from '../../fakes/common/fakeServer';
import { FAKE_SORA_KEY } from '../../fakes/sora';
import { gradient, noise, solid } from '../../helpers/images';
import { fileItem } from '../../helpers/items';
import { closeFakes, expectNoSecret, FAST_WAIT, run, runOk, startFake } from './setup';
import { errorText } from '../setup';

afterEach(closeFakes);

/** A 4000x3000 JPEG of noise: too big for the fake's 4 MiB body limit and the wrong size for any Sora size. */
let heavyPhoto: Buffer;
beforeAll(async () => {
	const raw = await noise(4000, 3000);
	heavyPhoto = await sharp(raw).jpeg({ quality: 95 }).toBuffer();
});

describe('Generate without a reference image', () => {
	test('JSON create (the spec\'s CreateVideoJsonBody: no file, no multipart) with every field a string, waits, streams the MP4 byte-exact into "data"', async () => {
		const fake = await startFake({ videoBytes: 300_000 });
		const result = await runOk(fake, { prompt: 'A paper boat on a river', model: 'sora-2', size: '1280x720', seconds: '8', ...FAST_WAIT });
		const { output, test } = result;

		expect(fake.creates).toBe(1);
		const [record] = [...fake.videos.values()];
		expect(record.encoding).toBe('json');
		expect(record.fields).toEqual({ prompt: 'A paper boat on a river', model: 'sora-2', size: '1280x720', seconds: '8' });
		expect(typeof record.fields.seconds).toBe('string');

		expect(output).toHaveLength(1);
		const [item] = output;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({
			id: record.id,
			object: 'video',
			status: 'completed',
			progress: 100,
			model: 'sora-2',
			size: '1280x720',
			seconds: '8',
			contentUrl: `${fake.baseUrl}/videos/${record.id}/content`,
		});
		// An OpenAI-exact server echoes the same id: nothing is added beside it.
		expect(item.json).not.toHaveProperty('serverId');
		const binary = item.binary!.data;
		expect(binary.mimeType).toBe('video/mp4');
		expect(binary.fileName).toBe(`sora-2_${record.id.slice('video_'.length, 'video_'.length + 8)}.mp4`);
		expect(item.json.download).toEqual({
			variant: 'video',
			binaryField: 'data',
			fileName: binary.fileName,
			mimeType: 'video/mp4',
			bytes: 300_000,
		});
		const bytes = test.readBinary(binary);
		expect(bytes.length).toBe(300_000);
		expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
		for (const offset of [28, 1000, 65_535, 65_536, 299_999]) expect(bytes[offset]).toBe(fakeVideoByte(offset, record.seed));

		// The content request went to the API's own endpoint, with the credential.
		const content = test.requests.find((r) => r.url.includes('/content'))!;
		expect(new URL(content.url).searchParams.get('variant')).toBe('video');
		expect(content.headers.Authorization).toBe(`Bearer ${FAKE_SORA_KEY}`);
		expectNoSecret(result);
	});

	test('seconds is sent as a string even when an expression yields a number', async () => {
		const fake = await startFake();
		await runOk(fake, { prompt: 'x', seconds: 12 as unknown as string, waitForCompletion: false });
		const [record] = [...fake.videos.values()];
		expect(record.fields.seconds).toBe('12');
	});

	test('Wait for Completion off: the queued job comes out at once, with a note, and nothing is polled', async () => {
		const fake = await startFake();
		const { output } = await runOk(fake, { prompt: 'x', waitForCompletion: false });
		expect(output[0].json).toMatchObject({ status: 'queued', progress: 0 });
		expect(String(output[0].json.note)).toContain(String(output[0].json.id));
		expect(output[0].binary).toBeUndefined();
		expect(fake.server.requests.map((r) => r.method)).toEqual(['POST']);
	});

	test('a model by ID, custom size and custom seconds go to a gateway as typed (the server decides)', async () => {
		const fake = await startFake({ extraModels: ['veo-3-fast'], allowGuideSizes: true, allowLongSeconds: true });
		const { output } = await runOk(fake, {
			prompt: 'x',
			model: { __rl: true, mode: 'id', value: 'veo-3-fast' },
			size: 'custom',
			customSize: '1920x1080',
			seconds: 'custom',
			customSeconds: '16',
			...FAST_WAIT,
		});
		expect([...fake.videos.values()][0].fields).toEqual({ prompt: 'x', model: 'veo-3-fast', size: '1920x1080', seconds: '16' });
		expect(output[0].binary!.data.fileName).toMatch(/^veo-3-fast_/);
	});

	test('Download Variant, Output Binary Field and File Name options', async () => {
		const fake = await startFake();
		const { output, test } = await runOk(fake, {
			prompt: 'x',
			...FAST_WAIT,
			options: { variant: 'thumbnail', outputBinaryPropertyName: 'video', fileName: 'first.webp' },
		});
		const binary = output[0].binary!.video;
		expect(binary.fileName).toBe('first.webp');
		expect(binary.mimeType).toBe('image/webp');
		expect((await sharp(test.readBinary(binary)).metadata()).format).toBe('webp');
	});
});

describe('Validation before any request', () => {
	const cases: Array<[string, Record<string, unknown>, RegExp, RegExp]> = [
		['an empty prompt', { prompt: '   ' }, /prompt is empty \(item 1, field "Prompt"\)/, /Describe the video/],
		['a prompt over 32000 characters', { prompt: 'a'.repeat(32001) }, /32001 characters.*field "Prompt"/, /at most 32000/],
		[
			'sora-2 at 1920x1080',
			{ model: 'sora-2', size: '1920x1080' },
			/sora-2 does not take the size 1920x1080 \(item 1, field "Size"\)/,
			/sora-2 takes 1280x720, 720x1280\. 1920x1080 needs sora-2-pro/,
		],
		[
			'sora-2 at a custom 1024x1024',
			{ size: 'custom', customSize: '1024x1024' },
			/size 1024x1024.*field "Custom Size"/,
			/sora-2 takes 1280x720, 720x1280/,
		],
		[
			'a dated sora-2 snapshot at 1792x1024',
			{ model: 'custom', customModel: 'sora-2-2025-12-08', size: '1792x1024' },
			/sora-2-2025-12-08 does not take the size 1792x1024/,
			/needs sora-2-pro/,
		],
		[
			'a custom size that is not a size',
			{ model: 'custom', customModel: 'veo-3', size: 'custom', customSize: 'big' },
			/"big" is not a size.*"Custom Size"/,
			/WIDTHxHEIGHT/,
		],
		[
			'no custom model ID',
			{ model: 'custom', customModel: ' ' },
			/No model ID given.*"Custom Model ID"/,
			/Pick a model from the list, or type the ID/,
		],
		[
			'10 seconds with sora-2',
			{ seconds: 'custom', customSeconds: '10' },
			/sora-2 does not take 10 seconds.*"Custom Seconds"/,
			/4, 8, 12; OpenAI's guide adds 16 and 20/,
		],
		[
			'seconds that are not a number',
			{ model: 'custom', customModel: 'veo-3', seconds: 'custom', customSeconds: '8.5' },
			/"8\.5" is not a number of seconds/,
			/whole number/,
		],
		[
			'a plain http image URL',
			{ referenceImage: 'url', imageUrl: 'http://example.com/a.jpg' },
			/neither an https URL nor a base64 data URL.*"Image URL"/,
			/https URL/,
		],
		[
			'a missing binary field',
			{ referenceImage: 'binary', binaryPropertyName: 'photo' },
			/Item 1 has no binary field "photo"/,
			/It has no binary data/,
		],
	];

	test.each(cases)('%s fails naming the item and field, and sends nothing', async (_, parameters, message, description) => {
		const fake = await startFake();
		const result = await run(fake, { prompt: 'A fox', ...parameters });
		expect(result.error).toBeDefined();
		expect(result.error!.message).toMatch(message);
		expect(result.error!.description).toMatch(description);
		expect(result.error!.context?.itemIndex).toBe(0);
		expect(result.test.requests).toHaveLength(0);
		expect(fake.server.requests).toHaveLength(0);
	});

	test('with continue on fail, a bad item becomes an error item and the good one still runs (one create)', async () => {
		const fake = await startFake();
		const { output } = await runOk(
			fake,
			{ prompt: 'x', model: 'sora-2', size: '1080x1920', waitForCompletion: false },
			{ continueOnFail: true, items: [{ json: { n: 1 } }, { json: { n: 2 } }] },
		);
		expect(output).toHaveLength(2);
		expect(output.every((item) => /sora-2 does not take the size 1080x1920/.test(String(item.json.error)))).toBe(true);
		expect(output.map((item) => item.json.n)).toEqual([1, 2]);
		expect(fake.creates).toBe(0);

		const mixed = await runOk(
			fake,
			{ prompt: 'x', referenceImage: 'binary', waitForCompletion: false },
			{
				continueOnFail: true,
				items: [
					{ json: { n: 1 } },
					await fileItem(await gradient(640, 480), { fileName: 'p.jpg', mimeType: 'image/jpeg', json: { chatId: 7 } }),
				],
			},
		);
		expect(mixed.output).toHaveLength(2);
		expect(mixed.output[0].json).toMatchObject({ n: 1 });
		expect(String(mixed.output[0].json.error)).toMatch(/Item 1 has no binary field "data"/);
		expect(mixed.output[1].json).toMatchObject({ status: 'queued' });
		expect(mixed.output[1].pairedItem).toEqual({ item: 1 });
		expect(fake.creates).toBe(1);
	});
});

describe('Reference image from a binary field', () => {
	test('a 4000x3000 noisy JPEG over the body limit fails sent raw, and succeeds auto-fitted to exactly the size', async () => {
		const fake = await startFake();
		expect(heavyPhoto.length).toBeGreaterThan(4 * 1024 * 1024);

		// Sent raw, straight to the fake, it is refused.
		const raw = buildMultipart([
			{ name: 'prompt', value: 'x' },
			{ name: 'size', value: '1280x720' },
			{ name: 'input_reference', data: heavyPhoto, fileName: 'photo.jpg', contentType: 'image/jpeg' },
		]);
		const refused = await fetch(`${fake.baseUrl}/videos`, {
			method: 'POST',
			headers: { authorization: `Bearer ${fake.apiKey}`, 'content-type': raw.contentType },
			body: raw.body,
		});
		expect(refused.status).toBe(413);
		expect(fake.creates).toBe(0);

		// Through the node, auto-fit off: the wrong size is caught before any request, with the inpaint explanation.
		const item = await fileItem(heavyPhoto, { fileName: 'holiday photo.jpg', mimeType: 'image/jpeg', json: { chatId: 7 } });
		const off = await run(fake, { prompt: 'x', size: '1280x720', referenceImage: 'binary', autoFit: false }, { items: [item] });
		expect(off.error!.message).toMatch(/reference image is 4000x3000, not 1280x720 \(item 1, binary field "data"\)/);
		expect(off.error!.description).toMatch(/Inpaint image must match the requested width and height/);
		expect(off.error!.description).toMatch(/Auto-Fit Reference Image/);
		expect(off.test.requests).toHaveLength(0);

		// Auto-fit on (the default): multipart, a file part with name and type, exactly 1280x720, under 2 MB.
		const on = await runOk(fake, { prompt: 'x', size: '1280x720', referenceImage: 'binary', ...FAST_WAIT }, { items: [item] });
		expect(fake.creates).toBe(1);
		const [record] = [...fake.videos.values()];
		expect(record.encoding).toBe('multipart');
		expect(record.fields).toMatchObject({ prompt: 'x', model: 'sora-2', size: '1280x720', seconds: '4' });
		expect(record.inputReference).toMatchObject({
			source: 'file',
			filename: 'holiday_photo_1280x720.jpg',
			contentType: 'image/jpeg',
			width: 1280,
			height: 720,
			format: 'jpeg',
		});
		expect(record.inputReference!.bytes!).toBeLessThanOrEqual(2048 * 1024);
		expect(on.output[0].json.referenceImage).toMatchObject({
			source: 'binary',
			autoFit: true,
			width: 1280,
			height: 720,
			originalWidth: 4000,
			originalHeight: 3000,
			originalBytes: heavyPhoto.length,
			bytes: record.inputReference!.bytes,
		});
		expect(on.output[0].json.status).toBe('completed');
		expect(on.output[0].binary!.data.mimeType).toBe('video/mp4');
	});

	test('an exact-size image too heavy for the server: raw gets 413 explained, auto-fit under a lower cap succeeds', async () => {
		const fake = await startFake();
		// True noise, stored uncompressed: 5.5 MB at exactly the requested size.
		const heavy = await sharp(randomBytes(1792 * 1024 * 3), { raw: { width: 1792, height: 1024, channels: 3 } })
			.png({ compressionLevel: 0 })
			.toBuffer();
		expect(heavy.length).toBeGreaterThan(4 * 1024 * 1024);
		const item = await fileItem(heavy, { fileName: 'frame.png', mimeType: 'image/png', json: { chatId: 7 } });
		const parameters = { prompt: 'x', model: 'sora-2-pro', size: '1792x1024', referenceImage: 'binary' };

		const raw = await run(fake, { ...parameters, autoFit: false }, { items: [item] });
		expect(raw.error!.message).toMatch(/Request Entity Too Large/);
		expect(raw.error!.httpCode).toBe('413');
		expect(raw.error!.description).toMatch(/lower "Max Reference Size \(KB\)"/);
		expect(fake.creates).toBe(0);
		expectNoSecret(raw);

		const fitted = await runOk(
			fake,
			{ ...parameters, autoFitOptions: { maxReferenceKb: 900, referenceFormat: 'webp' }, waitForCompletion: false },
			{ items: [item] },
		);
		const [record] = [...fake.videos.values()];
		expect(record.inputReference).toMatchObject({ width: 1792, height: 1024, format: 'webp', contentType: 'image/webp' });
		expect(record.inputReference!.bytes!).toBeLessThanOrEqual(900 * 1024);
		expect(fitted.output[0].json.referenceImage).toMatchObject({ format: 'webp', width: 1792, height: 1024 });
	});

	test('auto-fit off with an image already the right size sends it untouched', async () => {
		const fake = await startFake();
		const exact = await solid(720, 1280, [200, 40, 40], 'jpeg');
		await runOk(
			fake,
			{ prompt: 'x', referenceImage: 'binary', autoFit: false, binaryPropertyName: 'photo', waitForCompletion: false },
			{
				items: [await fileItem(exact, { fileName: 'exact.jpg', mimeType: 'image/jpeg', field: 'photo', json: { chatId: 7 } })],
			},
		);
		expect([...fake.videos.values()][0].inputReference).toEqual({
			source: 'file',
			filename: 'exact.jpg',
			contentType: 'image/jpeg',
			width: 720,
			height: 1280,
			format: 'jpeg',
			bytes: exact.length,
		});
	});

	test('auto-fit pads a square photo with Pad to Fit into a portrait frame', async () => {
		const fake = await startFake();
		await runOk(
			fake,
			{
				prompt: 'x',
				referenceImage: 'binary',
				autoFitOptions: { fit: 'contain', backgroundColor: '#ff0000', referenceFormat: 'png' },
				waitForCompletion: false,
			},
			{
				items: [await fileItem(await solid(500, 500, [0, 0, 255]), { fileName: 'square.png', mimeType: 'image/png', json: { chatId: 7 } })],
			},
		);
		expect([...fake.videos.values()][0].inputReference).toMatchObject({
			width: 720,
			height: 1280,
			format: 'png',
			contentType: 'image/png',
		});
	});
});

describe('Reference image by URL', () => {
	test("an https URL goes as input_reference.image_url in a JSON body (the spec's ImageRefParam)", async () => {
		const fake = await startFake();
		const { output } = await runOk(fake, {
			prompt: 'x',
			referenceImage: 'url',
			imageUrl: 'https://images.example.com/first.jpg',
			waitForCompletion: false,
		});
		const [record] = [...fake.videos.values()];
		expect(record.encoding).toBe('json');
		expect(record.fields.input_reference).toEqual({ image_url: 'https://images.example.com/first.jpg' });
		expect(record.inputReference).toEqual({ source: 'image_url', url: 'https://images.example.com/first.jpg' });
		expect(output[0].json.referenceImage).toEqual({ source: 'url', url: 'https://images.example.com/first.jpg' });
	});

	test('a data URL is checked for size before the request, and sent when it fits', async () => {
		const fake = await startFake();
		const wrong = `data:image/png;base64,${(await solid(640, 480, [1, 2, 3])).toString('base64')}`;
		const refused = await run(fake, { prompt: 'x', referenceImage: 'url', imageUrl: wrong });
		expect(refused.error!.message).toMatch(/640x480, not 720x1280.*"Image URL"/);
		expect(refused.error!.description).toMatch(/Inpaint image must match/);
		expect(fake.server.requests).toHaveLength(0);

		const right = `data:image/png;base64,${(await solid(720, 1280, [1, 2, 3])).toString('base64')}`;
		await runOk(fake, { prompt: 'x', referenceImage: 'url', imageUrl: right, waitForCompletion: false });
		expect([...fake.videos.values()][0].inputReference).toMatchObject({ source: 'data_url', width: 720, height: 1280 });
	});
});

describe('Failed jobs', () => {
	test('moderation_blocked: an error with the API code and message, the video id, and what it means', async () => {
		const fake = await startFake();
		fake.script([
			'queued',
			{
				status: 'failed',
				progress: 12,
				error: { code: 'moderation_blocked', message: 'Your request was blocked by our moderation system.' },
			},
		]);
		const result = await run(fake, { prompt: 'x', ...FAST_WAIT });
		const id = [...fake.videos.keys()][0];
		expect(result.error!.message).toBe(`Video ${id} failed: Your request was blocked by our moderation system. [moderation_blocked]`);
		expect(result.error!.description).toMatch(/moderation/);
		expect(result.error!.description).toMatch(/real people/);
		expect(fake.server.count('GET', /\/content$/)).toBe(0);
		expectNoSecret(result);

		fake.script(['queued', { status: 'failed', error: { code: 'moderation_blocked', message: 'Blocked.' } }]);
		const soft = await runOk(fake, { prompt: 'y', ...FAST_WAIT }, { continueOnFail: true, items: [{ json: { chatId: 3 } }] });
		// The item keeps the input's JSON, the Video object and its whole error as the server sent it.
		expect(soft.output[0].json).toMatchObject({ chatId: 3, status: 'failed', error: { code: 'moderation_blocked', message: 'Blocked.' } });
		expect(String(soft.output[0].json.errorMessage)).toMatch(/failed: Blocked\. \[moderation_blocked\]/);
		expect(String(soft.output[0].json.errorExplanation)).toMatch(/human faces/);
	});

	test('another failure code is reported with its message', async () => {
		const fake = await startFake();
		fake.script([{ status: 'failed', error: { code: 'video_generation_failed', message: 'Video generation failed.' } }]);
		const result = await run(fake, { prompt: 'x', ...FAST_WAIT });
		expect(result.error!.message).toMatch(/failed: Video generation failed\. \[video_generation_failed\]/);
		expect(errorText(result.error)).not.toContain(FAKE_SORA_KEY);
	});
});
