import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { editForm, encodeForm } from '../../helpers/bodies';
import { readPrompt } from '../../helpers/createSettings';
import { readDownloadSettings, runJob } from '../../helpers/job';
import { readVideoInput } from '../../helpers/videoInput';
import { deliveryOptions, promptProperty, soraWaitProperties, videoInputProperties } from '../common.descriptions';

const properties: INodeProperties[] = [
	...videoInputProperties('edit'),
	promptProperty(
		'e.g. Make it snow, keep the camera move',
		'How to change the video (up to 32000 characters). The result is a new video; the original stays.',
	),
	...soraWaitProperties(),
	deliveryOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['edit'] } }, properties);

/** `POST /videos/edits`: a new video from an existing one and a prompt. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const { video, info } = await readVideoInput(this, itemIndex);
	const prompt = readPrompt(this, itemIndex);
	const downloadSettings = readDownloadSettings(this, itemIndex, this.getNodeParameter('options', itemIndex, {}) as IDataObject);
	const { body, contentType } = encodeForm(editForm({ prompt, video }));
	return await runJob(
		this,
		itemIndex,
		{ path: '/videos/edits', body, contentType, extra: { sourceVideo: info }, operation: 'Edit' },
		downloadSettings,
	);
}
