/**
 * Shared set-up for the Runway Video node tests: the node run through the execute-context harness against
 * the strict fake Runway server, over real HTTP, and the checks every test applies (no API key anywhere).
 */
import type { IBinaryData, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { RunwayApi } from '../../../credentials/RunwayApi.credentials';
import { RunwayVideo } from '../../../nodes/RunwayVideo/RunwayVideo.node';
import { fakeVideoByte } from '../../fakes/common/fakeServer';
import type { FakeRunway } from '../../fakes/runway';
import { binaryFromBuffer, execute, type ContextOptions, type TestContext } from '../../helpers/executeContext';

// Against the fake, polls need not wait Runway's 5 s floor (see minPollSeconds in nodes/shared/n8n/wait.ts).
process.env.N8N_AI_VIDEO_MIN_POLL_SECONDS = '0';

export const nodeType = new RunwayVideo();
export const credentialType = new RunwayApi();

export function credentials(fake: FakeRunway, data: IDataObject = {}) {
	return {
		runwayApi: {
			type: credentialType,
			data: { apiKey: fake.apiKey, baseUrl: fake.baseUrl, apiVersion: '2024-11-06', ...data },
		},
	};
}

export interface RunOptions {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	onError?: ContextOptions['onError'];
	cancel?: AbortController;
	credentialData?: IDataObject;
	logs?: string[];
	/** The node version the workflow was saved with (default: the newest). */
	typeVersion?: number;
}

export interface RunResult {
	output: INodeExecutionData[];
	test: TestContext;
}

/** Runs the node against `fake`; polls without delay unless the test sets pollIntervalSeconds. */
export async function run(fake: FakeRunway, parameters: INodeParameters, options: RunOptions = {}): Promise<RunResult> {
	const result = await execute({
		nodeType,
		parameters: { pollIntervalSeconds: 0, ...parameters },
		items: options.items,
		credentials: credentials(fake, options.credentialData),
		continueOnFail: options.continueOnFail,
		onError: options.onError,
		cancel: options.cancel,
		logs: options.logs,
		typeVersion: options.typeVersion,
	});
	assertNoKey(fake, result);
	return result;
}

/** Runs the node expecting it to throw; returns the error (after checking it carries no key). */
export async function runFailing(
	fake: FakeRunway,
	parameters: INodeParameters,
	options: RunOptions = {},
): Promise<Error & { description?: string; httpCode?: string; context?: IDataObject }> {
	let caught: unknown;
	try {
		await execute({
			nodeType,
			parameters: { pollIntervalSeconds: 0, ...parameters },
			items: options.items,
			credentials: credentials(fake, options.credentialData),
			continueOnFail: options.continueOnFail,
			cancel: options.cancel,
			typeVersion: options.typeVersion,
		});
	} catch (error) {
		caught = error;
	}
	if (!caught) throw new Error('Expected the node to fail');
	const error = caught as Error & { description?: string; httpCode?: string; context?: IDataObject };
	const text = JSON.stringify({ message: error.message, description: error.description, context: error.context, stack: error.stack });
	expect(text).not.toContain(fake.apiKey);
	expect(text).not.toContain(fake.apiKey.slice(4, 40));
	return error;
}

/**
 * The API key goes only to the API, as the Bearer header: never to the upload bucket or an output URL,
 * never into an output item, an error or a log line.
 */
export function assertNoKey(fake: FakeRunway, { output, test }: RunResult): void {
	const key = fake.apiKey;
	expect(JSON.stringify(output)).not.toContain(key.slice(4, 40));
	expect(test.logs.join('\n')).not.toContain(key.slice(4, 40));
	for (const request of test.requests) {
		const auth = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
		const path = new URL(request.url).pathname;
		const isApi = path.startsWith(`${fake.prefix}/v1/`);
		if (isApi) expect(auth).toBe(`Bearer ${key}`);
		else expect(auth).toBeUndefined();
		expect(request.url).not.toContain(key.slice(4, 40));
	}
	for (const recorded of fake.server.requests) {
		if (!recorded.path.startsWith(`${fake.prefix}/v1/`)) expect(recorded.headers.authorization).toBeUndefined();
	}
}

export async function imageItem(data: Buffer, fileName = 'photo.jpg', mimeType = 'image/jpeg', field = 'data'): Promise<INodeExecutionData> {
	return { json: { chatId: 42 }, binary: { [field]: await binaryFromBuffer(data, fileName, mimeType) } };
}

/** Checks a downloaded video byte for byte against what the fake generated (fakeVideoStream). */
export function expectFakeVideo(bytes: Buffer, size: number): void {
	expect(bytes.length).toBe(size);
	expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
	for (let i = 28; i < bytes.length; i++) {
		if (bytes[i] !== fakeVideoByte(i)) throw new Error(`Byte ${i} is ${bytes[i]}, expected ${fakeVideoByte(i)}`);
	}
}

export function binaryOf(item: INodeExecutionData, field = 'data'): IBinaryData {
	const binary = item.binary?.[field];
	if (!binary) throw new Error(`No binary field "${field}" on ${JSON.stringify(Object.keys(item.binary ?? {}))}`);
	return binary;
}

/** Polls (real time, briefly) until `condition` holds: for tests that act while the node is waiting. */
export async function until(condition: () => boolean, what: string): Promise<void> {
	for (let i = 0; i < 500; i++) {
		if (condition()) return;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	throw new Error(`Timed out waiting until ${what}`);
}
