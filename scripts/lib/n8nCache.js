'use strict';
/*
 * The cache of n8n installs: one folder per version with its Node (npm package `node@22`/`node@24`) and n8n,
 * installed on first use under a lock, never half-installed (a marker is written last).
 */

const childProcess = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { major, n8nVersion, nodeMajor } = require('./n8nVersions');

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

function log(message) {
	process.stderr.write(`[n8n.js] ${message}\n`);
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

module.exports = { log, cacheRoot, cacheDir, layout, npmEnv, nodeEnv, run, mustRun, withLock, ensureN8n };
