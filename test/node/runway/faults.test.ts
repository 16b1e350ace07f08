/**
 * Faults and endings through real HTTP against the fake Runway: failed and cancelled tasks, throttling,
 * rate limits, 5xx bursts, dropped connections, truncated downloads, waits that run out and cancelled
 * executions. Throughout: a create is never repeated where a job may exist (the fake counts creates), and a
 * paid task is never lost (its id comes out).
 */
import http from 'node:http';
import type { Socket } from 'node:net';

import type { RunwayTaskStatus } from '../../fakes/runway';
import { FAKE_RUNWAY_KEY, startFakeRunway, type FakeRunway } from '../../fakes/runway';
import { gradient } from '../../helpers/images';
import { fileItem } from '../../helpers/items';
import { credentials, nodeType, run, runFailing } from './setup';
import { binaryOf, expectFakeVideo, startNode, until } from '../setup';

const VIDEO_BYTES = 120_000;
const CREATE = '/v1/image_to_video';
let fake: FakeRunway;
let photo: Buffer;

beforeAll(async () => {
	photo = await gradient(480, 320);
});
beforeEach(async () => (fake = await startFakeRunway({ videoBytes: VIDEO_BYTES })));
afterEach(async () => await fake.close());

const items = async (n = 1) => Promise.all(Array.from({ length: n }, () => fileItem(photo, { json: { chatId: 42 } })));

describe('task endings', () => {
	test.each([
		['SAFETY.INPUT.TEXT', false, /content moderation rejected an input/, /will not help/, /may not refund/],
		['SAFETY.OUTPUT.VIDEO', false, /rejected the generated video/, /will not help/, /changed prompt or image/],
		['INTERNAL.BAD_OUTPUT.CODE01', true, /quality reasons/, /Retrying can help/, /without overlaid text/],
		['ASSET.INVALID', false, /could not use an input file/, /will not help/, /Fix the input/],
		['INTERNAL', true, /internal error/, /Retrying can help/, /returns credits/],
	] as const)(
		'FAILED %s: the error carries the code, plain words and whether a retry helps',
		async (code, retryable, what, retry, advice) => {
			fake.script(['PENDING', { status: 'FAILED', failureCode: code, failure: 'Raw text from Runway.' }]);
			const error = await runFailing(fake, { prompt: 'x' }, { items: await items() });
			const [task] = [...fake.tasks.values()];
			expect(error.message).toContain(`task ${task.id}`);
			expect(error.message).toContain(`[${code}]`);
			expect(error.message).toMatch(what);
			expect(error.message).toMatch(retry);
			expect(error.description).toMatch(advice);
			expect(error.description).toContain('Raw text from Runway.');
			expect(error.context).toMatchObject({ taskId: task.id, status: 'FAILED', failureCode: code, retryable, itemIndex: 0 });
			expect(fake.creates).toBe(1);
		},
	);

	test('continue on fail: a FAILED task comes out as an item with its id and failure facts, the others go on', async () => {
		fake.script(['SUCCEEDED']);
		fake.script([{ status: 'FAILED', failureCode: 'SAFETY.INPUT.IMAGE', failure: 'Image rejected.' }]);
		fake.script(['SUCCEEDED']);
		const { output } = await run(fake, {}, { items: await items(3), continueOnFail: true });
		expect(output.map((o) => o.json.status)).toEqual(['SUCCEEDED', 'FAILED', 'SUCCEEDED']);
		expect(output[1].json).toMatchObject({
			id: [...fake.tasks.keys()][1],
			failureCode: 'SAFETY.INPUT.IMAGE',
			retryable: false,
			error: expect.stringContaining('content moderation rejected an input'),
		});
		expect(output[1].pairedItem).toEqual({ item: 1 });
		// plain "Continue": no node error on the item (n8n would replace its JSON, the task id with it, by { error })
		expect(output.map((o) => o.error)).toEqual([undefined, undefined, undefined]);
		expect(output[0].binary?.data).toBeDefined();
		expect(output[2].binary?.data).toBeDefined();
		expect(fake.creates).toBe(3);
	});

	test('"Continue (using error output)": a FAILED task\'s item carries the node error, which n8n routes it by, and the message names the task', async () => {
		fake.script([{ status: 'FAILED', failureCode: 'SAFETY.INPUT.IMAGE', failure: 'Image rejected.' }]);
		const { output } = await run(fake, {}, { items: await items(1), continueOnFail: true, onError: 'continueErrorOutput' });
		const id = [...fake.tasks.keys()][0];
		expect(output[0].json.id).toBe(id);
		expect(output[0].error?.message).toContain(id);
	});

	test("a task cancelled on Runway's side ends the wait with an error; CANCELED (one L) is accepted too", async () => {
		fake.script(['PENDING', 'CANCELLED']);
		const cancelled = await runFailing(fake, {}, { items: await items() });
		expect(cancelled.message).toMatch(/^Runway task .* was cancelled before it finished$/);
		fake.script(['PENDING', 'CANCELED' as RunwayTaskStatus]);
		const canceled = await runFailing(fake, {}, { items: await items() });
		expect(canceled.message).toContain('was cancelled before it finished');
		expect(fake.creates).toBe(2);
	});

	test('THROTTLED and RUNNING keep the wait going; progress is logged as 0..100', async () => {
		fake.script([
			'THROTTLED',
			'THROTTLED',
			'PENDING',
			{ status: 'RUNNING', progress: 0.25 },
			{ status: 'RUNNING', progress: 0.75 },
			'SUCCEEDED',
		]);
		const { output, test } = await run(fake, {}, { items: await items() });
		expect(output[0].json.status).toBe('SUCCEEDED');
		expect(test.logs.filter((l) => l.includes('THROTTLED'))).toHaveLength(2);
		expect(test.logs.some((l) => l.includes('RUNNING 25%'))).toBe(true);
		expect(test.logs.some((l) => l.includes('RUNNING 75%'))).toBe(true);
	});
});

describe('retries: reads repeat, creates only where no job can exist', () => {
	test('a 429 with Retry-After on create is waited out and sent again: one task', async () => {
		fake.server.inject({
			kind: 'status',
			method: 'POST',
			path: CREATE,
			status: 429,
			headers: { 'retry-after': '1' },
			body: { error: 'Too many requests.' },
		});
		const { output, test } = await run(fake, {}, { items: await items() });
		expect(output[0].json.status).toBe('SUCCEEDED');
		expect(fake.server.count('POST', CREATE)).toBe(2);
		expect(fake.creates).toBe(1);
		const [rejected, accepted] = fake.server.requests.filter((r) => r.method === 'POST');
		expect(accepted.at - rejected.at).toBeGreaterThanOrEqual(1000);
		expect(test.logs.some((l) => /POST \/v1\/image_to_video failed \(HTTP 429\); retry 1 in 1000 ms/.test(l))).toBe(true);
	});

	test('a 429 that persists (daily limit) ends in an error saying nothing was started', async () => {
		const limited = await startFakeRunway({ dailyLimit: 0 });
		try {
			const error = await runFailing(limited, {}, { items: await items() });
			expect(error.message).toMatch(/HTTP 429\): You have reached the maximum number of daily generations/);
			expect(error.description).toContain('Nothing was started');
			expect(limited.creates).toBe(0);
		} finally {
			await limited.close();
		}
	});

	test('a 502/503 burst on task reads is retried with backoff and the wait goes on', async () => {
		fake.server.inject({ kind: 'status', method: 'GET', path: /^\/v1\/tasks\//, status: 502, times: 1 });
		fake.server.inject({ kind: 'status', method: 'GET', path: /^\/v1\/tasks\//, status: 503, times: 2 });
		const { output, test } = await run(fake, {}, { items: await items() });
		expect(output[0].json.status).toBe('SUCCEEDED');
		expect(fake.server.count('GET', /^\/v1\/tasks\//)).toBe(3 + 3);
		expect(test.logs.filter((l) => /GET \/v1\/tasks\/.* failed \(HTTP 50[23]\); retry [123] in \d+ ms/.test(l))).toHaveLength(3);
		expect(fake.creates).toBe(1);
	});

	test('a 429 with Retry-After on a task read is waited out', async () => {
		fake.server.inject({ kind: 'status', method: 'GET', path: /^\/v1\/tasks\//, status: 429, headers: { 'retry-after': '0' } });
		const { output } = await run(fake, {}, { items: await items() });
		expect(output[0].json.status).toBe('SUCCEEDED');
		expect(fake.server.count('GET', /^\/v1\/tasks\//)).toBe(4);
	});

	test('a refused connection is retried even for a create (the request never arrived), then reported', async () => {
		const closed = await startFakeRunway();
		const baseUrl = closed.baseUrl;
		await closed.close();
		const { error, test } = await startNode({
			nodeType,
			parameters: { pollIntervalSeconds: 0 },
			items: await items(),
			credentials: credentials(fake, { baseUrl }),
		}).done;
		expect(test.requests.filter((r) => r.method === 'POST').map((r) => new URL(r.url).pathname)).toEqual(Array(4).fill(CREATE));
		expect(error?.description).toContain('Check the Base URL');
		expect(fake.creates).toBe(0);
	});

	test('a 500 on create is NOT retried, and the error says a task may exist', async () => {
		fake.server.inject({ kind: 'status', method: 'POST', path: CREATE, status: 500, body: { error: 'Internal server error.' } });
		const error = await runFailing(fake, {}, { items: await items() });
		expect(fake.server.count('POST', CREATE)).toBe(1);
		expect(error.message).toBe('Runway failed to create the task (HTTP 500): Internal server error.');
		expect(error.description).toMatch(/paid task may have started.*not retried, to avoid paying twice/);
		expect(error.httpCode).toBe('500');
	});

	test('a connection dropped during create is NOT retried, and the error says a task may exist', async () => {
		fake.server.inject({ kind: 'drop', method: 'POST', path: CREATE });
		const error = await runFailing(fake, {}, { items: await items() });
		expect(fake.server.count('POST', CREATE)).toBe(1);
		expect(error.description).toContain('the job may have been created');
		expect(error.description).toContain('not sent again');
	});

	test('a dropped connection on a task read is retried', async () => {
		fake.server.inject({ kind: 'drop', method: 'GET', path: /^\/v1\/tasks\// });
		const { output } = await run(fake, {}, { items: await items() });
		expect(output[0].json.status).toBe('SUCCEEDED');
		expect(fake.server.count('GET', /^\/v1\/tasks\//)).toBe(4);
	});

	test('a truncated download is retried from the start and the file verified byte for byte', async () => {
		fake.server.inject({ kind: 'truncate', path: /^\/outputs\//, bytes: 30_000 });
		const { output, test } = await run(fake, {}, { items: await items() });
		expect(fake.server.count('GET', /^\/outputs\//)).toBe(2);
		expectFakeVideo(test.readBinary(binaryOf(output[0])), VIDEO_BYTES);
	});

	test('a download that keeps breaking fails loudly, never a short file, and names the task', async () => {
		fake.server.inject({ kind: 'truncate', path: /^\/outputs\//, bytes: 1000, times: 3 });
		const error = await runFailing(fake, {}, { items: await items() });
		const [task] = [...fake.tasks.values()];
		expect(error.message).toContain(`The video of task ${task.id} could not be downloaded`);
		expect(error.description).toContain('failed after 3 attempts');
		expect(error.description).toContain(`"Get Task" operation and ID ${task.id}`);
		expect(fake.server.count('GET', /^\/outputs\//)).toBe(3);
		expect(fake.creates).toBe(1);
	});

	test('a Zod-style 400 from Runway is summarised issue by issue', async () => {
		fake.server.inject({
			kind: 'status',
			method: 'POST',
			path: CREATE,
			status: 400,
			body: {
				error: 'Validation of body failed',
				issues: [
					{ code: 'invalid_value', path: ['ratio'], message: "Invalid option: expected one of '1280:720'|'720:1280'" },
					{ code: 'too_big', path: ['promptImage', 0, 'uri'], message: 'Asset too large' },
				],
				docUrl: 'https://docs.dev.runwayml.com/api',
			},
		});
		const error = await runFailing(fake, {}, { items: await items() });
		expect(error.message).toBe(
			"Runway refused to create the task (HTTP 400): Validation of body failed. ratio: Invalid option: expected one of '1280:720'|'720:1280'. promptImage.0.uri: Asset too large.",
		);
	});

	test('an error body that echoes the key (a careless gateway) is redacted', async () => {
		fake.server.inject({
			kind: 'status',
			method: 'POST',
			path: CREATE,
			status: 400,
			body: { error: `Bad request with Authorization: Bearer ${FAKE_RUNWAY_KEY}` },
		});
		const error = await runFailing(fake, {}, { items: await items() });
		expect(error.message).toContain('[redacted]');
		expect(error.message).not.toContain(FAKE_RUNWAY_KEY.slice(4, 30));
	});
});

describe('waits that end without a result keep the task id', () => {
	test('the wait runs out: the item carries the id, last status and timedOut; Get Task picks it up later', async () => {
		fake.script(['PENDING', { status: 'RUNNING', progress: 0.1, polls: 1000 }, 'SUCCEEDED']);
		const { output } = await run(fake, { maxWaitMinutes: 0.003, pollIntervalSeconds: 0.02 }, { items: await items() });
		const [task] = [...fake.tasks.values()];
		expect(output[0].json).toMatchObject({ id: task.id, status: 'RUNNING', progress: 10, timedOut: true, model: 'gen4_turbo' });
		expect(String(output[0].json.note)).toContain(`"Get Task" operation and ID ${task.id}`);
		expect(output[0].binary).toBeUndefined();
		expect(fake.creates).toBe(1);

		task.steps[1] = { status: 'RUNNING', polls: 1 };
		task.pollsAtStep = 1;
		const later = await run(fake, { resource: 'task', operation: 'getTask', taskId: task.id, waitForCompletion: true });
		expect(later.output[0].json.status).toBe('SUCCEEDED');
		expectFakeVideo(later.test.readBinary(binaryOf(later.output[0])), VIDEO_BYTES);
		expect(fake.creates).toBe(1);
	});

	test('"Fail the Item" on timeout: the error carries the id; with continue on fail too', async () => {
		fake.script([{ status: 'PENDING', forever: true }]);
		const error = await runFailing(
			fake,
			{ maxWaitMinutes: 0.002, pollIntervalSeconds: 0.02, onTimeout: 'error' },
			{ items: await items() },
		);
		const [task] = [...fake.tasks.values()];
		expect(error.message).toContain(`(job ${task.id})`);
		expect(error.description).toContain(task.id);

		fake.script([{ status: 'PENDING', forever: true }]);
		const { output } = await run(
			fake,
			{ maxWaitMinutes: 0.002, pollIntervalSeconds: 0.02, onTimeout: 'error' },
			{ items: await items(), continueOnFail: true },
		);
		const second = [...fake.tasks.keys()][1];
		expect(String(output[0].json.error)).toContain(second);
		expect(fake.creates).toBe(2);
	});

	test('cancelling the execution stops the wait at once; the item comes out with the task id', async () => {
		fake.script(['PENDING', { status: 'RUNNING', progress: 0.6, forever: true }]);
		const cancel = new AbortController();
		const logs: string[] = [];
		// A 10-minute poll interval: only a working cancel signal lets this test end inside its timeout.
		const running = run(fake, { pollIntervalSeconds: 600 }, { items: await items(2), cancel, logs });
		// Cancel once the node holds the task id (it logs it), not merely once the fake has counted the create.
		await until(
			() => logs.some((line) => /Runway Video "Runway Video": task \S+ created for item 0; waiting for it/.test(line)),
			'the node has the task id',
		);
		cancel.abort();
		const { output } = await running;
		const [task] = [...fake.tasks.values()];
		expect(output[0].json).toMatchObject({ id: task.id, cancelled: true, timedOut: true, status: 'PENDING' });
		expect(String(output[0].json.note)).toContain(task.id);
		// The second item was never started: no second paid task.
		expect(output[1].json).toMatchObject({ cancelled: true, started: false });
		expect(fake.creates).toBe(1);
	}, 20_000);

	test('cancelling while polling (a task read in flight) also keeps the id', async () => {
		fake.script(['PENDING', { status: 'RUNNING', progress: 0.2, forever: true }]);
		// A gateway in front of the fake that never answers task reads.
		const gateway = await stallingGateway(fake, (method, path) => method === 'GET' && path.startsWith('/v1/tasks/'));
		try {
			const cancel = new AbortController();
			const running = run(fake, {}, { items: await items(), cancel, credentialData: { baseUrl: gateway.url } });
			await until(() => gateway.stalled === 1, 'the first poll is in flight');
			cancel.abort();
			const { output } = await running;
			expect(output[0].json).toMatchObject({ id: [...fake.tasks.keys()][0], cancelled: true, timedOut: true });
			expect(fake.creates).toBe(1);
		} finally {
			await gateway.close();
		}
	}, 20_000);
});

/** A pass-through proxy to `target` that holds the requests `stall` picks without ever answering them. */
async function stallingGateway(target: FakeRunway, stall: (method: string, path: string) => boolean) {
	const sockets = new Set<Socket>();
	const gateway = { url: '', stalled: 0, close: async () => undefined as void };
	const server = http.createServer((req, res) => {
		req.on('error', () => undefined);
		if (stall(req.method ?? 'GET', req.url ?? '/')) {
			gateway.stalled++;
			req.resume();
			return;
		}
		const upstream = http.request(`${target.url}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(res);
		});
		upstream.on('error', () => res.destroy());
		req.pipe(upstream);
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	gateway.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
	gateway.close = async () => {
		for (const socket of sockets) socket.destroy();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	};
	return gateway;
}
