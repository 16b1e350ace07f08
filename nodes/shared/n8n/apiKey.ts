import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CONTROL_CHARACTERS } from './customHeaders';

/**
 * A key with a line break or another control character inside (a paste from a PDF or a chat) would be
 * stripped or refused by the HTTP client without a word; say so before any request. Whitespace around the
 * key is each credential's own rule.
 */
export function checkApiKeyCharacters(node: INode, credentialName: string, apiKey: string, itemIndex: number): void {
	if (!CONTROL_CHARACTERS.test(apiKey.trim())) return;
	throw new NodeOperationError(node, `The API key in the ${credentialName} credential contains a line break or another control character`, {
		itemIndex,
		description: `Open the ${credentialName} credential and paste the key again as one line, without line breaks or tabs.`,
	});
}
