/**
 * Runway's per-model create rules as plain data (api-contracts.md Part B, §B.3 and §B.4), and the checks
 * the node runs on every item BEFORE any request: a paid task is never started with a value Runway would
 * refuse, and a refused value is reported naming the item, the field and the values allowed.
 * Image-to-video ratios come from the one shared table (nodes/shared/image/presets.ts). n8n-free.
 */
import { RUNWAY_RATIOS } from '../shared/image/presets';

export type CreateOperation = 'imageToVideo' | 'textToVideo';

/** Optional request fields a model may take besides prompt, ratio and duration. */
export type Extra = 'seed' | 'contentModeration' | 'audio' | 'negativePrompt' | 'resolution';

/** An integer range (no max: none documented), or the only values allowed. */
export type DurationRule = { min: number; max?: number } | { values: readonly number[] };

export interface EndpointRules {
	/** The `ratio` values ("W:H" in pixels); absent when the model takes no ratio (output follows the input). */
	ratios?: readonly string[];
	ratioRequired: boolean;
	duration: DurationRule;
	durationRequired: boolean;
	/** What the node's Duration parameter starts at for this model. */
	defaultDuration: number;
	/** promptText, counted in UTF-16 code units (a JS string's length); no max: none documented. */
	prompt: { required: boolean; max?: number };
	/** Image to video: whether a last frame (promptImage position `last`) may follow the first. */
	lastFrame?: boolean;
	extras: readonly Extra[];
}

export interface RunwayModelRules {
	/** What the model picker shows. */
	name: string;
	description: string;
	imageToVideo?: EndpointRules;
	textToVideo?: EndpointRules;
}

export const SEED_MAX = 4294967295;
/** A data URI for an image, counted on the whole string: 5 MB. */
export const DATA_URI_MAX_CHARS = 5 * 1024 * 1024;
/** An ephemeral upload's file: 200 MB. */
export const UPLOAD_MAX_BYTES = 200 * 1024 * 1024;
export const URL_MAX_CHARS = 2048;
export const PUBLIC_FIGURE_THRESHOLDS: readonly string[] = ['auto', 'low'];
export const RESOLUTIONS: readonly string[] = ['720P', '1080P'];
/** Image formats Runway decodes. */
export const RUNWAY_IMAGE_FORMATS: readonly string[] = ['jpeg', 'png', 'webp'];

const GEN4_5_TEXT_RATIOS: readonly string[] = ['1280:720', '720:1280'];
const HAPPYHORSE_TEXT_RATIOS: readonly string[] = [
	'1280:720', '720:1280', '960:960', '1108:832', '832:1108', '1920:1080', '1080:1920', '1440:1440', '1662:1248', '1248:1662',
];

const GEN4_DURATION: DurationRule = { min: 2, max: 10 };
const VEO31_DURATION: DurationRule = { values: [4, 6, 8] };
const VEO3_DURATION: DurationRule = { values: [8] };
const ANY_DURATION: DurationRule = { min: 1 };

const veo31 = (name: string, description: string): RunwayModelRules => ({
	name,
	description,
	imageToVideo: {
		ratios: RUNWAY_RATIOS['veo3.1'],
		ratioRequired: true,
		duration: VEO31_DURATION,
		durationRequired: false,
		defaultDuration: 8,
		prompt: { required: false, max: 1000 },
		lastFrame: true,
		extras: ['audio', 'negativePrompt'],
	},
	textToVideo: {
		ratios: RUNWAY_RATIOS['veo3.1'],
		ratioRequired: true,
		duration: VEO31_DURATION,
		durationRequired: false,
		defaultDuration: 8,
		prompt: { required: true, max: 1000 },
		extras: ['audio', 'negativePrompt'],
	},
});

const seedance = (name: string, description: string, ratios: readonly string[]): RunwayModelRules => ({
	name,
	description,
	imageToVideo: {
		ratios,
		ratioRequired: false,
		duration: ANY_DURATION,
		durationRequired: false,
		defaultDuration: 5,
		prompt: { required: false, max: 3500 },
		lastFrame: true,
		extras: ['audio'],
	},
	textToVideo: {
		ratios,
		ratioRequired: false,
		duration: ANY_DURATION,
		durationRequired: false,
		defaultDuration: 5,
		prompt: { required: true, max: 3500 },
		extras: ['audio'],
	},
});

/** In the order the model pickers show them: the usual choice first. */
export const RUNWAY_MODELS: Readonly<Record<string, RunwayModelRules>> = {
	gen4_turbo: {
		name: 'Gen-4 Turbo',
		description: 'Image to video only; fast and cheap (about 5 credits per second)',
		imageToVideo: {
			ratios: RUNWAY_RATIOS.gen4_turbo,
			ratioRequired: true,
			duration: GEN4_DURATION,
			durationRequired: false,
			defaultDuration: 5,
			prompt: { required: false, max: 1000 },
			extras: ['seed', 'contentModeration'],
		},
	},
	'gen4.5': {
		name: 'Gen-4.5',
		description: 'Needs a prompt; about 12 credits per second',
		imageToVideo: {
			ratios: RUNWAY_RATIOS['gen4.5'],
			ratioRequired: true,
			duration: GEN4_DURATION,
			durationRequired: true,
			defaultDuration: 5,
			prompt: { required: true, max: 1000 },
			extras: ['seed', 'contentModeration'],
		},
		textToVideo: {
			ratios: GEN4_5_TEXT_RATIOS,
			ratioRequired: true,
			duration: GEN4_DURATION,
			durationRequired: true,
			defaultDuration: 5,
			prompt: { required: true, max: 1000 },
			extras: ['seed', 'contentModeration'],
		},
	},
	veo3: {
		name: 'Veo 3',
		description: 'Always 8 seconds; about 40 credits per second',
		imageToVideo: {
			ratios: RUNWAY_RATIOS.veo3,
			ratioRequired: true,
			duration: VEO3_DURATION,
			durationRequired: true,
			defaultDuration: 8,
			prompt: { required: false, max: 1000 },
			extras: ['negativePrompt'],
		},
		textToVideo: {
			ratios: RUNWAY_RATIOS.veo3,
			ratioRequired: true,
			duration: VEO3_DURATION,
			durationRequired: true,
			defaultDuration: 8,
			prompt: { required: true, max: 1000 },
			extras: ['negativePrompt'],
		},
	},
	'veo3.1': veo31('Veo 3.1', '4, 6 or 8 seconds, optional last frame and audio; about 20-40 credits per second'),
	'veo3.1_fast': veo31('Veo 3.1 Fast', '4, 6 or 8 seconds, optional last frame and audio; about 10-15 credits per second'),
	seedance2: seedance('Seedance 2', 'Ratios from 480p to 4K, optional last frame and audio', RUNWAY_RATIOS.seedance2),
	seedance2_fast: seedance('Seedance 2 Fast', 'Ratios up to 720p, optional last frame and audio', RUNWAY_RATIOS.seedance2_fast),
	seedance2_mini: seedance('Seedance 2 Mini', 'Ratios up to 720p, optional last frame and audio', RUNWAY_RATIOS.seedance2_mini),
	happyhorse_1_0: {
		name: 'HappyHorse 1.0',
		description: 'Image to video keeps the image\'s own shape (no ratio); 720P or 1080P',
		imageToVideo: {
			ratioRequired: false,
			duration: ANY_DURATION,
			durationRequired: false,
			defaultDuration: 5,
			prompt: { required: false, max: 2500 },
			extras: ['resolution'],
		},
		textToVideo: {
			ratios: HAPPYHORSE_TEXT_RATIOS,
			ratioRequired: false,
			duration: ANY_DURATION,
			durationRequired: false,
			defaultDuration: 5,
			prompt: { required: true, max: 2500 },
			extras: [],
		},
	},
	gemini_omni_flash: {
		name: 'Gemini Omni Flash',
		description: '3 to 10 seconds, 1280:720 or 720:1280',
		imageToVideo: {
			ratios: RUNWAY_RATIOS.gemini_omni_flash,
			ratioRequired: false,
			duration: { min: 3, max: 10 },
			durationRequired: false,
			defaultDuration: 8,
			prompt: { required: false },
			extras: [],
		},
		textToVideo: {
			ratios: RUNWAY_RATIOS.gemini_omni_flash,
			ratioRequired: false,
			duration: { min: 3, max: 10 },
			durationRequired: false,
			defaultDuration: 8,
			prompt: { required: true },
			extras: [],
		},
	},
};

export const OPERATION_LABELS: Record<CreateOperation, string> = { imageToVideo: 'image to video', textToVideo: 'text to video' };

/** The models that serve an operation, in picker order. */
export function modelsFor(operation: CreateOperation): string[] {
	return Object.keys(RUNWAY_MODELS).filter((model) => RUNWAY_MODELS[model][operation] !== undefined);
}

export function rulesFor(operation: CreateOperation, model: string): EndpointRules | undefined {
	return Object.prototype.hasOwnProperty.call(RUNWAY_MODELS, model) ? RUNWAY_MODELS[model][operation] : undefined;
}

export function describeDuration(rule: DurationRule): string {
	if ('values' in rule) return rule.values.length === 1 ? `exactly ${rule.values[0]}` : `one of ${rule.values.join(', ')}`;
	return rule.max === undefined ? `a whole number, at least ${rule.min}` : `a whole number from ${rule.min} to ${rule.max}`;
}

/** A value the user must change: the field as the UI names it, what is wrong, and what is allowed. */
export class RunwayValidationError extends Error {
	constructor(
		readonly field: string,
		message: string,
		readonly hint: string,
	) {
		super(message);
		this.name = 'RunwayValidationError';
	}
}

/** What an item asks for, as read from the node's parameters (expressions can produce anything). */
export interface CreateInput {
	operation: CreateOperation;
	model: unknown;
	prompt?: unknown;
	ratio?: unknown;
	duration?: unknown;
	seed?: unknown;
	publicFigureThreshold?: unknown;
	audio?: unknown;
	negativePrompt?: unknown;
	resolution?: unknown;
	/** Image to video: whether a last frame is given. */
	lastFrame?: boolean;
}

/** The checked values, ready to become a request body. */
export interface CheckedCreate {
	operation: CreateOperation;
	model: string;
	rules: EndpointRules;
	promptText?: string;
	ratio?: string;
	duration?: number;
	seed?: number;
	publicFigureThreshold?: string;
	audio?: boolean;
	negativePrompt?: string;
	resolution?: string;
}

const EXTRA_FIELDS: Record<Extra, string> = {
	seed: 'Seed',
	contentModeration: 'Public Figure Threshold',
	audio: 'Audio',
	negativePrompt: 'Negative Prompt',
	resolution: 'Resolution',
};

/**
 * Checks an item's values against the model's rules. Throws RunwayValidationError for the first value
 * Runway would refuse; returns the values to send otherwise. Empty optional values are left out.
 */
export function checkCreate(input: CreateInput): CheckedCreate {
	const { operation } = input;
	const label = OPERATION_LABELS[operation];
	const models = modelsFor(operation);
	const model = typeof input.model === 'string' ? input.model.trim() : input.model;
	const rules = typeof model === 'string' ? rulesFor(operation, model) : undefined;
	if (typeof model !== 'string' || !rules) {
		const why = model === 'gen4_turbo' && operation === 'textToVideo' ? ' (gen4_turbo needs an image: use Image to Video)' : '';
		throw new RunwayValidationError('Model', `Model "${String(model)}" is not a Runway ${label} model${why}`, `Use one of: ${models.join(', ')}.`);
	}
	const checked: CheckedCreate = { operation, model, rules };
	const where = `${model} ${label}`;

	const prompt = input.prompt === undefined || input.prompt === null ? '' : input.prompt;
	if (typeof prompt !== 'string') {
		throw new RunwayValidationError('Prompt', `The prompt must be text, not ${typeof prompt}`, 'Map a text field into Prompt.');
	}
	if (prompt.trim() === '') {
		if (rules.prompt.required) {
			throw new RunwayValidationError('Prompt', `${where} needs a prompt`, 'Describe the video in Prompt (what moves, how the camera moves).');
		}
	} else {
		if (rules.prompt.max !== undefined && prompt.length > rules.prompt.max) {
			throw new RunwayValidationError(
				'Prompt',
				`The prompt is ${prompt.length} characters; ${model} takes at most ${rules.prompt.max}`,
				`Shorten it to ${rules.prompt.max} characters or fewer (emoji and some symbols count as 2).`,
			);
		}
		checked.promptText = prompt;
	}

	const ratio = typeof input.ratio === 'string' ? input.ratio.trim() : input.ratio;
	if (rules.ratios) {
		if (ratio === undefined || ratio === null || ratio === '') {
			if (rules.ratioRequired) {
				throw new RunwayValidationError('Ratio', `${where} needs a ratio`, `Use one of: ${rules.ratios.join(', ')}.`);
			}
		} else if (typeof ratio !== 'string' || !rules.ratios.includes(ratio)) {
			throw new RunwayValidationError('Ratio', `Ratio "${String(ratio)}" is not available for ${where}`, `Use one of: ${rules.ratios.join(', ')}.`);
		} else {
			checked.ratio = ratio;
		}
	}

	if (input.duration === undefined || input.duration === null || input.duration === '') {
		if (rules.durationRequired) {
			throw new RunwayValidationError('Duration (Seconds)', `${where} needs a duration`, `Use ${describeDuration(rules.duration)} seconds.`);
		}
	} else {
		const duration = typeof input.duration === 'string' && input.duration.trim() !== '' ? Number(input.duration) : input.duration;
		const rule = rules.duration;
		const fits =
			typeof duration === 'number' &&
			Number.isInteger(duration) &&
			('values' in rule ? rule.values.includes(duration) : duration >= rule.min && (rule.max === undefined || duration <= rule.max));
		if (!fits) {
			throw new RunwayValidationError(
				'Duration (Seconds)',
				`Duration ${String(input.duration)} is not available for ${where}`,
				`Use ${describeDuration(rule)} seconds.`,
			);
		}
		checked.duration = duration;
	}

	const offer = (extra: Extra, value: unknown): boolean => {
		if (value === undefined || value === null || value === '') return false;
		if (!rules.extras.includes(extra)) {
			const takes = rules.extras.map((e) => EXTRA_FIELDS[e]);
			throw new RunwayValidationError(
				EXTRA_FIELDS[extra],
				`${EXTRA_FIELDS[extra]} is not accepted by ${where}`,
				takes.length > 0
					? `Remove it from Options; ${model} takes ${takes.join(', ')}.`
					: `Remove it from Options; ${model} takes none of Seed, Audio, Negative Prompt, Public Figure Threshold or Resolution.`,
			);
		}
		return true;
	};

	if (offer('seed', input.seed)) {
		const seed = input.seed;
		if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > SEED_MAX) {
			throw new RunwayValidationError('Seed', `Seed ${String(seed)} is not usable`, `Use a whole number from 0 to ${SEED_MAX}, or remove it for a random seed.`);
		}
		checked.seed = seed;
	}
	if (offer('contentModeration', input.publicFigureThreshold)) {
		const threshold = input.publicFigureThreshold;
		if (typeof threshold !== 'string' || !PUBLIC_FIGURE_THRESHOLDS.includes(threshold)) {
			throw new RunwayValidationError(
				'Public Figure Threshold',
				`Public Figure Threshold "${String(threshold)}" is not a Runway value`,
				`Use one of: ${PUBLIC_FIGURE_THRESHOLDS.join(', ')}.`,
			);
		}
		checked.publicFigureThreshold = threshold;
	}
	if (offer('audio', input.audio)) {
		if (typeof input.audio !== 'boolean') {
			throw new RunwayValidationError('Audio', `Audio must be true or false, not ${JSON.stringify(input.audio)}`, 'Use a boolean.');
		}
		checked.audio = input.audio;
	}
	const negativePrompt = typeof input.negativePrompt === 'string' && input.negativePrompt.trim() === '' ? undefined : input.negativePrompt;
	if (offer('negativePrompt', negativePrompt)) {
		if (typeof negativePrompt !== 'string') {
			throw new RunwayValidationError('Negative Prompt', 'The negative prompt must be text', 'Map a text field into Negative Prompt.');
		}
		checked.negativePrompt = negativePrompt;
	}
	if (offer('resolution', input.resolution)) {
		if (typeof input.resolution !== 'string' || !RESOLUTIONS.includes(input.resolution)) {
			throw new RunwayValidationError('Resolution', `Resolution "${String(input.resolution)}" is not available for ${where}`, `Use one of: ${RESOLUTIONS.join(', ')}.`);
		}
		checked.resolution = input.resolution;
	}

	if (input.lastFrame && !rules.lastFrame) {
		const takers = modelsFor('imageToVideo').filter((m) => RUNWAY_MODELS[m].imageToVideo?.lastFrame);
		throw new RunwayValidationError('Last Frame', `${model} takes no last frame`, `Set Last Frame to None, or use one of: ${takers.join(', ')}.`);
	}
	return checked;
}

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type RequestBody = { [key: string]: JsonValue };

/** The JSON body of POST /v1/image_to_video or /v1/text_to_video. */
export function createBody(checked: CheckedCreate, images?: { first: string; last?: string }): RequestBody {
	const body: RequestBody = { model: checked.model };
	if (checked.operation === 'imageToVideo') {
		if (!images) throw new Error('Image to video needs an image');
		body.promptImage = images.last
			? [
					{ uri: images.first, position: 'first' },
					{ uri: images.last, position: 'last' },
				]
			: images.first;
	}
	if (checked.promptText !== undefined) body.promptText = checked.promptText;
	if (checked.ratio !== undefined) body.ratio = checked.ratio;
	if (checked.duration !== undefined) body.duration = checked.duration;
	if (checked.seed !== undefined) body.seed = checked.seed;
	if (checked.publicFigureThreshold !== undefined) body.contentModeration = { publicFigureThreshold: checked.publicFigureThreshold };
	if (checked.audio !== undefined) body.audio = checked.audio;
	if (checked.negativePrompt !== undefined) body.negativePrompt = checked.negativePrompt;
	if (checked.resolution !== undefined) body.resolution = checked.resolution;
	return body;
}

/**
 * An image given by address: an HTTPS URL on a domain (Runway fetches it itself: no IP addresses, no
 * redirects, at most 2048 characters), a `runway://` upload URI, or an image data URI up to 5 MB.
 * Returns the trimmed value; throws RunwayValidationError naming `field`.
 */
export function checkImageUrl(value: unknown, field: string): string {
	const uri = typeof value === 'string' ? value.trim() : '';
	if (uri === '') throw new RunwayValidationError(field, `${field} is empty`, 'Give an HTTPS URL of a JPEG, PNG or WebP image, or use a binary field instead.');
	if (/^data:/i.test(uri)) {
		if (!/^data:image\/(jpeg|png|webp);base64,/i.test(uri)) {
			throw new RunwayValidationError(field, `${field} is a data URI Runway does not take`, 'Data URIs must start with data:image/jpeg;base64, (or png, webp).');
		}
		if (uri.length > DATA_URI_MAX_CHARS) {
			throw new RunwayValidationError(
				field,
				`${field} is a data URI of ${uri.length} characters, over Runway's 5 MB (${DATA_URI_MAX_CHARS}) limit`,
				'Pass the image as a binary field instead: the node fits it, or uploads it when it is large.',
			);
		}
		return uri;
	}
	if (uri.length > URL_MAX_CHARS) {
		throw new RunwayValidationError(field, `${field} is ${uri.length} characters long; Runway takes at most ${URL_MAX_CHARS}`, 'Use a shorter link, or download the image and pass it as a binary field.');
	}
	let url: URL;
	try {
		url = new URL(uri);
	} catch {
		throw new RunwayValidationError(field, `${field} "${uri.slice(0, 100)}" is not a URL`, 'Give a full address starting with https://.');
	}
	if (url.protocol === 'runway:') return uri;
	if (url.protocol !== 'https:') {
		throw new RunwayValidationError(field, `${field} must be an HTTPS URL (Runway refuses ${url.protocol.replace(':', '')})`, 'Use an https:// link, or download the image and pass it as a binary field.');
	}
	const host = url.hostname.replace(/^\[|\]$/g, '');
	if (/^[\d.]+$/.test(host) || host.includes(':') || !host.includes('.')) {
		throw new RunwayValidationError(field, `${field} must be hosted on a domain, not "${host}"`, 'Runway refuses IP addresses and local names; use a public https:// link.');
	}
	return uri;
}
