/**
 * The three fake APIs (Sora, Runway, Telegram) on loopback ports, and what an n8n needs to use them: the
 * credentials that point at them and the example workflows with their file paths made absolute.
 * `npm start`, `npm run demo` and the end-to-end tests all set n8n up through here.
 *
 *   npx ts-node --transpile-only scripts/fakes.ts     # just the fakes, on the fixed ports; Ctrl-C stops them
 *
 * Ports: N8N_AI_VIDEO_SORA_PORT (default 5701), N8N_AI_VIDEO_RUNWAY_PORT (5702), N8N_AI_VIDEO_TELEGRAM_PORT (5703);
 * 0 picks a free port.
 */
import * as fs from 'fs';
import * as path from 'path';

import { startFakeRunway, type FakeRunway, type FakeRunwayOptions } from '../test/fakes/runway';
import { startFakeSora, type FakeSora, type FakeSoraOptions } from '../test/fakes/sora';
import { startFakeTelegram, type FakeTelegram } from '../test/fakes/telegram';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
/** The photo the examples read from disk and the fake Telegram serves as a user's photo. */
export const SAMPLE_PHOTO = path.join(EXAMPLES_DIR, 'assets', 'sample-photo.jpg');
/** The file_id under which the fake Telegram holds SAMPLE_PHOTO (the manual Telegram example asks for it). */
export const SAMPLE_PHOTO_FILE_ID = 'AgACAgQAAxkBAAIBsamplePhoto';
/** The chat the fake Telegram's sample message comes from (and the manual example replies to). */
export const SAMPLE_CHAT_ID = 424242;
/** What the example workflows write to; replaced by the real output folder on import. */
export const EXAMPLE_OUTPUT_DIR = 'demo-output/videos';

/** The credential ids the example workflows refer to. */
export const CREDENTIAL_IDS = { sora: 'fakeSora', runway: 'fakeRunway', telegram: 'fakeTelegram' } as const;

export const DEFAULT_PORTS = { sora: 5701, runway: 5702, telegram: 5703 } as const;

export interface FakesOptions {
	/** Per fake: a port, 0 for a free one. Default: the env variables above, else DEFAULT_PORTS. */
	ports?: Partial<Record<keyof typeof DEFAULT_PORTS, number>>;
	/** Passed on to the fakes (e.g. pollAfterMs, videoBytes). */
	sora?: FakeSoraOptions;
	runway?: FakeRunwayOptions;
	/** Push the sample photo message to a webhook as soon as one is set (a Telegram Trigger waiting in the editor). */
	telegramAutoPhoto?: boolean;
}

export interface Fakes {
	sora: FakeSora;
	runway: FakeRunway;
	telegram: FakeTelegram;
	/** The sample photo message, as Telegram would deliver it to a webhook. */
	sampleUpdate(): Record<string, unknown>;
	close(): Promise<void>;
}

export function configuredPorts(options: FakesOptions['ports'] = {}): Record<keyof typeof DEFAULT_PORTS, number> {
	const fromEnv = (name: string, fallback: number): number => {
		const raw = process.env[name];
		if (raw === undefined || raw === '') return fallback;
		const port = Number(raw);
		if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name}=${raw} is not a port number`);
		return port;
	};
	return {
		sora: options.sora ?? fromEnv('N8N_AI_VIDEO_SORA_PORT', DEFAULT_PORTS.sora),
		runway: options.runway ?? fromEnv('N8N_AI_VIDEO_RUNWAY_PORT', DEFAULT_PORTS.runway),
		telegram: options.telegram ?? fromEnv('N8N_AI_VIDEO_TELEGRAM_PORT', DEFAULT_PORTS.telegram),
	};
}

/** Starts the three fakes on 127.0.0.1; a port in use fails with a message that names the variable to change. */
export async function startFakes(options: FakesOptions = {}): Promise<Fakes> {
	const ports = configuredPorts(options.ports);
	const started: Array<{ close(): Promise<void> }> = [];
	const guard = async <T extends { close(): Promise<void> }>(name: string, variable: string, start: () => Promise<T>): Promise<T> => {
		try {
			const fake = await start();
			started.push(fake);
			return fake;
		} catch (error) {
			await Promise.all(started.map((fake) => fake.close()));
			const code = (error as NodeJS.ErrnoException).code;
			const hint = code === 'EADDRINUSE' ? ` (port in use: set ${variable} to another port, or 0 for any free one)` : '';
			throw new Error(`Could not start the fake ${name} API: ${(error as Error).message}${hint}`);
		}
	};
	const photo = fs.readFileSync(SAMPLE_PHOTO);
	const sora = await guard('Sora', 'N8N_AI_VIDEO_SORA_PORT', () => startFakeSora({ pollAfterMs: 500, ...options.sora, port: ports.sora }));
	// A task finishes at the node's second poll: at Runway's 5 s polling floor an example run from the editor
	// takes about 5 s of waiting rather than 10.
	const runway = await guard('Runway', 'N8N_AI_VIDEO_RUNWAY_PORT', () =>
		startFakeRunway({ steps: [{ status: 'RUNNING', progress: 0.5 }, 'SUCCEEDED'], ...options.runway, port: ports.runway }),
	);
	let telegram: FakeTelegram;
	const sampleUpdate = (): Record<string, unknown> =>
		telegram.photoUpdate(SAMPLE_PHOTO_FILE_ID, {
			chatId: SAMPLE_CHAT_ID,
			caption: 'The sun sets over the lake, the boat drifts slowly',
			width: 1600,
			height: 1200,
		});
	telegram = await guard('Telegram', 'N8N_AI_VIDEO_TELEGRAM_PORT', () =>
		startFakeTelegram({
			port: ports.telegram,
			files: { [SAMPLE_PHOTO_FILE_ID]: { data: photo, filePath: 'photos/file_0.jpg' } },
			...(options.telegramAutoPhoto ? { autoUpdate: { update: sampleUpdate, delayMs: 700 } } : {}),
		}),
	);
	return {
		sora,
		runway,
		telegram,
		sampleUpdate,
		close: async () => {
			await Promise.all([sora.close(), runway.close(), telegram.close()]);
		},
	};
}

/** The n8n credentials (for `n8n import:credentials`) that point at the fakes, with the fakes' own keys. */
export function fakeCredentials(fakes: Pick<Fakes, 'sora' | 'runway' | 'telegram'>): Array<Record<string, unknown>> {
	return [
		{
			id: CREDENTIAL_IDS.sora,
			name: 'Sora API (local fake)',
			type: 'soraApi',
			data: { apiKey: fakes.sora.apiKey, baseUrl: fakes.sora.baseUrl, authStyle: 'bearer', organization: '', project: '', extraQuery: '' },
		},
		{
			id: CREDENTIAL_IDS.runway,
			name: 'Runway API (local fake)',
			type: 'runwayApi',
			data: { apiKey: fakes.runway.apiKey, baseUrl: fakes.runway.baseUrl, apiVersion: '2024-11-06' },
		},
		{
			id: CREDENTIAL_IDS.telegram,
			name: 'Telegram Bot (local fake)',
			type: 'telegramApi',
			data: { accessToken: fakes.telegram.token, baseUrl: fakes.telegram.url },
		},
	];
}

export interface ExampleWorkflow {
	id: string;
	name: string;
	nodes: Array<{ name: string; type: string; parameters: Record<string, unknown>; [key: string]: unknown }>;
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

export interface Example {
	/** The file in examples/. */
	file: string;
	workflow: ExampleWorkflow;
	/** True when `n8n execute` can run it (it starts with a Manual Trigger). */
	runnable: boolean;
	/** True when it writes a file (a Read/Write Files from Disk node writing, or the older Write Binary File). */
	writesFiles: boolean;
}

/**
 * The example workflows, ready to import here: relative file paths made absolute (read: against the repo;
 * write: into `outputDir`). Users importing the JSON into their own n8n set those paths themselves.
 */
export function loadExamples(outputDir: string): Example[] {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const workflow = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as ExampleWorkflow;
			for (const node of workflow.nodes) {
				if (node.type !== 'n8n-nodes-base.readWriteFile') continue;
				const p = node.parameters;
				if (typeof p.fileSelector === 'string' && !path.isAbsolute(p.fileSelector)) {
					// fast-glob wants forward slashes, also on Windows
					p.fileSelector = path.resolve(REPO_ROOT, p.fileSelector).split(path.sep).join('/');
				}
				if (typeof p.fileName === 'string') p.fileName = p.fileName.split(EXAMPLE_OUTPUT_DIR).join(outputDir.split(path.sep).join('/'));
			}
			checkSoonerForTheFakes(workflow);
			const runnable = workflow.nodes.some((node) => node.type === 'n8n-nodes-base.manualTrigger');
			const writesFiles = workflow.nodes.some(
				(node) =>
					(node.type === 'n8n-nodes-base.readWriteFile' && node.parameters.operation === 'write') ||
					node.type === 'n8n-nodes-base.writeBinaryFile',
			);
			return { file, workflow, runnable, writesFiles };
		});
}

/** How often example 08 checks on its job against the fakes, which finish in seconds (it ships with 70). */
export const FAKES_CHECK_EVERY_SECONDS = 2;

/**
 * Example 08 checks on its Runway job every 70 s as shipped: a Wait over 65 s is parked in n8n's database and
 * survives a restart. Against the fakes that would only slow every run down, so the local set-up checks sooner.
 */
function checkSoonerForTheFakes(workflow: ExampleWorkflow): void {
	const settings = workflow.nodes.find((node) => node.name === 'Bot Settings')?.parameters.assignments as
		{ assignments?: Array<{ name: string; value: unknown }> } | undefined;
	const interval = settings?.assignments?.find((a) => a.name === 'checkEverySeconds');
	if (interval) interval.value = FAKES_CHECK_EVERY_SECONDS;
}

if (require.main === module) {
	void (async () => {
		const fakes = await startFakes({ telegramAutoPhoto: true });
		process.stdout.write(
			[
				'Fake APIs on 127.0.0.1 (Ctrl-C stops them):',
				`  Sora      ${fakes.sora.baseUrl}   key ${fakes.sora.apiKey}`,
				`  Runway    ${fakes.runway.baseUrl}   key ${fakes.runway.apiKey.slice(0, 16)}...`,
				`  Telegram  ${fakes.telegram.url}   token ${fakes.telegram.token}`,
				'',
			].join('\n'),
		);
		const stop = (): void => {
			void fakes.close().then(() => process.exit(0));
		};
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
	})().catch((error: Error) => {
		process.stderr.write(`${error.message}\n`);
		process.exit(1);
	});
}
