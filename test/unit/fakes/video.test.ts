import sharp from 'sharp';

import { DEMO_VIDEO, demoFrameRate, demoVideo, videoFacts } from '../../fakes/common/video';
import { startFakeRunway, type FakeRunway } from '../../fakes/runway';
import { startFakeSora, type FakeSora } from '../../fakes/sora';
import { readMp4 } from '../../helpers/mp4';

/** Every frame a slice: the first an IDR (5), the others P slices (1) or more IDRs. */
function expectH264Frames(video: ReturnType<typeof readMp4>, frames: number): void {
	expect(video.sampleEntry).toBe('avc1');
	expect(video.codec).toMatch(/^avc1\./);
	expect(video.frames).toBe(frames);
	expect(video.nalTypes).toHaveLength(frames);
	expect(video.nalTypes[0]).toContain(5);
	for (const types of video.nalTypes) expect(types.some((t) => t === 1 || t === 5)).toBe(true);
}

/** Pixel size and seconds, as read from the MP4. */
function shape(bytes: Buffer): { width: number; height: number; seconds: number } {
	const video = readMp4(bytes);
	return { width: video.width, height: video.height, seconds: video.durationSeconds };
}

describe('demo videos (the fakes answer with a playable H.264 MP4 of the size and length asked for)', () => {
	test('the requested pixel size and seconds, frames at the demo rate, the same bytes for the same request', async () => {
		const request = { width: 1280, height: 720, segments: [{ prompt: 'A boat on a lake', seconds: 4 }] };
		const landscape = await demoVideo(request);
		const video = readMp4(landscape);
		expectH264Frames(video, 4 * DEMO_VIDEO.frameRate);
		expect(shape(landscape)).toEqual({ width: 1280, height: 720, seconds: 4 });
		expect(await demoVideo({ ...request })).toBe(landscape);

		expect(shape(await demoVideo({ width: 832, height: 1104, segments: [{ prompt: 'A boat on a lake', seconds: 2 }] }))).toEqual({
			width: 832,
			height: 1104,
			seconds: 2,
		});
		expect(Buffer.compare(await demoVideo({ ...request, segments: [{ prompt: 'Another prompt', seconds: 4 }] }), landscape)).not.toBe(0);
	});

	test('segments follow each other: the length is their sum, and the video differs from one made of one prompt', async () => {
		const stitched = await demoVideo({
			width: 640,
			height: 360,
			segments: [
				{ prompt: 'First', seconds: 2 },
				{ prompt: 'Then', seconds: 3 },
			],
		});
		expectH264Frames(readMp4(stitched), 5 * DEMO_VIDEO.frameRate);
		expect(shape(stitched)).toEqual({ width: 640, height: 360, seconds: 5 });
		expect(stitched.equals(await demoVideo({ width: 640, height: 360, segments: [{ prompt: 'First', seconds: 5 }] }))).toBe(false);
	});

	test('odd sizes round up to even (H.264 4:2:0); above Full HD one frame a second', async () => {
		expect(shape(await demoVideo({ width: 1365, height: 767, segments: [{ prompt: '', seconds: 1 }] }))).toEqual({
			width: 1366,
			height: 768,
			seconds: 1,
		});
		expect(demoFrameRate(1920, 1080)).toBe(DEMO_VIDEO.frameRate);
		expect(demoFrameRate(2560, 1440)).toBe(DEMO_VIDEO.largeFrameRate);
	});

	test('videoFacts reads a client MP4 and refuses what is not one', async () => {
		expect(videoFacts(await demoVideo({ width: 480, height: 640, segments: [{ prompt: 'x', seconds: 3 }] }))).toEqual({
			width: 480,
			height: 640,
			seconds: 3,
		});
		expect(videoFacts(Buffer.from('not a video'))).toBeUndefined();
	});
});

const RUNWAY_HEADERS = (key: string) => ({
	authorization: `Bearer ${key}`,
	'x-runway-version': '2024-11-06',
	'content-type': 'application/json',
});

/** Creates a task on the fake, polls it to SUCCEEDED and downloads its video. */
async function runwayVideo(fake: FakeRunway, endpoint: string, body: Record<string, unknown>): Promise<Buffer> {
	fake.script(['SUCCEEDED']);
	const res = await fetch(`${fake.url}/v1/${endpoint}`, {
		method: 'POST',
		headers: RUNWAY_HEADERS(fake.apiKey),
		body: JSON.stringify(body),
	});
	const json = (await res.json()) as { id: string };
	expect([res.status, json]).toEqual([200, expect.objectContaining({ id: expect.any(String) })]);
	const task = (await (await fetch(`${fake.url}/v1/tasks/${json.id}`, { headers: RUNWAY_HEADERS(fake.apiKey) })).json()) as {
		status: string;
		output: string[];
	};
	expect(task.status).toBe('SUCCEEDED');
	return Buffer.from(await (await fetch(task.output[0])).arrayBuffer());
}

describe('fake Runway: the video a task makes', () => {
	let runway: FakeRunway;
	let input: Buffer;
	let inputUri: string;
	beforeAll(async () => {
		runway = await startFakeRunway();
		// A 5 s landscape 4:3 clip, as example 07's first step makes it.
		input = await demoVideo({ width: 1104, height: 832, segments: [{ prompt: 'The input', seconds: 5 }] });
		inputUri = `data:video/mp4;base64,${input.toString('base64')}`;
	});
	afterAll(async () => await runway.close());

	test('the ratio and duration asked for, the prompt on it; videoBytes still gives synthetic bytes', async () => {
		const video = await runwayVideo(runway, 'text_to_video', {
			model: 'veo3.1',
			promptText: 'A boat on a lake',
			ratio: '720:1280',
			duration: 4,
		});
		expect(video).toEqual(await demoVideo({ width: 720, height: 1280, segments: [{ prompt: 'A boat on a lake', seconds: 4 }] }));
		expectH264Frames(readMp4(video), 4 * DEMO_VIDEO.frameRate);
		const synthetic = await startFakeRunway({ videoBytes: 1000 });
		try {
			expect(
				(await runwayVideo(synthetic, 'text_to_video', { model: 'veo3.1', promptText: 'x', ratio: '720:1280', duration: 4 })).length,
			).toBe(1000);
		} finally {
			await synthetic.close();
		}
	});

	test('an aspect-ratio label at the model resolution; `adaptive` and no ratio follow the image', async () => {
		expect(shape(await runwayVideo(runway, 'text_to_video', { model: 'hailuo3', promptText: 'x', ratio: '16:9', duration: 2 }))).toEqual({
			width: 1366,
			height: 768,
			seconds: 2,
		});
		const portrait = await sharp({ create: { width: 600, height: 900, channels: 3, background: '#345' } })
			.png()
			.toBuffer();
		const promptImage = `data:image/png;base64,${portrait.toString('base64')}`;
		expect(
			shape(
				await runwayVideo(runway, 'image_to_video', { model: 'hailuo3', promptText: 'x', promptImage, ratio: 'adaptive', duration: 2 }),
			),
		).toEqual({ width: 768, height: 1152, seconds: 2 });
		expect(shape(await runwayVideo(runway, 'image_to_video', { model: 'happyhorse_1_0', promptImage, duration: 3 }))).toEqual({
			width: 720,
			height: 1080,
			seconds: 3,
		});
		expect(
			shape(await runwayVideo(runway, 'image_to_video', { model: 'wan3', promptText: 'x', promptImage, ratio: 'auto_480p', duration: 2 })),
		).toEqual({ width: 480, height: 720, seconds: 2 });
	});

	test('Aleph 2 (video to video) follows its input: the same size and length, from a data URI or an upload', async () => {
		const fromDataUri = await runwayVideo(runway, 'video_to_video', { model: 'aleph2', videoUri: inputUri, promptText: 'Winter' });
		expect(shape(fromDataUri)).toEqual({ width: 1104, height: 832, seconds: 5 });
		expect(fromDataUri).toEqual(await demoVideo({ width: 1104, height: 832, segments: [{ prompt: 'Winter', seconds: 5 }] }));

		const headers = RUNWAY_HEADERS(runway.apiKey);
		const started = (await (
			await fetch(`${runway.url}/v1/uploads`, { method: 'POST', headers, body: JSON.stringify({ filename: 'in.mp4', type: 'ephemeral' }) })
		).json()) as {
			uploadUrl: string;
			fields: Record<string, string>;
			runwayUri: string;
		};
		const form = new FormData();
		for (const [name, value] of Object.entries(started.fields)) form.append(name, value);
		form.append('file', new Blob([new Uint8Array(input)], { type: 'video/mp4' }), 'in.mp4');
		expect((await fetch(started.uploadUrl, { method: 'POST', body: form })).status).toBe(204);
		expect(
			shape(await runwayVideo(runway, 'video_to_video', { model: 'aleph2', videoUri: started.runwayUri, promptText: 'Winter' })),
		).toEqual({ width: 1104, height: 832, seconds: 5 });

		// Expand/outpaint: the input letterboxed to the target aspect.
		expect(shape(await runwayVideo(runway, 'video_to_video', { model: 'aleph2', videoUri: inputUri, targetAspectRatio: '16:9' }))).toEqual({
			width: 1480,
			height: 832,
			seconds: 5,
		});
	});

	test('the other video inputs: a given ratio and duration win; extend adds to the input; upscale, HDR and Act-Two follow it', async () => {
		expect(
			shape(await runwayVideo(runway, 'video_to_video', { model: 'seedance2_5', promptVideo: inputUri, ratio: '720:1280', duration: 3 })),
		).toEqual({ width: 720, height: 1280, seconds: 3 });
		expect(
			shape(
				await runwayVideo(runway, 'video_to_video', {
					model: 'seedance2_5',
					promptVideo: inputUri,
					promptText: 'On',
					mode: 'extend',
					duration: 4,
				}),
			),
		).toEqual({ width: 1104, height: 832, seconds: 9 });
		expect(shape(await runwayVideo(runway, 'video_to_video', { model: 'gemini_omni_flash', videoUri: inputUri, promptText: 'x' }))).toEqual(
			{ width: 1104, height: 832, seconds: 5 },
		);
		expect(
			shape(
				await runwayVideo(runway, 'video_upscale', { model: 'magnific_video_upscaler_creative', videoUri: inputUri, resolution: '720p' }),
			),
		).toEqual({ width: 956, height: 720, seconds: 5 });
		expect(
			shape(await runwayVideo(runway, 'video_upscale', { model: 'enhance_frame_rate', videoUri: inputUri, targetFramerate: '60' })),
		).toEqual({ width: 1104, height: 832, seconds: 5 });
		expect(shape(await runwayVideo(runway, 'video_to_hdr', { model: 'ruby', videoUri: inputUri }))).toEqual({
			width: 1104,
			height: 832,
			seconds: 5,
		});
		const performance = `data:video/mp4;base64,${(await demoVideo({ width: 640, height: 360, segments: [{ prompt: 'Acting', seconds: 3 }] })).toString('base64')}`;
		expect(
			shape(
				await runwayVideo(runway, 'character_performance', {
					model: 'act_two',
					character: { type: 'video', uri: inputUri },
					reference: { type: 'video', uri: performance },
					ratio: '960:960',
				}),
			),
		).toEqual({ width: 960, height: 960, seconds: 3 });
	});
});

describe('fake Sora: the video content', () => {
	let sora: FakeSora;
	beforeAll(async () => (sora = await startFakeSora({})));
	afterAll(async () => await sora.close());

	const headers = () => ({ authorization: `Bearer ${sora.apiKey}` });
	/** Posts, polls the video to completed and returns its object and content. */
	async function completed(
		path: string,
		body: Record<string, unknown> | FormData,
	): Promise<{ video: Record<string, unknown>; content: Buffer }> {
		sora.script(['completed']);
		const json = !(body instanceof FormData);
		const res = await fetch(`${sora.baseUrl}${path}`, {
			method: 'POST',
			headers: { ...headers(), ...(json ? { 'content-type': 'application/json' } : {}) },
			body: json ? JSON.stringify(body) : body,
		});
		const created = (await res.json()) as { id: string };
		expect(res.status).toBe(200);
		const video = (await (await fetch(`${sora.baseUrl}/videos/${created.id}`, { headers: headers() })).json()) as Record<string, unknown>;
		expect(video.status).toBe('completed');
		const download = await fetch(`${sora.baseUrl}/videos/${created.id}/content`, { headers: headers() });
		expect(download.headers.get('content-type')).toBe('video/mp4');
		return { video, content: Buffer.from(await download.arrayBuffer()) };
	}

	test('a generated video has the size and seconds asked for; remix and edit keep them', async () => {
		const generated = await completed('/videos', { model: 'sora-2', prompt: 'A cat', size: '720x1280', seconds: '8' });
		expect(shape(generated.content)).toEqual({ width: 720, height: 1280, seconds: 8 });
		expect(generated.content).toEqual(await demoVideo({ width: 720, height: 1280, segments: [{ prompt: 'A cat', seconds: 8 }] }));
		expectH264Frames(readMp4(generated.content), 8 * DEMO_VIDEO.frameRate);

		const remixed = await completed(`/videos/${String(generated.video.id)}/remix`, { prompt: 'A dog' });
		expect(remixed.video).toMatchObject({ size: '720x1280', seconds: '8' });
		expect(remixed.content).toEqual(await demoVideo({ width: 720, height: 1280, segments: [{ prompt: 'A dog', seconds: 8 }] }));
		const edited = await completed('/videos/edits', { prompt: 'At night', video: { id: generated.video.id } });
		expect(edited.video).toMatchObject({ size: '720x1280', seconds: '8' });
		expect(shape(edited.content)).toEqual({ width: 720, height: 1280, seconds: 8 });
	});

	test('an extension is the source continued: seconds is the stitched total, the content the source then the new part', async () => {
		const generated = await completed('/videos', { prompt: 'A paper boat', size: '1280x720', seconds: '4' });
		const extended = await completed('/videos/extensions', {
			prompt: 'It reaches the harbour',
			seconds: '4',
			video: { id: generated.video.id },
		});
		expect(extended.video).toMatchObject({ size: '1280x720', seconds: '8', prompt: 'It reaches the harbour' });
		expect(shape(extended.content)).toEqual({ width: 1280, height: 720, seconds: 8 });
		const parts = [
			{ prompt: 'A paper boat', seconds: 4 },
			{ prompt: 'It reaches the harbour', seconds: 4 },
		];
		expect(extended.content).toEqual(await demoVideo({ width: 1280, height: 720, segments: parts }));

		const again = await completed('/videos/extensions', { prompt: 'Night falls', seconds: '4', video: { id: extended.video.id } });
		expect(again.video).toMatchObject({ seconds: '12' });
		expect(again.content).toEqual(
			await demoVideo({ width: 1280, height: 720, segments: [...parts, { prompt: 'Night falls', seconds: 4 }] }),
		);
	});

	test('an uploaded video is extended and edited at its own size and length', async () => {
		const upload = await demoVideo({ width: 480, height: 640, segments: [{ prompt: 'Mine', seconds: 3 }] });
		const form = (fields: Record<string, string>) => {
			const f = new FormData();
			for (const [name, value] of Object.entries(fields)) f.append(name, value);
			f.append('video', new Blob([new Uint8Array(upload)], { type: 'video/mp4' }), 'mine.mp4');
			return f;
		};
		const extended = await completed('/videos/extensions', form({ prompt: 'More', seconds: '4' }));
		expect(extended.video).toMatchObject({ size: '480x640', seconds: '7' });
		expect(shape(extended.content)).toEqual({ width: 480, height: 640, seconds: 7 });
		const edited = await completed('/videos/edits', form({ prompt: 'Brighter' }));
		expect(edited.video).toMatchObject({ size: '480x640', seconds: '3' });
		expect(shape(edited.content)).toEqual({ width: 480, height: 640, seconds: 3 });
	});
});
