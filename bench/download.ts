/**
 * npm run bench:download -- [--mb 1024] [--no-n8n] [--no-in-process]
 *
 * Downloads a generated video of --mb MiB (default 1 GiB) from the fake Runway server with the Runway
 * Video node's Get Task operation, and prints the memory it took:
 * - in process: the node's execute() with binary data written to disk (as n8n's filesystem mode does),
 *   sampling this process's RSS while it runs;
 * - in a real n8n 2.x (scripts/n8n.js): the same workflow run by `n8n execute`, reading the n8n process's
 *   peak RSS (VmHWM), next to the same run with a 1 MiB video, which shows what n8n itself takes.
 * A streamed download grows memory by far less than the file; a buffered one by at least the file.
 * Figures only: nothing here asserts.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

import { RunwayApi } from '../credentials/RunwayApi.credentials';
import { RunwayVideo } from '../nodes/RunwayVideo/RunwayVideo.node';
import { fakeVideoByte } from '../test/fakes/common/fakeServer';
import { FAKE_RUNWAY_KEY, startFakeRunway } from '../test/fakes/runway';
import type { FakeRunway } from '../test/fakes/runway';
import { createN8n, nodeOutput, readBinary, PACKAGE } from '../test/e2e/harness';
import { execute } from '../test/helpers/executeContext';

const MiB = 1024 * 1024;
const mb = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;

function arg(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : fallback;
}

/** Creates a task on the fake and polls it until it has succeeded; returns its id. */
async function succeededTask(fake: FakeRunway): Promise<string> {
	const image = await sharp({ create: { width: 1280, height: 720, channels: 3, background: { r: 40, g: 90, b: 160 } } })
		.jpeg()
		.toBuffer();
	const headers = { authorization: `Bearer ${fake.apiKey}`, 'x-runway-version': '2024-11-06', 'content-type': 'application/json' };
	const created = await fetch(`${fake.baseUrl}/v1/image_to_video`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ model: 'gen4_turbo', ratio: '1280:720', promptImage: `data:image/jpeg;base64,${image.toString('base64')}` }),
	});
	const { id } = (await created.json()) as { id: string };
	for (;;) {
		const task = (await (await fetch(`${fake.baseUrl}/v1/tasks/${id}`, { headers })).json()) as { status: string };
		if (task.status === 'SUCCEEDED') return id;
	}
}

/** Samples a value every 20 ms while `run` runs; returns the largest sample. */
async function peakWhile<T>(sample: () => number, run: () => Promise<T>): Promise<{ result: T; peak: number }> {
	let peak = sample();
	const timer = setInterval(() => (peak = Math.max(peak, sample())), 20);
	try {
		const result = await run();
		return { result, peak: Math.max(peak, sample()) };
	} finally {
		clearInterval(timer);
	}
}

/** Checks a downloaded file: its length, and its bytes against the fake's pattern at spread-out offsets. */
function verify(file: string, expected: number): string {
	const size = fs.statSync(file).size;
	if (size !== expected) return `WRONG SIZE ${size}`;
	const fd = fs.openSync(file, 'r');
	const byte = Buffer.alloc(1);
	try {
		for (let offset = 28; offset < size; offset += Math.floor(size / 97)) {
			fs.readSync(fd, byte, 0, 1, offset);
			if (byte[0] !== fakeVideoByte(offset)) return `WRONG BYTE at ${offset}`;
		}
	} finally {
		fs.closeSync(fd);
	}
	return 'ok';
}

async function inProcess(bytes: number): Promise<void> {
	const fake = await startFakeRunway({ videoBytes: bytes });
	try {
		const taskId = await succeededTask(fake);
		global.gc?.();
		const before = process.memoryUsage().rss;
		const started = Date.now();
		const { result, peak } = await peakWhile(
			() => process.memoryUsage().rss,
			() =>
				execute({
					nodeType: new RunwayVideo(),
					parameters: { resource: 'task', operation: 'getTask', taskId, download: true },
					credentials: {
						runwayApi: { type: new RunwayApi(), data: { apiKey: FAKE_RUNWAY_KEY, baseUrl: fake.baseUrl, apiVersion: '2024-11-06' } },
					},
				}),
		);
		const seconds = (Date.now() - started) / 1000;
		const binary = result.output[0].binary!.data;
		const file = path.join(result.test.binaryDir, binary.id!.replace(/^filesystem-v2:/, ''));
		console.log(
			JSON.stringify({
				where: 'in process (node execute, binary to disk)',
				videoMiB: mb(bytes),
				rssBeforeMiB: mb(before),
				rssPeakMiB: mb(peak),
				rssGrowthMiB: mb(peak - before),
				growthPerFile: Math.round(((peak - before) / bytes) * 1000) / 1000,
				MiBPerSecond: Math.round(mb(bytes) / seconds),
				check: verify(file, bytes),
			}),
		);
		fs.rmSync(file, { force: true });
	} finally {
		await fake.close();
	}
}

/** Peak RSS (VmHWM) of the n8n processes this process started, read from /proc. */
function n8nPeak(): number {
	let peak = 0;
	for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
		try {
			const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
			const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
			if (ppid !== process.pid) continue;
			peak = Math.max(peak, Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024);
		} catch {
			// the process ended between listing and reading
		}
	}
	return peak;
}

async function inN8n(bytes: number): Promise<void> {
	const n8n = createN8n();
	try {
		const rows = [];
		for (const size of [MiB, bytes]) {
			const fake = await startFakeRunway({ videoBytes: size });
			try {
				const taskId = await succeededTask(fake);
				const credential = {
					id: 'benchRunway',
					name: 'Fake Runway',
					type: 'runwayApi',
					data: { apiKey: FAKE_RUNWAY_KEY, baseUrl: fake.baseUrl, apiVersion: '2024-11-06' },
				};
				await n8n.importCredentials([credential]);
				const workflow = {
					id: 'benchDownload',
					name: 'Download benchmark',
					nodes: [
						{ id: 'a', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
						{
							id: 'b',
							name: 'Get Task',
							type: `${PACKAGE}.runwayVideo`,
							typeVersion: 1,
							position: [220, 0],
							parameters: { resource: 'task', operation: 'getTask', taskId, download: true },
							credentials: { runwayApi: { id: credential.id, name: credential.name } },
						},
					],
					connections: { Start: { main: [[{ node: 'Get Task', type: 'main', index: 0 }]] } },
					settings: {},
				};
				await n8n.importWorkflows([workflow]);
				const started = Date.now();
				const { result: run, peak } = await peakWhile(n8nPeak, () => n8n.executeWorkflow(workflow.id));
				const seconds = (Date.now() - started) / 1000;
				const [item] = nodeOutput(run, 'Get Task');
				const stored = item?.binary?.data;
				const check =
					run.status !== 'success' || !stored
						? `run ${run.status}`
						: readBinary(n8n.userFolder, stored).length === size
							? 'ok'
							: 'WRONG SIZE';
				rows.push({ videoMiB: mb(size), n8nPeakRssMiB: mb(peak), seconds, check });
			} finally {
				await fake.close();
			}
		}
		console.log(
			JSON.stringify({
				where: 'real n8n (n8n execute, filesystem binary mode)',
				runs: rows,
				peakGrowthMiB: Math.round((rows[1].n8nPeakRssMiB - rows[0].n8nPeakRssMiB) * 10) / 10,
				videoMiB: mb(bytes),
			}),
		);
	} finally {
		n8n.cleanup();
	}
}

async function main() {
	process.env.N8N_AI_VIDEO_MIN_POLL_SECONDS = '0';
	const bytes = Number(arg('mb', '1024')) * MiB;
	if (!process.argv.includes('--no-in-process')) await inProcess(bytes);
	if (!process.argv.includes('--no-n8n')) await inN8n(bytes);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
