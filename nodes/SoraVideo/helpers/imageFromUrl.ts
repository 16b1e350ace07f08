import type { IExecuteFunctions } from 'n8n-workflow';
import type { Readable } from 'node:stream';
import { itemError } from '../../shared/n8n/itemError';

/** A reference image fetched to be uploaded is at most this big: far above what a fitted reference needs. */
export const IMAGE_FETCH_MAX_BYTES = 20 * 1024 * 1024;
const IMAGE_FETCH_TIMEOUT_MS = 60_000;

/**
 * The bytes of an image at a URL the user gave, for a server that takes only an uploaded file. Fetched through
 * n8n's HTTP helper (its proxy and SSRF settings apply), without the credential, with the execution's cancel
 * signal, within a time limit, and stopped as soon as it passes IMAGE_FETCH_MAX_BYTES.
 */
export async function fetchImage(context: IExecuteFunctions, itemIndex: number, url: string): Promise<Buffer> {
	const host = new URL(url).host;
	const fail = (message: string, description: string) =>
		itemError(context.getNode(), itemIndex, { field: 'Image URL' }, message, description);
	let response: { statusCode: number; body: Readable };
	try {
		response = (await context.helpers.httpRequest({
			method: 'GET',
			url,
			encoding: 'stream',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: IMAGE_FETCH_TIMEOUT_MS,
			abortSignal: context.getExecutionCancelSignal(),
		})) as { statusCode: number; body: Readable };
	} catch (error) {
		throw fail(
			`The image at ${host} could not be fetched: ${(error as Error).message}`,
			'Check the URL, or pass the image as a binary ("Binary Image From Input").',
		);
	}
	if (response.statusCode < 200 || response.statusCode >= 300) {
		response.body.resume();
		throw fail(
			`The image at ${host} could not be fetched: HTTP ${response.statusCode}`,
			'Check the URL, or pass the image as a binary ("Binary Image From Input").',
		);
	}
	const chunks: Buffer[] = [];
	let bytes = 0;
	for await (const chunk of response.body) {
		bytes += (chunk as Buffer).length;
		if (bytes > IMAGE_FETCH_MAX_BYTES) {
			response.body.destroy();
			throw fail(
				`The image at ${host} is larger than ${IMAGE_FETCH_MAX_BYTES / 1024 / 1024} MB`,
				'A reference image needs far less. Make it smaller, or pass it as a binary ("Binary Image From Input").',
			);
		}
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}
