import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { notStarted } from '../../../shared/n8n/paidJob';
import { beforeStart, checked, invalidItem, readAdditionalFields, readCreate, readCreateSettings, startAndWait } from '../../helpers/create';
import type { PreparedBinary } from '../../helpers/media';
import { deliverImage, prepareBinaryAudio } from '../../helpers/media';
import { AVATAR_PRESETS, VOICE_PRESETS } from '../../models/avatar';
import { checkMediaUrl, RunwayValidationError } from '../../models/check';
import type { JsonValue } from '../../models/check';
import { createBody } from '../../requests/createBody';
import { byVersion, customModelProperties, modelProperty, optionsCollection, sourceProperties, waitAndOutputProperties } from '../common.descriptions';

const show = { resource: ['video'], operation: ['avatarVideo'] };
const capitalised = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

export const description: INodeProperties[] = byVersion((version) => [
	modelProperty('avatarVideo', 'gwm1_avatars', version),
	...customModelProperties('avatarVideo', version),
	{
		displayName: 'Avatar',
		name: 'avatarType',
		type: 'options',
		options: [
			{ name: 'Runway Preset', value: 'runway-preset', description: 'One of Runway’s ready-made avatars' },
			{ name: 'Custom Avatar', value: 'custom', description: 'An avatar you created in Runway, by its ID' },
		],
		default: 'runway-preset',
		displayOptions: { show },
	},
	{
		displayName: 'Preset Avatar',
		name: 'avatarPreset',
		type: 'options',
		options: Object.entries(AVATAR_PRESETS).map(([value, name]) => ({ name, value })),
		default: 'influencer',
		displayOptions: { show: { ...show, avatarType: ['runway-preset'] } },
	},
	{
		displayName: 'Avatar ID',
		name: 'avatarId',
		type: 'string',
		default: '',
		required: true,
		description: 'The ID of an avatar you created in Runway',
		displayOptions: { show: { ...show, avatarType: ['custom'] } },
	},
	{
		displayName: 'Speech From',
		name: 'speechType',
		type: 'options',
		options: [
			{ name: 'Text', value: 'text', description: 'A script the avatar speaks with a text-to-speech voice' },
			{ name: 'Audio', value: 'audio', description: 'A recording the avatar lip-syncs to' },
		],
		default: 'text',
		displayOptions: { show },
	},
	{
		displayName: 'Text',
		name: 'speechText',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'e.g. Hi! Thanks for your order; here is how to get started.',
		description: 'What the avatar says',
		displayOptions: { show: { ...show, speechType: ['text'] } },
	},
	{
		displayName: 'Voice',
		name: 'voiceType',
		type: 'options',
		options: [
			{ name: 'The Avatar’s Own', value: 'avatar', description: 'The voice the avatar is configured with' },
			{ name: 'Runway Preset Voice', value: 'preset' },
			{ name: 'Custom Voice', value: 'custom', description: 'A voice you created with Runway’s Voices API, by its ID' },
		],
		default: 'avatar',
		displayOptions: { show: { ...show, speechType: ['text'] } },
	},
	{
		displayName: 'Preset Voice',
		name: 'voicePreset',
		type: 'options',
		options: VOICE_PRESETS.map((value) => ({ name: capitalised(value), value })),
		default: 'victoria',
		displayOptions: { show: { ...show, speechType: ['text'], voiceType: ['preset'] } },
	},
	{
		displayName: 'Voice ID',
		name: 'voiceId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { ...show, speechType: ['text'], voiceType: ['custom'] } },
	},
	...sourceProperties(
		'avatarVideo',
		{ name: 'audio', label: 'Audio', kind: 'audio', defaultField: 'data', description: 'The recording to speak. A binary file goes inline up to 5 MB, else through Runway’s upload storage.' },
		{ speechType: ['audio'] },
	),
	...waitAndOutputProperties('avatarVideo'),
	optionsCollection('avatarVideo', version),
]);

type Speech = { text: IDataObject } | { audio: PreparedBinary | string };

function text(context: IExecuteFunctions, itemIndex: number, name: string, label: string, hint: string): string {
	const value = String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (value === '') throw new RunwayValidationError(label, `${label} is empty`, hint);
	return value;
}

function oneOf(value: unknown, allowed: readonly string[], label: string): string {
	if (typeof value !== 'string' || !allowed.includes(value)) {
		throw new RunwayValidationError(label, `${label} "${String(value)}" is not an option`, `Use one of: ${allowed.join(', ')}.`);
	}
	return value;
}

function readAvatar(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const type = oneOf(context.getNodeParameter('avatarType', itemIndex, 'runway-preset'), ['runway-preset', 'custom'], 'Avatar');
	if (type === 'custom') return { type, avatarId: text(context, itemIndex, 'avatarId', 'Avatar ID', 'Give the ID of an avatar you created in Runway.') };
	return { type, presetId: oneOf(context.getNodeParameter('avatarPreset', itemIndex, 'influencer'), Object.keys(AVATAR_PRESETS), 'Preset Avatar') };
}

/** The text to speak and its voice, or the audio recording (its URL checked; a binary file read and checked). */
async function readSpeech(context: IExecuteFunctions, itemIndex: number): Promise<Speech> {
	const type = checked(context, itemIndex, () => oneOf(context.getNodeParameter('speechType', itemIndex, 'text'), ['text', 'audio'], 'Speech From'));
	if (type === 'text') {
		return checked(context, itemIndex, () => {
			const speech: IDataObject = { type, text: text(context, itemIndex, 'speechText', 'Text', 'Write what the avatar should say.') };
			const voice = oneOf(context.getNodeParameter('voiceType', itemIndex, 'avatar'), ['avatar', 'preset', 'custom'], 'Voice');
			if (voice === 'preset') speech.voice = { type: 'preset', presetId: oneOf(context.getNodeParameter('voicePreset', itemIndex, 'victoria'), VOICE_PRESETS, 'Preset Voice') };
			if (voice === 'custom') speech.voice = { type: 'custom', id: text(context, itemIndex, 'voiceId', 'Voice ID', 'Give the ID of a voice made with Runway’s Voices API.') };
			return { text: speech };
		});
	}
	const source = context.getNodeParameter('audioSource', itemIndex, 'binary') as string;
	if (source === 'url') return { audio: checked(context, itemIndex, () => checkMediaUrl(context.getNodeParameter('audioUrl', itemIndex, ''), 'Audio URL', 'audio')) };
	const field = String(context.getNodeParameter('audioBinaryPropertyName', itemIndex, 'data') ?? '').trim();
	if (field === '') throw invalidItem(context, itemIndex, new RunwayValidationError('Audio Binary Field', 'Audio Binary Field is empty', 'Name the binary field holding the audio, e.g. data.'));
	return { audio: await prepareBinaryAudio(context, itemIndex, 'Audio', field) };
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const create = readCreate(this, itemIndex, 'avatarVideo');
	const avatar = checked(this, itemIndex, () => readAvatar(this, itemIndex));
	const speech = await readSpeech(this, itemIndex);
	const additionalFields = readAdditionalFields(this, itemIndex);
	const settings = readCreateSettings(this, itemIndex);
	let spoken: IDataObject;
	const extra: IDataObject = { avatar };
	if ('text' in speech) {
		spoken = speech.text;
	} else {
		const { audio } = speech;
		const resolved = await beforeStart(this, async () =>
			typeof audio === 'string' ? { uri: audio, info: { source: 'url', url: audio.startsWith('data:') ? 'data URI' : audio } } : await deliverImage(this, itemIndex, audio, 'auto'),
		);
		if (!resolved) return notStarted();
		spoken = { type: 'audio', audio: resolved.uri };
		extra.audio = resolved.info;
	}
	const body = createBody(create, {}, { avatar: avatar as JsonValue, speech: spoken as JsonValue, ...additionalFields });
	return await startAndWait(this, itemIndex, create, body, settings, extra);
}
