/**
 * A strict fake of Runway's developer API on top of FakeServer: task creation on the video endpoints
 * (image_to_video, text_to_video, video_to_video, video_upscale, character_performance, video_to_hdr,
 * avatar_videos) checked model by model against the pinned @runwayml/sdk's contract (runwayModels.ts reads it),
 * the Model Router (generate/video: a saved config picks the model; its input checked against the SDK's too), `estimatedCost` on creates and
 * unfinished tasks and `cost` on finished ones, outputs of every kind (mp4, ProRes mov, PNG-sequence zip with
 * a separate wav, a colorimetry json), tasks whose status
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
import { demoVideoReply, videoFacts } from './common/video';
import { ROUTER_RATIOS, runwayOutputVideo } from './runwayOutput';
import { parseMultipart } from './common/multipart';
import type { Endpoint as ContractEndpoint, ModelRules, Positions } from '../../nodes/RunwayVideo/models/types';
import {
	AUTO_DURATION_CHARGE,
	CREDITS_PER_SECOND,
	CREDITS_PER_SECOND_WITH_AUDIO,
	DEFAULT_DURATION,
	FAKE_ROUTER_INPUT,
	FAKE_RUNWAY_CONTRACT,
	ROUTER_CONFIGS,
	RUNWAY_API_VERSION,
	RUNWAY_LIMITS,
	RUNWAY_MEDIA_TYPES,
} from './runwayModels';

/** A well-formed key (`key_` + 128 hex digits), the fake's default. */
export const FAKE_RUNWAY_KEY = `key_${createHash('sha512').update('fake runway api key').digest('hex')}`;
export const RUNWAY_DOC_URL = 'https://docs.dev.runwayml.com/api';
export const NOT_ENOUGH_CREDITS = 'You do not have enough credits to run this task.';

/** The statuses the fake's tasks go through (test/contract/runway.test.ts compares them with the SDK's). */
export const RUNWAY_TASK_STATUSES = ['PENDING', 'THROTTLED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;
export type RunwayTaskStatus = (typeof RUNWAY_TASK_STATUSES)[number];

export interface TaskStepObject {
	status: RunwayTaskStatus;
	/** RUNNING: the progress fraction shown (default 0). */
	progress?: number;
	/** FAILED: the failure text (default 'An unexpected error occurred.'). */
	failure?: string;
	/** FAILED: the machine code; omitted unless given (a plain 'FAILED' step uses 'INTERNAL'). */
	failureCode?: string;
	/** SUCCEEDED: the output URLs (default: the files the request's outputFormat makes, served by this fake). */
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
	/** What the field holds. */
	kind: 'image' | 'video' | 'audio';
	/** 'first' for a plain string; absent for a seedance reference image. */
	position?: 'first' | 'last';
	source: 'dataUri' | 'upload' | 'url';
	/** The URI's length in characters. */
	chars: number;
	/** Decoded image or video facts (data URIs and uploads of images and MP4 videos; URLs are not fetched). */
	width?: number;
	height?: number;
	/** A video's length. */
	seconds?: number;
	format?: string;
	bytes?: number;
	uploadId?: string;
	url?: string;
}

export type FakeRunwayEndpoint = ModelEndpoint | 'generate/video';
type ModelEndpoint = 'image_to_video' | 'text_to_video' | 'video_to_video' | 'video_upscale' | 'character_performance' | 'video_to_hdr' | 'avatar_videos';

const ENDPOINTS: Record<ModelEndpoint, ContractEndpoint> = {
	image_to_video: 'imageToVideo',
	text_to_video: 'textToVideo',
	video_to_video: 'videoToVideo',
	video_upscale: 'upscaleVideo',
	character_performance: 'characterPerformance',
	video_to_hdr: 'videoToHdr',
	avatar_videos: 'avatarVideo',
};

export interface FakeRunwayTask {
	id: string;
	endpoint: FakeRunwayEndpoint;
	model: string;
	createdAt: string;
	/** The request body as received. */
	body: Record<string, unknown>;
	images: FakeRunwayImage[];
	/** Credits charged at creation (the create's estimatedCost). */
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
	/** Accepted task creations (all endpoints). */
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

type Endpoint = FakeRunwayEndpoint;
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
	kind: 'image' | 'video' | 'audio';
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
		for (const endpoint of Object.keys(ENDPOINTS) as ModelEndpoint[]) {
			this.server.route('POST', `${v1}/${endpoint}`, this.api((req) => this.create(endpoint, req)));
		}
		this.server.route('POST', `${v1}/generate/video`, this.api((req) => this.create('generate/video', req)));
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
		const { issues, images } = endpoint === 'generate/video' ? checkRouted(body) : checkBody(endpoint, body);
		if (issues.length > 0) return invalid(issues);
		const config = endpoint === 'generate/video' ? ROUTER_CONFIGS[body.configId as string] : undefined;
		if (endpoint === 'generate/video' && !config) return { status: 404, json: { error: `Router config "${String(body.configId)}" not found.` } };
		const resolved = await Promise.all(images.map((ref) => this.resolveImage(ref)));
		const assetIssues = resolved.filter((r): r is Issue => 'code' in r);
		if (assetIssues.length > 0) return invalid(assetIssues);

		const input = config ? (body.input as Record<string, unknown>) : body;
		const model = config ? config.model : (body.model as string);
		const used = this.usage.get(model) ?? 0;
		if (this.dailyLimit !== undefined && used >= this.dailyLimit) {
			return { status: 429, json: { error: `You have reached the maximum number of daily generations for ${model}.` } };
		}
		const cost = price(model, input);
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
		if (config) return { status: 200, json: { id: task.id, routing: routing(body, config, cost) } };
		// Avatar Video's create answers with the id alone (the SDK's AvatarVideoCreateResponse); the task has the estimate.
		if (endpoint === 'avatar_videos') return { status: 200, json: { id: task.id } };
		return { status: 200, json: { id: task.id, estimatedCost: { credits: cost } } };
	}

	/** Asset checks on one image URI; the image facts, or the issue. */
	private async resolveImage(ref: ImageRef): Promise<FakeRunwayImage | Issue> {
		const { uri, path } = ref;
		const field = String(path[0]);
		const { kind } = ref;
		const base = { path, kind, ...(ref.position ? { position: ref.position } : {}), chars: uri.length };
		const fail = (message: string): Issue => issue.custom(path, message);

		if (/^data:/i.test(uri)) {
			const max = RUNWAY_LIMITS.dataUriChars;
			if (uri.length > max) {
				return {
					code: 'too_big',
					origin: 'string',
					maximum: max,
					inclusive: true,
					path,
					message: `${field}: a data URI may be at most 5 MB (${max} characters); this one has ${uri.length}. Upload the file or pass an HTTPS URL instead.`,
				};
			}
			const match = /^data:([^,]*),(.*)$/s.exec(uri);
			if (!match) return fail('Invalid data URI.');
			const [mediaType, ...params] = match[1].split(';').map((p) => p.trim().toLowerCase());
			if (!RUNWAY_MEDIA_TYPES[kind].test(mediaType)) {
				return fail(`Unsupported asset type: "${mediaType}" (${field} takes ${kind === 'image' ? 'image/jpeg, image/png or image/webp' : `a ${kind} type`}).`);
			}
			const data = match[2];
			if (!params.includes('base64') || data.length === 0 || data.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) {
				return fail('Invalid data URI.');
			}
			const bytes = Buffer.from(data, 'base64');
			if (kind !== 'image') {
				if (kind === 'video' && !isVideo(bytes)) return fail('Invalid data URI. The data is not a readable video.');
				return { ...base, source: 'dataUri', ...(kind === 'video' ? videoFacts(bytes) : {}), bytes: bytes.length };
			}
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
			if (kind === 'video') {
				if (!isVideo(upload.data)) return fail('Unsupported asset type: the uploaded file is not a readable video.');
				return { ...base, source: 'upload', ...videoFacts(upload.data), bytes: upload.data.length, uploadId: upload.id };
			}
			if (kind === 'audio') return { ...base, source: 'upload', bytes: upload.data.length, uploadId: upload.id };
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
		// Unfinished: the estimate; finished: what stays charged (failed and cancelled tasks are refunded).
		const estimate = { ...base, estimatedCost: { credits: task.credits } };
		if (task.cancelled) return { ...base, cost: { credits: 0 } };
		const step = stepObject(task.steps[task.stepIndex]);
		switch (step.status) {
			case 'RUNNING':
				return { ...estimate, progress: step.progress ?? 0 };
			case 'SUCCEEDED':
				return { ...base, cost: { credits: task.credits }, output: step.output ?? outputFiles(task).map((file) => `${this.url}/outputs/${file}`) };
			case 'FAILED':
				return {
					...base,
					cost: { credits: 0 },
					failure: step.failure ?? 'An unexpected error occurred.',
					...(step.failureCode !== undefined ? { failureCode: step.failureCode } : {}),
				};
			case 'CANCELLED':
				return { ...base, cost: { credits: 0 } };
			default:
				return estimate;
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
		const models = [...new Set(Object.values(FAKE_RUNWAY_CONTRACT).flatMap((endpoint) => Object.keys(endpoint)))].sort();
		return {
			status: 200,
			json: {
				creditBalance: this.creditBalance,
				tier: {
					maxMonthlyCreditSpend: 10000,
					models: Object.fromEntries(
						// Runway sends null for "no limit"; the fake's unlimited models are the ones without a daily limit set.
						models.map((m) => [m, { maxConcurrentGenerations: m === 'act_two' ? null : 2, maxDailyGenerations: this.dailyLimit ?? (m === 'act_two' ? null : 200) }]),
					),
				},
				usage: { models: Object.fromEntries([...this.usage].map(([m, n]) => [m, { dailyGenerations: n }])) },
			},
		};
	}

	/** A signed output URL: no auth; only the files of a SUCCEEDED, undeleted task. */
	private download(req: FakeRequest): Reply | Promise<Reply> {
		const id = /^([0-9a-f-]{36})/.exec(req.params.file)?.[1];
		const task = id === undefined ? undefined : this.liveTask(id);
		if (!task || task.status !== 'SUCCEEDED' || !outputFiles(task).includes(req.params.file)) {
			return s3Error(404, 'NoSuchKey', 'The specified key does not exist.');
		}
		return this.outputFile(task, req.params.file);
	}

	/** The bytes of one output file of a task: the video a task made, or the sidecar files of other formats. */
	outputFile(task: FakeRunwayTask, file: string): Reply | Promise<Reply> {
		const extension = file.split('.').pop() ?? '';
		const type = OUTPUT_TYPES[extension] ?? 'application/octet-stream';
		if (extension === 'mp4' || extension === 'mov') {
			// A playable H.264 MP4 of the size and length the task asked for, unless the test asked for N synthetic bytes.
			if (this.videoBytes === undefined) return demoVideoReply(runwayOutputVideo(task), type);
			return { status: 200, headers: { 'content-type': type }, stream: fakeVideoStream(this.videoBytes), length: this.videoBytes };
		}
		const bytes =
			extension === 'json'
				? Buffer.from(JSON.stringify({ colorPrimaries: 'bt2020', transfer: 'smpte2084', taskId: task.id }))
				: extension === 'zip'
					? Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), randomBytes(4096)])
					: Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVEfmt ', 'latin1'), randomBytes(2048)]);
		return { status: 200, headers: { 'content-type': type }, stream: Readable.from([bytes]), length: bytes.length };
	}
}

// ---- body validation (Zod-style issues) ----

/** Where each kind of asset sits in a body: the media a field takes. */
const MEDIA: Record<string, 'image' | 'video' | 'audio'> = { videoUri: 'video', promptVideo: 'video' };
const BOOLEANS = ['audio', 'fpsBoost', 'bodyControl'];

function checkBody(endpoint: ModelEndpoint, body: Record<string, unknown>): { issues: Issue[]; images: ImageRef[] } {
	const table = FAKE_RUNWAY_CONTRACT[ENDPOINTS[endpoint]];
	const models = Object.keys(table);
	const model = body.model;
	const spec = typeof model === 'string' && models.includes(model) ? table[model] : undefined;
	if (!spec) return { issues: [issue.option(['model'], models)], images: [] };
	const checked = checkFields(spec, body, []);
	// Ruby's proresProfile: "Only valid when outputFormat is hdr_prores".
	if (endpoint === 'video_to_hdr' && body.proresProfile !== undefined && body.outputFormat !== 'hdr_prores') {
		checked.issues.push(issue.custom(['proresProfile'], 'proresProfile is only valid when outputFormat is hdr_prores.'));
	}
	return checked;
}

/** The Model Router: `{configId, input}`, the input checked like a model's body against the SDK's router input. */
function checkRouted(body: Record<string, unknown>): { issues: Issue[]; images: ImageRef[] } {
	const issues: Issue[] = [];
	const unknown = Object.keys(body).filter((k) => k !== 'configId' && k !== 'input');
	if (unknown.length > 0) issues.push(issue.unrecognized([], unknown));
	if (typeof body.configId !== 'string' || body.configId === '') issues.push(issue.type(['configId'], 'string', body.configId));
	if (!isObject(body.input)) return { issues: [...issues, issue.type(['input'], 'object', body.input)], images: [] };
	const checked = checkFields(FAKE_ROUTER_INPUT, body.input, ['input']);
	const input = body.input;
	const count = (field: string, role: string) => (Array.isArray(input[field]) ? (input[field] as unknown[]).filter((r) => isObject(r) && r.role === role).length : 0);
	if (count('referenceImages', 'first') > 1 || count('referenceImages', 'last') > 1) {
		checked.issues.push(issue.custom(['input', 'referenceImages'], 'At most one `first` and one `last` image are allowed.'));
	}
	if (count('referenceVideos', 'source') > 1) checked.issues.push(issue.custom(['input', 'referenceVideos'], 'At most one `source` video is allowed.'));
	return { issues: [...issues, ...checked.issues], images: checked.images };
}

/** Every field of `body` against `spec` (unknown, missing, each value); `at`: where the body sits in the request. */
function checkFields(spec: FakeRules, body: Record<string, unknown>, at: Path): { issues: Issue[]; images: ImageRef[] } {
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
	if (at.length > 0) {
		for (const found of [...issues, ...images]) found.path = [...at, ...found.path];
	}
	return { issues, images };
}

type FakeRules = ModelRules;

/** The Model Router's answer: which model it picked for the request, and why. */
function routing(body: Record<string, unknown>, config: (typeof ROUTER_CONFIGS)[string], credits: number): Record<string, unknown> {
	const input = body.input as Record<string, unknown>;
	return {
		configId: body.configId,
		estimatedCost: { credits },
		model: config.model,
		provider: config.provider,
		resolvedInput: {
			duration: typeof input.duration === 'number' ? input.duration : DEFAULT_DURATION,
			ratio: ROUTER_RATIOS[String(input.aspectRatio)] ?? '1280:720',
			resolution: typeof input.resolution === 'string' ? input.resolution : '720p',
		},
		resolvedSettings: { optimizeFor: config.optimizeFor, priceCeiling: null },
	};
}

function missing(field: string, spec: ModelRules): Issue {
	const values = spec.enums[field] ?? (field === 'duration' ? spec.duration?.values : undefined);
	if (values) return issue.option([field], values);
	return issue.type([field], field === 'duration' ? 'number' : 'string', undefined);
}

function checkField(field: string, value: unknown, spec: ModelRules, body: Record<string, unknown>, issues: Issue[], images: ImageRef[]): void {
	const path = [field];
	const values = spec.enums[field];
	if (values) {
		if (!values.includes(value as string)) issues.push(issue.option(path, values));
		return;
	}
	const range = spec.ranges?.[field];
	if (range) {
		checkNumber(path, value, range.min, range.max, issues);
		return;
	}
	if (BOOLEANS.includes(field)) {
		if (typeof value !== 'boolean') issues.push(issue.type(path, 'boolean', value));
		return;
	}
	switch (field) {
		case 'promptImage':
			checkPromptImage(value, spec.positions ?? 'first', issues, images);
			return;
		case 'videoUri':
		case 'promptVideo':
			if (typeof value !== 'string') issues.push(issue.type(path, 'string', value));
			else images.push({ path, uri: value, kind: MEDIA[field] });
			return;
		case 'promptText':
			if (typeof value !== 'string') issues.push(issue.type(path, 'string', value));
			else if (value.length < 1) issues.push(issue.small(path, 'string', 1));
			else if (spec.promptMax !== undefined && value.length > spec.promptMax) issues.push(issue.big(path, 'string', spec.promptMax));
			return;
		case 'negativePrompt':
			if (typeof value !== 'string') issues.push(issue.type(path, 'string', value));
			return;
		case 'duration': {
			const rule = spec.duration ?? { auto: false };
			if (value === 'auto' && rule.auto) return;
			if (rule.values) {
				if (!rule.values.includes(value as number)) issues.push(issue.option(path, rule.values));
			} else {
				checkInteger(path, value, rule.min ?? 1, rule.max, issues);
			}
			return;
		}
		case 'seed':
			checkInteger(path, value, 0, RUNWAY_LIMITS.seedMax, issues);
			return;
		case 'contentModeration': {
			if (!isObject(value)) {
				issues.push(issue.type(path, 'object', value));
				return;
			}
			const unknown = Object.keys(value).filter((k) => k !== 'publicFigureThreshold');
			if (unknown.length > 0) issues.push(issue.unrecognized(path, unknown));
			const threshold = value.publicFigureThreshold;
			const thresholds = spec.nested?.['contentModeration.publicFigureThreshold'] ?? [];
			if (threshold !== undefined && !thresholds.includes(threshold as string)) issues.push(issue.option([field, 'publicFigureThreshold'], thresholds));
			return;
		}
		case 'avatar':
		case 'speech':
			checkTyped(field, value, spec, issues, images);
			return;
		case 'references':
		case 'referenceImages':
			checkObjectArray(path, value, RUNWAY_LIMITS.maxReferenceImages, spec, issues, (uri, uriPath) => images.push({ path: uriPath, uri, kind: 'image' }));
			return;
		case 'referenceAudio':
			checkObjectArray(path, value, undefined, spec, issues, (uri, uriPath) => images.push({ path: uriPath, uri, kind: 'audio' }));
			if (body.promptText === undefined) issues.push(issue.custom(path, 'Audio references require a text prompt (promptText).'));
			return;
		case 'referenceVideos':
			checkObjectArray(path, value, undefined, spec, issues, (uri, uriPath) => images.push({ path: uriPath, uri, kind: 'video' }));
			return;
		case 'keyframes':
			checkKeyframes(value, issues, images);
			return;
		case 'character':
		case 'reference': {
			const kinds = spec.nested?.[`${field}.type`] ?? [];
			if (!isObject(value)) {
				issues.push(issue.type(path, 'object', value));
				return;
			}
			const unknown = Object.keys(value).filter((k) => k !== 'type' && k !== 'uri');
			if (unknown.length > 0) issues.push(issue.unrecognized(path, unknown));
			if (!kinds.includes(value.type as string)) issues.push(issue.option([field, 'type'], kinds));
			else if (typeof value.uri !== 'string') issues.push(issue.type([field, 'uri'], 'string', value.uri));
			else images.push({ path: [field, 'uri'], uri: value.uri, kind: value.type as 'image' | 'video' });
			return;
		}
		case 'ratio':
			// aleph2's deprecated free-form ratio
			if (typeof value !== 'string') issues.push(issue.type(path, 'string', value));
			return;
		default:
			issues.push(issue.custom(path, `The fake does not know how to check ${field}.`));
	}
}

/** aleph2: up to 5 `{uri, seconds}` or `{uri, at}`, each with an optional range; all with a range or none. */
function checkKeyframes(value: unknown, issues: Issue[], images: ImageRef[]): void {
	const path = ['keyframes'];
	if (!Array.isArray(value)) {
		issues.push(issue.type(path, 'array', value));
		return;
	}
	if (value.length > RUNWAY_LIMITS.maxKeyframes) issues.push(issue.big(path, 'array', RUNWAY_LIMITS.maxKeyframes));
	value.forEach((item: unknown, i) => {
		const itemPath = [...path, i];
		if (!isObject(item)) {
			issues.push(issue.type(itemPath, 'object', item));
			return;
		}
		const unknown = Object.keys(item).filter((k) => !['uri', 'at', 'seconds', 'range'].includes(k));
		if (unknown.length > 0) issues.push(issue.unrecognized(itemPath, unknown));
		if ((item.at === undefined) === (item.seconds === undefined)) issues.push(issue.custom(itemPath, 'A keyframe has either "at" or "seconds".'));
		if (item.at !== undefined) checkNumber([...itemPath, 'at'], item.at, 0, 1, issues);
		if (item.seconds !== undefined) checkNumber([...itemPath, 'seconds'], item.seconds, 0, undefined, issues);
		if (typeof item.uri !== 'string') issues.push(issue.type([...itemPath, 'uri'], 'string', item.uri));
		else images.push({ path: [...itemPath, 'uri'], uri: item.uri, kind: 'image' });
	});
	const ranged = value.filter((item) => isObject(item) && item.range !== undefined).length;
	if (ranged > 0 && ranged < value.length) issues.push(issue.custom(path, 'All keyframes must either set a range or none may.'));
}

function checkNumber(path: Path, value: unknown, min: number, max: number | undefined, issues: Issue[]): void {
	if (typeof value !== 'number' || !Number.isFinite(value)) issues.push(issue.type(path, 'number', value));
	else if (value < min) issues.push(issue.small(path, 'number', min));
	else if (max !== undefined && value > max) issues.push(issue.big(path, 'number', max));
}

function checkInteger(path: Path, value: unknown, min: number, max: number | undefined, issues: Issue[]): void {
	if (typeof value !== 'number') issues.push(issue.type(path, 'number', value));
	else if (!Number.isInteger(value)) issues.push(issue.type(path, 'int', value));
	else if (value < min) issues.push(issue.small(path, 'number', min));
	else if (max !== undefined && value > max) issues.push(issue.big(path, 'number', max));
}

/** An array of `{uri}` objects, with a `type` or `role` where the SDK gives the field's items one. */
function checkObjectArray(
	path: Path,
	value: unknown,
	maxItems: number | undefined,
	spec: FakeRules,
	issues: Issue[],
	onUri: (uri: string, uriPath: Path) => void,
): void {
	const field = String(path[path.length - 1]);
	const tags = (['type', 'role'] as const).filter((tag) => spec.nested?.[`${field}.${tag}`] !== undefined);
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
		const allowed: string[] = ['uri', ...tags];
		const unknown = Object.keys(item).filter((k) => !allowed.includes(k));
		if (unknown.length > 0) issues.push(issue.unrecognized(itemPath, unknown));
		for (const tag of tags) {
			const values = spec.nested?.[`${field}.${tag}`] ?? [];
			if (!values.includes(item[tag] as string)) issues.push(issue.option([...itemPath, tag], values));
		}
		if (typeof item.uri !== 'string') issues.push(issue.type([...itemPath, 'uri'], 'string', item.uri));
		else onUri(item.uri, [...itemPath, 'uri']);
	});
}

function checkPromptImage(value: unknown, positions: Positions, issues: Issue[], images: ImageRef[]): void {
	const path = ['promptImage'];
	if (typeof value === 'string') {
		images.push({ path, uri: value, kind: 'image', position: 'first' });
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
		else refs.push({ path: [...itemPath, 'uri'], uri: item.uri, kind: 'image', ...(position !== undefined ? { position: position as 'first' | 'last' } : {}) });
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

const OUTPUT_TYPES: Record<string, string> = {
	mp4: 'video/mp4',
	mov: 'video/quicktime',
	zip: 'application/zip',
	wav: 'audio/wav',
	json: 'application/json',
};

/**
 * The files a succeeded task offers, as Runway describes outputFormat: the main file first, then sidecars (a
 * separate .wav "when the output has audio": here, a video to video task, whose input video brings its sound).
 */
export function outputFiles(task: FakeRunwayTask): string[] {
	const format = typeof task.body.outputFormat === 'string' ? task.body.outputFormat : 'mp4';
	if (task.endpoint === 'video_to_hdr') {
		// Ruby: one file per delivery; an EXR zip carries its frames, colorimetry, provenance and audio inside.
		if (format === 'hdr_prores') return [`${task.id}.mov`];
		return [format.startsWith('hdr_exr') ? `${task.id}.zip` : `${task.id}.mp4`];
	}
	const audio = task.body.audio === true || task.endpoint === 'video_to_video';
	if (format === 'prores' || format === 'hdr_prores' || format === 'hdr_pq_12bit_master') return [`${task.id}.mov`];
	if (format === 'png_sequence') return [`${task.id}.zip`, ...(audio ? [`${task.id}_audio.wav`] : [])];
	if (/^hdr_(png|exr)/.test(format)) return [`${task.id}.zip`, `${task.id}_colorimetry.json`, ...(audio ? [`${task.id}_audio.wav`] : [])];
	return [`${task.id}.mp4`];
}

/** Credits for a create: per second of output (auto at the variant maximum), or a flat 10 s for tasks without a duration. */
function price(model: string, body: Record<string, unknown>): number {
	const perSecond = (body.audio === true ? CREDITS_PER_SECOND_WITH_AUDIO[model] : undefined) ?? CREDITS_PER_SECOND[model] ?? CREDITS_PER_SECOND.default;
	const seconds = typeof body.duration === 'number' ? body.duration : body.duration === 'auto' ? AUTO_DURATION_CHARGE : DEFAULT_DURATION;
	return perSecond * seconds;
}

/** An MP4 or QuickTime file (an ftyp box) or WebM (EBML). */
function isVideo(bytes: Buffer): boolean {
	return bytes.subarray(4, 8).toString('latin1') === 'ftyp' || bytes.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]));
}

/**
 * Avatar Video's `avatar` and `speech`: objects told apart by `type` (`runway-preset` or `custom`; `audio` or
 * `text`, whose optional `voice` is `preset` or `custom`), every enumerated value from the SDK (spec.nested).
 */
function checkTyped(field: string, value: unknown, spec: FakeRules, issues: Issue[], images: ImageRef[]): void {
	const nested = spec.nested ?? {};
	const shapes: Record<string, Record<string, string[]>> = {
		avatar: { 'runway-preset': ['presetId'], custom: ['avatarId'] },
		speech: { audio: ['audio'], text: ['text', 'voice'] },
		'speech.voice': { preset: ['presetId'], custom: ['id'] },
	};
	const check = (at: string, path: Path, item: unknown) => {
		if (!isObject(item)) {
			issues.push(issue.type(path, 'object', item));
			return;
		}
		const types = nested[`${at}.type`] ?? [];
		if (!types.includes(item.type as string)) {
			issues.push(issue.option([...path, 'type'], types));
			return;
		}
		const fields = shapes[at]?.[item.type as string] ?? [];
		const unknown = Object.keys(item).filter((k) => k !== 'type' && !fields.includes(k));
		if (unknown.length > 0) issues.push(issue.unrecognized(path, unknown));
		for (const name of fields) {
			const inner = item[name];
			const innerPath = [...path, name];
			if (name === 'voice') {
				if (inner !== undefined) check(`${at}.voice`, innerPath, inner);
				continue;
			}
			if (typeof inner !== 'string' || inner === '') {
				issues.push(issue.type(innerPath, 'string', inner));
				continue;
			}
			const values = nested[`${at}.${name}`];
			if (values && !values.includes(inner)) issues.push(issue.option(innerPath, values));
			if (name === 'audio') images.push({ path: innerPath, uri: inner, kind: 'audio' });
		}
	};
	check(field, [field], value);
}
