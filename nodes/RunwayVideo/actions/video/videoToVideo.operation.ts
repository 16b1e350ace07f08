import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createFromVideo } from '../../helpers/create';
import {
	customModelProperties,
	durationProperties,
	enumProperties,
	modelProperty,
	byVersion,
	optionsCollection,
	promptProperties,
	ratioProperties,
	sourceProperties,
	waitAndOutputProperties,
} from '../common.descriptions';

const properties: INodeProperties[] = byVersion((version) => [
	modelProperty('videoToVideo', 'aleph2', version),
	...customModelProperties('videoToVideo', version),
	...promptProperties('videoToVideo', version),
	...sourceProperties({
		name: 'video',
		label: 'Video',
		kind: 'video',
		defaultField: 'data',
		description:
			'The video to transform (Aleph 2 takes up to 30 seconds). A binary video goes inline up to 5 MB, else through Runway’s upload storage.',
	}),
	...ratioProperties('videoToVideo', version),
	...durationProperties('videoToVideo', version),
	...enumProperties('videoToVideo', version, 'resolution', 'Output resolution'),
	...enumProperties(
		'videoToVideo',
		version,
		'outputFormat',
		'The file Runway makes: MP4, or ProRes and PNG sequences for finishing (each costs extra credits per second)',
	),
	...waitAndOutputProperties(),
	optionsCollection('videoToVideo', version),
]);

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['videoToVideo'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	return await createFromVideo(this, itemIndex, 'videoToVideo');
}
