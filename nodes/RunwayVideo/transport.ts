/**
 * Runway's requests (the `@runwayml/sdk` contract, guarded by test/contract) on top of the shared apiRequest: the credential's base URL
 * (no /v1, a gateway's prefix allowed), the retry kind per call, Runway's error bodies turned into
 * NodeApiErrors with the API's own words, and the ephemeral upload flow. No message ever carries the key or a
 * Custom Headers value.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { buildMultipart } from '../shared/http/multipart';
import { pathSegment } from '../shared/http/pathSegment';
import type { HttpResponse } from '../shared/http/response';
import { normaliseHeaders } from '../shared/http/response';
import type { RetryKind } from '../shared/http/retry';
import { sendWithRetry } from '../shared/http/retry';
import { WaitCancelledError } from '../shared/http/sleep';
import type { ErrorAnswer, StatusAdvice } from '../shared/http/statusAdvice';
import { statusAdvice } from '../shared/http/statusAdvice';
import { urlRefusal } from '../shared/http/urlCheck';
import { checkApiKeyCharacters } from '../shared/n8n/apiKey';
import { apiRequest } from '../shared/n8n/apiRequest';
import { checkCustomHeaders } from '../shared/n8n/customHeaders';
import { visibleInPopup } from '../shared/n8n/errorText';
import { credentialSecrets, redact, redactDeep } from '../shared/n8n/redact';

export const CREDENTIAL_TYPE = 'runwayApi';

export interface RunwayTask extends IDataObject {
	id: string;
	status: string;
	createdAt?: string;
	progress?: number;
	output?: string[];
	failure?: string;
	failureCode?: string;
	/** While unfinished: the credits it may charge; once finished: `cost`, what stays charged. */
	estimatedCost?: IDataObject;
	cost?: IDataObject;
}

interface Connection {
	baseUrl: string;
	secrets: string[];
}

/**
 * The credential's base URL without trailing slashes, and the secrets to keep out of messages (the key and the
 * Custom Headers values). Everything is checked before a request is sent: bad Custom Headers would otherwise make
 * the credential's authenticate throw inside n8n's request helper, reported as an unreachable host.
 */
async function connection(context: IExecuteFunctions, itemIndex: number): Promise<Connection> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE, itemIndex);
	const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey : '';
	const secrets = credentialSecrets(credentials);
	if (apiKey.trim() === '') {
		throw new NodeOperationError(context.getNode(), 'The Runway credential has no API key', {
			itemIndex,
			description: 'Open the credential and paste the key from the Runway developer portal (it starts with key_).',
		});
	}
	if (apiKey !== apiKey.trim()) {
		throw new NodeOperationError(context.getNode(), 'The API key in the Runway credential starts or ends with spaces', {
			itemIndex,
			description:
				'Runway refuses keys with surrounding whitespace. Open the credential and paste the key again without spaces or line breaks.',
		});
	}
	checkApiKeyCharacters(context.getNode(), 'Runway', apiKey, itemIndex);
	checkCustomHeaders(context.getNode(), 'Runway', credentials.customHeaders, itemIndex);
	const raw =
		typeof credentials.baseUrl === 'string' && credentials.baseUrl.trim() !== ''
			? credentials.baseUrl.trim()
			: 'https://api.dev.runwayml.com';
	const baseUrl = raw.replace(/\/+$/, '');
	if (!/^https?:\/\/[^/]+/i.test(baseUrl)) {
		throw new NodeOperationError(context.getNode(), `The Base URL "${redact(baseUrl, secrets)}" in the Runway credential is not a URL`, {
			itemIndex,
			description: 'Use https://api.dev.runwayml.com (without /v1), or a gateway address including its prefix.',
		});
	}
	if (/\/v1$/i.test(baseUrl)) {
		throw new NodeOperationError(context.getNode(), 'The Base URL in the Runway credential ends with /v1', {
			itemIndex,
			description: 'Leave /v1 out: the node adds /v1/... itself. A gateway prefix such as /runwayml stays in.',
		});
	}
	return { baseUrl, secrets };
}

interface RunwayCall {
	method: IHttpRequestMethods;
	/** The path below the base URL, starting with /v1/. */
	path: string;
	body?: IDataObject;
	headers?: IDataObject;
	retry: RetryKind;
	/** What the call does, for messages ("create the task", "read task 1234"). */
	purpose: string;
}

/** The credential's Base URL, checked (its host may serve output files over http: a self-hosted gateway). */
export async function runwayBaseUrl(context: IExecuteFunctions, itemIndex: number): Promise<string> {
	return (await connection(context, itemIndex)).baseUrl;
}

/**
 * One Runway API call; the parsed body of a 2xx with every secret redacted (a gateway may echo the request into
 * a failure text or an output URL), else a NodeApiError with Runway's own message.
 */
async function runwayRequest(context: IExecuteFunctions, itemIndex: number, call: RunwayCall): Promise<unknown> {
	const { baseUrl, secrets } = await connection(context, itemIndex);
	let response: HttpResponse;
	try {
		response = await apiRequest(context, CREDENTIAL_TYPE, {
			method: call.method,
			url: `${baseUrl}${call.path}`,
			body: call.body,
			headers: call.headers,
			retry: call.retry,
		});
	} catch (error) {
		if (error instanceof WaitCancelledError) throw error;
		throw scrub(error, secrets, itemIndex);
	}
	if (response.statusCode >= 200 && response.statusCode < 300) return redactDeep(response.body, secrets);
	throw runwayError(context, itemIndex, call, response, secrets);
}

/** Removes secrets from an error's texts (a gateway might echo a request); sets the item index. */
function scrub(error: unknown, secrets: string[], itemIndex: number): unknown {
	if (error instanceof Error) {
		error.message = redact(error.message, secrets);
		const withDescription = error as Error & { description?: string | null; context?: IDataObject };
		if (typeof withDescription.description === 'string') withDescription.description = redact(withDescription.description, secrets);
		if (withDescription.context && typeof withDescription.context === 'object') withDescription.context.itemIndex ??= itemIndex;
	}
	return error;
}

/**
 * Runway's error text: `error`, then one readable sentence per Zod-style issue ("ratio: Invalid option:
 * expected one of ..."), the field path first.
 */
export function runwayMessage(body: unknown): string {
	let parsed = body;
	if (Buffer.isBuffer(parsed)) parsed = parsed.toString('utf8');
	if (typeof parsed === 'string') {
		const raw: string = parsed;
		try {
			parsed = JSON.parse(raw);
		} catch {
			const text = raw
				.replace(/<[^>]*>/g, ' ')
				.replace(/\s+/g, ' ')
				.trim();
			return text.length > 300 ? `${text.slice(0, 300)}…` : text;
		}
	}
	if (!parsed || typeof parsed !== 'object') return '';
	const object = parsed as { error?: unknown; message?: unknown; issues?: unknown };
	const error = typeof object.error === 'string' ? object.error : typeof object.message === 'string' ? object.message : '';
	if (!Array.isArray(object.issues) || object.issues.length === 0) return error || JSON.stringify(parsed).slice(0, 300);
	const issues = (object.issues as Array<{ path?: unknown; message?: unknown; code?: unknown }>).map((issue) => {
		const path = Array.isArray(issue.path) && issue.path.length > 0 ? issue.path.join('.') : 'The request';
		const raw = typeof issue.message === 'string' ? issue.message : String(issue.code ?? 'invalid');
		const message = (raw.length > 400 ? `${raw.slice(0, 400)}…` : raw).replace(/[.\s]+$/, '');
		return `${path}: ${message}.`;
	});
	const shown = issues.slice(0, 8).join(' ');
	const more = issues.length > 8 ? ` (And ${issues.length - 8} more.)` : '';
	return `${(error || 'Invalid request').replace(/[.\s]+$/, '')}. ${shown}${more}`;
}

interface RunwayErrorAnswer extends ErrorAnswer {
	call: RunwayCall;
	/** Runway's own message, redacted. */
	apiText: string;
}

/** What to do about an error answer, by status and Runway's message. */
const RUNWAY_ADVICE: StatusAdvice<RunwayErrorAnswer> = {
	first: [
		{
			status: 404,
			when: ({ call }) => call.path.startsWith('/v1/tasks/'),
			advice: 'No task with this ID: it was deleted, or the ID is wrong (or belongs to another organization).',
		},
	],
	unauthorized:
		'Runway did not accept the API key. Check the key in the Runway credential (it starts with key_), and that Base URL is https://api.dev.runwayml.com (not api.runwayml.com) or your gateway.',
	forbidden: 'The key may not do this. Check the organization and key in the Runway developer portal.',
	notFound: 'Runway has no such endpoint here. Check the Base URL in the credential (without /v1; a gateway prefix is fine).',
	retriedNote: 'the request was retried with backoff before giving up',
	rateLimited: {
		creating: (retried) =>
			`Runway is limiting requests (too many at once, or the daily generation limit). Nothing was started; ${retried}. Try later, or see Get Credits for your limits.`,
		reading: (retried) => `Runway is limiting requests; ${retried}. Try again later.`,
	},
	serverFailed: {
		creating:
			'Runway failed after receiving the request, so a paid task may have started anyway. The request was not retried, to avoid paying twice: check the tasks in your Runway dashboard before running the node again.',
		reading: 'Runway kept failing; the request was retried with backoff. Try again later.',
	},
	then: [
		{
			when: ({ apiText }) => /enough credits/i.test(apiText),
			advice: 'Add credits in the Runway developer portal, or use a cheaper model or a shorter duration.',
		},
	],
	otherwise: 'Runway did not accept the request: change the field named in the message.',
};

function runwayError(
	context: IExecuteFunctions,
	itemIndex: number,
	call: RunwayCall,
	response: HttpResponse,
	secrets: string[],
): NodeApiError {
	const status = response.statusCode;
	const apiText = visibleInPopup(redact(runwayMessage(response.body), secrets)) || `HTTP ${status}`;
	const description = statusAdvice(RUNWAY_ADVICE, { response, creating: call.retry === 'create', call, apiText });
	const verb = status >= 500 ? 'failed' : 'refused';
	return new NodeApiError(context.getNode(), { status, error: apiText } as JsonObject, {
		message: `Runway ${verb} to ${call.purpose} (HTTP ${status}): ${apiText}`,
		description: redact(description, secrets),
		httpCode: String(status),
		itemIndex,
	});
}

/**
 * Starts a task at `/v1/<endpoint>` (image_to_video, video_upscale...). Retried only where Runway provably
 * started nothing (429, connection refused). Returns the id and the estimated cost Runway answers with.
 */
export async function createTask(
	context: IExecuteFunctions,
	itemIndex: number,
	endpoint: string,
	body: IDataObject,
): Promise<{ id: string; estimatedCost?: IDataObject; routing?: IDataObject }> {
	const result = (await runwayRequest(context, itemIndex, {
		method: 'POST',
		path: `/v1/${endpoint}`,
		body,
		retry: 'create',
		purpose: 'create the task',
	})) as { id?: unknown; estimatedCost?: unknown; routing?: unknown } | undefined;
	const id = result?.id;
	if (typeof id !== 'string' || id === '') {
		throw new NodeApiError(context.getNode(), { body: JSON.stringify(result ?? null).slice(0, 300) } as JsonObject, {
			message: 'Runway accepted the request but sent no task ID',
			description: 'A task may have started. Check your Runway dashboard; if you use a gateway, it may not follow the Runway API format.',
			itemIndex,
		});
	}
	// A Model Router create says which model it picked, and puts the estimate in `routing`.
	const routing = result?.routing && typeof result.routing === 'object' ? (result.routing as IDataObject) : undefined;
	const estimate = result?.estimatedCost ?? routing?.estimatedCost;
	return {
		id,
		...(estimate && typeof estimate === 'object' ? { estimatedCost: estimate as IDataObject } : {}),
		...(routing ? { routing } : {}),
	};
}

export function taskPath(id: string): string {
	return `/v1/tasks/${pathSegment(id)}`;
}

export async function getTask(context: IExecuteFunctions, itemIndex: number, id: string): Promise<RunwayTask> {
	const task = (await runwayRequest(context, itemIndex, {
		method: 'GET',
		path: taskPath(id),
		retry: 'read',
		purpose: `read task ${id}`,
	})) as RunwayTask | undefined;
	if (!task || typeof task !== 'object' || typeof task.status !== 'string') {
		throw new NodeApiError(context.getNode(), { body: JSON.stringify(task ?? null).slice(0, 300) } as JsonObject, {
			message: `Runway sent no status for task ${id}`,
			description: 'If you use a gateway, it may wrap or change the Runway API format, which this node does not support.',
			itemIndex,
		});
	}
	return { ...task, id: typeof task.id === 'string' ? task.id : id };
}

/** DELETE /v1/tasks/{id}: cancels a pending or running task, deletes a finished one. */
export async function deleteTask(context: IExecuteFunctions, itemIndex: number, id: string): Promise<void> {
	await runwayRequest(context, itemIndex, {
		method: 'DELETE',
		path: taskPath(id),
		headers: { Accept: '*/*' },
		retry: 'read',
		purpose: `cancel or delete task ${id}`,
	});
}

export async function getOrganization(context: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = await runwayRequest(context, itemIndex, {
		method: 'GET',
		path: '/v1/organization',
		retry: 'read',
		purpose: 'read the organization',
	});
	return body && typeof body === 'object' ? (body as IDataObject) : {};
}

/**
 * Runway's ephemeral upload (§B.7): POST /v1/uploads, then the file as multipart to the presigned
 * uploadUrl WITHOUT the Runway auth header (the storage refuses a second auth mechanism, and the key
 * must not go to another host), with every field first and the file part last. Returns the runway:// URI.
 */
export async function uploadEphemeral(
	context: IExecuteFunctions,
	itemIndex: number,
	file: { data: Buffer; fileName: string; mimeType: string },
): Promise<string> {
	const started = (await runwayRequest(context, itemIndex, {
		method: 'POST',
		path: '/v1/uploads',
		body: { filename: file.fileName, type: 'ephemeral' },
		// Starting an upload costs nothing and an unused one expires, so it is safe to repeat.
		retry: 'read',
		purpose: 'start an upload',
	})) as { uploadUrl?: unknown; fields?: unknown; runwayUri?: unknown } | undefined;
	const uploadUrl = started?.uploadUrl;
	const runwayUri = started?.runwayUri;
	const fields = started?.fields;
	if (
		typeof uploadUrl !== 'string' ||
		!/^https?:\/\//i.test(uploadUrl) ||
		typeof runwayUri !== 'string' ||
		!fields ||
		typeof fields !== 'object'
	) {
		throw new NodeApiError(context.getNode(), { body: 'unexpected upload response' } as JsonObject, {
			message: 'Runway started the upload but did not say where to send the file',
			description: 'If you use a gateway, it may not support Runway uploads. Give the image as an HTTPS URL instead.',
			itemIndex,
		});
	}

	const { baseUrl, secrets: uploadSecrets } = await connection(context, itemIndex);
	const refusal = urlRefusal(uploadUrl, baseUrl);
	if (refusal) {
		throw new NodeApiError(context.getNode(), { body: 'upload address refused' } as JsonObject, {
			message: `Runway's upload answer named an address the node does not send files to: ${redact(refusal, uploadSecrets)}`,
			description:
				'Nothing was sent or generated. If you use a gateway, it may not support Runway uploads: give the image as an HTTPS URL instead.',
			itemIndex,
		});
	}
	const { body, contentType } = buildMultipart([
		...Object.entries(fields as Record<string, unknown>).map(([name, value]) => ({ name, value: String(value) })),
		{ name: 'file', data: file.data, fileName: file.fileName, contentType: file.mimeType },
	]);
	const signal = context.getExecutionCancelSignal();
	const host = new URL(uploadUrl).host;
	let response: HttpResponse;
	try {
		response = await sendWithRetry(
			async () => {
				const raw = (await context.helpers.httpRequest({
					method: 'POST',
					url: uploadUrl,
					body,
					headers: { 'Content-Type': contentType },
					json: false,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					timeout: 300_000,
					abortSignal: signal,
					disableFollowRedirect: true,
				})) as { statusCode: number; headers: unknown; body: unknown };
				return { statusCode: raw.statusCode, headers: normaliseHeaders(raw.headers), body: raw.body };
			},
			{
				// The same presigned POST stores the same key again: safe to repeat.
				kind: 'read',
				signal,
				onRetry: ({ attempt, delayMs, reason }) =>
					context.logger.warn(`Upload to ${host} failed (${reason}); retry ${attempt} in ${delayMs} ms`),
			},
		);
	} catch (error) {
		if (error instanceof WaitCancelledError || signal?.aborted) throw new WaitCancelledError();
		throw new NodeApiError(context.getNode(), { message: (error as Error).message } as JsonObject, {
			message: `Could not send the image to Runway's upload storage (${host})`,
			description: 'The upload could not be completed; nothing was generated. Run the node again, or give the image as an HTTPS URL.',
			itemIndex,
		});
	}
	if (response.statusCode < 200 || response.statusCode >= 300) {
		const secrets = uploadSecrets;
		const text = redact(runwayMessage(response.body), secrets);
		const code = /<Code>([^<]*)<\/Code>/.exec(String(response.body))?.[1];
		const message = /<Message>([^<]*)<\/Message>/.exec(String(response.body))?.[1];
		throw new NodeApiError(context.getNode(), { status: response.statusCode, error: text } as JsonObject, {
			message: visibleInPopup(
				redact(
					`Runway's upload storage refused the image (HTTP ${response.statusCode}${code ? ` ${code}` : ''}): ${message ?? text}`,
					secrets,
				),
			),
			description: 'Nothing was generated. Run the node again; if it keeps failing, give the image as an HTTPS URL.',
			httpCode: String(response.statusCode),
			itemIndex,
		});
	}
	return runwayUri;
}
