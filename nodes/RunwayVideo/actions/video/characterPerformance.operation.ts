import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { notStarted } from '../../../shared/n8n/paidJob';
import { createBody } from '../../requests/createBody';
import { checkImageUrl } from '../../models/check';
import { deliverImage, prepareBinaryImage } from '../../helpers/media';
import {
	beforeStart,
	checked,
	readAdditionalFields,
	readCreate,
	readCreateSettings,
	readVideoInput,
	startAndWait,
	videoUri,
} from '../../helpers/create';
import type { VideoInput } from '../../helpers/create';
import { byVersion, customModelProperties, modelProperty, optionsCollection, ratioProperties, sourceProperties, waitAndOutputProperties } from '../common.descriptions';

const show = { resource: ['video'], operation: ['characterPerformance'] };

export const description: INodeProperties[] = byVersion((version) => [
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
		displayOptions: { show },
	},
	...sourceProperties('characterPerformance', { name: 'characterImage', label: 'Character Image', kind: 'image', defaultField: 'data', description: 'Where the character image comes from' }, { characterType: ['image'] }),
	...sourceProperties('characterPerformance', { name: 'characterVideo', label: 'Character Video', kind: 'video', defaultField: 'data', description: 'Where the character video comes from' }, { characterType: ['video'] }),
	...sourceProperties('characterPerformance', {
		name: 'performance',
		label: 'Performance Video',
		kind: 'video',
		defaultField: 'performance',
		description: 'A video (3 to 30 seconds) of a person performing the way the character should',
	}),
	...ratioProperties('characterPerformance', version),
	...waitAndOutputProperties('characterPerformance'),
	optionsCollection('characterPerformance', version),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const create = readCreate(this, itemIndex, 'characterPerformance');
	const additionalFields = readAdditionalFields(this, itemIndex);
	const settings = readCreateSettings(this, itemIndex);
	const type = this.getNodeParameter('characterType', itemIndex, 'image') === 'video' ? 'video' : 'image';
	let character: VideoInput;
	if (type === 'video') {
		character = await readVideoInput(this, itemIndex, 'characterVideo', 'Character Video', 'data');
	} else if (this.getNodeParameter('characterImageSource', itemIndex, 'binary') === 'url') {
		character = { url: checked(this, itemIndex, () => checkImageUrl(this.getNodeParameter('characterImageUrl', itemIndex, ''), 'Character Image URL')) };
	} else {
		const field = String(this.getNodeParameter('characterImageBinaryPropertyName', itemIndex, 'data') ?? '').trim() || 'data';
		const fit = { autoFit: false, model: create.model, fit: 'cover' as const, position: 'centre' as const, delivery: 'auto' as const };
		character = { binary: await prepareBinaryImage(this, itemIndex, { label: 'Character Image', source: 'binary', binaryField: field }, fit) };
	}
	const performance = await readVideoInput(this, itemIndex, 'performance', 'Performance Video', 'performance');
	const uris = await beforeStart(this, async () => ({
		character: 'binary' in character && type === 'image' ? await deliverImage(this, itemIndex, character.binary, 'auto') : await videoUri(this, itemIndex, character),
		performance: await videoUri(this, itemIndex, performance),
	}));
	if (!uris) return notStarted();
	const body = createBody(create, { character: { type, uri: uris.character.uri }, performance: uris.performance.uri }, additionalFields);
	return await startAndWait(this, itemIndex, create, body, settings, { character: { type, ...uris.character.info }, performance: uris.performance.info });
}
