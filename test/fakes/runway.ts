/**
 * A strict fake of Runway's developer API (api-contracts.md Part B) on top of FakeServer: task creation
 * (image_to_video, text_to_video) checked model by model against runwayModels.ts, tasks whose status
 * advances one step per GET (never by the clock), cancel and delete, ephemeral uploads through an
 * S3-like bucket, the organization endpoint with credits, and generated output videos.
 *
 * Errors have Runway's shapes: `{"error": "..."}`, and for invalid bodies the Zod-style
 * `{"error":"Validation of body failed","issues":[...],"docUrl":...}`. The upload bucket answers
 * like S3, with XML errors.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { Readable } from 'node:stream';
import sharp from 'sharp';

import { FakeServer, fakeVideoStream, type FakeRequest, type Handler, type Reply } from './common/fakeServer';
import { demoVideoReply } from './common/video';
import { parseMultipart } from './common/multipart';
import {
	RUNWAY_API_VERSION,
	RUNWAY_IMAGE_MEDIA_TYPES,
	RUNWAY_LIMITS,
	RUNWAY_MODELS,
	type RunwayInputSpec,
	type RunwayPromptImagePositions,
} from './runwayModels';

/** A well-formed key (`key_` + 128 hex digits), the fake's default. */
export const FAKE_RUNWAY_KEY = `key_${createHash('sha512').update('fake runway api key').digest('hex')}`;
export const RUNWAY_DOC_URL = 'https://docs.dev.runwayml.com/api';
export const NOT_ENOUGH_CREDITS = 'You do not have enough credits to run this task.';

export type RunwayTaskStatus = 'PENDING' | 'THROTTLED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export interface TaskStepObject {
	status: RunwayTaskStatus;
	/** RUNNING: the progress fraction shown (default 0). */
	progress?: number;
	/** FAILED: the failure text (default 'An unexpected error occurred.'). */
	failure?: string;
	/** FAILED: the machine code; omitted unless given (a plain 'FAILED' step uses 'INTERNAL'). */
	failureCode?: string;
	/** SUCCEEDED: the output URLs (default: one video served by this fake). */
	output?: string[];
	/** Never leave this step. */
	forever?: boolean;
	/** How many GETs this step lasts (default: the pollsPerStage option). */
	polls?: number;
}
export type TaskStep = RunwayTaskStatus | TaskStepObject;

export const DEFAULT_STEPS: readonly TaskStep[] = ['PENDING', { status: 'RUNNING', progress: 0.5 }, 'SUCCEEDED'];

export interface FakeRunwayOptions {
	/** Default FAKE_RUNWAY_KEY. */
	apiKey?: string;
	/** Default 0: a random free port. */
	port?: number;
	/** The path a gateway mounts the API under, e.g. '/runwayml' (default '': the API is at `<url>/v1/...`). */
	prefix?: string;
	/** Serve this many synthetic bytes (fakeVideoStream) as each video; default: a playable MP4 (common/video.ts). */
	videoBytes?: number;
	/** How many GETs of a task each step lasts (default 1). */
	pollsPerStage?: number;
	/** The status sequence of every task not scripted with script() (default DEFAULT_STEPS). */
	steps?: TaskStep[];
	/** Request bodies over this are answered 413 (default: the upload cap plus 1 MiB). */
	maxBodyBytes?: number;
	/** The organization's starting credit balance (default 100000). */
	credits?: number;
	/** Per model: creates beyond this many are answered 429 (default: no limit). */
	dailyLimit?: number;
	/** The cap on an uploaded file (default 200 MB). */
	uploadLimitBytes?: number;
}

export interface FakeRunwayImage {
	/** Where the URI was in the request body, e.g. ['promptImage'] or ['promptImage', 1, 'uri']. */
	path: Array<string | number>;
	/** 'first' for a plain string; absent for a seedance reference image. */
	position?: 'first' | 'last';
	source: 'dataUri' | 'upload' | 'url';
	/** The URI's length in characters. */
	chars: number;
	/** Decoded image facts (data URIs and uploads; URLs are not fetched). */
	width?: number;
	height?: number;
	format?: string;
	bytes?: number;
	uploadId?: string;
	url?: string;
}

export interface FakeRunwayTask {
	id: string;
	endpoint: 'image_to_video' | 'text_to_video';
	model: string;
	createdAt: string;
	/** The request body as received. */
	body: Record<string, unknown>;
	images: FakeRunwayImage[];
	/** Credits charged at creation. */
	credits: number;
	steps: TaskStep[];
	/** The step the task is at now, and how many GETs have shown it. */
	stepIndex: number;
	pollsAtStep: number;
	/** Every GET of this task. */
	polls: number;
	status: RunwayTaskStatus;
	cancelled: boolean;
	/** Deleted tasks stay in the map for inspection but answer 404. */
	deleted: boolean;
}

export interface FakeRunwayUpload {
	id: string;
	filename: string;
	runwayUri: string;
	fields: Record<string, string>;
	completed: boolean;
	data?: Buffer;
	contentType?: string;
	metadata?: string;
}

export interface FakeRunway {
	/** http://127.0.0.1:<port>, no trailing slash. */
	readonly url: string;
	/** url + prefix: what a node's base URL setting holds. */
	readonly baseUrl: string;
	readonly prefix: string;
	readonly server: FakeServer;
	readonly apiKey: string;
	/** Accepted task creations (image_to_video + text_to_video). */
	readonly creates: number;
	creditBalance: number;
	readonly tasks: Map<string, FakeRunwayTask>;
	/** Keyed by upload id. */
	readonly uploads: Map<string, FakeRunwayUpload>;
	/** The status sequence of the next created task (queued: each call scripts one more task). */
	script(steps: TaskStep[]): void;
	close(): Promise<void>;
}

export async function startFakeRunway(options: FakeRunwayOptions = {}): Promise<FakeRunway> {
	const fake = new FakeRunwayServer(options);
	await fake.server.listen(options.port ?? 0);
	return fake;
}

type Endpoint = FakeRunwayTask['endpoint'];
type Path = Array<string | number>;
interface Issue {
	code: string;
	path: Path;
	message: string;
	[key: string]: unknown;
}
interface ImageRef {
	path: Path;
	uri: string;
	position?: 'first' | 'last';
}

class FakeRunwayServer implements FakeRunway {
	readonly server: FakeServer;
	readonly apiKey: string;
	readonly prefix: string;
	readonly tasks = new Map<string, FakeRunwayTask>();
	readonly uploads = new Map<string, FakeRunwayUpload>();
	creditBalance: number;
	private createCount = 0;
	private readonly scripts: TaskStep[][] = [];
	private readonly usage = new Map<string, number>();
	private readonly videoBytes?: number;
	private readonly defaultSteps: readonly TaskStep[];
	private readonly pollsPerStage: number;
	private readonly dailyLimit?: number;
	private readonly uploadLimit: number;

	constructor(options: FakeRunwayOptions) {
		this.apiKey = options.apiKey ?? FAKE_RUNWAY_KEY;
		const prefix = (options.prefix ?? '').replace(/\/+$/, '');
		this.prefix = prefix === '' || prefix.startsWith('/') ? prefix : `/${prefix}`;
		this.videoBytes = options.videoBytes;
		this.defaultSteps = options.steps ?? DEFAULT_STEPS;
		this.pollsPerStage = options.pollsPerStage ?? 1;
		this.creditBalance = options.credits ?? 100000;
		this.dailyLimit = options.dailyLimit;
		this.uploadLimit = options.uploadLimitBytes ?? RUNWAY_LIMITS.uploadBytes;
		this.server = new FakeServer({
			maxBodyBytes: options.maxBodyBytes ?? this.uploadLimit + 1024 * 1024,
			tooLargeBody: { error: 'Request body too large.' },
		});

		const v1 = `${this.prefix}/v1`;
		this.server.route('POST', `${v1}/image_to_video`, this.api((req) => this.create('image_to_video', req)));
		this.server.route('POST', `${v1}/text_to_video`, this.api((req) => this.create('text_to_video', req)));
		this.server.route('GET', `${v1}/tasks/:id`, this.api((req) => this.getTask(req)));
		this.server.route('DELETE', `${v1}/tasks/:id`, this.api((req) => this.deleteTask(req)));
		this.server.route('POST', `${v1}/uploads`, this.api((req) => this.startUpload(req)));
		this.server.route('GET', `${v1}/organization`, this.api(() => this.organization()));
		// Outside the API: a storage bucket and signed output URLs, no Runway auth.
		this.server.route('POST', '/upload-bucket/:id', (req) => this.receiveUpload(req));
		this.server.route('GET', '/outputs/:file', (req) => this.download(req));
	}

	get url(): string {
		return this.server.url;
	}

	get baseUrl(): string {
		return this.server.url + this.prefix;
	}

	get creates(): number {
		return this.createCount;
	}

	script(steps: TaskStep[]): void {
		if (steps.length === 0) throw new Error('script() needs at least one step');
		this.scripts.push([...steps]);
	}

	async close(): Promise<void> {
		await this.server.close();
	}

	/** Auth, version header and (for POST) a JSON body, before the route's own handler. */
	private api(handler: Handler): Handler {
		return (req) => {
			if (req.headers.authorization !== `Bearer ${this.apiKey}`) {
				return {
					status: 401,
					json: { error: 'Invalid API key. Send it as "Authorization: Bearer <key>" (keys look like key_ followed by 128 hex digits).' },
				};
			}
			const version = req.headers['x-runway-version'];
			if (version !== RUNWAY_API_VERSION) {
				const problem = version === undefined ? 'Missing' : 'Unsupported';
				return { status: 400, json: { error: `${problem} X-Runway-Version header. Send X-Runway-Version: ${RUNWAY_API_VERSION}.` } };
			}
			if (req.method === 'POST') {
				if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
					return { status: 400, json: { error: 'Content-Type must be application/json.' } };
				}
				if (req.json === undefined) return { status: 400, json: { error: 'The request body is not valid JSON.' } };
			}
			return handler(req);
		};
	}

	private async create(endpoint: Endpoint, req: FakeRequest): Promise<Reply> {
		const body = req.json;
		if (!isObject(body)) return invalid([issue.type([], 'object', body)]);
		const { issues, images } = checkBody(endpoint, body);
		if (issues.length > 0) return invalid(issues);
		const resolved = await Promise.all(images.map((ref) => this.resolveImage(ref)));
		const assetIssues = resolved.filter((r): r is Issue => 'code' in r);
		if (assetIssues.length > 0) return invalid(assetIssues);

		const model = body.model as string;
		const used = this.usage.get(model) ?? 0;
		if (this.dailyLimit !== undefined && used >= this.dailyLimit) {
			return { status: 429, json: { error: `You have reached the maximum number of daily generations for ${model}.` } };
		}
		const spec = RUNWAY_MODELS[model];
		const perSecond = body.audio === true && spec.creditsPerSecondWithAudio !== undefined ? spec.creditsPerSecondWithAudio : spec.creditsPerSecond;
		const cost = perSecond * (typeof body.duration === 'number' ? body.duration : spec.defaultDuration);
		if (cost > this.creditBalance) return { status: 400, json: { error: NOT_ENOUGH_CREDITS } };

		this.creditBalance -= cost;
		this.usage.set(model, used + 1);
		this.createCount++;
		const steps = this.scripts.shift() ?? [...this.defaultSteps];
		const task: FakeRunwayTask = {
			id: randomUUID(),
			endpoint,
			model,
			createdAt: new Date().toISOString(),
			body,
			images: resolved as FakeRunwayImage[],
			credits: cost,
			steps,
			stepIndex: 0,
			pollsAtStep: 0,
			polls: 0,
			status: stepObject(steps[0]).status,
			cancelled: false,
			deleted: false,
		};
		this.tasks.set(task.id, task);
		return { status: 200, json: { id: task.id } };
	}

	/** Asset checks on one image URI; the image facts, or the issue. */
	private async resolveImage(ref: ImageRef): Promise<FakeRunwayImage | Issue> {
		const { uri, path } = ref;
		const field = String(path[0]);
		const base = { path, ...(ref.position ? { position: ref.position } : {}), chars: uri.length };
		const fail = (message: string): Issue => issue.custom(path, message);

		if (/^data:/i.test(uri)) {
			const max = RUNWAY_LIMITS.imageDataUriChars;
			if (uri.length > max) {
				return {
					code: 'too_big',
					origin: 'string',
					maximum: max,
					inclusive: true,
					path,
					message: `${field}: a data URI may be at most 5 MB (${max} characters); this one has ${uri.length}. Upload the image or pass an HTTPS URL instead.`,
				};
			}
			const match = /^data:([^,]*),(.*)$/s.exec(uri);
			if (!match) return fail('Invalid data URI.');
			const [mediaType, ...params] = match[1].split(';').map((p) => p.trim().toLowerCase());
			if (!RUNWAY_IMAGE_MEDIA_TYPES.includes(mediaType)) {
				return fail(`Unsupported asset type: "${mediaType}" (images must be image/jpeg, image/png or image/webp).`);
			}
			const data = match[2];
			if (!params.includes('base64') || data.length === 0 || data.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) {
				return fail('Invalid data URI.');
			}
			const bytes = Buffer.from(data, 'base64');
			const image = await readImage(bytes);
			if (!image) return fail('Invalid data URI. The data is not a readable JPEG, PNG or WebP image.');
			if (`image/${image.format}` !== mediaType) {
				return fail(`Unsupported asset type: the data URI says ${mediaType} but the data is ${image.format}.`);
			}
			return { ...base, source: 'dataUri', ...image, bytes: bytes.length };
		}

		if (uri.length > RUNWAY_LIMITS.urlChars) return fail(`Invalid URL: longer than ${RUNWAY_LIMITS.urlChars} characters.`);
		let url: URL;
		try {
			url = new URL(uri);
		} catch {
			return fail('Invalid URL');
		}
		if (url.protocol === 'runway:') {
			const upload = [...this.uploads.values()].find((u) => u.runwayUri === uri);
			if (!upload?.completed || !upload.data) return fail('Invalid runway:// URI: no completed upload has this URI.');
			const image = await readImage(upload.data);
			if (!image || !['jpeg', 'png', 'webp'].includes(image.format)) {
				return fail('Unsupported asset type: the uploaded file is not a readable JPEG, PNG or WebP image.');
			}
			return { ...base, source: 'upload', ...image, bytes: upload.data.length, uploadId: upload.id };
		}
		if (url.protocol !== 'https:') return fail('Only HTTPS URLs are allowed.');
		const host = url.hostname.replace(/^\[|\]$/g, '');
		if (isIP(host) !== 0 || !host.includes('.')) return fail('URLs must be hosted on a domain.');
		return { ...base, source: 'url', url: uri };
	}

	private liveTask(id: string): FakeRunwayTask | undefined {
		const task = this.tasks.get(id);
		return task && !task.deleted ? task : undefined;
	}

	private getTask(req: FakeRequest): Reply {
		const task = this.liveTask(req.params.id);
		if (!task) return notFound();
		if (!task.cancelled) {
			const step = task.steps[task.stepIndex];
			const { forever, polls } = stepObject(step);
			const canLeave = !isTerminal(task.status) && !forever && task.stepIndex < task.steps.length - 1;
			if (canLeave && task.pollsAtStep >= (polls ?? this.pollsPerStage)) {
				task.stepIndex++;
				task.pollsAtStep = 0;
				task.status = stepObject(task.steps[task.stepIndex]).status;
			}
		}
		task.pollsAtStep++;
		task.polls++;
		return { status: 200, json: this.view(task) };
	}

	private view(task: FakeRunwayTask): Record<string, unknown> {
		const base = { id: task.id, createdAt: task.createdAt, status: task.status };
		if (task.cancelled) return base;
		const step = stepObject(task.steps[task.stepIndex]);
		switch (step.status) {
			case 'RUNNING':
				return { ...base, progress: step.progress ?? 0 };
			case 'SUCCEEDED':
				return { ...base, output: step.output ?? [`${this.url}/outputs/${task.id}.mp4`] };
			case 'FAILED':
				return {
					...base,
					failure: step.failure ?? 'An unexpected error occurred.',
					...(step.failureCode !== undefined ? { failureCode: step.failureCode } : {}),
				};
			default:
				return base;
		}
	}

	/** Cancels a pending, throttled or running task; deletes any other. */
	private deleteTask(req: FakeRequest): Reply {
		const task = this.liveTask(req.params.id);
		if (!task) return notFound();
		if (isTerminal(task.status)) {
			task.deleted = true;
		} else {
			task.cancelled = true;
			task.status = 'CANCELLED';
		}
		return { status: 204 };
	}

	private startUpload(req: FakeRequest): Reply {
		const body = req.json;
		if (!isObject(body)) return invalid([issue.type([], 'object', body)]);
		const issues: Issue[] = [];
		const unknown = Object.keys(body).filter((k) => k !== 'filename' && k !== 'type');
		if (unknown.length > 0) issues.push(issue.unrecognized([], unknown));
		const filename = body.filename;
		if (typeof filename !== 'string') issues.push(issue.type(['filename'], 'string', filename));
		else if (!/^[^/\\]+\.[A-Za-z0-9]+$/.test(filename)) {
			issues.push(issue.custom(['filename'], 'The filename must be a file name with an extension, e.g. image.png.'));
		}
		if (body.type !== 'ephemeral') issues.push(issue.option(['type'], ['ephemeral']));
		if (issues.length > 0) return invalid(issues);

		const id = randomUUID();
		const date = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
		const fields: Record<string, string> = {
			key: `ephemeral/${id}/${filename as string}`,
			policy: Buffer.from(
				JSON.stringify({ expiration: new Date(Date.now() + 3600_000).toISOString(), conditions: [['content-length-range', 1, this.uploadLimit]] }),
			).toString('base64'),
			'x-amz-algorithm': 'AWS4-HMAC-SHA256',
			'x-amz-credential': `AKIAFAKERUNWAY/${date.slice(0, 8)}/us-east-1/s3/aws4_request`,
			'x-amz-date': date,
			'x-amz-signature': randomBytes(32).toString('hex'),
		};
		const upload: FakeRunwayUpload = { id, filename: filename as string, runwayUri: `runway://upload/${id}`, fields, completed: false };
		this.uploads.set(id, upload);
		return { status: 200, json: { uploadUrl: `${this.url}/upload-bucket/${id}`, fields, runwayUri: upload.runwayUri } };
	}

	/** The presigned POST, answered the way S3 answers one. */
	private receiveUpload(req: FakeRequest): Reply {
		const upload = this.uploads.get(req.params.id);
		if (!upload) return s3Error(403, 'AccessDenied', 'Invalid according to Policy: Policy Condition failed: ["eq", "$key", ...]');
		if (req.headers.authorization !== undefined) {
			return s3Error(
				400,
				'InvalidArgument',
				'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
			);
		}
		const contentType = req.headers['content-type'] ?? '';
		if (!/^multipart\/form-data/i.test(contentType)) {
			return s3Error(412, 'PreconditionFailed', 'Bucket POST must be of the enclosure-type multipart/form-data');
		}
		let parts: ReturnType<typeof parseMultipart>;
		try {
			parts = parseMultipart(req.body, contentType);
		} catch {
			return s3Error(400, 'MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data.');
		}
		const files = parts.filter((p) => p.name === 'file');
		if (files.length !== 1) return s3Error(400, 'InvalidArgument', 'POST requires exactly one file upload per request.');
		if (parts[parts.length - 1].name !== 'file') {
			return s3Error(400, 'InvalidArgument', 'The file must be the last part of the form; S3 ignores every field after it.');
		}
		const sent = new Map(parts.slice(0, -1).map((p) => [p.name.toLowerCase(), p.data.toString('utf8')]));
		for (const [name, value] of Object.entries(upload.fields)) {
			if (!sent.has(name)) return s3Error(400, 'InvalidArgument', `Bucket POST must contain a field named '${name}'.`);
			if (sent.get(name) !== value) {
				return s3Error(403, 'AccessDenied', `Invalid according to Policy: Policy Condition failed: ["eq", "$${name}", "${value}"]`);
			}
		}
		const extra = [...sent.keys()].filter((name) => name !== 'metadata' && !(name in upload.fields));
		if (extra.length > 0) return s3Error(403, 'AccessDenied', `Invalid according to Policy: Extra input fields: ${extra.join(', ')}`);
		const file = files[0];
		if (file.data.length > this.uploadLimit) return s3Error(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
		if (file.data.length === 0) return s3Error(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size');
		upload.completed = true;
		upload.data = file.data;
		upload.contentType = file.contentType;
		upload.metadata = sent.get('metadata');
		return { status: 204 };
	}

	private organization(): Reply {
		const models = Object.keys(RUNWAY_MODELS);
		return {
			status: 200,
			json: {
				creditBalance: this.creditBalance,
				tier: {
					maxMonthlyCreditSpend: 10000,
					models: Object.fromEntries(
						models.map((m) => [m, { maxConcurrentGenerations: 2, maxDailyGenerations: this.dailyLimit ?? 200 }]),
					),
				},
				usage: { models: Object.fromEntries([...this.usage].map(([m, n]) => [m, { dailyGenerations: n }])) },
			},
		};
	}

	/** A signed output URL: no auth; only a SUCCEEDED, undeleted task's video. */
	private download(req: FakeRequest): Reply | Promise<Reply> {
		const id = /^(.+)\.mp4$/.exec(req.params.file)?.[1];
		const task = id === undefined ? undefined : this.liveTask(id);
		if (!task || task.status !== 'SUCCEEDED') return s3Error(404, 'NoSuchKey', 'The specified key does not exist.');
		if (this.videoBytes === undefined) return demoVideoReply({ size: String(task.body.ratio ?? '1280:720'), prompt: String(task.body.promptText ?? '') });
		return { status: 200, headers: { 'content-type': 'video/mp4' }, stream: fakeVideoStream(this.videoBytes), length: this.videoBytes };
	}
}

// ---- body validation (Zod-style issues) ----

function checkBody(endpoint: Endpoint, body: Record<string, unknown>): { issues: Issue[]; images: ImageRef[] } {
	const key = endpoint === 'image_to_video' ? 'imageToVideo' : 'textToVideo';
	const models = Object.keys(RUNWAY_MODELS).filter((m) => RUNWAY_MODELS[m][key]);
	const model = body.model;
	const spec = typeof model === 'string' && models.includes(model) ? RUNWAY_MODELS[model][key] : undefined;
	if (!spec) return { issues: [issue.option(['model'], models)], images: [] };

	const issues: Issue[] = [];
	const images: ImageRef[] = [];
	const unknown = Object.keys(body).filter((k) => k !== 'model' && !spec.fields.includes(k));
	if (unknown.length > 0) issues.push(issue.unrecognized([], unknown));
	for (const field of spec.fields) {
		const value = body[field];
		if (value === undefined) {
			if (spec.required.includes(field)) issues.push(missing(field, spec));
			continue;
		}
		checkField(field, value, spec, body, issues, images);
	}
	return { issues, images };
}

function missing(field: string, spec: RunwayInputSpec): Issue {
	if (field === 'ratio' && spec.ratios) return issue.option([field], spec.ratios);
	if (field === 'duration' && spec.duration && 'values' in spec.duration) return issue.option([field], spec.duration.values);
	return issue.type([field], field === 'duration' ? 'number' : 'string', undefined);
}

function checkField(field: string, value: unknown, spec: RunwayInputSpec, body: Record<string, unknown>, issues: Issue[], images: ImageRef[]): void {
	const path = [field];
	switch (field) {
		case 'promptImage':
			checkPromptImage(value, spec.positions ?? 'first', issues, images);
			return;
		case 'promptText':
			if (typeof value !== 'string') issues.push(issue.type(path, 'string', value));
			else if (value.length < spec.promptText.min) issues.push(issue.small(path, 'string', spec.promptText.min));
			else if (spec.promptText.max !== undefined && value.length > spec.promptText.max) issues.push(issue.big(path, 'string', spec.promptText.max));
			return;
		case 'negativePrompt':
			if (typeof value !== 'string') issues.push(issue.type(path, 'string', value));
			return;
		case 'ratio':
			if (!spec.ratios?.includes(value as string)) issues.push(issue.option(path, spec.ratios ?? []));
			return;
		case 'duration': {
			const rule = spec.duration ?? { min: 1 };
			if ('values' in rule) {
				if (!rule.values.includes(value as number)) issues.push(issue.option(path, rule.values));
			} else {
				checkInteger(path, value, rule.min, rule.max, issues);
			}
			return;
		}
		case 'seed':
			checkInteger(path, value, 0, RUNWAY_LIMITS.seedMax, issues);
			return;
		case 'audio':
			if (typeof value !== 'boolean') issues.push(issue.type(path, 'boolean', value));
			return;
		case 'contentModeration': {
			if (!isObject(value)) {
				issues.push(issue.type(path, 'object', value));
				return;
			}
			const unknown = Object.keys(value).filter((k) => k !== 'publicFigureThreshold');
			if (unknown.length > 0) issues.push(issue.unrecognized(path, unknown));
			const threshold = value.publicFigureThreshold;
			if (threshold !== undefined && threshold !== 'auto' && threshold !== 'low') {
				issues.push(issue.option([field, 'publicFigureThreshold'], ['auto', 'low']));
			}
			return;
		}
		case 'references':
			checkObjectArray(path, value, RUNWAY_LIMITS.maxReferenceImages, undefined, issues, (uri, uriPath) => images.push({ path: uriPath, uri }));
			return;
		case 'referenceAudio':
			checkObjectArray(path, value, undefined, 'audio', issues, () => undefined);
			if (body.promptText === undefined) issues.push(issue.custom(path, 'Audio references require a text prompt (promptText).'));
			return;
		case 'referenceVideos':
			checkObjectArray(path, value, undefined, 'video', issues, () => undefined);
			return;
		default: {
			const values = spec.enums?.[field];
			if (values && !values.includes(value as string)) issues.push(issue.option(path, values));
		}
	}
}

function checkInteger(path: Path, value: unknown, min: number, max: number | undefined, issues: Issue[]): void {
	if (typeof value !== 'number') issues.push(issue.type(path, 'number', value));
	else if (!Number.isInteger(value)) issues.push(issue.type(path, 'int', value));
	else if (value < min) issues.push(issue.small(path, 'number', min));
	else if (max !== undefined && value > max) issues.push(issue.big(path, 'number', max));
}

/** An array of `{uri}` or `{type, uri}` objects. */
function checkObjectArray(
	path: Path,
	value: unknown,
	maxItems: number | undefined,
	type: string | undefined,
	issues: Issue[],
	onUri: (uri: string, uriPath: Path) => void,
): void {
	if (!Array.isArray(value)) {
		issues.push(issue.type(path, 'array', value));
		return;
	}
	if (maxItems !== undefined && value.length > maxItems) issues.push(issue.big(path, 'array', maxItems));
	value.forEach((item: unknown, i) => {
		const itemPath = [...path, i];
		if (!isObject(item)) {
			issues.push(issue.type(itemPath, 'object', item));
			return;
		}
		const allowed = type === undefined ? ['uri'] : ['type', 'uri'];
		const unknown = Object.keys(item).filter((k) => !allowed.includes(k));
		if (unknown.length > 0) issues.push(issue.unrecognized(itemPath, unknown));
		if (type !== undefined && item.type !== type) issues.push(issue.option([...itemPath, 'type'], [type]));
		if (typeof item.uri !== 'string') issues.push(issue.type([...itemPath, 'uri'], 'string', item.uri));
		else onUri(item.uri, [...itemPath, 'uri']);
	});
}

function checkPromptImage(value: unknown, positions: RunwayPromptImagePositions, issues: Issue[], images: ImageRef[]): void {
	const path = ['promptImage'];
	if (typeof value === 'string') {
		images.push({ path, uri: value, position: 'first' });
		return;
	}
	if (!Array.isArray(value)) {
		issues.push(issue.type(path, 'string | array', value));
		return;
	}
	const maxItems = positions === 'first' ? 1 : positions === 'firstAndLast' ? 2 : RUNWAY_LIMITS.maxReferenceImages;
	if (value.length === 0) issues.push(issue.small(path, 'array', 1));
	if (value.length > maxItems) issues.push(issue.big(path, 'array', maxItems));
	const allowed = positions === 'first' ? ['first'] : ['first', 'last'];
	const before = issues.length;
	const refs: ImageRef[] = [];
	value.forEach((item: unknown, i) => {
		const itemPath = [...path, i];
		if (!isObject(item)) {
			issues.push(issue.type(itemPath, 'object', item));
			return;
		}
		const unknown = Object.keys(item).filter((k) => k !== 'uri' && k !== 'position');
		if (unknown.length > 0) issues.push(issue.unrecognized(itemPath, unknown));
		const position = item.position;
		const optional = positions === 'keyframesOrReferences';
		if (!(position === undefined && optional) && !allowed.includes(position as string)) {
			issues.push(issue.option([...itemPath, 'position'], allowed));
		}
		if (typeof item.uri !== 'string') issues.push(issue.type([...itemPath, 'uri'], 'string', item.uri));
		else refs.push({ path: [...itemPath, 'uri'], uri: item.uri, ...(position !== undefined ? { position: position as 'first' | 'last' } : {}) });
	});
	if (issues.length > before) return;

	const placed = refs.map((r) => r.position).filter((p) => p !== undefined);
	if (new Set(placed).size !== placed.length) issues.push(issue.custom(path, 'Each position (first, last) may be given only once.'));
	if (positions === 'firstAndLast' && !placed.includes('first')) {
		issues.push(issue.custom(path, 'A first frame is required: this model does not support generating with only a last frame.'));
	}
	if (positions === 'keyframesOrReferences' && placed.length > 0 && placed.length < refs.length) {
		issues.push(issue.custom(path, 'Keyframe images (position first/last) and reference images (no position) cannot be mixed.'));
	}
	if (issues.length === before) images.push(...refs);
}

const issue = {
	option: (path: Path, values: readonly (string | number)[]): Issue => ({
		code: 'invalid_value',
		values: [...values],
		path,
		message: `Invalid option: expected one of ${values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join('|')}`,
	}),
	type: (path: Path, expected: string, value: unknown): Issue => ({
		code: 'invalid_type',
		expected,
		path,
		message: `Invalid input: expected ${expected}, received ${received(value)}`,
	}),
	small: (path: Path, origin: 'string' | 'number' | 'array', minimum: number): Issue => ({
		code: 'too_small',
		origin,
		minimum,
		inclusive: true,
		path,
		message: `Too small: expected ${origin} to ${bound(origin, '>=', minimum)}`,
	}),
	big: (path: Path, origin: 'string' | 'number' | 'array', maximum: number): Issue => ({
		code: 'too_big',
		origin,
		maximum,
		inclusive: true,
		path,
		message: `Too big: expected ${origin} to ${bound(origin, '<=', maximum)}`,
	}),
	unrecognized: (path: Path, keys: string[]): Issue => ({
		code: 'unrecognized_keys',
		keys,
		path,
		message: `Unrecognized key${keys.length > 1 ? 's' : ''}: ${keys.map((k) => `"${k}"`).join(', ')}`,
	}),
	custom: (path: Path, message: string): Issue => ({ code: 'custom', path, message }),
};

function bound(origin: 'string' | 'number' | 'array', op: string, limit: number): string {
	if (origin === 'number') return `be ${op}${limit}`;
	return `have ${op}${limit} ${origin === 'string' ? 'characters' : 'items'}`;
}

function received(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

function invalid(issues: Issue[]): Reply {
	return { status: 400, json: { error: 'Validation of body failed', issues, docUrl: RUNWAY_DOC_URL } };
}

function notFound(): Reply {
	return { status: 404, json: { error: 'Task not found.' } };
}

function s3Error(status: number, code: string, message: string): Reply {
	const escaped = message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
	const xml = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escaped}</Message></Error>`);
	return { status, headers: { 'content-type': 'application/xml' }, stream: Readable.from([xml]), length: xml.length };
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTerminal(status: RunwayTaskStatus): boolean {
	return status === 'SUCCEEDED' || status === 'FAILED' || status === 'CANCELLED';
}

function stepObject(step: TaskStep): TaskStepObject {
	if (typeof step !== 'string') return step;
	return step === 'FAILED' ? { status: step, failureCode: 'INTERNAL' } : { status: step };
}

/** Width, height and format of a fully decodable image; undefined when sharp cannot decode it. */
async function readImage(bytes: Buffer): Promise<{ width: number; height: number; format: string } | undefined> {
	try {
		const meta = await sharp(bytes).metadata();
		await sharp(bytes).stats();
		if (!meta.width || !meta.height || !meta.format) return undefined;
		return { width: meta.width, height: meta.height, format: meta.format };
	} catch {
		return undefined;
	}
}
