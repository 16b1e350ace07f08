import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { pathSegment } from '../../shared/http/pathSegment';
import type { OutputFile } from '../../shared/n8n/outputFiles';
import { finishJob, logCreated, notWaited, startJob, waitForFinal } from '../../shared/n8n/paidJob';
import type { PaidJobApi } from '../../shared/n8n/paidJob';
import { minPollSeconds, readWaitSettings } from '../../shared/n8n/wait';
import type { WaitSettings } from '../../shared/n8n/wait';
import { asVideo, CREDENTIAL_TYPE, soraBaseUrl, soraRequest } from '../transport';
import type { SoraVideo } from '../transport';
import { itemError } from '../../shared/n8n/itemError';
import { readId } from '../../shared/n8n/readId';

/** The floor under any poll interval, the user's or the server's (lowered only by N8N_AI_VIDEO_MIN_POLL_SECONDS). */
export const MIN_POLL_SECONDS = 1;
export const DEFAULT_POLL_SECONDS = 10;
/** A server's poll hint longer than this is not followed: the node checks at least once a minute. */
const MAX_HINT_MS = 60_000;

export const VARIANTS = {
	video: { extension: 'mp4', suffix: '' },
	thumbnail: { extension: 'webp', suffix: '_thumbnail' },
	spritesheet: { extension: 'jpg', suffix: '_spritesheet' },
} as const;

export type Variant = keyof typeof VARIANTS;

export interface DownloadSettings {
	variant: Variant;
	outputField: string;
	/** A user-chosen file name; default `<model>_<id8>[_variant].<ext>`. */
	fileName?: string;
}

/** The download settings from an operation's Options collection (or, for Download, its own fields). */
export function readDownloadSettings(context: IExecuteFunctions, itemIndex: number, options: IDataObject): DownloadSettings {
	const variant = (options.variant as string | undefined) ?? 'video';
	if (!Object.prototype.hasOwnProperty.call(VARIANTS, variant)) {
		throw itemError(
			context.getNode(),
			itemIndex,
			{ field: 'Variant' },
			`Unknown variant "${variant}"`,
			`Choose one of: ${Object.keys(VARIANTS).join(', ')}.`,
		);
	}
	return {
		variant: variant as Variant,
		outputField: String(options.outputBinaryPropertyName ?? '').trim() || 'data',
		fileName: String(options.fileName ?? '').trim() || undefined,
	};
}

export function isCompleted(video: SoraVideo): boolean {
	return ['completed', 'succeeded', 'success'].includes(String(video.status ?? '').toLowerCase());
}

export function isFailed(video: SoraVideo): boolean {
	return ['failed', 'error', 'cancelled', 'canceled', 'expired'].includes(String(video.status ?? '').toLowerCase());
}

export function readVideoId(context: IExecuteFunctions, itemIndex: number): string {
	return readId(context, itemIndex, {
		parameter: 'videoId',
		field: 'Video ID',
		noun: 'video ID',
		hint: 'Use the "id" a Generate, Remix, Edit or Extend output carries, e.g. {{ $json.id }} (it looks like video_68d7...).',
	});
}

export interface Retrieved {
	video: SoraVideo;
	headers: Record<string, string>;
}

export async function retrieveVideo(context: IExecuteFunctions, itemIndex: number, id: string): Promise<Retrieved> {
	const { body, headers } = await soraRequest(context, {
		method: 'GET',
		path: `/videos/${pathSegment(id)}`,
		retry: 'read',
		itemIndex,
	});
	return { video: underId(await asVideo(context, body, itemIndex), id), headers };
}

/**
 * The video under the id it was asked for. A gateway may answer with another id for the same video (LiteLLM
 * wraps the backend's id and re-wraps it differently on every read), and that id need not work for a later
 * call; the id the create answered (or the user typed) does. The other one is shown beside, as `serverId`.
 */
export function underId(video: SoraVideo, id: string): SoraVideo {
	return video.id === id ? video : { ...video, id, serverId: video.id };
}

/**
 * The wait before the next poll: the server's `openai-poll-after-ms` hint when it sends one (kept between the
 * floor and a minute), else the user's Poll Interval.
 */
export function nextPollMs(
	headers: Record<string, string>,
	settings: Pick<WaitSettings, 'pollIntervalMs'>,
): { ms: number; source: 'server hint' | 'poll interval' } {
	const hint = Number(headers['openai-poll-after-ms']);
	if (headers['openai-poll-after-ms'] !== undefined && Number.isFinite(hint) && hint >= 0) {
		return { ms: Math.min(MAX_HINT_MS, Math.max(minPollSeconds(MIN_POLL_SECONDS) * 1000, hint)), source: 'server hint' };
	}
	return { ms: settings.pollIntervalMs, source: 'poll interval' };
}

/** What the API's failure codes mean for the user. */
export function explainFailure(code: string | undefined): string {
	if (code === 'moderation_blocked') {
		return 'Blocked by moderation: the prompt or the reference image broke the content rules. Sora refuses real people (public figures included), human faces in reference images, copyrighted characters and music, and anything unsuitable for audiences under 18. Change the prompt or the image: the same input is blocked again.';
	}
	return 'The server could not make this video. Check the prompt and the reference image, then try again; this job cannot be resumed.';
}

/**
 * The Video object's fields (openai's `Video`), plus `usage` (what gateways such as LiteLLM bill by) and our own
 * `serverId` (see underId); whatever else a server adds is left out, and no text runs on without end.
 */
const VIDEO_FIELDS = [
	'id',
	'serverId',
	'object',
	'status',
	'progress',
	'model',
	'size',
	'seconds',
	'prompt',
	'created_at',
	'completed_at',
	'expires_at',
	'remixed_from_video_id',
	'error',
	'usage',
];
const ERROR_FIELDS = ['code', 'message', 'param', 'type', 'misalignment'];
const MAX_TEXT = 40_000;

export function videoFields(video: SoraVideo): IDataObject {
	const json: IDataObject = {};
	for (const field of VIDEO_FIELDS) if (video[field] !== undefined) json[field] = bounded(video[field]);
	const error = video.error;
	if (error && typeof error === 'object') {
		const kept: IDataObject = {};
		for (const field of ERROR_FIELDS) if ((error as IDataObject)[field] !== undefined) kept[field] = bounded((error as IDataObject)[field]);
		json.error = kept;
	}
	return json;
}

function bounded<T>(value: T): T {
	if (typeof value === 'string') return (value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value) as T;
	if (value && typeof value === 'object' && JSON.stringify(value).length > MAX_TEXT) return '[too long to show]' as T;
	return value;
}

/** The item JSON for a job: the Video object as the API sent it, plus what the user needs next. */
export function videoJson(video: SoraVideo, baseUrl: string): IDataObject {
	const json = videoFields(video);
	if (isCompleted(video)) json.contentUrl = `${baseUrl}/videos/${pathSegment(video.id)}/content`;
	if (isFailed(video)) json.errorExplanation = explainFailure(video.error?.code);
	if (!isCompleted(video) && !isFailed(video) && !['queued', 'in_progress'].includes(String(video.status ?? '').toLowerCase())) {
		json.statusNote = `The server reported the status "${String(video.status)}", which this node does not know; it is taken as still running.`;
	}
	return json;
}

/** "Video video_123 failed: <the server's message> [<its code>]": what the user reads first. */
export function failureMessage(video: SoraVideo): string {
	const code = video.error?.code;
	const reason = video.error?.message || `status "${String(video.status)}"`;
	return `Video ${video.id} failed: ${reason}${code ? ` [${code}]` : ''}`;
}

/** The advice for a failed job, with the server's own explanation when it gave one (`misalignment`). */
function failureDescription(video: SoraVideo): string {
	const detail = (video.error as { misalignment?: { detailed_explanation?: unknown } } | null | undefined)?.misalignment
		?.detailed_explanation;
	return `${typeof detail === 'string' && detail ? `${detail} ` : ''}${explainFailure(video.error?.code)}`;
}

/** The error for a job that ended `failed`: the server's message and code, and its whole `error` as context. */
function failedVideoError(context: IExecuteFunctions, itemIndex: number, video: SoraVideo): NodeApiError {
	const message = failureMessage(video);
	const errorResponse: JsonObject = { message, videoId: video.id, error: (video.error ?? null) as JsonObject | null };
	return new NodeApiError(context.getNode(), errorResponse, { message, description: failureDescription(video), itemIndex });
}

/** The file a completed video offers for a variant: the API's own content endpoint, so with the credential. */
function variantFile(video: SoraVideo, contentUrl: string, downloadSettings: DownloadSettings): OutputFile {
	const variant = VARIANTS[downloadSettings.variant];
	return {
		url: contentUrl,
		qs: { variant: downloadSettings.variant },
		credentialType: CREDENTIAL_TYPE,
		baseName: `${safe(String(video.model ?? 'sora'))}_${safe(video.id.replace(/^video_/, '')).slice(0, 8)}${variant.suffix}`,
		defaultExtension: variant.extension,
		fileName: downloadSettings.fileName,
		about: { variant: downloadSettings.variant },
	};
}

/**
 * Sora's side of a paid job (nodes/shared/n8n/paidJob.ts): reading a video, when to poll next, its item, its
 * file, its failure. With "continue on fail", a failed video comes out with the input's JSON (as the item loop
 * keeps it), the Video object and its whole `error` as the server sent it, so an IF node can branch on `error.code`.
 */
export async function soraJob(
	context: IExecuteFunctions,
	itemIndex: number,
	downloadSettings: DownloadSettings,
): Promise<PaidJobApi<Retrieved>> {
	const baseUrl = await soraBaseUrl(context, itemIndex);
	return {
		api: 'Sora',
		noun: 'video',
		getOperation: 'Get',
		downloadOperation: 'Download',
		baseUrl,
		fetch: async (id) => await retrieveVideo(context, itemIndex, id),
		isFinal: ({ video }) => isCompleted(video) || isFailed(video),
		intervalMs: ({ headers }, settings) => nextPollMs(headers, settings).ms,
		describe: ({ video, headers }, settings) => {
			const next = nextPollMs(headers, settings);
			return `${String(video.status)} ${String(video.progress ?? '?')}%, next check in ${next.ms} ms (${next.source})`;
		},
		toJson: ({ video }) => videoJson(video, baseUrl),
		result: ({ video }, json) =>
			isCompleted(video)
				? { files: [variantFile(video, String(json.contentUrl), downloadSettings)] }
				: { error: failedVideoError(context, itemIndex, video) },
		failedItem: (json, error) => ({ ...context.getInputData()[itemIndex]?.json, ...json, errorMessage: error.message }),
	};
}

export interface JobRequest {
	/** `/videos`, `/videos/edits`, `/videos/extensions`, `/videos/{id}/remix`. */
	path: string;
	body: IDataObject | Buffer;
	contentType?: string;
	/** Merged into the output item (e.g. what reference image was sent). */
	extra?: IDataObject;
	/** For an operation not every server offers: see SoraCall.operation. */
	operation?: string;
	referenceByLink?: boolean;
}

/** Starts a paid job (create, remix, edit, extend), then hands its id on or waits and downloads, per the user's settings. */
export async function runJob(
	context: IExecuteFunctions,
	itemIndex: number,
	request: JobRequest,
	downloadSettings: DownloadSettings,
): Promise<INodeExecutionData> {
	const settings = readWaitSettings(context, itemIndex, MIN_POLL_SECONDS);
	const job = await soraJob(context, itemIndex, downloadSettings);
	const extra = request.extra ?? {};
	const created = await startJob(context, itemIndex, job, async () => {
		const { body } = await soraRequest(context, {
			method: 'POST',
			path: request.path,
			body: request.body,
			contentType: request.contentType,
			retry: 'create',
			itemIndex,
			operation: request.operation,
			referenceByLink: request.referenceByLink,
		});
		const video = await asVideo(context, body, itemIndex);
		return { id: video.id, json: videoFields(video) };
	});
	logCreated(context, itemIndex, job, created.id, settings.waitForCompletion);
	if (!settings.waitForCompletion) return notWaited(job, created, extra);
	// The first check goes out at once (Runway's waits one interval); until it answers, the created video is the last state.
	const first: Retrieved = { video: created.json as SoraVideo, headers: {} };
	const waited = await waitForFinal(context, itemIndex, job, created.id, { settings, first, pollAtOnce: true, extra });
	if ('item' in waited) return waited.item;
	return await finishJob(context, itemIndex, job, waited.state, {
		extra,
		outputField: downloadSettings.outputField,
		download: true,
		failOnUnsuccessful: true,
	});
}

function safe(text: string): string {
	return text.replace(/[^\w.-]+/g, '_');
}
