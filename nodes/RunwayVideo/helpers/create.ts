/**
 * What the create operations share: reading an item's model and values and checking them before any request,
 * reading its media (binary fields or URLs) into URIs, then starting the task and waiting for it with the
 * shared paid-job code (nodes/shared/n8n/paidJob.ts).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { WaitCancelledError } from '../../shared/http/sleep';
import { finishJob, logCreated, notStarted, notWaited, startJob, waitForFinal } from '../../shared/n8n/paidJob';
import type { WaitSettings } from '../../shared/n8n/wait';
import { readWaitSettings } from '../../shared/n8n/wait';
import { CUSTOM_MODEL, modelParameter } from '../actions/common.descriptions';
import type { CheckedCreate, CreateInput, MediaKind } from '../models/check';
import { checkCreate, checkMediaUrl, RunwayValidationError } from '../models/check';
import type { Endpoint } from '../models/types';
import { ENDPOINT_PATHS } from '../models/types';
import type { RequestBody } from '../requests/createBody';
import { createBody } from '../requests/createBody';
import { createTask, getTask } from '../transport';
import type { RunwayTask } from '../transport';
import type { PreparedBinary } from './media';
import { deliverImage, prepareBinaryVideo } from './media';
import { POLL, runwayJob } from './task';
import { itemError } from '../../shared/n8n/itemError';

/** A RunwayValidationError as the node reports it: the item, the field, and what is allowed. */
export function invalidItem(context: IExecuteFunctions, itemIndex: number, error: unknown): unknown {
	if (!(error instanceof RunwayValidationError)) return error;
	return itemError(context.getNode(), itemIndex, { field: error.field }, error.message, error.hint);
}

/** Runs `read` and reports a RunwayValidationError it throws as the item's error. */
export function checked<T>(context: IExecuteFunctions, itemIndex: number, read: () => T): T {
	try {
		return read();
	} catch (error) {
		throw invalidItem(context, itemIndex, error);
	}
}

/** The model the item asks for (in the operation's Model parameter of the node's version): a table model, or a custom model id. */
export function readModel(context: IExecuteFunctions, itemIndex: number, endpoint: Endpoint): { model: unknown; custom: boolean } {
	const model = context.getNodeParameter(modelParameter(endpoint, context.getNode().typeVersion), itemIndex, '');
	if (model === CUSTOM_MODEL) return { model: context.getNodeParameter('customModel', itemIndex, ''), custom: true };
	return { model, custom: false };
}

/** Top-level parameters that hold request fields, by request field. */
const TOP_LEVEL: Record<string, string> = {
	promptText: 'prompt',
	ratio: 'ratio',
	duration: 'duration',
	resolution: 'resolution',
	outputFormat: 'outputFormat',
	targetFramerate: 'targetFramerate',
};

/** Options entries that hold request fields under another name. */
const OPTION_FIELDS: Record<string, string> = { publicFigureThreshold: 'contentModeration' };
const NOT_FIELDS = ['additionalFields', 'durationAuto', 'fit', 'cropPosition', 'imageDelivery'];
const REFERENCE_KINDS: Record<string, MediaKind> = { references: 'image', referenceVideos: 'video', referenceAudio: 'audio' };

/**
 * The request fields an item sets, from the top-level parameters and Options, keyed by request field. Every
 * parameter is read with a fallback: a model without, say, a ratio has no Ratio parameter at all.
 */
export function readValues(context: IExecuteFunctions, itemIndex: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
	const values: Record<string, unknown> = {};
	for (const [field, parameter] of Object.entries(TOP_LEVEL)) values[field] = context.getNodeParameter(parameter, itemIndex, null);
	const options = readOptions(context, itemIndex);
	for (const [name, value] of Object.entries(options)) {
		if (NOT_FIELDS.includes(name)) continue;
		const field = OPTION_FIELDS[name] ?? name;
		if (field in REFERENCE_KINDS) values[field] = readUrlList(value, field, REFERENCE_KINDS[field]);
		else if (field === 'keyframes') values[field] = readKeyframes(value);
		else values[field] = value;
	}
	if (options.durationAuto === true) values.duration = 'auto';
	// Video to Video from 1.1: Duration "Auto" (with "Model's Default" the seconds are hidden, so none are read).
	if (context.getNodeParameter('durationMode', itemIndex, null) === 'auto') values.duration = 'auto';
	return { ...values, ...overrides };
}

export function readOptions(context: IExecuteFunctions, itemIndex: number): IDataObject {
	return (context.getNodeParameter('options', itemIndex, {}) ?? {}) as IDataObject;
}

function readUrlList(value: unknown, field: string, kind: MediaKind): string[] | undefined {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\n,]+/) : [];
	const urls = list.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
	const label = { references: 'Reference Image URLs', referenceVideos: 'Reference Video URLs', referenceAudio: 'Reference Audio URLs' }[field] ?? field;
	return urls.length > 0 ? urls.map((url) => checkMediaUrl(url, label, kind)) : undefined;
}

function readKeyframes(value: unknown): Array<{ uri: string; at: number }> | undefined {
	const entries = ((value as IDataObject | undefined)?.keyframe ?? []) as IDataObject[];
	if (entries.length === 0) return undefined;
	if (entries.length > 5) throw new RunwayValidationError('Keyframes', `${entries.length} keyframes given; aleph2 takes at most 5`, 'Remove some keyframes.');
	return entries.map((entry, index) => {
		const at = typeof entry.at === 'string' ? Number(entry.at) : entry.at;
		if (typeof at !== 'number' || !(at >= 0 && at <= 1)) {
			throw new RunwayValidationError('Keyframes', `Keyframe ${index + 1}: At ${String(entry.at)} is not from 0 to 1`, 'Give the position as a fraction of the video, e.g. 0.5 for the middle.');
		}
		return { uri: checkMediaUrl(entry.uri, `Keyframe ${index + 1} Image URL`, 'image'), at };
	});
}

/** Options → Additional Fields: a JSON object (text or already parsed), merged into the request as it is. */
export function readAdditionalFields(context: IExecuteFunctions, itemIndex: number): RequestBody {
	const raw = readOptions(context, itemIndex).additionalFields;
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return {};
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		try {
			parsed = JSON.parse(raw);
		} catch (error) {
			throw invalidItem(context, itemIndex, new RunwayValidationError('Additional Fields (JSON)', `Additional Fields is not valid JSON (${(error as Error).message})`, 'Write a JSON object, e.g. {"seed": 42}.'));
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw invalidItem(context, itemIndex, new RunwayValidationError('Additional Fields (JSON)', 'Additional Fields must be a JSON object', 'Write an object of request fields, e.g. {"seed": 42}.'));
	}
	return parsed as RequestBody;
}

/** Reads the model and values of an item and checks them against the model's rules. */
export function readCreate(
	context: IExecuteFunctions,
	itemIndex: number,
	endpoint: Endpoint,
	extra: { overrides?: Record<string, unknown>; lastFrame?: boolean } = {},
): CheckedCreate {
	return checked(context, itemIndex, () => {
		const input: CreateInput = { endpoint, ...readModel(context, itemIndex, endpoint), values: readValues(context, itemIndex, extra.overrides), lastFrame: extra.lastFrame };
		return checkCreate(input);
	});
}

export interface CreateSettings {
	wait: WaitSettings;
	outputField: string;
}

export function readCreateSettings(context: IExecuteFunctions, itemIndex: number): CreateSettings {
	const wait = readWaitSettings(context, itemIndex, POLL.minIntervalSeconds);
	if (wait.waitForCompletion && !(wait.maxWaitMs > 0)) {
		throw invalidItem(
			context,
			itemIndex,
			new RunwayValidationError('Max Wait (Minutes)', `Max Wait must be more than 0 minutes, not ${wait.maxWaitMs / 60000}`, 'Set it to 10 (the default) or more for long videos.'),
		);
	}
	const outputField = String(context.getNodeParameter('outputBinaryPropertyName', itemIndex, 'data') ?? '').trim();
	if (wait.waitForCompletion && outputField === '') {
		throw invalidItem(context, itemIndex, new RunwayValidationError('Output Binary Field', 'Output Binary Field is empty', 'Name the binary field for the video, e.g. data.'));
	}
	return { wait, outputField };
}

/** Where a video input comes from, read and checked (no request yet). */
export type VideoInput = { url: string } | { binary: PreparedBinary };

/** Reads a video source (`<name>Source`, `<name>BinaryPropertyName`, `<name>Url`), checking it now. */
export async function readVideoInput(context: IExecuteFunctions, itemIndex: number, name: string, label: string, defaultField: string): Promise<VideoInput> {
	const source = context.getNodeParameter(`${name}Source`, itemIndex, 'binary') as string;
	if (source === 'url') return { url: checked(context, itemIndex, () => checkMediaUrl(context.getNodeParameter(`${name}Url`, itemIndex, ''), `${label} URL`, 'video')) };
	if (source !== 'binary') throw invalidItem(context, itemIndex, new RunwayValidationError(`${label} Source`, `${label} Source "${source}" is not an option`, 'Use binary or url.'));
	const field = String(context.getNodeParameter(`${name}BinaryPropertyName`, itemIndex, defaultField) ?? '').trim();
	if (field === '') throw invalidItem(context, itemIndex, new RunwayValidationError(`${label} Binary Field`, `${label} Binary Field is empty`, `Name the binary field holding the video, e.g. ${defaultField}.`));
	return { binary: await prepareBinaryVideo(context, itemIndex, label, field) };
}

/** A checked video input as a URI: inline when it fits a data URI, else uploaded. */
export async function videoUri(context: IExecuteFunctions, itemIndex: number, input: VideoInput): Promise<{ uri: string; info: IDataObject }> {
	if ('url' in input) return { uri: input.url, info: { source: 'url', url: input.url.startsWith('data:') ? 'data URI' : input.url } };
	return await deliverImage(context, itemIndex, input.binary, 'auto');
}

/** Runs the media uploads; a cancel during them means nothing was started. */
export async function beforeStart<T>(context: IExecuteFunctions, upload: () => Promise<T>): Promise<T | undefined> {
	try {
		const result = await upload();
		return context.getExecutionCancelSignal()?.aborted ? undefined : result;
	} catch (error) {
		if (error instanceof WaitCancelledError || context.getExecutionCancelSignal()?.aborted) return undefined;
		throw error;
	}
}

/** Starts the task (never twice), logs its id, then hands the id on or waits for the video, per the settings. */
export async function startAndWait(
	context: IExecuteFunctions,
	itemIndex: number,
	checkedCreate: CheckedCreate,
	body: RequestBody,
	settings: CreateSettings,
	extra: IDataObject,
): Promise<INodeExecutionData> {
	const custom = checkedCreate.rules ? {} : { customModel: true };
	return await startTaskAndWait(context, itemIndex, { path: ENDPOINT_PATHS[checkedCreate.endpoint], model: String(body.model ?? checkedCreate.model) }, body, settings, {
		...extra,
		...custom,
	});
}

/**
 * Starts a task at `/v1/<path>` and waits for it. `model` names the files; a Model Router create names the model it
 * picked instead (`routing.model`). Every item carries the cost: the create's estimate, or (where a create answers
 * without one, as Avatar Video's does) the task's own, read once.
 */
export async function startTaskAndWait(
	context: IExecuteFunctions,
	itemIndex: number,
	start: { path: string; model?: string },
	body: RequestBody,
	settings: CreateSettings,
	extra: IDataObject,
): Promise<INodeExecutionData> {
	let model = start.model;
	const job = await runwayJob(context, itemIndex, (task) => (model ? `runway-${model}-${task.id}` : `runway-${task.id}`));
	const created = await startJob(context, itemIndex, job, async () => {
		const { id, estimatedCost, routing } = await createTask(context, itemIndex, start.path, body);
		return { id, json: { ...(routing ? { routing } : {}), ...(estimatedCost ? { estimatedCost } : {}) } };
	});
	if (typeof created.json.routing === 'object' && typeof (created.json.routing as IDataObject).model === 'string') model = (created.json.routing as IDataObject).model as string;
	logCreated(context, itemIndex, job, created.id, settings.wait.waitForCompletion);
	const itemExtra: IDataObject = { ...(model ? { model } : {}), ...extra, ...created.json };
	if (!settings.wait.waitForCompletion) {
		const estimate = itemExtra.estimatedCost ?? (await taskEstimate(context, itemIndex, created.id));
		return notWaited(job, created, { status: 'PENDING', progress: 0, finished: false, succeeded: false, ...itemExtra, ...(estimate ? { estimatedCost: estimate } : {}) });
	}
	// Like Runway's SDK, the first poll comes one interval after the create: until then the task is PENDING.
	const first: RunwayTask = { id: created.id, status: 'PENDING' };
	const waited = await waitForFinal(context, itemIndex, job, created.id, { settings: settings.wait, first, extra: itemExtra });
	if ('item' in waited) return waited.item;
	return await finishJob(context, itemIndex, job, waited.state, { extra: itemExtra, outputField: settings.outputField, download: true, failOnUnsuccessful: true });
}

/** The estimated cost of a task just created, from the task itself; undefined when it cannot be read (the id still comes out). */
async function taskEstimate(context: IExecuteFunctions, itemIndex: number, id: string): Promise<IDataObject | undefined> {
	try {
		const task = await getTask(context, itemIndex, id);
		return task.estimatedCost ?? task.cost;
	} catch (error) {
		if (error instanceof WaitCancelledError) return undefined;
		context.logger.warn(`Runway task ${id}: could not read its estimated cost (${(error as Error).message})`);
		return undefined;
	}
}

/** Video to Video and Upscale Video: the checked values, then the input video (inline or uploaded), then the task. */
export async function createFromVideo(context: IExecuteFunctions, itemIndex: number, endpoint: Endpoint): Promise<INodeExecutionData> {
	const create = readCreate(context, itemIndex, endpoint);
	const additionalFields = readAdditionalFields(context, itemIndex);
	const settings = readCreateSettings(context, itemIndex);
	const input = await readVideoInput(context, itemIndex, 'video', 'Video', 'data');
	const video = await beforeStart(context, async () => await videoUri(context, itemIndex, input));
	if (!video) return notStarted();
	return await startAndWait(context, itemIndex, create, createBody(create, { video: video.uri }, additionalFields), settings, { video: video.info });
}
