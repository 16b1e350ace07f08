/**
 * The OpenAI Videos API (Sora) create contract as plain data: models, sizes per model, durations,
 * defaults and limits (api-contracts.md Part A, §A.3). The fake enforces it; tests may read it.
 */

/** Sizes `sora-2` (and its snapshots) accepts. */
export const SORA_2_SIZES: readonly string[] = ['720x1280', '1280x720'];

/** Sizes `sora-2-pro` (and its snapshot) accepts: the spec's four plus the guide's 1080p pair. */
export const SORA_2_PRO_SIZES: readonly string[] = ['720x1280', '1280x720', '1024x1792', '1792x1024', '1920x1080', '1080x1920'];

/** Every documented size; a gateway's extra models accept any of these. */
export const SORA_ALL_SIZES: readonly string[] = SORA_2_PRO_SIZES;

/** Model id -> the sizes it accepts. */
export const SORA_MODELS: Readonly<Record<string, readonly string[]>> = {
	'sora-2': SORA_2_SIZES,
	'sora-2-2025-10-06': SORA_2_SIZES,
	'sora-2-2025-12-08': SORA_2_SIZES,
	'sora-2-pro': SORA_2_PRO_SIZES,
	'sora-2-pro-2025-10-06': SORA_2_PRO_SIZES,
};

/** `seconds` values in the spec and SDK enums (a string, never a number). */
export const SORA_SECONDS: readonly string[] = ['4', '8', '12'];

/** The extra `seconds` values of the March 2026 guide and OpenAI's skill (both models). */
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
	listLimitMin: 0,
	listLimitMax: 100,
	listLimitDefault: 20,
} as const;

/** Fields `POST /videos` accepts (`characters` is documented in the guide only; JSON only here). */
export const SORA_CREATE_FIELDS: readonly string[] = ['prompt', 'model', 'seconds', 'size', 'input_reference', 'characters'];

/** `GET /videos/{id}/content?variant=` values and the content type each is served with. */
export const SORA_CONTENT_VARIANTS: Readonly<Record<string, string>> = {
	video: 'video/mp4',
	thumbnail: 'image/webp',
	spritesheet: 'image/jpeg',
};
