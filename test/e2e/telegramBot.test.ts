/**
 * Example 08, the Telegram video bot with credits, in a real n8n 2.x against the fake Telegram and Runway.
 * Its credits live in an n8n Data Table (`video_credits`, one row per change; a balance is the free credits
 * plus the user's rows). Data Tables exist only in `n8n start` (n8n's CLI `execute` does not load the module),
 * so the bot is published and started the way it runs for real: the fake Telegram delivers users' photo
 * messages to its Telegram Trigger. Checked: what each fake chat received, what the fake Runway created, and
 * the balances read back from the table through a second workflow (a webhook that lists the rows).
 */
import { spawn, type ChildProcess } from 'child_process';
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';

import { fakeCredentials, loadExamples, SAMPLE_PHOTO_FILE_ID, startFakes, type ExampleWorkflow, type Fakes } from '../../scripts/fakes';
import type { FakeTelegramSent } from '../fakes/telegram';
import { FIRST_TIMEOUT_MS, createN8n, type N8nE2e, type Workflow } from './harness';

jest.setTimeout(6 * 60_000);

interface N8nScript {
	REPO_ROOT: string;
	ensureN8n(): Promise<{ nodeBin: string; n8nBin: string }>;
	installPackage(options: { userFolder: string; L: unknown; quiet?: boolean }): Promise<void>;
	n8nEnv(options: { userFolder: string; allowLoopback?: boolean; extra?: Record<string, string> }): Promise<NodeJS.ProcessEnv>;
	freePort(): Promise<number>;
}
// scripts/n8n.js is plain CommonJS (it must run on the system Node without a build step).
const script: N8nScript = require('../../scripts/n8n.js');

const BOT_ID = 'aiv08TgCreditsBot';
const FREE = 10;
/** gen4_turbo for 5 s: 25 Runway credits, at 0.2 bot credits per Runway credit. */
const PRICE = 5;
const CREDITS_PATH = 'e2e-credits';
const SLOW_BOT_ID = 'e2eBotSlowChecks';

let n8n: N8nE2e;
let fakes: Fakes;
let bot: ExampleWorkflow;
let slowBot: ExampleWorkflow;
let server: { child: ChildProcess; exited: Promise<void>; port: number; log: string } | undefined;
let lastPort: number | undefined;
/** The webhook id of the published bot's Telegram Trigger: its registration is what a started n8n is waited for. */
let botWebhookId: string;

function node(workflow: ExampleWorkflow, name: string): ExampleWorkflow['nodes'][number] {
	const found = workflow.nodes.find((n) => n.name === name);
	if (!found) throw new Error(`${workflow.id} has no node "${name}"`);
	return found;
}

/** Example 08 with one of its Bot Settings changed (the only place the tests change it). */
function withSetting(workflow: ExampleWorkflow, name: string, value: number): ExampleWorkflow {
	const copy = JSON.parse(JSON.stringify(workflow)) as ExampleWorkflow;
	const assignments = (node(copy, 'Bot Settings').parameters.assignments as { assignments: Array<{ name: string; value: unknown }> })
		.assignments;
	const found = assignments.find((a) => a.name === name);
	if (!found) throw new Error(`Bot Settings has no ${name}`);
	found.value = value;
	return copy;
}

/** Lists every row of the bot's credits table: GET /webhook/e2e-credits. */
const readCredits: Workflow = {
	id: 'e2eReadCredits',
	name: 'e2e read credits',
	nodes: [
		{
			id: 'b1f7e0c2-0d3e-4f5a-9b6c-7d8e9f0a1b01',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'b1f7e0c2-0d3e-4f5a-9b6c-7d8e9f0a1b02',
			parameters: { httpMethod: 'GET', path: CREDITS_PATH, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
		},
		{
			id: 'b1f7e0c2-0d3e-4f5a-9b6c-7d8e9f0a1b03',
			name: 'Rows',
			type: 'n8n-nodes-base.dataTable',
			typeVersion: 1,
			position: [200, 0],
			parameters: { resource: 'row', operation: 'get', dataTableId: { __rl: true, mode: 'name', value: 'video_credits' }, returnAll: true },
			alwaysOutputData: true,
		},
	],
	connections: { Webhook: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

interface CreditRow {
	chatId?: string;
	change: number;
	reason: string;
	taskId: string | null;
}

function get(port: number, urlPath: string): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		http
			.get({ host: '127.0.0.1', port, path: urlPath, agent: false }, (res) => {
				let body = '';
				res.on('data', (d: Buffer) => (body += d.toString()));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
			})
			.on('error', reject);
	});
}

async function rowsOf(chatId: number): Promise<CreditRow[]> {
	const r = await get(server!.port, `/webhook/${CREDITS_PATH}`);
	if (r.status !== 200) throw new Error(`reading the credits answered ${r.status}: ${r.body}`);
	const rows = JSON.parse(r.body) as CreditRow[];
	return rows.filter((row) => row.chatId === String(chatId));
}

async function balance(chatId: number): Promise<number> {
	return FREE + (await rowsOf(chatId)).reduce((sum, row) => sum + row.change, 0);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 90_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline)
			throw new Error(
				`gave up waiting for ${what}; Telegram webhook changes: ${fakes.telegram.webhookChanges.join('; ')}; n8n log tail:\n${server?.log.split('\n').slice(-30).join('\n')}`,
			);
		await sleep(200);
	}
}

function sentTo(chatId: number): FakeTelegramSent[] {
	return fakes.telegram.sent.filter((s) => s.chatId === String(chatId));
}

/** The `n`th thing the bot sent to a chat, once it is there. */
function nthSent(chatId: number, n: number, timeoutMs?: number): Promise<FakeTelegramSent> {
	return until(`message ${n + 1} to chat ${chatId}`, () => sentTo(chatId)[n], timeoutMs);
}

async function sendPhoto(
	chatId: number,
	caption: string,
	shape: { width: number; height: number } = { width: 1600, height: 1200 },
): Promise<void> {
	await until('a registered webhook', () => fakes.telegram.webhook);
	const delivery = await fakes.telegram.pushUpdate(fakes.telegram.photoUpdate(SAMPLE_PHOTO_FILE_ID, { chatId, caption, ...shape }));
	expect(delivery).toMatchObject({ status: 200 });
}

/** `n8n start` on a free port; ready once the Telegram Trigger registered its webhook and the credits webhook answers. */
async function startN8n(): Promise<void> {
	const L = await script.ensureN8n();
	await script.installPackage({ userFolder: n8n.userFolder, L, quiet: true });
	// the same port on a restart, as on a real host: restarted with a workflow that was already active, n8n did not
	// register its Telegram webhook again (seen here), so updates for a new address would never arrive
	const port = server?.port ?? lastPort ?? (await script.freePort());
	lastPort = port;
	const env = await script.n8nEnv({
		userFolder: n8n.userFolder,
		allowLoopback: true,
		extra: {
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			N8N_AI_VIDEO_MIN_POLL_SECONDS: '0.2',
		},
	});
	const child = spawn(L.nodeBin, [L.n8nBin, 'start'], { cwd: script.REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	const started = { child, port, log: '', exited: new Promise<void>((resolve) => child.on('close', () => resolve())) };
	child.stdout!.on('data', (d: Buffer) => (started.log += d.toString()));
	child.stderr!.on('data', (d: Buffer) => (started.log += d.toString()));
	server = started;
	// The published bot's registration at this n8n's address (a restart on the same address finds it in place). n8n
	// starts slowly on a busy machine: these waits are generous, and a failure shows every webhook change.
	const botUrl = `:${port}/webhook/${botWebhookId}/webhook`;
	await until(`the Telegram Trigger to register ${botUrl}`, () => fakes.telegram.webhook?.url.endsWith(botUrl), 300_000);
	let last = { status: 0, body: '' };
	const creditsAnswer = async () => {
		last = await get(port, `/webhook/${CREDITS_PATH}`).catch(() => ({ status: 0, body: '' }));
		// 404 until n8n has registered it; before the bot's first message the table does not exist yet (500)
		return last.status === 200 || last.status === 500;
	};
	await until('the credits webhook to answer', creditsAnswer, 300_000).catch((error: Error) => {
		throw new Error(`${error.message}\nlast answer ${last.status}: ${last.body.slice(0, 200)}`);
	});
}

/** The bot's Telegram Trigger (its webhook id names its webhook URL). */
function telegramTrigger(workflow: ExampleWorkflow): { webhookId: string } {
	const trigger = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.telegramTrigger') as { webhookId?: string } | undefined;
	if (!trigger?.webhookId) throw new Error(`${workflow.name} has no Telegram Trigger with a webhook id`);
	return trigger as { webhookId: string };
}

/** Stops n8n the way a service manager does (SIGTERM, n8n's graceful shutdown); SIGKILL after 30 s. */
async function stopN8n(): Promise<void> {
	if (!server) return;
	const { child, exited } = server;
	const signal = (name: NodeJS.Signals) => {
		try {
			process.kill(-child.pid!, name);
		} catch {
			/* gone */
		}
	};
	signal('SIGTERM');
	const done = await Promise.race([exited.then(() => true), sleep(30_000).then(() => false)]);
	if (!done) {
		signal('SIGKILL');
		await exited;
	}
	server = undefined;
}

async function publish(ids: string[]): Promise<void> {
	for (const id of ids) {
		const r = await n8n.cli(['publish:workflow', `--id=${id}`]);
		if (r.code !== 0) throw new Error(`n8n publish:workflow --id=${id} failed:\n${r.stdout}${r.stderr}`);
	}
}

beforeAll(async () => {
	fakes = await startFakes({ ports: { sora: 0, runway: 0, telegram: 0 } });
	n8n = createN8n();
	const found = loadExamples(path.join(n8n.userFolder, 'written')).find((e) => e.workflow.id === BOT_ID);
	if (!found) throw new Error('examples/08-telegram-video-bot-credits.json is missing');
	// As shipped, except that the fakes finish in seconds: check every second instead of every 70.
	bot = withSetting(found.workflow, 'checkEverySeconds', 1);
	await n8n.importCredentials(fakeCredentials(fakes));
	// the same bot checking every 66 s (a Wait n8n parks in its database), published only for the restart test
	slowBot = withSetting(found.workflow, 'checkEverySeconds', 66);
	slowBot.id = SLOW_BOT_ID;
	// new webhook ids, as n8n's Duplicate gives: the unpublished bot's webhook rows would otherwise claim the same paths
	for (const n of slowBot.nodes as Array<{ webhookId?: string }>) if (n.webhookId) n.webhookId = randomUUID();
	botWebhookId = telegramTrigger(bot).webhookId;
	await n8n.importWorkflows([bot, slowBot, readCredits] as Workflow[]);
	await publish([BOT_ID, readCredits.id]);
	await startN8n();
}, FIRST_TIMEOUT_MS);

afterAll(async () => {
	await stopN8n();
	await fakes?.close();
	n8n?.cleanup();
});

describe('example 08: the Telegram video bot with credits', () => {
	it('as shipped: the wait between checks survives a restart (over 65 s), and one table and one rate serve every node', () => {
		const shipped = JSON.parse(
			fs.readFileSync(path.join(script.REPO_ROOT, 'examples', '08-telegram-video-bot-credits.json'), 'utf8'),
		) as ExampleWorkflow;
		const settings = (node(shipped, 'Bot Settings').parameters.assignments as { assignments: Array<{ name: string; value: unknown }> })
			.assignments;
		expect(Object.fromEntries(settings.map((a) => [a.name, a.value]))).toEqual({
			botCreditsPerRunwayCredit: 0.2,
			freeCredits: FREE,
			runwayCreditsPerSecond: 5,
			seconds: 5,
			checkEverySeconds: 70,
			maxChecks: 30,
			telegramLimitMb: 50,
		});
		const text = JSON.stringify(shipped.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote'));
		// the rate appears only as a reference to Bot Settings (never a number typed into another node)
		expect(text.match(/botCreditsPerRunwayCredit/g)!.length).toBeGreaterThan(2);
		expect(text).not.toMatch(/\* ?0\.2\b/);
		const tables = shipped.nodes
			.filter((n) => n.type === 'n8n-nodes-base.dataTable')
			.map((n) => (n.parameters.dataTableId as { value?: string } | undefined)?.value ?? n.parameters.tableName);
		expect(new Set(tables)).toEqual(new Set(['video_credits']));
	});

	it('success: the balance goes down by the price and the video lands in the chat', async () => {
		const creates = fakes.runway.creates;
		await sendPhoto(1001, 'The sun sets over the lake, the boat drifts slowly');
		const video = await nthSent(1001, 1);
		expect(sentTo(1001).map((s) => s.method)).toEqual(['sendMessage', 'sendVideo']);
		expect(sentTo(1001)[0].text).toBe("Making your landscape video now (5 credits). It usually takes a minute or two; I'll send it here.");
		expect(fakes.runway.creates).toBe(creates + 1);
		const task = [...fakes.runway.tasks.values()].at(-1)!;
		expect(task.body).toMatchObject({
			model: 'gen4_turbo',
			ratio: '1280:720',
			duration: 5,
			promptText: 'The sun sets over the lake, the boat drifts slowly',
		});
		expect(video.file!.contentType).toMatch(/^video\/mp4/);
		expect(video.file!.bytes).toBeGreaterThan(1000);

		expect((await rowsOf(1001)).map((row) => [row.change, row.reason])).toEqual([
			[-PRICE, expect.stringMatching(/^charge for message \d+$/)],
		]);
		const after = await balance(1001);
		process.stdout.write(`success: balance ${FREE} -> ${after}\n`);
		expect(after).toBe(FREE - PRICE);
	});

	it('a failing job: charged, then refunded exactly, and the reason in plain words in the chat', async () => {
		fakes.runway.script([
			{ status: 'RUNNING', progress: 0.2 },
			{ status: 'FAILED', failure: 'Input flagged', failureCode: 'SAFETY.INPUT.IMAGE' },
		]);
		const creates = fakes.runway.creates;
		await sendPhoto(1002, 'A cat dances on the piano');
		const said = await nthSent(1002, 1);
		expect(said.text).toBe(
			"Sorry, your video could not be made: Runway's content moderation rejected an input (the prompt or the image)\nYour 5 credits are back.",
		);
		expect(fakes.runway.creates).toBe(creates + 1);
		const taskId = [...fakes.runway.tasks.values()].at(-1)!.id;
		expect((await rowsOf(1002)).map((row) => [row.change, row.reason, row.taskId])).toEqual([
			[-PRICE, expect.stringMatching(/^charge for message \d+$/), ''],
			[PRICE, 'refund: the video failed (FAILED)', taskId],
		]);
		const after = await balance(1002);
		process.stdout.write(`failing job: balance ${FREE} -> ${FREE - PRICE} -> ${after}\n`);
		expect(after).toBe(FREE);
	});

	it('a failure after the charge but before the job (Runway refuses the create): refunded, no job', async () => {
		fakes.runway.server.inject({
			kind: 'status',
			method: 'POST',
			path: '/v1/image_to_video',
			status: 400,
			body: { error: 'The image could not be read.' },
		});
		const creates = fakes.runway.creates;
		await sendPhoto(1004, 'Leaves fall');
		const said = await nthSent(1004, 0);
		expect(said.text).toMatch(/^Sorry, I could not start your video: .*The image could not be read\..*\nYour 5 credits are back\.$/s);
		expect(fakes.runway.creates).toBe(creates);
		expect((await rowsOf(1004)).map((row) => [row.change, row.reason])).toEqual([
			[-PRICE, expect.stringMatching(/^charge for message \d+$/)],
			[PRICE, 'refund: the video could not be started'],
		]);
		expect(await balance(1004)).toBe(FREE);
	});

	it('a second photo while the first job runs: both charged once and both delivered; "portrait" in the caption makes a portrait video', async () => {
		fakes.runway.script([{ status: 'RUNNING', progress: 0.1, polls: 6 }, 'SUCCEEDED']);
		fakes.runway.script(['SUCCEEDED']);
		const creates = fakes.runway.creates;
		await sendPhoto(1003, 'The boat drifts slowly');
		expect((await nthSent(1003, 0)).text).toMatch(/^Making your landscape video now/);
		const first = [...fakes.runway.tasks.values()].at(-1)!;
		await sendPhoto(1003, 'portrait Waves crash on the rocks');
		expect((await nthSent(1003, 1)).text).toMatch(/^Making your portrait video now/);
		// the second job was created while the first was still running
		expect(first.status).toBe('RUNNING');
		const second = [...fakes.runway.tasks.values()].at(-1)!;
		expect(second.body).toMatchObject({ ratio: '720:1280', promptText: 'Waves crash on the rocks' });

		const sent = [await nthSent(1003, 2), await nthSent(1003, 3)];
		expect(sent.map((s) => s.method)).toEqual(['sendVideo', 'sendVideo']);
		expect(fakes.runway.creates).toBe(creates + 2);
		const rows = await rowsOf(1003);
		expect(rows.map((row) => row.change)).toEqual([-PRICE, -PRICE]);
		const after = await balance(1003);
		process.stdout.write(`two photos at a time: balance ${FREE} -> ${after}\n`);
		expect(after).toBe(FREE - 2 * PRICE);
	});

	it('not enough credits: a clear reply and no job', async () => {
		const creates = fakes.runway.creates;
		const before = sentTo(1003).length;
		await sendPhoto(1003, 'One more, please');
		const said = await nthSent(1003, before);
		expect(said.text).toBe('A 5-second video costs 5 credits and you have 0, so I did not start one.');
		// give the bot time to (wrongly) go on before checking that it did not
		await sleep(3000);
		expect(fakes.runway.creates).toBe(creates);
		expect(sentTo(1003)).toHaveLength(before + 1);
		expect(await balance(1003)).toBe(0);
		process.stdout.write('not enough credits: balance 0 -> 0, no job\n');
	});

	it(
		'a restart of n8n during the Wait: the execution resumes after it, one job, the video arrives, the balance is right',
		async () => {
			// As shipped, the bot checks on its job only after a long Wait (over 65 s), which n8n parks in its database.
			await stopN8n();
			// one bot per Telegram webhook: the slow-checking copy replaces the bot
			const r = await n8n.cli(['unpublish:workflow', `--id=${BOT_ID}`]);
			expect(r.code).toBe(0);
			await publish([SLOW_BOT_ID]);
			botWebhookId = telegramTrigger(slowBot).webhookId;
			lastPort = undefined;
			await startN8n();
			fakes.runway.script(['SUCCEEDED']);
			const creates = fakes.runway.creates;
			await sendPhoto(1006, 'Snow falls on the village');
			expect((await nthSent(1006, 0)).text).toMatch(/^Making your landscape video now/);
			const task = [...fakes.runway.tasks.values()].at(-1)!;
			await sleep(3000);
			await stopN8n();
			// nothing checked on the job before the restart
			expect(task.polls).toBe(0);
			await startN8n();
			const video = await nthSent(1006, 1, 180_000);
			expect(video.method).toBe('sendVideo');
			expect(task.polls).toBe(1);
			expect(fakes.runway.creates).toBe(creates + 1);
			expect(sentTo(1006)).toHaveLength(2);
			const after = await balance(1006);
			process.stdout.write(`restart during the wait: balance ${FREE} -> ${after}, ${task.polls} check after the restart\n`);
			expect(after).toBe(FREE - PRICE);
		},
		20 * 60_000,
	);
});
