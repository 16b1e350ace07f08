'use strict';
/*
 * Child processes for the queue-mode set-up (Postgres, Redis, n8n main and workers): each in its own process
 * group (so stopping it also stops what it started, e.g. n8n's task runner), its output in a log file (and,
 * when asked, echoed with a prefix), stopped with a signal and then SIGKILL after a grace period.
 */

const childProcess = require('child_process');
const fs = require('fs');

const { freePort } = require('../lib/freePort');

function log(who, message) {
	process.stderr.write(`[${who}] ${message}\n`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Spawns `cmd` detached (own process group) with output appended to `logFile` and kept in memory (the last
 * 2 MB, for readiness checks). `echo(line)` gets every output line when given.
 * Returns { child, output(), exited: Promise<{code, signal}>, isRunning() }.
 */
function spawnLogged(name, cmd, args, { logFile, env, cwd, echo } = {}) {
	const out = fs.openSync(logFile, 'a');
	const child = childProcess.spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
	let buffer = '';
	let partial = '';
	const onData = (d) => {
		fs.writeSync(out, d);
		buffer += d;
		if (buffer.length > 2_000_000) buffer = buffer.slice(-1_000_000);
		if (echo) {
			const lines = (partial + d).split('\n');
			partial = lines.pop();
			for (const line of lines) echo(line);
		}
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	let running = true;
	const exited = new Promise((resolve) => {
		child.on('error', (error) => {
			running = false;
			fs.writeSync(out, `\n[${name}] could not start ${cmd}: ${error.message}\n`);
			resolve({ code: null, signal: null, error });
		});
		child.on('close', (code, signal) => {
			running = false;
			fs.closeSync(out);
			resolve({ code, signal });
		});
	});
	return { name, child, output: () => buffer, exited, isRunning: () => running, logFile };
}

function signalGroup(proc, signal) {
	if (!proc.isRunning() || !proc.child.pid) return;
	try {
		if (process.platform !== 'win32') process.kill(-proc.child.pid, signal);
		else proc.child.kill(signal);
	} catch {
		/* already gone */
	}
}

/** Stops a process group: `signal`, then SIGKILL when it is still there after `graceMs`. */
async function stopProcess(proc, { signal = 'SIGTERM', graceMs = 20_000 } = {}) {
	if (!proc.isRunning()) return await proc.exited;
	signalGroup(proc, signal);
	let timer;
	const done = await Promise.race([
		proc.exited.then(() => true),
		new Promise((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
	]);
	clearTimeout(timer);
	if (!done) signalGroup(proc, 'SIGKILL');
	return await proc.exited;
}

/** Polls `check` until it returns something truthy; fails when `exited` settles first or after `timeoutMs`. */
async function waitFor(what, check, { exited, logFile, timeoutMs = 120_000, intervalMs = 200 } = {}) {
	let gone = false;
	if (exited) void exited.then(() => (gone = true));
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		const where = logFile ? ` (log: ${logFile})` : '';
		if (gone) throw new Error(`exited while waiting for ${what}${where}`);
		if (Date.now() > deadline) throw new Error(`gave up after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${where}`);
		await sleep(intervalMs);
	}
}

/** True once `url` answers 200. */
async function answers(url) {
	try {
		const res = await fetch(url);
		await res.arrayBuffer();
		return res.status === 200;
	} catch {
		return false;
	}
}

/** Root (CI, containers, this project's machines): Postgres refuses it, and apt-get may be used. */
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

module.exports = { isRoot, log, freePort, sleep, spawnLogged, stopProcess, signalGroup, waitFor, answers };
