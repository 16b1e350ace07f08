/**
 * The request bodies of the Videos API, built from plain values. Field names and shapes follow the SDK's params
 * types; test/contract/sora.test.ts checks them against the pinned SDK, at run time and at compile time.
 * The encoding follows OpenAI's spec rather than the SDK's habit: JSON whenever no file is sent (the spec's
 * CreateVideoJsonBody, CreateVideoEditJsonBody, CreateVideoExtendJsonBody, and remix), multipart only with a file.
 * The SDK sends create, edit and extend as multipart even without a file, with objects as bracket keys
 * (`video[id]`), which a server that reads the spec refuses and a gateway may forward as flat keys.
 */
import type { IDataObject } from 'n8n-workflow';

import { buildMultipart } from '../../shared/http/multipart';
import type { MultipartPart } from '../../shared/http/multipart';

/** A file to upload: a multipart file part with a name and a content type (the API reads a part without them as text). */
export interface FileUpload {
	data: Buffer;
	fileName: string;
	contentType: string;
}

/** `input_reference`: an image file, or the SDK's `ImageInputReferenceParam` with exactly one of its fields. */
export type InputReference = FileUpload | { image_url: string } | { file_id: string };

/** `video` of an edit or extension: a completed video by id (`VideoReferenceInputParam`), or a video file. */
export type VideoInput = FileUpload | { id: string };

export type FormValue = string | FileUpload | { [key: string]: string };

export function isFileUpload(value: unknown): value is FileUpload {
	return typeof value === 'object' && value !== null && Buffer.isBuffer((value as FileUpload).data);
}

/** `POST /videos` (`VideoCreateParams`). Generic so that a body built from literals keeps their types. */
export function createForm<const M extends string, const S extends string, const T extends string>(input: {
	prompt: string;
	model: M;
	size: S;
	seconds: T;
	inputReference?: InputReference;
}): { prompt: string; model: M; size: S; seconds: T; input_reference?: InputReference } {
	const form = { prompt: input.prompt, model: input.model, size: input.size, seconds: input.seconds };
	return input.inputReference ? { ...form, input_reference: input.inputReference } : form;
}

/** `POST /videos/edits` (`VideoEditParams`). */
export function editForm(input: { prompt: string; video: VideoInput }): { prompt: string; video: VideoInput } {
	return { prompt: input.prompt, video: input.video };
}

/** `POST /videos/extensions` (`VideoExtendParams`). */
export function extendForm<const T extends string>(input: {
	prompt: string;
	seconds: T;
	video: VideoInput;
}): { prompt: string; seconds: T; video: VideoInput } {
	return { prompt: input.prompt, seconds: input.seconds, video: input.video };
}

/** `POST /videos/characters` (`VideoCreateCharacterParams`). */
export function characterForm(input: { name: string; video: FileUpload }): { name: string; video: FileUpload } {
	return { name: input.name, video: input.video };
}

/** `POST /videos/{id}/remix` (`VideoRemixParams`), JSON as the SDK sends it without a file. */
export function remixBody(input: { prompt: string }): { prompt: string } {
	return { prompt: input.prompt };
}

/** The multipart parts of a form, in the SDK's encoding: a file as a file part, an object as `key[field]` text parts. */
export function formParts(form: object): MultipartPart[] {
	const parts: MultipartPart[] = [];
	for (const [name, value] of Object.entries(form) as Array<[string, FormValue | undefined]>) {
		if (value === undefined) continue;
		if (typeof value === 'string') parts.push({ name, value });
		else if (isFileUpload(value)) parts.push({ name, data: value.data, fileName: value.fileName, contentType: value.contentType });
		else for (const [key, inner] of Object.entries(value)) parts.push({ name: `${name}[${key}]`, value: inner });
	}
	return parts;
}

export function toMultipart(form: object): { body: Buffer; contentType: string } {
	return buildMultipart(formParts(form));
}

/** A form as the request body: multipart when it holds a file, else JSON (`contentType` unset). */
export function encodeForm(form: object): { body: IDataObject | Buffer; contentType?: string } {
	if (Object.values(form).some(isFileUpload)) return toMultipart(form);
	return { body: { ...form } as IDataObject };
}
