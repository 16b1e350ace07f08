/**
 * `npm run queue` as a user runs it (the script itself, build skipped because `npm test` has just built): it
 * says where the editor is, the main and both workers are up with the examples imported into Postgres, and
 * Ctrl-C stops every process it started (n8n main, workers and their task runners, Postgres, Redis): none is
 * left running and none of their ports answers.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

import { FIRST_TIMEOUT_MS } from './harness';

jest.setTimeout(FIRST_TIMEOUT_MS);

const REPO_ROOT = path.resolve(__dirname, '../..');

function connects(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/** Processes whose command line or environment mentions `needle` (Linux /proc; we run as their user or root). */
function processesMentioning(needle: string): string[] {
	const found: string[] = [];
	for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
		if (Number(pid) === process.pid) continue;
		try {
			const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
			const environ = fs.readFileSync(`/proc/${pid}/environ`, 'utf8');
			if (cmdline.includes(needle) || environ.includes(needle)) found.push(`${pid}: ${cmdline.replace(/\0/g, ' ').slice(0, 160)}`);
		} catch {
			/* gone, or not ours to read */
		}
	}
	return found;
}

it('npm run queue: the editor, a main and two workers on Postgres and Redis; Ctrl-C stops them all', async () => {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-ai-video-queue-script-'));
	const env: NodeJS.ProcessEnv = { ...process.env, N8N_USER_FOLDER: userFolder };
	delete env.NODE_ENV;
	const child = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts', 'queue.js'), '--no-build'], {
		cwd: REPO_ROOT,
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let output = '';
	child.stdout.on('data', (d: Buffer) => (output += d.toString()));
	child.stderr.on('data', (d: Buffer) => (output += d.toString()));
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.on('close', (code, signal) => resolve({ code, signal })),
	);
	let dataDir = '';
	try {
		await new Promise<void>((resolve, reject) => {
			const check = (): void => {
				if (/in queue mode is ready/.test(output) && /Stop\s+Ctrl-C/.test(output)) resolve();
			};
			child.stdout.on('data', check);
			void exited.then(() => reject(new Error(`npm run queue exited before it was ready:\n${output.split('\n').slice(-40).join('\n')}`)));
		});
		const editor = /Editor\s+(http:\/\/localhost:(\d+))/.exec(output);
		const pg = /Postgres\s+127\.0\.0\.1:(\d+) \(data (.+?)\)\s+Redis 127\.0\.0\.1:(\d+)/.exec(output);
		expect(editor).not.toBeNull();
		expect(pg).not.toBeNull();
		dataDir = pg![2];
		expect(output).toMatch(/Workers\s+2 \(concurrency 5 each\)/);
		expect(output).toMatch(/Log in\s+demo@example\.com \/ AiVideo-demo1/);
		const ready = await fetch(`http://127.0.0.1:${editor![2]}/healthz/readiness`);
		expect(ready.status).toBe(200);
		const logs = path.join(userFolder, 'logs');
		for (const w of ['worker-1', 'worker-2'])
			expect(fs.readFileSync(path.join(logs, `${w}.log`), 'utf8')).toContain('n8n worker is now ready');
		expect(output).toMatch(/imported 3 credential\(s\) and \d+ workflow\(s\)/);

		const ports = [Number(editor![2]), Number(pg![1]), Number(pg![3])];
		expect(await Promise.all(ports.map(connects))).toEqual([true, true, true]);
		process.kill(-child.pid!, 'SIGINT'); // a terminal's Ctrl-C
		const r = await exited;
		expect(r.code).toBe(0);
		expect(await Promise.all(ports.map(connects))).toEqual([false, false, false]);
		expect([...processesMentioning(userFolder), ...processesMentioning(dataDir)]).toEqual([]);
	} finally {
		if (child.exitCode === null && child.signalCode === null) {
			process.kill(-child.pid!, 'SIGINT');
			await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
		}
		if (process.env.KEEP_E2E_FOLDERS !== '1') {
			fs.rmSync(userFolder, { recursive: true, force: true });
			if (dataDir.startsWith(os.tmpdir())) fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
		}
	}
});
