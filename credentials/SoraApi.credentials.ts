import type { ICredentialDataDecryptedObject, ICredentialType, IDataObject, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import type { ConnectionCheck } from '../nodes/shared/n8n/connectionCheck';
import {
	CONTROL_CHARACTERS,
	CustomHeadersError,
	customHeadersProperty,
	KEY_CONTROL_CHARACTERS,
	mergeHeaders,
	parseCustomHeaders,
} from '../nodes/shared/n8n/customHeaders';

// Advice the node's errors (nodes/SoraVideo/transport.ts) and the credential's test share, so a 401 reads the same in both.

export const UNAUTHORIZED_ADVICE =
	'Check the key and the Authentication Header: Azure OpenAI wants "Api-Key", OpenAI and most gateways "Authorization: Bearer YOUR_KEY". A gateway that also wants a header of its own (Cloudflare AI Gateway, Helicone, Portkey) takes it in Custom Headers.';

export const FORBIDDEN_ADVICE =
	"Check the account's organization verification, project permissions and model access, and the Organization ID and Project ID.";

export const NOT_FOUND_ADVICE =
	'Base URL is everything before /videos, including /v1, e.g. https://my-litellm.example.com/v1; Azure may need api-version=preview in Extra Query Parameters.';

/**
 * The OpenAI Videos API (`/v1/videos`) as served by OpenAI until 2026-09-24 and by the gateways that still
 * speak it: OpenAI-style `Authorization: Bearer` or Azure-style `api-key`, optional organization and project
 * headers, and extra query parameters (Azure's `api-version`) added to every request.
 */
export class SoraApi implements ICredentialType {
	name = 'soraApi';

	displayName = 'Sora (OpenAI Videos) API';

	icon = 'file:soraApi.svg' as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-ai-video#credential-sora-openai-videos-api';

	properties: INodeProperties[] = [
		{
			displayName:
				'OpenAI shut its own Sora API down on 2026-09-24. Set Base URL to a gateway that still serves /v1/videos: LiteLLM (routes to Azure, Gemini Veo, Vertex, Runway), Azure OpenAI v1 or a reseller.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			hint: "The key of the server at Base URL: a LiteLLM virtual key, an Azure OpenAI key, a reseller's key",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://my-litellm.example.com/v1',
			hint: 'Everything before /videos, including /v1. LiteLLM: https://my-litellm.example.com/v1 · Azure OpenAI: https://RESOURCE.openai.azure.com/openai/v1 · Cloudflare AI Gateway: https://gateway.ai.cloudflare.com/v1/ACCOUNT/GATEWAY/openai',
		},
		{
			displayName: 'Authentication Header',
			name: 'authStyle',
			type: 'options',
			options: [
				{
					name: 'Authorization: Bearer (OpenAI, LiteLLM, Most Gateways)',
					value: 'bearer',
				},
				{
					name: 'Api-Key (Azure OpenAI)',
					value: 'apiKey',
				},
			],
			default: 'bearer',
		},
		{
			displayName: 'Organization ID',
			name: 'organization',
			type: 'string',
			default: '',
			hint: 'Optional: sent as the OpenAI-Organization header when set',
		},
		{
			displayName: 'Project ID',
			name: 'project',
			type: 'string',
			default: '',
			hint: 'Optional: sent as the OpenAI-Project header when set',
		},
		{
			displayName: 'Extra Query Parameters',
			name: 'extraQuery',
			type: 'string',
			default: '',
			placeholder: 'e.g. api-version=preview',
			hint: 'Optional: added to every request, as key=value pairs joined with &. Azure OpenAI needs api-version, e.g. api-version=preview.',
		},
		customHeadersProperty(
			'{"cf-aig-authorization": "Bearer YOUR_GATEWAY_TOKEN"} (Cloudflare AI Gateway; also Helicone-Auth, x-portkey-config)',
			'the header that carries the API key',
		),
	];

	// A function rather than a generic template: the header depends on the auth style, and the optional
	// headers and query parameters are sent only when set. n8n applies it to the credential test too.
	// The key's header is set last, so no custom header can replace it.
	authenticate = async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> => {
		const key = String(credentials.apiKey ?? '').trim();
		if (CONTROL_CHARACTERS.test(key)) throw new CustomHeadersError(KEY_CONTROL_CHARACTERS);
		const own: Record<string, string> = credentials.authStyle === 'apiKey' ? { 'api-key': key } : { Authorization: `Bearer ${key}` };
		const organization = String(credentials.organization ?? '').trim();
		const project = String(credentials.project ?? '').trim();
		if (organization) own['OpenAI-Organization'] = organization;
		if (project) own['OpenAI-Project'] = project;
		const custom = mergeHeaders({ ...requestOptions.headers }, parseCustomHeaders(credentials.customHeaders));
		const headers = mergeHeaders(custom, own) as IDataObject;
		const qs: IDataObject = { ...parseQuery(String(credentials.extraQuery ?? '')), ...requestOptions.qs };
		return { ...requestOptions, headers, qs };
	};

	// No declarative `test`: n8n prefers it over a node's, and one request cannot fall back from GET /videos
	// (which gateways such as LiteLLM refuse) to GET /models. The Sora Video node runs SORA_CONNECTION_TEST
	// (`testedBy: 'soraApiTest'`, nodes/shared/n8n/connectionCheck.ts).
}

/**
 * The credential's test: `GET /videos?limit=1`, and when that route is missing or refused as a request (400,
 * 404, 405: gateways such as LiteLLM cannot list videos), `GET /models`, which proves the key as well. The
 * result says which check passed; a refusal says what to check (n8n's own text would be the bare status).
 */
export const SORA_CONNECTION_TEST: ConnectionCheck = {
	authenticate: async (credentials, options) => await new SoraApi().authenticate(credentials, options),
	baseUrlAdvice: NOT_FOUND_ADVICE,
	probes: [
		{
			path: '/videos',
			qs: { limit: 1 },
			routeMissing: [400, 404, 405],
			passed: () => 'Connection successful: GET /videos (the video list) answered.',
		},
		{
			path: '/models',
			routeMissing: [404, 405],
			passed: ([videos]) =>
				`Connection successful: GET /models answered with this key. This server has no video list (GET /videos answered HTTP ${videos}), so the List operation will not work here; the others may.`,
		},
	],
	refusals: {
		401: `The server did not accept the API key (HTTP 401). ${UNAUTHORIZED_ADVICE}`,
		403: `The key is valid but may not do this (HTTP 403). ${FORBIDDEN_ADVICE}`,
		404: `Nothing answers at Base URL + /videos (HTTP 404). ${NOT_FOUND_ADVICE}`,
	},
	nothingAnswers: ([videos, models]) => `Nothing answers at Base URL + /videos or /models (HTTP ${videos}, ${models}). ${NOT_FOUND_ADVICE}`,
};

/** "api-version=preview&x=1" (a leading "?" and newlines are fine) -> { 'api-version': 'preview', x: '1' }. */
function parseQuery(text: string): IDataObject {
	const query: IDataObject = {};
	for (const [key, value] of new URLSearchParams(
		text
			.trim()
			.replace(/^\?/, '')
			.replace(/\s*[\r\n]+\s*/g, '&'),
	)) {
		if (key.trim()) query[key.trim()] = value.trim();
	}
	return query;
}
