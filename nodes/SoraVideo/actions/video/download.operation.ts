import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { finishJob } from '../../../shared/n8n/paidJob';
import { explainFailure, failureMessage, isCompleted, isFailed, readDownloadSettings, readVideoId, soraJob } from '../../helpers/job';
import { fileNameProperty, outputFieldProperty, variantProperty, videoIdProperty } from '../common.descriptions';
import { itemError } from '../../../shared/n8n/itemError';

const properties: INodeProperties[] = [
	videoIdProperty,
	variantProperty,
	{ ...outputFieldProperty, required: true },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [fileNameProperty],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['download'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const id = readVideoId(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as { fileName?: string };
	const downloadSettings = readDownloadSettings(this, itemIndex, {
		variant: this.getNodeParameter('variant', itemIndex, 'video') as string,
		outputBinaryPropertyName: this.getNodeParameter('outputBinaryPropertyName', itemIndex, 'data') as string,
		fileName: options.fileName,
	});
	// Looked up first: a video that is not ready gets a clear answer, and the file a name with its model.
	const job = await soraJob(this, itemIndex, downloadSettings);
	const state = await job.fetch(id);
	const { video } = state;
	if (!isCompleted(video)) {
		const failed = isFailed(video);
		throw itemError(
			this.getNode(),
			itemIndex,
			undefined,
			failed
				? `${failureMessage(video)}, so it has nothing to download`
				: `Video ${id} is not ready yet: ${String(video.status)}, ${String(video.progress ?? 0)}%`,
			failed
				? `${video.error?.message ?? ''} ${explainFailure(video.error?.code)}`.trim()
				: 'Download it once its status is completed: check it with the Get operation, or let Generate wait for it.',
		);
	}
	return await finishJob(this, itemIndex, job, state, {
		extra: {},
		outputField: downloadSettings.outputField,
		download: true,
		failOnUnsuccessful: true,
	});
}
