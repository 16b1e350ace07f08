import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { finishJob } from '../../../shared/n8n/paidJob';
import { isCompleted, isFailed, readDownloadSettings, readVideoId, soraJob } from '../../helpers/job';
import { deliveryOptions, videoIdProperty } from '../common.descriptions';

const properties: INodeProperties[] = [
	videoIdProperty,
	{
		displayName: 'Download When Completed',
		name: 'download',
		type: 'boolean',
		default: true,
		description: 'Whether to download the video into the output binary field when its status is completed',
	},
	{ ...deliveryOptions, displayOptions: { show: { download: [true] } } },
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const id = readVideoId(this, itemIndex);
	const download = this.getNodeParameter('download', itemIndex, true) as boolean;
	const downloadSettings = readDownloadSettings(
		this,
		itemIndex,
		download ? (this.getNodeParameter('options', itemIndex, {}) as IDataObject) : {},
	);
	const job = await soraJob(this, itemIndex, downloadSettings);
	const state = await job.fetch(id);
	// For an IF node: finished (completed or failed) and succeeded (completed), whatever a gateway calls the status.
	const flags = { finished: isCompleted(state.video) || isFailed(state.video), succeeded: isCompleted(state.video) };
	return await finishJob(this, itemIndex, job, state, {
		extra: flags,
		outputField: downloadSettings.outputField,
		download,
		failOnUnsuccessful: false,
	});
}
