/**
 * The JSON body of a create request, from the checked values and the resolved media (URIs). Request
 * building only: every rule lives in models/. Additional Fields are merged last and win. n8n-free.
 */
import type { CheckedCreate, JsonValue } from '../models/check';
import { fieldOf } from '../models/fields';

export type RequestBody = { [key: string]: JsonValue };

/** Where the node's inputs go: already resolved to URIs (HTTPS, runway:// or data URIs). */
export interface CreateMedia {
	/** Image to video: the first frame, and an optional last frame. */
	firstFrame?: string;
	lastFrame?: string;
	/** Video to video and upscale: the input video. */
	video?: string;
	/** Character performance: the character (image or video) and the driving performance video. */
	character?: { type: 'image' | 'video'; uri: string };
	performance?: string;
}

export function createBody(checked: CheckedCreate, media: CreateMedia = {}, additionalFields: RequestBody = {}): RequestBody {
	const body: RequestBody = { model: checked.model };
	if (media.firstFrame !== undefined) {
		body.promptImage = media.lastFrame
			? [
					{ uri: media.firstFrame, position: 'first' },
					{ uri: media.lastFrame, position: 'last' },
				]
			: media.firstFrame;
	}
	if (media.video !== undefined) {
		// Runway names the input video `promptVideo` for some models and `videoUri` for others.
		body[checked.rules?.fields.includes('promptVideo') ? 'promptVideo' : 'videoUri'] = media.video;
	}
	if (media.character) body.character = media.character;
	if (media.performance !== undefined) body.reference = { type: 'video', uri: media.performance };
	for (const [field, value] of Object.entries(checked.values)) {
		// URL lists arrive as URIs (checked values); Runway wants them as objects, typed where the model says so.
		const row = fieldOf(field);
		const isReferenceList = row?.kind === 'urls' && Array.isArray(value) && value.every((uri) => typeof uri === 'string');
		// A custom model id has no rules: the usual shape.
		const type = checked.rules ? checked.rules.nested?.[`${field}.type`]?.[0] : row?.objectType;
		body[field] = isReferenceList ? (value as string[]).map((uri): JsonValue => (type ? { type, uri } : { uri })) : value;
	}
	return { ...body, ...additionalFields };
}
