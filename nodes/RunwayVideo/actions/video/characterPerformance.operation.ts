import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { notStarted } from '../../../shared/n8n/paidJob';
import { createBody } from '../../requests/createBody';
import { checkImageUrl } from '../../models/check';
import { deliverImage, prepareBinaryImage } from '../../helpers/media';
import {
	beforeStart,
	checkCreateParameters,
	checked,
	readCreateParameters,
	readSource,
	startAndWait,
	videoInput,
	videoUri,
} from '../../helpers/create';
import type { CreateParameters, SourceInput, VideoInput } from '../../helpers/create';
import { sourceParameters } from '../../helpers/parameters';
import {
	byVersion,
	customModelProperties,
	modelProperty,
	optionsCollection,
	ratioProperties,
	sourceProperties,
	waitAndOutputProperties,
} from '../common.descriptions';

const properties: INodeProperties[] = byVersion((version) => [
	modelProperty('characterPerformance', 'act_two', version),
	...customModelProperties('characterPerformance', version),
	{
		displayName: 'Character Is',
		name: 'characterType',
		type: 'options',
		options: [
			{ name: 'Image', value: 'image', description: 'The character performs in its still environment' },
			{ name: 'Video', value: 'video', description: 'The character performs in its own moving scene' },
		],
		default: 'image',
		description: 'The character to animate; a recognisable face must stay in the frame',
	},
	...sourceProperties(
		{
			name: 'characterImage',
			label: 'Character Image',
			kind: 'image',
			defaultField: 'data',
			description: 'Where the character image comes from',
		},
		{ characterType: ['image'] },
	),
	...sourceProperties(
		{
			name: 'characterVideo',
			label: 'Character Video',
			kind: 'video',
			defaultField: 'data',
			description: 'Where the character video comes from',
		},
		{ characterType: ['video'] },
	),
	...sourceProperties({
		name: 'performance',
		label: 'Performance Video',
		kind: 'video',
		defaultField: 'performance',
		description: 'A video (3 to 30 seconds) of a person performing the way the character should',
	}),
	...ratioProperties('characterPerformance', version),
	...waitAndOutputProperties(),
	optionsCollection('characterPerformance', version),
]);

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['characterPerformance'] } }, properties);

/** Everything the operation reads from an item's parameters (nothing checked yet). */
interface CharacterPerformanceInput {
	create: CreateParameters;
	type: 'image' | 'video';
	/** The character image's or video's source, per `type`. */
	character: SourceInput;
	performance: SourceInput;
}

/** Reads the item's parameters, once. */
function read(context: IExecuteFunctions, itemIndex: number): CharacterPerformanceInput {
	const type: 'image' | 'video' = context.getNodeParameter('characterType', itemIndex, 'image') === 'video' ? 'video' : 'image';
	return {
		create: readCreateParameters(context, itemIndex, 'characterPerformance'),
		type,
		character: readSource(context, itemIndex, sourceParameters(type === 'video' ? 'characterVideo' : 'characterImage'), {
			source: 'binary',
			binaryField: 'data',
		}),
		performance: readSource(context, itemIndex, sourceParameters('performance'), { source: 'binary', binaryField: 'performance' }),
	};
}

/** The character image, checked (a URL) or read and checked (a binary field, sent as it is). */
async function characterImage(context: IExecuteFunctions, itemIndex: number, input: SourceInput, model: string): Promise<VideoInput> {
	if (input.source === 'url') return { url: checked(context, itemIndex, () => checkImageUrl(input.url, 'Character Image URL')) };
	const field = String(input.binaryField ?? '').trim() || 'data';
	const fit = { autoFit: false, model, fit: 'cover' as const, position: 'centre' as const, delivery: 'auto' as const };
	return { binary: await prepareBinaryImage(context, itemIndex, { label: 'Character Image', source: 'binary', binaryField: field }, fit) };
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const input = read(this, itemIndex);
	const { create, additionalFields, settings } = checked(this, itemIndex, () => checkCreateParameters(input.create));
	const { type } = input;
	const character =
		type === 'video'
			? await videoInput(this, itemIndex, input.character, 'Character Video', 'data')
			: await characterImage(this, itemIndex, input.character, create.model);
	const performance = await videoInput(this, itemIndex, input.performance, 'Performance Video', 'performance');
	const uris = await beforeStart(this, async () => ({
		character:
			'binary' in character && type === 'image'
				? await deliverImage(this, itemIndex, character.binary, 'auto')
				: await videoUri(this, itemIndex, character),
		performance: await videoUri(this, itemIndex, performance),
	}));
	if (!uris) return notStarted();
	const body = createBody(create, { character: { type, uri: uris.character.uri }, performance: uris.performance.uri }, additionalFields);
	return await startAndWait(this, itemIndex, create, body, settings, {
		character: { type, ...uris.character.info },
		performance: uris.performance.info,
	});
}
