/** The fake Runway's public types: its options, the tasks and uploads it keeps (test/fakes/runway.ts starts it). */
import type { FakeServer } from './common/fakeServer';

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
/** The endpoints whose body names a model, checked against the model table (runwayModels.ts). */
export type ModelEndpoint =
	'image_to_video' | 'text_to_video' | 'video_to_video' | 'video_upscale' | 'character_performance' | 'video_to_hdr' | 'avatar_videos';

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
