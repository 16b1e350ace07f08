/**
 * What the create operations share, in the order each runs it: reading an item's parameters (once), checking
 * them before any request, reading its media (binary fields or URLs) into URIs, then starting the task and
 * waiting for it with the shared paid-job code (nodes/shared/n8n/paidJob.ts).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { WaitCancelledError } from '../../shared/http/sleep';
import { finishJob, logCreated, notStarted, notWaited, startJob, waitForFinal } from '../../shared/n8n/paidJob';
import type { WaitSettings } from '../../shared/n8n/wait';
import { readWaitSettings } from '../../shared/n8n/wait';
import type { CheckedCreate } from '../models/check';
import { checkCreate, checkMediaUrl, RunwayValidationError } from '../models/check';
import { ADDITIONAL_FIELDS, DURATION_AUTO, DURATION_MODE, FIELDS, fieldOf, fieldOfOption } from '../models/fields';
import type { Endpoint, MediaKind } from '../models/types';
import { ENDPOINT_PATHS } from '../models/types';
import type { RequestBody } from '../requests/createBody';
import { createBody } from '../requests/createBody';
import { createTask, getTask } from '../transport';
import type { RunwayTask } from '../transport';
import type { PreparedBinary } from './media';
import { deliverImage, prepareBinaryVideo } from './media';
import { CUSTOM_MODEL, CUSTOM_MODEL_ID, modelParameter, sourceParameters } from './parameters';
import type { SourceParameters } from './parameters';
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

/** What every create operation reads from an item's parameters, as set: nothing checked yet. */
export interface CreateParameters {
	endpoint: Endpoint;
	/** A table model, or with `custom` the id typed in Custom Model ID. */
	model: unknown;
	custom: boolean;
	/** Request fields by field, each from where the field table says (top-level parameters first, then Options). */
	values: Record<string, unknown>;
	/** Options as set: Additional Fields and an operation's own entries are in it too. */
	options: IDataObject;
	wait: WaitSettings;
	outputField: unknown;
}

/**
 * Reads the parameters every create operation has: the model (in the operation's Model parameter of the node's
 * version), the request fields (models/fields.ts says where each is), Options, and the wait and output settings.
 * Every parameter is read with a fallback: a model without, say, a ratio has no Ratio parameter at all.
 * `ownOptions`: the operation's own Options entries, which hold no request field (any other entry is one).
 */
export function readCreateParameters(
	context: IExecuteFunctions,
	itemIndex: number,
	endpoint: Endpoint,
	ownOptions: string[] = [],
): CreateParameters {
	const get = (name: string, fallback: unknown) => context.getNodeParameter(name, itemIndex, fallback);
	let model = get(modelParameter(endpoint, context.getNode().typeVersion), '');
	const custom = model === CUSTOM_MODEL;
	if (custom) model = get(CUSTOM_MODEL_ID, '');
	const values: Record<string, unknown> = {};
	for (const [field, { parameter }] of Object.entries(FIELDS)) if (parameter) values[field] = get(parameter, null);
	const options = (get('options', {}) ?? {}) as IDataObject;
	for (const [name, value] of Object.entries(options)) {
		if (name === ADDITIONAL_FIELDS.option || name === DURATION_AUTO.option || ownOptions.includes(name)) continue;
		values[fieldOfOption(name) ?? name] = value;
	}
	if (options[DURATION_AUTO.option] === true) values.duration = 'auto';
	// Video to Video from 1.1: Duration "Auto" (with "Model's Default" the seconds are hidden, so none are read).
	if (get(DURATION_MODE, null) === 'auto') values.duration = 'auto';
	return { endpoint, model, custom, values, options, ...readSettings(context, itemIndex) };
}

/** The wait and output parameters, as set. */
export function readSettings(context: IExecuteFunctions, itemIndex: number): Pick<CreateParameters, 'wait' | 'outputField'> {
	return {
		wait: readWaitSettings(context, itemIndex, POLL.minIntervalSeconds),
		outputField: context.getNodeParameter('outputBinaryPropertyName', itemIndex, 'data'),
	};
}

/** An item's request fields with its URL lists and keyframes checked and resolved, keyed by field. */
function resolvedValues(values: Record<string, unknown>): Record<string, unknown> {
	const resolved: Record<string, unknown> = {};
	for (const [field, value] of Object.entries(values)) {
		const row = fieldOf(field);
		resolved[field] =
			row?.kind === 'urls' ? urlList(value, row.label, row.media ?? 'image') : row?.kind === 'keyframes' ? keyframes(value) : value;
	}
	return resolved;
}

function urlList(value: unknown, label: string, kind: MediaKind): string[] | undefined {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\n,]+/) : [];
	const urls = list.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
	return urls.length > 0 ? urls.map((url) => checkMediaUrl(url, label, kind)) : undefined;
}

function keyframes(value: unknown): Array<{ uri: string; at: number }> | undefined {
	const entries = ((value as IDataObject | undefined)?.keyframe ?? []) as IDataObject[];
	if (entries.length === 0) return undefined;
	const label = FIELDS.keyframes.label;
	if (entries.length > 5)
		throw new RunwayValidationError(label, `${entries.length} keyframes given; aleph2 takes at most 5`, 'Remove some keyframes.');
	return entries.map((entry, index) => {
		const at = typeof entry.at === 'string' ? Number(entry.at) : entry.at;
		if (typeof at !== 'number' || !(at >= 0 && at <= 1)) {
			throw new RunwayValidationError(
				label,
				`Keyframe ${index + 1}: At ${String(entry.at)} is not from 0 to 1`,
				'Give the position as a fraction of the video, e.g. 0.5 for the middle.',
			);
		}
		return { uri: checkMediaUrl(entry.uri, `Keyframe ${index + 1} Image URL`, 'image'), at };
	});
}

/**
 * The item's model and request fields checked against the model's rules (URL lists and keyframes first).
 * `overrides`: values the operation resolved itself (Image to Video's "Closest to the Image" ratio).
 */
export function checkCreateValues(
	parameters: CreateParameters,
	extra: { overrides?: Record<string, unknown>; lastFrame?: boolean } = {},
): CheckedCreate {
	const { endpoint, model, custom } = parameters;
	const values = { ...resolvedValues(parameters.values), ...extra.overrides };
	return checkCreate({ endpoint, model, custom, values, lastFrame: extra.lastFrame });
}

/** Options → Additional Fields: a JSON object (text or already parsed), merged into the request as it is. */
export function parseAdditionalFields(options: IDataObject): RequestBody {
	const raw = options[ADDITIONAL_FIELDS.option];
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return {};
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		try {
			parsed = JSON.parse(raw);
		} catch (error) {
			throw new RunwayValidationError(
				ADDITIONAL_FIELDS.label,
				`Additional Fields is not valid JSON (${(error as Error).message})`,
				'Write a JSON object, e.g. {"seed": 42}.',
			);
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new RunwayValidationError(
			ADDITIONAL_FIELDS.label,
			'Additional Fields must be a JSON object',
			'Write an object of request fields, e.g. {"seed": 42}.',
		);
	}
	return parsed as RequestBody;
}

export interface CreateSettings {
	wait: WaitSettings;
	outputField: string;
}

/** The wait and output settings, checked. */
export function checkCreateSettings({ wait, outputField }: Pick<CreateParameters, 'wait' | 'outputField'>): CreateSettings {
	if (wait.waitForCompletion && !(wait.maxWaitMs > 0)) {
		throw new RunwayValidationError(
			'Max Wait (Minutes)',
			`Max Wait must be more than 0 minutes, not ${wait.maxWaitMs / 60000}`,
			'Set it to 10 (the default) or more for long videos.',
		);
	}
	const field = String(outputField ?? '').trim();
	if (wait.waitForCompletion && field === '') {
		throw new RunwayValidationError(
			'Output Binary Field',
			'Output Binary Field is empty',
			'Name the binary field for the video, e.g. data.',
		);
	}
	return { wait, outputField: field };
}

/** A create's parameters checked in order: the model and its values, Additional Fields, the settings. */
export function checkCreateParameters(parameters: CreateParameters): {
	create: CheckedCreate;
	additionalFields: RequestBody;
	settings: CreateSettings;
} {
	const create = checkCreateValues(parameters);
	return { create, additionalFields: parseAdditionalFields(parameters.options), settings: checkCreateSettings(parameters) };
}

/** An input file's parameters as set: where it comes from, and the field or the URL read for that source. */
export interface SourceInput {
	source: unknown;
	binaryField?: unknown;
	url?: unknown;
}

/** Reads an input's source, then its URL or else its binary field (`fallbacks`: for a parameter that is absent). */
export function readSource(
	context: IExecuteFunctions,
	itemIndex: number,
	names: SourceParameters,
	fallbacks: { source: string; binaryField: string },
): SourceInput {
	const source = context.getNodeParameter(names.source, itemIndex, fallbacks.source);
	if (source === 'url') return { source, url: context.getNodeParameter(names.url, itemIndex, '') };
	return { source, binaryField: context.getNodeParameter(names.binaryField, itemIndex, fallbacks.binaryField) };
}

/** Where a video input comes from, checked (no request yet). */
export type VideoInput = { url: string } | { binary: PreparedBinary };

/** Checks a video input (`label`: how the UI names it) and reads a binary one's file (checked too). No request. */
export async function videoInput(
	context: IExecuteFunctions,
	itemIndex: number,
	input: SourceInput,
	label: string,
	defaultField: string,
): Promise<VideoInput> {
	if (input.source === 'url') return { url: checked(context, itemIndex, () => checkMediaUrl(input.url, `${label} URL`, 'video')) };
	if (input.source !== 'binary') {
		throw invalidItem(
			context,
			itemIndex,
			new RunwayValidationError(`${label} Source`, `${label} Source "${String(input.source)}" is not an option`, 'Use binary or url.'),
		);
	}
	const field = String(input.binaryField ?? '').trim();
	if (field === '')
		throw invalidItem(
			context,
			itemIndex,
			new RunwayValidationError(
				`${label} Binary Field`,
				`${label} Binary Field is empty`,
				`Name the binary field holding the video, e.g. ${defaultField}.`,
			),
		);
	return { binary: await prepareBinaryVideo(context, itemIndex, label, field) };
}

/** A checked video input as a URI: inline when it fits a data URI, else uploaded. */
export async function videoUri(
	context: IExecuteFunctions,
	itemIndex: number,
	input: VideoInput,
): Promise<{ uri: string; info: IDataObject }> {
	if ('url' in input) return { uri: input.url, info: urlInfo(input.url) };
	return await deliverImage(context, itemIndex, input.binary, 'auto');
}

/** What the output item says of a file given by URL (a data URI is not repeated). */
export function urlInfo(url: string): IDataObject {
	return { source: 'url', url: url.startsWith('data:') ? 'data URI' : url };
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
	return await startTaskAndWait(
		context,
		itemIndex,
		{ path: ENDPOINT_PATHS[checkedCreate.endpoint], model: String(body.model ?? checkedCreate.model) },
		body,
		settings,
		{
			...extra,
			...custom,
		},
	);
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
	if (typeof created.json.routing === 'object' && typeof (created.json.routing as IDataObject).model === 'string')
		model = (created.json.routing as IDataObject).model as string;
	logCreated(context, itemIndex, job, created.id, settings.wait.waitForCompletion);
	const itemExtra: IDataObject = { ...(model ? { model } : {}), ...extra, ...created.json };
	if (!settings.wait.waitForCompletion) {
		const estimate = itemExtra.estimatedCost ?? (await taskEstimate(context, itemIndex, created.id));
		return notWaited(job, created, {
			status: 'PENDING',
			progress: 0,
			finished: false,
			succeeded: false,
			...itemExtra,
			...(estimate ? { estimatedCost: estimate } : {}),
		});
	}
	// Like Runway's SDK, the first poll comes one interval after the create: until then the task is PENDING.
	const first: RunwayTask = { id: created.id, status: 'PENDING' };
	const waited = await waitForFinal(context, itemIndex, job, created.id, { settings: settings.wait, first, extra: itemExtra });
	if ('item' in waited) return waited.item;
	return await finishJob(context, itemIndex, job, waited.state, {
		extra: itemExtra,
		outputField: settings.outputField,
		download: true,
		failOnUnsuccessful: true,
	});
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

/**
 * Video to Video, Upscale Video and Video to HDR: the parameters read once, the values checked (`check`: an
 * operation's own rule on them, first), then the input video (inline or uploaded), then the task.
 */
export async function createFromVideo(
	context: IExecuteFunctions,
	itemIndex: number,
	endpoint: Endpoint,
	check: (values: Record<string, unknown>) => void = () => {},
): Promise<INodeExecutionData> {
	const parameters = readCreateParameters(context, itemIndex, endpoint);
	const source = readSource(context, itemIndex, sourceParameters('video'), { source: 'binary', binaryField: 'data' });
	const { create, additionalFields, settings } = checked(context, itemIndex, () => {
		check(parameters.values);
		return checkCreateParameters(parameters);
	});
	const input = await videoInput(context, itemIndex, source, 'Video', 'data');
	const video = await beforeStart(context, async () => await videoUri(context, itemIndex, input));
	if (!video) return notStarted();
	return await startAndWait(context, itemIndex, create, createBody(create, { video: video.uri }, additionalFields), settings, {
		video: video.info,
	});
}
