import type { INodeProperties } from 'n8n-workflow';

import * as characterPerformance from './characterPerformance.operation';
import * as imageToVideo from './imageToVideo.operation';
import * as textToVideo from './textToVideo.operation';
import * as upscaleVideo from './upscaleVideo.operation';
import * as videoToVideo from './videoToVideo.operation';

export { characterPerformance, imageToVideo, textToVideo, upscaleVideo, videoToVideo };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['video'] } },
		// eslint-disable-next-line n8n-nodes-base/node-param-options-type-unsorted-items -- Image to Video, the node's main job, comes first
		options: [
			{
				name: 'Image to Video',
				value: 'imageToVideo',
				action: 'Generate a video from an image',
				description: 'Animate an image (binary field or URL), wait for the video and download it',
			},
			{ name: 'Text to Video', value: 'textToVideo', action: 'Generate a video from text', description: 'Make a video from a prompt, wait for it and download it' },
			{
				name: 'Video to Video',
				value: 'videoToVideo',
				action: 'Transform a video',
				description: 'Restyle, edit, extend or re-frame a video (binary field or URL) with a prompt',
			},
			{ name: 'Upscale Video', value: 'upscaleVideo', action: 'Upscale a video', description: 'Raise a video’s resolution or frame rate' },
			{
				name: 'Character Performance',
				value: 'characterPerformance',
				action: 'Animate a character from a performance',
				description: 'Make a character image or video perform like a reference video (Act-Two)',
			},
		],
		default: 'imageToVideo',
	},
	...imageToVideo.description,
	...textToVideo.description,
	...videoToVideo.description,
	...upscaleVideo.description,
	...characterPerformance.description,
];
