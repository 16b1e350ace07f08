/**
 * Parameters the create operations share, generated from the model table (../models/table.ts) and the field
 * table (../models/fields.ts) so each model is offered only what it takes: one Ratio (Duration, Resolution...)
 * parameter per group of models with the same values, and Options entries shown only while a model that takes
 * them is selected (displayOptions on `model`). The values are checked again before any request anyway. Each
 * operation adds its own resource and operation to every parameter with updateDisplayOptions.
 */
import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { sizeLabel } from '../../shared/image/sizeLabels';
import { waitProperties } from '../../shared/n8n/wait';
import { describeDuration } from '../models/check';
import { ADDITIONAL_FIELDS, DURATION_AUTO, DURATION_MODE, FIELDS } from '../models/fields';
import type { RequestField } from '../models/fields';
import { CLOSEST_RATIO } from '../models/ratios';
import { describeModel } from '../models/describe';
import { MODEL_INFO, modelsFor, modelsTaking, rulesFor } from '../models/table';
import type { DurationRule, Endpoint } from '../models/types';
import { CUSTOM_MODEL, CUSTOM_MODEL_ID, modelParameter, sourceParameters } from '../helpers/parameters';
import { GET_OPERATION, POLL } from '../helpers/task';

/**
 * The node's versions. 1.1: each operation has its own Model parameter (n8n keeps a parameter's value across
 * the definitions sharing its name, so one `model` kept Hailuo 3 when Operation changed to Upscale Video), Prompt
 * is required where the model needs one, Video to Video's duration can be left to the model, and Enhance Frame
 * Rate defaults to 60 fps. Version 1 keeps what saved workflows were built with.
 */
export const NODE_VERSIONS = [1, 1.1] as const;
export type NodeVersion = (typeof NODE_VERSIONS)[number];

const VERSION_SHOW: Record<NodeVersion, IDisplayOptions['show']> = {
	1: { '@version': [1] },
	1.1: { '@version': [{ _cnd: { gte: 1.1 } }] },
};

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
		for (let j = b.length - 1; j >= 0; j--)
			common[i][j] = a[i] === b[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
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

/** Shown while one of `models` is the operation's model. */
export const withModels = (
	endpoint: Endpoint,
	version: NodeVersion,
	models: string[],
	extra: IDisplayOptions['show'] = {},
): IDisplayOptions => ({
	show: { [modelParameter(endpoint, version)]: models, ...extra },
});

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
			{
				name: 'Custom Model ID',
				value: CUSTOM_MODEL,
				description: 'A model released after this node: type its ID; Runway checks the request',
			},
		],
		default: defaultModel,
		description: 'The Runway model. The fields below follow the model.',
	};
}

export function customModelProperties(endpoint: Endpoint, version: NodeVersion): INodeProperties[] {
	const whenCustom = withModels(endpoint, version, [CUSTOM_MODEL]);
	return [
		{
			displayName: 'Custom Model ID',
			name: CUSTOM_MODEL_ID,
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
		displayName: FIELDS.promptText.label,
		name: FIELDS.promptText.parameter!,
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
				description:
					"The model's ratio nearest the binary image's shape (a portrait photo gets a portrait ratio); for an image URL, the first ratio in this list",
			});
		}
		const fallback = ['1280:720', '16:9'].find((ratio) => value.includes(ratio)) ?? value[0];
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the default is set below, per model group
		return {
			displayName: FIELDS.ratio.label,
			name: FIELDS.ratio.parameter!,
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
	model: {
		name: "Model's Default",
		value: 'model',
		description: 'Sends no duration: the model decides (Runway documents 5 seconds for Seedance 2.5)',
	},
	auto: {
		name: 'Auto',
		value: 'auto',
		description: 'Sends auto: the model chooses the length (billed at the longest up front; unused credits are refunded)',
	},
	seconds: { name: 'Seconds', value: 'seconds', description: 'A length you set below' },
};

export function durationProperties(endpoint: Endpoint, version: NodeVersion): INodeProperties[] {
	const key = (model: string) => {
		const rules = rulesFor(endpoint, model);
		return rules?.duration && { rule: rules.duration, required: rules.required.includes('duration') };
	};
	return groupModels(endpoint, key).flatMap(({ value: { rule, required }, models }): INodeProperties[] => {
		const leftToModel = version >= 1.1 && endpoint === 'videoToVideo' && !required;
		const displayOptions = withModels(endpoint, version, models, leftToModel ? { [DURATION_MODE]: ['seconds'] } : {});
		const auto = rule.auto && !leftToModel ? ` "${DURATION_AUTO.label}" under Options sends auto instead.` : '';
		const description = `Video length: ${describeDuration({ ...rule, auto: false })} seconds for this model.${auto} Price grows with it.`;
		const mode: INodeProperties[] = leftToModel
			? [
					{
						displayName: 'Duration',
						name: DURATION_MODE,
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
					displayName: FIELDS.duration.label,
					name: FIELDS.duration.parameter!,
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
				displayName: FIELDS.duration.label,
				name: FIELDS.duration.parameter!,
				type: 'number',
				typeOptions: { minValue: rule.min ?? 1, ...(rule.max !== undefined ? { maxValue: rule.max } : {}), numberPrecision: 0 },
				default: defaultDuration(rule),
				description,
				displayOptions,
			},
		];
	});
}

/**
 * A top-level list for an enumerated field whose values differ by model (Resolution, Output Format, Target
 * Frame Rate): one parameter per group, deprecated values left out, "Model's Default" first where optional. The
 * default is `preferred` where a group offers it, else "Model's Default" or the first value.
 */
export function enumProperties(
	endpoint: Endpoint,
	version: NodeVersion,
	field: string,
	description: string,
	preferred?: string,
): INodeProperties[] {
	const { label, parameter, valueNames } = FIELDS[field];
	return groupModels(endpoint, (model) => {
		const rules = rulesFor(endpoint, model);
		const values = rules?.enums[field]?.filter((v) => !rules.deprecated?.[field]?.includes(v));
		return rules && values ? { values, required: rules.required.includes(field) } : undefined;
	}).map(({ value, models }): INodeProperties => {
		const options: INodePropertyOptions[] = value.values.map((v) => ({
			name: valueNames?.[v] ?? (/^\d+$/.test(v) ? `${v} Fps` : v),
			value: v,
		}));
		if (!value.required) options.unshift({ name: "Model's Default", value: '' });
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the default is the model group's, set below
		return {
			displayName: label,
			name: parameter!,
			type: 'options',
			options,
			default: preferred !== undefined && value.values.includes(preferred) ? preferred : value.required ? value.values[0] : '',
			description,
			displayOptions: withModels(endpoint, version, models),
		};
	});
}

/** A URL list's Options entry: URLs, one per line or comma-separated. */
function urlListEntry({ label, option, media }: RequestField): INodeProperties {
	return {
		displayName: label,
		name: option!,
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: `e.g. https://example.com/${media === 'image' ? 'style.jpg' : media === 'video' ? 'motion.mp4' : 'voice.mp3'}`,
		description: `${media === 'image' ? 'Images' : media === 'video' ? 'Videos' : 'Audio files'} the model uses as references: HTTPS URLs, runway:// upload URIs or data URIs, one per line or comma-separated`,
	};
}

/** A request field's Options entry, from its row of the field table. */
export function optionEntry(row: RequestField): INodeProperties {
	return row.kind === 'urls' ? urlListEntry(row) : ({ displayName: row.label, name: row.option!, ...row.entry } as INodeProperties);
}

const entryOf = ({ label, option, entry }: { label: string; option: string; entry: object }) =>
	({ displayName: label, name: option, ...entry }) as INodeProperties;

/**
 * The Options entries of an endpoint: each field's shown only while a model taking it is selected, plus the
 * endpoint's own entries (`extra`) and Additional Fields, which every model (and a custom one) takes.
 */
export function modelOptions(endpoint: Endpoint, version: NodeVersion, extra: INodeProperties[] = []): INodeProperties[] {
	const options: INodeProperties[] = [entryOf(ADDITIONAL_FIELDS)];
	const shown = (property: INodeProperties, models: string[]): INodeProperties => ({
		...property,
		displayOptions: { show: { [`/${modelParameter(endpoint, version)}`]: models } },
	});
	for (const [field, row] of Object.entries(FIELDS)) {
		if (!row.option) continue;
		const models = modelsTaking(endpoint, field);
		if (models.length === 0) continue;
		const property = optionEntry(row);
		// A list offers only what the endpoint's models take (ProRes profiles differ by model).
		const taken = new Set(models.flatMap((model) => rulesFor(endpoint, model)?.enums[field] ?? []));
		const offered =
			taken.size > 0 && property.options
				? (property.options as INodePropertyOptions[]).filter((o) => o.value === '' || taken.has(String(o.value)))
				: undefined;
		options.push(shown(offered ? { ...property, options: offered } : property, models));
	}
	// From 1.1, Video to Video's Duration offers auto itself.
	const autoModels = modelsFor(endpoint).filter((model) => rulesFor(endpoint, model)?.duration?.auto);
	if (autoModels.length > 0 && !(version >= 1.1 && endpoint === 'videoToVideo')) options.push(shown(entryOf(DURATION_AUTO), autoModels));
	return [...options, ...extra].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export function optionsCollection(endpoint: Endpoint, version: NodeVersion, extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: modelOptions(endpoint, version, extra),
	};
}

/** Wait for Completion and its settings, then where the video goes: the tail of every create operation. */
export function waitAndOutputProperties(): INodeProperties[] {
	return [
		...waitProperties(
			{ intervalSeconds: POLL.intervalSeconds, minIntervalSeconds: POLL.minIntervalSeconds },
			{ show: {} },
			{ getOperation: GET_OPERATION, job: 'task' },
		),
		outputFieldProperty({ waitForCompletion: [true] }),
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
	input: { name: string; label: string; kind: 'image' | 'video' | 'audio'; defaultField: string; description: string },
	extraShow: IDisplayOptions['show'] = {},
): INodeProperties[] {
	const names = sourceParameters(input.name);
	const kindWords = { image: 'a JPEG, PNG or WebP image', video: 'an MP4, MOV or WebM video', audio: 'an MP3, WAV, FLAC, AAC or M4A file' }[
		input.kind
	];
	return [
		{
			displayName: `${input.label} Source`,
			name: names.source,
			type: 'options',
			options: [
				{ name: 'Binary Field', value: 'binary', description: 'A file on the input item (Telegram, Read File, HTTP Request…)' },
				{ name: 'URL', value: 'url', description: 'A public HTTPS link Runway fetches itself' },
			],
			default: 'binary',
			description: input.description,
			displayOptions: { show: extraShow },
		},
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- each input's own default field
		{
			displayName: `${input.label} Binary Field`,
			name: names.binaryField,
			type: 'string',
			default: input.defaultField,
			required: true,
			description: `Name of the binary field holding ${kindWords}`,
			displayOptions: { show: { ...extraShow, [names.source]: ['binary'] } },
		},
		{
			displayName: `${input.label} URL`,
			name: names.url,
			type: 'string',
			default: '',
			required: true,
			placeholder: `e.g. https://example.com/${{ image: 'photo.jpg', video: 'clip.mp4', audio: 'speech.mp3' }[input.kind]}`,
			description: `HTTPS link to ${kindWords} on a domain (not an IP address). It must not redirect and must send the right Content-Type, or Runway refuses it.`,
			displayOptions: { show: { ...extraShow, [names.source]: ['url'] } },
		},
	];
}
