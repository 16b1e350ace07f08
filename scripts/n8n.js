#!/usr/bin/env node
'use strict';
/*
 * Run a real n8n with this package loaded, headless and scriptable.
 *
 *   node scripts/n8n.js [--n8n-version <v>] <n8n args...>        (npm run n8n -- <n8n args...>)
 *
 * The n8n version: --n8n-version, else $N8N_AI_VIDEO_N8N_VERSION, else 2.41.1. An exact version, or a tested line
 * (`1.123.x`, `1.x`, `2.x`) for the version tested in it. Each runs on the Node its engines want (npm package
 * `node@22` or `node@24`). First use installs that Node and n8n into a cache outside the repo, one folder per
 * version ($N8N_AI_VIDEO_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-ai-video, then n8n-<version>), ~5 min.
 * Every run installs this package into <userFolder>/.n8n/nodes/node_modules/n8n-nodes-ai-video, the way
 * n8n's community-node installer lays it out, so node types are `n8n-nodes-ai-video.<name>`; dist/ goes into a
 * folder per content version, never replaced under an n8n already running from that user folder.
 *
 * Plain CommonJS on Node's stdlib only: it runs on the system Node 20 and starts n8n on Node 22 or 24.
 * API (for the e2e harness and the start/demo scripts): { ensureN8n, n8nEnv, runN8n, installPackage, ... }.
 */

const childProcess = require('child_process');
const path = require('path');

const { freePort } = require('./lib/freePort');
const { cacheDir, cacheRoot, ensureN8n, layout, log, npmEnv, withLock } = require('./lib/n8nCache');
const { REPO_ROOT, defaultUserFolder, loopbackEnv, n8nEnv } = require('./lib/n8nEnv');
const {
	DEFAULT_VERSION,
	TESTED_VERSIONS,
	activateWorkflowArgs,
	binaryDataDir,
	n8nVersion,
	resolveVersion,
	takeVersionOption,
} = require('./lib/n8nVersions');
const { installPackage } = require('./lib/packageInstall');

/**
 * Run `n8n <args>` on its Node with this package installed in the user folder.
 * Options: { userFolder, env (extra vars), allowLoopback, stdio ('inherit' streams; default captures),
 *            cwd, timeoutMs }.  Resolves { code, signal, stdout, stderr, ms }; never rejects on a non-zero exit.
 */
async function runN8n(args, opts = {}) {
	const userFolder = opts.userFolder ? path.resolve(opts.userFolder) : defaultUserFolder();
	const L = await ensureN8n();
	await installPackage({ userFolder, L, quiet: !!opts.quiet });
	const env = await n8nEnv({ userFolder, extra: opts.env || {}, allowLoopback: !!opts.allowLoopback });
	const t0 = Date.now();
	return new Promise((resolve, reject) => {
		const child = childProcess.spawn(L.nodeBin, [L.n8nBin, ...args], {
			cwd: opts.cwd || REPO_ROOT,
			env,
			stdio: opts.stdio === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		if (child.stdout) child.stdout.on('data', (d) => (stdout += d));
		if (child.stderr) child.stderr.on('data', (d) => (stderr += d));
		let timer;
		if (opts.timeoutMs) {
			timer = setTimeout(() => {
				stderr += `\n[n8n.js] killed after ${opts.timeoutMs} ms\n`;
				child.kill('SIGKILL');
			}, opts.timeoutMs);
		}
		const forward = (sig) => () => child.kill(sig);
		// With a shared terminal, Ctrl-C already reached n8n (same process group): a second SIGINT would make it
		// skip its graceful shutdown, so the parent only waits for it. SIGTERM (e.g. from a supervisor) is passed on.
		const handlers = opts.stdio === 'inherit' ? { SIGINT: () => undefined, SIGTERM: forward('SIGTERM') } : {};
		for (const [sig, h] of Object.entries(handlers)) process.on(sig, h);
		child.on('error', (e) => {
			if (timer) clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code, signal) => {
			if (timer) clearTimeout(timer);
			for (const [sig, h] of Object.entries(handlers)) process.removeListener(sig, h);
			resolve({ code, signal, stdout, stderr, ms: Date.now() - t0 });
		});
	});
}

module.exports = {
	REPO_ROOT,
	DEFAULT_VERSION,
	TESTED_VERSIONS,
	resolveVersion,
	n8nVersion,
	takeVersionOption,
	activateWorkflowArgs,
	binaryDataDir,
	cacheRoot,
	cacheDir,
	layout,
	ensureN8n,
	n8nEnv,
	loopbackEnv,
	installPackage,
	runN8n,
	defaultUserFolder,
	freePort,
	withLock,
	npmEnv,
};
/** The version this process runs (read when used: --n8n-version may set it after this module loaded). */
Object.defineProperty(module.exports, 'N8N_VERSION', { enumerable: true, get: n8nVersion });

if (require.main === module) {
	(async () => {
		const args = takeVersionOption(process.argv.slice(2));
		if (args[0] === '--install-only') {
			const L = await ensureN8n();
			log(`n8n ${L.version} ready: ${L.n8nBin}`);
			return 0;
		}
		const r = await runN8n(args, { stdio: 'inherit' });
		if (r.signal) log(`n8n exited on ${r.signal}`);
		return r.code === null ? 1 : r.code;
	})().then(
		(code) => process.exit(code),
		(err) => {
			log(err && err.message ? err.message : String(err));
			process.exit(1);
		},
	);
}
