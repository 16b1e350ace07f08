/**
 * What a gateway brings: custom headers (sent everywhere, shown nowhere), the model list from GET /models,
 * workflows saved with a plain model, and the small things a user reads (Get's flags, the subtitle).
 */
import type { ILoadOptionsFunctions, INodeParameters, INodeProperties } from 'n8n-workflow';

import { SoraApi } from '../../../credentials/SoraApi.credentials';
import { modelResults, NOT_VIDEO_LABEL, searchModels } from '../../../nodes/SoraVideo/methods/listSearch';
import { soraErrorBody } from '../../fakes/sora';
import type { FakeSora } from '../../fakes/sora';
import { createContext } from '../../helpers/executeContext';
import type { CredentialData } from './setup';
import { closeFakes, completeDirect, createDirect, credentials, expectNoSecret, FAST_WAIT, nodeType, run, runOk, startFake } from './setup';
import { errorText } from '../setup';

afterEach(closeFakes);

const GATEWAY_TOKEN = 'Bearer cf-aig-token-7d1e0b9a44c2';
const HELICONE = 'sk-helicone-3b8f2e61d0a94c7e';
const gatewayHeaders = JSON.stringify({ 'cf-aig-authorization': GATEWAY_TOKEN, 'Helicone-Auth': HELICONE });

describe('Custom Headers', () => {
	test('sent on every request, the download included, beside the key; never in an output, error or log', async () => {
		const fake = await startFake({ requiredHeaders: { 'cf-aig-authorization': GATEWAY_TOKEN, 'helicone-auth': HELICONE } });
		const result = await runOk(fake, { prompt: 'x', ...FAST_WAIT }, { credentialData: { customHeaders: gatewayHeaders } });
		expect(result.output[0].binary!.data.mimeType).toBe('video/mp4');
		const paths = fake.server.requests.map((r) => `${r.method} ${r.path.replace(/video_\w+/, '{id}')}`);
		expect(paths).toEqual(expect.arrayContaining(['POST /v1/videos', 'GET /v1/videos/{id}', 'GET /v1/videos/{id}/content']));
		for (const request of fake.server.requests) {
			expect(request.headers['cf-aig-authorization']).toBe(GATEWAY_TOKEN);
			expect(request.headers['helicone-auth']).toBe(HELICONE);
			expect(request.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
		}
		expectNoSecret(result, GATEWAY_TOKEN);
		expectNoSecret(result, HELICONE);
	});

	test("without them the gateway's 401 is explained, pointing at Custom Headers", async () => {
		const fake = await startFake({ requiredHeaders: { 'cf-aig-authorization': GATEWAY_TOKEN } });
		const result = await run(fake, { prompt: 'x' });
		expect(result.error!.message).toBe('Unauthorized: missing cf-aig-authorization header. [gateway_unauthorized]');
		expect(result.error!.description).toMatch(/Custom Headers/);
		expect(result.error!.description).toMatch(/Bearer YOUR_KEY/);
		expect(fake.creates).toBe(0);
	});

	test('a gateway that echoes a header value in its error has it masked, scheme or not', async () => {
		const fake = await startFake();
		fake.server.inject({
			kind: 'status',
			method: 'POST',
			path: '/v1/videos',
			status: 400,
			body: soraErrorBody(
				`Bad gateway config: cf-aig-authorization=${GATEWAY_TOKEN}; token ${GATEWAY_TOKEN.slice(7)}; helicone ${HELICONE}`,
			),
		});
		const result = await run(fake, { prompt: 'x' }, { credentialData: { customHeaders: gatewayHeaders } });
		expect(result.error!.message).toBe('Bad gateway config: cf-aig-authorization=[redacted]; token [redacted]; helicone [redacted]');
		expectNoSecret(result, GATEWAY_TOKEN.slice(7));
		expectNoSecret(result, HELICONE);
	});

	test("they cannot replace the key's header", async () => {
		const fake = await startFake();
		const result = await runOk(
			fake,
			{ operation: 'list' },
			{ credentialData: { customHeaders: JSON.stringify({ authorization: 'Bearer other', 'x-extra': '1' }) } },
		);
		expect(result.test.requests[0].headers).toMatchObject({ Authorization: `Bearer ${fake.apiKey}`, 'x-extra': '1' });
		expect(Object.keys(result.test.requests[0].headers).filter((h) => h.toLowerCase() === 'authorization')).toHaveLength(1);
	});

	test('a credential saved before Custom Headers started as {} (empty, or without the field) sends what a new one sends', async () => {
		const fake = await startFake();
		const newDefault = new SoraApi().properties.find((p) => p.name === 'customHeaders')!.default as string;
		const sent = async (data: CredentialData) => {
			const before = fake.server.requests.length;
			const { test } = await runOk(fake, { operation: 'list' }, { credentialData: data });
			return { node: test.requests[0].headers, wire: fake.server.requests[before].headers };
		};
		const fresh = await sent({ customHeaders: newDefault });
		expect(fresh.wire.authorization).toBe(`Bearer ${fake.apiKey}`);
		expect(await sent({ customHeaders: '' })).toEqual(fresh);
		expect(await sent({})).toEqual(fresh);
		const saved = await sent({ customHeaders: '{"x-gateway-key": "gw-secret-42"}' });
		expect(saved.node).toEqual({ ...fresh.node, 'x-gateway-key': 'gw-secret-42' });
		expect(saved.wire).toEqual({ ...fresh.wire, 'x-gateway-key': 'gw-secret-42' });
	});

	test.each([
		['not JSON', '{cf-aig: 1}', /Custom Headers is not valid JSON/],
		['an array', '["a"]', /must be a JSON object/],
		['a bad header name', '{"bad header": "x"}', /"bad header" is not a valid header name/],
		['an object value', '{"x-a": {"b": 1}}', /the value of "x-a" must be text/],
	])('Custom Headers that are %s fail before any request, without showing a value', async (_, customHeaders, message) => {
		const fake = await startFake();
		const result = await run(fake, { prompt: 'x' }, { credentialData: { customHeaders } });
		expect(result.error!.message).toMatch(message);
		expect(result.error!.message).toMatch(/^The Sora credential's/);
		expect(fake.server.requests).toHaveLength(0);
	});
});

describe('Model', () => {
	function loadOptions(fake: FakeSora, data: Record<string, string> = {}): ILoadOptionsFunctions {
		return createContext({ nodeType, parameters: {}, credentials: credentials(fake, data) }).context as unknown as ILoadOptionsFunctions;
	}

	test("From List: only the video models of the server's GET /models, filtered by what the user types", async () => {
		const fake = await startFake({
			models: ['gpt-4.1-mini', 'text-embedding-3-small', 'sora-2', 'veo-3-fast', 'runway/gen4_turbo', 'sora-2-pro'],
		});
		const all = await searchModels.call(loadOptions(fake));
		expect(all.results).toEqual(['sora-2', 'veo-3-fast', 'runway/gen4_turbo', 'sora-2-pro'].map((id) => ({ name: id, value: id })));
		const filtered = await searchModels.call(loadOptions(fake), 'PRO');
		expect(filtered.results).toEqual([{ name: 'sora-2-pro', value: 'sora-2-pro' }]);
		expect(fake.server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/models', 'GET /v1/models']);
	});

	test("the fake's own list (a chat model beside the Sora models) shows the Sora models only, also behind LiteLLM", async () => {
		for (const fake of [await startFake(), await startFake({ gateway: 'litellm' })]) {
			const listed = (await searchModels.call(loadOptions(fake))).results.map((r) => r.value);
			expect(listed).toEqual(['sora-2', 'sora-2-2025-10-06', 'sora-2-2025-12-08', 'sora-2-pro', 'sora-2-pro-2025-10-06']);
			expect(fake.server.requests.map((r) => r.path)).toEqual(['/v1/models']);
		}
	});

	test('a model the user searches for by its ID is found even when it does not look like a video model, and says so', async () => {
		const fake = await startFake({ models: ['gpt-4.1-mini', 'sora-2', 'acme-clips-v2'] });
		expect((await searchModels.call(loadOptions(fake), 'acme')).results).toEqual([
			{ name: `acme-clips-v2${NOT_VIDEO_LABEL}`, value: 'acme-clips-v2' },
		]);
		expect((await searchModels.call(loadOptions(fake), '')).results.map((r) => r.value)).toEqual(['sora-2']);
	});

	test("a server that lists no video model at all (a gateway's own aliases) shows all its models, named as such", async () => {
		const fake = await startFake({ models: ['prod-clips', 'gpt-4.1-mini'] });
		expect((await searchModels.call(loadOptions(fake))).results).toEqual([
			{ name: `prod-clips${NOT_VIDEO_LABEL}`, value: 'prod-clips' },
			{ name: `gpt-4.1-mini${NOT_VIDEO_LABEL}`, value: 'gpt-4.1-mini' },
		]);
	});

	test("a server without a model list, or one that refuses, gives the SDK's Sora models quietly", async () => {
		const none = await startFake({ models: null });
		expect((await searchModels.call(loadOptions(none))).results.map((r) => r.value)).toEqual([
			'sora-2',
			'sora-2-pro',
			'sora-2-2025-10-06',
			'sora-2-pro-2025-10-06',
			'sora-2-2025-12-08',
		]);
		const refusing = await startFake();
		expect((await searchModels.call(loadOptions(refusing, { apiKey: 'sk-wrong-key-123' }))).results).toHaveLength(5);
		expect(modelResults(['a', 'sora-2', 'a', 'sora-2'])).toEqual([{ name: 'sora-2', value: 'sora-2' }]);
	});

	test('the list request carries the custom headers too', async () => {
		const fake = await startFake({ requiredHeaders: { 'cf-aig-authorization': GATEWAY_TOKEN } });
		const listed = await searchModels.call(loadOptions(fake, { customHeaders: gatewayHeaders }));
		expect(listed.results.map((r) => r.value)).toContain('sora-2-pro');
		expect(fake.server.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /v1/models 200']);
	});

	test.each<[string, INodeParameters['model'], Record<string, unknown>, string]>([
		['a model From List', { __rl: true, mode: 'list', value: 'sora-2-pro' }, {}, 'sora-2-pro'],
		['a model By ID', { __rl: true, mode: 'id', value: 'sora-2-pro-2025-10-06' }, {}, 'sora-2-pro-2025-10-06'],
		['a plain string, as saved before the list', 'sora-2-pro', {}, 'sora-2-pro'],
		['"custom" and Custom Model ID, as saved before the list', 'custom', { customModel: 'sora-2-pro-2025-10-06' }, 'sora-2-pro-2025-10-06'],
		['no model at all (the default)', undefined, {}, 'sora-2'],
	])('%s is sent as "model"', async (_, model, extra, expected) => {
		const fake = await startFake();
		const parameters: INodeParameters = { prompt: 'x', size: '1280x720', waitForCompletion: false, ...(extra as INodeParameters) };
		if (model !== undefined) parameters.model = model;
		await runOk(fake, parameters);
		expect([...fake.videos.values()][0].fields.model).toBe(expected);
	});
});

describe('What a user reads', () => {
	test('Get: finished and succeeded for an IF node', async () => {
		const fake = await startFake();
		fake.script(['queued', 'in_progress', 'completed']);
		const id = await createDirect(fake);
		const running = await runOk(fake, { operation: 'get', videoId: id, download: false });
		expect(running.output[0].json).toMatchObject({ status: 'in_progress', finished: false, succeeded: false });
		await completeDirect(fake, id);
		const done = await runOk(fake, { operation: 'get', videoId: id });
		expect(done.output[0].json).toMatchObject({ status: 'completed', finished: true, succeeded: true });
		expect(done.output[0].binary!.data.mimeType).toBe('video/mp4');
		fake.script([{ status: 'failed', error: { code: 'moderation_blocked', message: 'No.' } }]);
		const failedId = await createDirect(fake);
		const failed = await runOk(fake, { operation: 'get', videoId: failedId });
		expect(failed.output[0].json).toMatchObject({
			status: 'failed',
			finished: true,
			succeeded: false,
			error: { code: 'moderation_blocked' },
		});
	});

	test("a server message with <angle brackets> stays readable in n8n's HTML error popup", async () => {
		const fake = await startFake();
		fake.server.inject({
			kind: 'status',
			method: 'GET',
			path: '/v1/videos',
			status: 401,
			body: soraErrorBody('Send it as "Authorization: Bearer <key>"'),
		});
		const result = await run(fake, { operation: 'list' });
		expect(result.error!.message).toBe('Send it as "Authorization: Bearer ‹key›"');
		expect(errorText(result.error)).not.toMatch(/<key>/);
	});

	test('the subtitle reads "Generate · sora-2", with the model in any saved form, and just the operation otherwise', () => {
		const subtitle = String(nodeType.description.subtitle);
		// The expression is plain JavaScript over $parameter, as n8n's canvas evaluates it.
		const body = /^=\{\{([\s\S]*)\}\}$/.exec(subtitle)![1];
		const render = (parameters: INodeParameters) => new Function('$parameter', `return (${body});`)(parameters) as string;
		expect(render({ operation: 'generate', model: { __rl: true, mode: 'list', value: 'sora-2' } })).toBe('Generate · sora-2');
		expect(render({ operation: 'generate', model: 'sora-2-pro' })).toBe('Generate · sora-2-pro');
		expect(render({ operation: 'generate', model: 'custom', customModel: 'veo-3' })).toBe('Generate · veo-3');
		expect(render({ operation: 'createCharacter' })).toBe('Create Character');
		expect(nodeType.description.description).not.toMatch(/\n/);
		expect(String(nodeType.description.description).length).toBeLessThanOrEqual(80);
	});

	test('the panel: operations by use, Generate first; Resource, Operation, Model, then Prompt; binary fields named by what they hold', () => {
		const { properties } = nodeType.description;
		const operation = properties.find((p) => p.name === 'operation')!;
		expect((operation.options as Array<{ value: string }>).map((o) => o.value)).toEqual([
			'generate',
			'get',
			'download',
			'remix',
			'edit',
			'extend',
			'createCharacter',
			'getCharacter',
			'list',
			'delete',
		]);
		expect(operation.default).toBe('generate');
		const forGenerate = properties.filter(
			(p) =>
				p.type !== 'notice' &&
				!p.displayOptions?.show?.['@tool'] &&
				(p.displayOptions?.show?.operation ?? ['generate']).includes('generate'),
		);
		expect(forGenerate.slice(0, 5).map((p) => p.name)).toEqual(['resource', 'operation', 'model', 'customModel', 'prompt']);
		const binaryFields = Object.fromEntries(
			properties
				.flatMap((p) => [p, ...((p.options ?? []) as INodeProperties[])])
				.filter((p) => /BinaryPropertyName$|^binaryPropertyName$/.test(p.name))
				.map((p) => [p.name, p.displayName]),
		);
		expect(binaryFields).toEqual({
			binaryPropertyName: 'Image Binary Field',
			videoBinaryPropertyName: 'Video Binary Field',
			outputBinaryPropertyName: 'Output Binary Field',
		});
	});
});
