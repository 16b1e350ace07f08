'use strict';
/*
 * Installs this package into an n8n user folder the way n8n's community-node installer lays it out, dist/
 * versioned by content so an n8n already running from that folder keeps its own files.
 */

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const { layout, log, mustRun, nodeEnv } = require('./n8nCache');
const { REPO_ROOT, defaultUserFolder } = require('./n8nEnv');

/** The package to load into n8n: this repo (its package.json + dist/) unless N8N_AI_VIDEO_PACKAGE_ROOT says otherwise. */
function defaultPackageRoot() {
	return process.env.N8N_AI_VIDEO_PACKAGE_ROOT ? path.resolve(process.env.N8N_AI_VIDEO_PACKAGE_ROOT) : REPO_ROOT;
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
			else
				h.update(`${path.relative(dir, p)}\0`)
					.update(fs.readFileSync(p))
					.update('\0');
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
	const manifest = {
		...installed,
		n8n: { ...installed.n8n, nodes: rewrite(installed.n8n.nodes), credentials: rewrite(installed.n8n.credentials) },
	};
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

module.exports = { installPackage };
