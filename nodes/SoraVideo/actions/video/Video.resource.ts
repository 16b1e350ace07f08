import type { INodeProperties } from 'n8n-workflow';

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

export { createCharacter, del as delete, download, edit, extend, generate, get, getCharacter, list, remix };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['video'] } },
		// By use, not alphabetically: Generate, then what follows it (the values are unchanged, so saved workflows are too)
		// eslint-disable-next-line n8n-nodes-base/node-param-options-type-unsorted-items
		options: [
			{ name: 'Generate', value: 'generate', action: 'Generate a video', description: 'Create a video from a prompt and an optional reference image, and wait for it' },
			{ name: 'Get', value: 'get', action: 'Get a video', description: 'Get the status and progress of a video, and download it when completed' },
			{ name: 'Download', value: 'download', action: 'Download a video', description: 'Download the video, its thumbnail or its spritesheet' },
			{ name: 'Remix', value: 'remix', action: 'Remix a video', description: 'Make a new video from a completed one with a new prompt' },
			{ name: 'Edit', value: 'edit', action: 'Edit a video', description: 'Make a new video from an existing one (by ID or a file) and a prompt, and wait for it' },
			{ name: 'Extend', value: 'extend', action: 'Extend a video', description: 'Continue a completed video by some seconds, and wait for it' },
			{ name: 'Create Character', value: 'createCharacter', action: 'Create a character', description: 'Make a reusable character from a short clip' },
			{ name: 'Get Character', value: 'getCharacter', action: 'Get a character', description: 'Get a character by its ID' },
			{ name: 'List', value: 'list', action: 'List videos', description: 'List the videos of the account' },
			{ name: 'Delete', value: 'delete', action: 'Delete a video', description: 'Delete a completed or failed video and its files' },
		],
		default: 'generate',
	},
	...generate.description,
	...get.description,
	...download.description,
	...remix.description,
	...edit.description,
	...extend.description,
	...createCharacter.description,
	...getCharacter.description,
	...list.description,
	...del.description,
];
