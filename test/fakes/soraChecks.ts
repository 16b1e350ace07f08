/**
 * What the fake Sora refuses in a request body, and with which error: each field against the `openai` SDK's video
 * types (soraModels.ts) and the API's observed limits. Each check returns the value the fake keeps or throws an ApiError.
 */
import sharp from 'sharp';

import { DEFAULT_VIDEO_SIZE, videoFacts } from './common/video';
import { ApiError, echo, missing, quoteList } from './soraErrors';
import { FilePart, isFormObject, type ParsedBody } from './soraForm';
import {
	SORA_ALL_SIZES,
	SORA_CONTENT_VARIANTS,
	SORA_DEFAULTS,
	SORA_GUIDE_SIZES,
	SORA_INPUT_REFERENCE_FIELDS,
	SORA_LIMITS,
	SORA_LONG_SECONDS,
	SORA_MODELS,
	SORA_SECONDS,
	SORA_VIDEO_REFERENCE_FIELDS,
} from './soraModels';
import type { FakeSoraOptions, SoraInputReference, SoraReceivedFile } from './soraTypes';

/** Every field is one the request takes. */
export function checkKnownFields(body: ParsedBody, known: readonly string[]): void {
	for (const key of body.fields.keys()) {
		if (!known.includes(key)) throw new ApiError(400, `Unknown parameter: '${echo(key)}'.`, 'unknown_parameter', key);
	}
}

export function checkPrompt(value: unknown): string {
	if (value === undefined) {
		throw new ApiError(400, "Missing required parameter: 'prompt'.", 'missing_required_parameter', 'prompt');
	}
	if (typeof value !== 'string') {
		throw typeError('prompt', 'a string', value);
	}
	const length = [...value].length;
	if (length < SORA_LIMITS.promptMinChars) {
		throw new ApiError(
			400,
			`Invalid 'prompt': string too short. Expected a string with minimum length ${SORA_LIMITS.promptMinChars}, but got an empty string instead.`,
			'string_below_min_length',
			'prompt',
		);
	}
	if (length > SORA_LIMITS.promptMaxChars) {
		throw new ApiError(
			400,
			`Invalid 'prompt': string too long. Expected a string with maximum length ${SORA_LIMITS.promptMaxChars}, but got a string with length ${length} instead.`,
			'string_above_max_length',
			'prompt',
		);
	}
	return value;
}

/** `model`: one the server routes (default SORA_DEFAULTS.model). */
export function checkModel(value: unknown, options: FakeSoraOptions): string {
	if (value === undefined) return SORA_DEFAULTS.model;
	if (typeof value !== 'string') {
		throw typeError('model', 'a string', value);
	}
	if (!modelSizes(value, options)) {
		throw new ApiError(400, `The model '${echo(value)}' does not exist or you do not have access to it.`, 'model_not_found', 'model');
	}
	return value;
}

/** The sizes a model takes, or undefined for a model the server does not know (a gateway's extraModels take all). */
export function modelSizes(model: string, options: FakeSoraOptions): readonly string[] | undefined {
	if (Object.prototype.hasOwnProperty.call(SORA_MODELS, model)) return SORA_MODELS[model];
	return options.extraModels?.includes(model) ? SORA_ALL_SIZES : undefined;
}

/** `size`: a documented size (the guide's too, if allowed) that the model takes. */
export function checkSize(value: unknown, model: string, options: FakeSoraOptions): string {
	if (value === undefined) return SORA_DEFAULTS.size;
	if (typeof value !== 'string') {
		throw typeError('size', 'a string', value);
	}
	const guide = options.allowGuideSizes ? SORA_GUIDE_SIZES : [];
	if (!SORA_ALL_SIZES.includes(value) && !guide.includes(value)) {
		throw new ApiError(
			400,
			`Invalid value: '${echo(value)}'. Supported values are: ${quoteList(SORA_ALL_SIZES)}.`,
			'invalid_value',
			'size',
		);
	}
	const known = modelSizes(model, options) ?? [];
	// The guide's 1080p goes with the models that take 1792x1024 (sora-2-pro, a gateway's extra models).
	const sizes = known.includes('1792x1024') ? [...known, ...guide] : known;
	if (!sizes.includes(value)) {
		throw new ApiError(
			400,
			`Model does not support this size: '${value}'. Supported sizes for '${model}' are: ${quoteList(sizes)}.`,
			'invalid_value',
			'size',
		);
	}
	return value;
}

/** `seconds`: a string from the SDK's enum (the guide's longer ones too, if allowed). */
export function checkSeconds(value: unknown, options: FakeSoraOptions): string {
	if (value === undefined) return SORA_DEFAULTS.seconds;
	// The messages quote the spec's enum (4, 8, 12) whatever else a server accepts.
	if (typeof value !== 'string') {
		throw new ApiError(
			400,
			`Invalid type for 'seconds': expected one of ${quoteList(SORA_SECONDS, 'or')}, but got ${describe(value)} instead.`,
			'invalid_type',
			'seconds',
		);
	}
	const allowed = options.allowLongSeconds ? [...SORA_SECONDS, ...SORA_LONG_SECONDS] : SORA_SECONDS;
	if (!allowed.includes(value)) {
		throw new ApiError(
			400,
			`Invalid value: '${echo(value)}'. Supported values are: ${quoteList(SORA_SECONDS)}.`,
			'invalid_value',
			'seconds',
		);
	}
	return value;
}

/** `input_reference`: a file part in multipart, else `{image_url}` or `{file_id}`; an image must match `size` exactly. */
export async function checkInputReference(value: unknown, encoding: 'json' | 'multipart', size: string): Promise<SoraInputReference> {
	if (encoding === 'multipart' && !isFormObject(value)) {
		if (!(value instanceof FilePart) || value.contentType === undefined) {
			throw new ApiError(
				400,
				"Invalid type for 'input_reference': expected a file, but got a string instead.",
				'invalid_type',
				'input_reference',
			);
		}
		const mime = value.contentType.split(';')[0].trim().toLowerCase();
		if (!SORA_LIMITS.inputReferenceTypes.includes(mime)) {
			throw new ApiError(
				400,
				`Invalid file 'input_reference': unsupported mimetype ('${echo(mime)}'). Supported file formats are ${quoteList(SORA_LIMITS.inputReferenceTypes)}.`,
				'unsupported_file_mimetype',
				'input_reference',
			);
		}
		const image = await checkImage(value.data, size, 'input_reference');
		return { source: 'file', filename: value.filename, contentType: value.contentType, ...image };
	}

	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw typeError('input_reference', 'an object', value);
	}
	const reference = value as Record<string, unknown>;
	for (const key of Object.keys(reference)) {
		if (!SORA_INPUT_REFERENCE_FIELDS.includes(key)) {
			throw new ApiError(400, `Unknown parameter: 'input_reference.${echo(key)}'.`, 'unknown_parameter', `input_reference.${key}`);
		}
	}
	const hasUrl = reference.image_url !== undefined;
	const hasFile = reference.file_id !== undefined;
	if (hasUrl === hasFile) {
		throw new ApiError(
			400,
			"Invalid 'input_reference': expected exactly one of 'image_url' or 'file_id'.",
			'invalid_value',
			'input_reference',
		);
	}
	if (hasFile) {
		const fileId = reference.file_id;
		if (typeof fileId !== 'string' || fileId === '') {
			throw typeError('input_reference.file_id', 'a non-empty string', fileId);
		}
		return { source: 'file_id', fileId };
	}
	const url = reference.image_url;
	const param = 'input_reference.image_url';
	if (typeof url !== 'string') {
		throw typeError(param, 'a string', url);
	}
	if (url.length > SORA_LIMITS.imageUrlMaxChars) {
		throw new ApiError(
			400,
			`Invalid '${param}': string too long. Expected a string with maximum length ${SORA_LIMITS.imageUrlMaxChars}, but got a string with length ${url.length} instead.`,
			'string_above_max_length',
			param,
		);
	}
	if (/^https:\/\//i.test(url)) {
		try {
			new URL(url);
		} catch {
			throw new ApiError(400, `Invalid '${param}': not a valid URL.`, 'invalid_value', param);
		}
		return { source: 'image_url', url };
	}
	const data = /^data:([^;,]+)((?:;[^;,]*)*),(.*)$/s.exec(url);
	const mime = data?.[1].trim().toLowerCase() ?? '';
	const base64 = data?.[3] ?? '';
	if (
		!data ||
		!SORA_LIMITS.inputReferenceTypes.includes(mime) ||
		!data[2].toLowerCase().split(';').includes('base64') ||
		!/^[A-Za-z0-9+/]+={0,2}$/.test(base64) ||
		base64.length % 4 !== 0
	) {
		throw new ApiError(
			400,
			`Invalid '${param}': expected an https URL or a base64 data URL of an image (${SORA_LIMITS.inputReferenceTypes.join(', ')}).`,
			'invalid_value',
			param,
		);
	}
	const image = await checkImage(Buffer.from(base64, 'base64'), size, param);
	return { source: 'data_url', contentType: mime, ...image };
}

/** Decode the image fully, then hold it to the requested size. */
async function checkImage(
	data: Buffer,
	size: string,
	param: string,
): Promise<Pick<SoraInputReference, 'width' | 'height' | 'format' | 'bytes' | 'orientation'>> {
	let metadata: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
	try {
		metadata = await sharp(data).metadata();
		await sharp(data, { failOn: 'error' }).raw().toBuffer();
	} catch {
		throw new ApiError(400, `Invalid image for '${param}': the image could not be decoded.`, 'invalid_image', param);
	}
	const format = String(metadata.format);
	if (!['jpeg', 'png', 'webp'].includes(format)) {
		throw new ApiError(
			400,
			`Invalid image for '${param}': unsupported image format '${format}'. Supported formats are jpeg, png and webp.`,
			'invalid_image_format',
			param,
		);
	}
	const [width, height] = size.split('x').map(Number);
	if (metadata.width !== width || metadata.height !== height) {
		throw new ApiError(400, 'Inpaint image must match the requested width and height', 'invalid_value', 'input_reference');
	}
	const image: Pick<SoraInputReference, 'width' | 'height' | 'format' | 'bytes' | 'orientation'> = {
		width: metadata.width,
		height: metadata.height,
		format,
		bytes: data.length,
	};
	if (metadata.orientation !== undefined) image.orientation = metadata.orientation;
	return image;
}

/**
 * `video`: an uploaded file part, or a reference `{id}` (JSON, or `video[id]` in multipart as the SDK sends it).
 * An upload comes back with `input`, the size and seconds of the video read from its MP4; a reference with its id.
 */
export function checkVideoInput(value: unknown): { upload: SoraReceivedFile; input: { size: string; seconds: number } } | { id: string } {
	if (value === undefined) throw missing('video');
	if (value instanceof FilePart) {
		const upload = checkVideoFile(value, 'video');
		const facts = videoFacts(value.data);
		const { width, height } = facts ?? DEFAULT_VIDEO_SIZE;
		return {
			upload,
			input: { size: `${width}x${height}`, seconds: Math.max(1, Math.round(facts?.seconds ?? Number(SORA_DEFAULTS.seconds))) },
		};
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new ApiError(
			400,
			"Invalid type for 'video': expected a file or an object with an 'id', but got " + describe(value) + ' instead.',
			'invalid_type',
			'video',
		);
	}
	const reference = value as Record<string, unknown>;
	for (const key of Object.keys(reference)) {
		if (!SORA_VIDEO_REFERENCE_FIELDS.includes(key)) {
			throw new ApiError(400, `Unknown parameter: 'video.${echo(key)}'.`, 'unknown_parameter', `video.${key}`);
		}
	}
	if (typeof reference.id !== 'string' || reference.id === '') throw typeError('video.id', 'a non-empty string', reference.id);
	return { id: reference.id };
}

/** A video file part: a file name, a video content type, and an MP4/MOV (`ftyp`) or WebM header. */
function checkVideoFile(file: FilePart, param: string): SoraReceivedFile {
	const mime = (file.contentType ?? '').split(';')[0].trim().toLowerCase();
	if (!SORA_LIMITS.videoTypes.includes(mime)) {
		throw new ApiError(
			400,
			`Invalid file '${param}': unsupported mimetype ('${echo(mime || 'none')}'). Supported file formats are ${quoteList(SORA_LIMITS.videoTypes)}.`,
			'unsupported_file_mimetype',
			param,
		);
	}
	const isoMedia = file.data.subarray(4, 8).toString('latin1') === 'ftyp';
	const webm = file.data.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]));
	if (!isoMedia && !webm) {
		throw new ApiError(400, `Invalid file '${param}': the video could not be decoded.`, 'invalid_video', param);
	}
	return { filename: file.filename, contentType: file.contentType, bytes: file.data.length };
}

/** A character's `name` (its length within SORA_LIMITS) and its `video` file. */
export function checkCharacter(body: ParsedBody): { name: string; video: SoraReceivedFile } {
	const name = body.fields.get('name');
	if (name === undefined) throw missing('name');
	if (typeof name !== 'string') throw typeError('name', 'a string', name);
	const length = [...name].length;
	if (length < SORA_LIMITS.characterNameMinChars || length > SORA_LIMITS.characterNameMaxChars) {
		throw new ApiError(
			400,
			`Invalid 'name': expected a string of ${SORA_LIMITS.characterNameMinChars} to ${SORA_LIMITS.characterNameMaxChars} characters, but got ${length}.`,
			length === 0 ? 'string_below_min_length' : 'string_above_max_length',
			'name',
		);
	}
	const video = body.fields.get('video');
	if (video === undefined) throw missing('video');
	if (!(video instanceof FilePart)) {
		throw new ApiError(400, `Invalid type for 'video': expected a file, but got ${describe(video)} instead.`, 'invalid_type', 'video');
	}
	return { name, video: checkVideoFile(video, 'video') };
}

/** List's `limit` (within SORA_LIMITS) and `order` ('asc' or 'desc', default 'desc'). */
export function checkListQuery(query: URLSearchParams): { limit: number; order: 'asc' | 'desc' } {
	const limitText = query.get('limit');
	let limit: number = SORA_LIMITS.listLimitDefault;
	if (limitText !== null) {
		if (!/^-?\d+$/.test(limitText)) {
			throw new ApiError(400, `Invalid type for 'limit': expected an integer, but got a string instead.`, 'invalid_type', 'limit');
		}
		limit = Number(limitText);
		if (limit < SORA_LIMITS.listLimitMin) {
			throw new ApiError(
				400,
				`Invalid 'limit': integer below minimum value. Expected a value >= ${SORA_LIMITS.listLimitMin}, but got ${limit} instead.`,
				'integer_below_min_value',
				'limit',
			);
		}
		if (limit > SORA_LIMITS.listLimitMax) {
			throw new ApiError(
				400,
				`Invalid 'limit': integer above maximum value. Expected a value <= ${SORA_LIMITS.listLimitMax}, but got ${limit} instead.`,
				'integer_above_max_value',
				'limit',
			);
		}
	}
	const order = query.get('order') ?? 'desc';
	if (order !== 'asc' && order !== 'desc') {
		throw new ApiError(400, `Invalid value: '${echo(order)}'. Supported values are: 'asc' and 'desc'.`, 'invalid_value', 'order');
	}
	return { limit, order };
}

/** Download's `variant`: the video (default), its thumbnail or its spritesheet. */
export function checkVariant(query: URLSearchParams): string {
	const variant = query.get('variant') ?? 'video';
	if (!Object.prototype.hasOwnProperty.call(SORA_CONTENT_VARIANTS, variant)) {
		throw new ApiError(
			400,
			`Invalid value: '${echo(variant)}'. Supported values are: ${quoteList(Object.keys(SORA_CONTENT_VARIANTS))}.`,
			'invalid_value',
			'variant',
		);
	}
	return variant;
}

/** OpenAI's wrong-type error for `param`. */
export function typeError(param: string, expected: string, value: unknown): ApiError {
	return new ApiError(400, `Invalid type for '${param}': expected ${expected}, but got ${describe(value)} instead.`, 'invalid_type', param);
}

/** "an integer", "a string"... as OpenAI's type errors put it. */
export function describe(value: unknown): string {
	if (value === null) return 'null';
	if (value instanceof FilePart) return 'a file';
	if (Array.isArray(value)) return 'an array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
	if (typeof value === 'object') return 'an object';
	return `a ${typeof value}`;
}
