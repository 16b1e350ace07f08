import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { notStarted } from '../../../shared/n8n/paidJob';
import {
	beforeStart,
	checkCreateSettings,
	checkCreateValues,
	checked,
	invalidItem,
	parseAdditionalFields,
	readCreateParameters,
	readSource,
	startAndWait,
	urlInfo,
} from '../../helpers/create';
import type { CreateParameters, SourceInput } from '../../helpers/create';
import type { PreparedBinary } from '../../helpers/media';
import { deliverImage, prepareBinaryAudio } from '../../helpers/media';
import { sourceParameters } from '../../helpers/parameters';
import { AVATAR_PRESETS, VOICE_PRESETS } from '../../models/avatar';
import { checkMediaUrl, RunwayValidationError } from '../../models/check';
import type { JsonValue } from '../../models/check';
import { createBody } from '../../requests/createBody';
import {
	byVersion,
	customModelProperties,
	modelProperty,
	optionsCollection,
	sourceProperties,
	waitAndOutputProperties,
} from '../common.descriptions';

const capitalised = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

const properties: INodeProperties[] = byVersion((version) => [
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
	},
	{
		displayName: 'Preset Avatar',
		name: 'avatarPreset',
		type: 'options',
		options: Object.entries(AVATAR_PRESETS).map(([value, name]) => ({ name, value })),
		default: 'influencer',
		displayOptions: { show: { avatarType: ['runway-preset'] } },
	},
	{
		displayName: 'Avatar ID',
		name: 'avatarId',
		type: 'string',
		default: '',
		required: true,
		description: 'The ID of an avatar you created in Runway',
		displayOptions: { show: { avatarType: ['custom'] } },
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
		displayOptions: { show: { speechType: ['text'] } },
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
		displayOptions: { show: { speechType: ['text'] } },
	},
	{
		displayName: 'Preset Voice',
		name: 'voicePreset',
		type: 'options',
		options: VOICE_PRESETS.map((value) => ({ name: capitalised(value), value })),
		default: 'victoria',
		displayOptions: { show: { speechType: ['text'], voiceType: ['preset'] } },
	},
	{
		displayName: 'Voice ID',
		name: 'voiceId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { speechType: ['text'], voiceType: ['custom'] } },
	},
	...sourceProperties(
		{
			name: 'audio',
			label: 'Audio',
			kind: 'audio',
			defaultField: 'data',
			description: 'The recording to speak. A binary file goes inline up to 5 MB, else through Runway’s upload storage.',
		},
		{ speechType: ['audio'] },
	),
	...waitAndOutputProperties(),
	optionsCollection('avatarVideo', version),
]);

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['avatarVideo'] } }, properties);

type Speech = { text: IDataObject } | { audio: PreparedBinary | string };

/** Everything the operation reads from an item's parameters (nothing checked yet). */
interface AvatarVideoInput {
	create: CreateParameters;
	avatar: { type: unknown; avatarId?: unknown; presetId?: unknown };
	speech: { type: unknown; text?: unknown; voice?: unknown; voicePreset?: unknown; voiceId?: unknown };
	/** Speech from an audio file: where it comes from. */
	audio?: SourceInput;
}

/** Reads the item's parameters, once (each with the default its parameter has). */
function read(context: IExecuteFunctions, itemIndex: number): AvatarVideoInput {
	const get = (name: string, fallback: unknown) => context.getNodeParameter(name, itemIndex, fallback);
	const avatarType = get('avatarType', 'runway-preset');
	const speechType = get('speechType', 'text');
	const voiceType = speechType === 'text' ? get('voiceType', 'avatar') : undefined;
	return {
		create: readCreateParameters(context, itemIndex, 'avatarVideo'),
		avatar: {
			type: avatarType,
			...(avatarType === 'custom' ? { avatarId: get('avatarId', '') } : { presetId: get('avatarPreset', 'influencer') }),
		},
		speech: {
			type: speechType,
			...(speechType === 'text'
				? {
						text: get('speechText', ''),
						voice: voiceType,
						...(voiceType === 'preset'
							? { voicePreset: get('voicePreset', 'victoria') }
							: voiceType === 'custom'
								? { voiceId: get('voiceId', '') }
								: {}),
					}
				: {}),
		},
		audio:
			speechType === 'text'
				? undefined
				: readSource(context, itemIndex, sourceParameters('audio'), { source: 'binary', binaryField: 'data' }),
	};
}

function text(value: unknown, label: string, hint: string): string {
	const trimmed = String(value ?? '').trim();
	if (trimmed === '') throw new RunwayValidationError(label, `${label} is empty`, hint);
	return trimmed;
}

function oneOf(value: unknown, allowed: readonly string[], label: string): string {
	if (typeof value !== 'string' || !allowed.includes(value)) {
		throw new RunwayValidationError(label, `${label} "${String(value)}" is not an option`, `Use one of: ${allowed.join(', ')}.`);
	}
	return value;
}

function checkAvatar(avatar: AvatarVideoInput['avatar']): IDataObject {
	const type = oneOf(avatar.type, ['runway-preset', 'custom'], 'Avatar');
	if (type === 'custom') return { type, avatarId: text(avatar.avatarId, 'Avatar ID', 'Give the ID of an avatar you created in Runway.') };
	return { type, presetId: oneOf(avatar.presetId, Object.keys(AVATAR_PRESETS), 'Preset Avatar') };
}

/** The text to speak and its voice, or the audio recording (its URL checked; a binary file read and checked). */
async function checkSpeech(context: IExecuteFunctions, itemIndex: number, input: AvatarVideoInput): Promise<Speech> {
	const { speech } = input;
	const type = checked(context, itemIndex, () => oneOf(speech.type, ['text', 'audio'], 'Speech From'));
	if (type === 'text') {
		return checked(context, itemIndex, () => {
			const spoken: IDataObject = { type, text: text(speech.text, 'Text', 'Write what the avatar should say.') };
			const voice = oneOf(speech.voice, ['avatar', 'preset', 'custom'], 'Voice');
			if (voice === 'preset') spoken.voice = { type: 'preset', presetId: oneOf(speech.voicePreset, VOICE_PRESETS, 'Preset Voice') };
			if (voice === 'custom')
				spoken.voice = { type: 'custom', id: text(speech.voiceId, 'Voice ID', 'Give the ID of a voice made with Runway’s Voices API.') };
			return { text: spoken };
		});
	}
	const audio = input.audio as SourceInput;
	if (audio.source === 'url') return { audio: checked(context, itemIndex, () => checkMediaUrl(audio.url, 'Audio URL', 'audio')) };
	const field = String(audio.binaryField ?? '').trim();
	if (field === '')
		throw invalidItem(
			context,
			itemIndex,
			new RunwayValidationError('Audio Binary Field', 'Audio Binary Field is empty', 'Name the binary field holding the audio, e.g. data.'),
		);
	return { audio: await prepareBinaryAudio(context, itemIndex, 'Audio', field) };
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const input = read(this, itemIndex);
	const create = checked(this, itemIndex, () => checkCreateValues(input.create));
	const avatar = checked(this, itemIndex, () => checkAvatar(input.avatar));
	const speech = await checkSpeech(this, itemIndex, input);
	const { additionalFields, settings } = checked(this, itemIndex, () => ({
		additionalFields: parseAdditionalFields(input.create.options),
		settings: checkCreateSettings(input.create),
	}));
	let spoken: IDataObject;
	const extra: IDataObject = { avatar };
	if ('text' in speech) {
		spoken = speech.text;
	} else {
		const { audio } = speech;
		const resolved = await beforeStart(this, async () =>
			typeof audio === 'string' ? { uri: audio, info: urlInfo(audio) } : await deliverImage(this, itemIndex, audio, 'auto'),
		);
		if (!resolved) return notStarted();
		spoken = { type: 'audio', audio: resolved.uri };
		extra.audio = resolved.info;
	}
	const body = createBody(create, {}, { avatar: avatar as JsonValue, speech: spoken as JsonValue, ...additionalFields });
	return await startAndWait(this, itemIndex, create, body, settings, extra);
}
