import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { pollUntilFinal } from '../http/poll';
import type { PollOutcome } from '../http/poll';

export interface WaitSettings {
	waitForCompletion: boolean;
	pollIntervalMs: number;
	maxWaitMs: number;
	/** What happens to an item whose wait ends without a result. */
	onTimeout: 'output' | 'error';
}

/** How a node names its jobs and the operation that fetches one later, in the wait parameters' texts. */
export interface JobWords {
	/** e.g. "Get Task"; default "Get". */
	getOperation: string;
	/** e.g. "task"; default "job". */
	job: string;
}

/** The "Wait for Completion" parameters both video nodes show. */
export function waitProperties(
	defaults: { intervalSeconds: number; minIntervalSeconds: number },
	displayOptions: IDisplayOptions,
	words: JobWords = { getOperation: 'Get', job: 'job' },
): INodeProperties[] {
	const whenWaiting: IDisplayOptions = { show: { ...displayOptions.show, waitForCompletion: [true] } };
	const { job } = words;
	return [
		{
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: true,
			description: `Whether to wait for the video and download it. Turn off to output the ${job} ID at once and fetch it later with ${words.getOperation === 'Get' ? 'the Get operation' : words.getOperation}.`,
			displayOptions,
		},
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the default is each API's own
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollIntervalSeconds',
			type: 'number',
			typeOptions: { minValue: defaults.minIntervalSeconds },
			default: defaults.intervalSeconds,
			description: `How often to check the ${job} (at least ${defaults.minIntervalSeconds} s; a server's own hint is honoured when longer)`,
			displayOptions: whenWaiting,
		},
		{
			displayName: 'Max Wait (Minutes)',
			name: 'maxWaitMinutes',
			type: 'number',
			typeOptions: { minValue: 0.1 },
			default: 10,
			description: `Stop waiting after this long. The ${job} keeps running and is not lost: its ID comes out so it can be fetched later.`,
			displayOptions: whenWaiting,
		},
		{
			displayName: 'When the Wait Runs Out',
			name: 'onTimeout',
			type: 'options',
			options: [
				{
					name: `Output the ${capitalise(job)} ID`,
					value: 'output',
					description: `The item comes out with the ${job} ID, its last status and timedOut: true`,
				},
				{
					name: 'Fail the Item',
					value: 'error',
					description: `An error that carries the ${job} ID (respects the node's On Error setting)`,
				},
			],
			// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-options -- 'output' is an option; its name is built from the job word
			default: 'output',
			displayOptions: whenWaiting,
		},
	];
}

function capitalise(word: string): string {
	return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * The polling floor: the API's own minimum, unless N8N_AI_VIDEO_MIN_POLL_SECONDS lowers it. Only the test
 * suites and the demo set that, against the fake servers, so they need not wait 5 s per poll.
 */
export function minPollSeconds(apiMinimum: number): number {
	const override = Number(process.env.N8N_AI_VIDEO_MIN_POLL_SECONDS);
	return process.env.N8N_AI_VIDEO_MIN_POLL_SECONDS && Number.isFinite(override) && override >= 0 ? override : apiMinimum;
}

export function readWaitSettings(context: IExecuteFunctions, itemIndex: number, minIntervalSeconds: number): WaitSettings {
	const get = <T>(name: string, fallback: T) => context.getNodeParameter(name, itemIndex, fallback) as T;
	const floor = minPollSeconds(minIntervalSeconds);
	return {
		waitForCompletion: get('waitForCompletion', true),
		pollIntervalMs: Math.max(floor, get('pollIntervalSeconds', minIntervalSeconds)) * 1000,
		maxWaitMs: get('maxWaitMinutes', 10) * 60_000,
		onTimeout: get<'output' | 'error'>('onTimeout', 'output'),
	};
}

export interface JobWait<T> {
	fetch: () => Promise<T>;
	isFinal: (state: T) => boolean;
	/** The wait before the next poll; defaults to the configured interval. */
	intervalMs?: (state: T) => number;
	describe: (state: T) => string;
}

/** Polls a job per the user's settings, logging progress, stopping at once when the execution is cancelled. */
export async function waitForJob<T>(context: IExecuteFunctions, settings: WaitSettings, job: JobWait<T>): Promise<PollOutcome<T>> {
	return await pollUntilFinal({
		fetch: job.fetch,
		isFinal: job.isFinal,
		intervalMs: job.intervalMs ?? (() => settings.pollIntervalMs),
		maxWaitMs: settings.maxWaitMs,
		signal: context.getExecutionCancelSignal(),
		onState: (state) => context.logger.debug(`Video job: ${job.describe(state)}`),
	});
}

/**
 * The item for a job whose wait ended without a result: the job id, its last state and why, so a later
 * Get picks it up (a paid job is never lost). With onTimeout = 'error', an error carrying the same facts.
 */
export function unfinishedJob(
	context: IExecuteFunctions,
	itemIndex: number,
	settings: WaitSettings,
	job: { id: string; reason: 'timedOut' | 'cancelled'; lastState: IDataObject; getOperation: string },
): IDataObject {
	const waited = `${Math.round(settings.maxWaitMs / 1000)} s`;
	const json: IDataObject = {
		...job.lastState,
		id: job.id,
		// true whenever the node stopped waiting before the job finished; `cancelled` says when that was a cancel
		timedOut: true,
		...(job.reason === 'cancelled' ? { cancelled: true } : {}),
		note: `The job is still running on the server. Fetch it later with the "${job.getOperation}" operation and ID ${job.id}.`,
	};
	if (settings.onTimeout === 'error' && job.reason === 'timedOut') {
		throw new NodeOperationError(context.getNode(), `The video was not ready after ${waited} (job ${job.id})`, {
			itemIndex,
			description: `It is still running and not lost: fetch it later with the "${job.getOperation}" operation and ID ${job.id}, or raise Max Wait.`,
		});
	}
	return json;
}
