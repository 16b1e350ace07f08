/**
 * What a node shows and defaults to when it is an AI Agent's tool, in the node's own properties: n8n shows a
 * property only in the tool variant with the display condition `'@tool': [true]` (and only in the plain
 * node with `[false]`). n8n builds the tool variant it runs from the node's properties alone (the editor-only
 * `usableAsTool.replacements` do not reach the execution), so this is where a tool's texts and defaults live.
 *
 * The model's tool description is the `toolDescription` parameter when the node has one, else n8n's short
 * "<action> in <node>". Each operation gets its own, filled in with what the tool does, what it costs, how
 * long it may block, what it returns and where an id comes from; a user may still rewrite it.
 */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

export interface ToolTexts {
	/** resource -> operation -> what the model reads. */
	descriptions: Record<string, Record<string, string>>;
	/** Parameter defaults that differ in the tool variant, e.g. `{ maxWaitMinutes: 4 }`. */
	defaults?: Record<string, string | number | boolean>;
}

function onlyWhen(tool: boolean, displayOptions: IDisplayOptions | undefined): IDisplayOptions {
	return { ...displayOptions, show: { ...displayOptions?.show, '@tool': [tool] } };
}

export function withToolVariant(properties: INodeProperties[], texts: ToolTexts): INodeProperties[] {
	const defaults = texts.defaults ?? {};
	const adapted = properties.flatMap((property) => {
		if (!Object.prototype.hasOwnProperty.call(defaults, property.name)) return [property];
		return [
			{ ...property, displayOptions: onlyWhen(false, property.displayOptions) },
			{ ...property, default: defaults[property.name], displayOptions: onlyWhen(true, property.displayOptions) },
		];
	});
	const descriptions: INodeProperties[] = Object.entries(texts.descriptions).flatMap(([resource, operations]) =>
		Object.entries(operations).map(([operation, text]) => ({
			displayName: 'Tool Description',
			name: 'toolDescription',
			type: 'string' as const,
			typeOptions: { rows: 4 },
			default: text,
			description: 'What the model reads about this tool: what it does, what it costs, how long it takes, what it returns',
			displayOptions: { show: { '@tool': [true], resource: [resource], operation: [operation] } },
		})),
	);
	// First, where n8n puts its own tool Description.
	return [...descriptions, ...adapted];
}
