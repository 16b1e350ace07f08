/**
 * The Sora Video node through a gateway that is not OpenAI: the fake in LiteLLM 1.82.1 mode (ids of its own in
 * base64, a different id on every read that must not be used again, 405 for what it lacks, a list it cannot
 * serve, image links it cannot forward). The node keeps the id the create answered, sends JSON without a file,
 * says plainly what a server does not offer, and can upload an image URL as a file.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { solid } from '../../helpers/images';
import { fileItem } from '../../helpers/items';
import { unwrapGatewayId } from '../../fakes/soraGateway';
import type { FakeSora } from '../../fakes/sora';
import { credentialTest } from './credentialTest';
import { closeFakes, expectNoSecret, FAST_WAIT, run, runOk, startFake } from './setup';

afterEach(closeFakes);

const gateway = async (): Promise<FakeSora> => await startFake({ gateway: 'litellm' });

/** The paths the node asked for, ids decoded back from their percent-encoding. */
function paths(fake: FakeSora): string[] {
	return fake.server.requests.map((r) => `${r.method} ${decodeURIComponent(r.path)}`);
}

describe('ids', () => {
	test('Generate waits and downloads with the create\'s id, which holds "/", "+" and "="; the id each poll echoes is shown as serverId', async () => {
		const fake = await gateway();
		const { output } = await runOk(fake, { prompt: 'A paper boat', size: '1280x720', ...FAST_WAIT });
		const [item] = output;
		const createId = String(item.json.id);
		expect(createId).toMatch(/\//);
		expect(createId).toMatch(/\+/);
		expect(createId).toMatch(/=/);
		expect(unwrapGatewayId(createId)).toMatchObject({ model: 'sora-2' });
		expect(item.json.status).toBe('completed');
		// What the polls answered: the same video under an id without its model, which would not route.
		const serverId = String(item.json.serverId);
		expect(serverId).not.toBe(createId);
		expect(unwrapGatewayId(serverId)).toEqual({ model: '', upstreamId: unwrapGatewayId(createId)!.upstreamId });
		expect(item.json.contentUrl).toBe(`${fake.baseUrl}/videos/${encodeURIComponent(createId)}/content`);
		expect(item.binary!.data.mimeType).toBe('video/mp4');
		// Every call after the create used the create's id, one path segment each.
		const later = paths(fake).slice(1);
		expect(later.length).toBeGreaterThan(2);
		for (const path of later) expect(path.startsWith(`GET /v1/videos/${createId}`)).toBe(true);
		for (const request of fake.server.requests.slice(1))
			expect(request.path.split('/')).toHaveLength(request.path.endsWith('/content') ? 5 : 4);
		expect(fake.record(createId)!.encoding).toBe('json');
		expectNoSecret({ output, test: (await run(fake, { operation: 'get', videoId: createId, download: false })).test });
	});

	test('Generate with a binary reference: multipart with the file, then waits and downloads', async () => {
		const fake = await gateway();
		const photo = await solid(900, 1600, [200, 120, 40]);
		const items = [await fileItem(photo)];
		const { output } = await runOk(fake, { prompt: 'x', referenceImage: 'binary', ...FAST_WAIT }, { items });
		const record = fake.record(String(output[0].json.id))!;
		expect(record).toMatchObject({ encoding: 'multipart', inputReference: { source: 'file', width: 720, height: 1280 } });
		expect(output[0].binary!.data.mimeType).toBe('video/mp4');
	});

	test("Get and Download by the create's id work, and so does Get by the id a Get put out; the echoed id would not", async () => {
		const fake = await gateway();
		const created = await runOk(fake, { prompt: 'x', waitForCompletion: false });
		const createId = String(created.output[0].json.id);
		expect(created.output[0].json.note).toContain(createId);

		const first = await runOk(fake, { operation: 'get', videoId: createId, download: false });
		expect(first.output[0].json).toMatchObject({ id: createId, finished: false });
		const again = await runOk(fake, { operation: 'get', videoId: String(first.output[0].json.id) });
		expect(again.output[0].json).toMatchObject({ id: createId, status: 'completed', succeeded: true });
		expect(again.output[0].binary!.data.mimeType).toBe('video/mp4');
		const downloaded = await runOk(fake, { operation: 'download', videoId: createId });
		expect(downloaded.output[0].json.id).toBe(createId);
		expect(downloaded.output[0].binary!.data.mimeType).toBe('video/mp4');

		// The fake is faithful: the id a read echoed goes to LiteLLM's default backend and fails.
		const echoed = await run(fake, { operation: 'get', videoId: String(first.output[0].json.serverId) });
		expect(echoed.error!.message).toMatch(/Cannot connect to host api\.openai\.com/);
		expect(echoed.error!.httpCode).toBe('500');
	});

	test("Remix by the create's id is accepted; its answer's id is the one handed on", async () => {
		const fake = await gateway();
		const created = await runOk(fake, { prompt: 'x', ...FAST_WAIT });
		const createId = String(created.output[0].json.id);
		const { output } = await runOk(fake, { operation: 'remix', videoId: createId, prompt: 'At night', waitForCompletion: false });
		expect(output[0].json).toMatchObject({ remixed_from_video_id: expect.stringMatching(/^video_/), usage: { duration_seconds: 4 } });
		expect(output[0].json.id).not.toBe(createId);
		expect(paths(fake).at(-1)).toBe(`POST /v1/videos/${createId}/remix`);
		expect(fake.remixes).toBe(1);
	});
});

describe('operations the gateway lacks', () => {
	test.each([
		['Delete', { operation: 'delete', videoId: 'video_x' }, 405],
		['Edit', { operation: 'edit', videoId: 'video_x', prompt: 'Snow' }, 405],
		['Extend', { operation: 'extend', videoId: 'video_x', prompt: 'More', seconds: '4' }, 405],
		['Get Character', { operation: 'getCharacter', characterId: 'char_1' }, 405],
		['List', { operation: 'list' }, 400],
	])('%s: the server at that Base URL does not offer it, and no advice to use what it lacks', async (name, parameters, status) => {
		const fake = await gateway();
		const result = await run(fake, parameters);
		expect(result.error!.message).toBe(`The server at ${fake.baseUrl} does not offer ${name} (HTTP ${status})`);
		expect(result.error!.description).toMatch(new RegExp(`use a server that offers ${name}`));
		expect(result.error!.description).not.toMatch(/(with|use) the (List|Delete|Edit|Extend) operation/);
		expect(result.error!.message).not.toMatch(/without an error message/);
		expect(fake.server.requests).toHaveLength(1);
	});

	test('Create Character too (the clip is checked first, then the 405)', async () => {
		const fake = await gateway();
		const clip = Buffer.alloc(2048, 1);
		clip.writeUInt32BE(24, 0);
		clip.write('ftypisom', 4, 'latin1');
		const items = [await fileItem(clip, { fileName: 'fox.mp4', mimeType: 'video/mp4' })];
		const result = await run(fake, { operation: 'createCharacter', characterName: 'Fox' }, { items });
		expect(result.error!.message).toBe(`The server at ${fake.baseUrl} does not offer Create Character (HTTP 405)`);
		expect(result.error!.description).toMatch(/No job was created/);
	});
});

describe('the credential test', () => {
	test('passes on GET /models when the list answers 400, and says which check passed', async () => {
		const fake = await gateway();
		const data = {
			apiKey: fake.apiKey,
			baseUrl: fake.baseUrl,
			authStyle: 'bearer',
			organization: '',
			project: '',
			extraQuery: '',
			customHeaders: '',
		};
		const result = await credentialTest(data);
		expect(result.status).toBe('OK');
		expect(result.message).toMatch(/GET \/models answered.*GET \/videos answered HTTP 400.*List operation will not work here/);
		expect(paths(fake)).toEqual(['GET /v1/videos', 'GET /v1/models']);
		expect((await credentialTest({ ...data, apiKey: 'sk-wrong' })).message).toMatch(/^The server did not accept the API key \(HTTP 401\)/);
	});
});

describe('image references the gateway cannot forward', () => {
	test.each([
		['an image URL', { referenceImage: 'url', imageUrl: 'https://images.example.com/first.jpg' }],
		['a file ID', { referenceImage: 'fileId', imageFileId: 'file-abc123' }],
	])('%s: the error says to pass the image as a binary or upload the URL as a file', async (_, parameters) => {
		const fake = await gateway();
		const result = await run(fake, { prompt: 'x', ...parameters });
		expect(result.error!.httpCode).toBe('500');
		expect(result.error!.description).toMatch(/"Binary Image From Input".*"Upload as File"/);
		expect(fake.creates).toBe(0);
	});

	test('Upload as File: n8n fetches the URL, fits the image and sends it as the file; the gateway takes it', async () => {
		const photo = await solid(1600, 900, [30, 90, 200]);
		const images = http.createServer((req, res) => {
			res.writeHead(req.url === '/first.jpg' ? 200 : 404, { 'content-type': 'image/jpeg' });
			res.end(req.url === '/first.jpg' ? photo : undefined);
		});
		await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
		const imageBase = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
		try {
			const fake = await gateway();
			const { output } = await runOk(fake, {
				prompt: 'x',
				size: '1280x720',
				referenceImage: 'url',
				imageUrl: `${imageBase}/first.jpg`,
				imageUrlUpload: true,
				...FAST_WAIT,
			});
			expect(output[0].json.referenceImage).toMatchObject({ source: 'url', uploaded: true, width: 1280, height: 720, originalWidth: 1600 });
			expect(fake.record(String(output[0].json.id))).toMatchObject({
				encoding: 'multipart',
				inputReference: { source: 'file', width: 1280, height: 720 },
			});
			expect(output[0].binary!.data.mimeType).toBe('video/mp4');

			const missing = await run(fake, { prompt: 'x', referenceImage: 'url', imageUrl: `${imageBase}/gone.jpg`, imageUrlUpload: true });
			expect(missing.error!.message).toMatch(/^The image at 127\.0\.0\.1:\d+ could not be fetched: HTTP 404 \(item 1, field "Image URL"\)/);
			expect(fake.creates).toBe(1);
		} finally {
			await new Promise((resolve) => images.close(resolve));
		}
	});
});
