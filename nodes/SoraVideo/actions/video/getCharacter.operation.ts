import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readId } from '../../../shared/n8n/readId';
import { asCharacter, soraRequest } from '../../transport';
import { pathSegment } from '../../../shared/http/pathSegment';

const properties: INodeProperties[] = [
	{
		displayName: 'Character ID',
		name: 'characterId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. char_123',
		description: 'The ID a Create Character output carries',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['getCharacter'] } }, properties);

/** `GET /videos/characters/{id}`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const id = readId(this, itemIndex, {
		parameter: 'characterId',
		field: 'Character ID',
		noun: 'character ID',
		hint: 'Use the "id" a Create Character output carries, e.g. {{ $json.id }} (it looks like char_...).',
	});
	const { body } = await soraRequest(this, {
		method: 'GET',
		path: `/videos/characters/${pathSegment(id)}`,
		retry: 'read',
		itemIndex,
		operation: 'Get Character',
	});
	return { json: await asCharacter(this, body, itemIndex) };
}
