/**
 * Runway Video in a real n8n 2.x against the fake Runway (which enforces the pinned @runwayml/sdk's contract):
 * every model of the three generation endpoints creates a task with the node's defaults plus a prompt (a
 * portrait photo or a video where the endpoint takes one), each body equal to the SDK-typed one; Video to HDR,
 * Avatar Video and Generate with a Model Router create, wait and download, their bodies the SDK-typed ones too;
 * and example 07 (photo → video → Video to Video) delivers both videos with their estimated and charged
 * credits, the node logging each task id before it waits.
 */
import * as fs from 'fs';
import * as path from 'path';
import sharp from 'sharp';

import { modelsFor } from '../../nodes/RunwayVideo/models/table';
import type { Endpoint } from '../../nodes/RunwayVideo/models/types';
import { ENDPOINT_PATHS } from '../../nodes/RunwayVideo/models/types';
import { fakeCredentials, loadExamples, startFakes, type ExampleWorkflow, type Fakes } from '../../scripts/fakes';
import { DEFAULT_BODIES_V1, IMAGE, NEW_OPERATION_BODIES, PROMPT, ROUTER_CONFIG, SPEECH, VIDEO } from '../contract/runwayBodies';
import { readMp4 } from '../helpers/mp4';
import { smallVideo } from '../helpers/videos';
import { FIRST_TIMEOUT_MS, PACKAGE, TIMEOUT_MS, createN8n, nodeOutput, readBinary } from './harness';
import type { N8nE2e, RunResult, Workflow } from './harness';

jest.setTimeout(TIMEOUT_MS);

let n8n: N8nE2e;
let fakes: Fakes;
let inputDir: string;
let example07: ExampleWorkflow;

const ENDPOINTS: Endpoint[] = ['imageToVideo', 'textToVideo', 'videoToVideo'];
const nodeName = (endpoint: Endpoint, model: string) => `${endpoint} ${model}`;

/** One workflow, one Runway node per model (defaults plus a prompt, no waiting), fed a portrait photo or a video. */
function everyModelWorkflow(): Workflow {
	const credentials = { runwayApi: { id: 'fakeRunway', name: 'Runway API (local fake)' } };
	const nodes: Array<Record<string, unknown>> = [
		{ id: 'trigger', name: 'Run Once', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
	];
	const connections: Record<string, { main: Array<Array<{ node: string; type: string; index: number }>> }> = {};
	const link = (from: string, to: string) => {
		connections[from] ??= { main: [[]] };
		connections[from].main[0].push({ node: to, type: 'main', index: 0 });
	};
	const inputs: Partial<Record<Endpoint, string>> = { imageToVideo: 'Read Portrait Photo', videoToVideo: 'Read Video' };
	const files: Record<string, string> = { 'Read Portrait Photo': 'portrait.jpg', 'Read Video': 'clip.mp4' };
	for (const [name, file] of Object.entries(files)) {
		nodes.push({
			id: name,
			name,
			type: 'n8n-nodes-base.readWriteFile',
			typeVersion: 1.1,
			position: [200, 0],
			parameters: { operation: 'read', fileSelector: `${inputDir.split(path.sep).join('/')}/${file}`, options: {} },
		});
		link('Run Once', name);
	}
	ENDPOINTS.forEach((endpoint, column) => {
		modelsFor(endpoint).forEach((model, row) => {
			const name = nodeName(endpoint, model);
			nodes.push({
				id: name,
				name,
				type: `${PACKAGE}.runwayVideo`,
				typeVersion: 1,
				position: [400 + column * 200, row * 120],
				credentials,
				parameters: { operation: endpoint, model, prompt: PROMPT, waitForCompletion: false },
			});
			link(inputs[endpoint] ?? 'Run Once', name);
		});
	});
	return { id: 'e2eRunwayEveryModel', name: 'e2e Runway every model', nodes, connections, settings: { executionOrder: 'v1' } };
}

/** Video to HDR (ProRes), Avatar Video and the Model Router, each waiting for its task and downloading it. */
function newOperationsWorkflow(): Workflow {
	const credentials = { runwayApi: { id: 'fakeRunway', name: 'Runway API (local fake)' } };
	const runway = (name: string, y: number, parameters: Record<string, unknown>, typeVersion = 1) => ({
		id: name,
		name,
		type: `${PACKAGE}.runwayVideo`,
		typeVersion,
		position: [400, y],
		credentials,
		parameters: { pollIntervalSeconds: 1, ...parameters },
	});
	return {
		id: 'e2eRunwayNewOps',
		name: 'e2e Runway Video to HDR, Avatar Video, Model Router',
		nodes: [
			{ id: 'trigger', name: 'Run Once', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'read',
				name: 'Read Video',
				type: 'n8n-nodes-base.readWriteFile',
				typeVersion: 1.1,
				position: [200, 0],
				parameters: { operation: 'read', fileSelector: `${inputDir.split(path.sep).join('/')}/clip.mp4`, options: {} },
			},
			runway('Video to HDR', 0, { operation: 'videoToHdr', outputFormat: 'hdr_prores', options: { proresProfile: '4444' } }),
			runway('Avatar Video', 150, {
				operation: 'avatarVideo',
				avatarType: 'custom',
				avatarId: 'av_123',
				speechText: SPEECH,
				voiceType: 'preset',
				voicePreset: 'clara',
			}),
			runway('Model Router', 300, { operation: 'generateVideo', configId: ROUTER_CONFIG, prompt: PROMPT }),
			// Version 1.1: each operation's own Model parameter, its new defaults (60 fps; no Video to Video duration).
			runway('Upscale 1.1', 450, { operation: 'upscaleVideo', upscaleVideoModel: 'enhance_frame_rate', waitForCompletion: false }, 1.1),
			runway(
				'Restyle 1.1',
				600,
				{ operation: 'videoToVideo', videoToVideoModel: 'seedance2', prompt: PROMPT, waitForCompletion: false },
				1.1,
			),
			runway('Text 1.1', 750, { operation: 'textToVideo', textToVideoModel: 'veo3.1', prompt: PROMPT, waitForCompletion: false }, 1.1),
		],
		connections: {
			'Run Once': {
				main: [
					[
						{ node: 'Read Video', type: 'main', index: 0 },
						{ node: 'Avatar Video', type: 'main', index: 0 },
						{ node: 'Model Router', type: 'main', index: 0 },
						{ node: 'Text 1.1', type: 'main', index: 0 },
					],
				],
			},
			'Read Video': {
				main: [
					[
						{ node: 'Video to HDR', type: 'main', index: 0 },
						{ node: 'Upscale 1.1', type: 'main', index: 0 },
						{ node: 'Restyle 1.1', type: 'main', index: 0 },
					],
				],
			},
		},
		settings: { executionOrder: 'v1' },
	};
}

/** The body with its media URIs replaced by the placeholders the SDK-typed bodies use. */
function placeholders(body: Record<string, unknown>): Record<string, unknown> {
	const out = { ...body };
	if (typeof out.promptImage === 'string') out.promptImage = IMAGE;
	for (const field of ['promptVideo', 'videoUri']) if (typeof out[field] === 'string') out[field] = VIDEO;
	return out;
}

beforeAll(async () => {
	fakes = await startFakes({ ports: { sora: 0, runway: 0, telegram: 0 } });
	n8n = createN8n({ N8N_AI_VIDEO_MIN_POLL_SECONDS: '0.2' });
	inputDir = path.join(n8n.userFolder, 'inputs');
	const outputDir = path.join(n8n.userFolder, 'written');
	fs.mkdirSync(inputDir);
	fs.mkdirSync(outputDir);
	const portrait = await sharp(path.join(__dirname, '../../examples/assets/sample-photo.jpg'))
		.resize(1200, 1600, { fit: 'cover' })
		.jpeg()
		.toBuffer();
	fs.writeFileSync(path.join(inputDir, 'portrait.jpg'), portrait);
	fs.writeFileSync(path.join(inputDir, 'clip.mp4'), smallVideo(64 * 1024));
	const found = loadExamples(outputDir).find((e) => e.workflow.id === 'aiv07RunwayV2V');
	if (!found) throw new Error('example 07 is missing');
	example07 = found.workflow;
	await n8n.importCredentials(fakeCredentials(fakes));
	await n8n.importWorkflows([everyModelWorkflow(), newOperationsWorkflow(), example07 as Workflow]);
}, FIRST_TIMEOUT_MS);

afterAll(async () => {
	await fakes?.close();
	n8n?.cleanup();
});

describe('Runway Video in a real n8n', () => {
	let run: RunResult;

	it('every model of image, text and video to video creates a task with its defaults plus a prompt', async () => {
		const before = fakes.runway.creates;
		run = await n8n.executeWorkflow('e2eRunwayEveryModel');
		expect([run.status, run.error?.message, run.error?.description]).toEqual(['success', undefined, undefined]);
		const models = ENDPOINTS.flatMap((endpoint) => modelsFor(endpoint).map((model) => [endpoint, model] as const));
		expect(models).toHaveLength(16 + 15 + 8);
		expect(fakes.runway.creates).toBe(before + models.length);
		for (const [endpoint, model] of models) {
			const [item] = nodeOutput(run, nodeName(endpoint, model));
			expect([model, item.json]).toEqual([
				model,
				expect.objectContaining({ model, status: 'PENDING', estimatedCost: { credits: expect.any(Number) } }),
			]);
			const task = fakes.runway.tasks.get(String(item.json.id));
			expect(task?.endpoint).toBe(ENDPOINT_PATHS[endpoint]);
			expect([model, placeholders(task!.body)]).toEqual([model, DEFAULT_BODIES_V1[endpoint as keyof typeof DEFAULT_BODIES_V1][model]]);
		}
	});

	let newOps: RunResult;

	it('Video to HDR, Avatar Video and a Model Router: each creates a task with the SDK-typed body, waits, downloads, says its cost', async () => {
		const result = (newOps = await n8n.executeWorkflow('e2eRunwayNewOps'));
		expect([result.status, result.error?.message, result.error?.description]).toEqual(['success', undefined, undefined]);
		const cases = [
			['Video to HDR', NEW_OPERATION_BODIES.videoToHdrProres, 'video/quicktime', 'ruby'],
			['Avatar Video', NEW_OPERATION_BODIES.avatarVideoVoice, 'video/mp4', 'gwm1_avatars'],
			['Model Router', NEW_OPERATION_BODIES.generateVideo, 'video/mp4', 'gen4.5'],
		] as const;
		for (const [node, body, mimeType, model] of cases) {
			const [item] = nodeOutput(result, node);
			const task = fakes.runway.tasks.get(String(item.json.id))!;
			expect([node, placeholders(task.body)]).toEqual([node, body]);
			expect([node, item.json]).toEqual([node, expect.objectContaining({ model, status: 'SUCCEEDED', cost: { credits: task.credits } })]);
			expect([node, item.binary?.data]).toEqual([
				node,
				expect.objectContaining({ mimeType, fileName: expect.stringContaining(`runway-${model}-${task.id}.`) }),
			]);
			expect(readBinary(n8n.userFolder, item.binary!.data).length).toBeGreaterThan(1000);
		}
	});

	it('version 1.1 nodes read their own Model parameters and send its defaults', () => {
		const body = (node: string) => placeholders(fakes.runway.tasks.get(String(nodeOutput(newOps, node)[0].json.id))!.body);
		expect(body('Upscale 1.1')).toEqual({ model: 'enhance_frame_rate', targetFramerate: '60', videoUri: VIDEO });
		expect(body('Restyle 1.1')).toEqual({ model: 'seedance2', promptVideo: VIDEO, promptText: PROMPT });
		expect(body('Text 1.1')).toEqual({ model: 'veo3.1', promptText: PROMPT, ratio: '1280:720', duration: 8 });
	});

	it('example 07: photo → video → Video to Video, both downloaded, credits estimated and charged, task ids logged before waiting', async () => {
		const result = await n8n.executeWorkflow('aiv07RunwayV2V');
		expect([result.status, result.error?.message, result.error?.description]).toEqual(['success', undefined, undefined]);
		const [animated] = nodeOutput(result, 'Animate Photo');
		const [restyled] = nodeOutput(result, 'Restyle Video');
		const animateTask = fakes.runway.tasks.get(String(animated.json.id))!;
		const restyleTask = fakes.runway.tasks.get(String(restyled.json.id))!;
		expect(restyleTask).toMatchObject({ endpoint: 'video_to_video', model: 'aleph2' });
		// the first task's video is what the second received
		expect(restyleTask.images).toEqual([
			expect.objectContaining({ kind: 'video', bytes: readBinary(n8n.userFolder, animated.binary!.data).length }),
		]);
		expect(restyled.json).toMatchObject({
			status: 'SUCCEEDED',
			cost: { credits: restyleTask.credits },
			estimatedCost: { credits: restyleTask.credits },
		});
		expect(restyled.binary?.data).toMatchObject({ mimeType: 'video/mp4', fileName: `runway-aleph2-${restyleTask.id}.mp4` });
		// the photo's 4:3 shape for 5 s, as asked; Aleph 2 gives no ratio or duration, so its video follows the input's
		const shape = (bytes: Buffer) => {
			const mp4 = readMp4(bytes);
			return { width: mp4.width, height: mp4.height, seconds: mp4.durationSeconds };
		};
		expect(animateTask.body).toMatchObject({ ratio: '1104:832', duration: 5 });
		expect(restyleTask.body.ratio).toBeUndefined();
		expect(shape(readBinary(n8n.userFolder, animated.binary!.data))).toEqual({ width: 1104, height: 832, seconds: 5 });
		expect(shape(readBinary(n8n.userFolder, restyled.binary!.data))).toEqual({ width: 1104, height: 832, seconds: 5 });
		const [summary] = nodeOutput(result, 'Credits Used');
		expect(summary.json).toMatchObject({
			animateTaskId: animateTask.id,
			restyleTaskId: restyleTask.id,
			estimatedCredits: animateTask.credits + restyleTask.credits,
			creditsCharged: animateTask.credits + restyleTask.credits,
		});
		const log = result.stdout + result.stderr;
		for (const [node, id] of [
			['Animate Photo', animateTask.id],
			['Restyle Video', restyleTask.id],
		]) {
			expect(log).toContain(`Runway Video "${node}": task ${id} created for item 0; waiting for it`);
		}
		expect(log).not.toContain(fakes.runway.apiKey.slice(4, 40));
	});
});
