import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { pathSegmentProblem } from '../../../shared/http/pathSegment';
import { RunwayValidationError } from '../../models/check';
import { invalidItem } from '../../helpers/create';

export function taskIdProperty(operation: string): INodeProperties {
	return {
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 17f20503-6c24-4a16-946b-35dbbce2af2f',
		description: 'The task ID (the "ID" field) from the output of a create operation, e.g. of an item whose wait ran out',
		displayOptions: { show: { resource: ['task'], operation: [operation] } },
	};
}

export function readTaskId(context: IExecuteFunctions, itemIndex: number): string {
	const raw = context.getNodeParameter('taskId', itemIndex, '');
	const id = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
	const problem = pathSegmentProblem(id);
	if (problem) {
		throw invalidItem(
			context,
			itemIndex,
			new RunwayValidationError('Task ID', id === '' ? 'Task ID is empty' : `Task ID "${id.slice(0, 60)}" is not a Runway task ID: ${problem}`, 'Map the "id" field of a Runway Video create operation, e.g. {{ $json.id }}.'),
		);
	}
	return id;
}
