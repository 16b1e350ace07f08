import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** Runway developer API key (api-contracts.md §B.1, §B.9, §B.13). */
export class RunwayApi implements ICredentialType {
	name = 'runwayApi';

	displayName = 'Runway API';

	documentationUrl = 'https://docs.dev.runwayml.com/api';

	icon = 'file:runwayApi.svg' as const;

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'A key from the Runway developer portal (dev.runwayml.com): key_ followed by 128 hex digits',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.dev.runwayml.com',
			description:
				"Runway's API address without /v1 (the node adds /v1/...). For a gateway that serves the Runway API under a path prefix, put the prefix here, e.g. https://gateway.example.com/runwayml.",
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: '2024-11-06',
			description: 'Sent as the X-Runway-Version header. Change it only when Runway announces a new version.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
				'X-Runway-Version': '={{$credentials.apiVersion}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/v1/organization',
		},
	};
}
