import type { Resource } from '../../../shared/n8n/operations';
import * as cancelTask from './cancelTask.operation';
import * as getTask from './getTask.operation';

export const task: Resource = {
	value: 'task',
	name: 'Task',
	description: 'Get, cancel or delete a task by its ID',
	operations: [
		{
			value: 'cancelTask',
			name: 'Cancel or Delete Task',
			action: 'Cancel or delete a task',
			description: 'Cancel a task that is still running, or delete a finished one',
			module: cancelTask,
		},
		{
			value: 'getTask',
			name: 'Get Task',
			action: 'Get a task',
			description: 'Status, progress, cost and output of a task; downloads its files when it is ready',
			module: getTask,
		},
	],
	default: 'getTask',
};
