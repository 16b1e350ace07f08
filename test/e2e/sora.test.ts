/**
 * The Sora Video node's newer operations in a real n8n 2.x, against a fake Sora that behaves like a gateway
 * wanting a header of its own (Cloudflare AI Gateway's cf-aig-authorization, sent from the credential's
 * Custom Headers): example 06 as shipped (Generate, then Extend by ID, then the file written), Edit with the
 * video uploaded from n8n's binary data (after a Generate saved with a plain model string), a failed extension
 * with continue-on-fail, and every operation with its defaults plus a prompt, an ID or a name. Checked: the run JSON, what the fake received, the file on disk, and that neither
 * the key nor the gateway header's value shows anywhere in n8n's output.
 */
import * as fs from 'fs';
import * as path from 'path';

import { CREDENTIAL_IDS, loadExamples, type ExampleWorkflow } from '../../scripts/fakes';
import { demoVideo } from '../fakes/common/video';
import { startFakeSora, type FakeSora } from '../fakes/sora';
import { readMp4 } from '../helpers/mp4';
import { FIRST_TIMEOUT_MS, TIMEOUT_MS, createN8n, nodeOutput, readBinary } from './harness';
import type { N8nE2e, RunResult, Workflow } from './harness';

jest.setTimeout(TIMEOUT_MS);

const GATEWAY_HEADER = 'cf-aig-authorization';
const GATEWAY_TOKEN = 'Bearer cf-gateway-token-5e8a1c0d7b3f';

let n8n: N8nE2e;
let sora: FakeSora;
let outputDir: string;
let example: ExampleWorkflow;
const outputs: string[] = [];

function clone<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

function node(workflow: ExampleWorkflow, name: string): ExampleWorkflow['nodes'][number] {
	const found = workflow.nodes.find((n) => n.name === name);
	if (!found) throw new Error(`${workflow.id} has no node "${name}"`);
	return found;
}

/** Example 06 cut after `lastNode`, with a new id and `change` applied. */
function variant(id: string, lastNode: string, change: (w: ExampleWorkflow) => void): ExampleWorkflow {
	const w = clone(example);
	w.id = id;
	w.name = `e2e ${id}`;
	const order = ['Run Once', 'Generate', 'Extend', 'Write Video File'];
	const keep = new Set(order.slice(0, order.indexOf(lastNode) + 1));
	w.nodes = w.nodes.filter((n) => keep.has(n.name) || n.type === 'n8n-nodes-base.stickyNote');
	w.connections = Object.fromEntries(Object.entries(w.connections).filter(([from]) => keep.has(from) && from !== lastNode));
	change(w);
	return w;
}

async function run(id: string): Promise<RunResult> {
	const result = await n8n.executeWorkflow(id);
	outputs.push(result.stdout + result.stderr);
	return result;
}

beforeAll(async () => {
	sora = await startFakeSora({ pollAfterMs: 200, requiredHeaders: { [GATEWAY_HEADER]: GATEWAY_TOKEN } });
	n8n = createN8n({ N8N_AI_VIDEO_MIN_POLL_SECONDS: '0.2' });
	outputDir = path.join(n8n.userFolder, 'written');
	fs.mkdirSync(outputDir);
	const found = loadExamples(outputDir).find((e) => e.workflow.id === 'aiv06SoraExtend');
	if (!found) throw new Error('examples/06-sora-generate-then-extend.json is missing');
	example = found.workflow;

	const variants = [
		// Edit with the generated video uploaded from n8n's binary data; Generate saved with a plain model string,
		// as workflows were before Model became a list
		variant('e2eSoraEditUpload', 'Extend', (w) => {
			Object.assign(node(w, 'Generate').parameters, { model: 'sora-2-pro', size: '1792x1024' });
			Object.assign(node(w, 'Extend').parameters, {
				operation: 'edit',
				videoSource: 'binary',
				videoBinaryPropertyName: 'data',
				prompt: 'Make it snow',
			});
		}),
		// the extension fails; continue-on-fail keeps the whole error in the item
		variant('e2eSoraExtendFails', 'Extend', (w) => {
			node(w, 'Extend').onError = 'continueRegularOutput';
		}),
	];
	// Every operation in one run, each with its defaults plus what it cannot do without (a prompt, an ID, a name).
	const every = (name: string, parameters: Record<string, unknown>, x: number) => ({
		id: `every-${name}`,
		name,
		type: 'n8n-nodes-ai-video.soraVideo',
		typeVersion: 1,
		position: [x, 0],
		credentials: { soraApi: { id: CREDENTIAL_IDS.sora, name: 'Sora API (local fake)' } },
		parameters,
	});
	const firstId = "={{ $('Generate').item.json.id }}";
	const chain = [
		every('Generate', { prompt: 'A lighthouse at dusk' }, 200),
		every('Get', { operation: 'get', videoId: '={{ $json.id }}' }, 400),
		every('Download', { operation: 'download', videoId: '={{ $json.id }}' }, 600),
		every('Create Character', { operation: 'createCharacter', characterName: 'Captain Fox' }, 800),
		every('Get Character', { operation: 'getCharacter', characterId: '={{ $json.id }}' }, 1000),
		every('Remix', { operation: 'remix', videoId: firstId, prompt: 'At night' }, 1200),
		every('Edit', { operation: 'edit', videoId: firstId, prompt: 'In snow' }, 1400),
		every('Extend', { operation: 'extend', videoId: firstId, prompt: 'Then rain' }, 1600),
		every('Delete', { operation: 'delete', videoId: firstId }, 1800),
		every('List', { operation: 'list' }, 2000),
	];
	const names = ['Run Once', ...chain.map((n) => n.name)];
	const everyOperation: Workflow = {
		id: 'e2eSoraEveryOp',
		name: 'e2e every Sora operation with its defaults',
		nodes: [
			{ id: 'every-trigger', name: 'Run Once', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			...chain,
		],
		connections: Object.fromEntries(
			names.slice(0, -1).map((from, i) => [from, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
		),
		settings: { executionOrder: 'v1' },
	};
	variants.push(everyOperation as unknown as ExampleWorkflow);

	await n8n.importCredentials([
		{
			id: CREDENTIAL_IDS.sora,
			name: 'Sora API (local fake)',
			type: 'soraApi',
			data: {
				apiKey: sora.apiKey,
				baseUrl: sora.baseUrl,
				authStyle: 'bearer',
				organization: '',
				project: '',
				extraQuery: '',
				customHeaders: JSON.stringify({ [GATEWAY_HEADER]: GATEWAY_TOKEN }),
			},
		},
	]);
	await n8n.importWorkflows([example, ...variants] as Workflow[]);
}, FIRST_TIMEOUT_MS);

afterAll(async () => {
	await sora?.close();
	n8n?.cleanup();
});

describe('Sora Video in a real n8n, through a gateway that wants its own header', () => {
	it('06: Generate, then Extend by ID: the stitched 8-second video (the clip, then its extension) is downloaded and written to disk', async () => {
		const r = await run('aiv06SoraExtend');
		expect(r.error?.message).toBeUndefined();
		expect(r.status).toBe('success');
		const generated = [...sora.videos.values()].find((v) => v.kind === 'create')!;
		const extension = [...sora.videos.values()].find((v) => v.kind === 'extend')!;
		expect(generated.fields).toEqual({ prompt: expect.any(String), model: 'sora-2', size: '1280x720', seconds: '4' });
		expect(extension).toMatchObject({ encoding: 'json', sourceVideoId: generated.id, seconds: '8' });
		expect(extension.fields).toEqual({
			prompt: 'The boat reaches a lit harbour as the rain stops',
			seconds: '4',
			video: { id: generated.id },
		});

		const [item] = nodeOutput(r, 'Extend');
		expect(item.json).toMatchObject({
			id: extension.id,
			status: 'completed',
			seconds: '8',
			sourceVideo: { source: 'id', id: generated.id },
		});
		const video = readBinary(n8n.userFolder, item.binary!.data);
		// what the sticky note promises: 1280×720, the 4 s clip continued by 4 s, each part made from its own prompt
		const mp4 = readMp4(video);
		expect({ width: mp4.width, height: mp4.height, seconds: mp4.durationSeconds }).toEqual({ width: 1280, height: 720, seconds: 8 });
		const parts = [
			{ prompt: String(generated.fields.prompt), seconds: 4 },
			{ prompt: String(extension.fields.prompt), seconds: 4 },
		];
		expect(video.equals(await demoVideo({ width: 1280, height: 720, segments: parts }))).toBe(true);
		const [written] = nodeOutput(r, 'Write Video File');
		expect(fs.readFileSync(String(written.json.fileName)).equals(video)).toBe(true);
	});

	it("Edit uploads the video from n8n's binary data as a video file part; a plain saved model string still works", async () => {
		const r = await run('e2eSoraEditUpload');
		expect(r.status).toBe('success');
		const [generated] = nodeOutput(r, 'Generate');
		expect(generated.json).toMatchObject({ model: 'sora-2-pro', size: '1792x1024', status: 'completed' });
		const uploaded = readBinary(n8n.userFolder, generated.binary!.data);
		const edit = [...sora.videos.values()].filter((v) => v.kind === 'edit').pop()!;
		expect(edit.videoUpload).toEqual({
			filename: String(generated.binary!.data.fileName),
			contentType: 'video/mp4',
			bytes: uploaded.length,
		});
		expect(edit.fields.prompt).toBe('Make it snow');
		const [item] = nodeOutput(r, 'Extend');
		expect(item.json).toMatchObject({ id: edit.id, status: 'completed', sourceVideo: { source: 'binary', bytes: uploaded.length } });
		expect(item.binary!.data.mimeType).toBe('video/mp4');
	});

	it('a failed extension with continue-on-fail: the item keeps the whole error and says why', async () => {
		sora.script(['queued', 'completed']);
		sora.script(['queued', { status: 'failed', error: { code: 'moderation_blocked', message: 'The extension was blocked.' } }]);
		const r = await run('e2eSoraExtendFails');
		expect(r.status).toBe('success');
		const [item] = nodeOutput(r, 'Extend');
		expect(item.json).toMatchObject({ status: 'failed', error: { code: 'moderation_blocked', message: 'The extension was blocked.' } });
		expect(String(item.json.errorMessage)).toMatch(/failed: The extension was blocked\. \[moderation_blocked\]/);
		expect(item.binary).toBeUndefined();
	});

	it("every operation with its defaults plus a prompt, an ID or a name sends only requests the SDK's contract accepts", async () => {
		const before = sora.server.requests.length;
		const r = await run('e2eSoraEveryOp');
		expect(r.error?.message).toBeUndefined();
		expect(r.status).toBe('success');
		const requests = sora.server.requests.slice(before);
		const refused = requests
			.filter((request) => request.status >= 400)
			.map((request) => `${request.method} ${request.path} -> ${request.status}`);
		expect(refused).toEqual([]);
		const routes = new Set(requests.map((request) => `${request.method} ${request.path.replace(/\/(video|char)_\w+/, '/{id}')}`));
		expect([...routes].sort()).toEqual(
			[
				'POST /v1/videos',
				'GET /v1/videos/{id}',
				'GET /v1/videos/{id}/content',
				'POST /v1/videos/characters',
				'GET /v1/videos/characters/{id}',
				'POST /v1/videos/{id}/remix',
				'POST /v1/videos/edits',
				'POST /v1/videos/extensions',
				'DELETE /v1/videos/{id}',
				'GET /v1/videos',
			].sort(),
		);
		expect(nodeOutput(r, 'Get Character')[0].json).toMatchObject({ name: 'Captain Fox' });
		expect(nodeOutput(r, 'Delete')[0].json).toMatchObject({ object: 'video.deleted', deleted: true });
		const generated = nodeOutput(r, 'Generate')[0].json;
		expect(generated).toMatchObject({ model: 'sora-2', size: '720x1280', seconds: '4', status: 'completed' });
	});

	it('every request carried the gateway header; neither it nor the key shows in any output', () => {
		expect(sora.server.requests.length).toBeGreaterThan(10);
		for (const request of sora.server.requests) expect(request.headers[GATEWAY_HEADER]).toBe(GATEWAY_TOKEN);
		const all = outputs.join('\n');
		expect(all).not.toContain(sora.apiKey);
		expect(all).not.toContain(GATEWAY_TOKEN.slice('Bearer '.length));
	});
});
