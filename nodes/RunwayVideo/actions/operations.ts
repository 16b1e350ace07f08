import type { INodeProperties } from 'n8n-workflow';

import type { ItemHandler } from '../../shared/n8n/itemLoop';
import * as getCredits from './organization/getCredits.operation';
import * as cancelTask from './task/cancelTask.operation';
import * as getTask from './task/getTask.operation';
import * as imageToVideo from './video/imageToVideo.operation';
import * as textToVideo from './video/textToVideo.operation';

export const operations: Record<string, { description: INodeProperties[]; execute: ItemHandler }> = {
	imageToVideo,
	textToVideo,
	getTask,
	cancelTask,
	getCredits,
};

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	// eslint-disable-next-line n8n-nodes-base/node-param-options-type-unsorted-items -- Image to Video, the node's main job, comes first
	options: [
		{
			name: 'Image to Video',
			value: 'imageToVideo',
			action: 'Generate a video from an image',
			description: 'Animate an image (binary field or URL), wait for the video and download it',
		},
		{
			name: 'Text to Video',
			value: 'textToVideo',
			action: 'Generate a video from text',
			description: 'Make a video from a prompt, wait for it and download it',
		},
		{
			name: 'Get Task',
			value: 'getTask',
			action: 'Get a task',
			description: 'Status, progress and output of a task; downloads the video when it is ready',
		},
		{
			name: 'Cancel or Delete Task',
			value: 'cancelTask',
			action: 'Cancel or delete a task',
			description: 'Cancel a task that is still running, or delete a finished one',
		},
		{
			name: 'Get Credits',
			value: 'getCredits',
			action: 'Get credits and limits',
			description: "The organization's credit balance and per-model generation limits",
		},
	],
	default: 'imageToVideo',
};
