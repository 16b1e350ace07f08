import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { createFromVideo } from '../../helpers/create';
import {
	customModelProperties,
	durationProperties,
	enumProperties,
	modelProperty,
	optionsCollection,
	promptProperty,
	ratioProperties,
	sourceProperties,
	waitAndOutputProperties,
} from '../common.descriptions';

export const description: INodeProperties[] = [
	modelProperty('videoToVideo', 'aleph2'),
	...customModelProperties('videoToVideo'),
	...sourceProperties('videoToVideo', {
		name: 'video',
		label: 'Video',
		kind: 'video',
		defaultField: 'data',
		description: 'The video to transform (Aleph 2 takes up to 30 seconds). A binary video goes inline up to 5 MB, else through Runway’s upload storage.',
	}),
	promptProperty('videoToVideo'),
	...ratioProperties('videoToVideo'),
	...durationProperties('videoToVideo'),
	...enumProperties('videoToVideo', 'resolution', 'Resolution', 'Output resolution'),
	...enumProperties('videoToVideo', 'outputFormat', 'Output Format', 'The file Runway makes: MP4, or ProRes and PNG sequences for finishing (each costs extra credits per second)'),
	...waitAndOutputProperties('videoToVideo'),
	optionsCollection('videoToVideo'),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	return await createFromVideo(this, itemIndex, 'videoToVideo');
}
