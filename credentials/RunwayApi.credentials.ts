import type { ICredentialDataDecryptedObject, ICredentialType, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import type { ConnectionCheck } from '../nodes/shared/n8n/connectionCheck';
import {
	CONTROL_CHARACTERS,
	CustomHeadersError,
	customHeadersProperty,
	KEY_CONTROL_CHARACTERS,
	mergeHeaders,
	parseCustomHeaders,
} from '../nodes/shared/n8n/customHeaders';

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

	// No declarative `test`: n8n prefers it over a node's, and n8n 1.x never shows its messages. The Runway Video
	// node runs RUNWAY_CONNECTION_TEST (`testedBy: 'runwayApiTest'`, nodes/shared/n8n/connectionCheck.ts).
}

const BASE_URL_ADVICE = "Base URL is Runway's address without /v1: https://api.dev.runwayml.com, or your gateway's prefix.";

/** The credential's test: `GET /v1/organization` (costs nothing); a refusal says what to check. */
export const RUNWAY_CONNECTION_TEST: ConnectionCheck = {
	authenticate: async (credentials, options) => await new RunwayApi().authenticate(credentials, options),
	defaultBaseUrl: 'https://api.dev.runwayml.com',
	baseUrlAdvice: BASE_URL_ADVICE,
	probes: [{ path: '/v1/organization', passed: () => 'Connection successful: GET /v1/organization (the account) answered.' }],
	refusals: {
		401: "Runway did not accept the API key (HTTP 401). Use a key from the developer portal (dev.runwayml.com): key_ followed by 128 hex digits, without spaces; check that Base URL is https://api.dev.runwayml.com (not api.runwayml.com) or your gateway, and put a gateway's own header in Custom Headers.",
		404: `Nothing answers at Base URL + /v1/organization (HTTP 404). ${BASE_URL_ADVICE}`,
	},
};
