/**
 * Both credentials as n8n uses them: the credential test with n8n's rules (a failure explained, not a bare
 * "Unauthorized"), and Custom Headers on every request, through real HTTP against the fakes.
 */
import type { ICredentialDataDecryptedObject, ICredentialType, IHttpRequestOptions } from 'n8n-workflow';

import { RunwayApi } from '../../credentials/RunwayApi.credentials';
import { RunwayVideo } from '../../nodes/RunwayVideo/RunwayVideo.node';
import { SoraApi } from '../../credentials/SoraApi.credentials';
import { parseCustomHeaders } from '../../nodes/shared/n8n/customHeaders';
import { credentialSecrets, redact } from '../../nodes/shared/n8n/redact';
import { startFakeRunway } from '../fakes/runway';
import type { FakeRunway } from '../fakes/runway';
import { startFakeSora } from '../fakes/sora';
import { nodeCredentialTest, credentialTest as soraCredentialTest } from './sora/credentialTest';
import type { FakeSora } from '../fakes/sora';

const servers: Array<FakeSora | FakeRunway> = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map((server) => server.close()));
});

/**
 * The Runway credential's test as n8n runs it (the node's `testedBy`), and the headers `authenticate` gives the
 * test request.
 */
async function credentialTest(
	credential: ICredentialType,
	data: ICredentialDataDecryptedObject,
): Promise<{ status: 'OK' | 'Error'; message: string; headers: Record<string, unknown> }> {
	const authenticate = credential.authenticate as (
		d: ICredentialDataDecryptedObject,
		o: IHttpRequestOptions,
	) => Promise<IHttpRequestOptions>;
	const options = await authenticate(data, { url: '/v1/organization', headers: {} });
	const result = await nodeCredentialTest(new RunwayVideo(), credential.name, data);
	return { status: result.status, message: result.message, headers: options.headers ?? {} };
}

describe('Sora credential', () => {
	const base = { authStyle: 'bearer', organization: '', project: '', extraQuery: '', customHeaders: '' };

	test('Base URL starts empty and required, with the gateway examples as hint', () => {
		const baseUrl = new SoraApi().properties.find((p) => p.name === 'baseUrl')!;
		expect(baseUrl).toMatchObject({ default: '', required: true });
		expect(baseUrl.hint).toMatch(/LiteLLM.*Azure OpenAI.*Cloudflare AI Gateway/);
	});

	test('a failed test says what to check: 401 (key, header style, gateway headers), 404 (Base URL)', async () => {
		const fake = await startFakeSora();
		servers.push(fake);
		const ok = await soraCredentialTest({ ...base, apiKey: fake.apiKey, baseUrl: fake.baseUrl });
		expect(ok.status).toBe('OK');
		const wrongKey = await soraCredentialTest({ ...base, apiKey: 'sk-wrong', baseUrl: fake.baseUrl });
		expect(wrongKey.status).toBe('Error');
		expect(wrongKey.message).toMatch(/^The server did not accept the API key \(HTTP 401\)\. Check the key and the Authentication Header/);
		expect(wrongKey.message).toMatch(/Custom Headers/);
		// n8n's popup reads <...> as HTML: the text has none.
		expect(wrongKey.message).not.toMatch(/[<>]/);
		const noV1 = await soraCredentialTest({ ...base, apiKey: fake.apiKey, baseUrl: fake.url });
		expect(noV1.message).toMatch(/HTTP 404.*including \/v1/);
	});

	test('Custom Headers go with the test request (a gateway that wants them passes only with them)', async () => {
		const fake = await startFakeSora({ requiredHeaders: { 'cf-aig-authorization': 'Bearer cf-secret-000111' } });
		servers.push(fake);
		const data = { ...base, apiKey: fake.apiKey, baseUrl: fake.baseUrl };
		expect((await soraCredentialTest(data)).message).toMatch(/HTTP 401/);
		const withHeaders = await soraCredentialTest({ ...data, customHeaders: '{"cf-aig-authorization": "Bearer cf-secret-000111"}' });
		expect(withHeaders.status).toBe('OK');
	});

	test('Custom Headers that do not parse fail authenticate with a message that shows no value', async () => {
		const authenticate = new SoraApi().authenticate;
		await expect(
			authenticate({ ...base, apiKey: 'sk-x', customHeaders: '{"x-a": "secret-value-1", }' }, { url: '/videos' }),
		).rejects.toThrow(/^Custom Headers is not valid JSON/);
		await expect(
			authenticate({ ...base, apiKey: 'sk-x', customHeaders: '{"x-a": "line\\nbreak-secret"}' }, { url: '/videos' }),
		).rejects.toThrow('Custom Headers: the value of "x-a" contains a line break or another control character.');
	});
});

describe('Runway credential', () => {
	test('authenticate: Authorization, X-Runway-Version and the custom headers, which cannot replace either', async () => {
		const options = await new RunwayApi().authenticate(
			{
				apiKey: 'key_abc',
				apiVersion: '2024-11-06',
				customHeaders: '{"x-gateway-key": "gw-secret-123456", "authorization": "Bearer nope"}',
			},
			{ url: '/v1/organization', headers: { Accept: 'application/json' } },
		);
		expect(options.headers).toEqual({
			Accept: 'application/json',
			'x-gateway-key': 'gw-secret-123456',
			Authorization: 'Bearer key_abc',
			'X-Runway-Version': '2024-11-06',
		});
	});

	test('the test explains a 401; Custom Headers reach the server', async () => {
		const fake = await startFakeRunway();
		servers.push(fake);
		const data = {
			apiKey: fake.apiKey,
			baseUrl: fake.baseUrl,
			apiVersion: '2024-11-06',
			customHeaders: '{"x-gateway-key": "gw-secret-123456"}',
		};
		expect((await credentialTest(new RunwayApi(), data)).status).toBe('OK');
		const sent = fake.server.requests[fake.server.requests.length - 1];
		expect(sent.headers['x-gateway-key']).toBe('gw-secret-123456');
		const wrong = await credentialTest(new RunwayApi(), { ...data, apiKey: 'key_wrong' });
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toMatch(/^Runway did not accept the API key \(HTTP 401\)\. Use a key from the developer portal/);
		expect(wrong.message).not.toMatch(/[<>]/);
	});
});

describe('Custom Headers in the credential form', () => {
	test.each([
		['Sora', new SoraApi()],
		['Runway', new RunwayApi()],
	])("%s: starts as {} (n8n's JSON editor marks an empty field as broken JSON), with its example visible in the hint", (_, credential) => {
		const field = credential.properties.find((p) => p.name === 'customHeaders')!;
		expect(field).toMatchObject({ type: 'json', default: '{}' });
		expect(parseCustomHeaders(field.default)).toEqual({});
		const example = /e\.g\. (\{[^}]*\})/.exec(field.hint ?? '');
		expect(Object.keys(parseCustomHeaders(example![1]))).toHaveLength(1);
		expect(field.description).toMatch(/kept out of outputs, errors and logs/);
	});

	test('the help a user needs while filling the forms is visible (hints), not only in tooltips', () => {
		const hints = (credential: ICredentialType) =>
			Object.fromEntries(credential.properties.filter((p) => p.hint).map((p) => [p.name, p.hint]));
		expect(Object.keys(hints(new SoraApi()))).toEqual(['apiKey', 'baseUrl', 'organization', 'project', 'extraQuery', 'customHeaders']);
		expect(hints(new SoraApi()).extraQuery).toMatch(/Azure OpenAI needs api-version/);
		expect(Object.keys(hints(new RunwayApi()))).toEqual(['apiKey', 'baseUrl', 'apiVersion', 'customHeaders']);
		expect(hints(new RunwayApi()).baseUrl).toMatch(/without \/v1/);
	});

	test.each<[string, ICredentialDataDecryptedObject]>([
		['saved empty', { customHeaders: '' }],
		['saved without the field', {}],
	])('Runway: a credential %s before the field started as {} sends what a new one sends, through the credential test', async (_, saved) => {
		const fake = await startFakeRunway();
		servers.push(fake);
		const base = { apiKey: fake.apiKey, baseUrl: fake.baseUrl, apiVersion: '2024-11-06' };
		const fresh = await credentialTest(new RunwayApi(), { ...base, customHeaders: '{}' });
		const old = await credentialTest(new RunwayApi(), { ...base, ...saved });
		expect([fresh.status, old.status]).toEqual(['OK', 'OK']);
		expect(old.headers).toEqual(fresh.headers);
		const [freshWire, oldWire] = fake.server.requests.map((r) => r.headers);
		expect(oldWire).toEqual(freshWire);
		expect(
			Object.keys(freshWire).filter(
				(name) => !/^(authorization|x-runway-version|accept|user-agent|host|connection|accept-encoding)$/.test(name),
			),
		).toEqual([]);
	});
});

describe('credential text that an HTTP client would strip or refuse silently', () => {
	test.each([
		['Sora', () => new SoraApi().authenticate({ authStyle: 'bearer', apiKey: 'sk-abc\ndef' }, { url: '/videos' })],
		['Runway', () => new RunwayApi().authenticate({ apiKey: 'key_abc\u0000def', apiVersion: '2024-11-06' }, { url: '/v1/organization' })],
	])('%s: a key with a control character fails authenticate with a message that shows no key', async (_, authenticate) => {
		await expect(authenticate()).rejects.toThrow(
			/^The API key contains a line break or another control character: paste it again as one line\.$/,
		);
	});

	test.each(['Host', 'content-length', 'Transfer-Encoding', 'Connection', 'Content-Type', 'Upgrade'])(
		'Custom Headers may not set %s',
		async (name) => {
			await expect(
				new RunwayApi().authenticate({ apiKey: 'key_abc', customHeaders: JSON.stringify({ [name]: 'x' }) }, { url: '/v1/organization' }),
			).rejects.toThrow(`Custom Headers: "${name}" cannot be set here; the node and n8n set it themselves.`);
		},
	);
});

describe("redaction of a credential's secrets", () => {
	test('the key and every Custom Headers value (with and without its scheme) are masked', () => {
		const secrets = credentialSecrets({
			apiKey: ' sk-key-0123456789 ',
			customHeaders: '{"cf-aig-authorization": "Bearer cf-token-abcdef", "x-portkey-config": "pc-config-998877"}',
		});
		const text = 'key sk-key-0123456789, header Bearer cf-token-abcdef, bare cf-token-abcdef, config pc-config-998877';
		expect(redact(text, secrets)).toBe('key [redacted], header [redacted], bare [redacted], config [redacted]');
		expect(credentialSecrets({ apiKey: 'sk-key-0123456789', customHeaders: 'not json' })[0]).toBe('sk-key-0123456789');
	});

	test('their base64 forms are masked too, wherever they start in the encoded text (a Basic header, an echoed request)', () => {
		const secrets = credentialSecrets({ apiKey: 'sk-key-0123456789', customHeaders: '{"x-gateway-key": "gw-secret-55aa77"}' });
		for (const prefix of ['', 'u', 'us', 'user:']) {
			for (const secret of ['sk-key-0123456789', 'gw-secret-55aa77']) {
				const encoded = Buffer.from(`${prefix}${secret}-and-more`).toString('base64');
				const shown = redact(`Basic ${encoded}`, secrets);
				expect(shown).toContain('[redacted]');
				expect(Buffer.from(shown.replace('Basic ', '').replace('[redacted]', ''), 'base64').toString('latin1')).not.toContain(
					secret.slice(0, 8),
				);
			}
		}
		expect(redact(Buffer.from('nothing secret here at all').toString('base64'), secrets)).not.toContain('[redacted]');
	});
});
