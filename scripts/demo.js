#!/usr/bin/env node
'use strict';
/*
 * npm run demo: every example workflow once, headless, against the fake APIs, in a real n8n; what came out
 * (prepared images, videos) is written to demo-output/<timestamp>/ with a summary.
 *
 *   node scripts/demo.js [--no-build] [--keep] [--out=<folder>] [--n8n-version <v>]
 *
 * - The examples that start with a Manual Trigger run in one `n8n execute-batch` (one n8n start for all).
 * - The Telegram Trigger examples are published and run the way they run for real: `n8n start`, the trigger
 *   registers its webhook with the fake Telegram, which then delivers a user's photo message; the workflow
 *   replies with the video, and the fake Telegram records it. One at a time: a bot has one webhook. (Example
 *   08 also needs `n8n start`: n8n's CLI `execute` does not load Data Tables.)
 * - n8n's data lives in a fresh temp folder (kept with --keep); the fakes use the ports of `npm start`
 *   (N8N_AI_VIDEO_*_PORT) or, when those are taken, free ones.
 * - --n8n-version (or N8N_AI_VIDEO_N8N_VERSION): the n8n to run them on (scripts/n8n.js), e.g. 1.123.x.
 * Exits 1 when a workflow that should succeed did not.
 */

const childProcess = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { freePort } = require('./lib/freePort');
const n8n = require('./n8n.js');
const setup = require('./setup.js');

const REPO_ROOT = n8n.REPO_ROOT;

function log(message) {
	process.stderr.write(`[demo] ${message}\n`);
}

function parseArgs(argv) {
	const out = argv.find((a) => a.startsWith('--out='));
	return { build: !argv.includes('--no-build'), keep: argv.includes('--keep'), out: out ? out.slice('--out='.length) : undefined };
}

function timestamp(date = new Date()) {
	const p = (n) => String(n).padStart(2, '0');
	return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function tail(text, lines = 30) {
	return text.trim().split('\n').slice(-lines).join('\n');
}

function kb(bytes) {
	return bytes >= 1024 * 1024 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

async function startFakesSomewhere(fakesModule, options) {
	try {
		return await fakesModule.startFakes(options);
	} catch (error) {
		if (!/port in use/.test(error.message)) throw error;
		log(`${error.message.split(' (')[0]}: the ports are taken (npm start running?), using free ones`);
		return await fakesModule.startFakes({ ...options, ports: { sora: 0, runway: 0, telegram: 0 } });
	}
}

/** `n8n execute-batch` over `ids`: one n8n start; returns { id: { status, seconds, error } }. */
async function executeBatch(ids, { userFolder, env, workDir }) {
	const output = path.join(workDir, 'execute-batch.json');
	const snapshots = path.join(workDir, 'runs');
	fs.mkdirSync(snapshots, { recursive: true });
	const args = [
		'execute-batch',
		`--ids=${ids.join(',')}`,
		`--output=${output}`,
		`--snapshot=${snapshots}`,
		'--retries=0',
		'--concurrency=1',
	];
	const r = await n8n.runN8n(args, {
		userFolder,
		allowLoopback: true,
		quiet: true,
		env,
	});
	if (!fs.existsSync(output)) {
		throw new Error(`n8n execute-batch wrote no results (exit ${r.code}${r.signal ? `, ${r.signal}` : ''}):\n${tail(r.stdout + r.stderr)}`);
	}
	const results = JSON.parse(fs.readFileSync(output, 'utf8'));
	const byId = {};
	for (const e of results.executions) {
		// execute-batch rounds its executionTime to whole seconds; the run JSON (written for successful runs) has ms
		let seconds = e.executionTime;
		try {
			const run = JSON.parse(fs.readFileSync(path.join(snapshots, `${e.workflowId}-snapshot.json`), 'utf8'));
			seconds = (Date.parse(run.stoppedAt) - Date.parse(run.startedAt)) / 1000;
		} catch {
			/* no run JSON: a failed run */
		}
		byId[e.workflowId] = { status: e.executionStatus, seconds, error: e.error };
	}
	return byId;
}

/**
 * Runs trigger-started examples the way they run in production: publish, `n8n start`, the fake Telegram
 * delivers the sample photo message to the registered webhook, and the reply arrives at the fake.
 */
async function runTriggerExamples(examples, { userFolder, env, fakes, logFile }) {
	const results = {};
	if (examples.length === 0) return results;
	for (const ex of examples) {
		const args = n8n.activateWorkflowArgs(ex.workflow.id);
		const r = await n8n.runN8n(args, { userFolder, allowLoopback: true, quiet: true, env });
		if (r.code !== 0) throw new Error(`n8n ${args.join(' ')} failed:\n${tail(r.stdout + r.stderr)}`);
	}
	const L = await n8n.ensureN8n();
	await n8n.installPackage({ userFolder, L, quiet: true });
	const port = await freePort();
	const childEnv = await n8n.n8nEnv({
		userFolder,
		allowLoopback: true,
		extra: { ...env, N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1', N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5' },
	});
	const logStream = fs.openSync(logFile, 'w');
	// Its own process group, so stopping it also stops its task runner.
	const child = childProcess.spawn(L.nodeBin, [L.n8nBin, 'start'], {
		cwd: REPO_ROOT,
		env: childEnv,
		stdio: ['ignore', logStream, logStream],
		detached: process.platform !== 'win32',
	});
	const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
	let closed = false;
	void exited.then(() => (closed = true));
	const stop = async () => {
		if (closed) return;
		try {
			if (process.platform !== 'win32') process.kill(-child.pid, 'SIGTERM');
			else child.kill('SIGTERM');
		} catch {
			/* already gone */
		}
		const done = await Promise.race([exited.then(() => true), sleep(20000).then(() => false)]);
		if (!done) {
			try {
				if (process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
				else child.kill('SIGKILL');
			} catch {
				/* already gone */
			}
			await exited;
		}
	};
	const onSignal = () => void stop().then(() => process.exit(130));
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	try {
		const deadline = Date.now() + 120000;
		const until = async (what, check) => {
			for (;;) {
				const value = check();
				if (value) return value;
				if (closed) throw new Error(`n8n stopped while waiting for ${what} (log: ${logFile})`);
				if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} (log: ${logFile})`);
				await sleep(200);
			}
		};
		const t0 = Date.now();
		// Activating the Telegram Trigger registers its webhook with the fake Telegram.
		// this n8n's own registration: the fake keeps the last one a previous n8n made
		await until(
			'the Telegram Trigger to register its webhook',
			() => fakes.telegram.webhook && fakes.telegram.webhook.url.includes(`:${port}/`),
		);
		for (const ex of examples) {
			const before = fakes.telegram.sent.length;
			const started = Date.now();
			let delivery;
			for (let attempt = 0; attempt < 5; attempt++) {
				delivery = await fakes.telegram.pushUpdate(fakes.sampleUpdate());
				if (delivery.status === 200) break;
				await sleep(500);
			}
			if (delivery.status !== 200) {
				results[ex.workflow.id] = { status: 'error', error: `webhook answered ${delivery.status ?? delivery.error}` };
				continue;
			}
			// a bot may say something first (08: "Making your video now"); the reply is the first file it sends
			const sent = await until(`${ex.workflow.name} to send a video`, () => fakes.telegram.sent.slice(before).find((s) => s.file));
			const ok = sent.method === 'sendVideo' && sent.file && sent.file.bytes > 0;
			results[ex.workflow.id] = {
				status: ok ? 'success' : 'error',
				seconds: (Date.now() - started) / 1000,
				error: ok ? undefined : `the bot replied with ${sent.method}${sent.text ? `: "${sent.text}"` : ''} instead of a video`,
				telegram: sent.file ? { fileName: sent.file.fileName, bytes: sent.file.bytes, chatId: sent.chatId } : undefined,
			};
		}
		log(`n8n start + trigger runs: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	} finally {
		process.removeListener('SIGINT', onSignal);
		process.removeListener('SIGTERM', onSignal);
		await stop();
		fs.closeSync(logStream);
		for (const ex of examples)
			await n8n.runN8n(['unpublish:workflow', `--id=${ex.workflow.id}`], { userFolder, allowLoopback: true, quiet: true, env });
	}
	return results;
}

/** Every binary n8n stored for a workflow's executions: { file, fileName, mimeType, bytes }. */
function storedBinaries(userFolder, workflowId) {
	const root = path.join(n8n.binaryDataDir(userFolder), 'workflows', workflowId, 'executions');
	if (!fs.existsSync(root)) return [];
	const found = [];
	for (const execution of fs.readdirSync(root)) {
		const dir = path.join(root, execution, 'binary_data');
		if (!fs.existsSync(dir)) continue;
		for (const name of fs.readdirSync(dir)) {
			if (!name.endsWith('.metadata')) continue;
			const file = path.join(dir, name.slice(0, -'.metadata'.length));
			if (!fs.existsSync(file)) continue;
			const meta = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
			found.push({
				file,
				fileName: meta.fileName || path.basename(file),
				mimeType: meta.mimeType,
				bytes: fs.statSync(file).size,
				mtime: fs.statSync(file).mtimeMs,
			});
		}
	}
	return found.sort((a, b) => a.mtime - b.mtime);
}

function copyOutputs(binaries, dir) {
	fs.mkdirSync(dir, { recursive: true });
	const written = [];
	for (const b of binaries) {
		const parsed = path.parse(b.fileName.replace(/[/\\]/g, '_'));
		let name = parsed.base;
		for (let i = 2; fs.existsSync(path.join(dir, name)); i++) name = `${parsed.name}-${i}${parsed.ext}`;
		fs.copyFileSync(b.file, path.join(dir, name));
		written.push({ name, mimeType: b.mimeType, bytes: b.bytes });
	}
	return written;
}

/** A long file name cut in the middle, for the table. */
function short(name, max = 32) {
	return name.length <= max ? name : `${name.slice(0, max - 13)}…${name.slice(-12)}`;
}

function table(rows) {
	const headers = ['Workflow', 'Status', 'Outputs', 'Time'];
	const body = rows.map((r) => [r.workflow, r.status, r.outputs, r.time]);
	const widths = headers.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
	const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
	return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

async function runDemo(opts = {}) {
	const t0 = Date.now();
	if (opts.build !== false) setup.build();
	await n8n.ensureN8n();
	const fakesModule = setup.loadFakes();
	const outDir = path.resolve(opts.out || path.join(REPO_ROOT, 'demo-output', timestamp()));
	const writtenDir = path.join(outDir, 'written');
	const logDir = path.join(outDir, 'logs');
	fs.mkdirSync(writtenDir, { recursive: true });
	fs.mkdirSync(logDir, { recursive: true });
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-ai-video-demo-'));
	const env = { N8N_AI_VIDEO_MIN_POLL_SECONDS: process.env.N8N_AI_VIDEO_MIN_POLL_SECONDS || '0.2' };
	const fakes = await startFakesSomewhere(fakesModule, { sora: { pollAfterMs: 200 } });
	const rows = [];
	let failed = 0;
	try {
		log(`fakes: Sora ${fakes.sora.baseUrl}, Runway ${fakes.runway.baseUrl}, Telegram ${fakes.telegram.url}; n8n data in ${userFolder}`);
		let t = Date.now();
		await setup.importSetup({ fakesModule, fakes, userFolder, outputDir: writtenDir, env });
		log(`imported credentials and examples in ${((Date.now() - t) / 1000).toFixed(1)} s`);

		const examples = fakesModule.loadExamples(writtenDir).filter((ex) => {
			// n8n 1.x's Data Table node can neither create a table nor find one by name: example 08 needs 2.x.
			const needs2 = ex.workflow.nodes.some((node) => node.type === 'n8n-nodes-base.dataTable');
			if (needs2 && Number(n8n.n8nVersion().split('.')[0]) < 2)
				log(`${ex.file}: left out on n8n ${n8n.n8nVersion()} (its Data Tables need n8n 2.x)`);
			return !(needs2 && Number(n8n.n8nVersion().split('.')[0]) < 2);
		});
		const runnable = examples.filter((e) => e.runnable);
		const triggered = examples.filter((e) => !e.runnable);
		t = Date.now();
		const results = {
			...(await executeBatch(
				runnable.map((e) => e.workflow.id),
				{ userFolder, env, workDir: logDir },
			)),
		};
		log(`execute-batch (${runnable.length} workflows) in ${((Date.now() - t) / 1000).toFixed(1)} s`);
		for (const ex of triggered) {
			Object.assign(
				results,
				await runTriggerExamples([ex], { userFolder, env, fakes, logFile: path.join(logDir, `n8n-start-${ex.workflow.id}.log`) }),
			);
		}

		const summary = [];
		for (const ex of examples) {
			const id = ex.workflow.id;
			const result = results[id] || { status: 'not run', error: 'no result' };
			const stem = ex.file.replace(/\.json$/, '');
			const outputs = copyOutputs(storedBinaries(userFolder, id), path.join(outDir, stem));
			if (result.status !== 'success') failed++;
			summary.push({ file: ex.file, id, name: ex.workflow.name, ...result, outputs });
			const described = outputs.map((o) => `${short(o.name)} ${kb(o.bytes)}`);
			if (result.telegram) described.push(`sent to Telegram chat ${result.telegram.chatId}: ${kb(result.telegram.bytes)} video`);
			rows.push({
				workflow: ex.workflow.name,
				status:
					result.status === 'success'
						? 'ok'
						: `FAILED: ${String(result.error || result.status)
								.split('\n')[0]
								.slice(0, 120)}`,
				outputs: described.join(', ') || '-',
				time: result.seconds === undefined ? '-' : `${Number(result.seconds).toFixed(1)} s`,
			});
		}
		const written = fs.readdirSync(writtenDir);
		const text = [
			`n8n-nodes-ai-video demo: n8n ${n8n.N8N_VERSION}, ${examples.length} example workflows against the fake APIs`,
			'',
			table(rows),
			'',
			`Files written by the workflows' Write File nodes: ${written.length ? written.join(', ') : 'none'} (in written/)`,
			`Total ${((Date.now() - t0) / 1000).toFixed(1)} s. Output: ${outDir}`,
		].join('\n');
		fs.writeFileSync(path.join(outDir, 'summary.json'), JSON.stringify({ n8n: n8n.N8N_VERSION, workflows: summary, written }, null, '\t'));
		fs.writeFileSync(path.join(outDir, 'summary.md'), `${text}\n`);
		process.stdout.write(`\n${text}\n`);
		return { failed, outDir, summary };
	} finally {
		await fakes.close();
		if (opts.keep) log(`n8n user folder kept: ${userFolder}`);
		else fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

module.exports = { runDemo };

if (require.main === module) {
	Promise.resolve()
		.then(() => runDemo(parseArgs(n8n.takeVersionOption(process.argv.slice(2)))))
		.then(
			({ failed }) => {
				if (failed) log(`${failed} workflow(s) did not succeed`);
				process.exit(failed ? 1 : 0);
			},
			(error) => {
				log(error && error.message ? error.message : String(error));
				process.exit(1);
			},
		);
}
