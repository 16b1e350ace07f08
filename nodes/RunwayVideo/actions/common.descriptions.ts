/**
 * Parameters the two create operations share, generated from the model table (../models.ts) so the UI
 * offers each model only what it takes: one Ratio and one Duration parameter per group of models with the
 * same values, shown by displayOptions. The values are validated again before any request anyway.
 */
import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { waitProperties } from '../../shared/n8n/wait';
import { POLL } from '../helpers/task';

import type { CreateOperation, DurationRule } from '../models';
import { RUNWAY_MODELS, describeDuration, modelsFor, rulesFor } from '../models';

const COMMON_SHAPES: Array<[string, number]> = [
	['21:9', 21 / 9],
	['16:9', 16 / 9],
	['3:2', 3 / 2],
	['4:3', 4 / 3],
	['1:1', 1],
	['3:4', 3 / 4],
	['2:3', 2 / 3],
	['9:16', 9 / 16],
];

/** "1280:720" -> "1280×720 (16:9 Landscape)". */
export function ratioLabel(ratio: string): string {
	const [width, height] = ratio.split(':').map(Number);
	const aspect = width / height;
	const near = COMMON_SHAPES.find(([, value]) => Math.abs(Math.log(aspect / value)) < 0.04);
	const shape = near ? near[0] : `${aspect.toFixed(2)}:1`;
	const orientation = width === height ? 'Square' : width > height ? 'Landscape' : 'Portrait';
	return `${width}×${height} (${shape} ${orientation})`;
}

function groupModels<T>(operation: CreateOperation, key: (model: string) => T | undefined): Array<{ value: T; models: string[] }> {
	const groups: Array<{ id: string; value: T; models: string[] }> = [];
	for (const model of modelsFor(operation)) {
		const value = key(model);
		if (value === undefined) continue;
		const id = JSON.stringify(value);
		const group = groups.find((g) => g.id === id);
		if (group) group.models.push(model);
		else groups.push({ id, value, models: [model] });
	}
	return groups;
}

export function modelProperty(operation: CreateOperation, defaultModel: string): INodeProperties {
	return {
		displayName: 'Model',
		name: 'model',
		type: 'options',
		options: modelsFor(operation).map((model) => ({
			name: `${RUNWAY_MODELS[model].name} (${model})`,
			value: model,
			description: RUNWAY_MODELS[model].description,
		})),
		default: defaultModel,
		description: 'The Runway model. Ratios, durations and options below follow the model.',
		displayOptions: { show: { operation: [operation] } },
	};
}

export function ratioProperties(operation: CreateOperation): INodeProperties[] {
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the default is set below, per model group
	return groupModels(operation, (model) => rulesFor(operation, model)?.ratios).map(({ value, models }) => ({
		displayName: 'Ratio',
		name: 'ratio',
		type: 'options',
		options: value.map((ratio): INodePropertyOptions => ({ name: ratioLabel(ratio), value: ratio })),
		default: value.includes('1280:720') ? '1280:720' : value[0],
		description:
			operation === 'imageToVideo'
				? 'Output size in pixels. With Auto-Fit Image on, the image is cropped or padded to exactly this size first.'
				: 'Output size in pixels',
		displayOptions: { show: { operation: [operation], model: models } },
	}));
}

export function durationProperties(operation: CreateOperation): INodeProperties[] {
	const key = (model: string): { rule: DurationRule; default: number } | undefined => {
		const rules = rulesFor(operation, model);
		return rules ? { rule: rules.duration, default: rules.defaultDuration } : undefined;
	};
	return groupModels(operation, key).map(({ value, models }): INodeProperties => {
		const displayOptions = { show: { operation: [operation], model: models } };
		const { rule } = value;
		if ('values' in rule) {
			// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the default is the model group's, set below
			return {
				displayName: 'Duration (Seconds)',
				name: 'duration',
				type: 'options',
				options: rule.values.map((seconds) => ({ name: `${seconds} Seconds`, value: seconds })),
				default: value.default,
				description: `Video length: ${describeDuration(rule)} seconds for this model`,
				displayOptions,
			};
		}
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the default is the model group's, set below
		return {
			displayName: 'Duration (Seconds)',
			name: 'duration',
			type: 'number',
			typeOptions: { minValue: rule.min, ...(rule.max !== undefined ? { maxValue: rule.max } : {}), numberPrecision: 0 },
			default: value.default,
			description: `Video length: ${describeDuration(rule)} seconds for this model. Price grows with it.`,
			displayOptions,
		};
	});
}

export function promptProperty(operation: CreateOperation): INodeProperties {
	return {
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: operation === 'textToVideo',
		placeholder: 'e.g. The camera slowly pushes in while the waves roll onto the beach',
		description:
			operation === 'imageToVideo'
				? 'What should happen in the video. Required by gen4.5; up to 1000 characters (2500 for happyhorse, 3500 for seedance).'
				: 'The video to make. Up to 1000 characters (2500 for happyhorse, 3500 for seedance).',
		displayOptions: { show: { operation: [operation] } },
	};
}

/** The generation options both create operations offer; each model takes only some (checked before sending). */
export function generationOptions(operation: CreateOperation): INodeProperties[] {
	const takes = (extra: 'seed' | 'contentModeration' | 'audio' | 'negativePrompt' | 'resolution') =>
		modelsFor(operation).filter((model) => rulesFor(operation, model)?.extras.includes(extra));
	const options: INodeProperties[] = [
		{
			displayName: 'Audio',
			name: 'audio',
			type: 'boolean',
			default: false,
			description: `Whether to generate sound with the video (changes the price). Models: ${takes('audio').join(', ')}.`,
		},
		{
			displayName: 'Negative Prompt',
			name: 'negativePrompt',
			type: 'string',
			default: '',
			description: `What the video should not show. Models: ${takes('negativePrompt').join(', ')}.`,
		},
		{
			displayName: 'Public Figure Threshold',
			name: 'publicFigureThreshold',
			type: 'options',
			options: [
				{ name: 'Auto', value: 'auto', description: "Runway's standard content moderation" },
				{ name: 'Low', value: 'low', description: 'Less strict about recognisable public figures' },
			],
			default: 'auto',
			description: `Content moderation for recognisable people. Models: ${takes('contentModeration').join(', ')}.`,
		},
		{
			displayName: 'Seed',
			name: 'seed',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 4294967295, numberPrecision: 0 },
			default: 0,
			description: `Fixes the randomness, for repeatable results (0 to 4294967295; leave out for random). Models: ${takes('seed').join(', ')}.`,
		},
	];
	if (operation === 'imageToVideo') {
		options.push({
			displayName: 'Resolution',
			name: 'resolution',
			type: 'options',
			options: [
				{ name: '720P', value: '720P' },
				{ name: '1080P', value: '1080P' },
			],
			default: '720P',
			description: `Output resolution. Models: ${takes('resolution').join(', ')}.`,
		});
	}
	return options;
}

/** Wait for Completion and its settings, then where the video goes: the tail of both create operations. */
export function waitAndOutputProperties(show: IDisplayOptions['show']): INodeProperties[] {
	return [
		...waitProperties({ intervalSeconds: POLL.intervalSeconds, minIntervalSeconds: POLL.minIntervalSeconds }, { show }),
		{
			displayName: 'Output Binary Field',
			name: 'outputBinaryPropertyName',
			type: 'string',
			default: 'data',
			description: 'Binary field to put the video (MP4) in',
			displayOptions: { show: { ...show, waitForCompletion: [true] } },
		},
	];
}
