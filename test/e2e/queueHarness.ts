/**
 * n8n in queue mode for tests and the queue benchmark: Postgres and Redis of our own, one main and N workers
 * (scripts/services/*), credentials and workflows imported into its Postgres before the main starts, and
 * what a test needs to look inside: the executions in n8n's database (status, run data), which worker's log
 * started an execution, a binary as the main serves it over its REST API.
 *
 *   const stack = await startQueueStack({ workers: 2, prepare: async (cli) => { await cli.importWorkflows([...]) } });
 *   afterAll(() => stack.stop());
 */
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { N8nE2e } from './harness';
import type { TaskData } from './harness';

const n8nScript = require('../../scripts/n8n.js') as { ensureN8n(): Promise<{ n8nDir: string }> };
const setup = require('../../scripts/setup.js') as {
	ownerEnv(L: unknown): { env: Record<string, string>; owner?: { email: string; password: string } };
};
const services = {
	postgres: require('../../scripts/services/postgres.js') as { startPostgres(o: { dataDir: string; logFile: string }): Promise<Service> },
	redis: require('../../scripts/services/redis.js') as { startRedis(o: { dir: string; logFile: string }): Promise<Service> },
	cluster: require('../../scripts/services/queueCluster.js') as {
		startQueueCluster(o: Record<string, unknown>): Promise<Cluster>;
		queueEnv(o: Record<string, unknown>): Record<string, string>;
		startedExecutions(log: string): string[];
	},
};

interface Service {
	host: string;
	port: number;
	pid: number;
	stop(): Promise<unknown>;
	[key: string]: unknown;
}

export interface N8nProcess {
	name: string;
	logFile: string;
	child: { pid?: number };
	output(): string;
	isRunning(): boolean;
	kill(signal?: NodeJS.Signals): Promise<unknown>;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

interface Cluster {
	url: string;
	main: N8nProcess;
	workers: N8nProcess[];
	addWorker(): Promise<N8nProcess>;
	stop(): Promise<void>;
}

interface PgClient {
	connect(): Promise<void>;
	query(sql: string, params?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
	end(): Promise<void>;
}

export interface ExecutionRow {
	id: string;
	workflowId: string;
	status: string;
	finished: boolean;
	mode: string;
}

export interface QueueStackOptions {
	workers?: number;
	concurrency?: number;
	binaryMode?: 'database' | 'filesystem';
	poolSize?: number;
	/** Extra environment for every n8n process and CLI call. */
	env?: Record<string, string>;
	/** Imports (credentials, workflows, publish) through the CLI against the stack's Postgres, before the main starts. */
	prepare?: (cli: N8nE2e) => Promise<void>;
}

export interface QueueStack {
	workDir: string;
	userFolder: string;
	cluster: Cluster;
	cli: N8nE2e;
	url: string;
	/** Rows of execution_entity for a workflow, oldest first. */
	executions(workflowId: string): Promise<ExecutionRow[]>;
	execution(id: string): Promise<ExecutionRow>;
	/** The run data n8n stored for an execution (per node, the runs with their items). */
	runData(id: string): Promise<Record<string, TaskData[]>>;
	/** The workers whose log says they started this execution (a resumed execution is started again). */
	workersOf(executionId: string): string[];
	/** A binary's bytes as the main serves them to the editor (logged in as the owner). */
	binaryFromMain(binaryId: string): Promise<Buffer>;
	/** Publishes (activates) workflows through the main's REST API, as the editor's Publish button does; resolves once their webhooks are registered. */
	publish(workflowIds: string[]): Promise<void>;
	/** The log tails of every process, for a failure message. */
	logTails(lines?: number): string;
	stop(): Promise<void>;
}

function tail(file: string, lines: number): string {
	try {
		return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

/** Starts Postgres, Redis and the cluster; on any failure stops what was started and says which log to read. */
export async function startQueueStack(options: QueueStackOptions = {}): Promise<QueueStack> {
	const L = await n8nScript.ensureN8n();
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-ai-video-queue-'));
	// Postgres runs as nobody when we are root: it must be able to reach its data folder below this one
	fs.chmodSync(workDir, 0o711);
	const logDir = path.join(workDir, 'logs');
	fs.mkdirSync(logDir);
	const userFolder = path.join(workDir, 'n8n');
	fs.mkdirSync(userFolder);
	const started: Service[] = [];
	let cluster: Cluster | undefined;
	let client: PgClient | undefined;
	const stopAll = async (): Promise<void> => {
		if (client) await client.end().catch(() => undefined);
		if (cluster) await cluster.stop();
		for (const s of started.reverse()) await s.stop();
		if (process.env.KEEP_E2E_FOLDERS === '1') process.stderr.write(`queue-mode work folder kept: ${workDir}\n`);
		else fs.rmSync(workDir, { recursive: true, force: true });
	};
	try {
		const [pg, redis] = await Promise.all([
			services.postgres
				.startPostgres({ dataDir: path.join(workDir, 'postgres'), logFile: path.join(logDir, 'postgres.log') })
				.then((s) => (started.push(s), s)),
			services.redis
				.startRedis({ dir: path.join(workDir, 'redis'), logFile: path.join(logDir, 'redis.log') })
				.then((s) => (started.push(s), s)),
		]);
		const binaryMode = options.binaryMode ?? 'database';
		const env = { N8N_AI_VIDEO_MIN_POLL_SECONDS: '0.2', N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5', ...options.env };
		const dbEnv = services.cluster.queueEnv({ userFolder, pg, redis, binaryMode, poolSize: options.poolSize ?? 10, extra: env });
		const cli = new N8nE2e(userFolder, dbEnv);
		if (options.prepare) await options.prepare(cli);
		const owner = setup.ownerEnv(L);
		cluster = await services.cluster.startQueueCluster({
			userFolder,
			pg,
			redis,
			logDir,
			binaryMode,
			poolSize: options.poolSize ?? 10,
			workers: options.workers ?? 2,
			concurrency: options.concurrency ?? 5,
			env,
			mainEnv: owner.env,
		});
		const c = cluster;
		const { Client } = require(path.join(L.n8nDir, 'node_modules', 'pg')) as { Client: new (o: Record<string, unknown>) => PgClient };
		const flatted = require(path.join(L.n8nDir, 'node_modules', 'flatted')) as { parse(text: string): unknown };
		const db = new Client({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: pg.database });
		await db.connect();
		client = db;
		const columns = 'id::text as id, "workflowId" as "workflowId", status, finished, mode';
		let cookie: string | undefined;
		const browserId = 'ai-video-queue-tests';
		const login = async (): Promise<string> => {
			if (cookie) return cookie;
			if (!owner.owner) throw new Error('the owner comes from your N8N_INSTANCE_OWNER_* variables: cannot log in');
			const res = await fetch(`${c.url}/rest/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'browser-id': browserId },
				body: JSON.stringify({ emailOrLdapLoginId: owner.owner.email, password: owner.owner.password }),
			});
			if (res.status !== 200) throw new Error(`login to the main answered ${res.status}: ${await res.text()}`);
			cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
			return cookie;
		};
		return {
			workDir,
			userFolder,
			cluster: c,
			cli,
			url: c.url,
			executions: async (workflowId) =>
				(await db.query(`select ${columns} from execution_entity where "workflowId" = $1 order by id::int`, [workflowId]))
					.rows as unknown as ExecutionRow[],
			execution: async (id) => {
				const { rows } = await db.query(`select ${columns} from execution_entity where id = $1`, [id]);
				if (!rows[0]) throw new Error(`no execution ${id}`);
				return rows[0] as unknown as ExecutionRow;
			},
			runData: async (id) => {
				const { rows } = await db.query('select data from execution_data where "executionId" = $1', [id]);
				if (!rows[0]) throw new Error(`no data for execution ${id}`);
				const data = flatted.parse(String(rows[0].data)) as { resultData?: { runData?: Record<string, TaskData[]> } };
				return data.resultData?.runData ?? {};
			},
			workersOf: (executionId) =>
				c.workers.filter((w) => services.cluster.startedExecutions(w.output()).includes(executionId)).map((w) => w.name),
			publish: async (workflowIds) => {
				const headers = { cookie: await login(), 'browser-id': browserId, 'content-type': 'application/json' };
				for (const id of workflowIds) {
					const got = await fetch(`${c.url}/rest/workflows/${id}`, { headers });
					if (got.status !== 200) throw new Error(`GET workflow ${id} answered ${got.status}: ${(await got.text()).slice(0, 300)}`);
					const { versionId } = ((await got.json()) as { data: { versionId: string } }).data;
					const res = await fetch(`${c.url}/rest/workflows/${id}/activate`, {
						method: 'POST',
						headers,
						body: JSON.stringify({ versionId }),
					});
					if (res.status !== 200) throw new Error(`publishing workflow ${id} answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
				}
				// In queue mode the main registers the webhooks after answering (a command to itself over Redis)
				for (const id of workflowIds) {
					await until(`the webhooks of workflow ${id} to be registered`, async () => {
						const { rows } = await db.query('select count(*)::int as n from webhook_entity where "workflowId" = $1', [id]);
						return Number(rows[0].n) > 0;
					});
				}
			},
			binaryFromMain: async (binaryId) => {
				const res = await fetch(`${c.url}/rest/binary-data?id=${encodeURIComponent(binaryId)}&action=download`, {
					headers: { cookie: await login(), 'browser-id': browserId },
				});
				if (res.status !== 200)
					throw new Error(`the main answered ${res.status} for binary ${binaryId}: ${(await res.text()).slice(0, 300)}`);
				return Buffer.from(await res.arrayBuffer());
			},
			logTails: (lines = 25) =>
				fs
					.readdirSync(logDir)
					.map((f) => `--- ${f}\n${tail(path.join(logDir, f), lines)}`)
					.join('\n'),
			stop: stopAll,
		};
	} catch (error) {
		const tails = fs.existsSync(logDir)
			? fs
					.readdirSync(logDir)
					.map((f) => `--- ${f}\n${tail(path.join(logDir, f), 20)}`)
					.join('\n')
			: '';
		await stopAll();
		throw new Error(`queue-mode n8n did not start: ${(error as Error).message}\n${tails}`);
	}
}

/**
 * Polls `check` until it returns something truthy. The limit is generous and only there to say what never
 * happened (instead of a bare jest timeout); nothing is asserted about how long it took.
 */
export async function until<T>(
	what: string,
	check: () => Promise<T | undefined | false> | T | undefined | false,
	timeoutMs = 240_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** A Webhook trigger (POST /webhook/<path>) that answers at once or with the last node's first item. */
export function webhookNode(
	webhookPath: string,
	respond: 'onReceived' | 'lastNode',
): { name: string; type: string; parameters: Record<string, unknown>; [key: string]: unknown } {
	return {
		id: randomUUID(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: randomUUID(),
		position: [0, 0],
		parameters: {
			httpMethod: 'POST',
			path: webhookPath,
			responseMode: respond,
			...(respond === 'lastNode' ? { responseData: 'firstEntryJson' } : {}),
			options: {},
		},
	};
}
