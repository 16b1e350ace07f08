/**
 * Both video nodes against hostile and broken servers (test/fakes/hostile.ts), through real HTTP: no secret
 * reaches another host or any output, error or log; a job that exists is never lost (its id in the error and in
 * the continue-on-fail item); downloads are bounded and checked; an unknown status is waited through; inputs to
 * requests are clean. The redirect and stall cases also run in a real n8n (test/e2e/hostile.test.ts).
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { startFakeRunway, type FakeRunway } from '../fakes/runway';
import { startFakeSora, type FakeSora } from '../fakes/sora';
import {
	answerWith,
	echoOf,
	failWith,
	holdsSecret,
	OTHER_HOST_VIDEO_BYTES,
	redirect,
	startOtherHost,
	type OtherHost,
} from '../fakes/hostile';
import { gradient } from '../helpers/images';
import { CLIP_MP4, fileItem } from '../helpers/items';
import { run as runRunway, runFailing as runRunwayFailing } from './runway/setup';
import { createDirect, FAST_WAIT, run as runSora } from './sora/setup';
import { errorText } from './setup';

const GATEWAY_SECRET = 'gw-secret-55aa77cc';
const CUSTOM_HEADERS = JSON.stringify({ 'x-gateway-key': GATEWAY_SECRET });

let other: OtherHost;
let runway: FakeRunway;
let sora: FakeSora;
let photo: Buffer;

beforeAll(async () => {
	photo = await gradient(480, 320);
});
beforeEach(async () => {
	other = await startOtherHost();
	runway = await startFakeRunway({ videoBytes: 50_000 });
	sora = await startFakeSora({ pollAfterMs: null, videoBytes: 50_000 });
});
afterEach(async () => {
	delete process.env.N8N_AI_VIDEO_DOWNLOAD_IDLE_SECONDS;
	delete process.env.N8N_AI_VIDEO_MAX_DOWNLOAD_MB;
	await Promise.all([other.close(), runway.close(), sora.close()]);
});

const runwaySecrets = () => [runway.apiKey, GATEWAY_SECRET];
const soraSecrets = () => [sora.apiKey, GATEWAY_SECRET];
const withHeaders = { credentialData: { customHeaders: CUSTOM_HEADERS } };
const soraCredential = (data: Record<string, string> = {}) => ({ credentialData: { customHeaders: CUSTOM_HEADERS, ...data } });

/** Nothing the other host received carries a secret. */
function expectNothingStolen(secrets: string[]): void {
	expect(holdsSecret(other.headerText(), secrets)).toBe(false);
	for (const request of other.requests) {
		expect(request.headers.authorization).toBeUndefined();
		expect(request.headers['x-gateway-key']).toBeUndefined();
	}
}

function expectNoSecretIn(value: unknown, secrets: string[]): void {
	const text =
		typeof value === 'string' ? value : JSON.stringify(value, value instanceof Error ? Object.getOwnPropertyNames(value) : undefined);
	expect(holdsSecret(text, secrets)).toBe(false);
	expect(text).not.toContain(Buffer.from(`user:${secrets[0]}`).toString('base64').slice(8, 24));
}

const runwayItems = async () => [await fileItem(photo, { json: { chatId: 42 } })];
const taskId = () => [...runway.tasks.keys()][0];
const videoId = () => [...sora.videos.keys()][0];

describe('no credential crosses an origin', () => {
	test('Runway: a task read redirected to another host is not followed; the error names the host and the task', async () => {
		redirect(runway.server, { method: 'GET', path: /^\/v1\/tasks\//, to: `${other.url}/v1/tasks/elsewhere` });
		const error = await runRunwayFailing(runway, { prompt: 'x' }, { items: await runwayItems(), ...withHeaders });
		expect(error.message).toContain(`redirected the request to ${new URL(other.url).host}`);
		expect(error.message).toContain(taskId());
		expect(error.description).toMatch(/neither the API key nor the Custom Headers went/);
		expect(other.requests).toHaveLength(0);
		expect(runway.creates).toBe(1);
	});

	test('Runway: with continue on fail, the redirected task comes out as an item with its id', async () => {
		redirect(runway.server, { method: 'GET', path: /^\/v1\/tasks\//, to: `${other.url}/v1/tasks/elsewhere` });
		const { output } = await runRunway(runway, { prompt: 'x' }, { items: await runwayItems(), continueOnFail: true, ...withHeaders });
		expect(output[0].json.id).toBe(taskId());
		expect(String(output[0].json.error)).toContain(taskId());
		expect(other.requests).toHaveLength(0);
	});

	test('Sora: a create redirected to another host is not followed (no key, no Custom Headers, no second job)', async () => {
		redirect(sora.server, { method: 'POST', path: '/v1/videos', to: `${other.url}/v1/videos`, status: 307 });
		const result = await runSora(sora, { prompt: 'x', ...FAST_WAIT }, soraCredential());
		expect(result.error!.message).toContain(`redirected the request to ${new URL(other.url).host}`);
		expect(other.requests).toHaveLength(0);
		expectNoSecretIn(errorText(result.error), soraSecrets());
	});

	test('Sora: /content redirected to a signed URL on another host is followed without credentials, and the video saved', async () => {
		redirect(sora.server, { method: 'GET', path: /\/content$/, to: `${other.url}/blob/video.mp4?sig=abc` });
		const result = await runSora(sora, { prompt: 'x', ...FAST_WAIT }, soraCredential());
		expect(result.error).toBeUndefined();
		const binary = result.output![0].binary!.data;
		expect(binary.bytes).toBe(OTHER_HOST_VIDEO_BYTES);
		expect(other.requests.map((r) => `${r.path}?${new URLSearchParams(r.query).toString()}`)).toEqual(['/blob/video.mp4?sig=abc']);
		expectNothingStolen(soraSecrets());
		// The first request, on the API's origin, did carry them.
		const content = sora.server.requests.find((r) => r.path.endsWith('/content'))!;
		expect(content.headers.authorization).toBe(`Bearer ${sora.apiKey}`);
		expect(content.headers['x-gateway-key']).toBe(GATEWAY_SECRET);
	});

	test('Sora: /content redirected to an internal address is not fetched; the item says why and keeps the URL', async () => {
		redirect(sora.server, { method: 'GET', path: /\/content$/, to: 'http://10.20.30.40/blob/video.mp4' });
		const result = await runSora(sora, { prompt: 'x', ...FAST_WAIT }, soraCredential());
		expect(result.error).toBeUndefined();
		const json = result.output![0].json;
		expect(json.id).toBe(videoId());
		expect(json.downloadSkipped).toMatch(/redirected the download to 10\.20\.30\.40.*internal address/);
		expect(json.download).toMatchObject({ downloaded: false, url: `${sora.baseUrl}/videos/${videoId()}/content` });
		expect(result.output![0].binary ?? {}).toEqual({});
		expect(result.test.requests.some((r) => r.url.includes('10.20.30.40'))).toBe(false);
	});
});

describe('every server-sent text is redacted', () => {
	test('Runway: a failure text echoing the key and a Custom Headers value (plain, Bearer, base64) reaches no error or item', async () => {
		runway.script([{ status: 'FAILED', failureCode: 'INTERNAL', failure: echoOf(runwaySecrets()) }]);
		const error = await runRunwayFailing(runway, { prompt: 'x' }, { items: await runwayItems(), ...withHeaders });
		expect(error.description).toContain('[redacted]');
		expectNoSecretIn(error, runwaySecrets());
		expectNoSecretIn(error.description, runwaySecrets());
		runway.script([{ status: 'FAILED', failureCode: 'INTERNAL', failure: echoOf(runwaySecrets()) }]);
		const { output, test } = await runRunway(runway, { prompt: 'x' }, { items: await runwayItems(), continueOnFail: true, ...withHeaders });
		expect(String(output[0].json.failure)).toContain('[redacted]');
		expectNoSecretIn(output, runwaySecrets());
		expectNoSecretIn(test.logs.join('\n'), runwaySecrets());
	});

	test('Runway: an API error echoing the secrets is redacted', async () => {
		failWith(runway.server, { method: 'POST', path: '/v1/image_to_video', status: 400, body: { error: echoOf(runwaySecrets()) } });
		const error = await runRunwayFailing(runway, { prompt: 'x' }, { items: await runwayItems(), ...withHeaders });
		expect(error.message).toContain('[redacted]');
		expectNoSecretIn(error, runwaySecrets());
	});

	test('Sora: error.message and misalignment echoing the secrets are redacted in the error and the continue-on-fail item', async () => {
		const failed = (id: string) => ({
			id,
			object: 'video',
			status: 'failed',
			progress: 0,
			model: 'sora-2',
			error: { code: 'moderation_blocked', message: echoOf(soraSecrets()), misalignment: { detailed_explanation: echoOf(soraSecrets()) } },
		});
		answerWith(sora.server, { path: /^\/v1\/videos\/video_/, body: failed('video_will_be_replaced'), times: 1 });
		const created = await runSora(sora, { prompt: 'x', ...FAST_WAIT }, soraCredential());
		expect(errorText(created.error)).toContain('[redacted]');
		expectNoSecretIn(errorText(created.error), soraSecrets());
		answerWith(sora.server, { path: /^\/v1\/videos\/video_/, body: failed('video_will_be_replaced'), times: 1 });
		const item = await runSora(sora, { prompt: 'x', ...FAST_WAIT }, { ...soraCredential(), continueOnFail: true });
		expect(JSON.stringify(item.output)).toContain('[redacted]');
		expectNoSecretIn(item.output, soraSecrets());
		expectNoSecretIn(item.test.logs.join('\n'), soraSecrets());
	});
});

describe('a job that exists is never lost', () => {
	test.each([
		['keeps failing with 500', { status: 500, body: { error: { message: 'upstream down' } } }],
		['answers 429 with Retry-After: 120', { status: 429, headers: { 'retry-after': '120' }, body: { error: { message: 'slow down' } } }],
		['answers 404', { status: 404, body: { error: { message: 'gone', code: 'video_not_found' } } }],
	])('Sora: a status read that %s gives an error naming the video, and a continue-on-fail item with its id', async (_, fault) => {
		failWith(sora.server, { method: 'GET', path: /^\/v1\/videos\/video_/, ...fault });
		const result = await runSora(sora, { prompt: 'x', ...FAST_WAIT }, soraCredential());
		expect(result.error!.message).toContain(videoId());
		const item = await runSora(sora, { prompt: 'x', ...FAST_WAIT }, { ...soraCredential(), continueOnFail: true });
		const second = [...sora.videos.keys()][1];
		expect(item.output![0].json.id).toBe(second);
		expect(String(item.output![0].json.error)).toContain(second);
		expect(sora.creates).toBe(2);
	});

	test('Runway: a task read that keeps failing with 500 names the task in the error and the item', async () => {
		failWith(runway.server, { method: 'GET', path: /^\/v1\/tasks\//, status: 500, body: { error: 'down' } });
		const { output } = await runRunway(runway, { prompt: 'x' }, { items: await runwayItems(), continueOnFail: true });
		expect(output[0].json.id).toBe(taskId());
		expect(String(output[0].json.error)).toContain(taskId());
	});
});

describe('downloads are bounded and checked', () => {
	const succeededWith = (url: string) => runway.script([{ status: 'SUCCEEDED', output: [url] }]);

	test('a download that stalls after its headers is retried, then fails naming the task and how to fetch it again', async () => {
		process.env.N8N_AI_VIDEO_DOWNLOAD_IDLE_SECONDS = '0.3';
		succeededWith(`${other.url}/blob/stall.mp4`);
		const error = await runRunwayFailing(runway, { prompt: 'x' }, { items: await runwayItems() });
		expect(error.message).toContain(`task ${taskId()} could not be downloaded`);
		expect(error.description).toMatch(/stalled: no data for 0.3 s after 1000 bytes/);
		expect(error.description).toContain(`"Get Task" operation and ID ${taskId()}`);
		expect(other.server.count('GET', '/blob/stall.mp4')).toBe(3);
	});

	test('a download that never ends stops at the size cap, with how to raise it', async () => {
		process.env.N8N_AI_VIDEO_MAX_DOWNLOAD_MB = '1';
		succeededWith(`${other.url}/blob/endless.mp4`);
		const error = await runRunwayFailing(runway, { prompt: 'x' }, { items: await runwayItems() });
		expect(error.message).toContain(taskId());
		expect(error.description).toMatch(/larger than the download limit of 1 MB/);
		expect(error.description).toMatch(/N8N_AI_VIDEO_MAX_DOWNLOAD_MB/);
		expect(other.server.count('GET', '/blob/endless.mp4')).toBe(1);
	});

	test.each([
		['an empty 200', 'empty.mp4', /answered with an empty file/],
		['an HTML page', 'page.mp4', /answered with text\/html instead of a file/],
	])('%s is an error naming the task, not a video', async (_, file, pattern) => {
		succeededWith(`${other.url}/blob/${file}`);
		const error = await runRunwayFailing(runway, { prompt: 'x' }, { items: await runwayItems() });
		expect(error.message).toContain(taskId());
		expect(error.description).toMatch(pattern);
	});

	test.each([
		['a private address', 'https://192.168.1.20/v.mp4', /internal address \(192\.168\.1\.20\)/],
		['loopback on another host name', 'http://127.0.0.2/v.mp4', /internal address \(127\.0\.0\.2\)/],
		['plain http on a public host', 'http://cdn.example.com/v.mp4', /not https/],
		['IPv6 loopback', 'https://[::1]/v.mp4', /internal address/],
	])('an output URL on %s is not fetched: the item says why and keeps the URL', async (_, url, reason) => {
		succeededWith(url);
		const { output, test } = await runRunway(runway, { prompt: 'x' }, { items: await runwayItems() });
		expect(output[0].json).toMatchObject({ id: taskId(), status: 'SUCCEEDED', videoUrl: url, download: { downloaded: false, url } });
		expect(output[0].json.downloadSkipped).toMatch(reason);
		expect(test.requests.some((r) => r.url.startsWith(url.slice(0, 16)))).toBe(false);
	});

	test('an output URL on the Base URL host (a self-hosted gateway on http) is fetched', async () => {
		succeededWith(`${other.url}/blob/video.mp4`);
		const { output } = await runRunway(runway, { prompt: 'x' }, { items: await runwayItems() });
		expect(output[0].binary!.data.bytes).toBe(OTHER_HOST_VIDEO_BYTES);
		expectNothingStolen(runwaySecrets());
	});
});

describe('unknown statuses are not final', () => {
	const queued = (id: string) => ({ id, status: 'QUEUED_FOR_GPU', createdAt: new Date().toISOString() });

	test('Runway: a new status is waited through, then the video comes', async () => {
		answerWith(runway.server, { path: /^\/v1\/tasks\//, body: queued('x'), times: 3 });
		const { output } = await runRunway(runway, { prompt: 'x' }, { items: await runwayItems() });
		expect(output[0].json.status).toBe('SUCCEEDED');
		expect(output[0].binary!.data).toBeDefined();
	});

	test('Runway: a wait that ends on an unknown status keeps the task and says the status', async () => {
		answerWith(runway.server, { path: /^\/v1\/tasks\//, body: queued('x'), times: 10_000 });
		const { output } = await runRunway(runway, { prompt: 'x', maxWaitMinutes: 0.003 }, { items: await runwayItems() });
		expect(output[0].json).toMatchObject({ id: taskId(), status: 'QUEUED_FOR_GPU', finished: false, timedOut: true });
		expect(output[0].json.statusNote).toMatch(/"QUEUED_FOR_GPU", which this node does not know/);
	});

	test('Sora: a wait that ends on a status a gateway made up keeps the video and says the status', async () => {
		answerWith(sora.server, {
			path: /^\/v1\/videos\/video_/,
			body: { id: 'x', object: 'video', status: 'preprocessing', progress: 0 },
			times: 10_000,
		});
		const result = await runSora(sora, { prompt: 'x', pollIntervalSeconds: 0.01, maxWaitMinutes: 0.003 });
		expect(result.output![0].json).toMatchObject({ id: videoId(), status: 'preprocessing', timedOut: true });
		expect(result.output![0].json.statusNote).toMatch(/"preprocessing", which this node does not know/);
	});

	test('Sora: a status a gateway made up is waited through', async () => {
		answerWith(sora.server, {
			path: /^\/v1\/videos\/video_/,
			body: { id: 'x', object: 'video', status: 'preprocessing', progress: 0 },
			times: 2,
		});
		const result = await runSora(sora, { prompt: 'x', ...FAST_WAIT });
		expect(result.error).toBeUndefined();
		expect(result.output![0].json.status).toBe('completed');
	});
});

describe('inputs to requests are clean', () => {
	test.each([
		['Host', '{"Host": "evil.example.com"}'],
		['Content-Length', '{"Content-Length": "5"}'],
		['Transfer-Encoding', '{"transfer-encoding": "chunked"}'],
		['Connection', '{"Connection": "close"}'],
		['Content-Type', '{"content-type": "text/plain"}'],
	])('Custom Headers may not set %s (nothing is sent)', async (name, customHeaders) => {
		const error = await runRunwayFailing(runway, { prompt: 'x' }, { items: await runwayItems(), credentialData: { customHeaders } });
		expect(error.message).toMatch(new RegExp(`"${name}" cannot be set here`, 'i'));
		const sorad = await runSora(sora, { prompt: 'x' }, { credentialData: { customHeaders } });
		expect(sorad.error!.message).toMatch(new RegExp(`"${name}" cannot be set here`, 'i'));
		expect(runway.server.requests).toHaveLength(0);
		expect(sora.server.requests).toHaveLength(0);
	});

	test('a control character in a Custom Headers value or in the key is a clear error, not silently stripped', async () => {
		const header = await runRunwayFailing(
			runway,
			{ prompt: 'x' },
			{ items: await runwayItems(), credentialData: { customHeaders: '{"x-a": "abc\\u0007def"}' } },
		);
		expect(header.message).toMatch(/value of "x-a" contains a line break or another control character/);
		const key = await runRunwayFailing(
			runway,
			{ prompt: 'x' },
			{ items: await runwayItems(), credentialData: { apiKey: `${runway.apiKey.slice(0, 20)}\n${runway.apiKey.slice(20)}` } },
		);
		expect(key.message).toBe('The API key in the Runway credential contains a line break or another control character');
		const soraKey = await runSora(sora, { prompt: 'x' }, { credentialData: { apiKey: 'sk-abc\tdef\u0000' } });
		expect(soraKey.error!.message).toBe('The API key in the Sora credential contains a line break or another control character');
		expect(runway.server.requests).toHaveLength(0);
		expect(sora.server.requests).toHaveLength(0);
	});

	test('a 429 with a long Retry-After on a create says it was not retried (and it was not)', async () => {
		failWith(runway.server, {
			method: 'POST',
			path: '/v1/image_to_video',
			status: 429,
			headers: { 'retry-after': '120' },
			body: { error: 'Too many' },
		});
		const error = await runRunwayFailing(runway, { prompt: 'x' }, { items: await runwayItems() });
		expect(error.description).toMatch(/it was not retried, as the server asked to wait 120 s/);
		expect(error.description).not.toMatch(/retried with backoff/);
		expect(runway.server.count('POST', '/v1/image_to_video')).toBe(1);
		failWith(sora.server, {
			method: 'POST',
			path: '/v1/videos',
			status: 429,
			headers: { 'retry-after': '120' },
			body: { error: { message: 'Too many' } },
		});
		const sorad = await runSora(sora, { prompt: 'x' });
		expect(sorad.error!.description).toMatch(/It was not retried, as the server asked to wait 120 s; no job was created/);
		expect(sora.server.count('POST', '/v1/videos')).toBe(1);
	});

	test("uploads are size-checked from n8n's binary metadata before being read (Runway video input, Sora Edit)", async () => {
		const small = Buffer.alloc(6000, 9);
		small.writeUInt32BE(24, 0);
		small.write('ftypisom', 4, 'latin1');
		const huge = async (): Promise<INodeExecutionData> => {
			const item = await fileItem(small, CLIP_MP4);
			// What n8n's metadata says of a 600 MB upload; the file behind it is small, so only a check before reading can catch it.
			return { json: {}, binary: { data: { ...item.binary!.data, bytes: 600 * 1024 * 1024 } } };
		};
		const error = await runRunwayFailing(runway, { operation: 'videoToVideo', prompt: 'x' }, { items: [await huge()] });
		expect(error.message).toMatch(/The video is 600\.0 MB, over Runway's 200 MB upload limit/);
		const edit = await runSora(sora, { operation: 'edit', videoSource: 'binary', prompt: 'x' }, { items: [await huge()] });
		expect(edit.error!.message).toMatch(/is 600\.0 MB, over the 200 MB this node uploads \(item 1, binary field "data"\)/);
		expect(runway.server.requests).toHaveLength(0);
		expect(sora.server.requests).toHaveLength(0);
	});

	test("only the Video object's own fields reach the item, however much else a server sends", async () => {
		const id = await createDirect(sora);
		answerWith(sora.server, {
			path: `/v1/videos/${id}`,
			body: { id, object: 'video', status: 'in_progress', progress: 10, model: 'sora-2', dump: 'x'.repeat(2_000_000), echo: { key: 'k' } },
		});
		const result = await runSora(sora, { operation: 'get', videoId: id, download: false });
		expect(result.output![0].json).toMatchObject({ id, status: 'in_progress', progress: 10, model: 'sora-2' });
		expect(Object.keys(result.output![0].json)).not.toContain('dump');
		expect(Object.keys(result.output![0].json)).not.toContain('echo');
	});
});
