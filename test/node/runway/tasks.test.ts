/**
 * Text to Video, Get Task (with and without the download, with a wait), Cancel or Delete Task and Get
 * Credits, through real HTTP against the fake Runway; and the credential as n8n uses it (a gateway prefix,
 * a trailing slash, a wrong key, a wrong version).
 */
import { RUNWAY_CONNECTION_TEST } from '../../../credentials/RunwayApi.credentials';
import { startFakeRunway, type FakeRunway } from '../../fakes/runway';
import { credentialType, run, runFailing } from './setup';
import { binaryOf, expectFakeVideo } from '../setup';

const VIDEO_BYTES = 80_000;
let fake: FakeRunway;
beforeEach(async () => (fake = await startFakeRunway({ videoBytes: VIDEO_BYTES })));
afterEach(async () => await fake.close());

/** Starts a text-to-video task without waiting; returns its id. */
async function startTask(on: FakeRunway = fake): Promise<string> {
	const { output } = await run(on, { operation: 'textToVideo', prompt: 'A paper boat on a river', waitForCompletion: false });
	return output[0].json.id as string;
}

describe('Text to Video', () => {
	test('gen4.5 by default: the prompt, ratio and duration sent, the video downloaded', async () => {
		const { output, test } = await run(fake, {
			operation: 'textToVideo',
			prompt: 'A paper boat on a river',
			ratio: '720:1280',
			duration: 4,
		});
		const [task] = [...fake.tasks.values()];
		expect(task.endpoint).toBe('text_to_video');
		expect(task.body).toEqual({ model: 'gen4.5', promptText: 'A paper boat on a river', ratio: '720:1280', duration: 4 });
		expect(output[0].json).toMatchObject({ id: task.id, status: 'SUCCEEDED', model: 'gen4.5', progress: 100 });
		expectFakeVideo(test.readBinary(binaryOf(output[0])), VIDEO_BYTES);
	});

	test('veo3.1 with a negative prompt and a seed; veo3.1_fast with audio', async () => {
		await run(fake, {
			operation: 'textToVideo',
			textToVideoModel: 'veo3.1',
			prompt: 'Rain',
			ratio: '1080:1920',
			options: { negativePrompt: 'people', seed: 42 },
		});
		await run(fake, {
			operation: 'textToVideo',
			textToVideoModel: 'veo3.1_fast',
			prompt: 'Rain',
			ratio: '1920:1080',
			duration: 4,
			options: { audio: true },
		});
		const [veo3, fast] = [...fake.tasks.values()];
		expect(veo3.body).toEqual({ model: 'veo3.1', promptText: 'Rain', ratio: '1080:1920', duration: 8, negativePrompt: 'people', seed: 42 });
		expect(fast.body).toEqual({ model: 'veo3.1_fast', promptText: 'Rain', ratio: '1920:1080', duration: 4, audio: true });
	});

	test('happyhorse and seedance take their own ratio lists', async () => {
		await run(fake, { operation: 'textToVideo', textToVideoModel: 'happyhorse_1_0', prompt: 'A horse', ratio: '1662:1248' });
		await run(fake, { operation: 'textToVideo', textToVideoModel: 'seedance2', prompt: 'A dance', ratio: '3840:2160' });
		expect([...fake.tasks.values()].map((t) => t.body.ratio)).toEqual(['1662:1248', '3840:2160']);
	});
});

describe('Get Task', () => {
	test('status and progress without downloading; then the video with the download', async () => {
		fake.script(['PENDING', { status: 'RUNNING', progress: 0.42 }, 'SUCCEEDED']);
		const id = await startTask();
		const pending = await run(fake, { resource: 'task', operation: 'getTask', taskId: id, download: false });
		expect(pending.output[0].json).toEqual({
			id,
			status: 'PENDING',
			progress: 0,
			finished: false,
			succeeded: false,
			createdAt: expect.any(String),
			estimatedCost: { credits: expect.any(Number) },
		});
		const running = await run(fake, { resource: 'task', operation: 'getTask', taskId: id });
		expect(running.output[0].json).toMatchObject({ id, status: 'RUNNING', progress: 42 });
		expect(running.output[0].binary).toBeUndefined();

		const done = await run(fake, { resource: 'task', operation: 'getTask', taskId: ` ${id} `, download: false });
		expect(done.output[0].json).toMatchObject({ id, status: 'SUCCEEDED', progress: 100, videoUrl: `${fake.url}/outputs/${id}.mp4` });
		expect(done.output[0].binary).toBeUndefined();
		expect(fake.server.count('GET', /^\/outputs\//)).toBe(0);

		const downloaded = await run(fake, { resource: 'task', operation: 'getTask', taskId: id, outputBinaryPropertyName: 'clip' });
		const video = binaryOf(downloaded.output[0], 'clip');
		expect(video.fileName).toBe(`runway-${id}.mp4`);
		expect(video.mimeType).toBe('video/mp4');
		expectFakeVideo(downloaded.test.readBinary(video), VIDEO_BYTES);
	});

	test('with Wait for Completion it picks up a task and waits for the video', async () => {
		fake.script(['PENDING', 'THROTTLED', { status: 'RUNNING', progress: 0.1 }, 'SUCCEEDED']);
		const id = await startTask();
		const { output, test } = await run(fake, { resource: 'task', operation: 'getTask', taskId: id, waitForCompletion: true });
		expect(output[0].json).toMatchObject({ id, status: 'SUCCEEDED' });
		expectFakeVideo(test.readBinary(binaryOf(output[0])), VIDEO_BYTES);
		expect(fake.tasks.get(id)!.polls).toBe(4);
	});

	test('a FAILED task is reported, not thrown: code, plain words, whether a retry helps', async () => {
		fake.script([{ status: 'FAILED', failureCode: 'INTERNAL.BAD_OUTPUT.CODE01', failure: 'Output rejected.' }]);
		const id = await startTask();
		const { output } = await run(fake, { resource: 'task', operation: 'getTask', taskId: id });
		expect(output[0].json).toMatchObject({
			id,
			status: 'FAILED',
			failureCode: 'INTERNAL.BAD_OUTPUT.CODE01',
			failure: 'Output rejected.',
			retryable: true,
			failureExplanation: expect.stringContaining('quality'),
		});
		expect(output[0].binary).toBeUndefined();
	});

	test("an unknown task: Runway's 404 as a NodeApiError naming the task", async () => {
		const error = await runFailing(fake, { resource: 'task', operation: 'getTask', taskId: '0b9a1c55-7a39-4a4e-9d2c-1c8a1c1e1e1e' });
		expect(error.message).toBe('Runway refused to read task 0b9a1c55-7a39-4a4e-9d2c-1c8a1c1e1e1e (HTTP 404): Task not found.');
		expect(error.httpCode).toBe('404');
		expect(error.description).toContain('deleted, or the ID is wrong');
	});
});

describe('Cancel or Delete Task', () => {
	test('a running task is cancelled; a finished one is deleted and can no longer be fetched', async () => {
		fake.script(['PENDING', { status: 'RUNNING', progress: 0.3, forever: true }]);
		const running = await startTask();
		const { output } = await run(fake, { resource: 'task', operation: 'cancelTask', taskId: running });
		expect(output[0].json).toMatchObject({ id: running, action: 'cancelled', previousStatus: 'PENDING' });
		expect(fake.tasks.get(running)).toMatchObject({ cancelled: true, status: 'CANCELLED', deleted: false });
		const deleteRequest = fake.server.requests.find((r) => r.method === 'DELETE')!;
		expect(deleteRequest.headers.accept).toBe('*/*');

		const done = (await run(fake, { operation: 'textToVideo', prompt: 'x' })).output[0].json.id as string;
		const deleted = await run(fake, { resource: 'task', operation: 'cancelTask', taskId: done });
		expect(deleted.output[0].json).toMatchObject({ id: done, action: 'deleted', previousStatus: 'SUCCEEDED' });
		expect(fake.tasks.get(done)!.deleted).toBe(true);
		const gone = await runFailing(fake, { resource: 'task', operation: 'getTask', taskId: done });
		expect(gone.httpCode).toBe('404');
		const again = await runFailing(fake, { resource: 'task', operation: 'cancelTask', taskId: done });
		expect(again.message).toContain('HTTP 404');
	});
});

describe('Get Credits', () => {
	test("balance, monthly cap and per-model limits beside today's usage", async () => {
		const poor = await startFakeRunway({ credits: 500, dailyLimit: 3 });
		try {
			await startTask(poor);
			const { output } = await run(poor, { resource: 'organization', operation: 'getCredits' });
			expect(output).toHaveLength(1);
			expect(output[0].json).toMatchObject({ creditBalance: 500 - 60, maxMonthlyCreditSpend: 10000 });
			const models = output[0].json.models as Array<Record<string, unknown>>;
			expect(models.find((m) => m.model === 'gen4.5')).toEqual({
				model: 'gen4.5',
				maxConcurrentGenerations: 2,
				maxDailyGenerations: 3,
				dailyGenerations: 1,
				dailyGenerationsLeft: 2,
			});
			expect(models.find((m) => m.model === 'gen4_turbo')).toMatchObject({ dailyGenerations: 0, dailyGenerationsLeft: 3 });
		} finally {
			await poor.close();
		}
	});
});

describe('credential', () => {
	test('Bearer and X-Runway-Version headers (Custom Headers beside them); the test request is GET /v1/organization on the base URL', async () => {
		expect(credentialType.name).toBe('runwayApi');
		const authenticate = credentialType.authenticate as (
			data: Record<string, string>,
			options: { url: string },
		) => Promise<{ headers?: unknown }>;
		const authenticated = await authenticate(
			{ apiKey: 'key_abc', apiVersion: '2024-11-06', customHeaders: '' },
			{ url: '/v1/organization' },
		);
		expect(authenticated.headers).toEqual({ Authorization: 'Bearer key_abc', 'X-Runway-Version': '2024-11-06' });
		// (the test request was the credential's declarative `test`; it is the node's `testedBy`, on the same address)
		expect(RUNWAY_CONNECTION_TEST.probes.map((probe) => probe.path)).toEqual(['/v1/organization']);
		const defaults = Object.fromEntries(credentialType.properties.map((p) => [p.name, p.default]));
		expect(defaults).toEqual({ apiKey: '', baseUrl: 'https://api.dev.runwayml.com', apiVersion: '2024-11-06', customHeaders: '{}' });
		expect(credentialType.properties.find((p) => p.name === 'apiKey')!.typeOptions).toEqual({ password: true });
		expect(credentialType.properties.find((p) => p.name === 'baseUrl')!.hint).toMatch(/without \/v1.*prefix/);
	});

	test('a gateway prefix in the base URL (a trailing slash too) works for every call', async () => {
		const gateway = await startFakeRunway({ prefix: '/runwayml', videoBytes: 5000 });
		try {
			const { output, test } = await run(
				gateway,
				{ operation: 'textToVideo', prompt: 'x' },
				{ credentialData: { baseUrl: `${gateway.baseUrl}/` } },
			);
			expect(output[0].json.status).toBe('SUCCEEDED');
			expectFakeVideo(test.readBinary(binaryOf(output[0])), 5000);
			const apiPaths = test.requests.filter((r) => !r.url.includes('/outputs/')).map((r) => new URL(r.url).pathname);
			expect(apiPaths.every((p) => p.startsWith('/runwayml/v1/'))).toBe(true);
			const credits = await run(
				gateway,
				{ resource: 'organization', operation: 'getCredits' },
				{ credentialData: { baseUrl: gateway.baseUrl } },
			);
			expect(typeof credits.output[0].json.creditBalance).toBe('number');
		} finally {
			await gateway.close();
		}
	});

	test("a wrong key: Runway's 401 in words, no key in the error", async () => {
		const wrongKey = `key_${'ab'.repeat(64)}`;
		const error = await runFailing(fake, { resource: 'organization', operation: 'getCredits' }, { credentialData: { apiKey: wrongKey } });
		expect(error.message).toMatch(/^Runway refused to read the organization \(HTTP 401\): Invalid API key/);
		expect(error.description).toContain('Check the key');
		expect(JSON.stringify({ m: error.message, d: error.description })).not.toContain(wrongKey.slice(4, 30));
	});

	test('a key with a trailing newline is caught before sending; a base URL ending in /v1 too', async () => {
		const spaced = await runFailing(
			fake,
			{ resource: 'organization', operation: 'getCredits' },
			{ credentialData: { apiKey: `${fake.apiKey}\n` } },
		);
		expect(spaced.message).toContain('starts or ends with spaces');
		const v1 = await runFailing(
			fake,
			{ resource: 'organization', operation: 'getCredits' },
			{ credentialData: { baseUrl: `${fake.baseUrl}/v1` } },
		);
		expect(v1.message).toContain('ends with /v1');
		expect(fake.server.requests).toEqual([]);
	});

	test('an unsupported API version: Runway names the header', async () => {
		const error = await runFailing(
			fake,
			{ resource: 'organization', operation: 'getCredits' },
			{ credentialData: { apiVersion: '2024-09-13' } },
		);
		expect(error.message).toContain('X-Runway-Version');
		expect(error.httpCode).toBe('400');
	});
});
