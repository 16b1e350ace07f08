/**
 * What every node test shares: the node run through the execute-context harness (test/helpers/executeContext.ts)
 * against a fake over real HTTP, its output or its error kept with the context (requests, logs), and the waits and
 * checks the vendors' tests use. Each vendor adds a small part beside it: its node, its credential, how its runs
 * default and what its leak check looks at (test/node/runway/setup.ts, test/node/sora/setup.ts).
 */
import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

import { fakeVideoByte } from '../fakes/common/fakeServer';
import { createContext, type ContextOptions, type TestContext } from '../helpers/executeContext';

// Against the fakes, polls need not wait a vendor's floor (see minPollSeconds in nodes/shared/n8n/wait.ts): they
// advance one step per GET, not by wall clock.
process.env.N8N_AI_VIDEO_MIN_POLL_SECONDS = '0';

/** What a node's error carries besides its message (NodeApiError, NodeOperationError). */
export type NodeError = Error & { description?: string | null; httpCode?: string | null; context?: Record<string, unknown> };

/** A finished run: the output, or the error the node threw, and the context (requests, logs) either way. */
export interface NodeRun {
	output?: INodeExecutionData[];
	error?: NodeError;
	test: TestContext;
}

/** Starts the node; `done` resolves with its output or its error, and `test` can be watched meanwhile. */
export function startNode(options: ContextOptions): { test: TestContext; done: Promise<NodeRun> } {
	const test = createContext(options);
	const done = options.nodeType.execute!.call(test.context).then(
		(result): NodeRun => ({ output: (result as INodeExecutionData[][])[0], test }),
		(error: unknown): NodeRun => ({ error: error as NodeError, test }),
	);
	return { test, done };
}

/** The error text a user sees (message, description) plus everything else the error carries. */
export function errorText(error: NodeError | undefined): string {
	if (!error) return '';
	return [error.message, error.description ?? '', JSON.stringify(error, Object.getOwnPropertyNames(error))].join('\n');
}

/** Waits (real time, polling every 5 ms) until `condition` holds: for tests that act while the node is running. */
export async function until(condition: () => boolean, what = 'the condition holds'): Promise<void> {
	for (let waited = 0; waited < 30_000; waited += 5) {
		if (condition()) return;
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
	throw new Error(`Timed out waiting until ${what}`);
}

export function binaryOf(item: INodeExecutionData, field = 'data'): IBinaryData {
	const binary = item.binary?.[field];
	if (!binary) throw new Error(`No binary field "${field}" on ${JSON.stringify(Object.keys(item.binary ?? {}))}`);
	return binary;
}

/** Checks a downloaded video byte for byte against what the fake generated (fakeVideoStream). */
export function expectFakeVideo(bytes: Buffer, size: number): void {
	expect(bytes.length).toBe(size);
	expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
	for (let i = 28; i < bytes.length; i++) {
		if (bytes[i] !== fakeVideoByte(i)) throw new Error(`Byte ${i} is ${bytes[i]}, expected ${fakeVideoByte(i)}`);
	}
}
