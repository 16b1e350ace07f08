/**
 * npm run bench:queue -- [--n 50] [--video-mb 20] [--modes database,filesystem] [--workers 2] [--concurrency 5] [--pool-size 10]
 *
 * n8n 2.41 in queue mode on this machine (Postgres, Redis, one main, two workers with concurrency 5, as in
 * test/e2e/queueHarness.ts): N generations started at once through a webhook (Runway text to video against the
 * fake, which serves videos of --video-mb MiB; the node waits, downloads, and the webhook answers when the
 * execution has finished), once per binary data mode. Per mode one JSON line:
 *   {"summary":"queue","mode":...,"n":...,"completed":...,"failed":...,"creates":...,"wallSeconds":...,
 *    "latencyMedianSeconds":...,"latencyP95Seconds":...,"peakRssMbPerWorker":...}
 * completed: the webhook answered with the succeeded task and its whole video, and n8n stored the execution as
 * a success; creates: the tasks the fake saw created (they must equal completions: no create lost or doubled);
 * peakRssMbPerWorker: the highest resident memory any one worker process reached (sampled every 200 ms).
 * Figures only: nothing here asserts.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';

import { fakeCredentials, startFakes } from '../scripts/fakes';
import { startQueueStack, webhookNode, type QueueStack } from '../test/e2e/queueHarness';

function arg(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	if (index >= 0) return process.argv[index + 1];
	const inline = process.argv.find((a) => a.startsWith(`--${name}=`));
	return inline ? inline.slice(name.length + 3) : fallback;
}

const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function rssMb(pid: number | undefined): number {
	if (!pid) return 0;
	try {
		const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) / 1024 : 0;
	} catch {
		return 0;
	}
}

const WORKFLOW_ID = 'benchQueue';

function workflow(): Record<string, unknown> {
	return {
		id: WORKFLOW_ID,
		name: 'bench:queue text to video',
		settings: { executionOrder: 'v1' },
		nodes: [
			webhookNode('bench-queue', 'lastNode'),
			{
				id: randomUUID(),
				name: 'Runway Video',
				type: 'n8n-nodes-ai-video.runwayVideo',
				typeVersion: 1,
				position: [220, 0],
				credentials: { runwayApi: { id: 'fakeRunway', name: 'Runway API (local fake)' } },
				parameters: {
					operation: 'textToVideo',
					model: 'gen4.5',
					prompt: '={{ "A lighthouse at dusk, generation " + $json.body.n }}',
					ratio: '1280:720',
					duration: 5,
					waitForCompletion: true,
					pollIntervalSeconds: 0.5,
					maxWaitMinutes: 30,
				},
			},
		],
		connections: { Webhook: { main: [[{ node: 'Runway Video', type: 'main', index: 0 }]] } },
	};
}

interface Outcome {
	ok: boolean;
	seconds: number;
	error?: string;
}

async function runMode(
	mode: 'database' | 'filesystem',
	opts: { n: number; videoBytes: number; workers: number; concurrency: number; poolSize: number },
): Promise<Record<string, unknown>> {
	const fakes = await startFakes({ ports: { sora: 0, runway: 0, telegram: 0 }, runway: { videoBytes: opts.videoBytes } });
	let stack: QueueStack | undefined;
	try {
		process.stderr.write(`[bench:queue] ${mode}: starting Postgres, Redis, a main and ${opts.workers} workers\n`);
		stack = await startQueueStack({
			workers: opts.workers,
			concurrency: opts.concurrency,
			binaryMode: mode,
			poolSize: opts.poolSize,
			prepare: async (cli) => {
				await cli.importCredentials(fakeCredentials(fakes));
				await cli.importWorkflows(workflow() as never);
			},
		});
		await stack.publish([WORKFLOW_ID]);
		const s = stack;
		const peak = new Map<string, number>();
		const sampler = setInterval(() => {
			for (const w of s.cluster.workers) peak.set(w.name, Math.max(peak.get(w.name) ?? 0, rssMb(w.child.pid)));
		}, 200);
		process.stderr.write(`[bench:queue] ${mode}: ${opts.n} generations of ${round(opts.videoBytes / 1048576)} MiB at once\n`);
		const t0 = Date.now();
		const outcomes = await Promise.all(
			Array.from({ length: opts.n }, async (_, n): Promise<Outcome> => {
				const started = Date.now();
				try {
					const res = await fetch(`${s.url}/webhook/bench-queue`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({ n }),
						signal: AbortSignal.timeout(30 * 60_000),
					});
					const body = (await res.json()) as { status?: string; download?: { bytes?: number }; message?: string };
					const ok = res.status === 200 && body.status === 'SUCCEEDED' && body.download?.bytes === opts.videoBytes;
					return {
						ok,
						seconds: (Date.now() - started) / 1000,
						error: ok ? undefined : `HTTP ${res.status}: ${JSON.stringify(body).slice(0, 200)}`,
					};
				} catch (error) {
					return { ok: false, seconds: (Date.now() - started) / 1000, error: (error as Error).message };
				}
			}),
		);
		const wallSeconds = (Date.now() - t0) / 1000;
		clearInterval(sampler);
		const executions = await s.executions(WORKFLOW_ID);
		const succeeded = executions.filter((e) => e.status === 'success').length;
		const completed = Math.min(outcomes.filter((o) => o.ok).length, succeeded);
		for (const error of new Set(outcomes.filter((o) => !o.ok).map((o) => o.error)))
			process.stderr.write(`[bench:queue] ${mode}: failed: ${error}\n`);
		const statuses = executions.reduce<Record<string, number>>((acc, e) => ({ ...acc, [e.status]: (acc[e.status] ?? 0) + 1 }), {});
		process.stderr.write(`[bench:queue] ${mode}: executions in n8n's database: ${JSON.stringify(statuses)}\n`);
		const latencies = outcomes
			.filter((o) => o.ok)
			.map((o) => o.seconds)
			.sort((a, b) => a - b);
		return {
			summary: 'queue',
			mode,
			n: opts.n,
			completed,
			failed: opts.n - completed,
			creates: fakes.runway.creates,
			wallSeconds: round(wallSeconds),
			latencyMedianSeconds: round(percentile(latencies, 50)),
			latencyP95Seconds: round(percentile(latencies, 95)),
			peakRssMbPerWorker: Math.round(Math.max(0, ...peak.values())),
		};
	} finally {
		if (stack) await stack.stop();
		await fakes.close();
	}
}

async function main(): Promise<void> {
	const n = Number(arg('n', '50'));
	const videoMb = Number(arg('video-mb', '20'));
	const modes = arg('modes', 'database,filesystem')
		.split(',')
		.map((m) => m.trim());
	for (const mode of modes)
		if (mode !== 'database' && mode !== 'filesystem') throw new Error(`--modes: "${mode}" is not database or filesystem`);
	const opts = {
		n,
		videoBytes: Math.round(videoMb * 1024 * 1024),
		workers: Number(arg('workers', '2')),
		concurrency: Number(arg('concurrency', '5')),
		poolSize: Number(arg('pool-size', '10')),
	};
	for (const mode of modes as Array<'database' | 'filesystem'>) {
		const summary = await runMode(mode, opts);
		process.stdout.write(`${JSON.stringify(summary)}\n`);
	}
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
