import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createFromVideo } from '../../helpers/create';
import {
	byVersion,
	customModelProperties,
	enumProperties,
	modelProperty,
	optionsCollection,
	sourceProperties,
	waitAndOutputProperties,
} from '../common.descriptions';

const properties: INodeProperties[] = byVersion((version) => [
	modelProperty('upscaleVideo', 'magnific_video_upscaler_creative', version),
	...customModelProperties('upscaleVideo', version),
	...sourceProperties({
		name: 'video',
		label: 'Video',
		kind: 'video',
		defaultField: 'data',
		description: 'The video to upscale. A binary video goes inline up to 5 MB, else through Runway’s upload storage.',
	}),
	...enumProperties('upscaleVideo', version, 'resolution', 'Target resolution (Runway’s default is 2K)'),
	// From 1.1, 60 fps: the smooth motion interpolation is for (version 1 kept the list's first, 24 fps).
	...enumProperties('upscaleVideo', version, 'targetFramerate', 'The frame rate to interpolate to', version >= 1.1 ? '60' : undefined),
	...waitAndOutputProperties(),
	optionsCollection('upscaleVideo', version),
]);

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['upscaleVideo'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	return await createFromVideo(this, itemIndex, 'upscaleVideo');
}
