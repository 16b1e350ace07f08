/**
 * A node running as an AI Agent's tool. n8n wraps every `usableAsTool` node in a variant whose type ends in
 * `Tool` (`<package>.runwayVideoTool`) and runs the node's own execute() with the model's arguments as the
 * only input item; what comes back to the model is the items' JSON (binaries are dropped), and an error
 * reaches it as its message alone (the description, where the fix is, is dropped).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OutputFile } from './outputFiles';

/** Whether the node runs as an Agent's tool (the type check is n8n's own NodeHelpers.isToolType rule). */
export function isToolMode(context: IExecuteFunctions): boolean {
	const type = context.getNode().type.split('.').pop() ?? '';
	// isToolExecution: the supply-data path of n8n 2.x; older contexts lack it.
	return type.endsWith('Tool') || (typeof context.isToolExecution === 'function' && context.isToolExecution());
}

/**
 * In tool mode, an error whose message carries its fix: the description folded in, the item number (one
 * item per tool call, meaningless to a model) left out. Elsewhere the error as it is.
 */
export function forToolCaller(context: IExecuteFunctions, error: unknown): unknown {
	if (!isToolMode(context) || !(error instanceof Error)) return error;
	const description = (error as { description?: unknown }).description;
	const message = error.message
		.replace(/ ?\(item \d+\)/g, '')
		.replace(/\(item \d+, /g, '(')
		.replace(/^Item \d+ /, 'The input ');
	const fix = typeof description === 'string' && description && !message.includes(description) ? ` ${description}` : '';
	if (!fix && message === error.message) return error;
	const folded = new NodeOperationError(context.getNode(), `${message.replace(/\.?$/, '.')}${fix}`);
	folded.description = null;
	return folded;
}

/** The error for a binary input in tool mode: a tool call carries text only, never a file. */
export function noFileForTool(context: IExecuteFunctions, itemIndex: number, field: string): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`This tool needs a file in "${field}", and a tool call carries only text. In the tool's settings, give the image or video as a URL (an HTTPS link, e.g. from $fromAI) instead of a binary field.`,
		{ itemIndex },
	);
}

/**
 * A finished job's item for the model, instead of downloading its files (the model could not see them, and
 * n8n drops an Agent tool's binaries): a link the user can open where the API gives one, otherwise how a
 * workflow fetches the file.
 */
export function forModel(
	json: IDataObject,
	files: OutputFile[],
	api: { api: string; noun: string; getOperation: string; downloadOperation?: string },
): IDataObject {
	const id = String(json.id);
	const links = files.filter((file) => file.credentialType === undefined).map((file) => file.url);
	if (links.length > 0) {
		return {
			...json,
			link: links[0],
			...(links.length > 1 ? { links } : {}),
			note: `Ready. Give the user the link: it opens the video. It is a signed link that expires after a while; "${api.getOperation}" with ID ${id} gives a fresh one.`,
		};
	}
	return {
		...json,
		link: null,
		note: `Ready, but the file can only be fetched with the ${api.api} API key, so there is no link a user can open. Tell the user the video ID ${id}; a workflow fetches the file with the "${api.downloadOperation ?? api.getOperation}" operation and that ID.`,
	};
}
