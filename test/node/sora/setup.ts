/** What the Sora node tests share: the fake, the credential, a runner that keeps the context on failure, leak checks. */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { SoraApi } from '../../../credentials/SoraApi.credentials';
import { SoraVideo } from '../../../nodes/SoraVideo/SoraVideo.node';
import { createContext } from '../../helpers/executeContext';
import type { ContextOptions, TestContext } from '../../helpers/executeContext';
import { FAKE_SORA_KEY, startFakeSora } from '../../fakes/sora';
import type { FakeSora, FakeSoraOptions } from '../../fakes/sora';

// Poll as fast as the tests ask: the fakes advance one step per GET, not by wall clock.
process.env.N8N_AI_VIDEO_MIN_POLL_SECONDS = '0';

export const nodeType = new SoraVideo();

export interface CredentialData {
	apiKey?: string;
	baseUrl?: string;
	authStyle?: 'bearer' | 'apiKey';
	organization?: string;
	project?: string;
	extraQuery?: string;
	/** The Custom Headers JSON. */
	customHeaders?: string;
}

const fakes: FakeSora[] = [];

/** A fake Sora for one test (closed after it); no poll hint unless asked, so waits follow the test's interval. */
export async function startFake(options: FakeSoraOptions = {}): Promise<FakeSora> {
	const fake = await startFakeSora({ pollAfterMs: null, ...options });
	fakes.push(fake);
	return fake;
}

export async function closeFakes(): Promise<void> {
	await Promise.all(fakes.splice(0).map((fake) => fake.close()));
}

export function credentials(fake: FakeSora, data: CredentialData = {}): ContextOptions['credentials'] {
	return {
		soraApi: {
			type: new SoraApi(),
			data: { apiKey: fake.apiKey, baseUrl: fake.baseUrl, authStyle: 'bearer', organization: '', project: '', extraQuery: '', ...data },
		},
	};
}

/** Fast waiting: a 10 ms poll interval (the fake needs a few polls per video). */
export const FAST_WAIT: INodeParameters = { pollIntervalSeconds: 0.01 };

export interface RunResult {
	output?: INodeExecutionData[];
	error?: Error & { description?: string | null; httpCode?: string | null; context?: Record<string, unknown> };
	test: TestContext;
}

/** Starts the node; `done` resolves with its output or its error, and `test` can be watched meanwhile. */
export function start(
	fake: FakeSora,
	parameters: INodeParameters,
	options: Partial<ContextOptions> & { credentialData?: CredentialData } = {},
): { test: TestContext; done: Promise<RunResult> } {
	const test = createContext({
		nodeType,
		parameters,
		credentials: options.credentials ?? credentials(fake, options.credentialData),
		...options,
	});
	const done = nodeType.execute.call(test.context).then(
		(result): RunResult => ({ output: result[0], test }),
		(error: unknown): RunResult => ({ error: error as RunResult['error'], test }),
	);
	return { test, done };
}

/** Runs the node; a thrown error comes back instead of rejecting, with the context (requests, logs) kept. */
export async function run(
	fake: FakeSora,
	parameters: INodeParameters,
	options: Partial<ContextOptions> & { credentialData?: CredentialData } = {},
): Promise<RunResult> {
	return await start(fake, parameters, options).done;
}

/** Output or throw: for the tests where the node must succeed. */
export async function runOk(
	fake: FakeSora,
	parameters: INodeParameters,
	options: Partial<ContextOptions> & { credentialData?: CredentialData } = {},
): Promise<{ output: INodeExecutionData[]; test: TestContext }> {
	const result = await run(fake, parameters, options);
	if (result.error) throw result.error;
	return { output: result.output!, test: result.test };
}

/** The error text a user sees (message, description) plus everything else the error carries. */
export function errorText(error: RunResult['error']): string {
	if (!error) return '';
	return [error.message, error.description ?? '', JSON.stringify(error, Object.getOwnPropertyNames(error))].join('\n');
}

/** The key (and its tail, which some APIs echo masked) appears in no output, error or log line. */
export function expectNoSecret(result: RunResult | { output?: INodeExecutionData[]; test: TestContext }, key = FAKE_SORA_KEY): void {
	const texts = [
		JSON.stringify(result.output ?? []),
		errorText((result as RunResult).error),
		result.test.logs.join('\n'),
	];
	for (const text of texts) {
		expect(text).not.toContain(key);
		expect(text).not.toContain(key.slice(-12));
	}
}

/** Resolves once `condition` holds (checked every 5 ms), for tests that act in the middle of a run. */
export async function until(condition: () => boolean): Promise<void> {
	while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** A created video's id, through the fake's own HTTP API (to set up Get, Download, Remix, List, Delete). */
export async function createDirect(fake: FakeSora, body: Record<string, unknown> = { prompt: 'A lighthouse at dusk' }): Promise<string> {
	const response = await fetch(`${fake.baseUrl}/videos`, {
		method: 'POST',
		headers: { authorization: `Bearer ${fake.apiKey}`, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	if (response.status !== 200) throw new Error(`create failed: ${response.status} ${await response.text()}`);
	return ((await response.json()) as { id: string }).id;
}

/** Polls the fake directly until the video is completed (or failed). */
export async function completeDirect(fake: FakeSora, id: string): Promise<void> {
	for (let i = 0; i < 20; i++) {
		const response = await fetch(`${fake.baseUrl}/videos/${id}`, { headers: { authorization: `Bearer ${fake.apiKey}` } });
		const { status } = (await response.json()) as { status: string };
		if (status === 'completed' || status === 'failed') return;
	}
	throw new Error('video never finished');
}
