import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { waitProperties } from '../../../shared/n8n/wait';
import { createBody } from '../../models';
import { readCreate, readCreateSettings, startAndWait } from '../../helpers/create';
import { POLL } from '../../helpers/task';
import { durationProperties, generationOptions, modelProperty, promptProperty, ratioProperties } from '../common.descriptions';

const show = { operation: ['textToVideo'] };

export const description: INodeProperties[] = [
	modelProperty('textToVideo', 'gen4.5'),
	promptProperty('textToVideo'),
	...ratioProperties('textToVideo'),
	...durationProperties('textToVideo'),
	...waitProperties({ intervalSeconds: POLL.intervalSeconds, minIntervalSeconds: POLL.minIntervalSeconds }, { show }),
	{
		displayName: 'Output Binary Field',
		name: 'outputBinaryPropertyName',
		type: 'string',
		default: 'data',
		description: 'Binary field to put the video (MP4) in',
		displayOptions: { show: { ...show, waitForCompletion: [true] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: generationOptions('textToVideo'),
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const checked = readCreate(this, itemIndex, 'textToVideo');
	const settings = readCreateSettings(this, itemIndex);
	return await startAndWait(this, itemIndex, checked, createBody(checked), settings, {});
}
