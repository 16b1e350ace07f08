import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readId } from '../../../shared/n8n/readId';

export function taskIdProperty(): INodeProperties {
	return {
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 17f20503-6c24-4a16-946b-35dbbce2af2f',
		description: 'The task ID (the "ID" field) from the output of a create operation, e.g. of an item whose wait ran out',
	};
}

export function readTaskId(context: IExecuteFunctions, itemIndex: number): string {
	return readId(context, itemIndex, {
		parameter: 'taskId',
		field: 'Task ID',
		noun: 'Runway task ID',
		emptyMessage: 'Task ID is empty',
		hint: 'Map the "id" field of a Runway Video create operation, e.g. {{ $json.id }}.',
	});
}
