/**
 * The Runway create contract as plain data (api-contracts.md Part B, §B.3 and §B.4, checked against
 * `runwayml/sdk-node` 4.12.0): per model and endpoint, the required and accepted fields, ratios,
 * durations and promptText limits, plus the credit prices the fake charges. The fake enforces it;
 * tests may read it. No logic lives here.
 */

export const RUNWAY_API_VERSION = '2024-11-06';

export const RUNWAY_LIMITS = {
	/** A data URI for an image, counted on the whole encoded string (5 MB). */
	imageDataUriChars: 5 * 1024 * 1024,
	/** An ephemeral upload's file (200 MB). */
	uploadBytes: 200 * 1024 * 1024,
	/** An asset URL's length. */
	urlChars: 2048,
	seedMax: 4294967295,
	/** seedance `references[]` (text_to_video) and reference images in `promptImage`. */
	maxReferenceImages: 9,
} as const;

/** Media types a data URI for an image may state. */
export const RUNWAY_IMAGE_MEDIA_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp'];

/** `{ min, max }` for an integer range (max absent: no documented maximum), or the allowed values. */
export type RunwayDurationRule = { min: number; max?: number } | { values: readonly number[] };

/**
 * Where images may go in `promptImage`:
 * - `first`: one image, position `first` (a plain string means `first`);
 * - `firstAndLast`: `first`, optionally with `last` (never `last` alone);
 * - `keyframesOrReferences`: `first`/`last` keyframes, or reference images without a position; not mixed.
 */
export type RunwayPromptImagePositions = 'first' | 'firstAndLast' | 'keyframesOrReferences';

export interface RunwayInputSpec {
	/** Fields a request must carry (besides `model`). */
	required: readonly string[];
	/** Every field the model accepts (besides `model`); the fake rejects any other. */
	fields: readonly string[];
	/** Accepted `ratio` values; absent when the model takes no `ratio`. */
	ratios?: readonly string[];
	duration?: RunwayDurationRule;
	/** promptText length in UTF-16 code units; `max` absent: no documented maximum. */
	promptText: { min: number; max?: number };
	/** image_to_video only. */
	positions?: RunwayPromptImagePositions;
	/** Other string fields with a fixed set of values. */
	enums?: Readonly<Record<string, readonly string[]>>;
}

export interface RunwayModel {
	imageToVideo?: RunwayInputSpec;
	textToVideo?: RunwayInputSpec;
	/** Credits per second of output (Runway: 1 credit = US$0.01); with `audio: true`, `creditsPerSecondWithAudio`. */
	creditsPerSecond: number;
	creditsPerSecondWithAudio?: number;
	/** The duration charged when a request leaves `duration` out. */
	defaultDuration: number;
}

export const GEN4_TURBO_RATIOS: readonly string[] = ['1280:720', '720:1280', '1104:832', '832:1104', '960:960', '1584:672'];
export const GEN4_5_RATIOS: readonly string[] = ['1280:720', '720:1280', '1104:832', '960:960', '832:1104', '1584:672'];
export const GEN4_5_TEXT_RATIOS: readonly string[] = ['1280:720', '720:1280'];
export const VEO_RATIOS: readonly string[] = ['1280:720', '720:1280', '1080:1920', '1920:1080'];
export const HAPPYHORSE_TEXT_RATIOS: readonly string[] = [
	'1280:720', '720:1280', '960:960', '1108:832', '832:1108', '1920:1080', '1080:1920', '1440:1440', '1662:1248', '1248:1662',
];
/** seedance2: 480p to 4K. */
export const SEEDANCE_RATIOS: readonly string[] = [
	'992:432', '864:496', '752:560', '640:640', '560:752', '496:864',
	'1470:630', '1280:720', '1112:834', '960:960', '834:1112', '720:1280',
	'2206:946', '1920:1080', '1664:1248', '1440:1440', '1248:1664', '1080:1920',
	'3840:1646', '3840:2160', '3840:2880', '3840:3840', '2880:3840', '2160:3840',
];
/** seedance2_fast and seedance2_mini: 480p and 720p only (the first 12 of SEEDANCE_RATIOS). */
export const SEEDANCE_FAST_RATIOS: readonly string[] = SEEDANCE_RATIOS.slice(0, 12);
export const GEMINI_RATIOS: readonly string[] = ['1280:720', '720:1280'];

const gen4Image = (required: readonly string[], ratios: readonly string[]): RunwayInputSpec => ({
	required,
	fields: ['promptImage', 'promptText', 'ratio', 'duration', 'seed', 'contentModeration'],
	ratios,
	duration: { min: 2, max: 10 },
	promptText: { min: 1, max: 1000 },
	positions: 'first',
});

const veo31Image: RunwayInputSpec = {
	required: ['promptImage', 'ratio'],
	fields: ['promptImage', 'ratio', 'audio', 'duration', 'negativePrompt', 'promptText'],
	ratios: VEO_RATIOS,
	duration: { values: [4, 6, 8] },
	promptText: { min: 1, max: 1000 },
	positions: 'firstAndLast',
};

const veo31Text: RunwayInputSpec = {
	required: ['promptText', 'ratio'],
	fields: ['promptText', 'ratio', 'audio', 'duration', 'negativePrompt'],
	ratios: VEO_RATIOS,
	duration: { values: [4, 6, 8] },
	promptText: { min: 1, max: 1000 },
};

const seedanceImage = (ratios: readonly string[]): RunwayInputSpec => ({
	required: ['promptImage'],
	fields: ['promptImage', 'audio', 'duration', 'promptText', 'ratio', 'referenceAudio'],
	ratios,
	duration: { min: 1 },
	promptText: { min: 1, max: 3500 },
	positions: 'keyframesOrReferences',
});

const seedanceText = (ratios: readonly string[]): RunwayInputSpec => ({
	required: ['promptText'],
	fields: ['promptText', 'audio', 'duration', 'ratio', 'referenceAudio', 'references', 'referenceVideos'],
	ratios,
	duration: { min: 1 },
	promptText: { min: 1, max: 3500 },
});

export const RUNWAY_MODELS: Readonly<Record<string, RunwayModel>> = {
	gen4_turbo: {
		imageToVideo: gen4Image(['promptImage', 'ratio'], GEN4_TURBO_RATIOS),
		creditsPerSecond: 5,
		defaultDuration: 10,
	},
	'gen4.5': {
		imageToVideo: gen4Image(['promptImage', 'promptText', 'ratio', 'duration'], GEN4_5_RATIOS),
		textToVideo: {
			required: ['promptText', 'ratio', 'duration'],
			fields: ['promptText', 'ratio', 'duration', 'seed', 'contentModeration'],
			ratios: GEN4_5_TEXT_RATIOS,
			duration: { min: 2, max: 10 },
			promptText: { min: 1, max: 1000 },
		},
		creditsPerSecond: 12,
		defaultDuration: 5,
	},
	veo3: {
		imageToVideo: {
			required: ['promptImage', 'ratio', 'duration'],
			fields: ['promptImage', 'ratio', 'duration', 'negativePrompt', 'promptText'],
			ratios: VEO_RATIOS,
			duration: { values: [8] },
			promptText: { min: 1, max: 1000 },
			positions: 'first',
		},
		textToVideo: {
			required: ['promptText', 'ratio', 'duration'],
			fields: ['promptText', 'ratio', 'duration', 'negativePrompt'],
			ratios: VEO_RATIOS,
			duration: { values: [8] },
			promptText: { min: 1, max: 1000 },
		},
		creditsPerSecond: 40,
		defaultDuration: 8,
	},
	'veo3.1': { imageToVideo: veo31Image, textToVideo: veo31Text, creditsPerSecond: 20, creditsPerSecondWithAudio: 40, defaultDuration: 8 },
	'veo3.1_fast': { imageToVideo: veo31Image, textToVideo: veo31Text, creditsPerSecond: 10, creditsPerSecondWithAudio: 15, defaultDuration: 8 },
	happyhorse_1_0: {
		imageToVideo: {
			required: ['promptImage'],
			fields: ['promptImage', 'duration', 'promptText', 'resolution'],
			duration: { min: 1 },
			promptText: { min: 0, max: 2500 },
			positions: 'first',
			enums: { resolution: ['720P', '1080P'] },
		},
		textToVideo: {
			required: ['promptText'],
			fields: ['promptText', 'duration', 'ratio'],
			ratios: HAPPYHORSE_TEXT_RATIOS,
			duration: { min: 1 },
			promptText: { min: 1, max: 2500 },
		},
		creditsPerSecond: 10,
		defaultDuration: 5,
	},
	seedance2: { imageToVideo: seedanceImage(SEEDANCE_RATIOS), textToVideo: seedanceText(SEEDANCE_RATIOS), creditsPerSecond: 20, defaultDuration: 5 },
	seedance2_fast: {
		imageToVideo: seedanceImage(SEEDANCE_FAST_RATIOS),
		textToVideo: seedanceText(SEEDANCE_FAST_RATIOS),
		creditsPerSecond: 10,
		defaultDuration: 5,
	},
	seedance2_mini: {
		imageToVideo: seedanceImage(SEEDANCE_FAST_RATIOS),
		textToVideo: seedanceText(SEEDANCE_FAST_RATIOS),
		creditsPerSecond: 5,
		defaultDuration: 5,
	},
	gemini_omni_flash: {
		imageToVideo: {
			required: ['promptImage'],
			fields: ['promptImage', 'duration', 'promptText', 'ratio'],
			ratios: GEMINI_RATIOS,
			duration: { min: 3, max: 10 },
			promptText: { min: 1 },
			positions: 'first',
		},
		textToVideo: {
			required: ['promptText'],
			fields: ['promptText', 'duration', 'ratio'],
			ratios: GEMINI_RATIOS,
			duration: { min: 3, max: 10 },
			promptText: { min: 1 },
		},
		creditsPerSecond: 10,
		defaultDuration: 8,
	},
};
