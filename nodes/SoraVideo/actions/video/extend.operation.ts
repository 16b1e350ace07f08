import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { encodeForm, extendForm } from '../../helpers/bodies';
import { readPrompt, readSeconds } from '../../helpers/createSettings';
import { readDownloadSettings, runJob } from '../../helpers/job';
import { readVideoInput } from '../../helpers/videoInput';
import { deliveryOptions, promptProperty, secondsProperties, soraWaitProperties, videoInputProperties } from '../common.descriptions';

const properties: INodeProperties[] = [
	...videoInputProperties('extend'),
	promptProperty('e.g. The boat reaches the harbour as the lights come on', 'What happens next (up to 32000 characters)'),
	...secondsProperties('Length of the new segment. The result is the original plus this, as one video.'),
	...soraWaitProperties(),
	deliveryOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['extend'] } }, properties);

/** `POST /videos/extensions`: continue a completed video by some seconds. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const { video, info } = await readVideoInput(this, itemIndex);
	const prompt = readPrompt(this, itemIndex);
	const seconds = readSeconds(this, itemIndex, 'An extension');
	const downloadSettings = readDownloadSettings(this, itemIndex, this.getNodeParameter('options', itemIndex, {}) as IDataObject);
	const { body, contentType } = encodeForm(extendForm({ prompt, seconds, video }));
	return await runJob(
		this,
		itemIndex,
		{ path: '/videos/extensions', body, contentType, extra: { sourceVideo: info }, operation: 'Extend' },
		downloadSettings,
	);
}
