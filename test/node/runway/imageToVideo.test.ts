/**
 * Image to Video through real HTTP against the strict fake Runway: binary images auto-fitted to exactly the
 * ratio's pixel size (the fake decodes what it receives), URLs, first and last frames, the upload flow for
 * images too big for a data URI, and the video streamed into binary storage byte for byte.
 */
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';

import { startFakeRunway, type FakeRunway, type FakeRunwayTask } from '../../fakes/runway';
import { gradient, noise, solid } from '../../helpers/images';
import { fileItem } from '../../helpers/items';
import { run } from './setup';
import { binaryOf, expectFakeVideo } from '../setup';

const VIDEO_BYTES = 150_000;
let fake: FakeRunway;

beforeEach(async () => {
	fake = await startFakeRunway({ videoBytes: VIDEO_BYTES });
});
afterEach(async () => await fake.close());

function onlyTask(): FakeRunwayTask {
	expect(fake.tasks.size).toBe(1);
	return [...fake.tasks.values()][0];
}

describe('Image to Video', () => {
	test('a binary photo is fitted to exactly the ratio, sent inline, and the video comes back byte for byte', async () => {
		const photo = await gradient(3000, 2000);
		const { output, test } = await run(
			fake,
			{ prompt: 'The camera slowly pushes in', ratio: '720:1280', duration: 7 },
			{ items: [await fileItem(photo, { fileName: 'beach photo.jpg', json: { chatId: 42 } })] },
		);

		expect(fake.creates).toBe(1);
		const task = onlyTask();
		expect(task.endpoint).toBe('image_to_video');
		expect(task.body).toMatchObject({ model: 'gen4_turbo', ratio: '720:1280', duration: 7, promptText: 'The camera slowly pushes in' });
		// What Runway decoded from the data URI: the chosen ratio, exactly, under the 5 MB limit.
		expect(task.images).toEqual([
			expect.objectContaining({ source: 'dataUri', position: 'first', width: 720, height: 1280, format: 'jpeg' }),
		]);
		expect(task.images[0].chars).toBeLessThanOrEqual(5 * 1024 * 1024);

		expect(output).toHaveLength(1);
		const [item] = output;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({
			id: task.id,
			status: 'SUCCEEDED',
			progress: 100,
			model: 'gen4_turbo',
			videoUrl: `${fake.url}/outputs/${task.id}.mp4`,
			image: {
				source: 'binary',
				binaryField: 'data',
				autoFit: true,
				delivery: 'dataUri',
				width: 720,
				height: 1280,
				originalWidth: 3000,
				originalHeight: 2000,
			},
		});
		const video = binaryOf(item);
		expect(video.mimeType).toBe('video/mp4');
		expect(video.fileName).toBe(`runway-gen4_turbo-${task.id}.mp4`);
		expect(item.json.download).toEqual({ binaryField: 'data', fileName: video.fileName, mimeType: 'video/mp4', bytes: VIDEO_BYTES });
		expectFakeVideo(test.readBinary(video), VIDEO_BYTES);
		// Created once, polled until SUCCEEDED (PENDING, RUNNING, SUCCEEDED), downloaded once.
		expect(fake.server.count('POST', '/v1/image_to_video')).toBe(1);
		expect(task.polls).toBe(3);
		expect(fake.server.count('GET', /^\/outputs\//)).toBe(1);
	});

	test('gen4.5 with another input and output field, contain fit, seed and content moderation', async () => {
		const portrait = await solid(600, 900, [10, 200, 30], 'png');
		const { output } = await run(
			fake,
			{
				model: 'gen4.5',
				prompt: 'A slow pan',
				ratio: '1104:832',
				duration: 10,
				binaryPropertyName: 'photo',
				outputBinaryPropertyName: 'video',
				options: { fit: 'contain', seed: 4294967295, publicFigureThreshold: 'low' },
			},
			{ items: [await fileItem(portrait, { fileName: 'p.png', mimeType: 'image/png', field: 'photo', json: { chatId: 42 } })] },
		);
		const task = onlyTask();
		expect(task.body).toMatchObject({
			model: 'gen4.5',
			ratio: '1104:832',
			duration: 10,
			seed: 4294967295,
			contentModeration: { publicFigureThreshold: 'low' },
		});
		expect(task.images[0]).toMatchObject({ width: 1104, height: 832, format: 'jpeg' });
		expect(output[0].binary?.video?.mimeType).toBe('video/mp4');
		expect(output[0].json.image).toMatchObject({ binaryField: 'photo', fit: 'contain' });
	});

	test('from a URL: passed to Runway as it is, no image work', async () => {
		const url = 'https://images.example.com/cat.jpg?size=large';
		const { output } = await run(fake, { imageSource: 'url', imageUrl: url, ratio: '960:960' });
		const task = onlyTask();
		expect(task.body.promptImage).toBe(url);
		expect(task.images).toEqual([expect.objectContaining({ source: 'url', url })]);
		expect(output[0].json).toMatchObject({ status: 'SUCCEEDED', image: { source: 'url', url } });
	});

	test('veo3.1 with first and last frames from two binary fields, both fitted, audio on', async () => {
		const first = await gradient(1600, 1200);
		const last = await solid(500, 500, [255, 0, 0]);
		const item = await fileItem(first, { fileName: 'start.jpg', json: { chatId: 42 } });
		item.binary!.end = (await fileItem(last, { fileName: 'end.png', mimeType: 'image/png', json: { chatId: 42 } })).binary!.data;
		const { output } = await run(
			fake,
			{
				model: 'veo3.1',
				ratio: '1920:1080',
				duration: 6,
				lastFrameSource: 'binary',
				lastFrameBinaryPropertyName: 'end',
				options: { audio: true },
			},
			{ items: [item] },
		);
		const task = onlyTask();
		expect(task.body).toMatchObject({ model: 'veo3.1', ratio: '1920:1080', duration: 6, audio: true });
		expect(task.images.map((i) => [i.position, i.width, i.height, i.source])).toEqual([
			['first', 1920, 1080, 'dataUri'],
			['last', 1920, 1080, 'dataUri'],
		]);
		expect(output[0].json).toMatchObject({ status: 'SUCCEEDED', lastFrame: { binaryField: 'end', width: 1920, height: 1080 } });
	});

	test('veo3.1_fast with a last frame from a URL', async () => {
		await run(fake, {
			model: 'veo3.1_fast',
			imageSource: 'url',
			imageUrl: 'https://cdn.example.com/a.png',
			lastFrameSource: 'url',
			lastFrameUrl: 'https://cdn.example.com/b.png',
			ratio: '720:1280',
		});
		expect(onlyTask().body.promptImage).toEqual([
			{ uri: 'https://cdn.example.com/a.png', position: 'first' },
			{ uri: 'https://cdn.example.com/b.png', position: 'last' },
		]);
	});

	test('auto-fit off: an image over the 5 MB data-URI limit goes through the upload flow, without the Runway key', async () => {
		// Random pixels do not compress: this PNG is about 5.9 MB, so its data URI would be about 7.8 MB.
		const big = await sharp(randomBytes(1400 * 1400 * 3), { raw: { width: 1400, height: 1400, channels: 3 } })
			.png({ compressionLevel: 1 })
			.toBuffer();
		expect(4 * Math.ceil(big.length / 3)).toBeGreaterThan(5 * 1024 * 1024);
		const { output, test } = await run(
			fake,
			{ autoFit: false, ratio: '960:960' },
			{ items: [await fileItem(big, { fileName: 'scan.png', mimeType: 'image/png', json: { chatId: 42 } })] },
		);

		expect(fake.uploads.size).toBe(1);
		const upload = [...fake.uploads.values()][0];
		expect(upload.completed).toBe(true);
		expect(upload.data!.equals(big)).toBe(true);
		expect(upload.filename).toBe('scan.png');
		expect(upload.contentType).toBe('image/png');
		const task = onlyTask();
		expect(task.body.promptImage).toBe(upload.runwayUri);
		expect(task.images[0]).toMatchObject({ source: 'upload', width: 1400, height: 1400, format: 'png', uploadId: upload.id });

		// The presigned POST went out without any Authorization header; the API calls carried the key.
		const bucket = test.requests.filter((r) => r.url.includes('/upload-bucket/'));
		expect(bucket).toHaveLength(1);
		expect(Object.keys(bucket[0].headers).map((h) => h.toLowerCase())).not.toContain('authorization');
		expect(fake.server.requests.find((r) => r.path.startsWith('/upload-bucket/'))!.headers.authorization).toBeUndefined();
		expect(test.requests.find((r) => r.url.endsWith('/v1/uploads'))!.headers.Authorization).toBe(`Bearer ${fake.apiKey}`);
		expect(output[0].json).toMatchObject({ status: 'SUCCEEDED', image: { autoFit: false, delivery: 'upload', format: 'png' } });
	});

	test('auto-fit off: a small image is sent inline as it is, with its own media type', async () => {
		const webp = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#123456' } })
			.webp()
			.toBuffer();
		await run(
			fake,
			{ autoFit: false },
			{ items: [await fileItem(webp, { fileName: 'x.bin', mimeType: 'application/octet-stream', json: { chatId: 42 } })] },
		);
		const task = onlyTask();
		expect(task.body.promptImage).toBe(`data:image/webp;base64,${webp.toString('base64')}`);
		expect(task.images[0]).toMatchObject({ source: 'dataUri', width: 300, height: 200, format: 'webp' });
	});

	test('auto-fit on: when the fitted image cannot fit 5 MB at a good quality, it is uploaded at the exact ratio', async () => {
		const huge = await noise(2160, 3840);
		const { output } = await run(
			fake,
			{ model: 'seedance2', ratio: '2160:3840', duration: 5 },
			{ items: [await fileItem(huge, { fileName: 'tall.png', mimeType: 'image/png', json: { chatId: 42 } })] },
		);
		const task = onlyTask();
		expect(fake.uploads.size).toBe(1);
		expect(task.images[0]).toMatchObject({ source: 'upload', width: 2160, height: 3840, format: 'jpeg' });
		expect(output[0].json.image).toMatchObject({ autoFit: true, delivery: 'upload', width: 2160, height: 3840 });
	});

	test('Send Image As: Upload uploads even a small image', async () => {
		await run(
			fake,
			{ ratio: '1280:720', options: { imageDelivery: 'upload' } },
			{ items: [await fileItem(await gradient(800, 600), { json: { chatId: 42 } })] },
		);
		expect(fake.uploads.size).toBe(1);
		expect(onlyTask().images[0]).toMatchObject({ source: 'upload', width: 1280, height: 720, format: 'jpeg' });
		expect([...fake.uploads.values()][0].filename).toBe('photo_1280x720.jpg');
	});

	test('happyhorse has no ratio: auto-fit keeps the image shape and only caps its size', async () => {
		const { output } = await run(
			fake,
			{ model: 'happyhorse_1_0', duration: 5, resolution: '1080p' },
			{ items: [await fileItem(await gradient(900, 1200), { json: { chatId: 42 } })] },
		);
		const task = onlyTask();
		expect(task.body).not.toHaveProperty('ratio');
		expect(task.body).toMatchObject({ resolution: '1080p', duration: 5 });
		expect(task.images[0]).toMatchObject({ source: 'dataUri', width: 900, height: 1200 });
		expect(output[0].json.status).toBe('SUCCEEDED');
	});

	test('Wait for Completion off: the task id comes out at once, nothing is polled', async () => {
		const { output } = await run(
			fake,
			{ waitForCompletion: false },
			{ items: [await fileItem(await gradient(640, 480), { json: { chatId: 42 } })] },
		);
		const task = onlyTask();
		expect(output[0].json).toMatchObject({ id: task.id, status: 'PENDING', model: 'gen4_turbo' });
		expect(String(output[0].json.note)).toContain('Get Task');
		expect(output[0].binary).toBeUndefined();
		expect(task.polls).toBe(0);
	});

	test('several items: one task each, outputs paired in order', async () => {
		const items = [
			await fileItem(await gradient(640, 480), { json: { chatId: 42 } }),
			await fileItem(await solid(300, 300, [0, 0, 255]), { json: { chatId: 42 } }),
		];
		const { output } = await run(fake, { ratio: '1280:720' }, { items });
		expect(fake.creates).toBe(2);
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(new Set(output.map((o) => o.json.id)).size).toBe(2);
		expect(output.every((o) => o.binary?.data?.mimeType === 'video/mp4')).toBe(true);
	});
});
