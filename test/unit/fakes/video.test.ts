import { DEMO_VIDEO, demoVideo, videoSize } from '../../fakes/common/video';
import { startFakeRunway } from '../../fakes/runway';
import { startFakeSora } from '../../fakes/sora';
import { readMp4 } from '../../helpers/mp4';

/** Every frame a slice: the first an IDR (5), the others P slices (1) or more IDRs. */
function expectH264Frames(video: ReturnType<typeof readMp4>): void {
	expect(video.sampleEntry).toBe('avc1');
	expect(video.codec).toMatch(/^avc1\./);
	expect(video.frames).toBe(DEMO_VIDEO.frames);
	expect(video.nalTypes).toHaveLength(DEMO_VIDEO.frames);
	expect(video.nalTypes[0]).toContain(5);
	for (const types of video.nalTypes) expect(types.some((t) => t === 1 || t === 5)).toBe(true);
}

describe('demo videos (the fakes answer with a playable H.264 MP4)', () => {
	test('a video in the requested shape, 2 s of frames, the same bytes for the same request', async () => {
		const landscape = await demoVideo({ size: '1280x720', prompt: 'A boat on a lake' });
		const video = readMp4(landscape);
		expectH264Frames(video);
		expect([video.width, video.height]).toEqual([320, 180]);
		expect(video.durationSeconds).toBeCloseTo(DEMO_VIDEO.frames / DEMO_VIDEO.frameRate, 2);
		expect(await demoVideo({ size: '1280:720', prompt: 'A boat on a lake' })).toBe(landscape);

		const portrait = readMp4(await demoVideo({ size: '832:1104', prompt: 'A boat on a lake' }));
		expect([portrait.width, portrait.height]).toEqual([videoSize('832:1104').width, 320]);
		expect(portrait.width).toBeLessThan(portrait.height);
		expect(Buffer.compare(await demoVideo({ size: '1280x720', prompt: 'Another prompt' }), landscape)).not.toBe(0);
	});

	test('odd or unreadable sizes still give an even-sized video', () => {
		expect(videoSize('1584:672')).toEqual({ width: 320, height: 136 });
		expect(videoSize('1x1')).toEqual({ width: 320, height: 320 });
		expect(videoSize('nonsense')).toEqual({ width: 320, height: 180 });
	});

	test('fake Runway serves it for a task (the ratio and prompt of the request); videoBytes still gives synthetic bytes', async () => {
		const runway = await startFakeRunway({ pollsPerStage: 1 });
		const synthetic = await startFakeRunway({ videoBytes: 1000 });
		try {
			for (const fake of [runway, synthetic]) fake.script(['SUCCEEDED']);
			const create = async (url: string, key: string) => {
				const res = await fetch(`${url}/v1/text_to_video`, {
					method: 'POST',
					headers: { authorization: `Bearer ${key}`, 'x-runway-version': '2024-11-06', 'content-type': 'application/json' },
					body: JSON.stringify({ model: 'veo3.1', promptText: 'A boat on a lake', ratio: '720:1280', duration: 4 }),
				});
				expect(res.status).toBe(200);
				const { id } = (await res.json()) as { id: string };
				const task = (await (await fetch(`${url}/v1/tasks/${id}`, { headers: { authorization: `Bearer ${key}`, 'x-runway-version': '2024-11-06' } })).json()) as { output: string[] };
				return Buffer.from(await (await fetch(task.output[0])).arrayBuffer());
			};
			const video = await create(runway.url, runway.apiKey);
			expect(video).toEqual(await demoVideo({ size: '720:1280', prompt: 'A boat on a lake' }));
			expectH264Frames(readMp4(video));
			expect((await create(synthetic.url, synthetic.apiKey)).length).toBe(1000);
		} finally {
			await Promise.all([runway.close(), synthetic.close()]);
		}
	});

	test('fake Sora serves it as the video content of a completed video', async () => {
		const sora = await startFakeSora({});
		try {
			sora.script(['completed']);
			const headers = { authorization: `Bearer ${sora.apiKey}`, 'content-type': 'application/json' };
			const res = await fetch(`${sora.baseUrl}/videos`, { method: 'POST', headers, body: JSON.stringify({ model: 'sora-2', prompt: 'A cat', size: '720x1280' }) });
			expect(res.status).toBe(200);
			const { id } = (await res.json()) as { id: string };
			await fetch(`${sora.baseUrl}/videos/${id}`, { headers });
			const content = await fetch(`${sora.baseUrl}/videos/${id}/content`, { headers });
			expect(content.headers.get('content-type')).toBe('video/mp4');
			const video = Buffer.from(await content.arrayBuffer());
			expect(video).toEqual(await demoVideo({ size: '720x1280', prompt: 'A cat' }));
			expectH264Frames(readMp4(video));
		} finally {
			await sora.close();
		}
	});
});
