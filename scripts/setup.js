'use strict';
/*
 * The set-up steps `npm start`, `npm run demo` and `npm run queue` share: build, the fakes (TypeScript, through
 * ts-node), importing the fake credentials and the examples into a user folder (only what changed, when asked),
 * and the owner account n8n creates from the environment. Moved here from scripts/start.js unchanged.
 */

const childProcess = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const n8n = require('./n8n.js');

const REPO_ROOT = n8n.REPO_ROOT;
const DEFAULT_OWNER = { email: 'demo@example.com', password: 'AiVideo-demo1' };
/** Where the example workflows' Write File nodes save videos when run from the editor. */
const EDITOR_OUTPUT_DIR = path.join(REPO_ROOT, 'demo-output', 'editor');
const STATE_FILE = 'ai-video-imports.json';

/** scripts/fakes.ts through ts-node (transpile only: type errors are the typecheck's job). */
function loadFakes() {
	require('ts-node').register({ transpileOnly: true, project: path.join(REPO_ROOT, 'tsconfig.json') });
	return require('./fakes.ts');
}

function build() {
	process.stderr.write('[setup] npm run build\n');
	const r = childProcess.spawnSync('npm', ['run', 'build', '--silent'], {
		cwd: REPO_ROOT,
		stdio: 'inherit',
		shell: process.platform === 'win32',
	});
	if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status})`);
}

function hash(value) {
	return crypto.createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

function tail(text, lines = 30) {
	return text.trim().split('\n').slice(-lines).join('\n');
}

/** One n8n CLI command that must succeed (output captured; shown on failure). */
async function cli(args, { userFolder, env }) {
	const r = await n8n.runN8n(args, { userFolder, allowLoopback: true, quiet: true, env });
	if (r.code !== 0) {
		throw new Error(`n8n ${args[0]} failed (exit ${r.code}${r.signal ? `, ${r.signal}` : ''}):\n${tail(r.stdout + r.stderr)}`);
	}
	return r;
}

/**
 * Imports the fake credentials and the example workflows into `userFolder`. With `onlyChanged`, skips what
 * was imported before unchanged (recorded in <userFolder>/ai-video-imports.json). Returns what was imported.
 */
async function importSetup({ fakesModule, fakes, userFolder, outputDir, onlyChanged = false, extraWorkflows = [], env = {} }) {
	const stateFile = path.join(userFolder, STATE_FILE);
	let state = { credentials: {}, workflows: {} };
	if (onlyChanged) {
		try {
			state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
		} catch {
			/* first start */
		}
	}
	const scratch = fs.mkdtempSync(path.join(userFolder, '.ai-video-import-'));
	const done = { credentials: [], workflows: [] };
	try {
		const credentials = fakesModule.fakeCredentials(fakes).filter((c) => state.credentials[c.id] !== hash(c));
		if (credentials.length) {
			const file = path.join(scratch, 'credentials.json');
			fs.writeFileSync(file, JSON.stringify(credentials, null, '\t'));
			await cli(['import:credentials', `--input=${file}`], { userFolder, env });
			for (const c of credentials) state.credentials[c.id] = hash(c);
			done.credentials = credentials.map((c) => c.name);
		}
		const workflows = [...fakesModule.loadExamples(outputDir).map((e) => e.workflow), ...extraWorkflows].filter(
			(w) => state.workflows[w.id] !== hash(w),
		);
		if (workflows.length) {
			const file = path.join(scratch, 'workflows.json');
			fs.writeFileSync(file, JSON.stringify(workflows, null, '\t'));
			await cli(['import:workflow', `--input=${file}`], { userFolder, env });
			for (const w of workflows) state.workflows[w.id] = hash(w);
			done.workflows = workflows.map((w) => w.name);
		}
	} finally {
		fs.rmSync(scratch, { recursive: true, force: true });
	}
	fs.writeFileSync(stateFile, JSON.stringify(state, null, '\t'));
	return done;
}

/**
 * The owner n8n creates from the environment (no setup screen), with the password bcrypt-hashed as n8n wants.
 * n8n 1.x has no such variables: there `setupOwner: true` says to send the setup screen's form once n8n is up.
 */
function ownerEnv(L) {
	if (process.env.N8N_INSTANCE_OWNER_MANAGED_BY_ENV) return { env: {}, owner: undefined };
	const email = process.env.N8N_AI_VIDEO_OWNER_EMAIL || DEFAULT_OWNER.email;
	const password = process.env.N8N_AI_VIDEO_OWNER_PASSWORD || DEFAULT_OWNER.password;
	if (Number(L.version.split('.')[0]) < 2) return { env: {}, owner: { email, password }, setupOwner: true };
	// n8n's own bcrypt implementation (pure JS), from the cached install
	const bcrypt = require(path.join(L.n8nDir, 'node_modules', 'bcryptjs'));
	return {
		owner: { email, password },
		env: {
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: email,
			N8N_INSTANCE_OWNER_FIRST_NAME: 'Demo',
			N8N_INSTANCE_OWNER_LAST_NAME: 'Owner',
			N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(password, 10),
		},
	};
}

/**
 * The setup screen's form (n8n 1.x): creates the owner; an instance that has one already answers 400 and keeps it.
 * n8n 1.x reports ready before its REST routes are mounted: a 404 means "not yet".
 */
async function setupOwner(url, owner, { timeoutMs = 120_000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const res = await fetch(`${url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ ...owner, firstName: 'Demo', lastName: 'Owner' }),
		});
		const text = await res.text();
		if (res.status === 200 || (res.status === 400 && /already setup/i.test(text))) return res.status === 200;
		if (res.status !== 404 || Date.now() > deadline) {
			throw new Error(`creating the owner ${owner.email} failed (HTTP ${res.status}): ${text.slice(0, 300)}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
}

module.exports = { REPO_ROOT, DEFAULT_OWNER, EDITOR_OUTPUT_DIR, loadFakes, build, importSetup, ownerEnv, setupOwner };
