import type { Resource } from '../../../shared/n8n/operations';
import * as avatarVideo from './avatarVideo.operation';
import * as characterPerformance from './characterPerformance.operation';
import * as generateVideo from './generateVideo.operation';
import * as imageToVideo from './imageToVideo.operation';
import * as textToVideo from './textToVideo.operation';
import * as upscaleVideo from './upscaleVideo.operation';
import * as videoToHdr from './videoToHdr.operation';
import * as videoToVideo from './videoToVideo.operation';

/** Image to Video, the node's main job, comes first. */
export const video: Resource = {
	value: 'video',
	name: 'Video',
	description: 'Generate, transform or upscale a video',
	operations: [
		{
			value: 'imageToVideo',
			name: 'Image to Video',
			action: 'Generate a video from an image',
			description: 'Animate an image (binary field or URL), wait for the video and download it',
			module: imageToVideo,
		},
		{
			value: 'textToVideo',
			name: 'Text to Video',
			action: 'Generate a video from text',
			description: 'Make a video from a prompt, wait for it and download it',
			module: textToVideo,
		},
		{
			value: 'videoToVideo',
			name: 'Video to Video',
			action: 'Transform a video',
			description: 'Restyle, edit, extend or re-frame a video (binary field or URL) with a prompt',
			module: videoToVideo,
		},
		{
			value: 'upscaleVideo',
			name: 'Upscale Video',
			action: 'Upscale a video',
			description: 'Raise a video’s resolution or frame rate',
			module: upscaleVideo,
		},
		{
			value: 'characterPerformance',
			name: 'Character Performance',
			action: 'Animate a character from a performance',
			description: 'Make a character image or video perform like a reference video (Act-Two)',
			module: characterPerformance,
		},
		{
			value: 'videoToHdr',
			name: 'Video to HDR',
			action: 'Upconvert a video to HDR',
			description: 'Turn an SDR video into HDR10, HLG, HDR ProRes or OpenEXR (Ruby)',
			module: videoToHdr,
		},
		{
			value: 'avatarVideo',
			name: 'Avatar Video',
			action: 'Make an avatar video',
			description: 'A preset or custom avatar speaks a text or an audio file',
			module: avatarVideo,
		},
		{
			value: 'generateVideo',
			name: 'Generate with a Model Router',
			action: 'Generate a video with a model router',
			description: 'A Model Router config saved in Runway picks the model for a prompt, image or video',
			subtitle: 'Model Router',
			module: generateVideo,
		},
	],
};
