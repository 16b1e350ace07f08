import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { createBody } from '../../models';
import { readCreate, readCreateSettings, startAndWait } from '../../helpers/create';
import { durationProperties, generationOptions, modelProperty, promptProperty, ratioProperties, waitAndOutputProperties } from '../common.descriptions';

const show = { operation: ['textToVideo'] };

export const description: INodeProperties[] = [
	modelProperty('textToVideo', 'gen4.5'),
	promptProperty('textToVideo'),
	...ratioProperties('textToVideo'),
	...durationProperties('textToVideo'),
	...waitAndOutputProperties(show),
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
