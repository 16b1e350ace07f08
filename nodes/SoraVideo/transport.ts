import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { FORBIDDEN_ADVICE, NOT_FOUND_ADVICE, UNAUTHORIZED_ADVICE } from '../../credentials/SoraApi.credentials';
import type { HttpResponse } from '../shared/http/response';
import type { RetryKind } from '../shared/http/retry';
import type { ErrorAnswer, StatusAdvice } from '../shared/http/statusAdvice';
import { statusAdvice } from '../shared/http/statusAdvice';
import { checkApiKeyCharacters } from '../shared/n8n/apiKey';
import { apiRequest } from '../shared/n8n/apiRequest';
import { checkCustomHeaders } from '../shared/n8n/customHeaders';
import { visibleInPopup } from '../shared/n8n/errorText';
import { credentialSecrets, redact, redactDeep } from '../shared/n8n/redact';

export const CREDENTIAL_TYPE = 'soraApi';

/** Statuses of the `Video` object; gateways may send others, which are kept as they are. */
export type SoraStatus = 'queued' | 'in_progress' | 'completed' | 'failed';

/** The `Video` object (`openai`'s `Video` type). Gateways drop or add fields, so only `id` is relied on. */
export interface SoraVideo extends IDataObject {
	id: string;
	status?: string;
	progress?: number;
	model?: string;
	size?: string;
	seconds?: string;
	error?: { code?: string; message?: string } | null;
}

export interface SoraCall {
	method: IHttpRequestMethods;
	/** Appended to the credential's Base URL, e.g. `/videos/video_123`. */
	path: string;
	qs?: IDataObject;
	/** A JSON body, or an encoded multipart body with its `contentType`. */
	body?: IDataObject | Buffer;
	contentType?: string;
	/** `create` for the requests that start a paid job: never re-sent after a 5xx or a broken connection. */
	retry: RetryKind;
	itemIndex: number;
	/**
	 * The operation, for one that not every server offers (Remix, Edit, Extend, Delete, List, characters): a 405,
	 * or a 404 that names no video or character, then says the server at that Base URL does not offer it.
	 */
	operation?: string;
	/** The create sent its reference image as a URL or a file id, which some gateways cannot forward. */
	referenceByLink?: boolean;
}

export interface SoraResponse<T> {
	body: T;
	headers: Record<string, string>;
}

/**
 * The credential's Base URL, checked, without a trailing slash. Every request starts here, so the credential's
 * Custom Headers are checked here too: a mistake in them is a clear error before anything is sent.
 */
export async function soraBaseUrl(context: IExecuteFunctions, itemIndex: number): Promise<string> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE, itemIndex);
	checkApiKeyCharacters(context.getNode(), 'Sora', String(credentials.apiKey ?? ''), itemIndex);
	checkCustomHeaders(context.getNode(), 'Sora', credentials.customHeaders, itemIndex);
	const baseUrl = String(credentials.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
	let protocol = '';
	try {
		protocol = new URL(baseUrl).protocol;
	} catch {
		// handled below
	}
	if (protocol !== 'https:' && protocol !== 'http:') {
		throw new NodeOperationError(context.getNode(), `The Base URL in the Sora credential is not a web address: "${baseUrl}"`, {
			itemIndex,
			description:
				'Set it to everything before /videos, including /v1, e.g. https://my-litellm.example.com/v1 or https://RESOURCE.openai.azure.com/openai/v1.',
		});
	}
	return baseUrl;
}

/** The secrets that must never reach an output, an error or a log line: the key and the Custom Headers values. */
async function secrets(context: IExecuteFunctions, itemIndex: number): Promise<string[]> {
	return credentialSecrets(await context.getCredentials(CREDENTIAL_TYPE, itemIndex));
}

/**
 * One call to the Videos API. Resolves with the parsed JSON body of a 2xx answer; any other answer becomes
 * a NodeApiError carrying the API's own message and code, advice on what to do, and the request id.
 */
export async function soraRequest<T = IDataObject>(context: IExecuteFunctions, call: SoraCall): Promise<SoraResponse<T>> {
	const baseUrl = await soraBaseUrl(context, call.itemIndex);
	const response = await apiRequest(context, CREDENTIAL_TYPE, {
		method: call.method,
		url: `${baseUrl}${call.path}`,
		qs: call.qs,
		body: call.body,
		headers: call.contentType ? { 'content-type': call.contentType } : undefined,
		retry: call.retry,
	});
	const body = parseBody(response.body);
	const secretValues = await secrets(context, call.itemIndex);
	// Every answer is redacted before anything reads it: a gateway may echo the key into a message or `misalignment`.
	if (response.statusCode >= 200 && response.statusCode < 300)
		return { body: redactDeep(body, secretValues) as T, headers: response.headers };
	if (call.operation && isNotOffered(call, response.statusCode, readApiError(body, response.statusCode))) {
		throw notOfferedError(context, call, baseUrl, { ...response, body }, secretValues);
	}
	throw soraApiError(context, call, { ...response, body }, secretValues);
}

/** n8n hands back a string or a Buffer when the body was not sent as JSON (multipart); parse it either way. */
export function parseBody(body: unknown): unknown {
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
	if (typeof text !== 'string') return text;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** A body that should be a Video object: anything without an `id` is a gateway that speaks another contract. */
export async function asVideo(context: IExecuteFunctions, body: unknown, itemIndex: number): Promise<SoraVideo> {
	if (body && typeof body === 'object' && !Array.isArray(body) && typeof (body as IDataObject).id === 'string') {
		return body as SoraVideo;
	}
	const shown = await answerExcerpt(context, body, itemIndex);
	throw new NodeApiError(
		context.getNode(),
		{ message: 'Not a video object' },
		{
			message: 'The server answered, but not with a video object (no "id")',
			description: `Its answer began: ${shown}. Check that Base URL points at an OpenAI-compatible /v1/videos API.`,
			itemIndex,
		},
	);
}

/** The start of an unexpected answer, safe to show: no secret, no HTML for n8n's popup to render. */
async function answerExcerpt(context: IExecuteFunctions, body: unknown, itemIndex: number): Promise<string> {
	const text = typeof body === 'string' ? body : (JSON.stringify(body) ?? String(body));
	return visibleInPopup(redact(truncate(text), await secrets(context, itemIndex)));
}

/** A character (`VideoCreateCharacterResponse`, `VideoGetCharacterResponse`): `{id, name, created_at}`. */
export async function asCharacter(context: IExecuteFunctions, body: unknown, itemIndex: number): Promise<IDataObject> {
	if (body && typeof body === 'object' && !Array.isArray(body) && 'created_at' in body) {
		// Only the character's own fields: whatever else a server adds stays out of the item.
		const { id, object, name, created_at } = body as IDataObject;
		return Object.fromEntries(Object.entries({ id, object, name, created_at }).filter(([, value]) => value !== undefined)) as IDataObject;
	}
	const shown = await answerExcerpt(context, body, itemIndex);
	throw new NodeApiError(
		context.getNode(),
		{ message: 'Not a character object' },
		{
			message: 'The server answered, but not with a character object',
			description: `Its answer began: ${shown}. Check that Base URL points at an OpenAI-compatible /v1/videos API that offers characters.`,
			itemIndex,
		},
	);
}

interface ApiErrorFields {
	message: string;
	code: string | null;
	type: string | null;
	param: string | null;
}

/** The OpenAI error envelope `{error: {message, type, param, code}}`, or whatever a gateway sent instead. */
export function readApiError(body: unknown, statusCode: number): ApiErrorFields {
	const fields: ApiErrorFields = { message: '', code: null, type: null, param: null };
	const envelope = body && typeof body === 'object' ? (body as IDataObject) : undefined;
	const error = envelope?.error;
	if (error && typeof error === 'object' && !Array.isArray(error)) {
		const e = error as IDataObject;
		fields.message = typeof e.message === 'string' ? e.message : '';
		fields.code = e.code === undefined || e.code === null ? null : String(e.code);
		fields.type = typeof e.type === 'string' ? e.type : null;
		fields.param = typeof e.param === 'string' ? e.param : null;
	} else if (typeof error === 'string') {
		fields.message = error;
	} else if (typeof envelope?.message === 'string') {
		fields.message = envelope.message;
	} else if (typeof envelope?.detail === 'string') {
		// FastAPI's own answers (a gateway's 405 "Method Not Allowed", 404 "Not Found").
		fields.message = envelope.detail;
	} else if (typeof body === 'string' && body.trim()) {
		fields.message = truncate(body.trim());
	}
	if (!fields.message) fields.message = `HTTP ${statusCode} without an error message`;
	return fields;
}

/**
 * A server that does not offer an operation: 405 on the route, a 404 that names no video or character (the
 * route is missing), or a List the server cannot serve (a 400 about no list parameter, LiteLLM's
 * "LLM Provider NOT provided").
 */
function isNotOffered(call: SoraCall, status: number, error: ApiErrorFields): boolean {
	if (status === 405) return true;
	if (status === 404) return !isMissingObject(error);
	if (status === 400 && call.operation === 'List')
		return !['limit', 'order', 'after'].includes(error.param ?? '') && error.code !== 'invalid_api_key';
	return false;
}

function isMissingObject(error: ApiErrorFields): boolean {
	return (
		['video_not_found', 'character_not_found'].includes(error.code ?? '') ||
		['video_id', 'video.id', 'character_id'].includes(error.param ?? '')
	);
}

function notOfferedError(
	context: IExecuteFunctions,
	call: SoraCall,
	baseUrl: string,
	response: HttpResponse,
	secretValues: string[],
): NodeApiError {
	const fields = readApiError(response.body, response.statusCode);
	const said = visibleInPopup(redact(fields.message, secretValues));
	const message = `The server at ${redact(baseUrl, secretValues)} does not offer ${call.operation} (HTTP ${response.statusCode})`;
	const check =
		response.statusCode === 405
			? 'It knows the address but not this request.'
			: `If other operations work with this credential, the server lacks this one; if none do, check the credential. ${NOT_FOUND_ADVICE}`;
	const description =
		`Its answer: "${said}". ${check} Gateways serve different parts of the OpenAI Videos API (the README lists which); use a server that offers ${call.operation}. ${call.retry === 'create' ? 'No job was created.' : ''}`.trim();
	return new NodeApiError(context.getNode(), { message, httpCode: String(response.statusCode), serverMessage: said } as JsonObject, {
		message,
		description,
		httpCode: String(response.statusCode),
		itemIndex: call.itemIndex,
	});
}

function soraApiError(context: IExecuteFunctions, call: SoraCall, response: HttpResponse, secretValues: string[]): NodeApiError {
	const fields = readApiError(response.body, response.statusCode);
	const message = visibleInPopup(redact(fields.message, secretValues));
	const requestId = response.headers['x-request-id'];
	const advice = statusAdvice(SORA_ADVICE, {
		response,
		creating: call.retry === 'create',
		error: fields,
		text: fields.message.toLowerCase(),
		call,
	});
	const description = `${advice}${requestId ? ` (request ID ${requestId})` : ''}`;
	const errorResponse: JsonObject = {
		message,
		code: fields.code,
		type: fields.type,
		param: fields.param,
		httpCode: String(response.statusCode),
		requestId: requestId ?? null,
	};
	return new NodeApiError(context.getNode(), errorResponse, {
		message: fields.code ? `${message} [${fields.code}]` : message,
		description: redact(description, secretValues),
		httpCode: String(response.statusCode),
		itemIndex: call.itemIndex,
	});
}

const LINK_REFUSED_ADVICE =
	'Some gateways (LiteLLM, for one) forward only an uploaded file as the reference image, not an image URL or a file ID: choose "Binary Image From Input", or for an image URL turn on "Upload as File".';

interface SoraErrorAnswer extends ErrorAnswer {
	error: ApiErrorFields;
	/** The API's message in lower case. */
	text: string;
	call: SoraCall;
}

/** What to do about an error answer, by status and the API's code or message. */
const SORA_ADVICE: StatusAdvice<SoraErrorAnswer> = {
	first: [
		{
			when: (a) => a.text.includes('inpaint image must match'),
			advice:
				'The reference image must be exactly the requested Size in pixels. Keep "Auto-Fit Reference Image" on, or fit it first with the Prepare Image for Video API node.',
		},
		{
			status: 413,
			advice:
				'The request is too large for this server (gateways often refuse bodies over 1-4 MB). Keep "Auto-Fit Reference Image" on and lower "Max Reference Size (KB)". No job was created.',
		},
		{
			status: 404,
			when: ({ error }) => error.code === 'video_not_found' || error.param === 'video_id' || error.param === 'video.id',
			advice: 'There is no video with this ID here: it was deleted, its assets expired, or it belongs to another project or gateway.',
		},
		{
			status: 404,
			when: ({ error }) => error.code === 'character_not_found',
			advice:
				'There is no character with this ID here: check the ID a Create Character output gave, and that the credential points at the same server.',
		},
		{
			status: '5xx',
			when: (a) => a.creating && a.call.path.startsWith('/videos/characters'),
			advice:
				'The server failed after receiving the request, so the character may have been created. It was not sent again; try again later.',
		},
	],
	unauthorized: `The server did not accept the API key. ${UNAUTHORIZED_ADVICE}`,
	forbidden: `The key is valid but may not do this. ${FORBIDDEN_ADVICE}`,
	notFound: `Nothing answers at this address. ${NOT_FOUND_ADVICE}`,
	retriedNote: 'The node waited and retried',
	rateLimited: {
		creating: (retried) =>
			`Rate limit or quota reached. ${sentence(retried)}; no job was created. Try again later or lower how many videos run at once.`,
		reading: (retried) => `Rate limit reached. ${sentence(retried)}. Try again later.`,
	},
	serverFailed: {
		creating: (a) =>
			`The server failed after receiving the request, so the job may have been created. It was not sent again, to avoid paying twice: look for a new job (in the server's dashboard, or with the List operation where the server offers it) before retrying.${a.call.referenceByLink ? ` ${LINK_REFUSED_ADVICE}` : ''}`,
		reading: 'The server kept failing although the request was retried. Try again later.',
	},
	then: [
		{
			status: 400,
			when: ({ call, error, text }) =>
				!!call.referenceByLink &&
				(error.code === 'unknown_parameter' || !!error.param?.startsWith('input_reference') || text.includes('input_reference')),
			advice: `The server refused the reference image link. ${LINK_REFUSED_ADVICE}`,
		},
		{
			when: ({ error }) => error.code === 'model_not_found' || error.param === 'model',
			advice:
				'This server does not offer that model. Gateways route their own model IDs: pick one from the Model list (the server\'s own), or type one it serves with "By ID".',
		},
		{
			when: ({ error }) => error.param === 'seconds',
			advice:
				'Seconds is sent as a string ("4", "8", "12"; OpenAI\'s guide adds "16" and "20", which some servers refuse). Pick a value this server supports.',
		},
		{
			when: ({ error, text }) => error.param === 'size' || text.includes('does not support this size'),
			advice:
				"Pick a Size this model supports: sora-2 takes 1280x720 and 720x1280; sora-2-pro also 1792x1024 and 1024x1792 (and 1920x1080, 1080x1920 per OpenAI's guide, where the server offers them).",
		},
		{
			when: ({ error }) => error.code === 'invalid_video_status',
			advice:
				'The video is not in a state that allows this (remix, edit and extend need a completed video; delete a completed or failed one). Check it with the Get operation.',
		},
		{
			when: ({ error }) => !!error.param?.startsWith('input_reference'),
			advice:
				'The reference image was refused. Send a JPEG, PNG or WebP exactly the requested Size (Auto-Fit does this), or an https image URL.',
		},
	],
	otherwise: (a) => (a.creating ? 'The API refused the request; no job was created.' : 'The API refused the request.'),
};

/** "it was not retried: ..." starts a sentence here. */
function sentence(text: string): string {
	return text.replace(/^i/, 'I');
}

function truncate(text: string, max = 300): string {
	return text.length > max ? `${text.slice(0, max)}...` : text;
}
