/**
 * Every model of Runway's video endpoints with what its create request takes, as plain data, per
 * `@runwayml/sdk` 4.20.1 (test/contract/runway.test.ts fails, naming each difference, once the pinned SDK says
 * otherwise). Image-to-video pixel ratios come from the one shared table (nodes/shared/image/presets.ts),
 * which Prepare Image's Auto targets also use. n8n-free.
 */
import { RUNWAY_ASPECT_SIZES, RUNWAY_RATIOS } from '../../shared/image/presets';
import { AVATAR_NESTED } from './avatar';
import type { DurationRule, Endpoint, ModelInfo, ModelRules } from './types';

/** Any whole number of seconds (Runway documents no bounds for these models); with `auto`, "auto" too. */
const ANY: DurationRule = { auto: false };
const ANY_OR_AUTO: DurationRule = { auto: true };
const GEN4_DURATION: DurationRule = { min: 2, max: 10, auto: false };
const VEO_DURATION: DurationRule = { values: [4, 6, 8], auto: false };
const GEMINI_DURATION: DurationRule = { min: 3, max: 10, auto: false };
const GEMINI_11_DURATION: DurationRule = { min: 3, max: 10, auto: true };

const OUTPUT_FORMATS = [
	'mp4',
	'prores',
	'png_sequence',
	'hdr10',
	'hlg',
	'sdr_rec709_10bit',
	'hdr_pq_12bit_master',
	'hdr_prores',
	'hdr_png_sequence',
	'hdr_exr_sequence',
	'hdr_exr_acescg_sequence_1_3',
	'hdr_exr_acescg_sequence_2_0',
];
const ALEPH_OUTPUT_FORMATS = ['mp4', 'prores', 'png_sequence', 'sdr_rec709_10bit'];
const PRORES_PROFILES = ['422', '4444', '422 Proxy', '422 LT', '422 HQ', '4444 XQ'];
const HAILUO_RATIOS = ['adaptive', ...Object.keys(RUNWAY_ASPECT_SIZES.hailuo3)];
const HAILUO_RESOLUTIONS = { resolution: ['768p', '2k', '768P', '2K'] };
const HAILUO_DEPRECATED = { resolution: ['768P', '2K'] };
const WAN3_RATIOS = [...RUNWAY_RATIOS.wan3, 'auto_480p', 'auto_720p', 'auto_1080p'];
const HAPPYHORSE_TEXT_RATIOS = [
	'1280:720',
	'720:1280',
	'960:960',
	'1108:832',
	'832:1108',
	'1920:1080',
	'1080:1920',
	'1440:1440',
	'1662:1248',
	'1248:1662',
];
const GROK_TEXT_RATIOS = ['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3'];
const MODES = ['reference', 'extend', 'edit'];
const REFERENCES = ['referenceAudio', 'references', 'referenceVideos'];

/** Most models want each audio and video reference as `{type, uri}` (gemini_omni_flash_1.1's video references are `{uri}`). */
const typedReferences = (fields: readonly string[]): Record<string, readonly string[]> => ({
	...(fields.includes('referenceAudio') ? { 'referenceAudio.type': ['audio'] } : {}),
	...(fields.includes('referenceVideos') ? { 'referenceVideos.type': ['video'] } : {}),
});

const veo31 = (input: string[]): ModelRules => ({
	fields: [...input, 'promptText', 'ratio', 'duration', 'seed', 'audio', 'negativePrompt'],
	required: input.length > 0 ? [...input, 'ratio'] : ['promptText', 'ratio'],
	enums: { ratio: RUNWAY_RATIOS['veo3.1'] },
	duration: VEO_DURATION,
	promptMax: 1000,
	...(input.length > 0 ? { positions: 'firstAndLast' as const } : {}),
});

/** seedance2, _fast and _mini: image keyframes or references; text and video with image, video and audio references. */
const seedance = (endpoint: 'imageToVideo' | 'textToVideo' | 'videoToVideo', ratios: readonly string[], promptMax = 3500): ModelRules => {
	const input = { imageToVideo: ['promptImage'], textToVideo: [], videoToVideo: ['promptVideo'] }[endpoint];
	const fields = [
		...input,
		'promptText',
		'ratio',
		'duration',
		'seed',
		'audio',
		'referenceAudio',
		...(endpoint === 'imageToVideo' ? [] : ['references', 'referenceVideos']),
	];
	return {
		fields,
		nested: typedReferences(fields),
		required: endpoint === 'textToVideo' ? ['promptText'] : input,
		enums: { ratio: ratios },
		duration: ANY_OR_AUTO,
		promptMax,
		...(endpoint === 'imageToVideo' ? { positions: 'keyframesOrReferences' as const } : {}),
	};
};

/** Video to video models that can also extend or edit the input video (`mode`). */
const withMode = (rules: ModelRules): ModelRules => ({
	...rules,
	fields: [...rules.fields, 'mode'],
	enums: { ...rules.enums, mode: MODES },
});

const gen45 = (input: string[], ratios: readonly string[]): ModelRules => ({
	fields: [...input, 'promptText', 'ratio', 'duration', 'seed', 'contentModeration', 'outputFormat', 'proresProfile'],
	required: [...input, 'promptText', 'ratio', 'duration'],
	enums: { ratio: ratios, outputFormat: OUTPUT_FORMATS, proresProfile: PRORES_PROFILES },
	duration: GEN4_DURATION,
	promptMax: 1000,
	...(input.length > 0 ? { positions: 'first' as const } : {}),
});

const hailuo3 = (input: string[], references: readonly string[]): ModelRules => ({
	fields: [...input, 'promptText', 'ratio', 'duration', 'resolution', ...references],
	nested: typedReferences(references),
	required: [...input, 'promptText'],
	enums: { ratio: HAILUO_RATIOS, ...HAILUO_RESOLUTIONS },
	deprecated: HAILUO_DEPRECATED,
	duration: ANY,
	...(input.includes('promptImage') ? { positions: 'keyframesOrReferences' as const } : {}),
});

const wan3 = (input: string[]): ModelRules => ({
	fields: [
		...input,
		'promptText',
		'ratio',
		'duration',
		'audio',
		'referenceAudio',
		'referenceVideos',
		...(input.length > 0 ? [] : ['references']),
	],
	nested: typedReferences(['referenceAudio', 'referenceVideos']),
	required: [...input, 'promptText'],
	enums: { ratio: WAN3_RATIOS },
	duration: ANY,
	...(input.length > 0 ? { positions: 'keyframesOrReferences' as const } : {}),
});

const h3Max = (input: string[]): ModelRules => ({
	fields: [...input, 'promptText', 'duration', 'seed', 'resolution', 'promptExpansionMode'],
	required: [...input, 'promptText'],
	enums: { resolution: ['480p', '768p'], promptExpansionMode: ['disabled', 'balanced', 'quality'] },
	duration: ANY,
	...(input.length > 0 ? { positions: 'firstAndLast' as const } : {}),
});

/** Per endpoint, the models in the order the pickers show them: the usual choice first. */
export const RUNWAY_MODELS: Readonly<Record<Endpoint, Readonly<Record<string, ModelRules>>>> = {
	imageToVideo: {
		gen4_turbo: {
			fields: ['promptImage', 'promptText', 'ratio', 'duration', 'seed', 'contentModeration'],
			required: ['promptImage', 'ratio'],
			enums: { ratio: RUNWAY_RATIOS.gen4_turbo },
			duration: ANY,
			promptMax: 1000,
			positions: 'first',
		},
		'gen4.5': gen45(['promptImage'], RUNWAY_RATIOS['gen4.5']),
		'veo3.1': veo31(['promptImage']),
		'veo3.1_fast': veo31(['promptImage']),
		seedance2: seedance('imageToVideo', RUNWAY_RATIOS.seedance2),
		seedance2_fast: seedance('imageToVideo', RUNWAY_RATIOS.seedance2_fast),
		seedance2_mini: seedance('imageToVideo', RUNWAY_RATIOS.seedance2_mini),
		seedance2_5: seedance('imageToVideo', RUNWAY_RATIOS.seedance2_5, 15000),
		hailuo3: hailuo3(['promptImage'], ['referenceAudio']),
		happyhorse_1_0: {
			fields: ['promptImage', 'promptText', 'duration', 'resolution'],
			required: ['promptImage'],
			enums: { resolution: ['720p', '1080p', '720P', '1080P'] },
			deprecated: { resolution: ['720P', '1080P'] },
			duration: ANY,
			promptMax: 2500,
			positions: 'first',
		},
		gemini_omni_flash: {
			fields: ['promptImage', 'promptText', 'ratio', 'duration'],
			required: ['promptImage'],
			enums: { ratio: RUNWAY_RATIOS.gemini_omni_flash },
			duration: GEMINI_DURATION,
			positions: 'first',
		},
		'gemini_omni_flash_1.1': {
			fields: ['promptImage', 'promptText', 'ratio', 'duration'],
			required: ['promptImage', 'promptText'],
			enums: { ratio: RUNWAY_RATIOS['gemini_omni_flash_1.1'] },
			duration: GEMINI_11_DURATION,
			positions: 'firstAndLast',
		},
		grok_imagine_1_5: {
			fields: ['promptImage', 'promptText', 'duration', 'resolution'],
			required: ['promptImage'],
			enums: { resolution: ['480p', '720p', '1080p'] },
			duration: ANY,
			positions: 'first',
		},
		wan3: wan3(['promptImage']),
		wan3_prime: wan3(['promptImage']),
		h3_max: h3Max(['promptImage']),
	},
	textToVideo: {
		'gen4.5': gen45([], ['1280:720', '720:1280']),
		'veo3.1': veo31([]),
		'veo3.1_fast': veo31([]),
		seedance2: seedance('textToVideo', RUNWAY_RATIOS.seedance2),
		seedance2_fast: seedance('textToVideo', RUNWAY_RATIOS.seedance2_fast),
		seedance2_mini: seedance('textToVideo', RUNWAY_RATIOS.seedance2_mini),
		// The only text model whose prompt is optional (it can work from references alone).
		seedance2_5: { ...seedance('textToVideo', RUNWAY_RATIOS.seedance2_5, 15000), required: [] },
		hailuo3: hailuo3([], REFERENCES),
		happyhorse_1_0: {
			fields: ['promptText', 'ratio', 'duration'],
			required: ['promptText'],
			enums: { ratio: HAPPYHORSE_TEXT_RATIOS },
			duration: ANY,
			promptMax: 2500,
		},
		gemini_omni_flash: {
			fields: ['promptText', 'ratio', 'duration'],
			required: ['promptText'],
			enums: { ratio: RUNWAY_RATIOS.gemini_omni_flash },
			duration: GEMINI_DURATION,
		},
		'gemini_omni_flash_1.1': {
			fields: ['promptText', 'ratio', 'duration', 'references', 'referenceVideos'],
			required: ['promptText'],
			enums: { ratio: RUNWAY_RATIOS['gemini_omni_flash_1.1'] },
			duration: GEMINI_11_DURATION,
		},
		grok_imagine_1_5: {
			fields: ['promptText', 'ratio', 'duration', 'resolution', 'referenceAudio', 'references'],
			nested: typedReferences(['referenceAudio']),
			required: ['promptText'],
			enums: { ratio: GROK_TEXT_RATIOS, resolution: ['480p', '720p', '1080p'] },
			duration: ANY,
		},
		wan3: wan3([]),
		wan3_prime: wan3([]),
		h3_max: h3Max([]),
	},
	videoToVideo: {
		aleph2: {
			fields: [
				'videoUri',
				'promptText',
				'seed',
				'contentModeration',
				'keyframes',
				'outputFormat',
				'proresProfile',
				'ratio',
				'targetAspectRatio',
			],
			required: ['videoUri'],
			enums: {
				outputFormat: ALEPH_OUTPUT_FORMATS,
				proresProfile: PRORES_PROFILES,
				targetAspectRatio: ['16:9', '4:3', '3:2', '1:1', '2:3', '3:4', '9:16', '21:9'],
			},
		},
		seedance2: seedance('videoToVideo', RUNWAY_RATIOS.seedance2),
		seedance2_fast: seedance('videoToVideo', RUNWAY_RATIOS.seedance2_fast),
		seedance2_mini: seedance('videoToVideo', RUNWAY_RATIOS.seedance2_mini),
		seedance2_5: withMode(seedance('videoToVideo', RUNWAY_RATIOS.seedance2_5, 15000)),
		hailuo3: hailuo3(['promptVideo'], REFERENCES),
		gemini_omni_flash: {
			fields: ['videoUri', 'promptText', 'references'],
			required: ['videoUri', 'promptText'],
			enums: {},
		},
		'gemini_omni_flash_1.1': {
			fields: ['videoUri', 'promptText', 'ratio', 'duration', 'mode', 'references'],
			required: ['videoUri', 'promptText'],
			enums: { ratio: RUNWAY_RATIOS['gemini_omni_flash_1.1'], mode: MODES },
			duration: ANY_OR_AUTO,
		},
	},
	upscaleVideo: {
		magnific_video_upscaler_creative: {
			fields: ['videoUri', 'resolution', 'creativity', 'flavor', 'fpsBoost', 'sharpen', 'smartGrain'],
			required: ['videoUri'],
			enums: { resolution: ['720p', '1k', '2k', '4k'], flavor: ['vivid', 'natural'] },
			ranges: { creativity: { min: 0, max: 100 }, sharpen: { min: 0, max: 100 }, smartGrain: { min: 0, max: 100 } },
		},
		enhance_frame_rate: {
			fields: ['videoUri', 'targetFramerate'],
			required: ['videoUri', 'targetFramerate'],
			enums: { targetFramerate: ['24', '25', '30', '48', '50', '60', '120', '23_98', '29_97', '59_94'] },
		},
	},
	characterPerformance: {
		act_two: {
			fields: ['character', 'reference', 'ratio', 'seed', 'bodyControl', 'expressionIntensity', 'contentModeration'],
			required: ['character', 'reference'],
			enums: { ratio: RUNWAY_RATIOS.gen4_turbo },
			ranges: { expressionIntensity: { min: 1, max: 5 } },
		},
	},
	videoToHdr: {
		ruby: {
			fields: ['videoUri', 'outputFormat', 'proresProfile'],
			required: ['videoUri'],
			enums: {
				outputFormat: ['hdr10', 'hlg', 'hdr_prores', 'hdr_exr_sequence', 'hdr_exr_acescg_sequence_1_3', 'hdr_exr_acescg_sequence_2_0'],
				proresProfile: ['422', '4444', '422 HQ'],
			},
		},
	},
	avatarVideo: {
		gwm1_avatars: { fields: ['avatar', 'speech'], required: ['avatar', 'speech'], enums: {}, nested: AVATAR_NESTED },
	},
};

/**
 * What the model pickers show for every model id of any endpoint: its name, and a note true under every
 * operation (a price); the rest of each picker text is generated from the rules above (./describe.ts).
 */
export const MODEL_INFO: Readonly<Record<string, ModelInfo>> = {
	gen4_turbo: { name: 'Gen-4 Turbo', note: 'fast and cheap (about 5 credits per second)' },
	'gen4.5': { name: 'Gen-4.5', note: 'about 12 credits per second' },
	'veo3.1': { name: 'Veo 3.1', note: 'about 20-40 credits per second' },
	'veo3.1_fast': { name: 'Veo 3.1 Fast', note: 'about 10-15 credits per second' },
	seedance2: { name: 'Seedance 2' },
	seedance2_fast: { name: 'Seedance 2 Fast' },
	seedance2_mini: { name: 'Seedance 2 Mini' },
	seedance2_5: { name: 'Seedance 2.5' },
	hailuo3: { name: 'Hailuo 3' },
	happyhorse_1_0: { name: 'HappyHorse 1.0' },
	gemini_omni_flash: { name: 'Gemini Omni Flash' },
	'gemini_omni_flash_1.1': { name: 'Gemini Omni Flash 1.1' },
	grok_imagine_1_5: { name: 'Grok Imagine 1.5' },
	wan3: { name: 'Wan 3' },
	wan3_prime: { name: 'Wan 3 Prime' },
	h3_max: { name: 'MiniMax H3 Max' },
	aleph2: { name: 'Aleph 2', note: 'edits the input video by prompt' },
	magnific_video_upscaler_creative: { name: 'Magnific Creative Upscaler' },
	enhance_frame_rate: { name: 'Enhance Frame Rate', note: 'interpolates new frames' },
	ruby: { name: 'Ruby', note: "upconverts SDR to HDR at the input's resolution (about 20 credits per second, 40 above 4 megapixels)" },
	gwm1_avatars: { name: 'GWM-1 Avatars', note: 'a preset or custom avatar speaks a text or a recording' },
	act_two: { name: 'Act-Two', note: 'a character image or video performs like a reference performance video' },
};

/** The models of an endpoint, in picker order. */
export function modelsFor(endpoint: Endpoint): string[] {
	return Object.keys(RUNWAY_MODELS[endpoint]);
}

export function rulesFor(endpoint: Endpoint, model: string): ModelRules | undefined {
	const models = RUNWAY_MODELS[endpoint];
	return Object.prototype.hasOwnProperty.call(models, model) ? models[model] : undefined;
}

/** Whether `model` on `endpoint` takes `field`. */
export function takes(endpoint: Endpoint, model: string, field: string): boolean {
	return rulesFor(endpoint, model)?.fields.includes(field) ?? false;
}

/** The models of an endpoint taking `field`. */
export function modelsTaking(endpoint: Endpoint, field: string): string[] {
	return modelsFor(endpoint).filter((model) => takes(endpoint, model, field));
}
