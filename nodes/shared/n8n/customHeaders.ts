/**
 * The Custom Headers field of a credential: a JSON object of header names to values, sent on every request
 * of that credential (a gateway's own key or routing headers: Cloudflare AI Gateway's cf-aig-authorization,
 * Helicone-Auth, Portkey's x-portkey-*). The values are secrets: errors name the header, never its value.
 */

import type { INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Headers that frame the message or steer the connection: set by hand they cut or smuggle a body, or send
 * the request elsewhere. The node and n8n set them; Content-Type is the node's too (JSON or multipart).
 */
const RESERVED_HEADERS = new Set([
	'host',
	'content-length',
	'transfer-encoding',
	'connection',
	'keep-alive',
	'proxy-connection',
	'te',
	'trailer',
	'upgrade',
	'expect',
	'content-type',
]);

/** Control characters (tab aside): n8n's HTTP client would strip or refuse them silently. */
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000a-\u001f\u007f]/;

export const KEY_CONTROL_CHARACTERS = 'The API key contains a line break or another control character: paste it again as one line.';

export class CustomHeadersError extends Error {}

/**
 * The credentials' Custom Headers field. Its default is '{}', not '': n8n's JSON editor lints an empty field
 * as broken JSON ("Unexpected end of JSON input") and shows no placeholder, so the example is in the hint.
 * Both parse to no headers, so credentials saved with '' send exactly what they sent before.
 */
export function customHeadersProperty(example: string, keyHeaders: string): INodeProperties {
	return {
		displayName: 'Custom Headers',
		name: 'customHeaders',
		type: 'json',
		default: '{}',
		hint: `Optional, for a gateway or proxy that wants headers of its own: a JSON object of header names to values, e.g. ${example}. Leave {} when none is needed.`,
		description: `Sent on every request. The values are kept out of outputs, errors and logs like the key. They cannot replace ${keyHeaders}, nor Host, Content-Length or Content-Type.`,
	};
}

/** `{"cf-aig-authorization": "Bearer ..."}` (as text or an object) -> the headers; '' or {} -> none. */
export function parseCustomHeaders(raw: unknown): Record<string, string> {
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return {};
	let value: unknown = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch {
			throw new CustomHeadersError(
				'Custom Headers is not valid JSON. Write an object of header names to values, e.g. {"x-gateway-key": "YOUR_KEY"}.',
			);
		}
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new CustomHeadersError('Custom Headers must be a JSON object of header names to values, e.g. {"x-gateway-key": "YOUR_KEY"}.');
	}
	const headers: Record<string, string> = {};
	for (const [name, headerValue] of Object.entries(value as Record<string, unknown>)) {
		if (!HEADER_NAME.test(name)) throw new CustomHeadersError(`Custom Headers: "${name}" is not a valid header name.`);
		if (RESERVED_HEADERS.has(name.toLowerCase())) {
			throw new CustomHeadersError(`Custom Headers: "${name}" cannot be set here; the node and n8n set it themselves.`);
		}
		if (typeof headerValue !== 'string' && typeof headerValue !== 'number' && typeof headerValue !== 'boolean') {
			throw new CustomHeadersError(`Custom Headers: the value of "${name}" must be text.`);
		}
		const text = String(headerValue);
		if (CONTROL_CHARACTERS.test(text)) {
			throw new CustomHeadersError(`Custom Headers: the value of "${name}" contains a line break or another control character.`);
		}
		headers[name] = text;
	}
	return headers;
}

/** Sets `extra` on `headers`, replacing a header of the same name in any letter case. */
export function mergeHeaders(headers: Record<string, unknown>, extra: Record<string, string>): Record<string, unknown> {
	const merged = { ...headers };
	for (const [name, value] of Object.entries(extra)) {
		for (const existing of Object.keys(merged)) if (existing.toLowerCase() === name.toLowerCase()) delete merged[existing];
		merged[name] = value;
	}
	return merged;
}

/**
 * For a node, before its first request: Custom Headers that do not parse would make the credential's
 * authenticate throw inside n8n's request helper, where it reads as an unreachable host.
 */
export function checkCustomHeaders(node: INode, credentialName: string, raw: unknown, itemIndex: number): void {
	try {
		parseCustomHeaders(raw);
	} catch (error) {
		if (!(error instanceof CustomHeadersError)) throw error;
		throw new NodeOperationError(node, `The ${credentialName} credential's ${error.message}`, {
			itemIndex,
			description: `Open the ${credentialName} credential and fix Custom Headers, or empty it when no gateway or proxy needs extra headers.`,
		});
	}
}
