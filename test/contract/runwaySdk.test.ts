/**
 * The pinned @runwayml/sdk itself against the fake Runway server: every create the node offers (with the
 * SDK-typed bodies of runwayBodies.ts), reading and cancelling a task, the organization, and the SDK's own
 * ephemeral upload (its two-step protocol lives only in the SDK's code). The fake's create rules are read from
 * the SDK's types, so comparing them with those types cannot catch the fake drifting from the vendor; running
 * the vendor's client can: a change in how the SDK calls the API (paths, headers, the upload protocol) or in
 * what it expects back fails here.
 */
import RunwayML, { toFile } from '@runwayml/sdk';

import { startFakeRunway } from '../fakes/runway';
import type { FakeRunway } from '../fakes/runway';
import { NEW_OPERATION_BODIES, ONE_BODY_PER_PATH, withUrls } from './runwayBodies';

let fake: FakeRunway;
let client: RunwayML;

beforeAll(async () => {
	fake = await startFakeRunway({ steps: ['PENDING', { status: 'RUNNING', progress: 0.5 }, 'SUCCEEDED'] });
	client = new RunwayML({ apiKey: fake.apiKey, baseURL: fake.baseUrl, maxRetries: 0 });
});
afterAll(async () => await fake.close());

describe('the @runwayml/sdk client against the fake', () => {
	it('creates a task on every request the node offers, each answered with an id', async () => {
		const b = withUrls(ONE_BODY_PER_PATH) as typeof ONE_BODY_PER_PATH;
		const created = [
			await client.imageToVideo.create(b.image_to_video as Parameters<typeof client.imageToVideo.create>[0]),
			await client.textToVideo.create(b.text_to_video as Parameters<typeof client.textToVideo.create>[0]),
			await client.videoToVideo.create(b.video_to_video as Parameters<typeof client.videoToVideo.create>[0]),
			await client.videoUpscale.create(b.video_upscale as Parameters<typeof client.videoUpscale.create>[0]),
			await client.characterPerformance.create(b.character_performance as Parameters<typeof client.characterPerformance.create>[0]),
			await client.videoToHdr.create(withUrls(NEW_OPERATION_BODIES.videoToHdrProres)),
			await client.avatarVideos.create(withUrls(NEW_OPERATION_BODIES.avatarVideoVoice)),
			await client.generate.video.create(withUrls(NEW_OPERATION_BODIES.generateVideoImage)),
		];
		expect(created.map((task) => fake.tasks.get(task.id)?.endpoint)).toEqual([
			'image_to_video',
			'text_to_video',
			'video_to_video',
			'video_upscale',
			'character_performance',
			'video_to_hdr',
			'avatar_videos',
			'generate/video',
		]);
		const routed = created[7] as Awaited<ReturnType<typeof client.generate.video.create>>;
		expect(routed.routing).toMatchObject({ configId: 'video-default', model: 'gen4.5', estimatedCost: { credits: expect.any(Number) } });
	});

	it('reads a task through its statuses to SUCCEEDED, and cancels one', async () => {
		const { id } = await client.textToVideo.create(
			withUrls(ONE_BODY_PER_PATH.text_to_video) as Parameters<typeof client.textToVideo.create>[0],
		);
		const seen: string[] = [];
		for (let i = 0; i < 5 && seen[seen.length - 1] !== 'SUCCEEDED'; i++) seen.push((await client.tasks.retrieve(id)).status);
		expect(seen).toEqual(['PENDING', 'RUNNING', 'SUCCEEDED']);
		const done = await client.tasks.retrieve(id);
		expect(done.status === 'SUCCEEDED' && done.output).toEqual([expect.stringMatching(/\.mp4$/)]);
		const other = await client.textToVideo.create(
			withUrls(ONE_BODY_PER_PATH.text_to_video) as Parameters<typeof client.textToVideo.create>[0],
		);
		await client.tasks.delete(other.id);
		expect(await client.tasks.retrieve(other.id)).toMatchObject({ status: 'CANCELLED', cost: { credits: 0 } });
	});

	it("uploads a file with the SDK's own ephemeral upload, usable in a create", async () => {
		const video = Buffer.alloc(4096, 7);
		video.writeUInt32BE(24, 0);
		video.write('ftypisom', 4, 'latin1');
		const { uri } = await client.uploads.createEphemeral({ file: await toFile(video, 'clip.mp4', { type: 'video/mp4' }) });
		expect(uri).toMatch(/^runway:\/\//);
		const { id } = await client.videoToHdr.create({ model: 'ruby', videoUri: uri });
		expect(fake.tasks.get(id)?.images).toEqual([expect.objectContaining({ source: 'upload', kind: 'video', bytes: 4096 })]);
	});

	it('reads the organization', async () => {
		const organization = await client.organization.retrieve();
		expect(organization.tier.models.ruby).toMatchObject({ maxDailyGenerations: expect.any(Number) });
	});

	it("a refusal reaches the SDK as its own error class with Runway's words", async () => {
		await expect(
			client.videoToHdr.create({ model: 'ruby', videoUri: 'https://cdn.example.com/a.mp4', proresProfile: '4444' }),
		).rejects.toMatchObject({
			status: 400,
			error: { error: 'Validation of body failed' },
		});
		await expect(client.tasks.retrieve('00000000-0000-0000-0000-000000000000')).rejects.toBeInstanceOf(RunwayML.NotFoundError);
	});
});
