/**
 * n8n 2.41 in queue mode, as a team runs it when one n8n is not enough: Postgres and Redis, one main (webhooks,
 * triggers, the wait tracker), two workers, binary data in the database (n8n's default in queue mode). The
 * workflows are started through webhooks against the fake APIs; where they ran is read from the workers' logs
 * ("Worker started execution <id>"), their results from n8n's database, their videos through the main's REST API.
 *
 * The long-wait run (example 05: create, Wait, Get Task, loop) starts first, so its 66 s Wait (n8n parks waits
 * over 65 s in the database) overlaps the other tests; right after, a worker is killed during a built-in wait,
 * and so is the one that started the long-wait run.
 */
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { fakeCredentials, loadExamples, startFakes, type ExampleWorkflow, type Fakes } from '../../scripts/fakes';
import type { FakeRunwayTask } from '../fakes/runway';
import { FIRST_TIMEOUT_MS } from './harness';
import type { Item, TaskData } from './harness';
import { startQueueStack, until, webhookNode, type N8nProcess, type QueueStack } from './queueHarness';

jest.setTimeout(6 * 60_000);

const RUNWAY = 'n8n-nodes-ai-video.runwayVideo';

let fakes: Fakes;
let stack: QueueStack;
let outputDir: string;
/** The long-wait run, started in beforeAll. */
const longWait = { executionId: '', taskId: '', firstWorker: '' };
const killed: string[] = [];

function clone<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

function nodeOf(w: ExampleWorkflow, name: string): ExampleWorkflow['nodes'][number] {
	const found = w.nodes.find((n) => n.name === name);
	if (!found) throw new Error(`${w.id} has no node "${name}"`);
	return found;
}

/** A copy of an example started by a webhook (POST /webhook/<path>) instead of its Manual Trigger. */
function viaWebhook(base: ExampleWorkflow, id: string, webhookPath: string, respond: 'onReceived' | 'lastNode'): ExampleWorkflow {
	const w = clone(base);
	w.id = id;
	w.name = `queue e2e ${id}`;
	const trigger = w.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
	if (!trigger) throw new Error(`${base.id} has no Manual Trigger`);
	const connections = w.connections[trigger.name];
	delete w.connections[trigger.name];
	w.connections.Webhook = connections;
	Object.assign(trigger, { ...webhookNode(webhookPath, respond), position: trigger.position });
	return w;
}

/** Only the nodes from the trigger up to `lastNode`. */
function upTo(w: ExampleWorkflow, lastNode: string): ExampleWorkflow {
	const keep = new Set<string>();
	const walk = (name: string): void => {
		keep.add(name);
		if (name === lastNode) return;
		for (const out of (w.connections[name] as { main?: Array<Array<{ node: string }>> } | undefined)?.main ?? [])
			for (const c of out) walk(c.node);
	};
	walk('Webhook');
	w.nodes = w.nodes.filter((n) => keep.has(n.name));
	w.connections = Object.fromEntries(Object.entries(w.connections).filter(([from]) => keep.has(from) && from !== lastNode));
	return w;
}

async function post(webhookPath: string, body: unknown = {}): Promise<{ status: number; json: Record<string, unknown> }> {
	const res = await fetch(`${stack.url}/webhook/${webhookPath}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const text = await res.text();
	let json: Record<string, unknown> = {};
	try {
		json = JSON.parse(text) as Record<string, unknown>;
	} catch {
		json = { text };
	}
	return { status: res.status, json };
}

function items(runData: Record<string, TaskData[]>, node: string, run = 0): Item[] {
	const task = runData[node]?.[run];
	if (!task) throw new Error(`node "${node}" has no run ${run}; ran: ${Object.keys(runData).join(', ')}`);
	return task.data?.main?.[0] ?? [];
}

/** The one execution of a workflow (waits for it to exist). */
async function onlyExecution(workflowId: string): Promise<string> {
	const rows = await until(`an execution of ${workflowId}`, async () => {
		const r = await stack.executions(workflowId);
		return r.length > 0 && r;
	});
	expect(rows).toHaveLength(1);
	return rows[0].id;
}

async function finalStatus(executionId: string): Promise<string> {
	return await until(`execution ${executionId} to end`, async () => {
		const { status } = await stack.execution(executionId);
		return ['success', 'error', 'crashed', 'canceled'].includes(status) && status;
	});
}

function newestTask(before: Set<string>): FakeRunwayTask {
	const fresh = [...fakes.runway.tasks.values()].filter((t) => !before.has(t.id));
	expect(fresh).toHaveLength(1);
	return fresh[0];
}

async function fakeBytes(url: string, headers: Record<string, string> = {}): Promise<Buffer> {
	const res = await fetch(url, { headers });
	expect(res.status).toBe(200);
	return Buffer.from(await res.arrayBuffer());
}

function worker(name: string): N8nProcess {
	const found = stack.cluster.workers.find((w) => w.name === name);
	if (!found) throw new Error(`no worker ${name}`);
	return found;
}

beforeAll(async () => {
	fakes = await startFakes({ ports: { sora: 0, runway: 0, telegram: 0 }, sora: { pollAfterMs: 200 } });
	outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-ai-video-queue-out-'));
	const examples = new Map(loadExamples(outputDir).map((e) => [e.workflow.id, e.workflow]));
	const example = (id: string): ExampleWorkflow => clone(examples.get(id) ?? (undefined as never));

	const telegram = example('aiv01TgRunway');
	const sora = viaWebhook(example('aiv03SoraFile'), 'qSora', 'q-sora', 'lastNode');
	const long = viaWebhook(example('aiv05LongWait'), 'qLongWait', 'q-long', 'onReceived');
	// the first Wait parks the execution in Postgres (over 65 s); later rounds wait 1 s on the worker
	nodeOf(long, 'Wait Between Checks').parameters.amount = '={{ $runIndex === 0 ? 66 : 1 }}';
	const builtIn = upTo(viaWebhook(example('aiv04RunwayLater'), 'qBuiltInWait', 'q-wait', 'onReceived'), 'Start Runway Task');
	Object.assign(nodeOf(builtIn, 'Start Runway Task').parameters, { waitForCompletion: true, pollIntervalSeconds: 0.2, maxWaitMinutes: 10 });
	const getTask: ExampleWorkflow = {
		id: 'qGetTask',
		name: 'queue e2e Get Task',
		settings: { executionOrder: 'v1' },
		nodes: [
			webhookNode('q-get', 'lastNode'),
			{
				id: randomUUID(),
				name: 'Get Task',
				type: RUNWAY,
				typeVersion: 1,
				position: [220, 0],
				credentials: nodeOf(builtIn, 'Start Runway Task').credentials,
				parameters: {
					resource: 'task',
					operation: 'getTask',
					taskId: '={{ $json.body.taskId }}',
					download: true,
					waitForCompletion: true,
					pollIntervalSeconds: 0.2,
					maxWaitMinutes: 5,
				},
			},
		],
		connections: { Webhook: { main: [[{ node: 'Get Task', type: 'main', index: 0 }]] } },
	};

	const workflows = [telegram, sora, long, builtIn, getTask];
	stack = await startQueueStack({
		workers: 2,
		binaryMode: 'database',
		env: {
			// A dead worker's job is found stalled once its lock expires (default 60 s; checked every 30 s) and the
			// main marks its execution crashed at its next recovery check (default every 3 h): shortened here.
			QUEUE_WORKER_LOCK_DURATION: '15000',
			QUEUE_WORKER_LOCK_RENEW_TIME: '3000',
			QUEUE_WORKER_STALLED_INTERVAL: '5000',
			N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '0.25',
		},
		prepare: async (cli) => {
			await cli.importCredentials(fakeCredentials(fakes));
			await cli.importWorkflows(workflows);
		},
	});

	// webhooks and the Telegram Trigger listen once their workflows are published
	await stack.publish(workflows.map((w) => w.id));

	// The long-wait run: created RUNNING, finished at the second check.
	fakes.runway.script([{ status: 'RUNNING', polls: 1 }, 'SUCCEEDED']);
	const before = new Set(fakes.runway.tasks.keys());
	expect((await post('q-long')).status).toBe(200);
	await until('the long-wait run to create its task', () => fakes.runway.creates === 1);
	longWait.taskId = newestTask(before).id;
	longWait.executionId = await onlyExecution('qLongWait');
	// over 65 s: the worker hands the execution back and n8n keeps it in Postgres until it is due
	await until('the long-wait run to be parked', async () => (await stack.execution(longWait.executionId)).status === 'waiting');
	[longWait.firstWorker] = stack.workersOf(longWait.executionId);
}, FIRST_TIMEOUT_MS);

afterAll(async () => {
	if (stack) await stack.stop();
	if (fakes) await fakes.close();
	if (outputDir) fs.rmSync(outputDir, { recursive: true, force: true });
});

/** On failure, the processes' logs say more than the assertion. */
async function withLogs<T>(fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (error) {
		(error as Error).message += `\n\nqueue-mode logs:\n${stack?.logTails() ?? '(not started)'}`;
		throw error;
	}
}

describe('n8n in queue mode: one main, two workers, Postgres, Redis', () => {
	it('the long-wait run was parked in the database after its first part ran on a worker', () => {
		expect(longWait.firstWorker).toMatch(/^worker-/);
		expect(stack.cluster.main.output()).toContain(`Enqueued execution ${longWait.executionId}`);
	});

	it('a worker killed during the built-in wait: the execution is marked crashed, the task id is in that worker’s log, Get Task delivers the video, no second create', () =>
		withLogs(async () => {
			fakes.runway.script([{ status: 'RUNNING', forever: true }, 'SUCCEEDED']);
			const before = new Set(fakes.runway.tasks.keys());
			const creates = fakes.runway.creates;
			expect((await post('q-wait')).status).toBe(200);
			await until('the built-in-wait run to create its task', () => fakes.runway.creates === creates + 1);
			const task = newestTask(before);
			const id = await onlyExecution('qBuiltInWait');
			await until('the task to be polled (the node is waiting)', () => task.polls >= 2);

			const [name] = stack.workersOf(id);
			expect(name).toMatch(/^worker-/);
			// the one trace a crashed execution leaves of a paid job: the node logged it before waiting
			const logged = worker(name).output().includes(task.id);
			expect(logged).toBe(true);

			// also the worker that ran the long-wait run's first part, so its resume cannot land there
			expect((await stack.execution(longWait.executionId)).status).toBe('waiting');
			for (const victim of new Set([name, longWait.firstWorker])) {
				await worker(victim).kill('SIGKILL');
				killed.push(victim);
			}
			if (!stack.cluster.workers.some((w) => w.isRunning())) await stack.cluster.addWorker();

			expect(
				await until('n8n to mark the execution crashed', async () =>
					(await stack.execution(id)).status === 'crashed' ? 'crashed' : undefined,
				),
			).toBe('crashed');

			// the video is made now; Get Task with the id from the log picks it up
			task.steps[0] = { status: 'RUNNING' };
			const got = await post('q-get', { taskId: task.id });
			expect(got.status).toBe(200);
			expect(got.json).toMatchObject({ id: task.id, status: 'SUCCEEDED', finished: true, succeeded: true });
			const getId = await onlyExecution('qGetTask');
			expect(await finalStatus(getId)).toBe('success');
			expect(stack.workersOf(getId).every((w) => !killed.includes(w))).toBe(true);
			const [delivered] = items(await stack.runData(getId), 'Get Task');
			const fromMain = await stack.binaryFromMain(String(delivered.binary!.data.id));
			expect(fromMain.equals(await fakeBytes(`${fakes.runway.url}/outputs/${task.id}.mp4`))).toBe(true);
			expect(fakes.runway.creates).toBe(creates + 1);
		}));

	it('Telegram → Runway (example 01) started by its webhook runs on a worker and the video reaches the chat', () =>
		withLogs(async () => {
			const creates = fakes.runway.creates;
			await until('the Telegram Trigger to register its webhook with the fake Telegram', () => fakes.telegram.webhook);
			const sentBefore = fakes.telegram.sent.length;
			expect((await fakes.telegram.pushUpdate(fakes.sampleUpdate())).status).toBe(200);
			const sent = await fakes.telegram.nextSent(sentBefore);
			expect(sent.method).toBe('sendVideo');
			expect(sent.file!.bytes).toBeGreaterThan(0);
			expect(fakes.runway.creates).toBe(creates + 1);

			const id = await onlyExecution('aiv01TgRunway');
			expect(await finalStatus(id)).toBe('success');
			expect(stack.workersOf(id)).toHaveLength(1);
			expect(stack.cluster.main.output()).not.toContain(`Worker started execution ${id} `);
			// the photo the main downloaded in the trigger reached the worker through the database
			const runData = await stack.runData(id);
			expect(String(items(runData, 'Prepare Image for Video')[0].binary!.data.fileName)).toMatch(/_1104x832\.jpg$/);
		}));

	it('Sora started by a webhook runs on a worker; its video, stored in the database, is readable from the main', () =>
		withLogs(async () => {
			const res = await post('q-sora');
			expect(res.status).toBe(200);
			const id = await onlyExecution('qSora');
			expect(await finalStatus(id)).toBe('success');
			expect(stack.workersOf(id)).toHaveLength(1);

			const [video] = items(await stack.runData(id), 'Sora Video');
			expect(video.json).toMatchObject({ status: 'completed' });
			const binaryId = String(video.binary!.data.id);
			expect(binaryId).toMatch(/^database:/);
			const fromMain = await stack.binaryFromMain(binaryId);
			const fromApi = await fakeBytes(`${fakes.sora.baseUrl}/videos/${String(video.json.id)}/content`, {
				authorization: `Bearer ${fakes.sora.apiKey}`,
			});
			expect(fromMain.equals(fromApi)).toBe(true);
			expect(fakes.sora.creates).toBe(1);
		}));

	it('the long-wait run resumes after its Wait on a surviving worker and loops until the video is there: nothing lost, one create', () =>
		withLogs(async () => {
			expect(killed).toContain(longWait.firstWorker);
			expect(await finalStatus(longWait.executionId)).toBe('success');
			const resumedOn = stack.workersOf(longWait.executionId).filter((w) => w !== longWait.firstWorker);
			expect(resumedOn.length).toBeGreaterThan(0);
			expect(resumedOn.every((w) => !killed.includes(w))).toBe(true);

			const runData = await stack.runData(longWait.executionId);
			const checks = runData['Get Task'];
			expect(checks).toHaveLength(2);
			expect(items(runData, 'Get Task', 0)[0].json).toMatchObject({
				id: longWait.taskId,
				status: 'RUNNING',
				finished: false,
				succeeded: false,
			});
			expect(items(runData, 'Get Task', 1)[0].json).toMatchObject({
				id: longWait.taskId,
				status: 'SUCCEEDED',
				finished: true,
				succeeded: true,
			});
			const [written] = items(runData, 'Write Video File');
			const video = await fakeBytes(`${fakes.runway.url}/outputs/${longWait.taskId}.mp4`);
			expect(fs.readFileSync(String(written.json.fileName)).equals(video)).toBe(true);
			expect([...fakes.runway.tasks.values()].filter((t) => t.id === longWait.taskId)).toHaveLength(1);
			expect(fakes.runway.creates).toBe(3);
		}));

	it('no API key or bot token in the log of any n8n process', () => {
		const logs = [stack.cluster.main, ...stack.cluster.workers].map((p) => p.output()).join('\n');
		expect(logs).toContain('Worker started execution');
		for (const secret of [fakes.runway.apiKey, fakes.sora.apiKey, fakes.telegram.token]) expect(logs).not.toContain(secret);
	});
});
