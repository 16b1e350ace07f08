/**
 * The example workflows (examples/*.json) and variants of them, imported into a real n8n 2.x and executed
 * with `n8n execute` against the fake Sora, Runway and Telegram APIs running in this process: the main path
 * of each node, a bad image with continue-on-fail, an API failure, and a wait that runs out but keeps the
 * job id. Checked: the run JSON (items), the binary files n8n stored (sharp for images; videos byte by byte
 * against the fakes), what the fakes received, and that no API key shows in n8n's output.
 */
import * as fs from 'fs';
import * as path from 'path';
import sharp from 'sharp';

import { fakeCredentials, loadExamples, SAMPLE_CHAT_ID, startFakes, type ExampleWorkflow, type Fakes } from '../../scripts/fakes';
import { demoVideo } from '../fakes/common/video';
import { readMp4 } from '../helpers/mp4';
import { NOT_ENOUGH_CREDITS, type FakeRunwayTask } from '../fakes/runway';
import type { SoraVideoRecord } from '../fakes/sora';
import { FIRST_TIMEOUT_MS, TIMEOUT_MS, createN8n, nodeOutput, readBinary } from './harness';
import type { Item, N8nE2e, RunResult, Workflow } from './harness';

jest.setTimeout(TIMEOUT_MS);

let n8n: N8nE2e;
let fakes: Fakes;
let outputDir: string;
let inputDir: string;
const examples = new Map<string, ExampleWorkflow>();
/** Every run's output, to check no key leaked anywhere. */
const outputs: string[] = [];

function clone<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

function example(idPrefix: string): ExampleWorkflow {
	const found = [...examples.values()].find((w) => w.id.startsWith(idPrefix));
	if (!found) throw new Error(`no example ${idPrefix}`);
	return clone(found);
}

function node(workflow: ExampleWorkflow, name: string): ExampleWorkflow['nodes'][number] {
	const found = workflow.nodes.find((n) => n.name === name);
	if (!found) throw new Error(`${workflow.id} has no node "${name}"`);
	return found;
}

/** A variant of an example: new id and name, nodes after `lastNode` removed, `change` applied. */
function variant(base: ExampleWorkflow, id: string, lastNode: string, change: (w: ExampleWorkflow) => void): ExampleWorkflow {
	const w = clone(base);
	w.id = id;
	w.name = `e2e ${id}`;
	const keep = new Set<string>();
	const walk = (name: string): void => {
		keep.add(name);
		if (name === lastNode) return;
		const next = (w.connections[name] as { main?: Array<Array<{ node: string }>> } | undefined)?.main ?? [];
		for (const output of next) for (const c of output) walk(c.node);
	};
	const trigger = w.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
	walk(trigger!.name);
	w.nodes = w.nodes.filter((n) => keep.has(n.name));
	w.connections = Object.fromEntries(Object.entries(w.connections).filter(([from]) => keep.has(from) && from !== lastNode));
	change(w);
	return w;
}

async function run(id: string): Promise<RunResult> {
	const result = await n8n.executeWorkflow(id);
	outputs.push(result.stdout + result.stderr);
	return result;
}

/**
 * The video is the playable MP4 the fake made for that request, byte for byte: an H.264 track of the pixel size
 * and length the request asked for, read from the file itself.
 */
async function expectVideo(bytes: Buffer, request: { size: string; seconds: number; prompt: string }): Promise<void> {
	const [width, height] = request.size.split(/[x:]/).map(Number);
	expect(bytes.equals(await demoVideo({ width, height, segments: [{ prompt: request.prompt, seconds: request.seconds }] }))).toBe(true);
	const mp4 = readMp4(bytes);
	expect({ sampleEntry: mp4.sampleEntry, width: mp4.width, height: mp4.height, seconds: mp4.durationSeconds }).toEqual({
		sampleEntry: 'avc1',
		width,
		height,
		seconds: request.seconds,
	});
	expect(mp4.frames).toBeGreaterThan(1);
}

const runwayRequest = (task: FakeRunwayTask) => ({
	size: String(task.body.ratio),
	seconds: Number(task.body.duration),
	prompt: String(task.body.promptText),
});
const soraRequest = (record: SoraVideoRecord) => ({ size: record.size, seconds: Number(record.seconds), prompt: record.prompt });

beforeAll(async () => {
	fakes = await startFakes({ ports: { sora: 0, runway: 0, telegram: 0 }, sora: { pollAfterMs: 200 } });
	n8n = createN8n({ N8N_AI_VIDEO_MIN_POLL_SECONDS: '0.2' });
	outputDir = path.join(n8n.userFolder, 'written');
	inputDir = path.join(n8n.userFolder, 'inputs');
	fs.mkdirSync(outputDir);
	fs.mkdirSync(inputDir);
	for (const e of loadExamples(outputDir)) examples.set(e.workflow.id, e.workflow);

	// Two inputs for one run: a good photo and a "photo" that is an HTML error page.
	fs.copyFileSync(path.join(__dirname, '../../examples/assets/sample-photo.jpg'), path.join(inputDir, 'a-good.jpg'));
	fs.writeFileSync(path.join(inputDir, 'b-broken.jpg'), '<html><body>502 Bad Gateway</body></html>');

	const runwayLater = example('aiv04');
	const sora = example('aiv03');
	const variants = [
		// continue-on-fail: two images, the second not an image; Runway waits for the first
		variant(runwayLater, 'e2eRunwayBadImage', 'Start Runway Task', (w) => {
			node(w, 'Read Image File').parameters.fileSelector = `${inputDir.split(path.sep).join('/')}/*.jpg`;
			const start = node(w, 'Start Runway Task');
			Object.assign(start.parameters, { waitForCompletion: true, pollIntervalSeconds: 0.2, maxWaitMinutes: 2 });
			start.onError = 'continueRegularOutput';
		}),
		// the wait runs out (the fake's job never finishes): the item keeps the video id
		variant(sora, 'e2eSoraTimeout', 'Sora Video', (w) => {
			Object.assign(node(w, 'Sora Video').parameters, { pollIntervalSeconds: 0.2, maxWaitMinutes: 0.01, onTimeout: 'output' });
		}),
	];
	// one CLI start per import; a fresh user folder runs n8n's migrations on the first
	await n8n.importCredentials(fakeCredentials(fakes));
	await n8n.importWorkflows([...examples.values(), ...variants] as Workflow[]);
}, FIRST_TIMEOUT_MS);

afterAll(async () => {
	await fakes?.close();
	n8n?.cleanup();
});

describe('example workflows in a real n8n', () => {
	it('01 (Telegram Trigger) and 02 (manual run) are the same workflow from "Has a Photo?" on', () => {
		const trigger = example('aiv01');
		const manual = example('aiv02');
		const tailNames = ['Has a Photo?', 'Prepare Image for Video', 'Runway Video', 'Send Video', 'Ask for a Photo'];
		const strip = (w: ExampleWorkflow) =>
			tailNames.map((name) => {
				const { id: _id, position: _position, ...rest } = node(w, name);
				return rest;
			});
		expect(strip(manual)).toEqual(strip(trigger));
		const connections = (w: ExampleWorkflow) =>
			Object.fromEntries(tailNames.filter((n) => w.connections[n]).map((n) => [n, w.connections[n]]));
		expect(connections(manual)).toEqual(connections(trigger));
		expect(trigger.connections['Telegram Trigger']).toEqual(manual.connections['As From Telegram Trigger']);
	});

	it('02: a Telegram photo is prepared, animated by Runway and sent back to the chat as a multipart video upload', async () => {
		const tasksBefore = fakes.runway.tasks.size;
		const sentBefore = fakes.telegram.sent.length;
		const r = await run('aiv02TgRunwayManual');
		expect(r.error?.message).toBeUndefined();
		expect(r.status).toBe('success');
		expect(r.lastNodeExecuted).toBe('Send Video');
		expect(r.runData['Ask for a Photo']).toBeUndefined();

		// the photo came from the fake Telegram's file URL
		const [photo] = nodeOutput(r, 'Download Photo');
		expect(
			readBinary(n8n.userFolder, photo.binary!.data).equals(
				fs.readFileSync(path.join(__dirname, '../../examples/assets/sample-photo.jpg')),
			),
		).toBe(true);

		// Prepare Image: the 4:3 photo becomes gen4_turbo's closest size, exactly, and keeps the message
		const [prepared] = nodeOutput(r, 'Prepare Image for Video');
		const info = prepared.json.preparedImage as Record<string, number | string>;
		expect(info).toMatchObject({ width: 1104, height: 832, format: 'jpeg', originalWidth: 1600, originalHeight: 1200 });
		expect((prepared.json.message as { chat: { id: number } }).chat.id).toBe(SAMPLE_CHAT_ID);
		const preparedBytes = readBinary(n8n.userFolder, prepared.binary!.data);
		expect(preparedBytes.length).toBe(info.bytes);
		expect(await sharp(preparedBytes).metadata()).toMatchObject({ format: 'jpeg', width: 1104, height: 832 });

		// Runway received exactly that image, inline, with the caption as prompt and the size as ratio
		expect(fakes.runway.tasks.size).toBe(tasksBefore + 1);
		const task = [...fakes.runway.tasks.values()].pop()!;
		expect(task.body).toMatchObject({
			model: 'gen4_turbo',
			ratio: '1104:832',
			duration: 5,
			promptText: 'The sun sets over the lake, the boat drifts slowly',
		});
		expect(task.images).toEqual([
			expect.objectContaining({ source: 'dataUri', width: 1104, height: 832, format: 'jpeg', bytes: preparedBytes.length }),
		]);
		expect(task.status).toBe('SUCCEEDED');

		const [generated] = nodeOutput(r, 'Runway Video');
		expect(generated.json).toMatchObject({ id: task.id, status: 'SUCCEEDED', progress: 100, model: 'gen4_turbo' });
		const video = readBinary(n8n.userFolder, generated.binary!.data);
		await expectVideo(video, runwayRequest(task));

		// the fake Telegram got the same bytes as a multipart `video` file part, for the photo's chat
		expect(fakes.telegram.sent.length).toBe(sentBefore + 1);
		const sent = fakes.telegram.sent[sentBefore];
		expect(sent).toMatchObject({ method: 'sendVideo', encoding: 'multipart', chatId: String(SAMPLE_CHAT_ID) });
		expect(sent.caption).toContain(task.id);
		expect(sent.file).toMatchObject({
			field: 'video',
			fileName: `runway-gen4_turbo-${task.id}.mp4`,
			contentType: 'video/mp4',
			bytes: video.length,
		});
		expect(sent.file!.data.equals(video)).toBe(true);
		const [reply] = nodeOutput(r, 'Send Video');
		expect(reply.json).toMatchObject({ ok: true, result: { chat: { id: SAMPLE_CHAT_ID }, video: { file_size: video.length } } });
	});

	it('03: an image file becomes a Sora video; the reference sent is exactly the video size; the MP4 is written to disk', async () => {
		const before = fakes.sora.creates;
		const r = await run('aiv03SoraFile');
		expect(r.error?.message).toBeUndefined();
		expect(r.status).toBe('success');
		expect(fakes.sora.creates).toBe(before + 1);
		const record = [...fakes.sora.videos.values()].pop()!;
		expect(record).toMatchObject({ model: 'sora-2', size: '720x1280', seconds: '4', encoding: 'multipart' });
		expect(record.inputReference).toMatchObject({ source: 'file', contentType: 'image/jpeg', width: 720, height: 1280, format: 'jpeg' });
		expect(record.inputReference!.bytes).toBeLessThanOrEqual(2048 * 1024);

		const [item] = nodeOutput(r, 'Sora Video');
		expect(item.json).toMatchObject({ id: record.id, status: 'completed', referenceImage: { width: 720, height: 1280, autoFit: true } });
		const video = readBinary(n8n.userFolder, item.binary!.data);
		await expectVideo(video, soraRequest(record));

		const [written] = nodeOutput(r, 'Write Video File');
		const file = String(written.json.fileName);
		expect(path.dirname(file)).toBe(outputDir.split(path.sep).join('/'));
		expect(fs.readFileSync(file).equals(video)).toBe(true);
	});

	it('04: Runway without waiting outputs the task id at once; Get Task later waits for it and downloads the video', async () => {
		const r = await run('aiv04RunwayLater');
		expect(r.error?.message).toBeUndefined();
		expect(r.status).toBe('success');
		const [started] = nodeOutput(r, 'Start Runway Task');
		expect(started.json).toMatchObject({ status: 'PENDING', model: 'gen4_turbo', image: { width: 1280, height: 720, autoFit: true } });
		expect(started.binary).toBeUndefined();
		const task = fakes.runway.tasks.get(String(started.json.id))!;
		expect(task.images[0]).toMatchObject({ width: 1280, height: 720 });

		const [got] = nodeOutput(r, 'Get Task');
		expect(got.json).toMatchObject({ id: task.id, status: 'SUCCEEDED', progress: 100 });
		expect(task.polls).toBeGreaterThanOrEqual(2); // Get Task polled until the fake's task had finished
		const video = readBinary(n8n.userFolder, got.binary!.data);
		await expectVideo(video, runwayRequest(task));
		const [written] = nodeOutput(r, 'Write Video File');
		expect(fs.readFileSync(String(written.json.fileName)).equals(video)).toBe(true);
	});
});

describe('failures in a real n8n', () => {
	it('a bad image with continue-on-fail: that item carries the error, the good one its video, one task is paid for', async () => {
		const before = fakes.runway.creates;
		const r = await run('e2eRunwayBadImage');
		expect(r.error?.message).toBeUndefined();
		expect(r.status).toBe('success');
		const items: Item[] = nodeOutput(r, 'Start Runway Task');
		expect(items).toHaveLength(2);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[0].json).toMatchObject({ status: 'SUCCEEDED', image: { originalWidth: 1600, width: 1280, height: 720 } });
		await expectVideo(readBinary(n8n.userFolder, items[0].binary!.data), runwayRequest(fakes.runway.tasks.get(String(items[0].json.id))!));
		expect(items[1].json.fileName).toBe('b-broken.jpg');
		expect(String(items[1].json.error)).toMatch(/item 2/);
		expect(String(items[1].json.error)).toMatch(/image/i);
		expect(items[1].binary?.data?.mimeType).not.toBe('video/mp4');
		expect(fakes.runway.creates).toBe(before + 1);
	});

	it("an API failure stops the run with the API's reason, creates nothing twice and sends nothing to Telegram", async () => {
		const creates = fakes.runway.server.count('POST', '/v1/image_to_video');
		const sent = fakes.telegram.sent.length;
		fakes.runway.server.inject({
			kind: 'status',
			method: 'POST',
			path: '/v1/image_to_video',
			status: 400,
			body: { error: NOT_ENOUGH_CREDITS },
		});
		const r = await run('aiv02TgRunwayManual');
		expect(r.status).toBe('error');
		expect(r.lastNodeExecuted).toBe('Runway Video');
		expect(r.runData['Runway Video']?.[0]?.executionStatus).toBe('error');
		expect(`${r.error?.message} ${r.error?.description ?? ''}`).toMatch(/credits/i);
		expect(r.runData['Send Video']).toBeUndefined();
		expect(fakes.runway.server.count('POST', '/v1/image_to_video')).toBe(creates + 1); // a 400 is never retried
		expect(fakes.telegram.sent.length).toBe(sent);
	});

	it('a wait that runs out keeps the job id (and last status) in the item instead of failing', async () => {
		fakes.sora.script(['queued', { status: 'in_progress', progress: 40, forever: true }]);
		const r = await run('e2eSoraTimeout');
		expect(r.error?.message).toBeUndefined();
		expect(r.status).toBe('success');
		const record = [...fakes.sora.videos.values()].pop()!;
		const [item] = nodeOutput(r, 'Sora Video');
		expect(item.json).toMatchObject({ id: record.id, timedOut: true, status: 'in_progress', progress: 40 });
		expect(String(item.json.note)).toContain(record.id);
		expect(item.binary?.data?.mimeType).not.toBe('video/mp4');
		expect(record.polls).toBeGreaterThanOrEqual(1);
		expect(fakes.sora.view(record.id)?.status).toBe('in_progress'); // still running on the server, not lost
	});

	// n8n 1.x keeps a network error's code only in NodeApiError.httpCode: this is where that would stop the retries.
	it('dropped connections while polling the task and downloading its video are retried: the video arrives, one task', async () => {
		const creates = fakes.runway.creates;
		const polls = fakes.runway.server.count('GET', /^\/v1\/tasks\//);
		const downloads = fakes.runway.server.count('GET', /^\/outputs\//);
		fakes.runway.server.inject({ kind: 'drop', method: 'GET', path: /^\/v1\/tasks\//, times: 2 });
		fakes.runway.server.inject({ kind: 'drop', method: 'GET', path: /^\/outputs\// });
		const r = await run('aiv04RunwayLater');
		expect(r.error?.message).toBeUndefined();
		expect(r.status).toBe('success');
		const [got] = nodeOutput(r, 'Get Task');
		const task = fakes.runway.tasks.get(String(got.json.id))!;
		expect(got.json).toMatchObject({ status: 'SUCCEEDED' });
		await expectVideo(readBinary(n8n.userFolder, got.binary!.data), runwayRequest(task));
		expect(fakes.runway.creates).toBe(creates + 1);
		// both drops happened (the fake's log has them, unanswered) and each was followed by another try
		const dropped = (path: RegExp) =>
			fakes.runway.server.requests.filter((q) => q.method === 'GET' && path.test(q.path) && q.status === 0).length;
		expect(dropped(/^\/v1\/tasks\//)).toBeGreaterThanOrEqual(2);
		expect(dropped(/^\/outputs\//)).toBeGreaterThanOrEqual(1);
		expect(fakes.runway.server.count('GET', /^\/v1\/tasks\//)).toBeGreaterThanOrEqual(polls + 3);
		expect(fakes.runway.server.count('GET', /^\/outputs\//)).toBe(downloads + 2);
	});

	it('n8n loads the package with no warning or error (its log before each run JSON)', () => {
		expect(outputs.length).toBeGreaterThanOrEqual(7);
		const logLines = outputs.flatMap((o) => o.split('\n{\n')[0].split('\n'));
		expect(
			logLines.filter((line) => /n8n-nodes-ai-video|failed to load|unknown credential|deprecat|community package/i.test(line)),
		).toEqual([]);
	});

	it('no API key or bot token appears in any run output', () => {
		expect(outputs.length).toBeGreaterThanOrEqual(7);
		const all = outputs.join('\n');
		expect(all).not.toContain(fakes.sora.apiKey);
		expect(all).not.toContain(fakes.runway.apiKey);
		expect(all).not.toContain(fakes.runway.apiKey.slice(4, 40));
		expect(all).not.toContain(fakes.telegram.token);
	});
});
