/**
 * What a video node does around a paid job, the same for every API: start it (a cancel during the create
 * may still have started one: say so), log its id before waiting, hand the id on when not waiting, wait, and
 * when the wait ends without a result (it ran out, or the execution was cancelled) put out the one item shape
 * that keeps the job id (unfinishedJob). A finished job's files are downloaded into binaries; when a download
 * fails after the job succeeded, the error says which job to fetch again. A paid job is never lost.
 *
 * The API side comes in as a PaidJobApi: how to read a job, when it is final, its item JSON, its files, and the
 * error for a job that failed.
 */
import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PollOutcome } from '../http/poll';
import { WaitCancelledError } from '../http/sleep';
import { downloadToBinary, RefusedUrlError } from './download';
import { describeOutputFile, extensionForType, outputBinaryNames } from './outputFiles';
import type { OutputFile } from './outputFiles';
import { errorOutputMark } from './itemLoop';
import { forModel, isToolMode } from './toolMode';
import type { WaitSettings } from './wait';
import { unfinishedJob, waitForJob } from './wait';

/** How the API and its jobs are named in messages and the log: "Runway", "task", "Get Task"; "Sora", "video", "Get". */
export interface JobNames {
	api: string;
	noun: string;
	/** The operation that fetches a job later. */
	getOperation: string;
	/** The operation that downloads a finished job's files again; default getOperation. */
	downloadOperation?: string;
	/** The credential's Base URL: output files on its host may be fetched over http or on a private network. */
	baseUrl?: string;
}

export interface PaidJobApi<State> extends JobNames {
	fetch: (id: string) => Promise<State>;
	isFinal: (state: State) => boolean;
	/** The wait before the next poll (a server's hint, jitter); default: the user's poll interval. */
	intervalMs?: (state: State, settings: WaitSettings) => number;
	/** One line for the debug log, e.g. "RUNNING 40%". */
	describe: (state: State, settings: WaitSettings) => string;
	/** The item JSON for a state of the job (status, progress, cost...). */
	toJson: (state: State) => IDataObject;
	/** A final state: the files to download when it succeeded, or the error when it did not. */
	result: (state: State, json: IDataObject) => { files: OutputFile[] } | { error: Error };
	/** With "continue on fail", the item for a job that did not succeed; without this, the error goes to the item loop. */
	failedItem?: (json: IDataObject, error: Error) => IDataObject;
}

export interface CreatedJob {
	id: string;
	/** What the create's answer tells beyond the id (e.g. estimatedCost), for the item. */
	json: IDataObject;
}

/** The job's own fields first and never overwritten; then what the node adds (model, input facts, the create's estimate). */
function withExtra(own: IDataObject, extra: IDataObject): IDataObject {
	const json = { ...own };
	for (const [key, value] of Object.entries(extra)) if (!(key in json)) json[key] = value;
	return json;
}

/**
 * Starts a paid job. A cancel while the create is on the way becomes an error that says the job may exist:
 * the request may have reached the server.
 */
export async function startJob(
	context: IExecuteFunctions,
	itemIndex: number,
	api: JobNames,
	create: () => Promise<CreatedJob>,
): Promise<CreatedJob> {
	try {
		return await create();
	} catch (error) {
		if (!(error instanceof WaitCancelledError)) throw error;
		throw new NodeOperationError(context.getNode(), `The execution was cancelled while the ${api.noun} was being created`, {
			itemIndex,
			description: `${api.api} may have started it anyway: check your ${api.api} dashboard before running the node again.`,
		});
	}
}

/** The log line written once a job exists (queue-mode tests look for its id in n8n's log). No secrets: only names and the id. */
export function logCreated(context: IExecuteFunctions, itemIndex: number, api: JobNames, id: string, waiting: boolean): void {
	const node = context.getNode().name;
	context.logger.info(
		`${api.api} Video "${node}": ${api.noun} ${id} created for item ${itemIndex}; ${waiting ? 'waiting for it' : 'not waiting (fetch it later with ' + api.getOperation + ')'}`,
	);
}

/** The item for an input the execution was cancelled before: nothing was sent for it, nothing is paid for. */
export function notStarted(): INodeExecutionData {
	return {
		json: {
			cancelled: true,
			started: false,
			note: 'The execution was cancelled before this item was started; nothing was sent for it.',
		},
	};
}

/** The item for a job not waited for: its id and what the create said, and how to fetch it later. */
export function notWaited(api: JobNames, job: CreatedJob, extra: IDataObject): INodeExecutionData {
	return {
		json: {
			...extra,
			...job.json,
			id: job.id,
			note: `Not waited for. Fetch the video later with the "${api.getOperation}" operation and ID ${job.id}.`,
		},
	};
}

export interface WaitOptions<State> {
	settings: WaitSettings;
	/** A state already known (Get Task): polling starts after one interval rather than with a request. */
	first?: State;
	/** Poll at once even though `first` is known (it is then only the last state should nothing else come). */
	pollAtOnce?: boolean;
	/** Fields for the item besides the job's own (model, input facts, the create's estimate). */
	extra: IDataObject;
}

/**
 * Waits for a job per the user's settings. Final: the state. The wait ran out or the execution was cancelled:
 * the unfinished-job item (or, with When the Wait Runs Out = Fail, its error).
 */
export async function waitForFinal<State>(
	context: IExecuteFunctions,
	itemIndex: number,
	api: PaidJobApi<State>,
	id: string,
	options: WaitOptions<State>,
): Promise<{ state: State } | { item: INodeExecutionData }> {
	const { settings } = options;
	let last: State | undefined = options.first;
	// Like the vendors' SDKs, wait one interval before the first poll of a job just created.
	let skipFirst = options.first !== undefined && !options.pollAtOnce;
	const fetch = async (): Promise<State> => {
		if (skipFirst) {
			skipFirst = false;
			return last as State;
		}
		last = await api.fetch(id);
		return last;
	};
	let outcome: PollOutcome<State>['outcome'];
	try {
		const result = await waitForJob(context, settings, {
			fetch,
			isFinal: (state) => api.isFinal(state),
			intervalMs: api.intervalMs ? (state) => api.intervalMs!(state, settings) : undefined,
			describe: (state) => `${api.api} ${api.noun} ${id}: ${api.describe(state, settings)}`,
		});
		outcome = result.outcome;
	} catch (error) {
		if (!(error instanceof WaitCancelledError)) throw withJobId(error, api, id);
		outcome = 'cancelled';
	}
	if (outcome === 'final') return { state: last as State };
	const lastState = withExtra(last === undefined ? { id } : api.toJson(last), options.extra);
	return {
		item: {
			json: unfinishedJob(context, itemIndex, settings, {
				id,
				reason: outcome,
				lastState,
				getOperation: api.getOperation,
			}),
		},
	};
}

/**
 * The item for a final job: its JSON and, when it succeeded and `download` is on, every output file as its own
 * binary (the first in `outputField`, the rest beside it: `<field>_1`, `<field>_2`...). A job that did not
 * succeed throws its error unless `failOnUnsuccessful` is off (Get Task reports it as an item).
 */
export async function finishJob<State>(
	context: IExecuteFunctions,
	itemIndex: number,
	api: PaidJobApi<State>,
	state: State,
	options: { extra: IDataObject; outputField: string; download: boolean; failOnUnsuccessful: boolean },
): Promise<INodeExecutionData> {
	try {
		return await finish(context, itemIndex, api, state, options);
	} catch (error) {
		const id = (api.toJson(state).id as string | undefined) ?? '';
		throw id ? withJobId(error, api, id) : error;
	}
}

/**
 * An error once the job exists: its id in the message (unless already there) and on the error as `jobId`,
 * which the item loop puts in the continue-on-fail item's `id`. A paid job is never lost.
 */
export function withJobId(error: unknown, api: JobNames, id: string): unknown {
	if (!(error instanceof Error) || error instanceof WaitCancelledError) return error;
	if (!error.message.includes(id)) error.message = `${error.message.replace(/\.$/, '')} (${api.api} ${api.noun} ${id})`;
	Object.assign(error, { jobId: id });
	const context = (error as { context?: IDataObject }).context;
	if (context && typeof context === 'object') context.jobId = id;
	return error;
}

async function finish<State>(
	context: IExecuteFunctions,
	itemIndex: number,
	api: PaidJobApi<State>,
	state: State,
	options: { extra: IDataObject; outputField: string; download: boolean; failOnUnsuccessful: boolean },
): Promise<INodeExecutionData> {
	const json = withExtra(api.toJson(state), options.extra);
	const result = api.result(state, json);
	if ('error' in result) {
		if (!options.failOnUnsuccessful) return { json };
		if (api.failedItem && context.continueOnFail()) {
			return { json: api.failedItem(json, result.error), ...errorOutputMark(context, result.error, itemIndex) };
		}
		throw result.error;
	}
	// An Agent's model cannot see a binary (n8n drops it): it gets a link or how to fetch the file instead.
	if (isToolMode(context)) return { json: forModel(json, result.files, api) };
	if (!options.download) return { json };
	return await downloadFiles(context, itemIndex, api, String(json.id), json, result.files, options.outputField);
}

async function downloadFiles(
	context: IExecuteFunctions,
	itemIndex: number,
	api: JobNames,
	id: string,
	json: IDataObject,
	files: OutputFile[],
	outputField: string,
): Promise<INodeExecutionData> {
	if (files.length === 0) {
		throw new NodeOperationError(context.getNode(), `${api.api} ${api.noun} ${id} succeeded but listed no output file`, {
			itemIndex,
			description: `Fetch it again later with the "${api.getOperation}" operation and ID ${id}.`,
		});
	}
	const names = outputBinaryNames(outputField, files.length);
	const binary: Record<string, IBinaryData> = {};
	const downloads: IDataObject[] = [];
	const refused: string[] = [];
	try {
		for (const [index, file] of files.entries()) {
			const { fileName, mimeType, extension, guessed } = describeOutputFile(file);
			let data: IBinaryData;
			try {
				data = await downloadToBinary(context, {
					url: file.url,
					qs: file.qs,
					credentialType: file.credentialType,
					baseUrl: api.baseUrl,
					fileName,
					mimeType,
				});
			} catch (error) {
				if (!(error instanceof RefusedUrlError)) throw error;
				// Not fetched: the item keeps the URL and says why, for the user to judge.
				downloads.push({ ...file.about, url: file.url, downloaded: false, reason: error.message });
				refused.push(error.reason);
				continue;
			}
			const served = guessed ? extensionForType(data.mimeType) : undefined;
			if (served && served !== extension) {
				data.fileName = `${file.baseName}.${served}`;
				data.fileExtension = served;
			}
			binary[names[index]] = data;
			downloads.push({
				...file.about,
				binaryField: names[index],
				fileName: data.fileName ?? fileName,
				mimeType: data.mimeType,
				bytes: data.bytes ?? null,
			});
		}
	} catch (error) {
		if (context.getExecutionCancelSignal()?.aborted) {
			// Cancelled mid-download: the video is made and paid for; hand on the id so it can be fetched later.
			return {
				json: {
					...json,
					timedOut: true,
					cancelled: true,
					note: `The execution was cancelled during the download. The video is ready: fetch it with the "${api.downloadOperation ?? api.getOperation}" operation and ID ${id}.`,
				},
			};
		}
		const { message, description } = error as { message?: string; description?: string | null };
		const cause = message ?? String(error);
		// "The video of task X"; a job that is itself a video (Sora's): "Video X".
		const what = api.noun === 'video' ? `Video ${id}` : `The video of ${api.noun} ${id}`;
		throw new NodeOperationError(context.getNode(), `${what} could not be downloaded`, {
			itemIndex,
			description: `${cause.replace(/\.?$/, '.')} ${description ? `${description} ` : ''}The video is ready on ${api.api}: fetch it again with the "${api.downloadOperation ?? api.getOperation}" operation and ID ${id}, which also gives a fresh link.`,
		});
	}
	const note = refused.length
		? {
				downloadSkipped: `${refused.length === files.length ? 'The' : 'Some'} output ${refused.length === 1 ? 'file was' : 'files were'} not downloaded: ${[...new Set(refused)].join('; ')}. The URL is kept in "download".`,
			}
		: {};
	return { json: { ...json, ...note, download: downloads.length === 1 ? downloads[0] : downloads }, binary };
}
