/**
 * The Sora credential's test as n8n runs it: the node's `credentialTest.soraApiTest` with the credential's data,
 * called on a context whose `helpers.request` does what n8n-core's CredentialTestContext does (its legacy request
 * helper, proxyRequestToAxios: axios with `simple: false` answering every status, `resolveWithFullResponse`
 * giving `{statusCode, headers, body}`). n8n-core is not a dependency here; test/e2e/soraGateway.test.ts runs the
 * same test in a real n8n through its REST API.
 */
import axios from 'axios';
import type { ICredentialTestFunction, ICredentialTestFunctions, INodeCredentialTestResult, INodeType } from 'n8n-workflow';

import { SoraVideo } from '../../../nodes/SoraVideo/SoraVideo.node';

interface LegacyRequest {
	uri: string;
	method: string;
	qs?: Record<string, unknown>;
	headers?: Record<string, string>;
	simple?: boolean;
	followRedirect?: boolean;
	timeout?: number;
}

const context = {
	logger: console,
	helpers: {
		request: async (options: LegacyRequest) => {
			const response = await axios.request({
				url: options.uri,
				method: options.method,
				params: options.qs,
				headers: options.headers,
				timeout: options.timeout,
				maxRedirects: options.followRedirect === false ? 0 : undefined,
				validateStatus: options.simple === false ? () => true : undefined,
				proxy: false,
			});
			return { statusCode: response.status, headers: response.headers, body: response.data as unknown };
		},
	},
} as unknown as ICredentialTestFunctions;

export async function credentialTest(data: Record<string, string>): Promise<INodeCredentialTestResult> {
	return await nodeCredentialTest(new SoraVideo(), 'soraApi', data);
}

/** The test the node names in `testedBy` for this credential, as n8n runs it (the Runway node's too). */
export async function nodeCredentialTest(
	node: INodeType,
	credentialName: string,
	data: Record<string, unknown>,
): Promise<INodeCredentialTestResult> {
	const testedBy = node.description.credentials?.find((c) => c.name === credentialName)?.testedBy;
	if (typeof testedBy !== 'string')
		throw new Error(`the ${node.description.displayName} node does not test the ${credentialName} credential`);
	const tests = (node.methods?.credentialTest ?? {}) as Record<string, ICredentialTestFunction>;
	return await tests[testedBy].call(context, { id: 'c1', name: credentialName, type: credentialName, data: data as never });
}
