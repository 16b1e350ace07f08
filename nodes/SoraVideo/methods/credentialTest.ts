import type { ICredentialsDecrypted, ICredentialTestFunctions, IDataObject, INodeCredentialTestResult } from 'n8n-workflow';

import { SoraApi, SORA_TEST_RULES } from '../../../credentials/SoraApi.credentials';
import { credentialSecrets, redact } from '../../shared/n8n/redact';
import { NOT_FOUND_ADVICE } from '../messages';

interface Answer {
	statusCode: number;
	body: unknown;
}

const TEST_TIMEOUT_MS = 20_000;

/**
 * The Sora credential's test: `GET /videos?limit=1`, and when that route is missing or refused as a request
 * (400, 404, 405: gateways such as LiteLLM cannot list videos), `GET /models`, which proves the key as well.
 * The result says which check passed. A function rather than the credential's declarative `test`, which can
 * make one request only; n8n runs it for the credential through the node's `testedBy`.
 */
export async function soraApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const secrets = credentialSecrets(data);
	const baseUrl = String(data.baseUrl ?? '').trim().replace(/\/+$/, '');
	if (!/^https?:\/\/[^\s/]+/i.test(baseUrl)) {
		return { status: 'Error', message: `Base URL is not a web address. ${NOT_FOUND_ADVICE}` };
	}
	const get = async (path: string, qs: IDataObject): Promise<Answer> => {
		const options = await new SoraApi().authenticate(data, { url: `${baseUrl}${path}`, method: 'GET', qs, headers: {} });
		// n8n's CredentialTestContext offers only the legacy `request` helper (no httpRequest, no authentication).
		// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
		return (await this.helpers.request({
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
	};
	try {
		const videos = await get('/videos', { limit: 1 });
		if (isOk(videos)) return { status: 'OK', message: 'Connection successful: GET /videos (the video list) answered.' };
		if (![400, 404, 405].includes(videos.statusCode)) return failure(videos, secrets);
		const models = await get('/models', {});
		if (isOk(models)) {
			return {
				status: 'OK',
				message: `Connection successful: GET /models answered with this key. This server has no video list (GET /videos answered HTTP ${videos.statusCode}), so the List operation will not work here; the others may.`,
			};
		}
		if (models.statusCode === 404 || models.statusCode === 405) {
			return { status: 'Error', message: `Nothing answers at Base URL + /videos or /models (HTTP ${videos.statusCode}, ${models.statusCode}). ${NOT_FOUND_ADVICE}` };
		}
		return failure(models, secrets);
	} catch (error) {
		return { status: 'Error', message: redact(`Could not reach the server: ${(error as Error).message}`, secrets) };
	}
}

function isOk(answer: Answer): boolean {
	return answer.statusCode >= 200 && answer.statusCode < 300;
}

/** A refusal: the shared advice for 401, 403 and 404, else the status and the server's own words, redacted. */
function failure(answer: Answer, secrets: string[]): INodeCredentialTestResult {
	const rule = SORA_TEST_RULES.find((r) => r.properties.value === answer.statusCode);
	if (rule) return { status: 'Error', message: rule.properties.message };
	const said = serverMessage(answer.body);
	return { status: 'Error', message: redact(`The server answered HTTP ${answer.statusCode}${said ? `: ${said}` : ''}`, secrets) };
}

function serverMessage(body: unknown): string {
	const text = typeof body === 'string' ? body : '';
	const object = body && typeof body === 'object' ? (body as { error?: { message?: unknown } | string; detail?: unknown }) : undefined;
	const error = object?.error;
	const message = typeof error === 'string' ? error : typeof error?.message === 'string' ? error.message : typeof object?.detail === 'string' ? object.detail : text;
	return message.length > 300 ? `${message.slice(0, 300)}...` : message;
}
