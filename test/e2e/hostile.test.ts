/**
 * Both video nodes in a real n8n against hostile servers (test/fakes/hostile.ts): the cases whose outcome
 * depends on n8n-core's own HTTP stack (it follows redirects, and by default carries the credential's headers
 * along), which the in-process harness cannot prove. A Sora gateway answering /content with a 302 to blob
 * storage: the video is fetched there without the key or any Custom Headers value. A Runway task read
 * redirected to another host: not followed; the item keeps the task id. A download that stalls after its
 * headers: an error naming the task, seconds later rather than never.
 */
import { startFakeRunway, type FakeRunway } from '../fakes/runway';
import { startFakeSora, type FakeSora } from '../fakes/sora';
import { holdsSecret, OTHER_HOST_VIDEO_BYTES, redirect, startOtherHost, type OtherHost } from '../fakes/hostile';
import { FIRST_TIMEOUT_MS, PACKAGE, createN8n, nodeOutput, readBinary } from './harness';
import type { N8nE2e, Workflow } from './harness';

// Each test's n8n CLI call waits for the e2e lock all checkouts share: under load that wait alone can pass the usual 3 minutes.
jest.setTimeout(FIRST_TIMEOUT_MS);

const GATEWAY_SECRET = 'gw-secret-e2e-90817263';
const CUSTOM_HEADERS = JSON.stringify({ 'x-gateway-key': GATEWAY_SECRET });

let n8n: N8nE2e;
let sora: FakeSora;
let runway: FakeRunway;
let other: OtherHost;

/** One workflow: a manual trigger and one node of ours. */
function workflow(
	id: string,
	node: { type: string; credentials: Record<string, unknown>; parameters: Record<string, unknown>; onError?: string },
): Workflow {
	return {
		id,
		name: id,
		nodes: [
			{ id: 'trigger', name: 'Run Once', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'video', name: 'Video', typeVersion: 1, position: [200, 0], ...node, type: `${PACKAGE}.${node.type}` },
		],
		connections: { 'Run Once': { main: [[{ node: 'Video', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

const soraCredential = { soraApi: { id: 'hostileSora', name: 'Sora (hostile)' } };
const runwayCredential = { runwayApi: { id: 'hostileRunway', name: 'Runway (hostile)' } };

beforeAll(async () => {
	sora = await startFakeSora({ pollAfterMs: null, videoBytes: 40_000 });
	runway = await startFakeRunway({ videoBytes: 40_000, steps: ['SUCCEEDED'] });
	other = await startOtherHost();
	n8n = createN8n({ N8N_AI_VIDEO_MIN_POLL_SECONDS: '0.2', N8N_AI_VIDEO_DOWNLOAD_IDLE_SECONDS: '1' });
	await n8n.importCredentials([
		{
			id: 'hostileSora',
			name: 'Sora (hostile)',
			type: 'soraApi',
			data: {
				apiKey: sora.apiKey,
				baseUrl: sora.baseUrl,
				authStyle: 'bearer',
				organization: '',
				project: '',
				extraQuery: '',
				customHeaders: CUSTOM_HEADERS,
			},
		},
		{
			id: 'hostileRunway',
			name: 'Runway (hostile)',
			type: 'runwayApi',
			data: { apiKey: runway.apiKey, baseUrl: runway.baseUrl, apiVersion: '2024-11-06', customHeaders: CUSTOM_HEADERS },
		},
	]);
	await n8n.importWorkflows([
		workflow('e2eHostileSora', {
			type: 'soraVideo',
			credentials: soraCredential,
			parameters: { prompt: 'A lighthouse at dusk', pollIntervalSeconds: 0.2 },
		}),
		workflow('e2eHostileRunwayRead', {
			type: 'runwayVideo',
			credentials: runwayCredential,
			parameters: { operation: 'textToVideo', prompt: 'A lighthouse at dusk' },
			onError: 'continueRegularOutput',
		}),
		workflow('e2eHostileRunwayStall', {
			type: 'runwayVideo',
			credentials: runwayCredential,
			parameters: { operation: 'textToVideo', prompt: 'A lighthouse at dusk' },
		}),
	]);
}, FIRST_TIMEOUT_MS);

afterEach(() => {
	sora?.server.clearFaults();
	runway?.server.clearFaults();
});

afterAll(async () => {
	await Promise.all([sora?.close(), runway?.close(), other?.close()]);
	n8n?.cleanup();
});

function expectNothingStolen(): void {
	expect(holdsSecret(other.headerText(), [sora.apiKey, runway.apiKey, GATEWAY_SECRET])).toBe(false);
	for (const request of other.requests) {
		expect([request.path, request.headers.authorization, request.headers['x-gateway-key']]).toEqual([request.path, undefined, undefined]);
	}
}

describe('hostile servers in a real n8n', () => {
	it('Sora: /content redirected to another host is followed without the key or Custom Headers; the video is saved', async () => {
		redirect(sora.server, { method: 'GET', path: /\/content$/, to: `${other.url}/blob/video.mp4?sig=e2e` });
		const run = await n8n.executeWorkflow('e2eHostileSora');
		expect([run.status, run.error?.message, run.error?.description]).toEqual(['success', undefined, undefined]);
		const [item] = nodeOutput(run, 'Video');
		expect(readBinary(n8n.userFolder, item.binary!.data).length).toBe(OTHER_HOST_VIDEO_BYTES);
		expect(other.server.count('GET', '/blob/video.mp4')).toBe(1);
		const content = sora.server.requests.find((r) => r.path.endsWith('/content'))!;
		expect([content.headers.authorization, content.headers['x-gateway-key']]).toEqual([`Bearer ${sora.apiKey}`, GATEWAY_SECRET]);
		expectNothingStolen();
		expect(run.stdout + run.stderr).not.toContain(GATEWAY_SECRET);
	});

	it('Runway: a task read redirected to another host is not followed; the continue-on-fail item keeps the task id', async () => {
		const before = other.requests.length;
		redirect(runway.server, { method: 'GET', path: /^\/v1\/tasks\//, to: `${other.url}/v1/tasks/elsewhere` });
		const run = await n8n.executeWorkflow('e2eHostileRunwayRead');
		const [item] = nodeOutput(run, 'Video');
		const taskId = [...runway.tasks.keys()].at(-1)!;
		expect(item.json.id).toBe(taskId);
		expect(String(item.json.error)).toContain(`redirected the request to ${new URL(other.url).host}`);
		expect(String(item.json.error)).toContain(taskId);
		expect(other.requests.length).toBe(before);
		expectNothingStolen();
	});

	it('Runway: a download that stalls after its headers ends in an error naming the task, not a hung execution', async () => {
		runway.script([{ status: 'SUCCEEDED', output: [`${other.url}/blob/stall.mp4`] }]);
		const started = Date.now();
		const run = await n8n.executeWorkflow('e2eHostileRunwayStall');
		const taskId = [...runway.tasks.keys()].at(-1)!;
		expect(run.status).toBe('error');
		expect(run.error?.message).toContain(`The video of task ${taskId} could not be downloaded`);
		expect(run.error?.description).toMatch(/stalled: no data for 1 s/);
		expect(run.error?.description).toContain(`"Get Task" operation and ID ${taskId}`);
		expect(other.server.count('GET', '/blob/stall.mp4')).toBe(3);
		// Printed, not asserted: how long the stall took to become an error (3 attempts of 1 s idle, plus backoff and n8n's start).
		process.stdout.write(`stalled download ended after ${Date.now() - started} ms (n8n start included)\n`);
		expectNothingStolen();
	});
});
