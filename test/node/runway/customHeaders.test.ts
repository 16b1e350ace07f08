/**
 * The Runway credential's Custom Headers through real HTTP against the fake Runway: sent to the API only,
 * checked before anything is sent, and their values masked like the key in every error and output; and
 * Runway's own words with <angle brackets> kept readable in n8n's HTML error popup.
 */
import { startFakeRunway, type FakeRunway } from '../../fakes/runway';
import { run, runFailing } from './setup';
import { binaryOf } from '../setup';

const GATEWAY_TOKEN = 'Bearer gw-token-5c1d9e7a30b4';
const PORTKEY = 'pk-config-81f0a6d2c9e3';
const customHeaders = JSON.stringify({ 'x-gateway-auth': GATEWAY_TOKEN, 'x-portkey-config': PORTKEY });
const TEXT_TO_VIDEO = { operation: 'textToVideo', prompt: 'A paper boat on a river' };

let fake: FakeRunway;
beforeEach(async () => (fake = await startFakeRunway({ videoBytes: 4000 })));
afterEach(async () => await fake.close());

function expectNowhere(value: string, ...texts: unknown[]): void {
	for (const text of texts) expect(JSON.stringify(text)).not.toContain(value);
}

test('sent on every API request, never to the output download, and in no output or log', async () => {
	const { output, test } = await run(fake, TEXT_TO_VIDEO, { credentialData: { customHeaders } });
	expect(binaryOf(output[0]).mimeType).toBe('video/mp4');
	const api = fake.server.requests.filter((r) => r.path.startsWith('/v1/'));
	const downloads = fake.server.requests.filter((r) => !r.path.startsWith('/v1/'));
	expect(api.length).toBeGreaterThanOrEqual(2);
	expect(downloads).toHaveLength(1);
	for (const request of api) expect(request.headers).toMatchObject({ 'x-gateway-auth': GATEWAY_TOKEN, 'x-portkey-config': PORTKEY });
	expect(downloads[0].headers['x-gateway-auth']).toBeUndefined();
	expectNowhere(GATEWAY_TOKEN.slice(7), output, test.logs);
	expectNowhere(PORTKEY, output, test.logs);
});

test.each([
	['not JSON', `{"x-gateway-auth": "${PORTKEY}",}`, /^The Runway credential's Custom Headers is not valid JSON/],
	['an array', `["${PORTKEY}"]`, /^The Runway credential's Custom Headers must be a JSON object/],
	['a bad header name', `{"x gateway": "${PORTKEY}"}`, /^The Runway credential's Custom Headers: "x gateway" is not a valid header name/],
	['a value with a line break', `{"x-gateway-auth": "${PORTKEY}\\nX-Other: 1"}`, /the value of "x-gateway-auth" contains a line break/],
])('Custom Headers that are %s: a clear error before any request, naming the field, showing no value', async (_, headers, message) => {
	const error = await runFailing(fake, TEXT_TO_VIDEO, { credentialData: { customHeaders: headers } });
	expect(error.message).toMatch(message);
	expect(error.message).not.toMatch(/Could not reach/);
	expect(error.description).toMatch(/^Open the Runway credential and fix Custom Headers/);
	expectNowhere(PORTKEY, error.message, error.description);
	expect(fake.server.requests).toHaveLength(0);
	expect(fake.creates).toBe(0);
});

test('a gateway that echoes a header value in its error has it masked, with or without its scheme, also in a continue-on-fail item', async () => {
	const echo = { error: `Bad gateway config: x-gateway-auth=${GATEWAY_TOKEN}; token ${GATEWAY_TOKEN.slice(7)}; portkey ${PORTKEY}` };
	fake.server.inject({ kind: 'status', method: 'POST', path: '/v1/text_to_video', status: 400, body: echo, times: 2 });
	const error = await runFailing(fake, TEXT_TO_VIDEO, { credentialData: { customHeaders } });
	expect(error.message).toBe(
		'Runway refused to create the task (HTTP 400): Bad gateway config: x-gateway-auth=[redacted]; token [redacted]; portkey [redacted]',
	);
	expectNowhere(GATEWAY_TOKEN.slice(7), error.message, error.description, error.context);
	expectNowhere(PORTKEY, error.message, error.description, error.context);

	const { output } = await run(fake, TEXT_TO_VIDEO, { credentialData: { customHeaders }, continueOnFail: true });
	expect(String(output[0].json.error)).toContain('portkey [redacted]');
	expectNowhere(GATEWAY_TOKEN.slice(7), output);
	expectNowhere(PORTKEY, output);
});

test('Runway\'s 401 "Bearer <key>" stays readable in n8n\'s HTML error popup', async () => {
	const error = await runFailing(
		fake,
		{ resource: 'organization', operation: 'getCredits' },
		{ credentialData: { apiKey: `key_${'cd'.repeat(64)}` } },
	);
	expect(error.message).toContain('Send it as "Authorization: Bearer ‹key›"');
	expect(`${error.message} ${error.description}`).not.toMatch(/[<>]/);
});

test('a task failure text with <angle brackets> stays readable too', async () => {
	fake.script([{ status: 'FAILED', failureCode: 'ASSET.INVALID', failure: 'The input <promptImage> could not be read.' }]);
	const error = await runFailing(fake, TEXT_TO_VIDEO);
	expect(error.description).toContain('The input ‹promptImage› could not be read.');
	expect(error.description).not.toMatch(/[<>]/);
});
