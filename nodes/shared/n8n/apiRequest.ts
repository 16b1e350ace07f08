import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { MAX_REDIRECTS, redirectTarget, sameOrigin } from '../http/redirect';
import type { HttpResponse } from '../http/response';
import { describeNetworkError, networkErrorCode, normaliseHeaders } from '../http/response';
import type { RetryKind } from '../http/retry';
import { sendWithRetry } from '../http/retry';
import { WaitCancelledError } from '../http/sleep';

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Absolute URL (the transport joins the credential's base URL and the path). */
	url: string;
	qs?: IDataObject;
	headers?: IDataObject;
	/** JSON body, or an already-encoded body (multipart) with its content type in `headers`. */
	body?: IDataObject | Buffer;
	/** `read` is retried on 429, 5xx and dropped connections; `create` only where no job can have started. */
	retry: RetryKind;
	/** For 'stream' responses (downloads). */
	encoding?: 'stream';
	timeoutMs?: number;
}

/**
 * One API call through n8n's request helper (so n8n's proxy settings, SSRF rules and credential handling
 * apply), with the execution's cancel signal and the retry policy. Resolves with any HTTP response, error
 * statuses included, for the transport to interpret; rejects only when the server could not be reached,
 * with a message that names the host and never the credentials.
 *
 * Redirects are never left to n8n: its request helper would carry the key and every Custom Headers value to
 * whatever host a Location names. A read redirected on the same origin is followed here; a redirect to
 * another origin, or of a request that is not a read, is an error that names the host the key was kept from.
 */
export async function apiRequest(context: IExecuteFunctions, credentialType: string, request: ApiRequest): Promise<HttpResponse> {
	let url = request.url;
	for (let redirects = 0; ; redirects++) {
		const response = await sendOnce(context, credentialType, { ...request, url });
		const target = redirectTarget(url, response);
		if (!target) return response;
		if (!sameOrigin(url, target) || request.method !== 'GET' || redirects >= MAX_REDIRECTS) {
			throw refusedRedirect(context, request, target, sameOrigin(url, target) && request.method === 'GET');
		}
		url = target;
	}
}

async function sendOnce(context: IExecuteFunctions, credentialType: string, request: ApiRequest): Promise<HttpResponse> {
	const signal = context.getExecutionCancelSignal();
	const send = async (): Promise<HttpResponse> => {
		const response = (await context.helpers.httpRequestWithAuthentication.call(context, credentialType, {
			method: request.method,
			url: request.url,
			qs: request.qs,
			headers: request.headers,
			body: request.body,
			json: !Buffer.isBuffer(request.body) && request.encoding !== 'stream',
			encoding: request.encoding,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: request.timeoutMs ?? 120_000,
			abortSignal: signal,
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
		})) as { statusCode: number; headers: unknown; body: unknown };
		return { statusCode: response.statusCode, headers: normaliseHeaders(response.headers), body: response.body };
	};
	try {
		return await sendWithRetry(send, {
			kind: request.retry,
			signal,
			onRetry: ({ attempt, delayMs, reason }) =>
				context.logger.warn(`${request.method} ${new URL(request.url).pathname} failed (${reason}); retry ${attempt} in ${delayMs} ms`),
		});
	} catch (error) {
		throw unreachable(context, request, error);
	}
}

function refusedRedirect(context: IExecuteFunctions, request: ApiRequest, target: string, tooMany: boolean): Error {
	const from = new URL(request.url).host;
	const to = new URL(target).host;
	const message = tooMany
		? `${from} redirected the request more than ${MAX_REDIRECTS} times`
		: `${from} redirected the request to ${to === from ? 'another address' : to}`;
	return new NodeApiError(
		context.getNode(),
		{ message },
		{
			message,
			description: tooMany
				? 'Check the Base URL in the credential: it should be the API address itself, not one that redirects.'
				: `The node does not follow API redirects to another address or of a request that changes something, so neither the API key nor the Custom Headers went to ${to}. Set the Base URL in the credential to the address that answers without a redirect${request.retry === 'create' ? ' (a redirect answer usually means nothing was started; check the API for a new job before running the node again)' : ''}.`,
		},
	);
}

function unreachable(context: IExecuteFunctions, request: ApiRequest, error: unknown): Error {
	if (error instanceof WaitCancelledError) return error;
	const code = networkErrorCode(error);
	const host = new URL(request.url).host;
	if (code === 'ERR_CANCELED') return new WaitCancelledError();
	const mayHaveStarted = request.retry === 'create' && code !== 'ECONNREFUSED';
	return new NodeApiError(
		context.getNode(),
		{ message: `Could not reach ${host}` },
		{
			message: `Could not reach ${host}: ${describeNetworkError(code)}`,
			description: mayHaveStarted
				? 'The connection broke after the request was sent, so the job may have been created. It was not sent again, to avoid paying twice: check the API for a new job before retrying.'
				: 'Check the Base URL in the credential and that the server is up. Requests that were safe to repeat were retried.',
		},
	);
}
