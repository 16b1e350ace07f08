import type { INodeProperties } from 'n8n-workflow';

import * as avatarVideo from './avatarVideo.operation';
import * as characterPerformance from './characterPerformance.operation';
import * as generateVideo from './generateVideo.operation';
import * as imageToVideo from './imageToVideo.operation';
import * as textToVideo from './textToVideo.operation';
import * as upscaleVideo from './upscaleVideo.operation';
import * as videoToHdr from './videoToHdr.operation';
import * as videoToVideo from './videoToVideo.operation';

export { avatarVideo, characterPerformance, generateVideo, imageToVideo, textToVideo, upscaleVideo, videoToHdr, videoToVideo };

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
			{ name: 'Video to HDR', value: 'videoToHdr', action: 'Upconvert a video to HDR', description: 'Turn an SDR video into HDR10, HLG, HDR ProRes or OpenEXR (Ruby)' },
			{ name: 'Avatar Video', value: 'avatarVideo', action: 'Make an avatar video', description: 'A preset or custom avatar speaks a text or an audio file' },
			{
				name: 'Generate with a Model Router',
				value: 'generateVideo',
				action: 'Generate a video with a model router',
				description: 'A Model Router config saved in Runway picks the model for a prompt, image or video',
			},
		],
		default: 'imageToVideo',
	},
	...imageToVideo.description,
	...textToVideo.description,
	...videoToVideo.description,
	...upscaleVideo.description,
	...characterPerformance.description,
	...videoToHdr.description,
	...avatarVideo.description,
	...generateVideo.description,
];
