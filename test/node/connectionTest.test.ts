/**
 * The shared credential-connection check (nodes/shared/n8n/connectionCheck.ts) as n8n runs it for both nodes'
 * `testedBy`, against real HTTP servers: what a user reads when the server is not the API it should be.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { RunwayVideo } from '../../nodes/RunwayVideo/RunwayVideo.node';
import { SoraVideo } from '../../nodes/SoraVideo/SoraVideo.node';
import { nodeCredentialTest } from './sora/credentialTest';

const KEY = `key_${'ab'.repeat(64)}`;
const servers: http.Server[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(async (server) => await new Promise((resolve) => server.close(resolve))));
});

/** A server that answers every request with `answer`, recording the paths it was asked. */
async function serve(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<{ url: string; paths: string[] }> {
	const paths: string[] = [];
	const server = http.createServer((req, res) => {
		paths.push(req.url ?? '');
		answer(req, res);
	});
	servers.push(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths };
}

const runway = async (data: Record<string, unknown>) =>
	await nodeCredentialTest(new RunwayVideo(), 'runwayApi', { apiVersion: '2024-11-06', ...data });
const sora = async (data: Record<string, unknown>) =>
	await nodeCredentialTest(new SoraVideo(), 'soraApi', { authStyle: 'bearer', ...data });

test('both nodes test their credential through testedBy, and a good answer says which request passed', async () => {
	const server = await serve((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
	expect(await runway({ apiKey: KEY, baseUrl: server.url })).toEqual({
		status: 'OK',
		message: 'Connection successful: GET /v1/organization (the account) answered.',
	});
	expect(await sora({ apiKey: KEY, baseUrl: `${server.url}/v1` })).toEqual({
		status: 'OK',
		message: 'Connection successful: GET /videos (the video list) answered.',
	});
	expect(server.paths).toEqual(['/v1/organization', '/v1/videos?limit=1']);
});

test("a status without advice shows the server's own words, without the key a server echoed", async () => {
	const server = await serve((req, res) =>
		res
			.writeHead(500, { 'content-type': 'application/json' })
			.end(JSON.stringify({ error: `upstream refused ${req.headers.authorization}` })),
	);
	const result = await runway({ apiKey: KEY, baseUrl: server.url });
	expect(result.status).toBe('Error');
	expect(result.message).toMatch(/^The server answered HTTP 500: upstream refused Bearer /);
	expect(result.message).not.toContain(KEY.slice(4, 40));
});

test('a redirect is not followed (the key would go with it): its status is the answer', async () => {
	const elsewhere = await serve((_, res) => res.writeHead(200).end('{}'));
	const server = await serve((_, res) => res.writeHead(302, { location: `${elsewhere.url}/v1/organization` }).end());
	const result = await runway({ apiKey: KEY, baseUrl: server.url });
	expect(result).toEqual({ status: 'Error', message: 'The server answered HTTP 302' });
	expect(elsewhere.paths).toEqual([]);
});

test('a Base URL that is not a web address, and a server that does not answer, are said plainly', async () => {
	expect(await runway({ apiKey: KEY, baseUrl: 'api.dev.runwayml.com' })).toEqual({
		status: 'Error',
		message:
			"Base URL is not a web address. Base URL is Runway's address without /v1: https://api.dev.runwayml.com, or your gateway's prefix.",
	});
	const closed = await serve(() => undefined);
	await new Promise((resolve) => servers.pop()!.close(resolve));
	const result = await sora({ apiKey: KEY, baseUrl: `${closed.url}/v1` });
	expect(result.status).toBe('Error');
	expect(result.message).toMatch(/^Could not reach the server: .*ECONNREFUSED/);
});

test('Sora falls back to GET /models where the server lists no videos, and says so', async () => {
	const server = await serve((req, res) =>
		req.url?.startsWith('/v1/videos') ? res.writeHead(405).end('{"detail":"Method Not Allowed"}') : res.writeHead(200).end('{"data":[]}'),
	);
	const result = await sora({ apiKey: KEY, baseUrl: `${server.url}/v1` });
	expect(result).toEqual({
		status: 'OK',
		message: expect.stringMatching(
			/^Connection successful: GET \/models answered with this key\. .*HTTP 405\), so the List operation will not work here/,
		),
	});
	expect(server.paths).toEqual(['/v1/videos?limit=1', '/v1/models']);
});
