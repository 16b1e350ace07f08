'use strict';
/*
 * Redis for n8n's queue mode: the system's redis-server (not an npm package), started as our own process on
 * 127.0.0.1 with a free port, nothing persisted (the queue holds only jobs in flight; executions live in
 * Postgres), its working folder given by the caller.
 */

const childProcess = require('child_process');
const fs = require('fs');

const { freePort, isRoot, spawnLogged, stopProcess, waitFor } = require('./process.js');

const INSTALL_HINT =
	'redis-server was not found on PATH. Install Redis: Debian/Ubuntu `sudo apt-get install redis-server`, ' +
	'Fedora `sudo dnf install redis`, macOS `brew install redis` (or set N8N_AI_VIDEO_REDIS_SERVER to its path).';

function findRedisServer() {
	const found = childProcess.spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
	const bin = (found.stdout || '').trim();
	return found.status === 0 && bin ? bin : undefined;
}

/**
 * Where we may, install Debian's redis-server ourselves (as root with apt-get: a fresh machine of this project's
 * kind, or CI), so `npm ci && npm test` needs no step by hand. Its system service is kept from starting: we run
 * our own on a free port.
 */
function installRedisServer() {
	const canApt = isRoot() && childProcess.spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
	if (!canApt) throw new Error(INSTALL_HINT);
	console.log('[redis] redis-server is missing: apt-get install redis-server (as root, its service not started)');
	const script = [
		'set -e',
		'policy=/usr/sbin/policy-rc.d; added=',
		'if [ ! -e "$policy" ]; then printf \'#!/bin/sh\\nexit 101\\n\' >"$policy" && chmod +x "$policy" && added=1; fi',
		'trap \'if [ -n "$added" ]; then rm -f "$policy"; fi\' EXIT',
		'apt-get update -qq >/dev/null',
		'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null',
	].join('\n');
	const result = childProcess.spawnSync('sh', ['-c', script], { stdio: ['ignore', 'inherit', 'inherit'] });
	const bin = findRedisServer();
	if (result.status !== 0 || !bin) throw new Error(`apt-get install redis-server failed (exit ${result.status}). ${INSTALL_HINT}`);
	return bin;
}

function redisServerBin() {
	const configured = process.env.N8N_AI_VIDEO_REDIS_SERVER;
	if (configured) return configured;
	return findRedisServer() ?? installRedisServer();
}

/** Starts redis-server; returns { host, port, logFile, stop() }. */
async function startRedis({ dir, logFile }) {
	const bin = redisServerBin();
	fs.mkdirSync(dir, { recursive: true });
	const port = await freePort();
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'];
	const proc = spawnLogged('redis', bin, args, { logFile });
	await waitFor('Redis to accept connections', () => /Ready to accept connections/.test(proc.output()), {
		exited: proc.exited,
		logFile,
		timeoutMs: 30_000,
	});
	return { host: '127.0.0.1', port, logFile, pid: proc.child.pid, stop: () => stopProcess(proc, { signal: 'SIGTERM', graceMs: 10_000 }) };
}

function redisEnv(redis) {
	return { QUEUE_BULL_REDIS_HOST: redis.host, QUEUE_BULL_REDIS_PORT: String(redis.port) };
}

module.exports = { startRedis, redisEnv, redisServerBin, INSTALL_HINT };

if (require.main === module && process.argv.includes('--install-only')) {
	try {
		console.log(`[redis] ${redisServerBin()}`);
	} catch (error) {
		console.error(error.message);
		process.exit(1);
	}
}
