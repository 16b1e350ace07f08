/**
 * E2E harness: a real n8n (installed and run by scripts/n8n.js) importing and executing workflows
 * that use this package's built nodes (`n8n-nodes-ai-video.<name>`). The version is scripts/n8n.js's: 2.41.1
 * unless N8N_AI_VIDEO_N8N_VERSION says otherwise (the jest project e2e-n8n1 sets 1.123.x).
 *
 * Every n8n CLI start costs ~3 s and ~400 MB, so keep e2e tests few and batch workflows per file:
 * import them all with one `importWorkflows([...])`, then execute each.
 *
 *   const n8n = createN8n();                          // fresh user folder in the OS temp dir
 *   afterAll(() => n8n.cleanup());
 *   await n8n.importWorkflows([wf]);
 *   const run = await n8n.executeWorkflow(wf.id);
 *   expect(run.status).toBe('success');
 *   const [item] = nodeOutput(run, 'Prepare');
 *   const bytes = readBinary(n8n.userFolder, item.binary!.data);
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface N8nCliResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	ms: number;
}

interface N8nScript {
	N8N_VERSION: string;
	REPO_ROOT: string;
	ensureN8n(): Promise<{ dir: string; nodeBin: string; n8nBin: string }>;
	loopbackEnv(): Record<string, string>;
	runN8n(
		args: string[],
		opts?: {
			userFolder?: string;
			env?: Record<string, string>;
			allowLoopback?: boolean;
			quiet?: boolean;
			timeoutMs?: number;
		},
	): Promise<N8nCliResult>;
	withLock<T>(lockDir: string, fn: () => Promise<T>): Promise<T>;
	binaryDataDir(userFolder: string): string;
}

// scripts/n8n.js is plain CommonJS (it must run on the system Node without a build step).
const script: N8nScript = require('../../scripts/n8n.js');

export const N8N_VERSION = script.N8N_VERSION;
/** The npm package name: node types in workflow JSON are `${PACKAGE}.<description.name>`. */
export const PACKAGE = 'n8n-nodes-ai-video';
/** Per-test timeouts: the first CLI call of a run may install n8n (~5 min on a cold cache). */
export const FIRST_TIMEOUT_MS = 15 * 60_000;
export const TIMEOUT_MS = 3 * 60_000;

/** One CLI call at a time across jest workers: n8n starts are heavy and the machine has 2 cores. */
const CLI_LOCK = path.join(os.tmpdir(), 'n8n-nodes-ai-video-e2e.lock');

export interface BinaryRef {
	data?: string;
	id?: string;
	mimeType?: string;
	fileName?: string;
	fileExtension?: string;
	fileSize?: string;
	bytes?: number;
	[key: string]: unknown;
}

export interface Item {
	json: Record<string, unknown>;
	binary?: Record<string, BinaryRef>;
	pairedItem?: unknown;
	error?: unknown;
}

export interface TaskData {
	executionStatus?: string;
	error?: { message?: string; description?: string; [key: string]: unknown };
	data?: { main?: Array<Item[] | null> };
	[key: string]: unknown;
}

export interface RunResult {
	/** 'success', 'error', ... from the run JSON (never inferred from the exit code). */
	status: string;
	runData: Record<string, TaskData[]>;
	error?: { message?: string; description?: string; node?: { name?: string }; [key: string]: unknown };
	lastNodeExecuted?: string;
	/** The whole parsed run (IRun). */
	run: Record<string, unknown>;
	stdout: string;
	stderr: string;
	exitCode: number | null;
	signal: NodeJS.Signals | null;
}

export interface Workflow {
	id: string;
	name: string;
	nodes: unknown[];
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

/**
 * Extracts the run JSON n8n prints: log lines come first even with --rawOutput, then the pretty-printed
 * run starting at the first line that is exactly `{` and ending at the first later line that is exactly `}`
 * (nested lines are indented; string newlines are escaped).
 */
export function parseRunJson(stdout: string): Record<string, unknown> | undefined {
	const lines = stdout.split(/\r?\n/);
	const start = lines.indexOf('{');
	if (start < 0) return undefined;
	const end = lines.indexOf('}', start + 1);
	if (end < 0) return undefined;
	try {
		return JSON.parse(lines.slice(start, end + 1).join('\n')) as Record<string, unknown>;
	} catch {
		return undefined;
	}
}

export class N8nE2e {
	private seq = 0;
	private readonly files: string;

	constructor(
		readonly userFolder: string,
		private readonly env: Record<string, string> = {},
	) {
		this.files = path.join(userFolder, 'e2e-inputs');
		fs.mkdirSync(this.files, { recursive: true });
	}

	/** Runs `n8n <args>` against this user folder (serialized across jest workers). */
	async cli(args: string[], timeoutMs = 5 * 60_000): Promise<N8nCliResult> {
		await script.ensureN8n(); // outside the CLI lock: installs have their own lock
		return await script.withLock(CLI_LOCK, async () =>
			script.runN8n(args, {
				userFolder: this.userFolder,
				// the fake APIs listen on 127.0.0.1: allowed through n8n's SSRF protection here only
				allowLoopback: true,
				quiet: true,
				// the run JSON is printed through the logger: warn/error would swallow it
				// and SSRF protection is on, as on a hardened instance: the nodes' requests go through n8n's helpers
				env: { N8N_LOG_LEVEL: 'info', N8N_SSRF_PROTECTION_ENABLED: 'true', ...this.env },
				timeoutMs,
			}),
		);
	}

	private writeInput(kind: string, data: unknown): string {
		const file = path.join(this.files, `${kind}-${++this.seq}.json`);
		fs.writeFileSync(file, JSON.stringify(data, null, '\t'));
		return file;
	}

	private async mustSucceed(what: string, args: string[]): Promise<N8nCliResult> {
		const r = await this.cli(args);
		if (r.code !== 0) {
			throw new Error(`${what} failed (exit ${r.code}${r.signal ? `, ${r.signal}` : ''}):\n${tail(r.stdout + r.stderr)}`);
		}
		return r;
	}

	/** `n8n import:credentials`: an array of { id, name, type, data } (plain `data` is encrypted on import). */
	async importCredentials(credentials: Array<Record<string, unknown>>): Promise<void> {
		const file = this.writeInput('credentials', credentials);
		await this.mustSucceed('n8n import:credentials', ['import:credentials', `--input=${file}`]);
	}

	/** `n8n import:workflow` for one workflow or several in one CLI start. Each needs an `id` (<= 21 chars). */
	async importWorkflows(workflows: Workflow | Workflow[]): Promise<void> {
		const list = Array.isArray(workflows) ? workflows : [workflows];
		for (const wf of list) {
			if (!wf.id || wf.id.length > 21) throw new Error(`workflow "${wf.name}" needs an id of 1-21 characters`);
		}
		const file = this.writeInput('workflows', list);
		await this.mustSucceed('n8n import:workflow', ['import:workflow', `--input=${file}`]);
	}

	importWorkflow(workflow: Workflow): Promise<void> {
		return this.importWorkflows(workflow);
	}

	/**
	 * `n8n execute --id=<id> --rawOutput`, judged by the run JSON, not the exit code (n8n sometimes exits
	 * 139 after printing a complete run). Retried once only when no run JSON came out at all.
	 */
	async executeWorkflow(id: string): Promise<RunResult> {
		let r = await this.cli(['execute', `--id=${id}`, '--rawOutput']);
		let run = parseRunJson(r.stdout);
		if (!run) {
			r = await this.cli(['execute', `--id=${id}`, '--rawOutput']);
			run = parseRunJson(r.stdout);
		}
		if (!run) {
			throw new Error(
				`n8n execute --id=${id} printed no run JSON (exit ${r.code}${r.signal ? `, ${r.signal}` : ''}):\n${tail(r.stdout + r.stderr)}`,
			);
		}
		const data = (run.data ?? {}) as { resultData?: Record<string, unknown> };
		const resultData = data.resultData ?? {};
		return {
			status: String(run.status ?? (resultData.error ? 'error' : 'unknown')),
			runData: (resultData.runData ?? {}) as Record<string, TaskData[]>,
			error: resultData.error as RunResult['error'],
			lastNodeExecuted: resultData.lastNodeExecuted as string | undefined,
			run,
			stdout: r.stdout,
			stderr: r.stderr,
			exitCode: r.code,
			signal: r.signal,
		};
	}

	/** Removes the user folder (kept when KEEP_E2E_FOLDERS=1, for debugging). */
	cleanup(): void {
		if (process.env.KEEP_E2E_FOLDERS === '1') {
			process.stderr.write(`e2e user folder kept: ${this.userFolder}\n`);
			return;
		}
		fs.rmSync(this.userFolder, { recursive: true, force: true });
	}
}

/** A fresh n8n user folder in the OS temp dir (call once per test file). */
export function createUserFolder(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-ai-video-e2e-'));
}

/** An n8n bound to a fresh user folder; `env` is added to every CLI call. */
export function createN8n(env: Record<string, string> = {}): N8nE2e {
	return new N8nE2e(createUserFolder(), env);
}

/** The items a node put on one output (default: first output, first run). */
export function nodeOutput(run: RunResult, nodeName: string, outputIndex = 0, runIndex = 0): Item[] {
	const tasks = run.runData[nodeName];
	if (!tasks) {
		throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(run.runData).join(', ') || 'none'} (status ${run.status})`);
	}
	const task = tasks[runIndex];
	if (!task) throw new Error(`node "${nodeName}" has no run ${runIndex}`);
	if (task.error) throw new Error(`node "${nodeName}" failed: ${task.error.message ?? JSON.stringify(task.error)}`);
	return task.data?.main?.[outputIndex] ?? [];
}

/**
 * The bytes behind a binary reference from the run JSON. Filesystem mode (the 2.x default) stores them
 * at <userFolder>/.n8n/storage/<path after "filesystem-v2:"> (1.x: .n8n/binaryData/); inline (default mode) refs carry base64.
 */
export function readBinary(userFolder: string, binaryRef: BinaryRef | string): Buffer {
	const id = typeof binaryRef === 'string' ? binaryRef : binaryRef.id;
	if (!id) {
		if (typeof binaryRef !== 'string' && binaryRef.data) return Buffer.from(binaryRef.data, 'base64');
		throw new Error('binary reference has neither an id nor inline data');
	}
	const colon = id.indexOf(':');
	const mode = id.slice(0, colon);
	const rel = id.slice(colon + 1);
	if (!mode.startsWith('filesystem')) throw new Error(`binary data mode "${mode}" is not readable from disk (id ${id})`);
	const storage = script.binaryDataDir(userFolder);
	const file = path.resolve(storage, rel);
	if (!file.startsWith(storage + path.sep)) throw new Error(`binary id escapes the storage folder: ${id}`);
	return fs.readFileSync(file);
}

function tail(text: string, lines = 40): string {
	return text.trim().split('\n').slice(-lines).join('\n');
}
