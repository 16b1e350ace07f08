import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { isFinal, percent } from '../../helpers/task';
import { deleteTask, getTask } from '../../transport';
import { readTaskId, taskIdProperty } from './common';

export const description = updateDisplayOptions({ show: { resource: ['task'], operation: ['cancelTask'] } }, [taskIdProperty()]);

/** Runway's DELETE cancels a task that is still pending, throttled or running, and deletes a finished one. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const id = readTaskId(this, itemIndex);
	const before = await getTask(this, itemIndex, id);
	await deleteTask(this, itemIndex, id);
	const deleted = isFinal(before.status);
	return {
		json: {
			id,
			action: deleted ? 'deleted' : 'cancelled',
			previousStatus: before.status,
			progress: percent(before),
			note: deleted
				? 'The finished task was deleted; it can no longer be fetched.'
				: 'The task was cancelled before it finished; unused credits go back to the organization.',
		},
	};
}
