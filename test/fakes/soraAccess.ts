/** Who may call the fake Sora: a gateway's own headers, the API key, the query parameters a deployment requires. */
import type { FakeRequest } from './common/fakeServer';
import { ApiError } from './soraErrors';
import { header } from './soraForm';
import type { FakeSoraOptions } from './soraTypes';

/** The API key, as OpenAI (`Authorization: Bearer`) or Azure (`api-key`) takes it. */
export function authenticate(req: FakeRequest, apiKey: string, authStyle: FakeSoraOptions['authStyle']): void {
	if ((authStyle ?? 'bearer') === 'api-key') {
		if (header(req, 'api-key') !== apiKey) {
			throw new ApiError(
				401,
				'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
				'invalid_api_key',
			);
		}
		return;
	}
	const authorization = header(req, 'authorization');
	const match = authorization === undefined ? null : /^Bearer (.*)$/i.exec(authorization);
	if (!match || match[1].trim() === '') {
		throw new ApiError(
			401,
			"You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from https://platform.openai.com/account/api-keys.",
			'invalid_api_key',
		);
	}
	if (match[1] !== apiKey) {
		// The real API echoes a masked key; this fake echoes none of it.
		throw new ApiError(
			401,
			'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
			'invalid_api_key',
		);
	}
}

/** A gateway's own headers (Cloudflare AI Gateway's cf-aig-authorization, Helicone-Auth...), checked before the key. */
export function checkGatewayHeaders(req: FakeRequest, required: FakeSoraOptions['requiredHeaders']): void {
	for (const [name, expected] of Object.entries(required ?? {})) {
		const actual = header(req, name.toLowerCase());
		if (actual !== expected) {
			throw new ApiError(401, `Unauthorized: ${actual === undefined ? 'missing' : 'invalid'} ${name} header.`, 'gateway_unauthorized');
		}
	}
}

/** Query parameters every request must carry (Azure's api-version): missing 404, wrong 400. */
export function checkQuery(req: FakeRequest, required: FakeSoraOptions['requiredQuery']): void {
	for (const [key, expected] of Object.entries(required ?? {})) {
		const actual = req.query.get(key);
		if (actual === null) throw new ApiError(404, 'Resource not found', '404', key);
		if (actual !== expected) {
			throw new ApiError(
				400,
				key === 'api-version' ? 'API version not supported' : `Unsupported value for query parameter '${key}'.`,
				'BadRequest',
				key,
			);
		}
	}
}
