/**
 * The vocabulary of the model table: the same words test/contract/runwayContract.ts reads from Runway's SDK, so
 * the contract test can compare the two field by field. n8n-free.
 */

/** What a file given by URL (or a list of them) holds. */
export type MediaKind = 'image' | 'video' | 'audio';

/** The create endpoints, as the node's operations name them. */
export type Endpoint =
	'imageToVideo' | 'textToVideo' | 'videoToVideo' | 'upscaleVideo' | 'characterPerformance' | 'videoToHdr' | 'avatarVideo';

export const ENDPOINT_PATHS: Record<Endpoint, string> = {
	imageToVideo: 'image_to_video',
	textToVideo: 'text_to_video',
	videoToVideo: 'video_to_video',
	upscaleVideo: 'video_upscale',
	characterPerformance: 'character_performance',
	videoToHdr: 'video_to_hdr',
	avatarVideo: 'avatar_videos',
};

export const ENDPOINT_LABELS: Record<Endpoint, string> = {
	imageToVideo: 'image to video',
	textToVideo: 'text to video',
	videoToVideo: 'video to video',
	upscaleVideo: 'upscale video',
	characterPerformance: 'character performance',
	videoToHdr: 'video to HDR',
	avatarVideo: 'avatar video',
};

/**
 * Whole seconds: a range (bounds only where Runway documents them), or the only values allowed; `auto`: the
 * string "auto" (the model chooses) is allowed too.
 */
export interface DurationRule {
	values?: readonly number[];
	min?: number;
	max?: number;
	auto: boolean;
}

/**
 * How promptImage places images: `first` (one first frame), `firstAndLast` (a first frame, optionally a last
 * one), `keyframesOrReferences` (first/last keyframes, or reference images without a position, not mixed).
 */
export type Positions = 'first' | 'firstAndLast' | 'keyframesOrReferences';

export interface ModelRules {
	/** Every request field the model takes besides `model`. */
	fields: readonly string[];
	required: readonly string[];
	/** The values of enumerated fields (ratio, resolution, outputFormat...), deprecated ones included. */
	enums: Readonly<Record<string, readonly string[]>>;
	/** Values Runway still takes but has deprecated: accepted from expressions, not offered in lists. */
	deprecated?: Readonly<Record<string, readonly string[]>>;
	duration?: DurationRule;
	/** promptText's maximum length in UTF-16 code units, where Runway documents one. */
	promptMax?: number;
	/** Image to video only. */
	positions?: Positions;
	/** Numeric fields with a documented range. */
	ranges?: Readonly<Record<string, { min: number; max: number }>>;
	/** Enumerated values inside object fields the node builds, by dotted path (`avatar.presetId`). */
	nested?: Readonly<Record<string, readonly string[]>>;
}

export interface ModelInfo {
	/** What the model picker shows. */
	name: string;
	/** Said after the generated text under every operation: nothing the rules tell (durations, sizes, inputs). */
	note?: string;
}
