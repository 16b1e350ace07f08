/**
 * A strict fake of the OpenAI Videos API (`/v1/videos`, "Sora"), as served by OpenAI until 2026-09-24
 * and by the gateways that still speak it (the `openai` SDK's videos types; test/contract/sora.test.ts holds the fake to them). Real HTTP on 127.0.0.1 through
 * FakeServer, so faults (`server.inject()`) and the request log (`server.requests`) come with it.
 *
 * Status never moves by wall clock: a video advances one step of its script per `GET /videos/{id}`
 * (times `pollsPerStage`).
 *
 * This file is the server: its routes and the records they keep. Beside it: soraTypes.ts (the options and records),
 * soraAccess.ts (key, gateway headers, query), soraForm.ts (reading JSON and multipart bodies), soraChecks.ts (what
 * a body may hold, and the error for what it may not), soraErrors.ts (OpenAI's error envelope), soraScript.ts (the
 * status scripts), soraModels.ts (the contract's data) and soraGateway.ts (LiteLLM in front of it).
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import sharp from 'sharp';

import { FakeServer, fakeVideoStream, type FakeRequest, type Handler, type Reply } from './common/fakeServer';
import { DEFAULT_VIDEO_SIZE, demoVideoReply, pixelSize } from './common/video';
import { authenticate, checkGatewayHeaders, checkQuery } from './soraAccess';
import {
	checkCharacter,
	checkInputReference,
	checkKnownFields,
	checkListQuery,
	checkModel,
	checkPrompt,
	checkSeconds,
	checkSize,
	checkVariant,
	checkVideoInput,
	modelSizes,
} from './soraChecks';
import { ApiError, echo, missing, soraErrorBody, withRequestId } from './soraErrors';
import { readFields, received, header, type ParsedBody } from './soraForm';
import { gatewayUpstreamId, registerGatewayRoutes, unwrapGatewayId } from './soraGateway';
import {
	SORA_CHARACTER_FIELDS,
	SORA_CONTENT_VARIANTS,
	SORA_CREATE_FIELDS,
	SORA_DEFAULTS,
	SORA_EDIT_FIELDS,
	SORA_EXTEND_FIELDS,
	SORA_MODELS,
	SORA_REMIX_FIELDS,
} from './soraModels';
import { DEFAULT_STEPS, normalizeSteps, stepAt } from './soraScript';
import type {
	FakeSora,
	FakeSoraOptions,
	SoraCharacterRecord,
	SoraReceivedFile,
	SoraStep,
	SoraStepSpec,
	SoraVideoObject,
	SoraVideoRecord,
} from './soraTypes';

export type * from './soraTypes';
export { soraErrorBody };

/** The key the fake accepts unless told otherwise. Clearly fake, yet shaped like an OpenAI key. */
export const FAKE_SORA_KEY = 'sk-fake-sora-5f0d2c1e9b7a4e63a1c8d4f2b6e0a9c7';

const EXPIRY_SECONDS = 3600;

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
			registerGatewayRoutes(this.server, this.prefix, {
				checkAccess: (req) => this.checkAccess(req),
				routes: (model) => modelSizes(model, this.options) !== undefined,
				models: this.options.models !== null ? () => this.models() : undefined,
				create: (req) => this.create(req),
				retrieve: (req) => this.retrieve(req),
				content: (req) => this.content(req),
				remix: (req) => this.remix(req),
			});
			return;
		}
		const p = this.prefix;
		// The fixed paths first: /videos/characters/{id} must not read as a video id.
		this.server.route(
			'POST',
			`${p}/videos/edits`,
			this.guard((req) => this.edit(req)),
		);
		this.server.route(
			'POST',
			`${p}/videos/extensions`,
			this.guard((req) => this.extend(req)),
		);
		this.server.route(
			'POST',
			`${p}/videos/characters`,
			this.guard((req) => this.createCharacter(req)),
		);
		this.server.route(
			'GET',
			`${p}/videos/characters/:id`,
			this.guard((req) => this.getCharacter(req)),
		);
		if (this.options.models !== null)
			this.server.route(
				'GET',
				`${p}/models`,
				this.guard(() => this.models()),
			);
		this.server.route(
			'POST',
			`${p}/videos`,
			this.guard((req) => this.create(req)),
		);
		this.server.route(
			'GET',
			`${p}/videos`,
			this.guard((req) => this.list(req)),
		);
		this.server.route(
			'GET',
			`${p}/videos/:id`,
			this.guard((req) => this.retrieve(req)),
		);
		this.server.route(
			'DELETE',
			`${p}/videos/:id`,
			this.guard((req) => this.remove(req)),
		);
		this.server.route(
			'GET',
			`${p}/videos/:id/content`,
			this.guard((req) => this.content(req)),
		);
		this.server.route(
			'POST',
			`${p}/videos/:id/remix`,
			this.guard((req) => this.remix(req)),
		);
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
				this.checkAccess(req);
				checkQuery(req, this.options.requiredQuery);
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

	/** A gateway's own headers first, then the key. */
	private checkAccess(req: FakeRequest): void {
		checkGatewayHeaders(req, this.options.requiredHeaders);
		authenticate(req, this.apiKey, this.options.authStyle);
	}

	// ---- POST /videos ----

	private async create(req: FakeRequest): Promise<Reply> {
		const body = readFields(req);
		const fields = body.fields;
		checkKnownFields(body, SORA_CREATE_FIELDS);
		const prompt = checkPrompt(fields.get('prompt'));
		const model = checkModel(fields.get('model'), this.options);
		const size = checkSize(fields.get('size'), model, this.options);
		const seconds = checkSeconds(fields.get('seconds'), this.options);
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

	/** `video` (checkVideoInput): an upload as it is, a reference as the completed video it names. */
	private videoInput(
		value: unknown,
		verb: string,
	): { source?: SoraVideoRecord; upload?: SoraReceivedFile; input: { size: string; seconds: number } } {
		const checked = checkVideoInput(value);
		if (!('id' in checked)) return checked;
		const source = this.completedSource(checked.id, verb, 'video.id');
		return { source, input: { size: source.size, seconds: Number(source.seconds) } };
	}

	// ---- POST /videos/edits, POST /videos/extensions ----

	private edit(req: FakeRequest): Reply {
		const body = readFields(req);
		checkKnownFields(body, SORA_EDIT_FIELDS);
		const prompt = checkPrompt(body.fields.get('prompt'));
		const { source, upload, input } = this.videoInput(body.fields.get('video'), 'edited');
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
		const seconds = checkSeconds(body.fields.get('seconds'), this.options);
		const { source, upload, input } = this.videoInput(body.fields.get('video'), 'extended');
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
		const { name, video } = checkCharacter(body);
		const character: SoraCharacterRecord = {
			id: `char_${randomBytes(16).toString('hex')}`,
			name,
			created_at: Math.floor(Date.now() / 1000),
			video,
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
		const { limit, order } = checkListQuery(req.query);
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
		const variant = checkVariant(req.query);
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
			image = await sharp({ create: { width: thumbWidth, height: thumbHeight, channels: 3, background } })
				.webp()
				.toBuffer();
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
		const step = stepAt(record.steps, record.polls, this.options.pollsPerStage ?? 1);
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

function characterJson(character: SoraCharacterRecord): { id: string; created_at: number; name: string } {
	return { id: character.id, created_at: character.created_at, name: character.name };
}
