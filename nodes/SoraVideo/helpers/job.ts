import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
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

/** The id as the path segment of a request, checked before any request. */
export function readVideoId(context: IExecuteFunctions, itemIndex: number, parameter = 'videoId'): string {
	const raw = context.getNodeParameter(parameter, itemIndex, '') as unknown;
	const id = (typeof raw === 'string' ? raw : String(raw ?? '')).trim();
	if (!id || /[\s/?#]/.test(id)) {
		throw new NodeOperationError(context.getNode(), `${id ? `"${id}" is not a video ID` : 'No video ID given'} (item ${itemIndex + 1}, field "Video ID")`, {
			itemIndex,
			description: 'Use the "id" a Generate or Remix output carries, e.g. {{ $json.id }} (it looks like video_68d7...).',
		});
	}
	return id;
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

function failedJobError(context: IExecuteFunctions, itemIndex: number, video: SoraVideo): NodeApiError {
	const code = video.error?.code;
	const reason = video.error?.message || `status "${String(video.status)}"`;
	return new NodeApiError(context.getNode(), { message: reason, videoId: video.id, failure: { code: code ?? null, message: reason } }, {
		message: `Video ${video.id} failed: ${reason}${code ? ` [${code}]` : ''}`,
		description: explainFailure(code),
		itemIndex,
	});
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
			announce: `Sora Video "${this.getNode().name}": waiting for video ${created.id} (item ${itemIndex})`,
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
	if (isFailed(video)) throw failedJobError(this, itemIndex, video);
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
