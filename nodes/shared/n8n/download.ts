import type { IBinaryData, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { Readable } from 'node:stream';

import {
	contentLength,
	IncompleteDownloadError,
	isDocumentType,
	StalledDownloadError,
	tooLarge,
	UnusableDownloadError,
	verifiedBody,
} from '../http/download';
import { MAX_REDIRECTS, redirectTarget, sameOrigin } from '../http/redirect';
import { describeNetworkError, httpStatusOf, normaliseHeaders, networkErrorCode } from '../http/response';
import { backoffMs, isRetryableStatus } from '../http/retry';
import { sleep } from '../http/sleep';
import { urlRefusal } from '../http/urlCheck';

export interface DownloadRequest {
	url: string;
	qs?: Record<string, string>;
	/** Send the credential (an API's own content endpoint); leave unset for signed URLs on another host. */
	credentialType?: string;
	/** The credential's Base URL: its host may serve files over http or on a private network. */
	baseUrl?: string;
	fileName: string;
	/** Used when the server sends no usable Content-Type. */
	mimeType: string;
	attempts?: number;
}

/** A URL the node will not fetch (see urlRefusal): the caller keeps the URL and says why. */
export class RefusedUrlError extends Error {
	constructor(
		readonly url: string,
		readonly reason: string,
	) {
		super(`Not downloaded: ${reason}`);
		this.name = 'RefusedUrlError';
	}
}

const DEFAULT_MAX_MB = 2048;
const DEFAULT_IDLE_SECONDS = 60;

/** The size cap (N8N_AI_VIDEO_MAX_DOWNLOAD_MB, default 2 GB) and idle timeout (N8N_AI_VIDEO_DOWNLOAD_IDLE_SECONDS, default 60 s). */
export function downloadLimits(): { maxBytes: number; idleMs: number } {
	const mb = Number(process.env.N8N_AI_VIDEO_MAX_DOWNLOAD_MB);
	const idle = Number(process.env.N8N_AI_VIDEO_DOWNLOAD_IDLE_SECONDS);
	return {
		maxBytes: (Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_MAX_MB) * 1024 * 1024,
		idleMs: (Number.isFinite(idle) && idle > 0 ? idle : DEFAULT_IDLE_SECONDS) * 1000,
	};
}

interface Answer {
	url: string;
	statusCode: number;
	headers: Record<string, string>;
	body: Readable;
}

/**
 * Sends the GET and follows redirects itself: the credential goes only to the first URL's origin (n8n's helper
 * would carry it and every Custom Headers value to any host a Location names), and every URL is checked before
 * it is fetched, so a server cannot point the node at an internal address.
 */
async function fetchFollowing(context: IExecuteFunctions, request: DownloadRequest, idleMs: number): Promise<Answer> {
	let url = request.url;
	let qs = request.qs;
	for (let redirects = 0; ; redirects++) {
		const refusal = urlRefusal(url, request.baseUrl);
		if (refusal)
			throw new RefusedUrlError(url, redirects === 0 ? refusal : `the server redirected the download to ${safeHost(url)}, and ${refusal}`);
		const options: IHttpRequestOptions = {
			method: 'GET',
			url,
			qs,
			encoding: 'stream',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			abortSignal: context.getExecutionCancelSignal(),
			timeout: idleMs,
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
		};
		const credentialed = request.credentialType !== undefined && sameOrigin(url, request.url);
		const response = (
			credentialed
				? await context.helpers.httpRequestWithAuthentication.call(context, request.credentialType!, options)
				: await context.helpers.httpRequest(options)
		) as { statusCode: number; headers: unknown; body: Readable };
		const headers = normaliseHeaders(response.headers);
		const target = redirectTarget(url, { statusCode: response.statusCode, headers });
		if (!target) return { url, statusCode: response.statusCode, headers, body: response.body };
		response.body.destroy();
		if (redirects >= MAX_REDIRECTS)
			throw new UnusableDownloadError(
				`${safeHost(url)} redirected the download more than ${MAX_REDIRECTS} times`,
				'Fetch the job again later for a fresh link.',
			);
		url = target;
		// The Location is the whole address: its own query, none of the first request's.
		qs = undefined;
	}
}

function safeHost(url: string): string {
	return new URL(url).host;
}

/**
 * Streams a file into n8n's binary storage, never holding it whole in memory. A body that ends short of its
 * Content-Length, stalls, a dropped connection, a 429 or a 5xx is retried from the start (a download is safe to
 * repeat); what still fails becomes an error that says so, never a silently truncated file. An empty answer, a
 * page instead of a file, or one over the size cap is an error at once; a URL that may not be fetched is a
 * RefusedUrlError.
 */
export async function downloadToBinary(context: IExecuteFunctions, request: DownloadRequest): Promise<IBinaryData> {
	const attempts = request.attempts ?? 3;
	const signal = context.getExecutionCancelSignal();
	const { maxBytes, idleMs } = downloadLimits();
	let host = safeHost(request.url);
	for (let attempt = 1; ; attempt++) {
		let failure: string;
		try {
			const response = await fetchFollowing(context, request, idleMs);
			host = safeHost(response.url);
			const { headers } = response;
			if (response.statusCode >= 400 || response.statusCode < 200) {
				response.body.destroy();
				failure = `HTTP ${response.statusCode}`;
				if (!isRetryableStatus('read', response.statusCode) || attempt >= attempts) {
					throw new NodeApiError(
						context.getNode(),
						{ message: failure },
						{
							message: `The download from ${host} failed: ${failure}`,
							description:
								response.statusCode === 403 || response.statusCode === 404
									? 'The file is gone or its link expired (video APIs keep results for a limited time). Fetch the job again for a fresh link.'
									: 'The server refused the download.',
							httpCode: String(response.statusCode),
						},
					);
				}
			} else {
				const mimeType = headers['content-type']?.split(';')[0].trim().toLowerCase();
				const expectedBytes = contentLength(headers);
				if (isDocumentType(mimeType)) {
					response.body.destroy();
					const shown = mimeType && /^[\w.+-]+\/[\w.+-]+$/.test(mimeType) ? mimeType : 'a page';
					throw new UnusableDownloadError(
						`${host} answered with ${shown} instead of a file`,
						'The link may have expired or need a sign-in. Fetch the job again later for a fresh link.',
					);
				}
				if (expectedBytes !== undefined && expectedBytes > maxBytes) {
					response.body.destroy();
					throw tooLarge(maxBytes);
				}
				const body = verifiedBody(response.body, { expectedBytes, maxBytes, idleMs });
				return await context.helpers.prepareBinaryData(
					body,
					request.fileName,
					mimeType && mimeType !== 'application/octet-stream' ? mimeType : request.mimeType,
				);
			}
		} catch (error) {
			if (error instanceof NodeApiError && httpStatusOf(error) !== undefined) throw error;
			if (error instanceof RefusedUrlError) throw error;
			if (error instanceof UnusableDownloadError) {
				throw new NodeApiError(
					context.getNode(),
					{ message: error.message },
					{ message: `The download from ${host} failed: ${error.message}`, description: error.hint },
				);
			}
			const code = networkErrorCode(error);
			if (code === 'ERR_CANCELED' || signal?.aborted) throw error;
			const known = error instanceof IncompleteDownloadError || error instanceof StalledDownloadError;
			failure = known ? (error as Error).message : describeNetworkError(code);
			if (attempt >= attempts) {
				throw new NodeApiError(
					context.getNode(),
					{ message: failure },
					{
						message: `The download from ${host} failed after ${attempts} attempts: ${failure}`,
						description: 'The file could not be downloaded completely. Run the node again, or fetch the job later by its id.',
					},
				);
			}
		}
		context.logger.warn(`Download from ${host} failed (${failure}); retry ${attempt}`);
		await sleep(backoffMs(attempt, 500, 8000), signal);
	}
}
