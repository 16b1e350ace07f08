import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readWaitSettings, waitProperties } from '../../../shared/n8n/wait';
import { RunwayValidationError } from '../../models';
import { invalidItem } from '../../helpers/create';
import { POLL, finish, isFinal, waitAndFinish } from '../../helpers/task';
import { getTask } from '../../transport';
import { readTaskId, taskIdProperty } from './common';

const show = { operation: ['getTask'] };

export const description: INodeProperties[] = [
	taskIdProperty('getTask'),
	{
		displayName: 'Download Video',
		name: 'download',
		type: 'boolean',
		default: true,
		description: 'Whether to download the video into a binary field when the task has succeeded',
		displayOptions: { show },
	},
	{
		displayName: 'Output Binary Field',
		name: 'outputBinaryPropertyName',
		type: 'string',
		default: 'data',
		description: 'Binary field to put the video (MP4) in',
		displayOptions: { show: { ...show, download: [true] } },
	},
	// Off by default here: Get Task reports the status now; turn it on to pick up a task and wait for it.
	...waitProperties({ intervalSeconds: POLL.intervalSeconds, minIntervalSeconds: POLL.minIntervalSeconds }, { show }).map((property) =>
		property.name === 'waitForCompletion'
			? {
					...property,
					default: false,
					description: 'Whether to keep checking until the task has finished (for a task whose earlier wait ran out)',
				}
			: property,
	),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const id = readTaskId(this, itemIndex);
	const download = this.getNodeParameter('download', itemIndex, true) as boolean;
	const outputField = String(this.getNodeParameter('outputBinaryPropertyName', itemIndex, 'data') ?? '').trim() || 'data';
	const settings = readWaitSettings(this, itemIndex, POLL.minIntervalSeconds);
	settings.waitForCompletion = this.getNodeParameter('waitForCompletion', itemIndex, false) as boolean;
	if (settings.waitForCompletion && !(settings.maxWaitMs > 0)) {
		throw invalidItem(this, itemIndex, new RunwayValidationError('Max Wait (Minutes)', 'Max Wait must be more than 0 minutes', 'Set it to 10 (the default) or more.'));
	}
	const options = { outputField, fileName: `runway-${id}.mp4`, download, failOnUnsuccessful: false };
	const task = await getTask(this, itemIndex, id);
	const item = settings.waitForCompletion
		? await waitAndFinish(this, itemIndex, id, settings, { ...options, first: task })
		: await finish(this, itemIndex, task, options);
	// For an If node in a create / Wait / Get Task loop: done (either way) and done well.
	const status = String(item.json.status ?? '').toUpperCase();
	item.json.finished = status !== '' && isFinal(status);
	item.json.succeeded = status === 'SUCCEEDED';
	return item;
}
