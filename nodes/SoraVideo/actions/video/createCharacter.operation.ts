import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { WaitCancelledError } from '../../../shared/http/sleep';
import { characterForm, toMultipart } from '../../helpers/bodies';
import { readVideoUpload } from '../../helpers/videoInput';
import { asCharacter, soraRequest } from '../../transport';
import { videoBinaryProperty } from '../common.descriptions';
import { itemError } from '../../../shared/n8n/itemError';

const NAME_MAX_CHARS = 80;

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'characterName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Captain Fox',
		description: `The character's name (up to ${NAME_MAX_CHARS} characters). Mention it in a prompt to use the character.`,
	},
	{
		...videoBinaryProperty,
		description:
			'Name of the binary field holding a short clip of the character (MP4, MOV or WebM; OpenAI suggests 2-4 s, 16:9 or 9:16, 720p-1080p)',
		displayOptions: undefined,
	},
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['createCharacter'] } }, properties);

/** `POST /videos/characters`: a reusable character from a short clip. Answers at once; there is no job to wait for. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const name = String(this.getNodeParameter('characterName', itemIndex, '') ?? '').trim();
	const length = [...name].length;
	if (length === 0 || length > NAME_MAX_CHARS) {
		throw itemError(
			this.getNode(),
			itemIndex,
			{ field: 'Name' },
			length === 0 ? 'The name is empty' : `The name is ${length} characters long`,
			`Give the character a name of 1 to ${NAME_MAX_CHARS} characters.`,
		);
	}
	const video = await readVideoUpload(this, itemIndex);
	const { body, contentType } = toMultipart(characterForm({ name, video }));
	try {
		const { body: created } = await soraRequest(this, {
			method: 'POST',
			path: '/videos/characters',
			body,
			contentType,
			retry: 'create',
			itemIndex,
			operation: 'Create Character',
		});
		return { json: await asCharacter(this, created, itemIndex) };
	} catch (error) {
		if (!(error instanceof WaitCancelledError)) throw error;
		return {
			json: {
				cancelled: true,
				note: 'The execution was cancelled while the request was being sent, so the character may have been created.',
			},
		};
	}
}
