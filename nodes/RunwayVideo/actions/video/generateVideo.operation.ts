import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { notStarted } from '../../../shared/n8n/paidJob';
import {
	beforeStart,
	checkCreateSettings,
	checked,
	invalidItem,
	parseAdditionalFields,
	readSettings,
	readSource,
	startTaskAndWait,
	videoInput,
	videoUri,
} from '../../helpers/create';
import type { CreateParameters, SourceInput, VideoInput } from '../../helpers/create';
import type { PreparedBinary } from '../../helpers/media';
import { deliverImage, prepareBinaryImage } from '../../helpers/media';
import { IMAGE_PARAMETERS, sourceParameters } from '../../helpers/parameters';
import { checkImageUrl, checkMediaUrl, checkValues, RunwayValidationError } from '../../models/check';
import type { JsonValue } from '../../models/check';
import { FIELDS } from '../../models/fields';
import type { MediaKind } from '../../models/types';
import { ROUTER_INPUT, ROUTER_PATH } from '../../models/router';
import type { RequestBody } from '../../requests/createBody';
import { optionEntry, waitAndOutputProperties } from '../common.descriptions';

/** The Source Video's parameters (`videoSource`, `videoBinaryPropertyName`, `videoUrl`). */
const VIDEO = sourceParameters('video');

const DEFAULT = "Router's Default";

/** A URL list of the router's input (its label from the field table). */
const urlList = (field: string, description: string): INodeProperties => ({
	displayName: FIELDS[field].label,
	name: field,
	type: 'string',
	typeOptions: { rows: 2 },
	default: '',
	description: `${description}: HTTPS URLs, runway:// upload URIs or data URIs, one per line or comma-separated`,
});

/** The models' Public Figure Threshold entry; the router's panel has always shown it without a description. */
const threshold: INodeProperties = { ...optionEntry(FIELDS.contentModeration) };
delete threshold.description;

const properties: INodeProperties[] = [
	{
		displayName: 'Router Config ID',
		name: 'configId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. product-videos',
		description:
			'The slug of a Model Router config saved in the Runway developer portal: it picks the model (by cost, speed or quality) for each request',
	},
	{
		displayName: FIELDS.promptText.label,
		name: FIELDS.promptText.parameter!,
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		placeholder: 'e.g. The camera slowly pushes in while the waves roll onto the beach',
		description: 'What the video should show or how it should move',
	},
	{
		displayName: 'First Frame',
		name: IMAGE_PARAMETERS.source,
		type: 'options',
		options: [
			{ name: 'None', value: 'none', description: 'Text to video (or video to video with a Source Video)' },
			{ name: 'Binary Field', value: 'binary', description: 'An image file on the input item (Telegram photo, Read File…)' },
			{ name: 'URL', value: 'url', description: 'A public HTTPS link Runway fetches itself' },
		],
		default: 'none',
		description: 'An image the video starts from; the router then keeps only models that take one',
	},
	{
		displayName: 'Image Binary Field',
		name: IMAGE_PARAMETERS.binaryField,
		type: 'string',
		default: 'data',
		required: true,
		description:
			'Name of the binary field holding a JPEG, PNG or WebP image (sent at its own shape, under Runway’s 5 MB inline limit or uploaded)',
		displayOptions: { show: { [IMAGE_PARAMETERS.source]: ['binary'] } },
	},
	{
		displayName: 'Image URL',
		name: IMAGE_PARAMETERS.url,
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/photo.jpg',
		description: 'HTTPS link to a JPEG, PNG or WebP image on a domain (not an IP address)',
		displayOptions: { show: { [IMAGE_PARAMETERS.source]: ['url'] } },
	},
	{
		displayName: 'Source Video',
		name: VIDEO.source,
		type: 'options',
		options: [
			{ name: 'None', value: 'none' },
			{ name: 'Binary Field', value: 'binary', description: 'A video file on the input item' },
			{ name: 'URL', value: 'url', description: 'A public HTTPS link Runway fetches itself' },
		],
		default: 'none',
		description: 'A video to transform (video to video); the router then keeps only models that take one',
	},
	{
		displayName: 'Video Binary Field',
		name: VIDEO.binaryField,
		type: 'string',
		default: 'data',
		required: true,
		description: 'Name of the binary field holding an MP4, MOV or WebM video',
		displayOptions: { show: { [VIDEO.source]: ['binary'] } },
	},
	{
		displayName: 'Video URL',
		name: VIDEO.url,
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/clip.mp4',
		description: 'HTTPS link to an MP4, MOV or WebM video on a domain',
		displayOptions: { show: { [VIDEO.source]: ['url'] } },
	},
	{
		displayName: FIELDS.aspectRatio.label,
		name: 'aspectRatio',
		type: 'options',
		options: [{ name: DEFAULT, value: '' }, ...ROUTER_INPUT.enums.aspectRatio.map((value) => ({ name: value, value }))],
		// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-options -- the first option, "Router's Default" ('')
		default: '',
		description: 'Models that cannot make this aspect ratio are left out',
	},
	{
		displayName: FIELDS.resolution.label,
		name: FIELDS.resolution.parameter!,
		type: 'options',
		options: [{ name: DEFAULT, value: '' }, ...ROUTER_INPUT.enums.resolution.map((value) => ({ name: value, value }))],
		// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-options -- the first option, "Router's Default" ('')
		default: '',
		description: 'Models that cannot make this resolution are left out',
	},
	...waitAndOutputProperties(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Additional Fields (JSON)',
				name: 'additionalFields',
				type: 'json',
				default: '{}',
				description:
					"Fields of the router's input this node does not offer (e.g. keyframes), merged into the input as they are. Runway checks them.",
			},
			{
				displayName: FIELDS.audio.label,
				name: FIELDS.audio.option!,
				type: 'options',
				options: [
					{ name: DEFAULT, value: '' },
					{ name: 'With Audio', value: 'true', description: 'Only models that make sound' },
					{ name: 'Silent', value: 'false', description: 'Silent models, or models whose sound can be turned off' },
				],
				// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-options -- the first option, "Router's Default" ('')
				default: '',
			},
			{
				displayName: FIELDS.duration.label,
				name: 'duration',
				type: 'number',
				typeOptions: { minValue: 1, numberPrecision: 0 },
				default: 5,
				description: 'Models that cannot make this length are left out',
			},
			{
				displayName: 'Last Frame URL',
				name: 'lastFrameUrl',
				type: 'string',
				default: '',
				description: 'HTTPS link to an image the video should end on',
			},
			optionEntry(FIELDS.negativePrompt),
			threshold,
			urlList('referenceAudio', 'Audio files the model uses'),
			urlList('referenceImages', 'Images the model uses as context'),
			urlList('referenceVideos', 'Videos the model uses as context'),
			{ ...optionEntry(FIELDS.seed), description: 'Fixes the randomness, for repeatable results' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['generateVideo'] } }, properties);

/** Everything the operation reads from an item's parameters (nothing checked yet). */
interface RouterInput extends Pick<CreateParameters, 'wait' | 'outputField'> {
	configId: unknown;
	/** The router's input fields, as set. */
	values: Record<string, unknown>;
	options: IDataObject;
	image: SourceInput;
	video: SourceInput;
}

/** Reads the item's parameters, once. */
function read(context: IExecuteFunctions, itemIndex: number): RouterInput {
	const get = (name: string, fallback: unknown) => context.getNodeParameter(name, itemIndex, fallback);
	const options = (get('options', {}) ?? {}) as IDataObject;
	const audio = options.audio === 'true' ? true : options.audio === 'false' ? false : options.audio;
	return {
		configId: get('configId', ''),
		values: {
			promptText: get(FIELDS.promptText.parameter!, ''),
			aspectRatio: get('aspectRatio', ''),
			resolution: get(FIELDS.resolution.parameter!, ''),
			duration: options.duration,
			audio: audio === '' ? undefined : audio,
			negativePrompt: options.negativePrompt,
			seed: options.seed,
			contentModeration: options[FIELDS.contentModeration.option!],
		},
		options,
		...readSettings(context, itemIndex),
		image: readSource(context, itemIndex, IMAGE_PARAMETERS, { source: 'none', binaryField: 'data' }),
		video: readSource(context, itemIndex, VIDEO, { source: 'none', binaryField: 'data' }),
	};
}

function urls(value: unknown, label: string, kind: MediaKind): string[] {
	const list = typeof value === 'string' ? value.split(/[\n,]+/) : Array.isArray(value) ? value.map(String) : [];
	return list
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '')
		.map((url) => checkMediaUrl(url, label, kind));
}

/** The router's input, checked against what the SDK's input takes. */
function checkInput({ values, options }: RouterInput): Record<string, JsonValue> {
	const input = checkValues(ROUTER_INPUT, values, 'the Model Router');
	const list = (field: string) => urls(options[field], FIELDS[field].label, FIELDS[field].media!);
	const references = [
		...list('referenceImages').map((uri) => ({ role: 'reference', uri })),
		...urls(options.lastFrameUrl, 'Last Frame URL', 'image').map((uri) => ({ role: 'last', uri })),
	];
	if (references.length > 0) input.referenceImages = references;
	const videos = list('referenceVideos').map((uri) => ({ role: 'reference', uri }));
	if (videos.length > 0) input.referenceVideos = videos;
	const sounds = list('referenceAudio').map((uri) => ({ uri }));
	if (sounds.length > 0) input.referenceAudio = sounds;
	return input;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const parameters = read(this, itemIndex);
	const configId = String(parameters.configId ?? '').trim();
	if (configId === '') {
		throw invalidItem(
			this,
			itemIndex,
			new RunwayValidationError(
				'Router Config ID',
				'Router Config ID is empty',
				'Give the slug of a Model Router config saved in the Runway developer portal.',
			),
		);
	}
	const { input, additional, settings } = checked(this, itemIndex, () => ({
		input: checkInput(parameters),
		additional: parseAdditionalFields(parameters.options),
		settings: checkCreateSettings(parameters),
	}));
	let image: PreparedBinary | string | undefined;
	if (parameters.image.source === 'url') image = checked(this, itemIndex, () => checkImageUrl(parameters.image.url, 'Image URL'));
	else if (parameters.image.source === 'binary') {
		const field = String(parameters.image.binaryField ?? '').trim() || 'data';
		// The router picks the model (and its sizes) later: the image keeps its shape, made small enough to send.
		image = await prepareBinaryImage(
			this,
			itemIndex,
			{ label: 'Image', source: 'binary', binaryField: field },
			{ autoFit: true, model: '', fit: 'cover', position: 'centre', delivery: 'auto' },
		);
	}
	const video: VideoInput | undefined =
		parameters.video.source === 'none' ? undefined : await videoInput(this, itemIndex, parameters.video, 'Video', 'data');

	const media = await beforeStart(this, async () => ({
		image:
			image === undefined
				? undefined
				: typeof image === 'string'
					? { uri: image, info: { source: 'url', url: image } }
					: await deliverImage(this, itemIndex, image, 'auto'),
		video: video && (await videoUri(this, itemIndex, video)),
	}));
	if (!media) return notStarted();
	const extra: IDataObject = { configId };
	if (media.image) {
		input.referenceImages = [{ role: 'first', uri: media.image.uri }, ...((input.referenceImages as JsonValue[] | undefined) ?? [])];
		extra.image = media.image.info;
	}
	if (media.video) {
		input.referenceVideos = [{ role: 'source', uri: media.video.uri }, ...((input.referenceVideos as JsonValue[] | undefined) ?? [])];
		extra.video = media.video.info;
	}
	const body: RequestBody = { configId, input: { ...input, ...additional } };
	return await startTaskAndWait(this, itemIndex, { path: ROUTER_PATH }, body, settings, extra);
}
