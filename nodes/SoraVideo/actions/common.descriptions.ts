import type { INodeProperties } from 'n8n-workflow';

import { waitProperties } from '../../shared/n8n/wait';
import { DEFAULT_POLL_SECONDS, MIN_POLL_SECONDS } from '../helpers/job';

export const videoIdProperty: INodeProperties = {
	displayName: 'Video ID',
	name: 'videoId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. video_68d7512d07848190b3e45da0ecbebcde',
	description: 'The ID from the output of a Generate or Remix operation',
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
	options: [
		{ ...variantProperty, displayName: 'Download Variant' },
		outputFieldProperty,
		fileNameProperty,
	],
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
