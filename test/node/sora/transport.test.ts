/** Credentials, gateways, faults, waiting, cancellation and secrets, through real HTTP against the fake. */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { SoraApi } from '../../../credentials/SoraApi.credentials';
import { nextPollMs } from '../../../nodes/SoraVideo/helpers/job';
import { fakeVideoByte } from '../../fakes/common/fakeServer';
import { FAKE_SORA_KEY, soraErrorBody } from '../../fakes/sora';
import { credentialTest } from './credentialTest';
import { closeFakes, createDirect, expectNoSecret, FAST_WAIT, run, runOk, start, startFake } from './setup';
import { until } from '../setup';

afterEach(closeFakes);

const AZURE_KEY = 'azure-fake-key-3c9e1f7a5b2d4e8f';

describe('Credential', () => {
	test('authenticate: Bearer by default; api-key for Azure; organization, project and extra query when set', async () => {
		const credential = new SoraApi();
		const base: IHttpRequestOptions = { url: '/videos', qs: { limit: 1 }, headers: { Accept: 'application/json' } };
		const bearer = await credential.authenticate(
			{ apiKey: ` ${FAKE_SORA_KEY} `, authStyle: 'bearer', organization: '', project: '', extraQuery: '' },
			base,
		);
		expect(bearer.headers).toEqual({ Accept: 'application/json', Authorization: `Bearer ${FAKE_SORA_KEY}` });
		expect(bearer.qs).toEqual({ limit: 1 });

		const azure = await credential.authenticate(
			{ apiKey: AZURE_KEY, authStyle: 'apiKey', organization: 'org-1', project: 'proj_2', extraQuery: '?api-version=preview&x=1' },
			base,
		);
		expect(azure.headers).toEqual({
			Accept: 'application/json',
			'api-key': AZURE_KEY,
			'OpenAI-Organization': 'org-1',
			'OpenAI-Project': 'proj_2',
		});
		expect(azure.qs).toEqual({ 'api-version': 'preview', x: '1', limit: 1 });
		// The request passed in is not modified.
		expect(base.headers).toEqual({ Accept: 'application/json' });
	});

	test('the credential test (GET /videos?limit=1) passes with both auth styles and fails with a wrong key', async () => {
		const openai = await startFake();
		const data = { apiKey: FAKE_SORA_KEY, baseUrl: openai.baseUrl, authStyle: 'bearer', organization: '', project: '', extraQuery: '' };
		expect(await credentialTest(data)).toEqual({ status: 'OK', message: 'Connection successful: GET /videos (the video list) answered.' });
		expect(await credentialTest({ ...data, apiKey: 'sk-wrong' })).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/^The server did not accept the API key \(HTTP 401\)/),
		});
		expect(openai.server.requests[0].query).toEqual({ limit: '1' });
		expect(openai.server.requests.map((r) => r.path)).toEqual(['/v1/videos', '/v1/videos']);

		const azure = await startFake({
			authStyle: 'api-key',
			apiKey: AZURE_KEY,
			prefix: '/openai/v1',
			requiredQuery: { 'api-version': 'preview' },
		});
		const azureData = { ...data, apiKey: AZURE_KEY, baseUrl: azure.baseUrl, authStyle: 'apiKey', extraQuery: 'api-version=preview' };
		expect((await credentialTest(azureData)).status).toBe('OK');
		expect((await credentialTest({ ...azureData, authStyle: 'bearer' })).message).toMatch(/HTTP 401/);
		expect((await credentialTest({ ...azureData, extraQuery: '' })).message).toMatch(
			/^Nothing answers at Base URL \+ \/videos or \/models \(HTTP 404, 404\)/,
		);
	});
});

describe('Gateways and auth styles', () => {
	test('Azure-like gateway: api-key header, api-version on every request, /openai/v1 prefix, every operation', async () => {
		const fake = await startFake({
			authStyle: 'api-key',
			apiKey: AZURE_KEY,
			prefix: '/openai/v1',
			requiredQuery: { 'api-version': 'preview' },
		});
		const credentialData = { apiKey: AZURE_KEY, authStyle: 'apiKey' as const, extraQuery: 'api-version=preview' };

		const generated = await runOk(fake, { prompt: 'x', ...FAST_WAIT }, { credentialData });
		const id = String(generated.output[0].json.id);
		expect(generated.output[0].json.status).toBe('completed');
		expect(generated.output[0].json.contentUrl).toBe(`${fake.url}/openai/v1/videos/${id}/content`);
		expect(generated.output[0].binary!.data.mimeType).toBe('video/mp4');
		for (const request of generated.test.requests) {
			expect(new URL(request.url).pathname.startsWith('/openai/v1/videos')).toBe(true);
			expect(new URL(request.url).searchParams.get('api-version')).toBe('preview');
			expect(request.headers['api-key']).toBe(AZURE_KEY);
			expect(request.headers.Authorization).toBeUndefined();
		}
		expectNoSecret(generated, AZURE_KEY);

		const listed = await runOk(fake, { operation: 'list', limit: 5 }, { credentialData });
		expect(listed.output.map((item) => item.json.id)).toEqual([id]);
		const remixed = await runOk(fake, { operation: 'remix', videoId: id, prompt: 'y', waitForCompletion: false }, { credentialData });
		expect(remixed.output[0].json.remixed_from_video_id).toBe(id);
		const thumbnail = await runOk(fake, { operation: 'download', videoId: id, variant: 'thumbnail' }, { credentialData });
		expect(thumbnail.output[0].binary!.data.mimeType).toBe('image/webp');
		const deleted = await runOk(fake, { operation: 'delete', videoId: id }, { credentialData });
		expect(deleted.output[0].json.deleted).toBe(true);
		expect(fake.server.requests.every((r) => r.status < 400)).toBe(true);
	});

	test('a missing api-version is the gateway 404, explained; Bearer against an api-key gateway is a 401, explained', async () => {
		const fake = await startFake({
			authStyle: 'api-key',
			apiKey: AZURE_KEY,
			prefix: '/openai/v1',
			requiredQuery: { 'api-version': 'preview' },
		});
		const noVersion = await run(fake, { prompt: 'x' }, { credentialData: { apiKey: AZURE_KEY, authStyle: 'apiKey' } });
		expect(noVersion.error!.httpCode).toBe('404');
		expect(noVersion.error!.description).toMatch(/Base URL.*api-version.*in Extra Query Parameters/);

		const bearer = await run(fake, { operation: 'list' }, { credentialData: { apiKey: AZURE_KEY, extraQuery: 'api-version=preview' } });
		expect(bearer.error!.httpCode).toBe('401');
		expect(bearer.error!.message).toMatch(/^Access denied due to invalid subscription key/);
		expect(bearer.error!.description).toMatch(/Authentication Header: Azure OpenAI wants "Api-Key"/);
		expectNoSecret(bearer, AZURE_KEY);
		expect(fake.creates).toBe(0);
	});

	test('a Base URL without /v1 meets the API 404 with advice; a Base URL that is not a URL fails before any request', async () => {
		const fake = await startFake();
		const wrong = await run(fake, { operation: 'get', videoId: 'video_1' }, { credentialData: { baseUrl: fake.url } });
		expect(wrong.error!.message).toBe('Invalid URL (GET /videos/video_1)');
		expect(wrong.error!.description).toMatch(/including \/v1/);
		// List, which not every server offers: the same 404 says so, and still points at Base URL.
		const list = await run(fake, { operation: 'list' }, { credentialData: { baseUrl: fake.url } });
		expect(list.error!.message).toBe(`The server at ${fake.url} does not offer List (HTTP 404)`);
		expect(list.error!.description).toMatch(/Invalid URL \(GET \/videos\).*if none do, check the credential.*including \/v1/);

		const notUrl = await run(fake, { operation: 'list' }, { credentialData: { baseUrl: 'api.openai.com/v1' } });
		expect(notUrl.error!.message).toMatch(/Base URL in the Sora credential is not a web address/);
		expect(notUrl.test.requests).toHaveLength(0);
	});

	test('organization and project headers reach the API', async () => {
		const fake = await startFake();
		await runOk(fake, { prompt: 'x', waitForCompletion: false }, { credentialData: { organization: 'org-fake', project: 'proj_fake' } });
		const [record] = [...fake.videos.values()];
		expect([record.organization, record.project]).toEqual(['org-fake', 'proj_fake']);

		await runOk(fake, { prompt: 'x', waitForCompletion: false });
		const second = [...fake.videos.values()][1];
		expect([second.organization, second.project]).toEqual([undefined, undefined]);
	});

	test('a wrong key: the API 401 message, the advice, and neither key anywhere', async () => {
		const fake = await startFake();
		const wrongKey = 'sk-wrong-secret-9d8c7b6a5f4e3d2c1b0a';
		const result = await run(fake, { prompt: 'x' }, { credentialData: { apiKey: wrongKey } });
		expect(result.error!.message).toMatch(/^Incorrect API key provided\./);
		expect(result.error!.httpCode).toBe('401');
		expectNoSecret(result, wrongKey);
		expectNoSecret(result);
		expect(fake.creates).toBe(0);
	});

	test('a gateway that echoes the key in its error has it redacted', async () => {
		const fake = await startFake();
		fake.server.inject({
			kind: 'status',
			method: 'POST',
			path: '/v1/videos',
			status: 400,
			body: soraErrorBody(`Bad request from key ${FAKE_SORA_KEY} (Authorization: Bearer ${FAKE_SORA_KEY})`),
		});
		const result = await run(fake, { prompt: 'x' });
		expect(result.error!.message).toMatch(/Bad request from key \[redacted\]/);
		expectNoSecret(result);
	});
});

describe('Faults and retries', () => {
	test('429 with Retry-After on create: waited for, sent again, one job', async () => {
		const fake = await startFake();
		fake.server.inject({
			kind: 'status',
			method: 'POST',
			path: '/v1/videos',
			status: 429,
			headers: { 'retry-after': '1' },
			body: soraErrorBody('Rate limit reached for requests', 'requests', 'rate_limit_exceeded'),
		});
		const result = await runOk(fake, { prompt: 'x', ...FAST_WAIT });
		expect(fake.server.count('POST', '/v1/videos')).toBe(2);
		expect(fake.creates).toBe(1);
		expect(result.output[0].json.status).toBe('completed');
		expect(result.test.logs.some((line) => /POST \/v1\/videos failed \(HTTP 429\); retry 1 in 1000 ms/.test(line))).toBe(true);
		expectNoSecret(result);
	});

	test('a 5xx burst on the status GET is retried and the wait goes on', async () => {
		const fake = await startFake();
		fake.server.inject({
			kind: 'status',
			method: 'GET',
			path: /^\/v1\/videos\/[^/]+$/,
			status: 503,
			times: 2,
			body: soraErrorBody("We're under heavy load", 'server_error', 'processing_error'),
		});
		const result = await runOk(fake, { prompt: 'x', ...FAST_WAIT });
		expect(result.output[0].json.status).toBe('completed');
		expect(fake.server.requests.filter((r) => r.method === 'GET' && r.status === 503)).toHaveLength(2);
		expect(fake.creates).toBe(1);
	});

	test('500 on create is not retried: the API message, and a warning that the job may exist', async () => {
		const fake = await startFake();
		fake.server.inject({
			kind: 'status',
			method: 'POST',
			path: '/v1/videos',
			status: 500,
			body: soraErrorBody('The server had an error while processing your request.', 'server_error'),
		});
		const result = await run(fake, { prompt: 'x' });
		expect(fake.server.count('POST', '/v1/videos')).toBe(1);
		expect(result.error!.message).toBe('The server had an error while processing your request.');
		expect(result.error!.httpCode).toBe('500');
		expect(result.error!.description).toMatch(/may have been created.*not sent again.*List operation/);
		expectNoSecret(result);
	});

	test('a connection dropped during the create is not retried', async () => {
		const fake = await startFake();
		fake.server.inject({ kind: 'drop', method: 'POST', path: '/v1/videos' });
		const result = await run(fake, { prompt: 'x' });
		expect(fake.server.count('POST', '/v1/videos')).toBe(1);
		expect(fake.creates).toBe(0);
		// n8n words connection errors its own way; the description is the node's.
		expect(result.error!.message).toMatch(/Could not reach 127\.0\.0\.1:\d+|closed unexpectedly/);
		expect(result.error!.description).toMatch(/the job may have been created\. It was not sent again/);
		expectNoSecret(result);
	});

	test('a connection dropped during a status GET is retried', async () => {
		const fake = await startFake();
		fake.server.inject({ kind: 'drop', method: 'GET', path: /^\/v1\/videos\/[^/]+$/ });
		const result = await runOk(fake, { prompt: 'x', ...FAST_WAIT });
		expect(result.output[0].json.status).toBe('completed');
		expect(fake.creates).toBe(1);
	});

	test('a truncated download is retried and the file is byte-exact', async () => {
		const fake = await startFake({ videoBytes: 512 * 1024 });
		fake.server.inject({ kind: 'truncate', path: /\/content$/, bytes: 100_000 });
		const result = await runOk(fake, { prompt: 'x', ...FAST_WAIT });
		expect(fake.server.count('GET', /\/content$/)).toBe(2);
		const [record] = [...fake.videos.values()];
		const bytes = result.test.readBinary(result.output[0].binary!.data);
		expect(bytes.length).toBe(512 * 1024);
		for (let offset = 28; offset < bytes.length; offset += 997) expect(bytes[offset]).toBe(fakeVideoByte(offset, record.seed));
		expect(bytes[bytes.length - 1]).toBe(fakeVideoByte(bytes.length - 1, record.seed));
		expect(result.output[0].json.download).toMatchObject({ bytes: 512 * 1024 });
	});

	test('a download that keeps failing is an error that keeps the video id', async () => {
		const fake = await startFake();
		fake.server.inject({ kind: 'truncate', path: /\/content$/, bytes: 1000, times: 3 });
		const result = await run(fake, { prompt: 'x', ...FAST_WAIT });
		const id = [...fake.videos.keys()][0];
		expect(fake.server.count('GET', /\/content$/)).toBe(3);
		expect(result.error!.message).toBe(`Video ${id} could not be downloaded`);
		expect(result.error!.description).toMatch(/failed after 3 attempts|closed unexpectedly/);
		expect(result.error!.description).toContain(`The video is ready on Sora: fetch it again with the "Download" operation and ID ${id}`);
		expectNoSecret(result);
	});
});

describe('Waiting', () => {
	test('the server poll hint is followed; without it, the poll interval', async () => {
		const hinted = await startFake({ pollAfterMs: 40 });
		const withHint = await runOk(hinted, { prompt: 'x', pollIntervalSeconds: 0.02 });
		const waits = withHint.test.logs.filter((line) => line.includes('next check'));
		expect(waits.length).toBeGreaterThan(0);
		expect(waits.every((line) => line.endsWith('next check in 40 ms (server hint)'))).toBe(true);

		const plain = await startFake();
		const withoutHint = await runOk(plain, { prompt: 'x', pollIntervalSeconds: 0.02 });
		expect(
			withoutHint.test.logs
				.filter((line) => line.includes('next check'))
				.every((line) => line.endsWith('next check in 20 ms (poll interval)')),
		).toBe(true);
	});

	test('nextPollMs keeps a hint between the floor (1 s unless lowered for tests) and 60 s', () => {
		const saved = process.env.N8N_AI_VIDEO_MIN_POLL_SECONDS;
		try {
			delete process.env.N8N_AI_VIDEO_MIN_POLL_SECONDS;
			expect(nextPollMs({ 'openai-poll-after-ms': '10' }, { pollIntervalMs: 10_000 })).toEqual({ ms: 1000, source: 'server hint' });
			expect(nextPollMs({ 'openai-poll-after-ms': '2500' }, { pollIntervalMs: 10_000 })).toEqual({ ms: 2500, source: 'server hint' });
			expect(nextPollMs({ 'openai-poll-after-ms': '3600000' }, { pollIntervalMs: 10_000 })).toEqual({ ms: 60_000, source: 'server hint' });
			expect(nextPollMs({ 'openai-poll-after-ms': 'soon' }, { pollIntervalMs: 10_000 })).toEqual({ ms: 10_000, source: 'poll interval' });
			expect(nextPollMs({}, { pollIntervalMs: 10_000 })).toEqual({ ms: 10_000, source: 'poll interval' });
		} finally {
			process.env.N8N_AI_VIDEO_MIN_POLL_SECONDS = saved;
		}
	});

	test('stuck at 99%: when the wait runs out the item keeps the id, last status and progress, timedOut: true', async () => {
		const fake = await startFake();
		fake.script(['queued', { status: 'in_progress', progress: 99, forever: true }]);
		const result = await runOk(
			fake,
			{ prompt: 'x', pollIntervalSeconds: 0.01, maxWaitMinutes: 0.002 },
			{ items: [{ json: { chatId: 1 } }] },
		);
		const id = [...fake.videos.keys()][0];
		expect(result.output).toHaveLength(1);
		expect(result.output[0].json).toMatchObject({ id, status: 'in_progress', progress: 99, timedOut: true, model: 'sora-2' });
		expect(String(result.output[0].json.note)).toContain(`"Get" operation and ID ${id}`);
		expect(result.output[0].binary).toBeUndefined();
		expect(fake.videos.get(id)!.polls).toBeGreaterThan(1);
		expect(fake.creates).toBe(1);

		// The id is all a later Get needs.
		const later = await runOk(fake, { operation: 'get', videoId: id });
		expect(later.output[0].json).toMatchObject({ id, status: 'in_progress', progress: 99 });
	});

	test('"Fail the Item" when the wait runs out: an error carrying the id', async () => {
		const fake = await startFake();
		fake.script([{ status: 'queued', forever: true }]);
		const result = await run(fake, { prompt: 'x', pollIntervalSeconds: 0.01, maxWaitMinutes: 0.001, onTimeout: 'error' });
		const id = [...fake.videos.keys()][0];
		expect(result.error!.message).toContain(`(job ${id})`);
		expect(result.error!.description).toContain(`"Get" operation and ID ${id}`);
		expect(fake.creates).toBe(1);
	});

	test('cancelling the execution stops the wait at once and the item keeps the id; later items send nothing', async () => {
		const fake = await startFake();
		fake.script(['queued', { status: 'in_progress', progress: 42, forever: true }]);
		const cancel = new AbortController();
		const running = start(
			fake,
			{ prompt: 'x', pollIntervalSeconds: 30, maxWaitMinutes: 60 },
			{ cancel, items: [{ json: { n: 1 } }, { json: { n: 2 } }] },
		);
		// Cancel once the node has seen the job in progress and is waiting for the next check.
		await until(() => running.test.logs.some((line) => line.includes('in_progress 42%, next check')));
		cancel.abort();
		const result = await running.done;
		expect(result.error).toBeUndefined();
		const id = [...fake.videos.keys()][0];
		expect(result.output).toHaveLength(2);
		expect(result.output![0].json).toMatchObject({ id, status: 'in_progress', progress: 42, cancelled: true, timedOut: true });
		expect(result.output![1].json).toMatchObject({ cancelled: true, started: false });
		expect(result.output![1].json.id).toBeUndefined();
		expect(result.output![1].pairedItem).toEqual({ item: 1 });
		expect(fake.creates).toBe(1);
		expectNoSecret(result);
	});

	test('cancelling while the create is on its way is an error that says the video may exist', async () => {
		const fake = await startFake();
		fake.server.inject({ kind: 'delay', method: 'POST', path: '/v1/videos', delayMs: 2000 });
		const cancel = new AbortController();
		const running = run(fake, { prompt: 'x', ...FAST_WAIT }, { cancel });
		await until(() => fake.server.requests.some((r) => r.method === 'POST'));
		cancel.abort();
		const result = await running;
		expect(result.error!.message).toBe('The execution was cancelled while the video was being created');
		expect(result.error!.description).toMatch(/Sora may have started it anyway/);
		expect(fake.server.count('POST', '/v1/videos')).toBe(1);
		expectNoSecret(result);
	});

	test('cancelling during the download keeps the completed video id, to download later', async () => {
		const fake = await startFake({ videoBytes: 4 * 1024 * 1024 });
		fake.server.inject({ kind: 'slow', path: /\/content$/, bytesPerSecond: 64 * 1024 });
		const cancel = new AbortController();
		const running = run(fake, { prompt: 'x', ...FAST_WAIT }, { cancel });
		await until(() => fake.server.requests.some((r) => r.path.endsWith('/content')));
		cancel.abort();
		const result = await running;
		const id = [...fake.videos.keys()][0];
		expect(result.error).toBeUndefined();
		expect(result.output![0].json).toMatchObject({ id, status: 'completed', cancelled: true });
		expect(String(result.output![0].json.note)).toContain(`"Download" operation and ID ${id}`);
		expect(result.output![0].binary).toBeUndefined();
		expectNoSecret(result);
	});

	test('with continue on fail, a failed job and a good one: an error item and a video', async () => {
		const fake = await startFake();
		fake.script([{ status: 'failed', error: { code: 'moderation_blocked', message: 'Blocked.' } }]);
		const result = await runOk(
			fake,
			{ prompt: 'x', ...FAST_WAIT },
			{ continueOnFail: true, items: [{ json: { n: 1 } }, { json: { n: 2 } }] },
		);
		expect(result.output).toHaveLength(2);
		expect(result.output[0].json).toMatchObject({ n: 1, status: 'failed', error: { code: 'moderation_blocked', message: 'Blocked.' } });
		expect(String(result.output[0].json.errorMessage)).toMatch(/\[moderation_blocked\]/);
		expect(result.output[1].json).toMatchObject({ status: 'completed' });
		expect(result.output[1].binary!.data.mimeType).toBe('video/mp4');
		expect(fake.creates).toBe(2);
		expectNoSecret(result);
	});
});

test('the key travels only in its auth header, never in a URL or another header', async () => {
	const fake = await startFake();
	const id = await createDirect(fake);
	const result = await runOk(fake, { operation: 'get', videoId: id, download: false });
	for (const request of result.test.requests) {
		expect(request.url).not.toContain(FAKE_SORA_KEY);
		const others = Object.entries(request.headers).filter(([name]) => name !== 'Authorization');
		expect(JSON.stringify(others)).not.toContain(FAKE_SORA_KEY);
	}
});
