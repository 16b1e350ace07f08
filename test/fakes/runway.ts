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
 *
 * This file is the server: its routes, the tasks and what the API answers about them. Beside it: runwayTypes.ts
 * (the options and records), runwayChecks.ts (what a create's body may hold), runwayIssues.ts (the Zod-style error
 * body), runwayAssets.ts (the media URIs a body names), runwayUploads.ts (uploads and the S3-like bucket),
 * runwayTasks.ts (status scripts and prices), runwayOutput.ts (the files a task makes) and runwayModels.ts (the
 * contract's data, read from the SDK).
 */
import { createHash, randomUUID } from 'node:crypto';

import { FakeServer, type FakeRequest, type Handler, type Reply } from './common/fakeServer';
import { resolveImage } from './runwayAssets';
import { checkBody, checkRouted, ENDPOINTS, isObject } from './runwayChecks';
import { invalid, issue, type Issue } from './runwayIssues';
import { DEFAULT_DURATION, FAKE_RUNWAY_CONTRACT, ROUTER_CONFIGS, RUNWAY_API_VERSION, RUNWAY_LIMITS } from './runwayModels';
import { outputFile, outputFiles, ROUTER_RATIOS } from './runwayOutput';
import { advance, DEFAULT_STEPS, isTerminal, price, stepObject } from './runwayTasks';
import type {
	FakeRunway,
	FakeRunwayEndpoint,
	FakeRunwayImage,
	FakeRunwayOptions,
	FakeRunwayTask,
	FakeRunwayUpload,
	ModelEndpoint,
	TaskStep,
} from './runwayTypes';
import { BUCKET_PATH, receiveUpload, s3Error, startUpload } from './runwayUploads';

export type * from './runwayTypes';
export { RUNWAY_TASK_STATUSES } from './runwayTypes';
export { RUNWAY_DOC_URL } from './runwayIssues';
export { DEFAULT_STEPS, outputFiles };

/** A well-formed key (`key_` + 128 hex digits), the fake's default. */
export const FAKE_RUNWAY_KEY = `key_${createHash('sha512').update('fake runway api key').digest('hex')}`;
export const NOT_ENOUGH_CREDITS = 'You do not have enough credits to run this task.';

export async function startFakeRunway(options: FakeRunwayOptions = {}): Promise<FakeRunway> {
	const fake = new FakeRunwayServer(options);
	await fake.server.listen(options.port ?? 0);
	return fake;
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
			this.server.route(
				'POST',
				`${v1}/${endpoint}`,
				this.api((req) => this.create(endpoint, req)),
			);
		}
		this.server.route(
			'POST',
			`${v1}/generate/video`,
			this.api((req) => this.create('generate/video', req)),
		);
		this.server.route(
			'GET',
			`${v1}/tasks/:id`,
			this.api((req) => this.getTask(req)),
		);
		this.server.route(
			'DELETE',
			`${v1}/tasks/:id`,
			this.api((req) => this.deleteTask(req)),
		);
		this.server.route(
			'POST',
			`${v1}/uploads`,
			this.api((req) => startUpload(req, this.uploads, this.uploadLimit, this.url)),
		);
		this.server.route(
			'GET',
			`${v1}/organization`,
			this.api(() => this.organization()),
		);
		// Outside the API: a storage bucket and signed output URLs, no Runway auth.
		this.server.route('POST', `${BUCKET_PATH}/:id`, (req) => receiveUpload(req, this.uploads, this.uploadLimit));
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

	private async create(endpoint: FakeRunwayEndpoint, req: FakeRequest): Promise<Reply> {
		const body = req.json;
		if (!isObject(body)) return invalid([issue.type([], 'object', body)]);
		const { issues, images } = endpoint === 'generate/video' ? checkRouted(body) : checkBody(endpoint, body);
		if (issues.length > 0) return invalid(issues);
		const config = endpoint === 'generate/video' ? ROUTER_CONFIGS[body.configId as string] : undefined;
		if (endpoint === 'generate/video' && !config)
			return { status: 404, json: { error: `Router config "${String(body.configId)}" not found.` } };
		const resolved = await Promise.all(images.map((ref) => resolveImage(ref, this.uploads)));
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

	private liveTask(id: string): FakeRunwayTask | undefined {
		const task = this.tasks.get(id);
		return task && !task.deleted ? task : undefined;
	}

	private getTask(req: FakeRequest): Reply {
		const task = this.liveTask(req.params.id);
		if (!task) return notFound();
		advance(task, this.pollsPerStage);
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
				return {
					...base,
					cost: { credits: task.credits },
					output: step.output ?? outputFiles(task).map((file) => `${this.url}/outputs/${file}`),
				};
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
						models.map((m) => [
							m,
							{
								maxConcurrentGenerations: m === 'act_two' ? null : 2,
								maxDailyGenerations: this.dailyLimit ?? (m === 'act_two' ? null : 200),
							},
						]),
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
		return outputFile(task, req.params.file, this.videoBytes);
	}
}

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

function notFound(): Reply {
	return { status: 404, json: { error: 'Task not found.' } };
}
