/**
 * Every request field the node sets on a create, written once: the name the UI gives it (every message about it
 * uses that name), where an item sets it (a top-level parameter or an Options entry), what kind of value it is
 * (how it is checked and read), and how its Options entry looks. models/check.ts checks by it, helpers/create.ts
 * reads by it, requests/createBody.ts shapes URL lists by it, and actions/common.descriptions.ts builds the
 * Options entries and names the top-level parameters from it. Which model takes which field, and its values,
 * is the model table's (./table.ts). n8n-free.
 */
import type { MediaKind } from './types';

/**
 * How a value is checked (./check.ts) and read: `prompt` and `text` strings, `enum` (the model's values),
 * `duration` (seconds or auto), `seed`, `number` (the model's range), `boolean`, `moderation` (a public figure
 * threshold, sent as `{publicFigureThreshold}`), `urls` (a list of files by URL), `keyframes` (images placed
 * in the input video).
 */
export type FieldKind = 'prompt' | 'text' | 'enum' | 'duration' | 'seed' | 'number' | 'boolean' | 'moderation' | 'urls' | 'keyframes';

/** An Options entry's look after its display name and name, in n8n's property keys (`type`, `default`...). */
export type OptionEntry = { type: string; default: unknown } & Record<string, unknown>;

export interface RequestField {
	/** The UI's name: the display name of the parameter or Options entry, and the field's name in messages. */
	label: string;
	kind: FieldKind;
	/** The top-level parameter holding it... */
	parameter?: string;
	/** ...or the Options entry (none for the fields only the Model Router takes: its panel is its own). */
	option?: string;
	/** The entry, where `kind` does not make it (URL lists do). */
	entry?: OptionEntry;
	/** URL lists: what the files are, and the object `type` Runway wants on each where no model rule says (a custom model). */
	media?: MediaKind;
	objectType?: string;
	/** Names for enumerated values in pickers, where the value alone says too little. */
	valueNames?: Readonly<Record<string, string>>;
}

export const PUBLIC_FIGURE_THRESHOLDS: readonly string[] = ['auto', 'low'];

/** Top-level parameters first, in the order an item's values are read (a request body keeps that order). */
export const FIELDS: Readonly<Record<string, RequestField>> = {
	promptText: { label: 'Prompt', kind: 'prompt', parameter: 'prompt' },
	ratio: { label: 'Ratio', kind: 'enum', parameter: 'ratio' },
	duration: { label: 'Duration (Seconds)', kind: 'duration', parameter: 'duration' },
	resolution: { label: 'Resolution', kind: 'enum', parameter: 'resolution' },
	outputFormat: {
		label: 'Output Format',
		kind: 'enum',
		parameter: 'outputFormat',
		valueNames: {
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
	},
	targetFramerate: {
		label: 'Target Frame Rate',
		kind: 'enum',
		parameter: 'targetFramerate',
		valueNames: { '23_98': '23.976 Fps', '29_97': '29.97 Fps', '59_94': '59.94 Fps' },
	},
	audio: {
		label: 'Audio',
		kind: 'boolean',
		option: 'audio',
		entry: { type: 'boolean', default: false, description: 'Whether to generate sound with the video (changes the price)' },
	},
	bodyControl: {
		label: 'Body Control',
		kind: 'boolean',
		option: 'bodyControl',
		entry: {
			type: 'boolean',
			default: false,
			description: 'Whether to apply body movements and gestures too, not only facial expressions',
		},
	},
	creativity: {
		label: 'Creativity',
		kind: 'number',
		option: 'creativity',
		entry: {
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 100 },
			default: 50,
			description: 'How much AI-generated detail to add, from 0 (faithful) to 100',
		},
	},
	expressionIntensity: {
		label: 'Expression Intensity',
		kind: 'number',
		option: 'expressionIntensity',
		entry: {
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 5, numberPrecision: 0 },
			default: 3,
			description: "How strongly the character's expression follows the performance, 1 to 5",
		},
	},
	flavor: {
		label: 'Flavor',
		kind: 'enum',
		option: 'flavor',
		entry: {
			type: 'options',
			options: [
				{ name: 'Natural', value: 'natural', description: 'Faithful reproduction' },
				{ name: 'Vivid', value: 'vivid', description: 'Enhanced colour and detail' },
			],
			default: 'natural',
		},
	},
	fpsBoost: {
		label: 'FPS Boost',
		kind: 'boolean',
		option: 'fpsBoost',
		entry: { type: 'boolean', default: false, description: 'Whether to increase the output frame rate' },
	},
	keyframes: {
		label: 'Keyframes',
		kind: 'keyframes',
		option: 'keyframes',
		entry: {
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
						{
							displayName: 'Image URL',
							name: 'uri',
							type: 'string',
							default: '',
							description: 'HTTPS URL, runway:// upload URI or data URI of the image',
						},
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
	mode: {
		label: 'Video Mode',
		kind: 'enum',
		option: 'mode',
		entry: {
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
	negativePrompt: {
		label: 'Negative Prompt',
		kind: 'text',
		option: 'negativePrompt',
		entry: { type: 'string', default: '', description: 'What the video should not show' },
	},
	promptExpansionMode: {
		label: 'Prompt Expansion',
		kind: 'enum',
		option: 'promptExpansionMode',
		entry: {
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
	proresProfile: {
		label: 'ProRes Profile',
		kind: 'enum',
		option: 'proresProfile',
		entry: {
			type: 'options',
			options: [
				{ name: "Model's Default", value: '' },
				...['422 Proxy', '422 LT', '422', '422 HQ', '4444', '4444 XQ'].map((p) => ({ name: p, value: p })),
			],
			default: '',
			description: 'Only with a ProRes output format',
		},
	},
	contentModeration: {
		label: 'Public Figure Threshold',
		kind: 'moderation',
		option: 'publicFigureThreshold',
		entry: {
			type: 'options',
			options: [
				{ name: 'Auto', value: 'auto', description: "Runway's standard content moderation" },
				{ name: 'Low', value: 'low', description: 'Less strict about recognisable public figures' },
			],
			default: 'auto',
			description: 'Content moderation for recognisable people',
		},
	},
	referenceAudio: { label: 'Reference Audio URLs', kind: 'urls', option: 'referenceAudio', media: 'audio', objectType: 'audio' },
	references: { label: 'Reference Image URLs', kind: 'urls', option: 'references', media: 'image' },
	referenceVideos: { label: 'Reference Video URLs', kind: 'urls', option: 'referenceVideos', media: 'video', objectType: 'video' },
	seed: {
		label: 'Seed',
		kind: 'seed',
		option: 'seed',
		entry: {
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 4294967295, numberPrecision: 0 },
			default: 0,
			description: 'Fixes the randomness, for repeatable results (0 to 4294967295; leave out for random)',
		},
	},
	sharpen: {
		label: 'Sharpen',
		kind: 'number',
		option: 'sharpen',
		entry: { type: 'number', typeOptions: { minValue: 0, maxValue: 100 }, default: 0, description: 'Sharpness from 0 (none) to 100' },
	},
	smartGrain: {
		label: 'Smart Grain',
		kind: 'number',
		option: 'smartGrain',
		entry: {
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 100 },
			default: 0,
			description: 'Grain and texture enhancement from 0 to 100',
		},
	},
	targetAspectRatio: {
		label: 'Target Aspect Ratio',
		kind: 'enum',
		option: 'targetAspectRatio',
		entry: {
			type: 'options',
			options: [
				{ name: 'Keep the Input’s', value: '' },
				...['16:9', '4:3', '3:2', '1:1', '2:3', '3:4', '9:16', '21:9'].map((r) => ({ name: r, value: r })),
			],
			default: '',
			description: 'Expand (outpaint) the video to this aspect ratio',
		},
	},
	// The Model Router's own fields (its panel reads them: actions/video/generateVideo.operation.ts).
	aspectRatio: { label: 'Aspect Ratio', kind: 'enum' },
	referenceImages: { label: 'Reference Image URLs', kind: 'urls', media: 'image' },
};

/** The row of a request field; undefined for a field the node does not know (a custom model's, or an expression's). */
export function fieldOf(field: string): RequestField | undefined {
	return Object.prototype.hasOwnProperty.call(FIELDS, field) ? FIELDS[field] : undefined;
}

/** The UI's name of a request field: its row's label, else the field itself. */
export function fieldLabel(field: string): string {
	return fieldOf(field)?.label ?? field;
}

/** The request field an Options entry holds; undefined for an entry that holds none of the table's. */
export function fieldOfOption(name: string): string | undefined {
	return Object.keys(FIELDS).find((field) => FIELDS[field].option === name);
}

/**
 * Options entries that set no request field of their own: Additional Fields (merged into the request as they
 * are) and Let the Model Choose Duration (duration "auto", for models that take it). From 1.1 Video to Video's
 * Duration parameter (DURATION_MODE) offers auto itself.
 */
export const ADDITIONAL_FIELDS = {
	label: 'Additional Fields (JSON)',
	option: 'additionalFields',
	entry: {
		type: 'json',
		default: '{}',
		description:
			"Request fields this node does not offer, e.g. a field Runway added after it, merged into the request as they are (they win over the node's own). The node does not check them: Runway does, and its error names any it refuses.",
	},
} as const;
export const DURATION_AUTO = {
	label: 'Let the Model Choose Duration',
	option: 'durationAuto',
	entry: {
		type: 'boolean',
		default: false,
		description: 'Whether to send duration "auto" (billed at the longest duration up front; unused credits are refunded)',
	},
} as const;
export const DURATION_MODE = 'durationMode';
