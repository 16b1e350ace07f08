#!/usr/bin/env node
'use strict';
/*
 * npm start: n8n's editor with this package, the fake Sora, Runway and Telegram APIs, credentials pointing at
 * them and the example workflows imported, so a workflow runs with no API key. Ctrl-C stops everything.
 *
 *   node scripts/start.js [--no-build] [--reimport] [--n8n-version <v>]
 *
 * 1. `npm run build` (skip with --no-build), then Node 24 + n8n from the cache (installed on first use).
 * 2. The fakes on 127.0.0.1 (scripts/fakes.ts; ports N8N_AI_VIDEO_SORA_PORT / _RUNWAY_PORT / _TELEGRAM_PORT,
 *    default 5701-5703). The fake Telegram answers a Telegram Trigger waiting in the editor with a sample photo.
 * 3. Imports the credentials ("... (local fake)") and examples/*.json into the user folder (.n8n-local, or
 *    N8N_USER_FOLDER). Only what changed since the last start is imported again, so edits made in the editor
 *    survive a restart; --reimport imports everything again (overwriting those edits).
 * 4. `n8n start` on http://localhost:5678 (N8N_PORT), listening on 127.0.0.1 (N8N_LISTEN_ADDRESS), with an
 *    owner account created from the environment (N8N_INSTANCE_OWNER_MANAGED_BY_ENV, n8n >= 2.x), so there is
 *    no setup screen: log in with N8N_AI_VIDEO_OWNER_EMAIL / N8N_AI_VIDEO_OWNER_PASSWORD (defaults below).
 *    n8n 1.x (--n8n-version 1.123.x) has no such variables: the owner is created through the setup screen's
 *    request once n8n is up.
 *
 * Plain CommonJS; the TypeScript fakes load through ts-node (a devDependency), in this process.
 * Exports the set-up steps for scripts/demo.js.
 */

const childProcess = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

const n8n = require('./n8n.js');
const { createLogFilter, pipeLines } = require('./n8nLog.js');

const { REPO_ROOT, EDITOR_OUTPUT_DIR, loadFakes, build, importSetup, ownerEnv, setupOwner } = require('./setup.js');

function log(message) {
	process.stderr.write(`[start] ${message}\n`);
}

function portFree(port, host) {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, host, () => srv.close(() => resolve(true)));
	});
}

/** Resolves once n8n answers its readiness probe; rejects if `exited` settles first. */
async function waitReady(url, exited) {
	let gone = false;
	void exited.then(() => (gone = true));
	for (;;) {
		if (gone) throw new Error('n8n exited before it was ready (see its output above)');
		try {
			const res = await fetch(`${url}/healthz/readiness`);
			if (res.status === 200) return;
		} catch {
			/* not listening yet */
		}
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
}

/**
 * `n8n start` with this package, the owner from the environment and the fakes reachable; its output goes to
 * ours. Returns { url, owner, ready, exited }. n8n runs in its own process group and gets exactly one SIGINT
 * or SIGTERM from here when we get one (a terminal's Ctrl-C, or npm forwarding it): n8n handles only the
 * first and dies on a second, skipping its graceful shutdown.
 */
async function startEditor({ userFolder, port, listenAddress, env = {} }) {
	const L = await n8n.ensureN8n();
	const { env: owner, owner: login, setupOwner: viaSetupScreen } = ownerEnv(L);
	if (!(await portFree(port, listenAddress))) {
		throw new Error(`port ${port} on ${listenAddress} is in use (another n8n?): stop it or set N8N_PORT to another port`);
	}
	await n8n.installPackage({ userFolder, L, quiet: true });
	const childEnv = await n8n.n8nEnv({
		userFolder,
		allowLoopback: true,
		extra: { N8N_PORT: String(port), N8N_LISTEN_ADDRESS: listenAddress, ...owner, ...env },
	});
	// n8n's JSON log (quietEditorEnv), printed readably; a format of the user's own goes through as n8n writes it
	const readableLog = childEnv.N8N_LOG_FORMAT === 'json' && !process.env.N8N_LOG_FORMAT;
	const child = childProcess.spawn(L.nodeBin, [L.n8nBin, 'start'], {
		cwd: REPO_ROOT,
		env: childEnv,
		// no stdin: n8n would read keys from the terminal, which a background process group must not
		stdio: ['ignore', readableLog ? 'pipe' : 'inherit', readableLog ? 'pipe' : 'inherit'],
		detached: process.platform !== 'win32',
	});
	if (readableLog) {
		const filter = createLogFilter();
		pipeLines(child.stdout, process.stdout, filter);
		pipeLines(child.stderr, process.stderr, filter);
	}
	let signalled;
	const forward = (signal) => () => {
		if (signalled) return;
		signalled = signal;
		try {
			child.kill(signal);
		} catch {
			/* already gone */
		}
	};
	const handlers = { SIGINT: forward('SIGINT'), SIGTERM: forward('SIGTERM') };
	for (const [signal, handler] of Object.entries(handlers)) process.on(signal, handler);
	const exited = new Promise((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (code, signal) => {
			for (const [sig, handler] of Object.entries(handlers)) process.removeListener(sig, handler);
			resolve({ code, signal, stoppedBy: signalled });
		});
	});
	const url = `http://localhost:${port}`;
	const probe = `http://${listenAddress.includes(':') ? `[${listenAddress}]` : listenAddress === '0.0.0.0' ? '127.0.0.1' : listenAddress}:${port}`;
	const ready = waitReady(probe, exited).then(async () => {
		if (viaSetupScreen) await setupOwner(probe, login);
	});
	return { url, owner: login, exited, ready };
}

/**
 * n8n's own settings that keep `npm start` quiet after its banner and land the login on the workflow list;
 * each yields to the user's own value. Log level error: n8n warns at every start about its Python runner
 * (no virtualenv here) and about internal task-runner mode (deprecated, but what a one-process demo needs);
 * errors still show. Modules off: mcp-registry fetches a list from api.n8n.io at start (a stack trace
 * offline), and instance-ai (the n8n Assistant) is where `/` sends a user who logs in while it is active.
 * Verified packages off: opening the editor fetches n8n's list of verified community nodes (another stack
 * trace offline); installing community packages by name still works. Log format JSON: startEditor prints it
 * readably, each failing item's error once and without a stack (scripts/n8nLog.js says why n8n repeats them).
 */
function quietEditorEnv() {
	const quiet = {
		N8N_LOG_LEVEL: 'error',
		N8N_LOG_FORMAT: 'json',
		N8N_DISABLED_MODULES: 'mcp-registry,instance-ai',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
	};
	// n8n 1.x has neither module and refuses to start on a module name it does not know
	if (Number(n8n.N8N_VERSION.split('.')[0]) < 2) delete quiet.N8N_DISABLED_MODULES;
	return Object.fromEntries(Object.entries(quiet).map(([name, value]) => [name, process.env[name] || value]));
}

/** "03, 04 and 05": the numbers of the examples that write files. */
function writers(fakesModule) {
	const numbers = fakesModule
		.loadExamples(EDITOR_OUTPUT_DIR)
		.filter((e) => e.writesFiles)
		.map((e) => e.file.slice(0, 2));
	return numbers.length > 1 ? `${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}` : numbers.join('');
}

function flags(argv) {
	return { build: !argv.includes('--no-build'), reimport: argv.includes('--reimport') };
}

async function main() {
	const opts = flags(n8n.takeVersionOption(process.argv.slice(2)));
	const t0 = Date.now();
	if (opts.build) build();
	await n8n.ensureN8n();
	const fakesModule = loadFakes();
	const fakes = await fakesModule.startFakes({ telegramAutoPhoto: true });
	let stopping = false;
	const closeFakes = async () => {
		if (stopping) return;
		stopping = true;
		await fakes.close();
	};
	try {
		const userFolder = n8n.defaultUserFolder();
		fs.mkdirSync(userFolder, { recursive: true });
		fs.mkdirSync(EDITOR_OUTPUT_DIR, { recursive: true });
		// where the examples write when imported as they are (`npm run n8n -- import:workflow --input=examples/...`)
		fs.mkdirSync(path.join(REPO_ROOT, 'demo-output', 'videos'), { recursive: true });
		// The nodes keep their own polling floors here (Runway: 5 s), because this is the instance where users
		// switch a credential to the real API. Only an explicit N8N_AI_VIDEO_MIN_POLL_SECONDS lowers them.
		const env = process.env.N8N_AI_VIDEO_MIN_POLL_SECONDS
			? { N8N_AI_VIDEO_MIN_POLL_SECONDS: process.env.N8N_AI_VIDEO_MIN_POLL_SECONDS }
			: {};
		const imported = await importSetup({ fakesModule, fakes, userFolder, outputDir: EDITOR_OUTPUT_DIR, onlyChanged: !opts.reimport, env });
		log(
			`imported ${imported.credentials.length} credential(s) and ${imported.workflows.length} workflow(s)` +
				(imported.workflows.length ? `: ${imported.workflows.join(', ')}` : ' (unchanged since the last start; --reimport to overwrite)'),
		);
		const port = Number(process.env.N8N_PORT || 5678);
		const listenAddress = process.env.N8N_LISTEN_ADDRESS || '127.0.0.1';
		const editor = await startEditor({
			userFolder,
			port,
			listenAddress,
			env: { N8N_GRACEFUL_SHUTDOWN_TIMEOUT: process.env.N8N_GRACEFUL_SHUTDOWN_TIMEOUT || '5', ...quietEditorEnv(), ...env },
		});
		editor.ready.then(
			() => {
				const lines = [
					'',
					`n8n ${n8n.N8N_VERSION} is ready with n8n-nodes-ai-video (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
					`  Editor     ${editor.url}`,
					editor.owner
						? `  Log in     ${editor.owner.email} / ${editor.owner.password}   (owner created at start: no setup screen)`
						: '  Log in     with the owner from your N8N_INSTANCE_OWNER_* variables',
					'  Workflows  Overview lists the examples; open one and click "Execute workflow".',
					'             01 (Telegram Trigger): the fake Telegram sends a sample photo a moment after you click.',
					`  Fake APIs  Sora ${fakes.sora.baseUrl}  Runway ${fakes.runway.baseUrl}  Telegram ${fakes.telegram.url}`,
					'             (credentials "... (local fake)"; the README, "Using a real API", shows how to use a real API instead)',
					`  Files      examples ${writers(fakesModule)} write their videos to ${path.relative(process.cwd(), EDITOR_OUTPUT_DIR) || EDITOR_OUTPUT_DIR}`,
					'  Stop       Ctrl-C',
					'',
				];
				process.stdout.write(`${lines.join('\n')}\n`);
			},
			(error) => log(error.message),
		);
		const r = await editor.exited;
		await closeFakes();
		if (r.stoppedBy) log('n8n and the fake APIs stopped');
		if (r.code === null) return r.stoppedBy ? 0 : 1;
		return r.code;
	} catch (error) {
		await closeFakes();
		throw error;
	}
}

module.exports = { startEditor, quietEditorEnv };

if (require.main === module) {
	main().then(
		(code) => process.exit(code),
		(error) => {
			log(error && error.message ? error.message : String(error));
			process.exit(1);
		},
	);
}
