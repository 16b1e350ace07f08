/**
 * The operation list of a vendor node, written once: each resource names its operations (the module that
 * describes and runs each, and the words the picker shows), and the Operation pickers, the router and the
 * canvas subtitle are derived from it. Adding an operation touches its own module and one entry here.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runForEachItem } from './itemLoop';
import { notStarted } from './paidJob';

/** What an operation module exports: its parameters and what it does for one item. */
export interface OperationModule {
	description: INodeProperties[];
	/** n8n's shape for an operation module: called with the execution context as `this`. */
	execute: (this: IExecuteFunctions, itemIndex: number, item: INodeExecutionData) => Promise<INodeExecutionData | INodeExecutionData[]>;
}

export interface Operation {
	value: string;
	name: string;
	action: string;
	description: string;
	/** The canvas subtitle's words, where they differ from `name`. */
	subtitle?: string;
	module: OperationModule;
}

export interface Resource {
	value: string;
	name: string;
	description?: string;
	/** In the order the picker shows them. */
	operations: Operation[];
	/** The operation a new node starts with; the first when not given. */
	default?: string;
}

/** The Resource picker (when there is more than one resource), each resource's Operation picker and every operation's parameters. */
export function operationProperties(resources: Resource[]): INodeProperties[] {
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the default is derived: the first resource
	const resourcePicker: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map(({ name, value, description }) => ({ name, value, ...(description ? { description } : {}) })),
		default: resources[0].value,
	};
	return [
		resourcePicker,
		...resources.flatMap((resource) => [
			// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- derived: the resource's default or first operation
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: [resource.value] } },
				options: resource.operations.map(({ name, value, action, description }) => ({ name, value, action, description })),
				default: resource.default ?? resource.operations[0].value,
			} satisfies INodeProperties,
			...resource.operations.flatMap((operation) => operation.module.description),
		]),
	];
}

/**
 * The canvas subtitle: the operation's words, then " · <model>" where `modelExpression` (an n8n expression
 * body) gives one.
 */
export function operationSubtitle(resources: Resource[], modelExpression?: string): string {
	const names = Object.fromEntries(resources.flatMap((r) => r.operations.map((o) => [o.value, o.subtitle ?? o.name])));
	const operation = `(${JSON.stringify(names)}[$parameter["operation"]] || $parameter["operation"])`;
	if (!modelExpression) return `={{ ${operation} }}`;
	return `={{ ${operation} + ((${modelExpression}) ? " · " + (${modelExpression}) : "") }}`;
}

/** Runs the chosen operation for each item; items not started when the execution is cancelled come out marked. */
export async function runOperation(context: IExecuteFunctions, resources: Resource[]): Promise<INodeExecutionData[][]> {
	const resourceValue = context.getNodeParameter('resource', 0, resources[0].value) as string;
	const operationValue = context.getNodeParameter('operation', 0) as string;
	const chosen = resources.find((r) => r.value === resourceValue)?.operations.find((o) => o.value === operationValue);
	if (!chosen) {
		throw new NodeOperationError(context.getNode(), `The operation "${operationValue}" is not known for resource "${resourceValue}"`, {
			description: `Choose one of: ${resources.map((r) => `${r.value}: ${r.operations.map((o) => o.value).join(', ')}`).join('; ')}.`,
		});
	}
	return await runForEachItem(context, async (itemIndex, item) => {
		// Once the execution is cancelled, the items not started yet come out marked (nothing is sent for them),
		// rather than failing the node and taking the job ids of the items already done with them.
		if (context.getExecutionCancelSignal()?.aborted) return notStarted();
		return await chosen.module.execute.call(context, itemIndex, item);
	});
}
