/**
 * A Runway task after it was created or looked up: when it is final (THROTTLED, PENDING and RUNNING keep
 * waiting), its output item (progress as 0..100, costs), its output files, and a failure in plain words. The
 * waiting, downloading and never-lose-a-task parts are the shared paid-job code's (nodes/shared/n8n/paidJob.ts).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { visibleInPopup } from '../../shared/n8n/errorText';
import type { PaidJobApi } from '../../shared/n8n/paidJob';
import { explainFailure } from '../failures';
import type { RunwayTask } from '../transport';
import { getTask, runwayBaseUrl } from '../transport';

/** Runway asks for no more than one poll per 5 s per task; the node's default is 6 s plus jitter. */
export const POLL = { intervalSeconds: 6, minIntervalSeconds: 5, maxJitterMs: 1500 } as const;
export const GET_OPERATION = 'Get Task';

/** The task statuses the node knows (test/contract/runway.test.ts compares them with the SDK's TaskRetrieveResponse). */
export const TASK_STATUSES = { waiting: ['PENDING', 'THROTTLED', 'RUNNING'], final: ['SUCCEEDED', 'FAILED', 'CANCELLED'] } as const;

const WAITING = new Set<string>(TASK_STATUSES.waiting);
// CANCELED: the American spelling some gateways answer with, taken as the same final state.
const FINAL = new Set<string>([...TASK_STATUSES.final, 'CANCELED']);

/** Only the statuses known to be final end a wait: a new one (say QUEUED_FOR_GPU) is waited through, never taken as the end. */
export function isFinal(status: string): boolean {
	return FINAL.has(status.toUpperCase());
}

/** A status this node does not know, neither waiting nor final. */
export function isUnknownStatus(status: string): boolean {
	const upper = status.toUpperCase();
	return !WAITING.has(upper) && !FINAL.has(upper);
}

export function isCancelled(status: string): boolean {
	const upper = status.toUpperCase();
	return upper === 'CANCELLED' || upper === 'CANCELED';
}

/** Runway's progress is a fraction 0..1 in practice; gateways may send 0..100. Output: 0..100. */
export function percent(task: RunwayTask): number {
	const status = task.status.toUpperCase();
	if (status === 'SUCCEEDED') return 100;
	const raw = typeof task.progress === 'number' && Number.isFinite(task.progress) ? task.progress : 0;
	const value = raw <= 1 ? raw * 100 : raw;
	return Math.round(Math.min(100, Math.max(0, value)) * 10) / 10;
}

/**
 * The task as the output item shows it: status and progress, `finished` (a final status) and `succeeded`, the
 * costs as Runway sends them (`estimatedCost` while unfinished, `cost` once finished: `{credits}`), outputs,
 * and a failure in plain words.
 */
export function taskJson(task: RunwayTask): IDataObject {
	const status = task.status.toUpperCase();
	const json: IDataObject = {
		id: task.id,
		status: task.status,
		progress: percent(task),
		finished: isFinal(status),
		succeeded: status === 'SUCCEEDED',
	};
	if (isUnknownStatus(status))
		json.statusNote = `Runway reported the status "${task.status}", which this node does not know; it is taken as still running.`;
	if (task.createdAt !== undefined) json.createdAt = task.createdAt;
	if (task.estimatedCost !== undefined) json.estimatedCost = task.estimatedCost;
	if (task.cost !== undefined) json.cost = task.cost;
	if (Array.isArray(task.output)) {
		json.output = task.output;
		if (typeof task.output[0] === 'string') json.videoUrl = task.output[0];
	}
	if (task.status.toUpperCase() === 'FAILED') {
		const { explanation, retryable, advice } = explainFailure(task.failureCode);
		json.failureCode = task.failureCode ?? null;
		json.failure = task.failure ?? null;
		json.failureExplanation = explanation;
		json.retryable = retryable;
		json.advice = advice;
	}
	return json;
}

/** A task that ended FAILED or CANCELLED while the node waited for a video; carries the task's facts. */
export class RunwayTaskError extends NodeOperationError {
	constructor(
		context: IExecuteFunctions,
		itemIndex: number,
		readonly task: IDataObject,
		message: string,
		description: string,
	) {
		super(context.getNode(), message, { itemIndex, description });
		Object.assign(this.context, { taskId: task.id, status: task.status, failureCode: task.failureCode, retryable: task.retryable });
	}
}

/** Runway's side of a paid job (nodes/shared/n8n/paidJob.ts): reading a task, its item, its files, its failure. */
export async function runwayJob(
	context: IExecuteFunctions,
	itemIndex: number,
	fileBase: (task: RunwayTask) => string,
): Promise<PaidJobApi<RunwayTask>> {
	return {
		api: 'Runway',
		noun: 'task',
		getOperation: GET_OPERATION,
		baseUrl: await runwayBaseUrl(context, itemIndex),
		fetch: async (id) => await getTask(context, itemIndex, id),
		isFinal: (task) => isFinal(task.status),
		// Runway's SDK adds up to 1.5 s of jitter, so many waiting tasks do not poll in step.
		intervalMs: (_task, settings) => settings.pollIntervalMs + Math.random() * Math.min(POLL.maxJitterMs, settings.pollIntervalMs / 4),
		describe: (task) => `${task.status} ${percent(task)}%`,
		toJson: (task) => taskJson(task),
		result: (task, json) => {
			const status = task.status.toUpperCase();
			if (status === 'SUCCEEDED') {
				const urls = Array.isArray(task.output) ? task.output.filter((url): url is string => typeof url === 'string') : [];
				// Signed URLs on Runway's storage: fetched without the credential, so the key never leaves for another host.
				return { files: urls.map((url) => ({ url, baseName: fileBase(task) })) };
			}
			return { error: taskError(context, itemIndex, task, json) };
		},
		// With "continue on fail": the task's id, failureCode, explanation and retryable flag beside the error.
		failedItem: (json, error) => ({
			...json,
			error: `${error.message}: ${(error as RunwayTaskError).description ?? ''}`.replace(/: $/, ''),
		}),
	};
}

/** The error for a task that FAILED or was CANCELLED while the node waited for its video. */
function taskError(context: IExecuteFunctions, itemIndex: number, task: RunwayTask, json: IDataObject): Error {
	if (task.status.toUpperCase() === 'FAILED') {
		const code = task.failureCode ? ` [${task.failureCode}]` : '';
		const retry = json.retryable ? 'Retrying can help.' : 'Retrying the same request will not help.';
		return new RunwayTaskError(
			context,
			itemIndex,
			json,
			`Runway could not make the video (task ${task.id}): ${String(json.failureExplanation)}${code}. ${retry}`,
			`${String(json.advice)}${task.failure ? ` Runway's text: "${visibleInPopup(task.failure)}"` : ''}`,
		);
	}
	if (isCancelled(task.status)) {
		return new RunwayTaskError(
			context,
			itemIndex,
			json,
			`Runway task ${task.id} was cancelled before it finished`,
			'It was cancelled with Cancel or Delete Task, in the Runway dashboard, or by another API client. Run the node again to make a new video.',
		);
	}
	return new RunwayTaskError(context, itemIndex, json, `Runway task ${task.id} ended as ${task.status}`, 'Fetch it again with Get Task.');
}
