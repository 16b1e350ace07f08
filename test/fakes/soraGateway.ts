/**
 * What the fake Sora does in gateway mode (`startFakeSora({ gateway: 'litellm' })`): LiteLLM 1.82.1's /v1/videos
 * as observed (README, "Through LiteLLM and other gateways"), in front of the fake as its OpenAI backend. Its routes,
 * the ids, the error envelope and the body it re-serialises live here; test/fakes/sora.ts plays the backend.
 */
import { randomBytes } from 'node:crypto';

import type { FakeRequest, FakeServer, Handler, Reply } from './common/fakeServer';
import { ApiError, echo, soraErrorBody, withRequestId } from './soraErrors';
import { header, isFormObject, readFields } from './soraForm';
import type { SoraVideoObject } from './soraTypes';

/** The fake's own OpenAI handlers, which the gateway forwards to. */
export interface GatewayBackend {
	/** The gateway's headers and the key, as the backend checks them. */
	checkAccess(req: FakeRequest): void;
	/** Whether the backend serves this model (an id naming another does not route). */
	routes(model: string): boolean;
	/** GET /models, or undefined when the backend has no such route. */
	models?: Handler;
	create: Handler;
	retrieve: Handler;
	content: Handler;
	remix: Handler;
}

/** An error LiteLLM itself raises (not its backend's): its text as is, in its envelope. */
class GatewayError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

/** `video_` + standard base64 of LiteLLM's routing text: `/`, `+` and `=` occur in these ids. */
export function wrapGatewayId(model: string, upstreamId: string): string {
	return `video_${Buffer.from(`litellm:custom_llm_provider:openai;model_id:${model};video_id:${upstreamId}`).toString('base64')}`;
}

/** The model and upstream id a wrapped id names, or undefined for an id LiteLLM did not make. */
export function unwrapGatewayId(id: string): { model: string; upstreamId: string } | undefined {
	if (!id.startsWith('video_')) return undefined;
	const text = Buffer.from(id.slice('video_'.length), 'base64').toString('utf8');
	const match = /^litellm:custom_llm_provider:[^;]*;model_id:([^;]*);video_id:(.+)$/s.exec(text);
	return match ? { model: match[1], upstreamId: match[2] } : undefined;
}

const UPSTREAM_ID_ALPHABET = '0123456789abcdef~?>';

/**
 * An upstream id whose wrapped forms (by the create, with the model; by a read, without) hold `/`, `+` and `=`,
 * so that every test through the gateway meets them. OpenAI's hex ids rarely give them; Runway's UUIDs give `=`.
 */
export function gatewayUpstreamId(model: string): string {
	const hasAll = (id: string) => ['/', '+', '='].every((c) => id.includes(c));
	let id = '';
	for (let attempt = 0; attempt < 10_000; attempt++) {
		id = 'video_';
		for (const byte of randomBytes(25)) id += UPSTREAM_ID_ALPHABET[byte % UPSTREAM_ID_ALPHABET.length];
		if (hasAll(wrapGatewayId(model, id)) && hasAll(wrapGatewayId('', id))) break;
	}
	return id;
}

/** LiteLLM's error envelope: its own class and text, `code` the status as a string, `type` and `param` null. */
export function gatewayErrorBody(status: number, message: string): { error: { message: string; type: null; param: null; code: string } } {
	return { error: { message, type: null, param: null, code: String(status) } };
}

/** LiteLLM's exception class for a status, as its messages begin. */
export function gatewayErrorClass(status: number): string {
	if (status === 400) return 'BadRequestError';
	if (status === 401) return 'AuthenticationError';
	if (status === 404) return 'NotFoundError';
	if (status === 429) return 'RateLimitError';
	return 'APIConnectionError';
}

export const UNROUTABLE_MESSAGE =
	'litellm.APIConnectionError: openai - Cannot connect to host api.openai.com:443 ssl:default [Name or service not known]';

export const LIST_MESSAGE =
	"litellm.BadRequestError: LLM Provider NOT provided. Pass in the LLM provider you are trying to call. You passed model=\n Pass model as E.g. For 'Huggingface' inference endpoints pass in `completion(model='huggingface/starcoder',..)` Learn more: https://docs.litellm.ai/docs/providers";

/**
 * A Video object as LiteLLM re-serialises it (its pydantic VideoObject): its own fields only (no `prompt`),
 * `usage` `{duration_seconds}` on create and remix, null on reads, under the id LiteLLM made.
 */
export function gatewayVideo(video: Record<string, unknown>, id: string, withUsage: boolean): Record<string, unknown> {
	const kept = [
		'object',
		'status',
		'created_at',
		'completed_at',
		'expires_at',
		'error',
		'progress',
		'remixed_from_video_id',
		'seconds',
		'size',
		'model',
	];
	const body: Record<string, unknown> = { id };
	for (const key of kept) body[key] = video[key] ?? null;
	body.usage = withUsage ? { duration_seconds: Number(video.seconds) } : null;
	return body;
}

/** LiteLLM 1.82.1's routes under `prefix` (see FakeSoraOptions.gateway), in front of `backend`. */
export function registerGatewayRoutes(server: FakeServer, prefix: string, backend: GatewayBackend): void {
	const p = prefix;
	const notAllowed: Handler = () => withRequestId({ status: 405, json: { detail: 'Method Not Allowed' } });
	server.route('POST', `${p}/videos/edits`, notAllowed);
	server.route('POST', `${p}/videos/extensions`, notAllowed);
	server.route('POST', `${p}/videos/characters`, notAllowed);
	server.route('GET', `${p}/videos/characters/:id`, notAllowed);
	server.route('DELETE', `${p}/videos/:id`, notAllowed);
	if (backend.models) server.route('GET', `${p}/models`, guard(backend, backend.models));
	server.route(
		'POST',
		`${p}/videos`,
		guard(backend, (req) => gatewayCreate(req, backend)),
	);
	server.route(
		'GET',
		`${p}/videos`,
		guard(backend, () => {
			throw new GatewayError(400, LIST_MESSAGE);
		}),
	);
	server.route(
		'GET',
		`${p}/videos/:id`,
		guard(backend, (req) => gatewayRead(req, backend, backend.retrieve, false)),
	);
	server.route(
		'GET',
		`${p}/videos/:id/content`,
		guard(backend, (req) => {
			req.query.delete('variant'); // not forwarded by LiteLLM's endpoint
			return gatewayRead(req, backend, backend.content, false);
		}),
	);
	server.route(
		'POST',
		`${p}/videos/:id/remix`,
		guard(backend, (req) => {
			if (!/^application\/json/i.test(header(req, 'content-type') ?? ''))
				throw new GatewayError(500, 'litellm.APIConnectionError: JSONDecodeError: Expecting value: line 1 column 1 (char 0)');
			return gatewayRead(req, backend, backend.remix, true);
		}),
	);
	for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']) {
		server.route(method, '/.*', () => withRequestId({ status: 404, json: { detail: 'Not Found' } }));
	}
}

/** Auth as the gateway checks it, and its error envelope: an upstream refusal comes back inside LiteLLM's text. */
function guard(backend: GatewayBackend, handler: Handler): Handler {
	return async (req) => {
		try {
			backend.checkAccess(req);
			return withRequestId(await handler(req));
		} catch (error) {
			if (error instanceof GatewayError)
				return withRequestId({ status: error.status, json: gatewayErrorBody(error.status, error.message) });
			if (!(error instanceof ApiError)) throw error;
			const message = `litellm.${gatewayErrorClass(error.status)}: OpenAIException - ${JSON.stringify(soraErrorBody(error.message, error.type, error.code, error.param))}`;
			return withRequestId({ status: error.status, json: gatewayErrorBody(error.status, message) });
		}
	};
}

/** A create: an object reference in multipart reaches the backend as flat keys (refused), in JSON it breaks LiteLLM. */
async function gatewayCreate(req: FakeRequest, backend: GatewayBackend): Promise<Reply> {
	const body = readFields(req);
	for (const [name, value] of body.fields) {
		if (isFormObject(value)) {
			const flat = `${name}[${Object.keys(value)[0]}]`;
			throw new ApiError(400, `Unknown parameter: '${echo(flat)}'.`, 'unknown_parameter', flat);
		}
		if (body.encoding === 'json' && name === 'input_reference' && value !== null && typeof value === 'object') {
			throw new GatewayError(500, 'litellm.APIConnectionError: Failed to send bytes into the underlying connection');
		}
	}
	const reply = await backend.create(req);
	const video = ('json' in reply ? reply.json : undefined) as SoraVideoObject;
	return { status: 200, json: gatewayVideo({ ...video }, wrapGatewayId(video.model, video.id), true) };
}

/**
 * A call on a video by id: only an id naming a configured model routes (else LiteLLM calls its default,
 * api.openai.com, and fails); the answer's id is re-wrapped without the model, so it differs from the id sent.
 */
async function gatewayRead(req: FakeRequest, backend: GatewayBackend, handler: Handler, withUsage: boolean): Promise<Reply> {
	const wrapped = unwrapGatewayId(req.params.id);
	if (!wrapped || !backend.routes(wrapped.model)) throw new GatewayError(500, UNROUTABLE_MESSAGE);
	req.params.id = wrapped.upstreamId;
	const reply = await handler(req);
	if (!('json' in reply) || reply.status !== 200) return reply;
	const video = reply.json as SoraVideoObject;
	return { status: 200, json: gatewayVideo({ ...video }, wrapGatewayId('', video.id), withUsage) };
}
