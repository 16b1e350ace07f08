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
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

/**
 * The versions tested, one per line, default first. 2.41.3 does not install from this registry snapshot
 * (@n8n/agents 0.26.2 missing); 1.123.x is the last 1.x line (LTS, still patched).
 */
const TESTED_VERSIONS = ['2.41.1', '1.123.81'];
const DEFAULT_VERSION = TESTED_VERSIONS[0];
const VERSION_VARIABLE = 'N8N_AI_VIDEO_N8N_VERSION';
/**
 * npm overrides for dependencies the registry cannot serve: linkedom@0.18.15 (n8n 2.x) depends on cssomnom, which
 * the registry does not have; n8n-nodes-base 1.x takes xlsx as a tarball from cdn.sheetjs.com, use the registry's.
 */
const N8N_OVERRIDES = { 1: { xlsx: '0.18.5' }, 2: { linkedom: '0.18.14' } };
/** Install scripts are skipped (kafka's downloads from github.com fail and roll the install back); these are rebuilt. */
const REBUILD_REQUIRED = ['sqlite3'];
/** Rebuilt when n8n has them (isolated-vm: 2.x only); the optional ones have pure-JS fallbacks, so a failure only warns. */
const REBUILD_IF_PRESENT = ['isolated-vm'];
const REBUILD_OPTIONAL = ['msgpackr-extract'];
const MARKER = '.install-complete.json';

const REPO_ROOT = path.resolve(__dirname, '..');

/** The package to load into n8n: this repo (its package.json + dist/) unless N8N_AI_VIDEO_PACKAGE_ROOT says otherwise. */
function defaultPackageRoot() {
	return process.env.N8N_AI_VIDEO_PACKAGE_ROOT ? path.resolve(process.env.N8N_AI_VIDEO_PACKAGE_ROOT) : REPO_ROOT;
}

function log(message) {
	process.stderr.write(`[n8n.js] ${message}\n`);
}

/** An exact version as given; a line (`1.123.x`, `1.123`, `1.x`, `1`) as the version tested in it. */
function resolveVersion(spec) {
	const given = String(spec || '').trim();
	if (!given) return DEFAULT_VERSION;
	if (/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(given)) return given;
	const line = given.replace(/(\.[x*])+$/i, '');
	const tested = /^\d+(\.\d+)?$/.test(line) && TESTED_VERSIONS.find((v) => v.startsWith(`${line}.`));
	if (!tested) {
		throw new Error(`n8n version "${given}": give an exact version (e.g. 1.123.81) or a tested line (${TESTED_VERSIONS.map((v) => v.replace(/\.\d+$/, '.x')).join(', ')})`);
	}
	return tested;
}

/** The n8n version this process runs: $N8N_AI_VIDEO_N8N_VERSION (set by --n8n-version), else the default. */
function n8nVersion() {
	return resolveVersion(process.env[VERSION_VARIABLE]);
}

/**
 * Takes `--n8n-version <v>` / `--n8n-version=<v>` out of a script's arguments and puts the version into
 * $N8N_AI_VIDEO_N8N_VERSION, so this process and every script or n8n it starts use it. Returns the other arguments.
 */
function takeVersionOption(argv) {
	const rest = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		let value;
		if (arg === '--n8n-version') value = argv[++i];
		else if (arg.startsWith('--n8n-version=')) value = arg.slice('--n8n-version='.length);
		else {
			rest.push(arg);
			continue;
		}
		if (!value) throw new Error('--n8n-version needs a version, e.g. --n8n-version 1.123.x');
		process.env[VERSION_VARIABLE] = resolveVersion(value);
	}
	return rest;
}

function major(version) {
	return Number(version.split('.')[0]);
}

/** The CLI command that makes a workflow's triggers listen from the next `n8n start`: 2.x publishes, 1.x activates. */
function activateWorkflowArgs(id, version = n8nVersion()) {
	return major(version) >= 2 ? ['publish:workflow', `--id=${id}`] : ['update:workflow', `--id=${id}`, '--active=true'];
}

/** Where n8n keeps binary data in filesystem mode: `.n8n/storage` on 2.x, `.n8n/binaryData` on 1.x. */
function binaryDataDir(userFolder, version = n8nVersion()) {
	return path.join(userFolder, '.n8n', major(version) >= 2 ? 'storage' : 'binaryData');
}

/** The Node major a version runs on: n8n >= 2.36 declares engines node >= 24; 1.x and older 2.x run on 22. */
function nodeMajor(version) {
	const [maj, min] = version.split('.').map(Number);
	return maj > 2 || (maj === 2 && min >= 36) ? 24 : 22;
}

/** The folder holding one `n8n-<version>` folder per version (and the other caches: Postgres, real pictures). */
function cacheRoot() {
	if (process.env.N8N_AI_VIDEO_CACHE) return path.resolve(process.env.N8N_AI_VIDEO_CACHE);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-ai-video');
}

function cacheDir(version = n8nVersion()) {
	return path.join(cacheRoot(), `n8n-${version}`);
}

/** Where everything lives inside the cache. */
function layout(version = n8nVersion()) {
	const dir = cacheDir(version);
	const nodeMajorVersion = nodeMajor(version);
	const nodeInstallDir = path.join(dir, `node${nodeMajorVersion}`);
	const nodeDir = path.join(nodeInstallDir, 'node_modules', 'node', 'node_modules', `node-${process.platform}-${process.arch}`);
	const n8nDir = path.join(dir, 'n8n');
	return {
		dir,
		version,
		nodeMajor: nodeMajorVersion,
		nodeInstallDir,
		/** The real Node binary and the folder with its headers (include/node), for node-gyp. */
		nodeBin: path.join(nodeDir, 'bin', 'node'),
		nodeDir,
		nodeBinDir: path.join(nodeDir, 'bin'),
		n8nDir,
		n8nBin: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		marker: path.join(dir, MARKER),
		lock: path.join(dir, '.install-lock'),
	};
}

/**
 * The environment for npm child processes: nothing inherited from an enclosing `npm run` (it exports the
 * repo's .npmrc, e.g. ignore_scripts=true) and the user npmrc's quirks (yes=false, a Node-20 nodedir)
 * overridden explicitly.
 */
function npmEnv(extra = {}) {
	const env = {};
	const keep = new Set(['npm_config_cache', 'npm_config_cafile', 'npm_config_userconfig', 'npm_config_registry']);
	for (const [k, v] of Object.entries(process.env)) {
		if (/^npm_/i.test(k) && !keep.has(k.toLowerCase())) continue;
		env[k] = v;
	}
	Object.assign(env, {
		npm_config_yes: 'true',
		npm_config_fund: 'false',
		npm_config_audit: 'false',
		npm_config_update_notifier: 'false',
		npm_config_progress: 'false',
	});
	return Object.assign(env, extra);
}

function nodeEnv(L, extra = {}) {
	return npmEnv({
		PATH: `${L.nodeBinDir}${path.delimiter}${process.env.PATH || ''}`,
		npm_config_nodedir: L.nodeDir,
		...extra,
	});
}

/** spawn as a promise; output captured (and optionally echoed to stderr) unless stdio is given. */
function run(cmd, args, { cwd, env, echo = false, stdio } = {}) {
	return new Promise((resolve, reject) => {
		const child = childProcess.spawn(cmd, args, { cwd, env, stdio: stdio || ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		if (!stdio) {
			child.stdout.on('data', (d) => {
				stdout += d;
				if (echo) process.stderr.write(d);
			});
			child.stderr.on('data', (d) => {
				stderr += d;
				if (echo) process.stderr.write(d);
			});
		}
		child.on('error', reject);
		child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
	});
}

async function mustRun(what, cmd, args, opts) {
	const t0 = Date.now();
	const r = await run(cmd, args, opts);
	if (r.code !== 0) {
		const tail = (r.stdout + r.stderr).split('\n').slice(-40).join('\n');
		throw new Error(`${what} failed (exit ${r.code}${r.signal ? `, ${r.signal}` : ''}):\n${tail}`);
	}
	log(`${what}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	return r;
}

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

/** A lock directory so two processes never install into the same cache at once. */
async function withLock(lockDir, fn) {
	fs.mkdirSync(path.dirname(lockDir), { recursive: true });
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			let owner = NaN;
			try {
				owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
			} catch {
				/* being created or removed */
			}
			if (owner && !pidAlive(owner)) {
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (!announced) log(`waiting for another process (pid ${owner || '?'}) to finish installing (${lockDir})`);
			announced = true;
			await sleep(1000);
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

function readMarker(L) {
	try {
		const m = JSON.parse(fs.readFileSync(L.marker, 'utf8'));
		if (m.n8n === L.version && fs.existsSync(L.nodeBin) && fs.existsSync(L.n8nBin)) return m;
	} catch {
		/* no marker: not installed (or half installed) */
	}
	return null;
}

async function install(L) {
	const t0 = Date.now();
	const version = L.version;
	const nodeSpec = `node@${L.nodeMajor}`;
	log(`installing n8n ${version} into ${L.dir} (first run or an interrupted install, ~5 min)`);
	fs.rmSync(L.marker, { force: true });

	// 1. Node. Its preinstall script fetches node-<platform>-<arch>, so scripts must run here.
	fs.mkdirSync(L.nodeInstallDir, { recursive: true });
	fs.writeFileSync(
		path.join(L.nodeInstallDir, 'package.json'),
		JSON.stringify({ name: `ai-video-node${L.nodeMajor}`, private: true, description: `Node ${L.nodeMajor} for n8n (cache)` }, null, '\t'),
	);
	if (!fs.existsSync(L.nodeBin)) {
		log(`installing ${nodeSpec} (~15 s)`);
		await mustRun(`npm install ${nodeSpec}`, 'npm', ['install', nodeSpec, '--no-save'], {
			cwd: L.nodeInstallDir,
			env: npmEnv({ npm_config_ignore_scripts: 'false' }),
		});
	}
	const v = (await mustRun('node --version', L.nodeBin, ['--version'], { env: npmEnv() })).stdout.trim();
	if (!v.startsWith(`v${L.nodeMajor}.`)) throw new Error(`expected Node ${L.nodeMajor} at ${L.nodeBin}, got ${v}`);

	// 2. n8n, without install scripts, on that Node.
	fs.mkdirSync(L.n8nDir, { recursive: true });
	fs.writeFileSync(
		path.join(L.n8nDir, 'package.json'),
		JSON.stringify(
			{
				name: 'ai-video-n8n-runtime', // must not be named `n8n`
				private: true,
				description: 'n8n for n8n-nodes-ai-video e2e tests and demos (cache)',
				dependencies: { n8n: version },
				overrides: N8N_OVERRIDES[major(version)] || {},
			},
			null,
			'\t',
		),
	);
	log(`installing n8n@${version} with --ignore-scripts (~2000-2300 packages, 3-5 min)`);
	await mustRun(`npm install n8n@${version}`, 'npm', ['install', '--ignore-scripts'], {
		cwd: L.n8nDir,
		env: nodeEnv(L, { npm_config_ignore_scripts: 'true' }),
	});

	// 3. The native modules n8n needs, built for that Node (sqlite3 compiles from source here, ~90 s).
	const env = nodeEnv(L, { npm_config_ignore_scripts: 'false' });
	const has = (pkg) => fs.existsSync(path.join(L.n8nDir, 'node_modules', pkg));
	const rebuild = [...REBUILD_REQUIRED, ...REBUILD_IF_PRESENT.filter(has)];
	log(`rebuilding ${rebuild.join(', ')} for Node ${L.nodeMajor} (sqlite3 compiles, ~90 s)`);
	await mustRun(`npm rebuild ${rebuild.join(' ')}`, 'npm', ['rebuild', ...rebuild, '--foreground-scripts'], {
		cwd: L.n8nDir,
		env,
	});
	for (const pkg of REBUILD_OPTIONAL) {
		if (!has(pkg)) continue;
		const r = await run('npm', ['rebuild', pkg, '--foreground-scripts'], { cwd: L.n8nDir, env });
		if (r.code !== 0) log(`warning: npm rebuild ${pkg} failed (n8n falls back to JS); continuing`);
	}

	// 4. Smoke checks, then the marker (only after everything above worked).
	await mustRun(
		'native module check',
		L.nodeBin,
		[
			'-e',
			"const s=require('sqlite3');const db=new s.Database(':memory:');" +
				"db.get('select sqlite_version() v',(e,r)=>{if(e)throw e;if(process.argv[1]==='ivm'){const ivm=require('isolated-vm');" +
				"const i=new ivm.Isolate();if(i.compileScriptSync('1+1').runSync(i.createContextSync())!==2)process.exit(2)}" +
				"console.log('sqlite',r.v,process.argv[1]==='ivm'?'isolated-vm ok':'')})",
			has('isolated-vm') ? 'ivm' : '',
		],
		{ cwd: L.n8nDir, env },
	);
	const ver = (await mustRun('n8n --version', L.nodeBin, [L.n8nBin, '--version'], { cwd: L.n8nDir, env })).stdout.trim();
	if (!ver.includes(version)) throw new Error(`n8n --version printed ${ver}, expected ${version}`);
	const marker = {
		n8n: version,
		node: v,
		installedAt: new Date().toISOString(),
		seconds: Math.round((Date.now() - t0) / 1000),
	};
	fs.writeFileSync(L.marker, JSON.stringify(marker, null, '\t'));
	log(`n8n ${version} on Node ${v} installed in ${marker.seconds} s`);
	return marker;
}

/**
 * Make sure the version's Node + n8n are installed in the cache (installing on first use) and return the paths:
 * { dir, nodeBin, nodeDir, nodeBinDir, n8nDir, n8nBin, ... }.
 */
async function ensureN8n() {
	const L = layout();
	if (readMarker(L)) return L;
	await withLock(L.lock, async () => {
		if (!readMarker(L)) await install(L);
	});
	return L;
}

/** N8N_USER_FOLDER, else .n8n-local in the repo; another version gets its own (n8n cannot open a database a newer one migrated). */
function defaultUserFolder() {
	if (process.env.N8N_USER_FOLDER) return path.resolve(process.env.N8N_USER_FOLDER);
	const version = n8nVersion();
	return path.join(REPO_ROOT, version === DEFAULT_VERSION ? '.n8n-local' : `.n8n-local-${version}`);
}

function realpathOr(p) {
	try {
		return fs.realpathSync(p);
	} catch {
		return p;
	}
}

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/**
 * The environment n8n runs with: process.env, then these defaults where not already set, then `extra`.
 * Options: { userFolder, extra, allowLoopback }.
 *   allowLoopback: let the nodes' HTTP requests reach 127.0.0.1 (the fake API servers) even with n8n's
 *   SSRF protection on; only the e2e harness and the start/demo scripts pass it.
 */
async function n8nEnv({ userFolder = defaultUserFolder(), extra = {}, allowLoopback = false } = {}) {
	const L = layout();
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (/^npm_(config|package|lifecycle)_/i.test(k)) continue; // from an enclosing `npm run`; n8n's own npm calls must not see them
		env[k] = v;
	}
	const defaults = {
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		// n8n 2.x only lets "Read/Write Files from Disk" touch ~/.n8n-files by default; allow the repo and the temp dir.
		// n8n compares real paths, so resolve symlinks (e.g. macOS /var -> /private/var) here.
		N8N_RESTRICT_FILE_ACCESS_TO: [REPO_ROOT, os.tmpdir()].map(realpathOr).join(';'),
	};
	for (const [k, v] of Object.entries(defaults)) if (env[k] === undefined || env[k] === '') env[k] = v;
	// jest sets NODE_ENV=test, which n8n takes as its own test mode: a silent logger, so no run JSON at all.
	if (env.NODE_ENV === 'test') delete env.NODE_ENV;
	if (allowLoopback) Object.assign(env, loopbackEnv());
	env.N8N_USER_FOLDER = userFolder;
	env.PATH = `${L.nodeBinDir}${path.delimiter}${process.env.PATH || ''}`;
	return Object.assign(env, extra);
}

/** What lets a node's HTTP request reach 127.0.0.1 under n8n's SSRF protection. */
function loopbackEnv() {
	return {
		N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.0/8,::1/128',
		N8N_SSRF_ALLOWED_HOSTNAMES: 'localhost',
	};
}

/** Warnings already printed by this process (the harness installs before every CLI call). */
const warned = new Set();

function pkgDepsHash(pkg) {
	return crypto
		.createHash('sha256')
		.update(JSON.stringify({ d: pkg.dependencies || {}, o: pkg.optionalDependencies || {} }))
		.digest('hex')
		.slice(0, 16);
}

function newestMtime(dir, skip) {
	let newest = 0;
	if (!fs.existsSync(dir)) return 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		if (skip && skip(entry.name)) continue;
		const p = path.join(dir, entry.name);
		if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p, skip));
		else if (/\.(ts|json|svg)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
	}
	return newest;
}

/** A hash of every file under `dir` (names and contents). */
function contentHash(dir) {
	const h = crypto.createHash('sha256');
	const walk = (d) => {
		for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
			const p = path.join(d, entry.name);
			if (entry.isDirectory()) walk(p);
			else h.update(`${path.relative(dir, p)}\0`).update(fs.readFileSync(p)).update('\0');
		}
	};
	walk(dir);
	return h.digest('hex').slice(0, 12);
}

/** How many built versions stay beside the current one, for n8n processes still running from them. */
const KEEP_DIST_VERSIONS = 3;

/**
 * dist/ goes into a folder named after its content hash (`dist-<hash>`), copied only when that version is not
 * there yet, and the installed package.json points at it. An n8n already running from this user folder (a
 * queue-mode main and its workers load node files lazily) keeps its own version intact; new processes get the
 * new one. Older versions beyond the last few are removed.
 */
function installDist(distDir, target, installed) {
	const version = `dist-${contentHash(distDir)}`;
	const versionDir = path.join(target, version);
	if (!fs.existsSync(versionDir)) {
		const tmp = `${versionDir}.tmp-${process.pid}`;
		fs.rmSync(tmp, { recursive: true, force: true });
		fs.cpSync(distDir, tmp, { recursive: true });
		fs.renameSync(tmp, versionDir);
	}
	const rewrite = (list) => (list || []).map((f) => f.replace(/^(\.\/)?dist\//, `${version}/`));
	const manifest = { ...installed, n8n: { ...installed.n8n, nodes: rewrite(installed.n8n.nodes), credentials: rewrite(installed.n8n.credentials) } };
	const text = JSON.stringify(manifest, null, '\t');
	const file = path.join(target, 'package.json');
	let current = '';
	try {
		current = fs.readFileSync(file, 'utf8');
	} catch {
		/* first install */
	}
	if (current !== text) {
		fs.writeFileSync(`${file}.tmp-${process.pid}`, text);
		fs.renameSync(`${file}.tmp-${process.pid}`, file);
	}
	const others = fs
		.readdirSync(target)
		.filter((name) => (name === 'dist' || /^dist-[0-9a-f]+$/.test(name)) && name !== version)
		.map((name) => ({ name, mtime: fs.statSync(path.join(target, name)).mtimeMs }))
		.sort((a, b) => b.mtime - a.mtime);
	for (const old of others.slice(KEEP_DIST_VERSIONS)) fs.rmSync(path.join(target, old.name), { recursive: true, force: true });
}

/**
 * Install this package's dist/ into <userFolder>/.n8n/nodes/node_modules/n8n-nodes-ai-video like n8n's
 * community-node installer: package.json without dev/peer dependencies + dist, then its runtime
 * dependencies (sharp) installed for real. dist/ is copied once per content version (see installDist);
 * dependencies are only reinstalled when they changed.
 */
async function installPackage({ userFolder = defaultUserFolder(), L = layout(), quiet = false, packageRoot = defaultPackageRoot() } = {}) {
	const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8'));
	const distDir = path.join(packageRoot, 'dist');
	const declared = (pkg.n8n && pkg.n8n.nodes) || [];
	if (!fs.existsSync(distDir) || !declared.some((f) => fs.existsSync(path.join(packageRoot, f)))) {
		throw new Error(`${distDir} is missing or has none of the nodes package.json declares: run \`npm run build\` first`);
	}
	const srcNewest = Math.max(newestMtime(path.join(packageRoot, 'nodes')), newestMtime(path.join(packageRoot, 'credentials')));
	const distNewest = newestMtime(distDir) || fs.statSync(distDir).mtimeMs;
	if (srcNewest > distNewest + 1000 && !warned.has('stale')) {
		warned.add('stale');
		log('warning: sources are newer than dist/; run `npm run build` to test your latest code');
	}
	// n8n refuses the whole package when one declared file is missing. While nodes are being written,
	// load what is built and say what is not (a node left out then fails as "Unrecognized node type").
	const installed = { ...pkg, n8n: { ...(pkg.n8n || {}) } };
	for (const key of ['nodes', 'credentials']) {
		const list = (pkg.n8n && pkg.n8n[key]) || [];
		const missing = list.filter((f) => !fs.existsSync(path.join(packageRoot, f)));
		if (missing.length) {
			installed.n8n[key] = list.filter((f) => !missing.includes(f));
			const note = `not built, left out of n8n: ${missing.join(', ')}`;
			if (!warned.has(note)) log(`warning: ${note} (run \`npm run build\`)`);
			warned.add(note);
		}
	}

	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', pkg.name);
	fs.mkdirSync(target, { recursive: true });
	delete installed.devDependencies;
	delete installed.peerDependencies;
	delete installed.scripts;
	const stampFile = path.join(target, '.deps-installed');
	const hash = pkgDepsHash(pkg);
	const hasDeps = Object.keys(pkg.dependencies || {}).length > 0;
	let stamp = '';
	try {
		stamp = fs.readFileSync(stampFile, 'utf8').trim();
	} catch {
		/* first install */
	}
	installDist(distDir, target, installed);
	if (hasDeps && (stamp !== hash || !fs.existsSync(path.join(target, 'node_modules')))) {
		if (!quiet) log(`installing ${pkg.name}'s runtime dependencies into ${target}`);
		fs.rmSync(stampFile, { force: true });
		await mustRun(
			`npm install (${Object.keys(pkg.dependencies).join(', ')})`,
			'npm',
			['install', '--omit=dev', '--omit=peer', '--ignore-scripts', '--package-lock=false', '--bin-links=false'],
			{ cwd: target, env: nodeEnv(L, { npm_config_ignore_scripts: 'true' }) },
		);
		fs.writeFileSync(stampFile, hash);
	}
	return { target, packageName: pkg.name };
}

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
