'use strict';
/* The user folder and environment an n8n runs with (the fakes on 127.0.0.1 reachable when asked). */

const fs = require('fs');
const os = require('os');
const path = require('path');

const { freePort } = require('./freePort');
const { layout } = require('./n8nCache');
const { DEFAULT_VERSION, n8nVersion } = require('./n8nVersions');

const REPO_ROOT = path.resolve(__dirname, '..', '..');

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

module.exports = { REPO_ROOT, defaultUserFolder, n8nEnv, loopbackEnv };
