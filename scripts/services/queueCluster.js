'use strict';
/*
 * n8n in queue mode on one machine: Postgres and Redis (our own processes on 127.0.0.1), one main (`n8n start`:
 * editor, webhooks, triggers, the wait tracker) and N workers (`n8n worker`) that run the executions. All share
 * one user folder, so the package is installed once for every process, and one encryption key.
 * Used by `npm run queue`, the queue-mode e2e tests and `npm run bench:queue`.
 *
 *   const pg = await startPostgres(...), redis = await startRedis(...);
 *   await cli(['import:workflow', ...]) with queueEnv(...)         // imports go to Postgres too
 *   const cluster = await startQueueCluster({ userFolder, pg, redis, workers: 2 });
 *   cluster.main.url; cluster.workers[0].logFile; await cluster.workers[0].kill(); await cluster.stop();
 */

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const n8n = require('../n8n.js');
const { answers, freePort, spawnLogged, stopProcess, signalGroup, waitFor } = require('./process.js');
const { postgresEnv } = require('./postgres.js');
const { redisEnv } = require('./redis.js');

/** The key in the user folder's config (n8n writes it there on first start), else a new one written there. */
function encryptionKey(userFolder) {
	if (process.env.N8N_ENCRYPTION_KEY) return process.env.N8N_ENCRYPTION_KEY;
	const file = path.join(userFolder, '.n8n', 'config');
	try {
		const key = JSON.parse(fs.readFileSync(file, 'utf8')).encryptionKey;
		if (key) return key;
	} catch {
		/* not there yet */
	}
	const key = crypto.randomBytes(24).toString('base64url');
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, JSON.stringify({ encryptionKey: key }, null, '\t'), { mode: 0o600 });
	return key;
}

/**
 * What every process of the cluster (and every CLI command against its database) runs with.
 * binaryMode: 'database' (n8n's default in queue mode) or 'filesystem' (one host, or a shared volume).
 */
function queueEnv({ userFolder, pg, redis, binaryMode = 'database', poolSize = 10, extra = {} }) {
	return {
		EXECUTIONS_MODE: 'queue',
		N8N_ENCRYPTION_KEY: encryptionKey(userFolder),
		N8N_DEFAULT_BINARY_DATA_MODE: binaryMode,
		...postgresEnv(pg, { poolSize }),
		...redisEnv(redis),
		...extra,
	};
}

/**
 * Starts the main, waits until it is ready, then the workers. Options:
 *   userFolder, pg, redis, logDir, workers (2), concurrency (5), binaryMode, poolSize, port (free),
 *   env (for every process), mainEnv (main only), echo(name, line) to see their output.
 * Returns { main, workers, url, addWorker(), stop() }; each process: { name, logFile, output(), kill(signal), exited }.
 */
async function startQueueCluster(options) {
	const { userFolder, logDir, workers: workerCount = 2, concurrency = 5, env = {}, mainEnv = {}, echo } = options;
	const L = await n8n.ensureN8n();
	await n8n.installPackage({ userFolder, L, quiet: true });
	fs.mkdirSync(logDir, { recursive: true });
	const shared = { ...queueEnv(options), ...env };
	const processes = [];

	async function spawnN8n(name, args, extra) {
		const childEnv = await n8n.n8nEnv({ userFolder, allowLoopback: true, extra: { ...shared, ...extra } });
		const logFile = path.join(logDir, `${name}.log`);
		const proc = spawnLogged(name, L.nodeBin, [L.n8nBin, ...args], {
			cwd: n8n.REPO_ROOT,
			env: childEnv,
			logFile,
			echo: echo ? (line) => echo(name, line) : undefined,
		});
		proc.kill = async (signal = 'SIGKILL') => {
			signalGroup(proc, signal);
			return await proc.exited;
		};
		proc.stop = () => stopProcess(proc, { signal: 'SIGTERM', graceMs: 20_000 });
		processes.push(proc);
		return proc;
	}

	async function startWorker(index) {
		const healthPort = await freePort();
		const worker = await spawnN8n(`worker-${index}`, ['worker', `--concurrency=${concurrency}`], {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		});
		worker.healthUrl = `http://127.0.0.1:${healthPort}/healthz/readiness`;
		await waitFor(`${worker.name} to be ready`, () => answers(worker.healthUrl), {
			exited: worker.exited,
			logFile: worker.logFile,
			timeoutMs: 180_000,
		});
		return worker;
	}

	const stop = async () => {
		// workers first (they finish or give back their jobs), then the main
		const order = [...processes].reverse();
		for (const p of order) await p.stop();
	};

	try {
		const port = options.port || (await freePort());
		const main = await spawnN8n('main', ['start'], { N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1', ...mainEnv });
		main.url = `http://localhost:${port}`;
		await waitFor('the n8n main to be ready', () => answers(`http://127.0.0.1:${port}/healthz/readiness`), {
			exited: main.exited,
			logFile: main.logFile,
			timeoutMs: 300_000,
		});
		let next = 1;
		const workers = await Promise.all(Array.from({ length: workerCount }, () => startWorker(next++)));
		return { main, workers, url: main.url, addWorker: async () => workers[workers.push(await startWorker(next++)) - 1], stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/** The execution ids a worker's log says it started ("Worker started execution <id> (job <n>)"). */
function startedExecutions(logText) {
	return [...logText.matchAll(/Worker started execution (\S+) \(job/g)].map((m) => m[1]);
}

module.exports = { startQueueCluster, queueEnv, encryptionKey, startedExecutions };
