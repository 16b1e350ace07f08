import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/**
 * The OpenAI Videos API (`/v1/videos`) as served by OpenAI until 2026-09-24 and by the gateways that still
 * speak it: OpenAI-style `Authorization: Bearer` or Azure-style `api-key`, optional organization and project
 * headers, and extra query parameters (Azure's `api-version`) added to every request.
 */
export class SoraApi implements ICredentialType {
	name = 'soraApi';

	displayName = 'Sora (OpenAI Videos) API';

	icon = 'file:soraApi.svg' as const;

	documentationUrl = 'https://github.com/n8n-nodes-ai-video/n8n-nodes-ai-video#sora-video';

	properties: INodeProperties[] = [
		{
			displayName:
				'OpenAI shut its own Sora API down on 2026-09-24. Point Base URL at a gateway that still serves /v1/videos: LiteLLM (routes to Azure, Gemini Veo, Vertex, Runway), Azure OpenAI v1 (https://RESOURCE.openai.azure.com/openai/v1) or a reseller.',
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
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.openai.com/v1',
			required: true,
			description: 'Everything before /videos, including /v1, e.g. https://RESOURCE.openai.azure.com/openai/v1 or https://my-litellm.example.com/v1',
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
			description: 'Sent as the OpenAI-Organization header when set',
		},
		{
			displayName: 'Project ID',
			name: 'project',
			type: 'string',
			default: '',
			description: 'Sent as the OpenAI-Project header when set',
		},
		{
			displayName: 'Extra Query Parameters',
			name: 'extraQuery',
			type: 'string',
			default: '',
			placeholder: 'e.g. api-version=preview',
			description: 'Added to every request, as key=value pairs joined with &. Azure needs api-version.',
		},
	];

	// A function rather than a generic template: the header depends on the auth style, and the optional
	// headers and query parameters are sent only when set. n8n applies it to the credential test too.
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const key = String(credentials.apiKey ?? '').trim();
		const headers: IDataObject = { ...requestOptions.headers };
		if (credentials.authStyle === 'apiKey') headers['api-key'] = key;
		else headers.Authorization = `Bearer ${key}`;
		const organization = String(credentials.organization ?? '').trim();
		const project = String(credentials.project ?? '').trim();
		if (organization) headers['OpenAI-Organization'] = organization;
		if (project) headers['OpenAI-Project'] = project;
		const qs: IDataObject = { ...parseQuery(String(credentials.extraQuery ?? '')), ...requestOptions.qs };
		return { ...requestOptions, headers, qs };
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/videos',
			method: 'GET',
			qs: { limit: 1 },
		},
	};
}

/** "api-version=preview&x=1" (a leading "?" and newlines are fine) -> { 'api-version': 'preview', x: '1' }. */
function parseQuery(text: string): IDataObject {
	const query: IDataObject = {};
	for (const [key, value] of new URLSearchParams(text.trim().replace(/^\?/, '').replace(/\s*[\r\n]+\s*/g, '&'))) {
		if (key.trim()) query[key.trim()] = value.trim();
	}
	return query;
}
