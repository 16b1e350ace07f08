import type { INodeProperties } from 'n8n-workflow';

import { waitProperties } from '../../shared/n8n/wait';
import { DEFAULT_MODEL, GUIDE_SECONDS } from '../helpers/createSettings';
import { DEFAULT_POLL_SECONDS, MIN_POLL_SECONDS } from '../helpers/job';

/** Model: picked from the video models of the server's GET /models, or typed; a plain string from older workflows still works. */
export const modelProperty: INodeProperties = {
	displayName: 'Model',
	name: 'model',
	type: 'resourceLocator',
	default: { mode: 'list', value: DEFAULT_MODEL },
	required: true,
	description:
		'The model the server runs. The list shows the video models the server lists; type any other ID (a gateway routes its own: Veo, Runway...) with By ID.',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchModels', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. sora-2-pro-2025-10-06',
		},
	],
};

/** The Prompt of Generate, Remix, Edit and Extend (checked by readPrompt: 1 to 32000 characters). */
export function promptProperty(placeholder: string, description: string): INodeProperties {
	return {
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder,
		description,
	};
}

/** Seconds (a list of the SDK's values) and Custom Seconds, for Generate and Extend. */
export function secondsProperties(description: string): INodeProperties[] {
	return [
		{
			displayName: 'Seconds',
			name: 'seconds',
			type: 'options',
			options: [
				// Written out (not mapped from SORA_SECONDS) so that lint sees the default among them; the contract test checks them.
				{ name: '4 Seconds', value: '4' },
				{ name: '8 Seconds', value: '8' },
				{ name: '12 Seconds', value: '12' },
				{
					name: 'Custom (the Server Decides)',
					value: 'custom',
					description: `Another whole number, e.g. ${GUIDE_SECONDS.join(' or ')} (in OpenAI's guide, not its API reference; many servers refuse them)`,
				},
			],
			default: '4',
			description,
		},
		{
			displayName: 'Custom Seconds',
			name: 'customSeconds',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 16',
			description: 'A whole number of seconds, sent as is: the server decides whether it takes it',
			displayOptions: { show: { seconds: ['custom'] } },
		},
	];
}

/** The video an Edit or Extend starts from: a completed video by ID (default), or a file from the input item. */
export function videoInputProperties(what: string): INodeProperties[] {
	return [
		{
			displayName: 'Video Source',
			name: 'videoSource',
			type: 'options',
			options: [
				{
					name: 'Video ID',
					value: 'id',
					description: 'A completed video on the server, by the ID a Generate, Remix, Edit or Extend output carries',
				},
				{
					name: 'Binary Video From Input',
					value: 'binary',
					description: 'An MP4, MOV or WebM file from an earlier node, uploaded with the request',
				},
			],
			default: 'id',
			description: `The video to ${what}`,
		},
		{ ...videoIdProperty, description: `The completed video to ${what}`, displayOptions: { show: { videoSource: ['id'] } } },
		videoBinaryProperty,
	];
}

export const videoBinaryProperty: INodeProperties = {
	displayName: 'Video Binary Field',
	name: 'videoBinaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	description: 'Name of the binary field holding the video (MP4, MOV or WebM)',
	displayOptions: { show: { videoSource: ['binary'] } },
};

export const videoIdProperty: INodeProperties = {
	displayName: 'Video ID',
	name: 'videoId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. video_68d7512d07848190b3e45da0ecbebcde',
	description: 'The ID from the output of a Generate, Remix, Edit or Extend operation',
};

export const variantProperty: INodeProperties = {
	displayName: 'Variant',
	name: 'variant',
	type: 'options',
	options: [
		{ name: 'Spritesheet (JPEG)', value: 'spritesheet', description: 'A grid of frames from the video' },
		{ name: 'Thumbnail (WebP)', value: 'thumbnail', description: 'One still image' },
		{ name: 'Video (MP4)', value: 'video', description: 'The video itself' },
	],
	default: 'video',
	description: 'Which file to download',
};

export const outputFieldProperty: INodeProperties = {
	displayName: 'Output Binary Field',
	name: 'outputBinaryPropertyName',
	type: 'string',
	default: 'data',
	description: 'Binary field to write the downloaded file to',
};

export const fileNameProperty: INodeProperties = {
	displayName: 'Output File Name',
	name: 'fileName',
	type: 'string',
	default: '',
	placeholder: 'e.g. clip.mp4',
	description: 'Default: the model and the start of the video ID, e.g. sora-2_68d7512d.mp4',
};

/** The Options collection of the operations that download a completed video. */
export const deliveryOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [{ ...variantProperty, displayName: 'Download Variant' }, outputFieldProperty, fileNameProperty],
};

/** Wait for Completion, Poll Interval, Max Wait, When the Wait Runs Out (shared with the Runway node). */
export function soraWaitProperties(): INodeProperties[] {
	return waitProperties({ intervalSeconds: DEFAULT_POLL_SECONDS, minIntervalSeconds: MIN_POLL_SECONDS }, { show: {} }).map((property) =>
		property.name === 'pollIntervalSeconds'
			? {
					...property,
					description: `How often to check the job when the server gives no hint (at least ${MIN_POLL_SECONDS} s). A server's openai-poll-after-ms hint is followed when sent, kept between 1 and 60 s.`,
				}
			: property,
	);
}
