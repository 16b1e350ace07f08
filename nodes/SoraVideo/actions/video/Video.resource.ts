import type { Resource } from '../../../shared/n8n/operations';
import * as createCharacter from './createCharacter.operation';
import * as del from './delete.operation';
import * as download from './download.operation';
import * as edit from './edit.operation';
import * as extend from './extend.operation';
import * as generate from './generate.operation';
import * as get from './get.operation';
import * as getCharacter from './getCharacter.operation';
import * as list from './list.operation';
import * as remix from './remix.operation';

/** Sora's one resource. By use, not alphabetically: Generate, then what follows it (the values are unchanged, so saved workflows are too). */
export const video: Resource = {
	value: 'video',
	name: 'Video',
	operations: [
		{
			value: 'generate',
			name: 'Generate',
			action: 'Generate a video',
			description: 'Create a video from a prompt and an optional reference image, and wait for it',
			module: generate,
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a video',
			description: 'Get the status and progress of a video, and download it when completed',
			module: get,
		},
		{
			value: 'download',
			name: 'Download',
			action: 'Download a video',
			description: 'Download the video, its thumbnail or its spritesheet',
			module: download,
		},
		{
			value: 'remix',
			name: 'Remix',
			action: 'Remix a video',
			description: 'Make a new video from a completed one with a new prompt',
			module: remix,
		},
		{
			value: 'edit',
			name: 'Edit',
			action: 'Edit a video',
			description: 'Make a new video from an existing one (by ID or a file) and a prompt, and wait for it',
			module: edit,
		},
		{
			value: 'extend',
			name: 'Extend',
			action: 'Extend a video',
			description: 'Continue a completed video by some seconds, and wait for it',
			module: extend,
		},
		{
			value: 'createCharacter',
			name: 'Create Character',
			action: 'Create a character',
			description: 'Make a reusable character from a short clip',
			module: createCharacter,
		},
		{
			value: 'getCharacter',
			name: 'Get Character',
			action: 'Get a character',
			description: 'Get a character by its ID',
			module: getCharacter,
		},
		{ value: 'list', name: 'List', action: 'List videos', description: 'List the videos of the account', module: list },
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a video',
			description: 'Delete a completed or failed video and its files',
			module: del,
		},
	],
};
