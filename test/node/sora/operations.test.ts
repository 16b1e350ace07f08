/** Get, Download, Remix, List and Delete through real HTTP against the fake. */
import sharp from 'sharp';

import { fakeVideoByte } from '../../fakes/common/fakeServer';
import { closeFakes, completeDirect, createDirect, expectNoSecret, FAST_WAIT, run, runOk, startFake } from './setup';

afterEach(closeFakes);

describe('Get', () => {
	test('a running video: status and progress, no download', async () => {
		const fake = await startFake();
		fake.script(['queued', { status: 'in_progress', progress: 37 }, 'completed']);
		const id = await createDirect(fake);
		const result = await runOk(fake, { operation: 'get', videoId: id });
		expect(result.output).toHaveLength(1);
		expect(result.output[0].json).toMatchObject({
			id,
			status: 'in_progress',
			progress: 37,
			model: 'sora-2',
			finished: false,
			succeeded: false,
		});
		expect(result.output[0].json.contentUrl).toBeUndefined();
		expect(result.output[0].binary).toBeUndefined();
		expect(fake.server.count('GET', /\/content$/)).toBe(0);
		expectNoSecret(result);
	});

	test('a completed video is downloaded by default, and not with Download When Completed off', async () => {
		const fake = await startFake({ videoBytes: 70_000 });
		const id = await createDirect(fake, { prompt: 'x', model: 'sora-2-pro', size: '1792x1024' });
		await completeDirect(fake, id);

		const withFile = await runOk(fake, { operation: 'get', videoId: ` ${id} ` });
		expect(withFile.output[0].json).toMatchObject({ id, status: 'completed', progress: 100, finished: true, succeeded: true });
		const binary = withFile.output[0].binary!.data;
		expect(binary.fileName).toBe(`sora-2-pro_${id.slice(6, 14)}.mp4`);
		expect(binary.mimeType).toBe('video/mp4');
		const bytes = withFile.test.readBinary(binary);
		expect(bytes.length).toBe(70_000);
		expect(bytes[5000]).toBe(fakeVideoByte(5000, fake.videos.get(id)!.seed));

		const without = await runOk(fake, { operation: 'get', videoId: id, download: false });
		expect(without.output[0].json).toMatchObject({ id, status: 'completed' });
		expect(without.output[0].binary).toBeUndefined();
		expect(fake.server.count('GET', /\/content$/)).toBe(1);
	});

	test('a failed video comes out with its error and what it means (Get reports, it does not fail)', async () => {
		const fake = await startFake();
		fake.script([{ status: 'failed', error: { code: 'moderation_blocked', message: 'Blocked by moderation.' } }]);
		const id = await createDirect(fake);
		const { output } = await runOk(fake, { operation: 'get', videoId: id });
		expect(output[0].json).toMatchObject({
			id,
			status: 'failed',
			finished: true,
			succeeded: false,
			error: { code: 'moderation_blocked', message: 'Blocked by moderation.' },
		});
		expect(output[0].json.errorExplanation).toMatch(/moderation/);
		expect(output[0].binary).toBeUndefined();
	});

	test('an unknown id: the API message, 404 and what to check', async () => {
		const fake = await startFake();
		const result = await run(fake, { operation: 'get', videoId: 'video_nope' });
		expect(result.error!.message).toBe("Video with id 'video_nope' not found. [video_not_found]");
		expect(result.error!.httpCode).toBe('404');
		expect(result.error!.description).toMatch(/no video with this ID/);
		expect(result.error!.description).toMatch(/request ID req_[0-9a-f]+/);
		expectNoSecret(result);
	});

	test('an empty id, "." or ".." is refused before any request', async () => {
		const fake = await startFake();
		for (const videoId of ['', '.', '..']) {
			const result = await run(fake, { operation: 'get', videoId });
			expect(result.error!.message).toMatch(
				/(No video ID given|is not a video ID: "\.\.?" would address another endpoint) \(item 1, field "Video ID"\)/,
			);
		}
		expect(fake.server.requests).toHaveLength(0);
		const slashed = await run(fake, { operation: 'get', videoId: 'video_1/remix+a=' });
		expect(slashed.error!.message).toBe("Video with id 'video_1/remix+a=' not found. [video_not_found]");
		expect(fake.server.requests.map((r) => r.path)).toEqual(['/v1/videos/video_1%2Fremix%2Ba%3D']);
	});

	test('any other id is opaque: sent percent-encoded as one path segment', async () => {
		const fake = await startFake();
		for (const videoId of ['video_1/remix', 'a b', '?x#y']) {
			const result = await run(fake, { operation: 'get', videoId });
			expect(result.error!.message).toMatch(/no video|not found/i);
			expect(fake.server.requests.at(-1)!.path).toBe(`/v1/videos/${encodeURIComponent(videoId)}`);
		}
	});
});

describe('Download', () => {
	test('every variant, with its content type from the response and a matching file name', async () => {
		const fake = await startFake({ videoBytes: 50_000 });
		const id = await createDirect(fake, { prompt: 'x', size: '1280x720' });
		await completeDirect(fake, id);
		const id8 = id.slice(6, 14);
		const expected = {
			video: { mimeType: 'video/mp4', fileName: `sora-2_${id8}.mp4`, format: undefined },
			thumbnail: { mimeType: 'image/webp', fileName: `sora-2_${id8}_thumbnail.webp`, format: 'webp' },
			spritesheet: { mimeType: 'image/jpeg', fileName: `sora-2_${id8}_spritesheet.jpg`, format: 'jpeg' },
		};
		for (const [variant, want] of Object.entries(expected)) {
			const result = await runOk(fake, { operation: 'download', videoId: id, variant, outputBinaryPropertyName: variant });
			const binary = result.output[0].binary![variant];
			expect([binary.mimeType, binary.fileName]).toEqual([want.mimeType, want.fileName]);
			expect(result.output[0].json).toMatchObject({
				id,
				status: 'completed',
				download: { variant, binaryField: variant, mimeType: want.mimeType },
			});
			const bytes = result.test.readBinary(binary);
			if (want.format) {
				const metadata = await sharp(bytes).metadata();
				expect(metadata.format).toBe(want.format);
			} else {
				expect(bytes.length).toBe(50_000);
			}
			const request = result.test.requests.find((r) => r.url.includes('/content'))!;
			expect(new URL(request.url).searchParams.get('variant')).toBe(variant);
			expectNoSecret(result);
		}
	});

	test('a chosen file name is kept', async () => {
		const fake = await startFake();
		const id = await createDirect(fake);
		await completeDirect(fake, id);
		const { output } = await runOk(fake, { operation: 'download', videoId: id, options: { fileName: 'reply.mp4' } });
		expect(output[0].binary!.data.fileName).toBe('reply.mp4');
	});

	test('a video not ready yet, or failed, is a clear error and no download is tried', async () => {
		const fake = await startFake();
		fake.script(['queued', { status: 'in_progress', progress: 64, forever: true }]);
		const running = await createDirect(fake);
		const notReady = await run(fake, { operation: 'download', videoId: running });
		expect(notReady.error!.message).toBe(`Video ${running} is not ready yet: in_progress, 64% (item 1)`);
		expect(notReady.error!.description).toMatch(/once its status is completed/);

		fake.script([{ status: 'failed', error: { code: 'moderation_blocked', message: 'Blocked.' } }]);
		const failed = await createDirect(fake);
		const noFile = await run(fake, { operation: 'download', videoId: failed });
		expect(noFile.error!.message).toBe(`Video ${failed} failed: Blocked. [moderation_blocked], so it has nothing to download (item 1)`);
		expect(noFile.error!.description).toMatch(/Blocked\. Blocked by moderation/);
		expect(fake.server.count('GET', /\/content$/)).toBe(0);
	});
});

describe('Remix', () => {
	test('remixes a completed video with a new prompt, waits and downloads the new one', async () => {
		const fake = await startFake();
		const source = await createDirect(fake, { prompt: 'A red kite', model: 'sora-2-pro', size: '1024x1792', seconds: '8' });
		await completeDirect(fake, source);
		const result = await runOk(fake, { operation: 'remix', videoId: source, prompt: 'A blue kite', ...FAST_WAIT });
		expect(fake.remixes).toBe(1);
		const remix = [...fake.videos.values()].find((video) => video.kind === 'remix')!;
		expect(remix.fields).toEqual({ prompt: 'A blue kite' });
		expect(result.output[0].json).toMatchObject({
			id: remix.id,
			status: 'completed',
			remixed_from_video_id: source,
			model: 'sora-2-pro',
			size: '1024x1792',
			seconds: '8',
			prompt: 'A blue kite',
		});
		expect(result.output[0].binary!.data.fileName).toBe(`sora-2-pro_${remix.id.slice(6, 14)}.mp4`);
		expectNoSecret(result);
	});

	test('a video that is not completed cannot be remixed: the API says so, and the remix is not sent twice', async () => {
		const fake = await startFake();
		const pending = await createDirect(fake);
		const result = await run(fake, { operation: 'remix', videoId: pending, prompt: 'y' });
		expect(result.error!.message).toMatch(/is queued; only a completed video can be remixed\. \[invalid_video_status\]/);
		expect(result.error!.description).toMatch(/remix, edit and extend need a completed video/);
		expect(fake.server.count('POST', /\/remix$/)).toBe(1);
		expect(fake.remixes).toBe(0);
	});

	test('an empty prompt is refused before the request', async () => {
		const fake = await startFake();
		const result = await run(fake, { operation: 'remix', videoId: 'video_1', prompt: '' });
		expect(result.error!.message).toMatch(/prompt is empty \(item 1, field "Prompt"\)/);
		expect(fake.server.requests).toHaveLength(0);
	});
});

describe('List', () => {
	test('limit, order and after', async () => {
		const fake = await startFake();
		const ids: string[] = [];
		for (let i = 0; i < 5; i++) ids.push(await createDirect(fake, { prompt: `video ${i}` }));

		const newest = await runOk(fake, { operation: 'list', limit: 2 });
		expect(newest.output.map((item) => item.json.id)).toEqual([ids[4], ids[3]]);
		expect(newest.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(fake.server.requests.at(-1)!.query).toEqual({ limit: '2' });

		const oldest = await runOk(fake, { operation: 'list', limit: 3, options: { order: 'asc' } });
		expect(oldest.output.map((item) => item.json.id)).toEqual(ids.slice(0, 3));

		const after = await runOk(fake, { operation: 'list', limit: 10, options: { after: ids[3] } });
		expect(after.output.map((item) => item.json.id)).toEqual([ids[2], ids[1], ids[0]]);
		expect(after.output[0].json).toMatchObject({ object: 'video', status: 'queued', prompt: 'video 2' });
		expectNoSecret(after);
	});

	test('Return All follows the cursor across pages', async () => {
		const fake = await startFake();
		const ids: string[] = [];
		for (let i = 0; i < 103; i++) ids.push(await createDirect(fake, { prompt: `v${i}` }));
		const { output } = await runOk(fake, { operation: 'list', returnAll: true });
		expect(output).toHaveLength(103);
		expect(output.map((item) => item.json.id)).toEqual([...ids].reverse());
		const pages = fake.server.requests.filter((r) => r.method === 'GET' && r.path === '/v1/videos');
		expect(pages.map((r) => r.query)).toEqual([{ limit: '100' }, { limit: '100', after: ids[3] }]);
	});

	test('an unknown cursor is the API error', async () => {
		const fake = await startFake();
		const result = await run(fake, { operation: 'list', options: { after: 'video_gone' } });
		expect(result.error!.message).toMatch(/Invalid 'after': no video with id 'video_gone'/);
		expect(result.error!.httpCode).toBe('400');
	});
});

describe('Delete', () => {
	test('deletes a completed video; a running one is refused with the API message', async () => {
		const fake = await startFake();
		const done = await createDirect(fake);
		await completeDirect(fake, done);
		const { output } = await runOk(fake, { operation: 'delete', videoId: done });
		expect(output[0].json).toEqual({ id: done, object: 'video.deleted', deleted: true });
		expect(fake.videos.get(done)!.deleted).toBe(true);

		const running = await createDirect(fake);
		const result = await run(fake, { operation: 'delete', videoId: running });
		expect(result.error!.message).toMatch(/only a completed or failed video can be deleted\. \[invalid_video_status\]/);
		expect(fake.videos.get(running)!.deleted).toBe(false);

		const gone = await run(fake, { operation: 'delete', videoId: done });
		expect(gone.error!.httpCode).toBe('404');
		expectNoSecret(gone);
	});
});
