import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { createFromVideo } from '../../helpers/create';
import { customModelProperties, enumProperties, modelProperty, optionsCollection, sourceProperties, waitAndOutputProperties } from '../common.descriptions';

export const description: INodeProperties[] = [
	modelProperty('upscaleVideo', 'magnific_video_upscaler_creative'),
	...customModelProperties('upscaleVideo'),
	...sourceProperties('upscaleVideo', {
		name: 'video',
		label: 'Video',
		kind: 'video',
		defaultField: 'data',
		description: 'The video to upscale. A binary video goes inline up to 5 MB, else through Runway’s upload storage.',
	}),
	...enumProperties('upscaleVideo', 'resolution', 'Resolution', 'Target resolution (Runway’s default is 2K)'),
	...enumProperties('upscaleVideo', 'targetFramerate', 'Target Frame Rate', 'The frame rate to interpolate to'),
	...waitAndOutputProperties('upscaleVideo'),
	optionsCollection('upscaleVideo'),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	return await createFromVideo(this, itemIndex, 'upscaleVideo');
}
