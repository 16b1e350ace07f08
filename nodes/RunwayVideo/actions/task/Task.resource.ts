import type { INodeProperties } from 'n8n-workflow';

import * as cancelTask from './cancelTask.operation';
import * as getTask from './getTask.operation';

export { cancelTask, getTask };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['task'] } },
		options: [
			{
				name: 'Cancel or Delete Task',
				value: 'cancelTask',
				action: 'Cancel or delete a task',
				description: 'Cancel a task that is still running, or delete a finished one',
			},
			{
				name: 'Get Task',
				value: 'getTask',
				action: 'Get a task',
				description: 'Status, progress, cost and output of a task; downloads its files when it is ready',
			},
		],
		default: 'getTask',
	},
	...getTask.description,
	...cancelTask.description,
];
