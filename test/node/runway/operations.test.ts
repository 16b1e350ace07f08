/**
 * What the current Runway API added, through real HTTP against the SDK-following fake: Video to Video, Upscale
 * Video and Character Performance with binary or URL inputs (inline or uploaded), costs on every item, outputs
 * of every kind as separate binaries, a portrait photo getting a portrait ratio, and a custom model with
 * Additional Fields sent unchecked (Runway's issues come back one sentence each).
 */

import { startFakeRunway, type FakeRunway, type FakeRunwayTask } from '../../fakes/runway';
import { gradient } from '../../helpers/images';
import { CLIP_MP4, fileItem } from '../../helpers/items';
import { smallVideo } from '../../helpers/videos';
import { run, runFailing } from './setup';
import { binaryOf } from '../setup';

let fake: FakeRunway;
beforeEach(async () => (fake = await startFakeRunway({ videoBytes: 10_000 })));
afterEach(async () => await fake.close());

function lastTask(): FakeRunwayTask {
	return [...fake.tasks.values()].pop()!;
}

describe('Video to Video, Upscale Video, Character Performance', () => {
	test('aleph2 restyles a binary video sent inline; the item has the estimate, the cost and the video', async () => {
		const { output } = await run(
			fake,
			{ operation: 'videoToVideo', prompt: 'Make it snow' },
			{ items: [await fileItem(smallVideo(), CLIP_MP4)] },
		);
		const task = lastTask();
		expect(task.endpoint).toBe('video_to_video');
		expect(task.body).toMatchObject({
			model: 'aleph2',
			promptText: 'Make it snow',
			videoUri: expect.stringMatching(/^data:video\/mp4;base64,/),
		});
		expect(task.images).toEqual([expect.objectContaining({ kind: 'video', source: 'dataUri' })]);
		expect(output[0].json).toMatchObject({
			id: task.id,
			status: 'SUCCEEDED',
			finished: true,
			succeeded: true,
			model: 'aleph2',
			estimatedCost: { credits: task.credits },
			cost: { credits: task.credits },
			video: { source: 'binary', delivery: 'dataUri' },
		});
		expect(binaryOf(output[0])).toMatchObject({ mimeType: 'video/mp4', fileName: `runway-aleph2-${task.id}.mp4` });
	});

	test('a video over the 5 MB data-URI limit goes through the upload flow; seedance takes it as promptVideo', async () => {
		await run(
			fake,
			{ operation: 'videoToVideo', videoToVideoModel: 'seedance2', prompt: 'x' },
			{ items: [await fileItem(smallVideo(4 * 1024 * 1024), CLIP_MP4)] },
		);
		expect(fake.uploads.size).toBe(1);
		expect(lastTask().body).toMatchObject({ model: 'seedance2', promptVideo: expect.stringMatching(/^runway:\/\//) });
		expect(lastTask().images[0]).toMatchObject({ kind: 'video', source: 'upload' });
	});

	test('a file that is not a video is refused before any request', async () => {
		const item = await fileItem(Buffer.from('hello'), { fileName: 'a.txt', mimeType: 'text/plain' });
		const error = await runFailing(fake, { operation: 'videoToVideo', prompt: 'x' }, { items: [item] });
		expect(error.message).toMatch(/MP4, MOV or WebM.*item 1, video binary field "data"/);
		expect(fake.server.requests).toEqual([]);
	});

	test('Upscale Video: enhance_frame_rate with its required frame rate, the video from a URL', async () => {
		await run(fake, {
			operation: 'upscaleVideo',
			upscaleVideoModel: 'enhance_frame_rate',
			targetFramerate: '60',
			videoSource: 'url',
			videoUrl: 'https://cdn.example.com/a.mp4',
		});
		expect(lastTask()).toMatchObject({
			endpoint: 'video_upscale',
			body: { model: 'enhance_frame_rate', targetFramerate: '60', videoUri: 'https://cdn.example.com/a.mp4' },
		});
		await run(
			fake,
			{ operation: 'upscaleVideo', resolution: '4k', options: { creativity: 30, flavor: 'vivid' } },
			{ items: [await fileItem(smallVideo(), CLIP_MP4)] },
		);
		expect(lastTask().body).toMatchObject({ model: 'magnific_video_upscaler_creative', resolution: '4k', creativity: 30, flavor: 'vivid' });
	});

	test('Character Performance: act_two with a character image and a performance video from two fields', async () => {
		const item = await fileItem(await gradient(640, 480), { json: { chatId: 42 } });
		item.binary!.performance = (await fileItem(smallVideo(4096), { ...CLIP_MP4, field: 'performance' })).binary!.performance;
		await run(fake, { operation: 'characterPerformance', options: { expressionIntensity: 4, bodyControl: true } }, { items: [item] });
		expect(lastTask()).toMatchObject({
			endpoint: 'character_performance',
			body: { model: 'act_two', character: { type: 'image' }, reference: { type: 'video' }, expressionIntensity: 4, bodyControl: true },
		});
		expect(lastTask().images.map((i) => i.kind)).toEqual(['image', 'video']);
	});
});

describe('outputs, costs and ratios', () => {
	test('a PNG sequence with audio: the zip in the named field, the wav beside it, each with its type', async () => {
		const { output } = await run(fake, {
			operation: 'textToVideo',
			textToVideoModel: 'gen4.5',
			prompt: 'x',
			outputFormat: 'prores',
			outputBinaryPropertyName: 'video',
		});
		const task = lastTask();
		expect(task.body.outputFormat).toBe('prores');
		expect(Object.keys(output[0].binary ?? {})).toEqual(['video']);
		expect(binaryOf(output[0], 'video')).toMatchObject({ mimeType: 'video/quicktime', fileName: `runway-gen4.5-${task.id}.mov` });

		// aleph2's PNG sequence of a video with sound: a zip of frames and a separate wav
		const frames = await run(
			fake,
			{ operation: 'videoToVideo', outputFormat: 'png_sequence' },
			{ items: [await fileItem(smallVideo(), CLIP_MP4)] },
		);
		const item = frames.output[0];
		const id = lastTask().id;
		expect(Object.keys(item.binary ?? {})).toEqual(['data', 'data_1']);
		expect(binaryOf(item, 'data')).toMatchObject({ mimeType: 'application/zip', fileName: `runway-aleph2-${id}.zip` });
		expect(binaryOf(item, 'data_1')).toMatchObject({ mimeType: 'audio/wav', fileName: `runway-aleph2-${id}_audio.wav` });
		expect(item.json.download).toEqual([
			expect.objectContaining({ binaryField: 'data', mimeType: 'application/zip' }),
			expect.objectContaining({ binaryField: 'data_1', mimeType: 'audio/wav' }),
		]);
	});

	test('a portrait photo gets the model’s portrait ratio by default; a set ratio is kept', async () => {
		await run(fake, {}, { items: [await fileItem(await gradient(1200, 1600), { json: { chatId: 42 } })] });
		expect(lastTask().body.ratio).toBe('832:1104');
		expect(lastTask().images[0]).toMatchObject({ width: 832, height: 1104 });
		await run(fake, { ratio: '1280:720' }, { items: [await fileItem(await gradient(1200, 1600), { json: { chatId: 42 } })] });
		expect(lastTask().body.ratio).toBe('1280:720');
		await run(fake, { imageSource: 'url', imageUrl: 'https://cdn.example.com/p.jpg' });
		expect(lastTask().body.ratio).toBe('1280:720');
	});

	test('the wait runs out: the item keeps the id and the estimate', async () => {
		fake.script([{ status: 'RUNNING', progress: 0.3, forever: true }]);
		const { output } = await run(fake, { operation: 'textToVideo', prompt: 'x', maxWaitMinutes: 0.001, pollIntervalSeconds: 0.01 });
		expect(output[0].json).toMatchObject({
			id: lastTask().id,
			timedOut: true,
			status: 'RUNNING',
			finished: false,
			estimatedCost: { credits: lastTask().credits },
		});
	});
});

describe('a model released after this node', () => {
	test('Custom Model ID with Additional Fields is sent unchecked; Runway’s issues come back one sentence each', async () => {
		const error = await runFailing(fake, {
			operation: 'textToVideo',
			textToVideoModel: 'custom',
			customModel: 'gen9_ultra',
			prompt: 'x',
			options: { additionalFields: '{"ratio": "7:3", "sparkle": true}' },
		});
		const sent = fake.server.requests.find((r) => r.path === '/v1/text_to_video')!;
		expect(sent.json).toEqual({ model: 'gen9_ultra', promptText: 'x', ratio: '7:3', sparkle: true });
		expect(error.message).toMatch(
			/^Runway refused to create the task \(HTTP 400\): Validation of body failed\. model: Invalid option: expected one of .*\.$/,
		);
	});

	test('Additional Fields on a known model win over the node’s own values and reach Runway as they are', async () => {
		await run(fake, { operation: 'textToVideo', prompt: 'x', options: { additionalFields: { duration: 9, seed: 5 } } });
		expect(lastTask().body).toMatchObject({ model: 'gen4.5', duration: 9, seed: 5 });
	});
});
