/**
 * Sora Video in a real n8n 2.x through the fake Sora in LiteLLM 1.82.1 mode (test/fakes/soraGateway.ts): ids
 * of the gateway's own in base64, a different id on every read that must not be used again, 405 for what it
 * lacks, a list it cannot serve. Generate (text, and with a binary photo) waits and downloads; Get and Download
 * by the create's id work, and Get by the id a Get put out; Delete fails with a clear message; and the
 * credential test, run by n8n's own REST API as the editor's "Test" does, passes on GET /models.
 */
import * as childProcess from 'node:child_process';

import { startFakeSora, type FakeSora } from '../fakes/sora';
import { unwrapGatewayId } from '../fakes/soraGateway';
import { FIRST_TIMEOUT_MS, TIMEOUT_MS, createN8n, nodeOutput, readBinary } from './harness';
import type { N8nE2e, RunResult, Workflow } from './harness';

const script = require('../../scripts/n8n.js') as {
	ensureN8n(): Promise<{ nodeBin: string; n8nBin: string }>;
	installPackage(opts: { userFolder: string; L: unknown; quiet: boolean }): Promise<void>;
	n8nEnv(opts: { userFolder: string; allowLoopback: boolean; extra: Record<string, string> }): Promise<Record<string, string>>;
	freePort(): Promise<number>;
	REPO_ROOT: string;
};
const setup = require('../../scripts/setup.js') as {
	ownerEnv(L: unknown): { env: Record<string, string>; owner: { email: string; password: string } };
};

jest.setTimeout(TIMEOUT_MS);

const CREDENTIAL = { id: 'gatewaySora', name: 'Sora via LiteLLM (fake)' };

let n8n: N8nE2e;
let gateway: FakeSora;

interface Node {
	id: string;
	name: string;
	[key: string]: unknown;
}

function sora(name: string, x: number, parameters: Record<string, unknown>, extra: Partial<Node> = {}): Node {
	return {
		id: `gw-${name}`,
		name,
		type: 'n8n-nodes-ai-video.soraVideo',
		typeVersion: 1,
		position: [x, 0],
		credentials: { soraApi: CREDENTIAL },
		parameters,
		...extra,
	} as Node;
}

/** A workflow that runs `nodes` one after the other from a manual trigger. */
function chain(id: string, nodes: Node[]): Workflow {
	const trigger = {
		id: `${id}-trigger`,
		name: 'Run Once',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	} as Node;
	const all = [trigger, ...nodes.map((n) => ({ ...n, id: `${id}-${n.id}` }))];
	const names = all.map((n) => n.name);
	return {
		id,
		name: `e2e ${id}`,
		nodes: all,
		connections: Object.fromEntries(
			names.slice(0, -1).map((from, i) => [from, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
		),
		settings: { executionOrder: 'v1' },
	} as Workflow;
}

const poll = { pollIntervalSeconds: 0.2 };

beforeAll(async () => {
	gateway = await startFakeSora({ gateway: 'litellm' });
	n8n = createN8n({ N8N_AI_VIDEO_MIN_POLL_SECONDS: '0.2' });
	await n8n.importCredentials([
		{
			...CREDENTIAL,
			type: 'soraApi',
			data: {
				apiKey: gateway.apiKey,
				baseUrl: gateway.baseUrl,
				authStyle: 'bearer',
				organization: '',
				project: '',
				extraQuery: '',
				customHeaders: '',
			},
		},
	]);
	const readPhoto = {
		id: 'read',
		name: 'Read Photo',
		type: 'n8n-nodes-base.readWriteFile',
		typeVersion: 1.1,
		position: [200, 0],
		parameters: { operation: 'read', fileSelector: 'examples/assets/sample-photo.jpg', options: {} },
	} as Node;
	await n8n.importWorkflows([
		chain('e2eGwText', [sora('Generate', 200, { prompt: 'A paper boat', size: '1280x720', ...poll })]),
		chain('e2eGwPhoto', [readPhoto, sora('Generate', 400, { prompt: 'The photo comes alive', referenceImage: 'binary', ...poll })]),
		chain('e2eGwLater', [
			sora('Generate', 200, { prompt: 'A lighthouse', waitForCompletion: false }),
			sora('Get', 400, { operation: 'get', videoId: '={{ $json.id }}', download: false }),
			sora('Get Again', 600, { operation: 'get', videoId: '={{ $json.id }}' }),
			sora('Download', 800, { operation: 'download', videoId: "={{ $('Generate').item.json.id }}" }),
		]),
		chain('e2eGwDelete', [sora('Delete', 200, { operation: 'delete', videoId: 'video_bGl0ZWxsbTp4' })]),
	]);
}, FIRST_TIMEOUT_MS);

afterAll(async () => {
	await gateway?.close();
	n8n?.cleanup();
});

async function run(id: string): Promise<RunResult> {
	return await n8n.executeWorkflow(id);
}

describe('Sora Video in a real n8n, through a LiteLLM-like gateway', () => {
	it("Generate (text) waits and downloads, with the create's id throughout", async () => {
		const r = await run('e2eGwText');
		expect(r.error?.message).toBeUndefined();
		const [item] = nodeOutput(r, 'Generate');
		const id = String(item.json.id);
		expect(unwrapGatewayId(id)?.model).toBe('sora-2');
		expect(id).toMatch(/[/+=]/);
		expect(item.json).toMatchObject({ status: 'completed', serverId: expect.stringMatching(/^video_/) });
		expect(item.json.serverId).not.toBe(id);
		expect(readBinary(n8n.userFolder, item.binary!.data).subarray(4, 8).toString('latin1')).toBe('ftyp');
		const later = gateway.server.requests.filter((req) => req.method === 'GET' && req.path.startsWith('/v1/videos/'));
		for (const req of later) expect(decodeURIComponent(req.path.split('/')[3])).toBe(id);
	});

	it('Generate with a binary photo sends it as the file and downloads the video', async () => {
		const r = await run('e2eGwPhoto');
		expect(r.error?.message).toBeUndefined();
		const [item] = nodeOutput(r, 'Generate');
		expect(gateway.record(String(item.json.id))).toMatchObject({
			encoding: 'multipart',
			inputReference: { source: 'file', width: 720, height: 1280 },
		});
		expect(item.binary!.data.mimeType).toBe('video/mp4');
	});

	it("Get and Download by the create's id, and Get by the id a Get put out", async () => {
		const r = await run('e2eGwLater');
		expect(r.error?.message).toBeUndefined();
		const createId = String(nodeOutput(r, 'Generate')[0].json.id);
		expect(nodeOutput(r, 'Get')[0].json).toMatchObject({ id: createId });
		expect(nodeOutput(r, 'Get Again')[0].json).toMatchObject({ id: createId });
		const [downloaded] = nodeOutput(r, 'Download');
		expect(downloaded.json).toMatchObject({ id: createId, status: 'completed' });
		expect(downloaded.binary!.data.mimeType).toBe('video/mp4');
	});

	it('Delete on a gateway without it fails with the clear message', async () => {
		const r = await run('e2eGwDelete');
		expect(r.status).toBe('error');
		expect(r.error?.message).toBe(`The server at ${gateway.baseUrl} does not offer Delete (HTTP 405)`);
	});

	it(
		"the credential test, run by n8n's REST API as the editor's Test button does, passes on GET /models",
		async () => {
			const L = await script.ensureN8n();
			const { env: ownerEnv, owner } = setup.ownerEnv(L);
			await script.installPackage({ userFolder: n8n.userFolder, L, quiet: true });
			const port = await script.freePort();
			const env = await script.n8nEnv({
				userFolder: n8n.userFolder,
				allowLoopback: true,
				extra: {
					N8N_PORT: String(port),
					N8N_LISTEN_ADDRESS: '127.0.0.1',
					N8N_LOG_LEVEL: 'error',
					N8N_DISABLED_MODULES: 'mcp-registry,instance-ai',
					N8N_VERIFIED_PACKAGES_ENABLED: 'false',
					...ownerEnv,
				},
			});
			const child = childProcess.spawn(L.nodeBin, [L.n8nBin, 'start'], { cwd: script.REPO_ROOT, env, stdio: 'ignore' });
			const exited = new Promise((resolve) => child.on('close', resolve));
			try {
				const base = `http://127.0.0.1:${port}`;
				for (let ready = false; !ready;) {
					ready = await fetch(`${base}/healthz/readiness`).then(
						(res) => res.status === 200,
						() => false,
					);
					if (!ready) await new Promise((resolve) => setTimeout(resolve, 500));
				}
				const headers: Record<string, string> = { 'content-type': 'application/json', 'browser-id': 'e2e-browser' };
				const login = await fetch(`${base}/rest/login`, {
					method: 'POST',
					headers,
					body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
				});
				expect(login.status).toBe(200);
				headers.cookie = login.headers.get('set-cookie')!.split(';')[0];
				const before = gateway.server.requests.length;
				const test = async (data: Record<string, string>) => {
					const res = await fetch(`${base}/rest/credentials/test`, {
						method: 'POST',
						headers,
						body: JSON.stringify({ credentials: { ...CREDENTIAL, type: 'soraApi', data } }),
					});
					expect(res.status).toBe(200);
					return ((await res.json()) as { data: { status: string; message: string } }).data;
				};
				const data = {
					apiKey: gateway.apiKey,
					baseUrl: gateway.baseUrl,
					authStyle: 'bearer',
					organization: '',
					project: '',
					extraQuery: '',
					customHeaders: '',
				};
				const ok = await test(data);
				expect(ok).toEqual({
					status: 'OK',
					message: expect.stringMatching(/^Connection successful: GET \/models answered.*GET \/videos answered HTTP 400/),
				});
				expect(gateway.server.requests.slice(before).map((req) => `${req.method} ${req.path}`)).toEqual([
					'GET /v1/videos',
					'GET /v1/models',
				]);
				const wrong = await test({ ...data, apiKey: 'sk-wrong-key-0000' });
				expect(wrong).toMatchObject({
					status: 'Error',
					message: expect.stringMatching(/^The server did not accept the API key \(HTTP 401\)/),
				});
			} finally {
				child.kill('SIGTERM');
				await exited;
			}
		},
		FIRST_TIMEOUT_MS,
	);
});
