import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { WaitCancelledError } from '../../../shared/http/sleep';
import { readPrompt } from '../../helpers/createSettings';
import { readDelivery, readVideoId, waitAndDeliver } from '../../helpers/job';
import { asVideo, soraRequest } from '../../transport';
import { deliveryOptions, soraWaitProperties, videoIdProperty } from '../common.descriptions';

const properties: INodeProperties[] = [
	{ ...videoIdProperty, description: 'The completed video to remix' },
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder: 'e.g. The same scene, but at night in the snow',
		description: 'What to change. Model, size and seconds come from the original video.',
	},
	...soraWaitProperties(),
	deliveryOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['remix'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const id = readVideoId(this, itemIndex);
	const prompt = readPrompt(this, itemIndex);
	const delivery = readDelivery(this, itemIndex, this.getNodeParameter('options', itemIndex, {}) as IDataObject);

	let created: unknown;
	try {
		created = (
			await soraRequest.call(this, { method: 'POST', path: `/videos/${encodeURIComponent(id)}/remix`, body: { prompt }, retry: 'create', itemIndex })
		).body;
	} catch (error) {
		if (!(error instanceof WaitCancelledError)) throw error;
		return {
			json: {
				remixed_from_video_id: id,
				cancelled: true,
				note: 'The execution was cancelled while the remix request was being sent, so a job may have been created. Look for it with the List operation before remixing again.',
			},
		};
	}
	return await waitAndDeliver.call(this, itemIndex, await asVideo.call(this, created, itemIndex), delivery);
}
