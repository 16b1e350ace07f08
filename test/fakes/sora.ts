/**
 * A strict fake of the OpenAI Videos API (`/v1/videos`, "Sora"), as served by OpenAI until 2026-09-24
 * and by the gateways that still speak it (the `openai` SDK's videos types; test/contract/sora.test.ts holds the fake to them). Real HTTP on 127.0.0.1 through
 * FakeServer, so faults (`server.inject()`) and the request log (`server.requests`) come with it.
 *
 * Status never moves by wall clock: a video advances one step of its script per `GET /videos/{id}`
 * (times `pollsPerStage`).
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import sharp from 'sharp';

import { FakeServer, fakeVideoStream, type FakeRequest, type Handler, type Reply } from './common/fakeServer';
import { DEFAULT_VIDEO_SIZE, demoVideoReply, pixelSize, videoFacts, type DemoSegment } from './common/video';
import { parseMultipart } from './common/multipart';
import {
	gatewayErrorBody,
	gatewayErrorClass,
	gatewayUpstreamId,
	gatewayVideo,
	LIST_MESSAGE,
	UNROUTABLE_MESSAGE,
	unwrapGatewayId,
	wrapGatewayId,
} from './soraGateway';
import {
	SORA_ALL_SIZES,
	SORA_CHARACTER_FIELDS,
	SORA_CONTENT_VARIANTS,
	SORA_CREATE_FIELDS,
	SORA_DEFAULTS,
	SORA_EDIT_FIELDS,
	SORA_EXTEND_FIELDS,
	SORA_GUIDE_SIZES,
	SORA_INPUT_REFERENCE_FIELDS,
	SORA_LIMITS,
	SORA_LONG_SECONDS,
	SORA_MODELS,
	SORA_REMIX_FIELDS,
	SORA_SECONDS,
	SORA_VIDEO_REFERENCE_FIELDS,
} from './soraModels';

/** The key the fake accepts unless told otherwise. Clearly fake, yet shaped like an OpenAI key. */
export const FAKE_SORA_KEY = 'sk-fake-sora-5f0d2c1e9b7a4e63a1c8d4f2b6e0a9c7';

export type SoraStatus = 'queued' | 'in_progress' | 'completed' | 'failed';

export interface SoraVideoError {
	code: string;
	message: string;
}

/** One step of a scripted status sequence: a status, or a status with details. */
export type SoraStep =
	| SoraStatus
	| {
			status: SoraStatus;
			/** 0..100; defaults: queued 0, in_progress 50, completed 100, failed the previous step's. */
			progress?: number;
			/** Stay on this (last, non-terminal) step for ever: the stuck-at-99% job. */
			forever?: boolean;
			/** For `failed`; defaults to a generic error. */
			error?: SoraVideoError;
	  };

export interface FakeSoraOptions {
	/** The accepted key (default FAKE_SORA_KEY). */
	apiKey?: string;
	/** 'bearer': `Authorization: Bearer <key>` (OpenAI). 'api-key': `api-key: <key>` (Azure). Default 'bearer'. */
	authStyle?: 'bearer' | 'api-key';
	/** Query parameters every request must carry, e.g. `{ 'api-version': 'preview' }` (missing -> 404, wrong -> 400). */
	requiredQuery?: Record<string, string>;
	/** Where `/v1` lives (default '/v1'; e.g. '/openai/v1' for an Azure-like gateway). */
	prefix?: string;
	/** Request bodies over this many bytes get 413 (default 4 MiB). */
	maxBodyBytes?: number;
	/** Model ids a gateway routes besides sora-2 / sora-2-pro; they accept every documented size. */
	extraModels?: string[];
	/** Accept seconds '16' and '20', which OpenAI's guide lists and its SDK does not (default false). */
	allowLongSeconds?: boolean;
	/** Accept 1920x1080 and 1080x1920 for sora-2-pro and extra models, as OpenAI's guide (not its SDK) does (default false). */
	allowGuideSizes?: boolean;
	/** Headers a gateway wants besides the key (e.g. `{ 'cf-aig-authorization': 'Bearer ...' }`): missing or wrong -> 401. */
	requiredHeaders?: Record<string, string>;
	/** Model ids `GET /models` lists (default: extraModels, a chat model, then the Sora models); null: no such route (404). */
	models?: string[] | null;
	/** Serve this many synthetic bytes (fakeVideoStream) for `variant=video`; default: a playable MP4 (common/video.ts). */
	videoBytes?: number;
	/** How many `GET /videos/{id}` it takes to advance one step (default 1). */
	pollsPerStage?: number;
	/** Value of the `openai-poll-after-ms` header on retrieve (default 1000; null: no header). */
	pollAfterMs?: number | null;
	/**
	 * 'litellm': behave as LiteLLM 1.82.1's /v1/videos in front of this fake (test/fakes/soraGateway.ts): ids
	 * wrapped in base64 (`/`, `+`, `=`), the create's id routes while the ids a Get, Remix or List answers do not
	 * (500 when used); Delete, edits, extensions and characters 405; the list 400; an `input_reference` object in
	 * multipart (bracket keys) 400 unknown parameter, in JSON 500; `variant` ignored; no poll hint; no `prompt`.
	 */
	gateway?: 'litellm';
	port?: number;
}

/** The `Video` object (§A.4): every field present, nullable ones null. */
export interface SoraVideoObject {
	id: string;
	object: 'video';
	model: string;
	status: SoraStatus;
	progress: number;
	created_at: number;
	completed_at: number | null;
	expires_at: number | null;
	prompt: string | null;
	size: string;
	seconds: string;
	remixed_from_video_id: string | null;
	error: SoraVideoError | null;
}

/** What the fake saw of an `input_reference`. */
export interface SoraInputReference {
	/** 'file': a multipart file part; 'data_url' / 'image_url' / 'file_id': the JSON object form. */
	source: 'file' | 'data_url' | 'image_url' | 'file_id';
	filename?: string;
	/** The file part's content type, or the data URL's media type. */
	contentType?: string;
	/** The https URL (not kept for data: URLs, see `bytes`). */
	url?: string;
	fileId?: string;
	/** Read with sharp from the decoded image (file and data_url only). */
	width?: number;
	height?: number;
	format?: string;
	/** The image's size in bytes (file and data_url only). */
	bytes?: number;
	/** EXIF orientation, if the image carries one. */
	orientation?: number;
}

/** A received file part, as kept in `SoraVideoRecord.fields`. */
export interface SoraReceivedFile {
	filename?: string;
	contentType?: string;
	bytes: number;
}

export interface SoraVideoRecord {
	id: string;
	/** 'create': POST /videos; 'remix': POST /videos/{id}/remix; 'edit': POST /videos/edits; 'extend': POST /videos/extensions. */
	kind: 'create' | 'remix' | 'edit' | 'extend';
	encoding: 'json' | 'multipart';
	/** The fields as received: JSON values, multipart text values (strings) and file parts (SoraReceivedFile). */
	fields: Record<string, unknown>;
	model: string;
	size: string;
	seconds: string;
	prompt: string;
	/** What the video shows, part by part: one prompt for its whole length, or an extension's source parts and then its own. */
	segments: DemoSegment[];
	inputReference?: SoraInputReference;
	remixedFromVideoId: string | null;
	/** The video an edit or extension started from, when given by id. */
	sourceVideoId?: string;
	/** The video file an edit or extension uploaded instead. */
	videoUpload?: SoraReceivedFile;
	/** OpenAI-Organization / OpenAI-Project headers of the creating request. */
	organization?: string;
	project?: string;
	/** The status sequence this video follows. */
	steps: SoraStepSpec[];
	/** Successful `GET /videos/{id}` so far. */
	polls: number;
	/** Seed of its fakeVideoStream (check bytes with fakeVideoByte(offset, seed)). */
	seed: number;
	createdAt: number;
	completedAt: number | null;
	expiresAt: number | null;
	deleted: boolean;
}

export interface SoraCharacterRecord {
	id: string;
	name: string;
	created_at: number;
	video: SoraReceivedFile;
	encoding: 'json' | 'multipart';
	/** The fields as received (see SoraVideoRecord.fields). */
	fields: Record<string, unknown>;
}

export interface SoraStepSpec {
	status: SoraStatus;
	progress: number;
	forever: boolean;
	error: SoraVideoError | null;
}

export interface FakeSora {
	/** http://127.0.0.1:<port> */
	readonly url: string;
	/** url + prefix: what the node's Base URL credential field holds. */
	readonly baseUrl: string;
	readonly server: FakeServer;
	readonly apiKey: string;
	/** Accepted POST /videos. */
	readonly creates: number;
	/** Accepted POST /videos/{id}/remix. */
	readonly remixes: number;
	/** Accepted POST /videos/edits and POST /videos/extensions. */
	readonly edits: number;
	readonly extensions: number;
	readonly videos: Map<string, SoraVideoRecord>;
	/** Characters made with POST /videos/characters, by id. */
	readonly characters: Map<string, SoraCharacterRecord>;
	/** The status sequence of the next created (or remixed) video; calls queue up, one per video. */
	script(steps: SoraStep[]): void;
	/** The Video object as the API would show it now, without counting a poll. */
	view(id: string): SoraVideoObject | undefined;
	/** A video's record by the id a client holds: its own, or (gateway mode) any id the gateway made for it. */
	record(id: string): SoraVideoRecord | undefined;
	close(): Promise<void>;
}

/** An OpenAI error envelope, e.g. for `server.inject({ kind: 'status', status: 429, body: soraErrorBody(...) })`. */
export function soraErrorBody(
	message: string,
	type = 'invalid_request_error',
	code: string | null = null,
	param: string | null = null,
): { error: { message: string; type: string; param: string | null; code: string | null } } {
	return { error: { message, type, param, code } };
}

const DEFAULT_STEPS: SoraStep[] = ['queued', { status: 'in_progress', progress: 50 }, 'completed'];
const EXPIRY_SECONDS = 3600;
const MAX_ECHO_CHARS = 200;

/** An error LiteLLM itself raises (not its backend's): its text as is, in its envelope. */
class GatewayError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

class ApiError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly code: string | null = null,
		readonly param: string | null = null,
		readonly type = 'invalid_request_error',
	) {
		super(message);
	}
}

/** A multipart file part (a part with a filename), as a field value. */
class FilePart {
	constructor(
		readonly filename: string,
		readonly contentType: string | undefined,
		readonly data: Buffer,
	) {}
}

/** An object sent in multipart as bracket keys (`input_reference[file_id]=...`). */
class FormObject {
	[key: string]: unknown;
}

function isFormObject(value: unknown): value is FormObject {
	return value instanceof FormObject;
}

interface ParsedBody {
	encoding: 'json' | 'multipart';
	fields: Map<string, unknown>;
}

export async function startFakeSora(options: FakeSoraOptions = {}): Promise<FakeSora> {
	const server = new FakeServer({
		maxBodyBytes: options.maxBodyBytes ?? 4 * 1024 * 1024,
		tooLargeBody: soraErrorBody('Request Entity Too Large', 'invalid_request_error', 'request_too_large'),
	});
	const fake = new FakeSoraImpl(server, options);
	fake.register();
	await server.listen(options.port ?? 0);
	return fake;
}

class FakeSoraImpl implements FakeSora {
	creates = 0;
	remixes = 0;
	edits = 0;
	extensions = 0;
	readonly videos = new Map<string, SoraVideoRecord>();
	readonly characters = new Map<string, SoraCharacterRecord>();
	readonly apiKey: string;
	private readonly prefix: string;
	private readonly scripts: SoraStepSpec[][] = [];
	private readonly images = new Map<string, Buffer>();
	private sequence = 0;

	constructor(
		readonly server: FakeServer,
		private readonly options: FakeSoraOptions,
	) {
		this.apiKey = options.apiKey ?? FAKE_SORA_KEY;
		this.prefix = (options.prefix ?? '/v1').replace(/\/+$/, '');
		const pollsPerStage = options.pollsPerStage ?? 1;
		if (!Number.isInteger(pollsPerStage) || pollsPerStage < 1) throw new Error('pollsPerStage must be an integer >= 1');
	}

	get url(): string {
		return this.server.url;
	}

	get baseUrl(): string {
		return this.server.url + this.prefix;
	}

	script(steps: SoraStep[]): void {
		this.scripts.push(normalizeSteps(steps));
	}

	view(id: string): SoraVideoObject | undefined {
		const record = this.videos.get(id);
		return record && !record.deleted ? this.render(record) : undefined;
	}

	record(id: string): SoraVideoRecord | undefined {
		return this.videos.get(id) ?? this.videos.get(unwrapGatewayId(id)?.upstreamId ?? '');
	}

	close(): Promise<void> {
		return this.server.close();
	}

	register(): void {
		if (this.options.gateway === 'litellm') {
			this.registerGateway();
			return;
		}
		const p = this.prefix;
		// The fixed paths first: /videos/characters/{id} must not read as a video id.
		this.server.route('POST', `${p}/videos/edits`, this.guard((req) => this.edit(req)));
		this.server.route('POST', `${p}/videos/extensions`, this.guard((req) => this.extend(req)));
		this.server.route('POST', `${p}/videos/characters`, this.guard((req) => this.createCharacter(req)));
		this.server.route('GET', `${p}/videos/characters/:id`, this.guard((req) => this.getCharacter(req)));
		if (this.options.models !== null) this.server.route('GET', `${p}/models`, this.guard(() => this.models()));
		this.server.route('POST', `${p}/videos`, this.guard((req) => this.create(req)));
		this.server.route('GET', `${p}/videos`, this.guard((req) => this.list(req)));
		this.server.route('GET', `${p}/videos/:id`, this.guard((req) => this.retrieve(req)));
		this.server.route('DELETE', `${p}/videos/:id`, this.guard((req) => this.remove(req)));
		this.server.route('GET', `${p}/videos/:id/content`, this.guard((req) => this.content(req)));
		this.server.route('POST', `${p}/videos/:id/remix`, this.guard((req) => this.remix(req)));
		// Anything else, including a known path with the wrong method: OpenAI's "Invalid URL" 404.
		for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']) {
			this.server.route(method, '/.*', (req) =>
				withRequestId({
					status: 404,
					json: soraErrorBody(`Invalid URL (${req.method} ${req.path})`),
				}),
			);
		}
	}

	/** Auth, required query, error envelope and x-request-id around a handler. */
	private guard(handler: (req: FakeRequest) => Promise<Reply> | Reply): Handler {
		return async (req) => {
			try {
				this.checkGatewayHeaders(req);
				this.authenticate(req);
				this.checkQuery(req);
				return withRequestId(await handler(req));
			} catch (error) {
				if (!(error instanceof ApiError)) throw error;
				return withRequestId({
					status: error.status,
					json: soraErrorBody(error.message, error.type, error.code, error.param),
				});
			}
		};
	}

	/** LiteLLM 1.82.1's routes (see FakeSoraOptions.gateway); the fake itself plays its OpenAI backend. */
	private registerGateway(): void {
		const p = this.prefix;
		const notAllowed: Handler = () => withRequestId({ status: 405, json: { detail: 'Method Not Allowed' } });
		this.server.route('POST', `${p}/videos/edits`, notAllowed);
		this.server.route('POST', `${p}/videos/extensions`, notAllowed);
		this.server.route('POST', `${p}/videos/characters`, notAllowed);
		this.server.route('GET', `${p}/videos/characters/:id`, notAllowed);
		this.server.route('DELETE', `${p}/videos/:id`, notAllowed);
		if (this.options.models !== null) this.server.route('GET', `${p}/models`, this.gatewayGuard(() => this.models()));
		this.server.route('POST', `${p}/videos`, this.gatewayGuard((req) => this.gatewayCreate(req)));
		this.server.route('GET', `${p}/videos`, this.gatewayGuard(() => {
			throw new GatewayError(400, LIST_MESSAGE);
		}));
		this.server.route('GET', `${p}/videos/:id`, this.gatewayGuard((req) => this.gatewayRead(req, (r) => this.retrieve(r), false)));
		this.server.route('GET', `${p}/videos/:id/content`, this.gatewayGuard((req) => {
			req.query.delete('variant'); // not forwarded by LiteLLM's endpoint
			return this.gatewayRead(req, (r) => this.content(r), false);
		}));
		this.server.route('POST', `${p}/videos/:id/remix`, this.gatewayGuard((req) => {
			if (!/^application\/json/i.test(header(req, 'content-type') ?? '')) throw new GatewayError(500, 'litellm.APIConnectionError: JSONDecodeError: Expecting value: line 1 column 1 (char 0)');
			return this.gatewayRead(req, (r) => this.remix(r), true);
		}));
		for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']) {
			this.server.route(method, '/.*', () => withRequestId({ status: 404, json: { detail: 'Not Found' } }));
		}
	}

	/** Auth as the gateway checks it, and its error envelope: an upstream refusal comes back inside LiteLLM's text. */
	private gatewayGuard(handler: (req: FakeRequest) => Promise<Reply> | Reply): Handler {
		return async (req) => {
			try {
				this.checkGatewayHeaders(req);
				this.authenticate(req);
				return withRequestId(await handler(req));
			} catch (error) {
				if (error instanceof GatewayError) return withRequestId({ status: error.status, json: gatewayErrorBody(error.status, error.message) });
				if (!(error instanceof ApiError)) throw error;
				const message = `litellm.${gatewayErrorClass(error.status)}: OpenAIException - ${JSON.stringify(soraErrorBody(error.message, error.type, error.code, error.param))}`;
				return withRequestId({ status: error.status, json: gatewayErrorBody(error.status, message) });
			}
		};
	}

	/** A create: an object reference in multipart reaches the backend as flat keys (refused), in JSON it breaks LiteLLM. */
	private async gatewayCreate(req: FakeRequest): Promise<Reply> {
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
		const reply = await this.create(req);
		const video = ('json' in reply ? reply.json : undefined) as SoraVideoObject;
		return { status: 200, json: gatewayVideo({ ...video }, wrapGatewayId(video.model, video.id), true) };
	}

	/**
	 * A call on a video by id: only an id naming a configured model routes (else LiteLLM calls its default,
	 * api.openai.com, and fails); the answer's id is re-wrapped without the model, so it differs from the id sent.
	 */
	private async gatewayRead(req: FakeRequest, handler: (req: FakeRequest) => Promise<Reply> | Reply, withUsage: boolean): Promise<Reply> {
		const wrapped = unwrapGatewayId(req.params.id);
		if (!wrapped || !this.sizesFor(wrapped.model)) throw new GatewayError(500, UNROUTABLE_MESSAGE);
		req.params.id = wrapped.upstreamId;
		const reply = await handler(req);
		if (!('json' in reply) || reply.status !== 200) return reply;
		const video = reply.json as SoraVideoObject;
		return { status: 200, json: gatewayVideo({ ...video }, wrapGatewayId('', video.id), withUsage) };
	}

	private authenticate(req: FakeRequest): void {
		if ((this.options.authStyle ?? 'bearer') === 'api-key') {
			if (header(req, 'api-key') !== this.apiKey) {
				throw new ApiError(
					401,
					'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
					'invalid_api_key',
				);
			}
			return;
		}
		const authorization = header(req, 'authorization');
		const match = authorization === undefined ? null : /^Bearer (.*)$/i.exec(authorization);
		if (!match || match[1].trim() === '') {
			throw new ApiError(
				401,
				"You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from https://platform.openai.com/account/api-keys.",
				'invalid_api_key',
			);
		}
		if (match[1] !== this.apiKey) {
			// The real API echoes a masked key; this fake echoes none of it.
			throw new ApiError(
				401,
				'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
				'invalid_api_key',
			);
		}
	}

	/** A gateway's own headers (Cloudflare AI Gateway's cf-aig-authorization, Helicone-Auth...), checked before the key. */
	private checkGatewayHeaders(req: FakeRequest): void {
		for (const [name, expected] of Object.entries(this.options.requiredHeaders ?? {})) {
			const actual = header(req, name.toLowerCase());
			if (actual !== expected) {
				throw new ApiError(401, `Unauthorized: ${actual === undefined ? 'missing' : 'invalid'} ${name} header.`, 'gateway_unauthorized');
			}
		}
	}

	private checkQuery(req: FakeRequest): void {
		for (const [key, expected] of Object.entries(this.options.requiredQuery ?? {})) {
			const actual = req.query.get(key);
			if (actual === null) throw new ApiError(404, 'Resource not found', '404', key);
			if (actual !== expected) {
				throw new ApiError(
					400,
					key === 'api-version' ? 'API version not supported' : `Unsupported value for query parameter '${key}'.`,
					'BadRequest',
					key,
				);
			}
		}
	}

	// ---- POST /videos ----

	private async create(req: FakeRequest): Promise<Reply> {
		const body = readFields(req);
		const fields = body.fields;
		checkKnownFields(body, SORA_CREATE_FIELDS);
		const prompt = checkPrompt(fields.get('prompt'));
		const model = this.checkModel(fields.get('model'));
		const size = this.checkSize(fields.get('size'), model);
		const seconds = this.checkSeconds(fields.get('seconds'));
		const inputReference = fields.has('input_reference')
			? await checkInputReference(fields.get('input_reference'), body.encoding, size)
			: undefined;

		const record = this.newRecord(req, body, 'create', {
			model,
			size,
			seconds,
			prompt,
			segments: [{ prompt, seconds: Number(seconds) }],
			remixedFromVideoId: null,
		});
		if (inputReference) record.inputReference = inputReference;
		this.creates += 1;
		return { status: 200, json: this.render(record) };
	}

	private checkModel(value: unknown): string {
		if (value === undefined) return SORA_DEFAULTS.model;
		if (typeof value !== 'string') {
			throw typeError('model', 'a string', value);
		}
		if (!this.sizesFor(value)) {
			throw new ApiError(400, `The model '${echo(value)}' does not exist or you do not have access to it.`, 'model_not_found', 'model');
		}
		return value;
	}

	private sizesFor(model: string): readonly string[] | undefined {
		if (Object.prototype.hasOwnProperty.call(SORA_MODELS, model)) return SORA_MODELS[model];
		return this.options.extraModels?.includes(model) ? SORA_ALL_SIZES : undefined;
	}

	private checkSize(value: unknown, model: string): string {
		if (value === undefined) return SORA_DEFAULTS.size;
		if (typeof value !== 'string') {
			throw typeError('size', 'a string', value);
		}
		const guide = this.options.allowGuideSizes ? SORA_GUIDE_SIZES : [];
		if (!SORA_ALL_SIZES.includes(value) && !guide.includes(value)) {
			throw new ApiError(400, `Invalid value: '${echo(value)}'. Supported values are: ${quoteList(SORA_ALL_SIZES)}.`, 'invalid_value', 'size');
		}
		const known = this.sizesFor(model) ?? [];
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

	private checkSeconds(value: unknown): string {
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
		const allowed = this.options.allowLongSeconds ? [...SORA_SECONDS, ...SORA_LONG_SECONDS] : SORA_SECONDS;
		if (!allowed.includes(value)) {
			throw new ApiError(400, `Invalid value: '${echo(value)}'. Supported values are: ${quoteList(SORA_SECONDS)}.`, 'invalid_value', 'seconds');
		}
		return value;
	}

	// ---- POST /videos/{id}/remix ----

	private remix(req: FakeRequest): Reply {
		const body = readFields(req);
		checkKnownFields(body, SORA_REMIX_FIELDS);
		const prompt = checkPrompt(body.fields.get('prompt'));
		const source = this.completedSource(req.params.id, 'remixed', 'video_id');
		const record = this.newRecord(req, body, 'remix', {
			model: source.model,
			size: source.size,
			seconds: source.seconds,
			prompt,
			segments: [{ prompt, seconds: Number(source.seconds) }],
			remixedFromVideoId: source.id,
		});
		this.remixes += 1;
		return { status: 200, json: this.render(record) };
	}

	/** The video an operation starts from: it must exist and be completed. */
	private completedSource(id: string, verb: string, param: string): SoraVideoRecord {
		const source = this.find(id);
		const status = this.render(source).status;
		if (status !== 'completed') {
			throw new ApiError(400, `Video '${source.id}' is ${status}; only a completed video can be ${verb}.`, 'invalid_video_status', param);
		}
		return source;
	}

	/**
	 * `video`: an uploaded file part, or a reference `{id}` (JSON, or `video[id]` in multipart as the SDK sends it).
	 * `input`: the size and seconds of the video the operation starts from (an upload's own, read from its MP4).
	 */
	private checkVideo(value: unknown, verb: string): { source?: SoraVideoRecord; upload?: SoraReceivedFile; input: { size: string; seconds: number } } {
		if (value === undefined) throw missing('video');
		if (value instanceof FilePart) {
			const upload = checkVideoFile(value, 'video');
			const facts = videoFacts(value.data);
			const { width, height } = facts ?? DEFAULT_VIDEO_SIZE;
			return { upload, input: { size: `${width}x${height}`, seconds: Math.max(1, Math.round(facts?.seconds ?? Number(SORA_DEFAULTS.seconds))) } };
		}
		if (value === null || typeof value !== 'object' || Array.isArray(value)) {
			throw new ApiError(400, "Invalid type for 'video': expected a file or an object with an 'id', but got " + describe(value) + ' instead.', 'invalid_type', 'video');
		}
		const reference = value as Record<string, unknown>;
		for (const key of Object.keys(reference)) {
			if (!SORA_VIDEO_REFERENCE_FIELDS.includes(key)) {
				throw new ApiError(400, `Unknown parameter: 'video.${echo(key)}'.`, 'unknown_parameter', `video.${key}`);
			}
		}
		if (typeof reference.id !== 'string' || reference.id === '') throw typeError('video.id', 'a non-empty string', reference.id);
		const source = this.completedSource(reference.id, verb, 'video.id');
		return { source, input: { size: source.size, seconds: Number(source.seconds) } };
	}

	// ---- POST /videos/edits, POST /videos/extensions ----

	private edit(req: FakeRequest): Reply {
		const body = readFields(req);
		checkKnownFields(body, SORA_EDIT_FIELDS);
		const prompt = checkPrompt(body.fields.get('prompt'));
		const { source, upload, input } = this.checkVideo(body.fields.get('video'), 'edited');
		const record = this.newRecord(req, body, 'edit', {
			model: source?.model ?? SORA_DEFAULTS.model,
			size: input.size,
			seconds: String(input.seconds),
			prompt,
			segments: [{ prompt, seconds: input.seconds }],
			remixedFromVideoId: null,
		});
		if (source) record.sourceVideoId = source.id;
		if (upload) record.videoUpload = upload;
		this.edits += 1;
		return { status: 200, json: this.render(record) };
	}

	private extend(req: FakeRequest): Reply {
		const body = readFields(req);
		checkKnownFields(body, SORA_EXTEND_FIELDS);
		const prompt = checkPrompt(body.fields.get('prompt'));
		if (!body.fields.has('seconds')) throw missing('seconds');
		const seconds = this.checkSeconds(body.fields.get('seconds'));
		const { source, upload, input } = this.checkVideo(body.fields.get('video'), 'extended');
		// The result is the source continued: its size, the stitched total as `seconds`, its content and then the new part.
		const before = source?.segments ?? [{ prompt: `The uploaded video (${input.seconds} s)`, seconds: input.seconds }];
		const record = this.newRecord(req, body, 'extend', {
			model: source?.model ?? SORA_DEFAULTS.model,
			size: input.size,
			seconds: String(input.seconds + Number(seconds)),
			prompt,
			segments: [...before, { prompt, seconds: Number(seconds) }],
			remixedFromVideoId: null,
		});
		if (source) record.sourceVideoId = source.id;
		if (upload) record.videoUpload = upload;
		this.extensions += 1;
		return { status: 200, json: this.render(record) };
	}

	// ---- POST /videos/characters, GET /videos/characters/{id} ----

	private createCharacter(req: FakeRequest): Reply {
		const body = readFields(req);
		checkKnownFields(body, SORA_CHARACTER_FIELDS);
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
		const character: SoraCharacterRecord = {
			id: `char_${randomBytes(16).toString('hex')}`,
			name,
			created_at: Math.floor(Date.now() / 1000),
			video: checkVideoFile(video, 'video'),
			encoding: body.encoding,
			fields: Object.fromEntries([...body.fields].map(([key, value]) => [key, received(value)])),
		};
		this.characters.set(character.id, character);
		return { status: 200, json: characterJson(character) };
	}

	private getCharacter(req: FakeRequest): Reply {
		const character = this.characters.get(req.params.id);
		if (!character) {
			throw new ApiError(404, `Character with id '${echo(req.params.id)}' not found.`, 'character_not_found', 'character_id');
		}
		return { status: 200, json: characterJson(character) };
	}

	// ---- GET /models ----

	private models(): Reply {
		const ids = this.options.models ?? [...(this.options.extraModels ?? []), 'gpt-4.1-mini', ...Object.keys(SORA_MODELS)];
		return {
			status: 200,
			json: { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 1_760_000_000, owned_by: 'system' })) },
		};
	}

	// ---- GET /videos/{id}, GET /videos, DELETE /videos/{id} ----

	private retrieve(req: FakeRequest): Reply {
		const record = this.find(req.params.id);
		record.polls += 1;
		const pollAfterMs = this.options.pollAfterMs === undefined ? 1000 : this.options.pollAfterMs;
		return {
			status: 200,
			headers: pollAfterMs === null ? {} : { 'openai-poll-after-ms': String(pollAfterMs) },
			json: this.render(record),
		};
	}

	private list(req: FakeRequest): Reply {
		const limitText = req.query.get('limit');
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
		const order = req.query.get('order') ?? 'desc';
		if (order !== 'asc' && order !== 'desc') {
			throw new ApiError(400, `Invalid value: '${echo(order)}'. Supported values are: 'asc' and 'desc'.`, 'invalid_value', 'order');
		}
		const all = [...this.videos.values()].filter((r) => !r.deleted);
		if (order === 'desc') all.reverse();
		let start = 0;
		const after = req.query.get('after');
		if (after !== null) {
			const index = all.findIndex((r) => r.id === after);
			if (index < 0) throw new ApiError(400, `Invalid 'after': no video with id '${echo(after)}'.`, 'invalid_value', 'after');
			start = index + 1;
		}
		const page = all.slice(start, start + limit).map((r) => this.render(r));
		return {
			status: 200,
			json: {
				object: 'list',
				data: page,
				first_id: page.length ? page[0].id : null,
				last_id: page.length ? page[page.length - 1].id : null,
				has_more: start + limit < all.length,
			},
		};
	}

	private remove(req: FakeRequest): Reply {
		const record = this.find(req.params.id);
		const status = this.render(record).status;
		if (status !== 'completed' && status !== 'failed') {
			throw new ApiError(
				400,
				`Video '${record.id}' is ${status}; only a completed or failed video can be deleted.`,
				'invalid_video_status',
				'video_id',
			);
		}
		record.deleted = true;
		return { status: 200, json: { id: record.id, object: 'video.deleted', deleted: true } };
	}

	// ---- GET /videos/{id}/content ----

	private async content(req: FakeRequest): Promise<Reply> {
		const record = this.find(req.params.id);
		const variant = req.query.get('variant') ?? 'video';
		if (!Object.prototype.hasOwnProperty.call(SORA_CONTENT_VARIANTS, variant)) {
			throw new ApiError(
				400,
				`Invalid value: '${echo(variant)}'. Supported values are: ${quoteList(Object.keys(SORA_CONTENT_VARIANTS))}.`,
				'invalid_value',
				'variant',
			);
		}
		const status = this.render(record).status;
		if (status === 'failed') {
			throw new ApiError(400, `Video '${record.id}' failed; it has no content to download.`, 'video_failed', 'video_id');
		}
		if (status !== 'completed') {
			throw new ApiError(
				400,
				`Video '${record.id}' is not ready yet (status '${status}'). Download its content once the status is 'completed'.`,
				'video_not_ready',
				'video_id',
			);
		}
		const contentType = SORA_CONTENT_VARIANTS[variant];
		if (variant === 'video') {
			if (this.options.videoBytes === undefined) {
				const { width, height } = pixelSize(record.size) ?? DEFAULT_VIDEO_SIZE;
				return await demoVideoReply({ width, height, segments: record.segments }, contentType);
			}
			const length = this.options.videoBytes;
			return { status: 200, headers: { 'content-type': contentType }, stream: fakeVideoStream(length, record.seed), length };
		}
		const image = await this.image(record, variant);
		return { status: 200, headers: { 'content-type': contentType }, stream: Readable.from([image]), length: image.length };
	}

	/** A real WebP thumbnail or JPEG spritesheet, in the video's aspect ratio, made once per video. */
	private async image(record: SoraVideoRecord, variant: string): Promise<Buffer> {
		const key = `${record.id}:${variant}`;
		const cached = this.images.get(key);
		if (cached) return cached;
		const [width, height] = record.size.split('x').map(Number);
		const scale = 320 / Math.max(width, height);
		const thumbWidth = Math.round(width * scale);
		const thumbHeight = Math.round(height * scale);
		const background = { r: (record.seed * 53) % 256, g: (record.seed * 97) % 256, b: 160 };
		let image: Buffer;
		if (variant === 'thumbnail') {
			image = await sharp({ create: { width: thumbWidth, height: thumbHeight, channels: 3, background } }).webp().toBuffer();
		} else {
			// A 5x2 grid of half-size frames.
			const tileWidth = Math.round(thumbWidth / 2);
			const tileHeight = Math.round(thumbHeight / 2);
			image = await sharp({ create: { width: tileWidth * 5, height: tileHeight * 2, channels: 3, background } })
				.jpeg()
				.toBuffer();
		}
		this.images.set(key, image);
		return image;
	}

	// ---- records and their status ----

	private find(id: string): SoraVideoRecord {
		const record = this.videos.get(id);
		if (!record || record.deleted) {
			throw new ApiError(404, `Video with id '${echo(id)}' not found.`, 'video_not_found', 'video_id');
		}
		return record;
	}

	private newRecord(
		req: FakeRequest,
		body: ParsedBody,
		kind: SoraVideoRecord['kind'],
		values: Pick<SoraVideoRecord, 'model' | 'size' | 'seconds' | 'prompt' | 'segments' | 'remixedFromVideoId'>,
	): SoraVideoRecord {
		this.sequence += 1;
		const record: SoraVideoRecord = {
			id: this.options.gateway ? gatewayUpstreamId(values.model) : `video_${randomBytes(24).toString('hex')}`,
			kind,
			encoding: body.encoding,
			fields: Object.fromEntries([...body.fields].map(([key, value]) => [key, received(value)])),
			...values,
			remixedFromVideoId: values.remixedFromVideoId,
			steps: this.scripts.shift() ?? normalizeSteps(DEFAULT_STEPS),
			polls: 0,
			seed: this.sequence,
			createdAt: Math.floor(Date.now() / 1000),
			completedAt: null,
			expiresAt: null,
			deleted: false,
		};
		const organization = header(req, 'openai-organization');
		const project = header(req, 'openai-project');
		if (organization !== undefined) record.organization = organization;
		if (project !== undefined) record.project = project;
		this.videos.set(record.id, record);
		return record;
	}

	private render(record: SoraVideoRecord): SoraVideoObject {
		const pollsPerStage = this.options.pollsPerStage ?? 1;
		const step = record.steps[Math.min(Math.floor(record.polls / pollsPerStage), record.steps.length - 1)];
		if (step.status === 'completed' && record.completedAt === null) {
			record.completedAt = Math.floor(Date.now() / 1000);
			record.expiresAt = record.completedAt + EXPIRY_SECONDS;
		}
		const completed = step.status === 'completed';
		return {
			id: record.id,
			object: 'video',
			model: record.model,
			status: step.status,
			progress: step.progress,
			created_at: record.createdAt,
			completed_at: completed ? record.completedAt : null,
			expires_at: completed ? record.expiresAt : null,
			prompt: record.prompt,
			size: record.size,
			seconds: record.seconds,
			remixed_from_video_id: record.remixedFromVideoId,
			error: step.status === 'failed' ? step.error : null,
		};
	}
}

// ---- request bodies ----

function readFields(req: FakeRequest): ParsedBody {
	const contentType = header(req, 'content-type') ?? '';
	const mediaType = contentType.split(';')[0].trim().toLowerCase();
	if (mediaType === 'application/json') {
		if (req.json === null || typeof req.json !== 'object' || Array.isArray(req.json)) {
			throw new ApiError(
				400,
				"We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
			);
		}
		return { encoding: 'json', fields: new Map(Object.entries(req.json as Record<string, unknown>)) };
	}
	if (mediaType === 'multipart/form-data') {
		let parts: ReturnType<typeof parseMultipart>;
		try {
			parts = parseMultipart(req.body, contentType);
		} catch (error) {
			throw new ApiError(400, `Could not parse the multipart form: ${(error as Error).message}.`);
		}
		const fields = new Map<string, unknown>();
		for (const part of parts) {
			// A part without a filename is text, whatever its content type says.
			const value = part.filename ? new FilePart(part.filename, part.contentType, part.data) : part.data.toString('utf8');
			// The SDK flattens objects into bracket keys: `input_reference[image_url]`, `video[id]`.
			const nested = /^([^[\]]+)\[([^[\]]+)\]$/.exec(part.name);
			if (nested) {
				const [, name, key] = nested;
				const existing = fields.get(name);
				if (existing !== undefined && !isFormObject(existing)) {
					throw new ApiError(400, `Duplicate parameter: '${echo(name)}'.`, 'duplicate_parameter', name);
				}
				const object = (existing as FormObject | undefined) ?? new FormObject();
				if (Object.prototype.hasOwnProperty.call(object, key)) {
					throw new ApiError(400, `Duplicate parameter: '${echo(part.name)}'.`, 'duplicate_parameter', part.name);
				}
				object[key] = value;
				fields.set(name, object);
				continue;
			}
			if (part.name.includes('[') || part.name.includes(']')) {
				throw new ApiError(400, `Unknown parameter: '${echo(part.name)}'.`, 'unknown_parameter', part.name);
			}
			if (fields.has(part.name)) {
				throw new ApiError(400, `Duplicate parameter: '${echo(part.name)}'.`, 'duplicate_parameter', part.name);
			}
			fields.set(part.name, value);
		}
		return { encoding: 'multipart', fields };
	}
	throw new ApiError(
		400,
		`Invalid Content-Type header (${echo(contentType || 'none')}), expected multipart/form-data or application/json.`,
		'invalid_content_type',
	);
}

function checkPrompt(value: unknown): string {
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

async function checkInputReference(value: unknown, encoding: 'json' | 'multipart', size: string): Promise<SoraInputReference> {
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

// ---- helpers ----

function checkKnownFields(body: ParsedBody, known: readonly string[]): void {
	for (const key of body.fields.keys()) {
		if (!known.includes(key)) throw new ApiError(400, `Unknown parameter: '${echo(key)}'.`, 'unknown_parameter', key);
	}
}

function missing(param: string): ApiError {
	return new ApiError(400, `Missing required parameter: '${param}'.`, 'missing_required_parameter', param);
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

function characterJson(character: SoraCharacterRecord): { id: string; created_at: number; name: string } {
	return { id: character.id, created_at: character.created_at, name: character.name };
}

function normalizeSteps(steps: SoraStep[]): SoraStepSpec[] {
	if (steps.length === 0) throw new Error('A Sora script needs at least one step');
	const statuses: SoraStatus[] = ['queued', 'in_progress', 'completed', 'failed'];
	let previousProgress = 0;
	return steps.map((raw, index) => {
		const step = typeof raw === 'string' ? { status: raw } : raw;
		if (!statuses.includes(step.status)) throw new Error(`Unknown status in Sora script: ${String(step.status)}`);
		const last = index === steps.length - 1;
		const terminal = step.status === 'completed' || step.status === 'failed';
		const forever = 'forever' in step && step.forever === true;
		if (terminal && !last) throw new Error(`Sora script step ${index} ('${step.status}') is terminal but not last`);
		if (forever && (!last || terminal)) throw new Error('forever applies to the last, non-terminal step of a Sora script');
		if (last && !terminal && !forever) {
			throw new Error("A Sora script must end with 'completed', 'failed' or a step marked forever: true");
		}
		const defaults: Record<SoraStatus, number> = { queued: 0, in_progress: 50, completed: 100, failed: previousProgress };
		const progress = 'progress' in step && step.progress !== undefined ? step.progress : defaults[step.status];
		if (!Number.isInteger(progress) || progress < 0 || progress > 100) {
			throw new Error(`Sora script progress must be an integer 0..100, got ${progress}`);
		}
		previousProgress = progress;
		const error =
			step.status === 'failed'
				? (('error' in step && step.error) || { code: 'video_generation_failed', message: 'Video generation failed.' })
				: null;
		return { status: step.status, progress, forever, error };
	});
}

function withRequestId(reply: Reply): Reply {
	return { ...reply, headers: { 'x-request-id': `req_${randomBytes(16).toString('hex')}`, ...reply.headers } };
}

function header(req: FakeRequest, name: string): string | undefined {
	const value = req.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

function received(value: unknown): unknown {
	if (isFormObject(value)) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, received(inner)]));
	if (!(value instanceof FilePart)) return value;
	const file: SoraReceivedFile = { filename: value.filename, contentType: value.contentType, bytes: value.data.length };
	return file;
}

function typeError(param: string, expected: string, value: unknown): ApiError {
	return new ApiError(400, `Invalid type for '${param}': expected ${expected}, but got ${describe(value)} instead.`, 'invalid_type', param);
}

/** "an integer", "a string"... as OpenAI's type errors put it. */
function describe(value: unknown): string {
	if (value === null) return 'null';
	if (value instanceof FilePart) return 'a file';
	if (Array.isArray(value)) return 'an array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
	if (typeof value === 'object') return 'an object';
	return `a ${typeof value}`;
}

/** "'4', '8', and '12'" (or with 'or': "'4', '8', or '12'"). */
function quoteList(values: readonly string[], conjunction = 'and'): string {
	const quoted = values.map((v) => `'${v}'`);
	if (quoted.length <= 1) return quoted.join('');
	if (quoted.length === 2) return `${quoted[0]} ${conjunction} ${quoted[1]}`;
	return `${quoted.slice(0, -1).join(', ')}, ${conjunction} ${quoted[quoted.length - 1]}`;
}

/** Client-supplied text echoed in an error, cut short. */
function echo(text: string): string {
	return text.length > MAX_ECHO_CHARS ? `${text.slice(0, MAX_ECHO_CHARS)}...` : text;
}
