/**
 * Parameters the create operations share, generated from the model table (../models/table.ts) so each model
 * is offered only what it takes: one Ratio (Duration, Resolution...) parameter per group of models with the
 * same values, and Options entries shown only while a model that takes them is selected (displayOptions on
 * `model`). The values are checked again before any request anyway.
 */
import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { sizeLabel } from '../../shared/image/sizeLabels';
import { waitProperties } from '../../shared/n8n/wait';
import { describeDuration } from '../models/check';
import { CLOSEST_RATIO } from '../models/ratios';
import { describeModel } from '../models/describe';
import { MODEL_INFO, modelsFor, modelsTaking, rulesFor } from '../models/table';
import type { DurationRule, Endpoint } from '../models/types';
import { GET_OPERATION, POLL } from '../helpers/task';

export const CUSTOM_MODEL = 'custom';

/**
 * The node's versions. 1.1: each operation has its own Model parameter (n8n keeps a parameter's value across
 * the definitions sharing its name, so one `model` kept Hailuo 3 when Operation changed to Upscale Video), Prompt
 * is required where the model needs one, Video to Video's duration can be left to the model, and Enhance Frame
 * Rate defaults to 60 fps. Version 1 keeps what saved workflows were built with.
 */
export const NODE_VERSIONS = [1, 1.1] as const;
export type NodeVersion = (typeof NODE_VERSIONS)[number];

/** The Model parameter of an operation: `model` in version 1 and for Image to Video, `<operation>Model` from 1.1. */
export function modelParameter(endpoint: Endpoint, version: number): string {
	return version >= 1.1 && endpoint !== 'imageToVideo' ? `${endpoint}Model` : 'model';
}

const VERSION_SHOW: Record<NodeVersion, IDisplayOptions['show']> = { 1: { '@version': [1] }, 1.1: { '@version': [{ _cnd: { gte: 1.1 } }] } };

/**
 * An operation's parameters for every node version, built by `build` once per version: a parameter that is the
 * same in all of them once, the others once per version, shown only there (`@version`), each version's order kept.
 */
export function byVersion(build: (version: NodeVersion) => INodeProperties[]): INodeProperties[] {
	const [old, current] = NODE_VERSIONS.map((version) => build(version));
	const key = (property: INodeProperties) => JSON.stringify(property);
	const [a, b] = [old.map(key), current.map(key)];
	// Longest common subsequence, so parameters both versions share keep their place in both.
	const common: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
	for (let i = a.length - 1; i >= 0; i--) {
		for (let j = b.length - 1; j >= 0; j--) common[i][j] = a[i] === b[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
	}
	const only = (property: INodeProperties, version: NodeVersion): INodeProperties => ({
		...property,
		displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, ...VERSION_SHOW[version] } },
	});
	const merged: INodeProperties[] = [];
	let [i, j] = [0, 0];
	while (i < a.length || j < b.length) {
		if (i < a.length && j < b.length && a[i] === b[j]) {
			merged.push(old[i]);
			i++;
			j++;
		} else if (j >= b.length || (i < a.length && common[i + 1][j] >= common[i][j + 1])) {
			merged.push(only(old[i++], 1));
		} else {
			merged.push(only(current[j++], 1.1));
		}
	}
	return merged;
}

const show = (endpoint: Endpoint, extra: IDisplayOptions['show'] = {}): IDisplayOptions => ({
	show: { resource: ['video'], operation: [endpoint], ...extra },
});

/** Shown while one of `models` is the operation's model. */
const withModels = (endpoint: Endpoint, version: NodeVersion, models: string[], extra: IDisplayOptions['show'] = {}): IDisplayOptions =>
	show(endpoint, { [modelParameter(endpoint, version)]: models, ...extra });

/** Groups an endpoint's models by the value `key` gives each (models without one are left out). */
function groupModels<T>(endpoint: Endpoint, key: (model: string) => T | undefined): Array<{ value: T; models: string[] }> {
	const groups: Array<{ id: string; value: T; models: string[] }> = [];
	for (const model of modelsFor(endpoint)) {
		const value = key(model);
		if (value === undefined) continue;
		const id = JSON.stringify(value);
		const group = groups.find((g) => g.id === id);
		if (group) group.models.push(model);
		else groups.push({ id, value, models: [model] });
	}
	return groups;
}

export function modelProperty(endpoint: Endpoint, defaultModel: string, version: NodeVersion): INodeProperties {
	return {
		displayName: 'Model',
		name: modelParameter(endpoint, version),
		type: 'options',
		options: [
			...modelsFor(endpoint).map((model) => ({
				name: `${MODEL_INFO[model]?.name ?? model} (${model})`,
				value: model,
				description: describeModel(endpoint, model),
			})),
			{ name: 'Custom Model ID', value: CUSTOM_MODEL, description: 'A model released after this node: type its ID; Runway checks the request' },
		],
		default: defaultModel,
		description: 'The Runway model. The fields below follow the model.',
		displayOptions: show(endpoint),
	};
}

export function customModelProperties(endpoint: Endpoint, version: NodeVersion): INodeProperties[] {
	const whenCustom = withModels(endpoint, version, [CUSTOM_MODEL]);
	return [
		{
			displayName: 'Custom Model ID',
			name: 'customModel',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. gen5_turbo',
			description: "Runway's ID of the model, as its API reference writes it",
			displayOptions: whenCustom,
		},
		{
			displayName:
				'With a custom model the node sends the model ID, the prompt, the input and Options → Additional Fields as they are, and leaves checking them to Runway: its error names any field it refuses.',
			name: 'customModelNotice',
			type: 'notice',
			default: '',
			displayOptions: whenCustom,
		},
	];
}

/**
 * Prompt: from 1.1 one definition marked required for the models that need a prompt, one optional for the others
 * and a custom model (version 1: one optional definition for all).
 */
export function promptProperties(endpoint: Endpoint, version: NodeVersion): INodeProperties[] {
	const models = modelsTaking(endpoint, 'promptText');
	const needs = models.filter((model) => rulesFor(endpoint, model)?.required.includes('promptText'));
	const prompt = (description: string, displayOptions: IDisplayOptions, required: boolean): INodeProperties => ({
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		...(required ? { required } : {}),
		placeholder: 'e.g. The camera slowly pushes in while the waves roll onto the beach',
		description,
		displayOptions,
	});
	const what = 'What the video should show or how it should move.';
	const limits = ' Limits follow the model (1000 characters for Gen-4.5 and Veo).';
	if (version < 1.1) {
		const which = needs.length > 0 && needs.length < models.length ? ` Required by ${needs.join(', ')}.` : '';
		return [prompt(`${what}${which}${limits}`, withModels(endpoint, version, [...models, CUSTOM_MODEL]), false)];
	}
	const optional = models.filter((model) => !needs.includes(model));
	return [
		...(needs.length > 0 ? [prompt(`${what} This model needs one.${limits}`, withModels(endpoint, version, needs), true)] : []),
		prompt(`${what} Optional for this model.${limits}`, withModels(endpoint, version, [...optional, CUSTOM_MODEL]), false),
	];
}

function ratioName(ratio: string): string {
	if (ratio === 'adaptive') return 'Adaptive · follows the input';
	const auto = /^auto_(\d+p)$/.exec(ratio);
	if (auto) return `Auto ${auto[1]} · follows the image`;
	if (/^\d+:\d+$/.test(ratio) && Number(ratio.split(':')[0]) < 100) {
		const [w, h] = ratio.split(':').map(Number);
		return `${ratio} ${w === h ? 'square' : w > h ? 'landscape' : 'portrait'}`;
	}
	return sizeLabel(ratio);
}

export function ratioProperties(endpoint: Endpoint, version: NodeVersion): INodeProperties[] {
	const key = (model: string) => {
		const rules = rulesFor(endpoint, model);
		return rules?.enums.ratio && { ratios: rules.enums.ratio, required: rules.required.includes('ratio') };
	};
	return groupModels(endpoint, key).map(({ value: { ratios: value, required }, models }): INodeProperties => {
		const closest = endpoint === 'imageToVideo';
		// Where an input video (or character) is given, an optional ratio is best left to follow it.
		const followsInput = !required && (endpoint === 'videoToVideo' || endpoint === 'characterPerformance');
		const options: INodePropertyOptions[] = value.map((ratio) => ({ name: ratioName(ratio), value: ratio }));
		if (followsInput && !value.includes('adaptive')) options.unshift({ name: "Model's Default · follows the input", value: '' });
		if (closest) {
			options.unshift({
				name: 'Closest to the Image',
				value: CLOSEST_RATIO,
				description: "The model's ratio nearest the binary image's shape (a portrait photo gets a portrait ratio); for an image URL, the first ratio in this list",
			});
		}
		const fallback = ['1280:720', '16:9'].find((ratio) => value.includes(ratio)) ?? value[0];
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the default is set below, per model group
		return {
			displayName: 'Ratio',
			name: 'ratio',
			type: 'options',
			options,
			default: closest ? CLOSEST_RATIO : followsInput ? (value.includes('adaptive') ? 'adaptive' : '') : fallback,
			description: closest
				? 'Output size. With Auto-Fit Image on, the image is cropped or padded to exactly this size first.'
				: 'Output size (pixels) or aspect ratio',
			displayOptions: withModels(endpoint, version, models),
		};
	});
}

function defaultDuration(rule: DurationRule): number {
	if (rule.values) return rule.values.includes(8) ? 8 : rule.values[0];
	return Math.min(Math.max(5, rule.min ?? 1), rule.max ?? 5);
}

/** Video to Video from 1.1: where the duration is optional, Duration offers leaving it to the model. */
const DURATION_CHOICES = {
	model: { name: "Model's Default", value: 'model', description: 'Sends no duration: the model decides (Runway documents 5 seconds for Seedance 2.5)' },
	auto: { name: 'Auto', value: 'auto', description: 'Sends auto: the model chooses the length (billed at the longest up front; unused credits are refunded)' },
	seconds: { name: 'Seconds', value: 'seconds', description: 'A length you set below' },
};

export function durationProperties(endpoint: Endpoint, version: NodeVersion): INodeProperties[] {
	const key = (model: string) => {
		const rules = rulesFor(endpoint, model);
		return rules?.duration && { rule: rules.duration, required: rules.required.includes('duration') };
	};
	return groupModels(endpoint, key).flatMap(({ value: { rule, required }, models }): INodeProperties[] => {
		const leftToModel = version >= 1.1 && endpoint === 'videoToVideo' && !required;
		const displayOptions = withModels(endpoint, version, models, leftToModel ? { durationMode: ['seconds'] } : {});
		const auto = rule.auto && !leftToModel ? ' "Let the Model Choose Duration" under Options sends auto instead.' : '';
		const description = `Video length: ${describeDuration({ ...rule, auto: false })} seconds for this model.${auto} Price grows with it.`;
		const mode: INodeProperties[] = leftToModel
			? [
					{
						displayName: 'Duration',
						name: 'durationMode',
						type: 'options',
						options: [DURATION_CHOICES.model, ...(rule.auto ? [DURATION_CHOICES.auto] : []), DURATION_CHOICES.seconds],
						default: 'model',
						description: 'How long the video is: left to the model, or a length you set',
						displayOptions: withModels(endpoint, version, models),
					},
				]
			: [];
		if (rule.values) {
			return [
				...mode,
				{
					displayName: 'Duration (Seconds)',
					name: 'duration',
					type: 'options',
					options: rule.values.map((seconds) => ({ name: `${seconds} Seconds`, value: seconds })),
					default: defaultDuration(rule),
					description,
					displayOptions,
				},
			];
		}
		return [
			...mode,
			{
				displayName: 'Duration (Seconds)',
				name: 'duration',
				type: 'number',
				typeOptions: { minValue: rule.min ?? 1, ...(rule.max !== undefined ? { maxValue: rule.max } : {}), numberPrecision: 0 },
				default: defaultDuration(rule),
				description,
				displayOptions,
			},
		];
	});
}

const ENUM_LABELS: Record<string, Record<string, string>> = {
	outputFormat: {
		mp4: 'MP4 (H.264)',
		prores: 'ProRes (.mov)',
		png_sequence: 'PNG Sequence (.zip, audio as .wav)',
		hdr10: 'HDR10 (HEVC .mp4)',
		hlg: 'HLG (HEVC .mp4)',
		sdr_rec709_10bit: 'SDR Rec.709 10-Bit (HEVC .mp4)',
		hdr_pq_12bit_master: 'HDR PQ 12-Bit Master (.mov)',
		hdr_prores: 'HDR ProRes (.mov)',
		hdr_png_sequence: 'HDR PNG Sequence (.zip + colorimetry .json)',
		hdr_exr_sequence: 'HDR EXR Sequence (.zip + colorimetry .json)',
		hdr_exr_acescg_sequence_1_3: 'HDR EXR ACEScg 1.3 Sequence (.zip)',
		hdr_exr_acescg_sequence_2_0: 'HDR EXR ACEScg 2.0 Sequence (.zip)',
	},
	targetFramerate: { '23_98': '23.976 Fps', '29_97': '29.97 Fps', '59_94': '59.94 Fps' },
};

/**
 * A top-level list for an enumerated field whose values differ by model (Resolution, Output Format, Target
 * Frame Rate): one parameter per group, deprecated values left out, "Model's Default" first where optional. The
 * default is `preferred` where a group offers it, else "Model's Default" or the first value.
 */
export function enumProperties(
	endpoint: Endpoint,
	version: NodeVersion,
	field: string,
	displayName: string,
	description: string,
	preferred?: string,
): INodeProperties[] {
	return groupModels(endpoint, (model) => {
		const rules = rulesFor(endpoint, model);
		const values = rules?.enums[field]?.filter((v) => !rules.deprecated?.[field]?.includes(v));
		return rules && values ? { values, required: rules.required.includes(field) } : undefined;
	}).map(({ value, models }): INodeProperties => {
		const options: INodePropertyOptions[] = value.values.map((v) => ({ name: ENUM_LABELS[field]?.[v] ?? (/^\d+$/.test(v) ? `${v} Fps` : v), value: v }));
		if (!value.required) options.unshift({ name: "Model's Default", value: '' });
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the default is the model group's, set below
		return {
			displayName,
			name: field,
			type: 'options',
			options,
			default: preferred !== undefined && value.values.includes(preferred) ? preferred : value.required ? value.values[0] : '',
			description,
			displayOptions: withModels(endpoint, version, models),
		};
	});
}

/** A reference list option: URLs, one per line or comma-separated. */
function referenceOption(field: string, displayName: string, kind: string): INodeProperties {
	return {
		displayName,
		name: field,
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: `e.g. https://example.com/${kind === 'image' ? 'style.jpg' : kind === 'video' ? 'motion.mp4' : 'voice.mp3'}`,
		description: `${kind === 'image' ? 'Images' : kind === 'video' ? 'Videos' : 'Audio files'} the model uses as references: HTTPS URLs, runway:// upload URIs or data URIs, one per line or comma-separated`,
	};
}

/** Every Options entry a model may take; each is kept only if a model of the endpoint takes its field. */
const OPTION_FIELDS: Array<{ field: string; property: INodeProperties }> = [
	{
		field: 'additionalFields',
		property: {
			displayName: 'Additional Fields (JSON)',
			name: 'additionalFields',
			type: 'json',
			default: '{}',
			description:
				"Request fields this node does not offer, e.g. a field Runway added after it, merged into the request as they are (they win over the node's own). The node does not check them: Runway does, and its error names any it refuses.",
		},
	},
	{ field: 'audio', property: { displayName: 'Audio', name: 'audio', type: 'boolean', default: false, description: 'Whether to generate sound with the video (changes the price)' } },
	{
		field: 'bodyControl',
		property: { displayName: 'Body Control', name: 'bodyControl', type: 'boolean', default: false, description: 'Whether to apply body movements and gestures too, not only facial expressions' },
	},
	{
		field: 'creativity',
		property: { displayName: 'Creativity', name: 'creativity', type: 'number', typeOptions: { minValue: 0, maxValue: 100 }, default: 50, description: 'How much AI-generated detail to add, from 0 (faithful) to 100' },
	},
	{
		field: 'expressionIntensity',
		property: {
			displayName: 'Expression Intensity',
			name: 'expressionIntensity',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 5, numberPrecision: 0 },
			default: 3,
			description: "How strongly the character's expression follows the performance, 1 to 5",
		},
	},
	{
		field: 'flavor',
		property: {
			displayName: 'Flavor',
			name: 'flavor',
			type: 'options',
			options: [
				{ name: 'Natural', value: 'natural', description: 'Faithful reproduction' },
				{ name: 'Vivid', value: 'vivid', description: 'Enhanced colour and detail' },
			],
			default: 'natural',
		},
	},
	{ field: 'fpsBoost', property: { displayName: 'FPS Boost', name: 'fpsBoost', type: 'boolean', default: false, description: 'Whether to increase the output frame rate' } },
	{
		field: 'keyframes',
		property: {
			displayName: 'Keyframes',
			name: 'keyframes',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Keyframe',
			description: 'Up to 5 guidance images placed at points of the input video',
			options: [
				{
					displayName: 'Keyframe',
					name: 'keyframe',
					values: [
						{ displayName: 'Image URL', name: 'uri', type: 'string', default: '', description: 'HTTPS URL, runway:// upload URI or data URI of the image' },
						{
							displayName: 'At (0 to 1)',
							name: 'at',
							type: 'number',
							typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
							default: 0.5,
							description: 'Where in the input video the image applies, as a fraction of its length',
						},
					],
				},
			],
		},
	},
	{ field: 'durationAuto', property: { displayName: 'Let the Model Choose Duration', name: 'durationAuto', type: 'boolean', default: false, description: 'Whether to send duration "auto" (billed at the longest duration up front; unused credits are refunded)' } },
	{
		field: 'mode',
		property: {
			displayName: 'Video Mode',
			name: 'mode',
			type: 'options',
			options: [
				{ name: "Model's Default", value: '' },
				{ name: 'Reference', value: 'reference', description: 'A new video guided by the input' },
				{ name: 'Extend', value: 'extend', description: 'Continue the input video (needs a prompt)' },
				{ name: 'Edit', value: 'edit', description: 'Change the input video in place (needs a prompt)' },
			],
			default: '',
		},
	},
	{ field: 'negativePrompt', property: { displayName: 'Negative Prompt', name: 'negativePrompt', type: 'string', default: '', description: 'What the video should not show' } },
	{
		field: 'promptExpansionMode',
		property: {
			displayName: 'Prompt Expansion',
			name: 'promptExpansionMode',
			type: 'options',
			options: [
				{ name: "Model's Default (Balanced)", value: '' },
				{ name: 'Disabled', value: 'disabled', description: 'Keep the prompt as written (needed for repeatable seeds)' },
				{ name: 'Balanced', value: 'balanced' },
				{ name: 'Quality', value: 'quality' },
			],
			default: '',
			description: 'How the model rewrites the prompt before generating',
		},
	},
	{
		field: 'proresProfile',
		property: {
			displayName: 'ProRes Profile',
			name: 'proresProfile',
			type: 'options',
			options: [{ name: "Model's Default", value: '' }, ...['422 Proxy', '422 LT', '422', '422 HQ', '4444', '4444 XQ'].map((p) => ({ name: p, value: p }))],
			default: '',
			description: 'Only with a ProRes output format',
		},
	},
	{
		field: 'contentModeration',
		property: {
			displayName: 'Public Figure Threshold',
			name: 'publicFigureThreshold',
			type: 'options',
			options: [
				{ name: 'Auto', value: 'auto', description: "Runway's standard content moderation" },
				{ name: 'Low', value: 'low', description: 'Less strict about recognisable public figures' },
			],
			default: 'auto',
			description: 'Content moderation for recognisable people',
		},
	},
	{ field: 'referenceAudio', property: referenceOption('referenceAudio', 'Reference Audio URLs', 'audio') },
	{ field: 'references', property: referenceOption('references', 'Reference Image URLs', 'image') },
	{ field: 'referenceVideos', property: referenceOption('referenceVideos', 'Reference Video URLs', 'video') },
	{
		field: 'seed',
		property: {
			displayName: 'Seed',
			name: 'seed',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 4294967295, numberPrecision: 0 },
			default: 0,
			description: 'Fixes the randomness, for repeatable results (0 to 4294967295; leave out for random)',
		},
	},
	{ field: 'sharpen', property: { displayName: 'Sharpen', name: 'sharpen', type: 'number', typeOptions: { minValue: 0, maxValue: 100 }, default: 0, description: 'Sharpness from 0 (none) to 100' } },
	{ field: 'smartGrain', property: { displayName: 'Smart Grain', name: 'smartGrain', type: 'number', typeOptions: { minValue: 0, maxValue: 100 }, default: 0, description: 'Grain and texture enhancement from 0 to 100' } },
	{
		field: 'targetAspectRatio',
		property: {
			displayName: 'Target Aspect Ratio',
			name: 'targetAspectRatio',
			type: 'options',
			options: [{ name: 'Keep the Input’s', value: '' }, ...['16:9', '4:3', '3:2', '1:1', '2:3', '3:4', '9:16', '21:9'].map((r) => ({ name: r, value: r }))],
			default: '',
			description: 'Expand (outpaint) the video to this aspect ratio',
		},
	},
];

/**
 * The Options entries of an endpoint: each shown only while a model taking its field is selected, plus the
 * endpoint's own entries (`extra`) and Additional Fields, which every model (and a custom one) takes.
 */
export function modelOptions(endpoint: Endpoint, version: NodeVersion, extra: INodeProperties[] = []): INodeProperties[] {
	const options: INodeProperties[] = [];
	for (const { field, property } of OPTION_FIELDS) {
		if (field === 'additionalFields') {
			options.push(property);
			continue;
		}
		// From 1.1, Video to Video's Duration offers auto itself.
		if (field === 'durationAuto' && version >= 1.1 && endpoint === 'videoToVideo') continue;
		const models =
			field === 'durationAuto'
				? modelsFor(endpoint).filter((model) => rulesFor(endpoint, model)?.duration?.auto)
				: modelsTaking(endpoint, field);
		if (models.length === 0) continue;
		// A list offers only what the endpoint's models take (ProRes profiles differ by model).
		const taken = new Set(models.flatMap((model) => rulesFor(endpoint, model)?.enums[field] ?? []));
		const offered = taken.size > 0 && property.options ? (property.options as INodePropertyOptions[]).filter((o) => o.value === '' || taken.has(String(o.value))) : undefined;
		options.push({ ...property, ...(offered ? { options: offered } : {}), displayOptions: { show: { [`/${modelParameter(endpoint, version)}`]: models } } });
	}
	return [...options, ...extra].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export function optionsCollection(endpoint: Endpoint, version: NodeVersion, extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(endpoint),
		options: modelOptions(endpoint, version, extra),
	};
}

/** Wait for Completion and its settings, then where the video goes: the tail of every create operation. */
export function waitAndOutputProperties(operation: Endpoint | 'generateVideo'): INodeProperties[] {
	const when = { resource: ['video'], operation: [operation] };
	return [
		...waitProperties({ intervalSeconds: POLL.intervalSeconds, minIntervalSeconds: POLL.minIntervalSeconds }, { show: when }, { getOperation: GET_OPERATION, job: 'task' }),
		outputFieldProperty({ ...when, waitForCompletion: [true] }),
	];
}

export function outputFieldProperty(when: IDisplayOptions['show']): INodeProperties {
	return {
		displayName: 'Output Binary Field',
		name: 'outputBinaryPropertyName',
		type: 'string',
		default: 'data',
		description:
			'Binary field for the video. When a task makes more than one file (a PNG-sequence zip and its WAV audio, an HDR colorimetry JSON), the others go beside it: data_1, data_2… for the field data.',
		displayOptions: { show: when },
	};
}

/** Where an input file comes from: a binary field or a URL, with the field name or the URL. */
export function sourceProperties(
	endpoint: Endpoint,
	input: { name: string; label: string; kind: 'image' | 'video' | 'audio'; defaultField: string; description: string },
	extraShow: IDisplayOptions['show'] = {},
): INodeProperties[] {
	const sourceName = `${input.name}Source`;
	const kindWords = { image: 'a JPEG, PNG or WebP image', video: 'an MP4, MOV or WebM video', audio: 'an MP3, WAV, FLAC, AAC or M4A file' }[input.kind];
	return [
		{
			displayName: `${input.label} Source`,
			name: sourceName,
			type: 'options',
			options: [
				{ name: 'Binary Field', value: 'binary', description: 'A file on the input item (Telegram, Read File, HTTP Request…)' },
				{ name: 'URL', value: 'url', description: 'A public HTTPS link Runway fetches itself' },
			],
			default: 'binary',
			description: input.description,
			displayOptions: show(endpoint, extraShow),
		},
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- each input's own default field
		{
			displayName: `${input.label} Binary Field`,
			name: `${input.name}BinaryPropertyName`,
			type: 'string',
			default: input.defaultField,
			required: true,
			description: `Name of the binary field holding ${kindWords}`,
			displayOptions: show(endpoint, { ...extraShow, [sourceName]: ['binary'] }),
		},
		{
			displayName: `${input.label} URL`,
			name: `${input.name}Url`,
			type: 'string',
			default: '',
			required: true,
			placeholder: `e.g. https://example.com/${{ image: 'photo.jpg', video: 'clip.mp4', audio: 'speech.mp3' }[input.kind]}`,
			description: `HTTPS link to ${kindWords} on a domain (not an IP address). It must not redirect and must send the right Content-Type, or Runway refuses it.`,
			displayOptions: show(endpoint, { ...extraShow, [sourceName]: ['url'] }),
		},
	];
}
