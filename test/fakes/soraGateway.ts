/**
 * What the fake Sora does in gateway mode (`startFakeSora({ gateway: 'litellm' })`): LiteLLM 1.82.1's /v1/videos
 * as observed (README, "Through LiteLLM and other gateways"), in front of the fake as its OpenAI backend. The ids, the
 * error envelope and the body it re-serialises live here; test/fakes/sora.ts routes the requests.
 */
import { randomBytes } from 'node:crypto';

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
	const kept = ['object', 'status', 'created_at', 'completed_at', 'expires_at', 'error', 'progress', 'remixed_from_video_id', 'seconds', 'size', 'model'];
	const body: Record<string, unknown> = { id };
	for (const key of kept) body[key] = video[key] ?? null;
	body.usage = withUsage ? { duration_seconds: Number(video.seconds) } : null;
	return body;
}
