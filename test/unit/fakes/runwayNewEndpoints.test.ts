/**
 * The fake Runway's Video to HDR, Avatar Video and Model Router endpoints, over real HTTP. Expected values are
 * written out from the SDK's types and JSDoc (@runwayml/sdk 4.20.1), not read from the fake's tables.
 */
import { startFakeRunway, type FakeRunway } from '../../fakes/runway';

let fake: FakeRunway;
beforeAll(async () => (fake = await startFakeRunway({ steps: ['SUCCEEDED'] })));
afterAll(async () => await fake.close());

async function post(path: string, body: unknown): Promise<{ status: number; json: any }> {
	const response = await fetch(`${fake.baseUrl}${path}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${fake.apiKey}`, 'x-runway-version': '2024-11-06', 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return { status: response.status, json: await response.json() };
}

async function outputs(id: string): Promise<string[]> {
	const response = await fetch(`${fake.baseUrl}/v1/tasks/${id}`, {
		headers: { authorization: `Bearer ${fake.apiKey}`, 'x-runway-version': '2024-11-06' },
	});
	return ((await response.json()) as { output: string[] }).output.map((url) => url.replace(/^.*\/[0-9a-f-]{36}/, ''));
}

function issues(res: { status: number; json: any }): Array<{ path: unknown[]; code: string; values?: unknown[] }> {
	expect(res.status).toBe(400);
	return res.json.issues;
}

const VIDEO = 'https://cdn.example.com/clip.mp4';

describe('video_to_hdr (ruby)', () => {
	it('makes one file per delivery: HDR10 and HLG .mp4, HDR ProRes .mov, an EXR sequence one .zip', async () => {
		const made: Record<string, string[]> = {};
		for (const outputFormat of ['hdr10', 'hlg', 'hdr_prores', 'hdr_exr_sequence', 'hdr_exr_acescg_sequence_2_0']) {
			const { json } = await post('/v1/video_to_hdr', { model: 'ruby', videoUri: VIDEO, outputFormat });
			made[outputFormat] = await outputs(json.id);
		}
		expect(made).toEqual({
			hdr10: ['.mp4'],
			hlg: ['.mp4'],
			hdr_prores: ['.mov'],
			hdr_exr_sequence: ['.zip'],
			hdr_exr_acescg_sequence_2_0: ['.zip'],
		});
	});

	it('refuses a ProRes profile without the ProRes delivery, and a format ruby does not make', async () => {
		expect(issues(await post('/v1/video_to_hdr', { model: 'ruby', videoUri: VIDEO, outputFormat: 'hlg', proresProfile: '422' }))).toEqual([
			expect.objectContaining({ path: ['proresProfile'], code: 'custom' }),
		]);
		expect(issues(await post('/v1/video_to_hdr', { model: 'ruby', videoUri: VIDEO, outputFormat: 'mp4' }))[0]).toMatchObject({
			path: ['outputFormat'],
			values: ['hdr10', 'hlg', 'hdr_prores', 'hdr_exr_sequence', 'hdr_exr_acescg_sequence_1_3', 'hdr_exr_acescg_sequence_2_0'],
		});
	});
});

describe('avatar_videos (gwm1_avatars)', () => {
	it('answers the id alone; the task has the estimate', async () => {
		const res = await post('/v1/avatar_videos', {
			model: 'gwm1_avatars',
			avatar: { type: 'runway-preset', presetId: 'cat-character' },
			speech: { type: 'text', text: 'Hi' },
		});
		expect(res).toEqual({ status: 200, json: { id: expect.any(String) } });
	});

	it("checks each object by its type, with the SDK's preset values", async () => {
		const found = issues(
			await post('/v1/avatar_videos', {
				model: 'gwm1_avatars',
				avatar: { type: 'runway-preset', presetId: 'dog-character' },
				speech: { type: 'text', text: 'Hi', voice: { type: 'preset', presetId: 'nobody' } },
			}),
		);
		expect(found.map((i) => i.path)).toEqual([
			['avatar', 'presetId'],
			['speech', 'voice', 'presetId'],
		]);
		expect(found[0].values).toHaveLength(9);
		expect(found[1].values).toHaveLength(30);
		const wrongKind = issues(
			await post('/v1/avatar_videos', {
				model: 'gwm1_avatars',
				avatar: { type: 'custom', presetId: 'influencer' },
				speech: { type: 'audio', text: 'Hi' },
			}),
		);
		expect(wrongKind.map((i) => [i.path, i.code])).toEqual([
			[['avatar'], 'unrecognized_keys'],
			[['avatar', 'avatarId'], 'invalid_type'],
			[['speech'], 'unrecognized_keys'],
			[['speech', 'audio'], 'invalid_type'],
		]);
	});
});

describe('generate/video (the Model Router)', () => {
	it('answers which model the saved config picked, and why', async () => {
		const res = await post('/v1/generate/video', {
			configId: 'cheap-clips',
			input: { promptText: 'A boat', aspectRatio: '9:16', duration: 4 },
		});
		expect(res.json.routing).toEqual({
			configId: 'cheap-clips',
			estimatedCost: { credits: 20 },
			model: 'seedance2_mini',
			provider: 'bytedance',
			resolvedInput: { duration: 4, ratio: '720:1280', resolution: '720p' },
			resolvedSettings: { optimizeFor: 'cost', priceCeiling: null },
		});
		expect(fake.tasks.get(res.json.id)).toMatchObject({ endpoint: 'generate/video', model: 'seedance2_mini' });
	});

	it('refuses an unknown config (404), unknown input fields, two first frames, a role it does not know', async () => {
		expect(await post('/v1/generate/video', { configId: 'nope', input: {} })).toEqual({
			status: 404,
			json: { error: 'Router config "nope" not found.' },
		});
		const found = issues(
			await post('/v1/generate/video', {
				configId: 'video-default',
				input: {
					ratio: '1280:720',
					referenceImages: [
						{ role: 'first', uri: 'https://cdn.example.com/a.jpg' },
						{ role: 'first', uri: 'https://cdn.example.com/b.jpg' },
					],
					referenceVideos: [{ role: 'main', uri: VIDEO }],
				},
			}),
		);
		expect(found.map((i) => [i.path, i.code])).toEqual([
			[['input'], 'unrecognized_keys'],
			[['input', 'referenceVideos', 0, 'role'], 'invalid_value'],
			[['input', 'referenceImages'], 'custom'],
		]);
	});
});

it("gemini_omni_flash_1.1's video references are {uri} (no type), unlike seedance's", async () => {
	const ref = { type: 'video', uri: VIDEO };
	expect(
		issues(await post('/v1/text_to_video', { model: 'gemini_omni_flash_1.1', promptText: 'x', referenceVideos: [ref] }))[0],
	).toMatchObject({
		path: ['referenceVideos', 0],
		code: 'unrecognized_keys',
	});
	expect((await post('/v1/text_to_video', { model: 'seedance2', promptText: 'x', referenceVideos: [ref] })).status).toBe(200);
});
