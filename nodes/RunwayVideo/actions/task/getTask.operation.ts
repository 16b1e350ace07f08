import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { finishJob, waitForFinal } from '../../../shared/n8n/paidJob';
import { readWaitSettings, waitProperties } from '../../../shared/n8n/wait';
import { RunwayValidationError } from '../../models/check';
import { invalidItem } from '../../helpers/create';
import { GET_OPERATION, POLL, runwayJob } from '../../helpers/task';
import { getTask } from '../../transport';
import { outputFieldProperty } from '../common.descriptions';
import { readTaskId, taskIdProperty } from './common';

const properties: INodeProperties[] = [
	taskIdProperty(),
	{
		displayName: 'Download Files',
		name: 'download',
		type: 'boolean',
		default: true,
		description: 'Whether to download the video (and any other output files) into binary fields when the task has succeeded',
	},
	outputFieldProperty({ download: [true] }),
	// Off by default here: Get Task reports the status now; turn it on to pick up a task and wait for it.
	...waitProperties(
		{ intervalSeconds: POLL.intervalSeconds, minIntervalSeconds: POLL.minIntervalSeconds },
		{ show: {} },
		{ getOperation: GET_OPERATION, job: 'task' },
	).map((property) =>
		property.name === 'waitForCompletion'
			? {
					...property,
					default: false,
					description: 'Whether to keep checking until the task has finished (for a task whose earlier wait ran out)',
				}
			: property,
	),
];

export const description = updateDisplayOptions({ show: { resource: ['task'], operation: ['getTask'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const id = readTaskId(this, itemIndex);
	const download = this.getNodeParameter('download', itemIndex, true) as boolean;
	const outputField = String(this.getNodeParameter('outputBinaryPropertyName', itemIndex, 'data') ?? '').trim() || 'data';
	const settings = readWaitSettings(this, itemIndex, POLL.minIntervalSeconds);
	settings.waitForCompletion = this.getNodeParameter('waitForCompletion', itemIndex, false) as boolean;
	if (settings.waitForCompletion && !(settings.maxWaitMs > 0)) {
		throw invalidItem(
			this,
			itemIndex,
			new RunwayValidationError('Max Wait (Minutes)', 'Max Wait must be more than 0 minutes', 'Set it to 10 (the default) or more.'),
		);
	}
	const job = await runwayJob(this, itemIndex, (task) => `runway-${task.id}`);
	let task = await getTask(this, itemIndex, id);
	if (settings.waitForCompletion && !job.isFinal(task)) {
		const waited = await waitForFinal(this, itemIndex, job, id, { settings, first: task, extra: {} });
		if ('item' in waited) return waited.item;
		task = waited.state;
	}
	// Get Task reports any state as an item; only a succeeded task has files to download.
	return await finishJob(this, itemIndex, job, task, { extra: {}, outputField, download, failOnUnsuccessful: false });
}
