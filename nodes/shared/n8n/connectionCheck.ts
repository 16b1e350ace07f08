import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunction,
	ICredentialTestFunctions,
	IDataObject,
	IHttpRequestOptions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { credentialSecrets, redact } from './redact';

/** One request of a connection test: `GET {Base URL}{path}`. */
export interface ConnectionProbe {
	path: string;
	qs?: IDataObject;
	/** What the test says when this probe answers 2xx, given the statuses of the probes tried before it. */
	passed: (earlier: number[]) => string;
	/** Statuses that mean the route is missing rather than the key refused: the next probe is tried. */
	routeMissing?: number[];
}

/** A credential's connection test as data: n8n runs it through the node's `testedBy` (see `connectionTest`). */
export interface ConnectionCheck {
	/** The credential's own `authenticate`, applied to every probe as n8n applies it to a request. */
	authenticate: (credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
	/** Used when the credential holds no Base URL. */
	defaultBaseUrl?: string;
	/** Advice when Base URL is not a web address. */
	baseUrlAdvice: string;
	/** Tried in order while each answers one of its `routeMissing` statuses. */
	probes: ConnectionProbe[];
	/** What a refusal says, by status; any other status shows the server's own words, redacted. */
	refusals: Record<number, string>;
	/** What the test says when the last probe's route is missing too, given every probe's status. */
	nothingAnswers?: (statuses: number[]) => string;
}

interface Answer {
	statusCode: number;
	body: unknown;
}

const TEST_TIMEOUT_MS = 20_000;

/**
 * A credential test function for a node's `methods.credentialTest` (named in its `testedBy`). A function rather
 * than the credential's declarative `test`, which n8n would prefer and which makes one request only, and whose
 * own messages n8n 1.x never shows. Redirects are not followed, each request is bounded in time, and no message
 * carries the key or a Custom Headers value.
 */
export function connectionTest(check: ConnectionCheck): ICredentialTestFunction {
	return async function (this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
		return await runCheck(this, check, credential.data ?? {});
	};
}

async function runCheck(
	context: ICredentialTestFunctions,
	check: ConnectionCheck,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const secrets = credentialSecrets(data);
	const baseUrl = (String(data.baseUrl ?? '').trim() || check.defaultBaseUrl || '').replace(/\/+$/, '');
	if (!/^https?:\/\/[^\s/]+/i.test(baseUrl)) {
		return { status: 'Error', message: `Base URL is not a web address. ${check.baseUrlAdvice}` };
	}
	const statuses: number[] = [];
	try {
		for (const [index, probe] of check.probes.entries()) {
			const answer = await get(context, check, data, `${baseUrl}${probe.path}`, probe.qs ?? {});
			if (answer.statusCode >= 200 && answer.statusCode < 300) return { status: 'OK', message: probe.passed(statuses) };
			statuses.push(answer.statusCode);
			if (!probe.routeMissing?.includes(answer.statusCode)) return failure(check, answer, secrets);
			if (index === check.probes.length - 1) {
				return check.nothingAnswers ? { status: 'Error', message: check.nothingAnswers(statuses) } : failure(check, answer, secrets);
			}
		}
		return { status: 'Error', message: 'No connection test is defined for this credential.' };
	} catch (error) {
		return { status: 'Error', message: redact(`Could not reach the server: ${(error as Error).message}`, secrets) };
	}
}

async function get(
	context: ICredentialTestFunctions,
	check: ConnectionCheck,
	data: ICredentialDataDecryptedObject,
	url: string,
	qs: IDataObject,
): Promise<Answer> {
	const options = await check.authenticate(data, { url, method: 'GET', qs, headers: {} });
	// n8n's CredentialTestContext offers only the legacy `request` helper (no httpRequest, no authentication).
	return (await context.helpers.request({
		uri: options.url,
		method: 'GET',
		qs: options.qs,
		headers: options.headers,
		json: true,
		simple: false,
		resolveWithFullResponse: true,
		followRedirect: false,
		timeout: TEST_TIMEOUT_MS,
	})) as Answer;
}

/** A refusal: the credential's advice for its status, else the status and the server's own words, redacted. */
function failure(check: ConnectionCheck, answer: Answer, secrets: string[]): INodeCredentialTestResult {
	const advice = check.refusals[answer.statusCode];
	if (advice) return { status: 'Error', message: advice };
	const said = serverMessage(answer.body);
	return { status: 'Error', message: redact(`The server answered HTTP ${answer.statusCode}${said ? `: ${said}` : ''}`, secrets) };
}

function serverMessage(body: unknown): string {
	const text = typeof body === 'string' ? body : '';
	const object = body && typeof body === 'object' ? (body as { error?: { message?: unknown } | string; detail?: unknown }) : undefined;
	const error = object?.error;
	const message =
		typeof error === 'string'
			? error
			: typeof error?.message === 'string'
				? error.message
				: typeof object?.detail === 'string'
					? object.detail
					: text;
	return message.length > 300 ? `${message.slice(0, 300)}...` : message;
}
