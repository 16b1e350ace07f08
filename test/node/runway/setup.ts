/**
 * The Runway part of the node-test setup (test/node/setup.ts has the rest): the Runway Video node and its credential
 * against the strict fake Runway server, runs that poll without delay, and the check every run applies (no API key
 * anywhere but the API's Bearer header).
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { RunwayApi } from '../../../credentials/RunwayApi.credentials';
import { RunwayVideo } from '../../../nodes/RunwayVideo/RunwayVideo.node';
import type { FakeRunway } from '../../fakes/runway';
import type { ContextOptions, TestContext } from '../../helpers/executeContext';
import { startNode, type NodeError } from '../setup';

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

/** The run's context: polls without delay unless the test sets pollIntervalSeconds. */
function context(fake: FakeRunway, parameters: INodeParameters, options: RunOptions): ContextOptions {
	return {
		nodeType,
		parameters: { pollIntervalSeconds: 0, ...parameters },
		items: options.items,
		credentials: credentials(fake, options.credentialData),
		continueOnFail: options.continueOnFail,
		onError: options.onError,
		cancel: options.cancel,
		logs: options.logs,
		typeVersion: options.typeVersion,
	};
}

/** Runs the node against `fake`; throws what the node throws. */
export async function run(fake: FakeRunway, parameters: INodeParameters, options: RunOptions = {}): Promise<RunResult> {
	const { output, error, test } = await startNode(context(fake, parameters, options)).done;
	if (error) throw error;
	const result = { output: output!, test };
	assertNoKey(fake, result);
	return result;
}

/** Runs the node expecting it to throw; returns the error (after checking it carries no key). */
export async function runFailing(fake: FakeRunway, parameters: INodeParameters, options: RunOptions = {}): Promise<NodeError> {
	const { error } = await startNode(context(fake, parameters, options)).done;
	if (!error) throw new Error('Expected the node to fail');
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
