/**
 * The OpenAI Videos API (Sora) contract as plain data, following the pinned `openai` SDK's types
 * (openai/resources/videos.d.ts; test/contract/sora.test.ts holds this file to them). The fake enforces it;
 * tests may read it. What OpenAI's guide adds beyond the SDK (1080p for sora-2-pro, 16 and 20 seconds) is
 * accepted only when a test asks for a server that takes it.
 */

/** Sizes `sora-2` (and its snapshots) accepts: 720p only, per OpenAI's guide. */
export const SORA_2_SIZES: readonly string[] = ['720x1280', '1280x720'];

/** Sizes `sora-2-pro` (and its snapshot) accepts: the SDK's `VideoSize`. */
export const SORA_2_PRO_SIZES: readonly string[] = ['720x1280', '1280x720', '1024x1792', '1792x1024'];

/** The SDK's `VideoSize`; a gateway's extra models accept any of these. */
export const SORA_ALL_SIZES: readonly string[] = SORA_2_PRO_SIZES;

/** 1080p, which OpenAI's guide (not its SDK) lists for sora-2-pro; accepted with `allowGuideSizes`. */
export const SORA_GUIDE_SIZES: readonly string[] = ['1920x1080', '1080x1920'];

/** Model id -> the sizes it accepts: the SDK's `VideoModel` literals. */
export const SORA_MODELS: Readonly<Record<string, readonly string[]>> = {
	'sora-2': SORA_2_SIZES,
	'sora-2-2025-10-06': SORA_2_SIZES,
	'sora-2-2025-12-08': SORA_2_SIZES,
	'sora-2-pro': SORA_2_PRO_SIZES,
	'sora-2-pro-2025-10-06': SORA_2_PRO_SIZES,
};

/** `seconds` values of the SDK's `VideoSeconds` (a string, never a number). */
export const SORA_SECONDS: readonly string[] = ['4', '8', '12'];

/** The extra `seconds` values of OpenAI's guide (both models); accepted with `allowLongSeconds`. */
export const SORA_LONG_SECONDS: readonly string[] = ['16', '20'];

export const SORA_DEFAULTS = {
	model: 'sora-2',
	size: '720x1280',
	seconds: '4',
} as const;

export const SORA_LIMITS = {
	promptMinChars: 1,
	promptMaxChars: 32000,
	/** Longest `input_reference.image_url` (https or data: URL), in characters. */
	imageUrlMaxChars: 20971520,
	/** Content types an `input_reference` file part may carry. */
	inputReferenceTypes: ['image/jpeg', 'image/png', 'image/webp'] as readonly string[],
	/** Content types a `video` file part (edit, extend, character) may carry. */
	videoTypes: ['video/mp4', 'video/quicktime', 'video/webm'] as readonly string[],
	characterNameMinChars: 1,
	characterNameMaxChars: 80,
	listLimitMin: 0,
	listLimitMax: 100,
	listLimitDefault: 20,
} as const;

/** The body fields of each request that has one (`VideoCreateParams`, `VideoEditParams`, ...). */
export const SORA_CREATE_FIELDS: readonly string[] = ['prompt', 'model', 'seconds', 'size', 'input_reference'];
export const SORA_EDIT_FIELDS: readonly string[] = ['prompt', 'video'];
export const SORA_EXTEND_FIELDS: readonly string[] = ['prompt', 'seconds', 'video'];
export const SORA_CHARACTER_FIELDS: readonly string[] = ['name', 'video'];
export const SORA_REMIX_FIELDS: readonly string[] = ['prompt'];
/** The fields of `input_reference` as an object (`ImageInputReferenceParam`) and of `video` by id. */
export const SORA_INPUT_REFERENCE_FIELDS: readonly string[] = ['image_url', 'file_id'];
export const SORA_VIDEO_REFERENCE_FIELDS: readonly string[] = ['id'];

/** Status values of the `Video` object. */
export const SORA_STATUSES: readonly string[] = ['queued', 'in_progress', 'completed', 'failed'];

/** `GET /videos/{id}/content?variant=` values and the content type each is served with. */
export const SORA_CONTENT_VARIANTS: Readonly<Record<string, string>> = {
	video: 'video/mp4',
	thumbnail: 'image/webp',
	spritesheet: 'image/jpeg',
};

/**
 * The routes the fake serves, as `METHOD path` with `{param}` placeholders (the SDK's Videos methods, plus
 * `GET /models`, the model list gateways serve and the node's model picker reads).
 */
export const SORA_ROUTES: readonly string[] = [
	'POST /videos',
	'GET /videos/{video_id}',
	'GET /videos',
	'DELETE /videos/{video_id}',
	'POST /videos/characters',
	'GET /videos/{video_id}/content',
	'POST /videos/edits',
	'POST /videos/extensions',
	'GET /videos/characters/{character_id}',
	'POST /videos/{video_id}/remix',
];
