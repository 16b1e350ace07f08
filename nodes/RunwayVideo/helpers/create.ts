/**
 * What the two create operations share: reading and checking an item's values before any request,
 * starting the task (never twice), and either handing the id on or waiting for the video.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { WaitCancelledError } from '../../shared/http/sleep';
import type { WaitSettings } from '../../shared/n8n/wait';
import { readWaitSettings } from '../../shared/n8n/wait';
import type { CheckedCreate, CreateInput, CreateOperation } from '../models';
import { RunwayValidationError, checkCreate } from '../models';
import { createTask } from '../transport';
import { GET_OPERATION, POLL, waitAndFinish } from './task';

/** A RunwayValidationError as the node reports it: the item, the field, and what is allowed. */
export function invalidItem(context: IExecuteFunctions, itemIndex: number, error: unknown): unknown {
	if (!(error instanceof RunwayValidationError)) return error;
	return new NodeOperationError(context.getNode(), `${error.message} (item ${itemIndex + 1}, field "${error.field}")`, {
		itemIndex,
		description: error.hint,
	});
}

/** Reads the generation parameters of a create operation and checks them against the model's rules. */
export function readCreate(context: IExecuteFunctions, itemIndex: number, operation: CreateOperation, lastFrame = false): CheckedCreate {
	const get = (name: string, fallback?: unknown) => context.getNodeParameter(name, itemIndex, fallback);
	const options = (get('options', {}) ?? {}) as IDataObject;
	const input: CreateInput = {
		operation,
		model: get('model'),
		prompt: get('prompt', ''),
		ratio: get('ratio', undefined),
		duration: get('duration', undefined),
		seed: options.seed,
		publicFigureThreshold: options.publicFigureThreshold,
		audio: options.audio,
		negativePrompt: options.negativePrompt,
		resolution: options.resolution,
		lastFrame,
	};
	try {
		return checkCreate(input);
	} catch (error) {
		throw invalidItem(context, itemIndex, error);
	}
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

/** The item for an input the execution was cancelled before: nothing was started, nothing is paid for. */
export function notStarted(): INodeExecutionData {
	return {
		json: {
			cancelled: true,
			started: false,
			note: "The execution was cancelled before this item's video was started; nothing was created.",
		},
	};
}

/** Starts the task (never twice), then hands the id on or waits for the video, per the settings. */
export async function startAndWait(
	context: IExecuteFunctions,
	itemIndex: number,
	checked: CheckedCreate,
	body: IDataObject,
	settings: CreateSettings,
	extra: IDataObject,
): Promise<INodeExecutionData> {
	let id: string;
	try {
		id = await createTask(context, itemIndex, checked.operation === 'imageToVideo' ? 'image_to_video' : 'text_to_video', body);
	} catch (error) {
		if (!(error instanceof WaitCancelledError)) throw error;
		throw new NodeOperationError(context.getNode(), 'The execution was cancelled while the task was being created', {
			itemIndex,
			description: 'Runway may have started it anyway: check the tasks in your Runway dashboard before running the node again.',
		});
	}
	context.logger.info(`Runway task ${id} created (${checked.model}, item ${itemIndex + 1})`);
	const model = { model: checked.model, ...extra };
	if (!settings.wait.waitForCompletion) {
		return {
			json: {
				id,
				status: 'PENDING',
				progress: 0,
				...model,
				note: `Not waited for. Fetch the video later with the "${GET_OPERATION}" operation and ID ${id}.`,
			},
		};
	}
	return await waitAndFinish(context, itemIndex, id, settings.wait, {
		outputField: settings.outputField,
		fileName: `runway-${checked.model}-${id}.mp4`,
		download: true,
		extra: model,
		failOnUnsuccessful: true,
	});
}
