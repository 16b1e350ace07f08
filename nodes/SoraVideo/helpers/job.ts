import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { PollOutcome } from '../../shared/http/poll';
import { WaitCancelledError } from '../../shared/http/sleep';
import { downloadToBinary } from '../../shared/n8n/download';
import { minPollSeconds, readWaitSettings, unfinishedJob, waitForJob } from '../../shared/n8n/wait';
import type { JobWait, WaitSettings } from '../../shared/n8n/wait';
import { asVideo, CREDENTIAL_TYPE, soraBaseUrl, soraRequest } from '../transport';
import type { SoraVideo } from '../transport';

/** The floor under any poll interval, the user's or the server's (lowered only by N8N_AI_VIDEO_MIN_POLL_SECONDS). */
export const MIN_POLL_SECONDS = 1;
export const DEFAULT_POLL_SECONDS = 10;
/** A server's poll hint longer than this is not followed: the node checks at least once a minute. */
const MAX_HINT_MS = 60_000;

export const VARIANTS = {
	video: { mimeType: 'video/mp4', extension: 'mp4', suffix: '' },
	thumbnail: { mimeType: 'image/webp', extension: 'webp', suffix: '_thumbnail' },
	spritesheet: { mimeType: 'image/jpeg', extension: 'jpg', suffix: '_spritesheet' },
} as const;

export type Variant = keyof typeof VARIANTS;

const EXTENSIONS: Record<string, string> = {
	'video/mp4': 'mp4',
	'video/webm': 'webm',
	'video/quicktime': 'mov',
	'image/webp': 'webp',
	'image/jpeg': 'jpg',
	'image/png': 'png',
};

export interface Delivery {
	variant: Variant;
	outputField: string;
	/** A user-chosen file name; default `<model>_<id8>[_variant].<ext>`. */
	fileName?: string;
}

/** The download settings from an operation's Options collection (or, for Download, its own fields). */
export function readDelivery(context: IExecuteFunctions, itemIndex: number, options: IDataObject): Delivery {
	const variant = (options.variant as string | undefined) ?? 'video';
	if (!Object.prototype.hasOwnProperty.call(VARIANTS, variant)) {
		throw new NodeOperationError(context.getNode(), `Unknown variant "${variant}" (item ${itemIndex + 1}, field "Variant")`, {
			itemIndex,
			description: `Choose one of: ${Object.keys(VARIANTS).join(', ')}.`,
		});
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

/** An id that becomes a path segment of a request (a video or a character), checked before any request. */
export function readId(
	context: IExecuteFunctions,
	itemIndex: number,
	id: { parameter: string; field: string; noun: string; hint: string },
): string {
	const raw = context.getNodeParameter(id.parameter, itemIndex, '') as unknown;
	const value = (typeof raw === 'string' ? raw : String(raw ?? '')).trim();
	if (!value || /[\s/?#]/.test(value)) {
		throw new NodeOperationError(context.getNode(), `${value ? `"${value}" is not a ${id.noun}` : `No ${id.noun} given`} (item ${itemIndex + 1}, field "${id.field}")`, {
			itemIndex,
			description: id.hint,
		});
	}
	return value;
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

export async function retrieveVideo(this: IExecuteFunctions, itemIndex: number, id: string): Promise<Retrieved> {
	const { body, headers } = await soraRequest.call(this, {
		method: 'GET',
		path: `/videos/${encodeURIComponent(id)}`,
		retry: 'read',
		itemIndex,
	});
	return { video: await asVideo.call(this, body, itemIndex), headers };
}

/**
 * The wait before the next poll: the server's `openai-poll-after-ms` hint when it sends one (kept between the
 * floor and a minute), else the user's Poll Interval.
 */
export function nextPollMs(headers: Record<string, string>, settings: Pick<WaitSettings, 'pollIntervalMs'>): { ms: number; source: 'server hint' | 'poll interval' } {
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

/** The item JSON for a job: the Video object as the API sent it, plus what the user needs next. */
export async function jobJson(this: IExecuteFunctions, itemIndex: number, video: SoraVideo): Promise<IDataObject> {
	const json: IDataObject = { ...video };
	if (isCompleted(video)) {
		json.contentUrl = `${await soraBaseUrl.call(this, itemIndex)}/videos/${encodeURIComponent(video.id)}/content`;
	}
	if (isFailed(video)) json.errorExplanation = explainFailure(video.error?.code);
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
	const detail = (video.error as { misalignment?: { detailed_explanation?: unknown } } | null | undefined)?.misalignment?.detailed_explanation;
	return `${typeof detail === 'string' && detail ? `${detail} ` : ''}${explainFailure(video.error?.code)}`;
}

/**
 * A job that ended `failed`. With "continue on fail" the item comes out with the Video object, its whole
 * `error` as the server sent it (code, message, param...), so an IF node can branch on `error.code`;
 * otherwise an error whose message carries the server's message and code.
 */
async function failedJob(this: IExecuteFunctions, itemIndex: number, video: SoraVideo, extra: IDataObject): Promise<INodeExecutionData> {
	const message = failureMessage(video);
	if (this.continueOnFail()) {
		// As the item loop does for any failure, the input's JSON comes along.
		const input = this.getInputData()[itemIndex]?.json ?? {};
		return { json: { ...input, ...(await jobJson.call(this, itemIndex, video)), ...extra, errorMessage: message } };
	}
	const errorResponse: JsonObject = { message, videoId: video.id, error: (video.error ?? null) as JsonObject | null };
	throw new NodeApiError(this.getNode(), errorResponse, { message, description: failureDescription(video), itemIndex });
}

export interface JobRequest {
	/** `/videos`, `/videos/edits`, `/videos/extensions`, `/videos/{id}/remix`. */
	path: string;
	body: IDataObject | Buffer;
	contentType?: string;
	/** For the note when a cancel cut the request short: "generating", "remixing"... */
	verb: string;
	/** Merged into the output item (e.g. what reference image was sent). */
	extra?: IDataObject;
}

/**
 * Starts a paid job (create, remix, edit, extend), then waits and downloads per the user's settings. A cancel
 * while the request is in flight gives an item saying a job may exist, rather than an error that hides it.
 */
export async function runJob(this: IExecuteFunctions, itemIndex: number, request: JobRequest, delivery: Delivery): Promise<INodeExecutionData> {
	let created: unknown;
	try {
		created = (
			await soraRequest.call(this, { method: 'POST', path: request.path, body: request.body, contentType: request.contentType, retry: 'create', itemIndex })
		).body;
	} catch (error) {
		if (!(error instanceof WaitCancelledError)) throw error;
		return {
			json: {
				...request.extra,
				cancelled: true,
				note: `The execution was cancelled while the request was being sent, so a job may have been created. Look for it with the List operation before ${request.verb} again.`,
			},
		};
	}
	return await waitAndDeliver.call(this, itemIndex, await asVideo.call(this, created, itemIndex), delivery, request.extra);
}

/**
 * After a create or remix: wait for the job per the user's settings, then download the result. A wait that
 * ends without a result (time out, cancel) gives the item with the video id and last status instead of
 * losing the paid job; a failed job is an error carrying the API's code and message.
 */
export async function waitAndDeliver(
	this: IExecuteFunctions,
	itemIndex: number,
	created: SoraVideo,
	delivery: Delivery,
	extra: IDataObject = {},
): Promise<INodeExecutionData> {
	const settings = readWaitSettings(this, itemIndex, MIN_POLL_SECONDS);
	if (!settings.waitForCompletion) {
		return {
			json: {
				...(await jobJson.call(this, itemIndex, created)),
				...extra,
				note: `The job was created and runs on the server. Fetch it with the "Get" operation and ID ${created.id}.`,
			},
		};
	}

	let last: Retrieved = { video: created, headers: {} };
	let outcome: PollOutcome<Retrieved>;
	try {
		const job: JobWait<Retrieved> = {
			fetch: async () => (last = await retrieveVideo.call(this, itemIndex, created.id)),
			isFinal: (state) => isCompleted(state.video) || isFailed(state.video),
			intervalMs: (state) => nextPollMs(state.headers, settings).ms,
			describe: (state) => {
				const next = nextPollMs(state.headers, settings);
				return `${state.video.id} ${String(state.video.status)} ${String(state.video.progress ?? '?')}%, next check in ${next.ms} ms (${next.source})`;
			},
			announce: `Sora Video "${this.getNode().name}": video ${created.id} created for item ${itemIndex}; waiting for it`,
		};
		outcome = await waitForJob.call<IExecuteFunctions, [WaitSettings, JobWait<Retrieved>], Promise<PollOutcome<Retrieved>>>(this, settings, job);
	} catch (error) {
		if (!(error instanceof WaitCancelledError)) throw error;
		outcome = { outcome: 'cancelled', state: last, polls: 0 };
	}

	const { video } = outcome.state;
	if (outcome.outcome !== 'final') {
		return {
			json: {
				...unfinishedJob(this, itemIndex, settings, {
					id: video.id,
					reason: outcome.outcome,
					lastState: await jobJson.call(this, itemIndex, video),
					getOperation: 'Get',
				}),
				...extra,
			},
		};
	}
	if (isFailed(video)) return await failedJob.call(this, itemIndex, video, extra);
	return await deliver.call(this, itemIndex, video, delivery, extra);
}

/** A completed video, downloaded into the output binary field. */
export async function deliver(
	this: IExecuteFunctions,
	itemIndex: number,
	video: SoraVideo,
	delivery: Delivery,
	extra: IDataObject = {},
): Promise<INodeExecutionData> {
	const json = { ...(await jobJson.call(this, itemIndex, video)), ...extra };
	let binary: IBinaryData;
	try {
		binary = await downloadVariant.call(this, itemIndex, video, delivery);
	} catch (error) {
		if (error instanceof WaitCancelledError || this.getExecutionCancelSignal()?.aborted) {
			return {
				json: {
					...json,
					cancelled: true,
					timedOut: true,
					note: `The video is ready but the execution was cancelled during the download. Download it with the "Download" operation and ID ${video.id} before it expires.`,
				},
			};
		}
		if (error instanceof NodeApiError) {
			error.description = `${error.description ?? ''} The video ${video.id} is completed: download it again with the "Download" operation (its files expire, about an hour after completion).`.trim();
			error.context.itemIndex ??= itemIndex;
		}
		throw error;
	}
	return {
		json: {
			...json,
			download: {
				variant: delivery.variant,
				binaryField: delivery.outputField,
				fileName: binary.fileName ?? null,
				mimeType: binary.mimeType,
				bytes: binary.bytes ?? null,
			},
		},
		binary: { [delivery.outputField]: binary },
	};
}

/** Streams `GET /videos/{id}/content?variant=...` (the API's own endpoint, so with the credential) into binary data. */
export async function downloadVariant(this: IExecuteFunctions, itemIndex: number, video: SoraVideo, delivery: Delivery): Promise<IBinaryData> {
	const variant = VARIANTS[delivery.variant];
	const stem = `${safe(String(video.model ?? 'sora'))}_${safe(video.id.replace(/^video_/, '')).slice(0, 8)}${variant.suffix}`;
	const baseUrl = await soraBaseUrl.call(this, itemIndex);
	const binary = await downloadToBinary.call(this, {
		url: `${baseUrl}/videos/${encodeURIComponent(video.id)}/content`,
		qs: { variant: delivery.variant },
		credentialType: CREDENTIAL_TYPE,
		fileName: delivery.fileName ?? `${stem}.${variant.extension}`,
		mimeType: variant.mimeType,
	});
	// Trust the server's content type; keep the default name's extension in step with it.
	const extension = EXTENSIONS[binary.mimeType];
	if (!delivery.fileName && extension && extension !== variant.extension) {
		binary.fileName = `${stem}.${extension}`;
		binary.fileExtension = extension;
	}
	return binary;
}

function safe(text: string): string {
	return text.replace(/[^\w.-]+/g, '_');
}
