import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createBody } from '../../requests/createBody';
import { checkCreateParameters, checked, readCreateParameters, startAndWait } from '../../helpers/create';
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

const properties: INodeProperties[] = byVersion((version) => [
	modelProperty('textToVideo', 'gen4.5', version),
	...customModelProperties('textToVideo', version),
	...promptProperties('textToVideo', version),
	...ratioProperties('textToVideo', version),
	...durationProperties('textToVideo', version),
	...enumProperties('textToVideo', version, 'resolution', 'Output resolution'),
	...enumProperties(
		'textToVideo',
		version,
		'outputFormat',
		'The file Runway makes: MP4, or ProRes, PNG sequences and HDR for finishing (each costs extra credits per second)',
	),
	...waitAndOutputProperties(),
	optionsCollection('textToVideo', version),
]);

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['textToVideo'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const parameters = readCreateParameters(this, itemIndex, 'textToVideo');
	const { create, additionalFields, settings } = checked(this, itemIndex, () => checkCreateParameters(parameters));
	return await startAndWait(this, itemIndex, create, createBody(create, {}, additionalFields), settings, {});
}
