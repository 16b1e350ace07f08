/**
 * A Runway task after it was created or looked up: waiting for it (THROTTLED, PENDING and RUNNING keep
 * waiting), its output item (progress as 0..100), the video streamed into n8n's binary storage, the
 * failure in plain words, and the item that keeps the task id when a wait ends without a result.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { WaitCancelledError } from '../../shared/http/sleep';
import { downloadToBinary } from '../../shared/n8n/download';
import type { PollOutcome } from '../../shared/http/poll';
import type { JobWait, WaitSettings } from '../../shared/n8n/wait';
import { unfinishedJob, waitForJob } from '../../shared/n8n/wait';
import { explainFailure } from '../failures';
import type { RunwayTask } from '../transport';
import { getTask } from '../transport';

/** Runway asks for no more than one poll per 5 s per task; the node's default is 6 s plus jitter. */
export const POLL = { intervalSeconds: 6, minIntervalSeconds: 5, maxJitterMs: 1500 } as const;
export const GET_OPERATION = 'Get Task';

const WAITING = new Set(['PENDING', 'THROTTLED', 'RUNNING']);

export function isFinal(status: string): boolean {
	return !WAITING.has(status.toUpperCase());
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

/** The task as the output item shows it. */
export function taskJson(task: RunwayTask, extra: IDataObject = {}): IDataObject {
	const json: IDataObject = { id: task.id, status: task.status, progress: percent(task) };
	if (task.createdAt !== undefined) json.createdAt = task.createdAt;
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
	// The task's own fields first and never overwritten; then what the node adds (model, image facts).
	for (const [key, value] of Object.entries(extra)) if (!(key in json)) json[key] = value;
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

export interface FinishOptions {
	outputField: string;
	fileName: string;
	download: boolean;
	/** Extra fields for the output item (model, image facts). */
	extra?: IDataObject;
}

/** A task's final item: the video downloaded when it SUCCEEDED (and asked for). */
async function succeeded(context: IExecuteFunctions, itemIndex: number, task: RunwayTask, options: FinishOptions): Promise<INodeExecutionData> {
	const json = taskJson(task, options.extra);
	const url = typeof task.output?.[0] === 'string' ? task.output[0] : undefined;
	if (!options.download) return { json };
	if (!url) {
		throw new NodeOperationError(context.getNode(), `Task ${task.id} succeeded but Runway listed no output video`, {
			itemIndex,
			description: `Fetch it again later with the "${GET_OPERATION}" operation and ID ${task.id}.`,
		});
	}
	try {
		// A signed URL on Runway's storage: fetched without the credential, so the key never leaves for another host.
		const binary = await downloadToBinary.call(context, { url, fileName: options.fileName, mimeType: 'video/mp4' });
		return {
			json: {
				...json,
				download: { binaryField: options.outputField, fileName: binary.fileName ?? options.fileName, mimeType: binary.mimeType, bytes: binary.bytes ?? null },
			},
			binary: { [options.outputField]: binary },
		};
	} catch (error) {
		if (!context.getExecutionCancelSignal()?.aborted) {
			// The video is made and paid for: whatever broke the download, say which task to fetch again.
			const { message, description } = error as { message?: string; description?: string | null };
			const cause = message ?? String(error);
			throw new NodeOperationError(context.getNode(), `The video of task ${task.id} could not be downloaded`, {
				itemIndex,
				description: `${cause.replace(/\.?$/, '.')} ${description ? `${description} ` : ''}The video is ready on Runway: fetch it again with the "${GET_OPERATION}" operation and ID ${task.id}, which also gives a fresh link.`,
			});
		}
		// Cancelled mid-download: the video is made and paid for; hand on the id so Get Task can fetch it.
		return {
			json: {
				...json,
				cancelled: true,
				timedOut: true,
				note: `The execution was cancelled during the download. The video is ready: fetch it with the "${GET_OPERATION}" operation and ID ${task.id}.`,
			},
		};
	}
}

/**
 * Waits for a task per the user's settings, then: SUCCEEDED -> the item with the video; FAILED or
 * CANCELLED -> RunwayTaskError (or, with failOnUnsuccessful off, the item describing it); the wait ran out
 * or the execution was cancelled -> the item with the task id, last status and timedOut (or the error the
 * user chose). `first` is a state already known (skips the first poll).
 */
export async function waitAndFinish(
	context: IExecuteFunctions,
	itemIndex: number,
	taskId: string,
	settings: WaitSettings,
	options: FinishOptions & { failOnUnsuccessful: boolean; first?: RunwayTask },
): Promise<INodeExecutionData> {
	let last: RunwayTask = options.first ?? { id: taskId, status: 'PENDING' };
	let known = options.first !== undefined;
	const fetch = async (): Promise<RunwayTask> => {
		// Like Runway's SDK, wait one interval before the first poll of a task just created.
		if (!known) {
			known = true;
			return last;
		}
		last = await getTask(context, itemIndex, taskId);
		return last;
	};
	let outcome: 'final' | 'timedOut' | 'cancelled';
	try {
		const result = await waitForJob.call<IExecuteFunctions, [WaitSettings, JobWait<RunwayTask>], Promise<PollOutcome<RunwayTask>>>(context, settings, {
			fetch,
			isFinal: (task) => isFinal(task.status),
			intervalMs: () => settings.pollIntervalMs + Math.random() * Math.min(POLL.maxJitterMs, settings.pollIntervalMs / 4),
			describe: (task) => `Runway task ${task.id}: ${task.status} ${percent(task)}%`,
			announce: `Runway Video "${context.getNode().name}": waiting for task ${taskId} (item ${itemIndex})`,
		});
		outcome = result.outcome;
	} catch (error) {
		if (!(error instanceof WaitCancelledError)) throw error;
		outcome = 'cancelled';
	}

	if (outcome !== 'final') {
		const json = unfinishedJob(context, itemIndex, settings, {
			id: taskId,
			reason: outcome,
			lastState: taskJson(last, options.extra),
			getOperation: GET_OPERATION,
		});
		return { json };
	}
	return await finish(context, itemIndex, last, options);
}

/** The item for a task in a final state (or, from Get Task, any state). */
export async function finish(
	context: IExecuteFunctions,
	itemIndex: number,
	task: RunwayTask,
	options: FinishOptions & { failOnUnsuccessful: boolean },
): Promise<INodeExecutionData> {
	const status = task.status.toUpperCase();
	if (status === 'SUCCEEDED') return await succeeded(context, itemIndex, task, options);
	const json = taskJson(task, options.extra);
	if (!options.failOnUnsuccessful) return { json };
	if (status === 'FAILED') {
		const code = task.failureCode ? ` [${task.failureCode}]` : '';
		const retry = json.retryable ? 'Retrying can help.' : 'Retrying the same request will not help.';
		throw new RunwayTaskError(
			context,
			itemIndex,
			json,
			`Runway could not make the video (task ${task.id}): ${String(json.failureExplanation)}${code}. ${retry}`,
			`${String(json.advice)}${task.failure ? ` Runway's text: "${task.failure}"` : ''}`,
		);
	}
	if (isCancelled(status)) {
		throw new RunwayTaskError(
			context,
			itemIndex,
			json,
			`Runway task ${task.id} was cancelled before it finished`,
			'It was cancelled with Cancel or Delete Task, in the Runway dashboard, or by another API client. Run the node again to make a new video.',
		);
	}
	return { json };
}
