import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { deliver, isCompleted, isFailed, jobJson, readDelivery, readVideoId, retrieveVideo } from '../../helpers/job';
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
	const delivery = download ? readDelivery(this, itemIndex, this.getNodeParameter('options', itemIndex, {}) as IDataObject) : undefined;
	const { video } = await retrieveVideo.call(this, itemIndex, id);
	// finished / succeeded: for an If node in a create / Wait / Get loop
	const outcome = { finished: isCompleted(video) || isFailed(video), succeeded: isCompleted(video) };
	if (delivery && isCompleted(video)) {
		const item = await deliver.call(this, itemIndex, video, delivery);
		return { ...item, json: { ...item.json, ...outcome } };
	}
	return { json: { ...(await jobJson.call(this, itemIndex, video)), ...outcome } };
}
