/**
 * The Sora part of the node-test setup (test/node/setup.ts has the rest): the Sora Video node and its credential,
 * fakes started per test (and closed after it), fast waits, the leak check, and videos made through the fake's own API.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { SoraApi } from '../../../credentials/SoraApi.credentials';
import { SoraVideo } from '../../../nodes/SoraVideo/SoraVideo.node';
import type { ContextOptions, TestContext } from '../../helpers/executeContext';
import { FAKE_SORA_KEY, startFakeSora } from '../../fakes/sora';
import type { FakeSora, FakeSoraOptions } from '../../fakes/sora';
import { errorText, startNode, type NodeRun } from '../setup';

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

/** Starts the node; `done` resolves with its output or its error, and `test` can be watched meanwhile. */
export function start(
	fake: FakeSora,
	parameters: INodeParameters,
	options: Partial<ContextOptions> & { credentialData?: CredentialData } = {},
): { test: TestContext; done: Promise<NodeRun> } {
	return startNode({
		nodeType,
		parameters,
		credentials: options.credentials ?? credentials(fake, options.credentialData),
		...options,
	});
}

/** Runs the node; a thrown error comes back instead of rejecting, with the context (requests, logs) kept. */
export async function run(
	fake: FakeSora,
	parameters: INodeParameters,
	options: Partial<ContextOptions> & { credentialData?: CredentialData } = {},
): Promise<NodeRun> {
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

/** The key (and its tail, which some APIs echo masked) appears in no output, error or log line. */
export function expectNoSecret(result: NodeRun, key = FAKE_SORA_KEY): void {
	const texts = [JSON.stringify(result.output ?? []), errorText(result.error), result.test.logs.join('\n')];
	for (const text of texts) {
		expect(text).not.toContain(key);
		expect(text).not.toContain(key.slice(-12));
	}
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
