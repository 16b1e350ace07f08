import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { remixBody } from '../../helpers/bodies';
import { readPrompt } from '../../helpers/createSettings';
import { readDownloadSettings, readVideoId, runJob } from '../../helpers/job';
import { deliveryOptions, promptProperty, soraWaitProperties, videoIdProperty } from '../common.descriptions';
import { pathSegment } from '../../../shared/http/pathSegment';

const properties: INodeProperties[] = [
	{ ...videoIdProperty, description: 'The completed video to remix' },
	promptProperty('e.g. The same scene, but at night in the snow', 'What to change. Model, size and seconds come from the original video.'),
	...soraWaitProperties(),
	deliveryOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['remix'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const id = readVideoId(this, itemIndex);
	const prompt = readPrompt(this, itemIndex);
	const downloadSettings = readDownloadSettings(this, itemIndex, this.getNodeParameter('options', itemIndex, {}) as IDataObject);

	return await runJob(
		this,
		itemIndex,
		{ path: `/videos/${pathSegment(id)}/remix`, body: remixBody({ prompt }), extra: { remixed_from_video_id: id }, operation: 'Remix' },
		downloadSettings,
	);
}
