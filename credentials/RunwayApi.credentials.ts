import type {
	IAuthenticateRuleResponseCode,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import {
	CONTROL_CHARACTERS,
	CustomHeadersError,
	customHeadersProperty,
	KEY_CONTROL_CHARACTERS,
	mergeHeaders,
	parseCustomHeaders,
} from '../nodes/shared/n8n/customHeaders';

/** What a failed credential test says, by status: n8n's own text would be the bare status ("Unauthorized"). */
export const RUNWAY_TEST_RULES: IAuthenticateRuleResponseCode[] = [
	{
		type: 'responseCode',
		properties: {
			value: 401,
			message:
				'Runway did not accept the API key (HTTP 401). Use a key from the developer portal (dev.runwayml.com): key_ followed by 128 hex digits, without spaces; check that Base URL is https://api.dev.runwayml.com (not api.runwayml.com) or your gateway, and put a gateway\'s own header in Custom Headers.',
		},
	},
	{
		type: 'responseCode',
		properties: {
			value: 404,
			message:
				'Nothing answers at Base URL + /v1/organization (HTTP 404). Base URL is Runway\'s address without /v1: https://api.dev.runwayml.com, or your gateway\'s prefix.',
		},
	},
];

/** Runway developer API key (dev.runwayml.com). */
export class RunwayApi implements ICredentialType {
	name = 'runwayApi';

	displayName = 'Runway API';

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-ai-video#credential-runway-api';

	icon = 'file:runwayApi.svg' as const;

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			hint: 'From the Runway developer portal (dev.runwayml.com): key_ followed by 128 hex digits',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.dev.runwayml.com',
			hint: "Runway's API address without /v1 (the node adds /v1/...). A gateway that serves the Runway API under a path prefix: that prefix, e.g. https://gateway.example.com/runwayml.",
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: '2024-11-06',
			hint: 'Sent as the X-Runway-Version header. Change it only when Runway announces a new version.',
		},
		customHeadersProperty('{"x-gateway-key": "YOUR_GATEWAY_KEY"}', 'Authorization or X-Runway-Version'),
	];

	// A function rather than a generic template: Custom Headers is a JSON object of any headers. The key's
	// headers are set last, so no custom header can replace them. n8n applies it to the credential test too.
	authenticate = async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> => {
		const headers = mergeHeaders({ ...requestOptions.headers }, parseCustomHeaders(credentials.customHeaders));
		if (CONTROL_CHARACTERS.test(String(credentials.apiKey ?? '').trim())) throw new CustomHeadersError(KEY_CONTROL_CHARACTERS);
		return {
			...requestOptions,
			headers: mergeHeaders(headers, {
				Authorization: `Bearer ${String(credentials.apiKey ?? '')}`,
				'X-Runway-Version': String(credentials.apiVersion ?? ''),
			}) as IHttpRequestOptions['headers'],
		};
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/v1/organization',
		},
		rules: RUNWAY_TEST_RULES,
	};
}
