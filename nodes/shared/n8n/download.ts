import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { Readable } from 'node:stream';

import { contentLength, IncompleteDownloadError, verifiedBody } from '../http/download';
import { describeNetworkError, httpStatusOf, normaliseHeaders, networkErrorCode } from '../http/response';
import { backoffMs, isRetryableStatus } from '../http/retry';
import { sleep } from '../http/sleep';

export interface DownloadRequest {
	url: string;
	qs?: Record<string, string>;
	/** Send the credential (an API's own content endpoint); leave unset for signed URLs on another host. */
	credentialType?: string;
	fileName: string;
	/** Used when the server sends no usable Content-Type. */
	mimeType: string;
	attempts?: number;
}

/**
 * Streams a file into n8n's binary storage, never holding it whole in memory. A body that ends short of its
 * Content-Length, a dropped connection, a 429 or a 5xx is retried from the start (a download is safe to
 * repeat); what still fails becomes an error that says so, never a silently truncated file.
 */
export async function downloadToBinary(this: IExecuteFunctions, request: DownloadRequest): Promise<IBinaryData> {
	const attempts = request.attempts ?? 3;
	const signal = this.getExecutionCancelSignal();
	const host = new URL(request.url).host;
	for (let attempt = 1; ; attempt++) {
		let failure: string;
		try {
			const options = {
				method: 'GET' as const,
				url: request.url,
				qs: request.qs,
				encoding: 'stream' as const,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				abortSignal: signal,
			};
			const response = (request.credentialType
				? await this.helpers.httpRequestWithAuthentication.call(this, request.credentialType, options)
				: await this.helpers.httpRequest(options)) as { statusCode: number; headers: unknown; body: Readable };
			const headers = normaliseHeaders(response.headers);
			if (response.statusCode >= 400) {
				response.body.resume();
				failure = `HTTP ${response.statusCode}`;
				if (!isRetryableStatus('read', response.statusCode) || attempt >= attempts) {
					throw new NodeApiError(this.getNode(), { message: failure }, {
						message: `The download from ${host} failed: ${failure}`,
						description: response.statusCode === 403 || response.statusCode === 404
							? 'The file is gone or its link expired (video APIs keep results for a limited time). Fetch the job again for a fresh link.'
							: 'The server refused the download.',
						httpCode: String(response.statusCode),
					});
				}
			} else {
				const mimeType = headers['content-type']?.split(';')[0].trim();
				const body = verifiedBody(response.body, contentLength(headers));
				return await this.helpers.prepareBinaryData(
					body,
					request.fileName,
					mimeType && mimeType !== 'application/octet-stream' ? mimeType : request.mimeType,
				);
			}
		} catch (error) {
			if (error instanceof NodeApiError && httpStatusOf(error) !== undefined) throw error;
			const incomplete = error instanceof IncompleteDownloadError;
			const code = networkErrorCode(error);
			if (code === 'ERR_CANCELED' || signal?.aborted) throw error;
			failure = incomplete ? (error as Error).message : describeNetworkError(code);
			if (attempt >= attempts) {
				throw new NodeApiError(this.getNode(), { message: failure }, {
					message: `The download from ${host} failed after ${attempts} attempts: ${failure}`,
					description: 'The file could not be downloaded completely. Run the node again, or fetch the job later by its id.',
				});
			}
		}
		this.logger.warn(`Download from ${host} failed (${failure}); retry ${attempt}`);
		await sleep(backoffMs(attempt, 500, 8000), signal);
	}
}
