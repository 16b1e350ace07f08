import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { createBody } from '../../requests/createBody';
import { readAdditionalFields, readCreate, readCreateSettings, startAndWait } from '../../helpers/create';
import {
	customModelProperties,
	durationProperties,
	enumProperties,
	modelProperty,
	byVersion,
	optionsCollection,
	promptProperties,
	ratioProperties,
	waitAndOutputProperties,
} from '../common.descriptions';

export const description: INodeProperties[] = byVersion((version) => [
	modelProperty('textToVideo', 'gen4.5', version),
	...customModelProperties('textToVideo', version),
	...promptProperties('textToVideo', version),
	...ratioProperties('textToVideo', version),
	...durationProperties('textToVideo', version),
	...enumProperties('textToVideo', version, 'resolution', 'Resolution', 'Output resolution'),
	...enumProperties('textToVideo', version, 'outputFormat', 'Output Format', 'The file Runway makes: MP4, or ProRes, PNG sequences and HDR for finishing (each costs extra credits per second)'),
	...waitAndOutputProperties('textToVideo'),
	optionsCollection('textToVideo', version),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const create = readCreate(this, itemIndex, 'textToVideo');
	const body = createBody(create, {}, readAdditionalFields(this, itemIndex));
	const settings = readCreateSettings(this, itemIndex);
	return await startAndWait(this, itemIndex, create, body, settings, {});
}
