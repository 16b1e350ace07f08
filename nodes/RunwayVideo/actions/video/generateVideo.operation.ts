import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { notStarted } from '../../../shared/n8n/paidJob';
import {
	beforeStart,
	checked,
	invalidItem,
	readAdditionalFields,
	readCreateSettings,
	readOptions,
	readVideoInput,
	startTaskAndWait,
	videoUri,
} from '../../helpers/create';
import type { VideoInput } from '../../helpers/create';
import type { PreparedBinary } from '../../helpers/media';
import { deliverImage, prepareBinaryImage } from '../../helpers/media';
import { checkImageUrl, checkMediaUrl, checkValues, RunwayValidationError } from '../../models/check';
import type { JsonValue } from '../../models/check';
import { ROUTER_INPUT, ROUTER_PATH } from '../../models/router';
import type { RequestBody } from '../../requests/createBody';
import { waitAndOutputProperties } from '../common.descriptions';

const show = { resource: ['video'], operation: ['generateVideo'] };
const DEFAULT = "Router's Default";

const urlList = (name: string, displayName: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	typeOptions: { rows: 2 },
	default: '',
	description: `${description}: HTTPS URLs, runway:// upload URIs or data URIs, one per line or comma-separated`,
});

export const description: INodeProperties[] = [
	{
		displayName: 'Router Config ID',
		name: 'configId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. product-videos',
		description: 'The slug of a Model Router config saved in the Runway developer portal: it picks the model (by cost, speed or quality) for each request',
		displayOptions: { show },
	},
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		placeholder: 'e.g. The camera slowly pushes in while the waves roll onto the beach',
		description: 'What the video should show or how it should move',
		displayOptions: { show },
	},
	{
		displayName: 'First Frame',
		name: 'imageSource',
		type: 'options',
		options: [
			{ name: 'None', value: 'none', description: 'Text to video (or video to video with a Source Video)' },
			{ name: 'Binary Field', value: 'binary', description: 'An image file on the input item (Telegram photo, Read File…)' },
			{ name: 'URL', value: 'url', description: 'A public HTTPS link Runway fetches itself' },
		],
		default: 'none',
		description: 'An image the video starts from; the router then keeps only models that take one',
		displayOptions: { show },
	},
	{
		displayName: 'Image Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'Name of the binary field holding a JPEG, PNG or WebP image (sent at its own shape, under Runway’s 5 MB inline limit or uploaded)',
		displayOptions: { show: { ...show, imageSource: ['binary'] } },
	},
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/photo.jpg',
		description: 'HTTPS link to a JPEG, PNG or WebP image on a domain (not an IP address)',
		displayOptions: { show: { ...show, imageSource: ['url'] } },
	},
	{
		displayName: 'Source Video',
		name: 'videoSource',
		type: 'options',
		options: [
			{ name: 'None', value: 'none' },
			{ name: 'Binary Field', value: 'binary', description: 'A video file on the input item' },
			{ name: 'URL', value: 'url', description: 'A public HTTPS link Runway fetches itself' },
		],
		default: 'none',
		description: 'A video to transform (video to video); the router then keeps only models that take one',
		displayOptions: { show },
	},
	{
		displayName: 'Video Binary Field',
		name: 'videoBinaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'Name of the binary field holding an MP4, MOV or WebM video',
		displayOptions: { show: { ...show, videoSource: ['binary'] } },
	},
	{
		displayName: 'Video URL',
		name: 'videoUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/clip.mp4',
		description: 'HTTPS link to an MP4, MOV or WebM video on a domain',
		displayOptions: { show: { ...show, videoSource: ['url'] } },
	},
	{
		displayName: 'Aspect Ratio',
		name: 'aspectRatio',
		type: 'options',
		options: [{ name: DEFAULT, value: '' }, ...ROUTER_INPUT.enums.aspectRatio.map((value) => ({ name: value, value }))],
		// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-options -- the first option, "Router's Default" ('')
		default: '',
		description: 'Models that cannot make this aspect ratio are left out',
		displayOptions: { show },
	},
	{
		displayName: 'Resolution',
		name: 'resolution',
		type: 'options',
		options: [{ name: DEFAULT, value: '' }, ...ROUTER_INPUT.enums.resolution.map((value) => ({ name: value, value }))],
		// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-options -- the first option, "Router's Default" ('')
		default: '',
		description: 'Models that cannot make this resolution are left out',
		displayOptions: { show },
	},
	...waitAndOutputProperties('generateVideo'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Additional Fields (JSON)',
				name: 'additionalFields',
				type: 'json',
				default: '{}',
				description: "Fields of the router's input this node does not offer (e.g. keyframes), merged into the input as they are. Runway checks them.",
			},
			{
				displayName: 'Audio',
				name: 'audio',
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
				displayName: 'Duration (Seconds)',
				name: 'duration',
				type: 'number',
				typeOptions: { minValue: 1, numberPrecision: 0 },
				default: 5,
				description: 'Models that cannot make this length are left out',
			},
			{ displayName: 'Last Frame URL', name: 'lastFrameUrl', type: 'string', default: '', description: 'HTTPS link to an image the video should end on' },
			{ displayName: 'Negative Prompt', name: 'negativePrompt', type: 'string', default: '', description: 'What the video should not show' },
			{
				displayName: 'Public Figure Threshold',
				name: 'publicFigureThreshold',
				type: 'options',
				options: [
					{ name: 'Auto', value: 'auto', description: "Runway's standard content moderation" },
					{ name: 'Low', value: 'low', description: 'Less strict about recognisable public figures' },
				],
				default: 'auto',
			},
			urlList('referenceAudio', 'Reference Audio URLs', 'Audio files the model uses'),
			urlList('referenceImages', 'Reference Image URLs', 'Images the model uses as context'),
			urlList('referenceVideos', 'Reference Video URLs', 'Videos the model uses as context'),
			{
				displayName: 'Seed',
				name: 'seed',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 4294967295, numberPrecision: 0 },
				default: 0,
				description: 'Fixes the randomness, for repeatable results',
			},
		],
	},
];

function urls(value: unknown, label: string, kind: 'image' | 'video' | 'audio'): string[] {
	const list = typeof value === 'string' ? value.split(/[\n,]+/) : Array.isArray(value) ? value.map(String) : [];
	return list.map((entry) => entry.trim()).filter((entry) => entry !== '').map((url) => checkMediaUrl(url, label, kind));
}

/** The router's input from the parameters, checked against what the SDK's input takes. */
function readInput(context: IExecuteFunctions, itemIndex: number): Record<string, JsonValue> {
	const options = readOptions(context, itemIndex);
	const audio = options.audio === 'true' ? true : options.audio === 'false' ? false : options.audio;
	const raw: Record<string, unknown> = {
		promptText: context.getNodeParameter('prompt', itemIndex, ''),
		aspectRatio: context.getNodeParameter('aspectRatio', itemIndex, ''),
		resolution: context.getNodeParameter('resolution', itemIndex, ''),
		duration: options.duration,
		audio: audio === '' ? undefined : audio,
		negativePrompt: options.negativePrompt,
		seed: options.seed,
		contentModeration: options.publicFigureThreshold,
	};
	const input = checkValues(ROUTER_INPUT, raw, 'the Model Router');
	const references = [
		...urls(options.referenceImages, 'Reference Image URLs', 'image').map((uri) => ({ role: 'reference', uri })),
		...urls(options.lastFrameUrl, 'Last Frame URL', 'image').map((uri) => ({ role: 'last', uri })),
	];
	if (references.length > 0) input.referenceImages = references;
	const videos = urls(options.referenceVideos, 'Reference Video URLs', 'video').map((uri) => ({ role: 'reference', uri }));
	if (videos.length > 0) input.referenceVideos = videos;
	const sounds = urls(options.referenceAudio, 'Reference Audio URLs', 'audio').map((uri) => ({ uri }));
	if (sounds.length > 0) input.referenceAudio = sounds;
	return input;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const configId = String(this.getNodeParameter('configId', itemIndex, '') ?? '').trim();
	if (configId === '') {
		throw invalidItem(this, itemIndex, new RunwayValidationError('Router Config ID', 'Router Config ID is empty', 'Give the slug of a Model Router config saved in the Runway developer portal.'));
	}
	const input = checked(this, itemIndex, () => readInput(this, itemIndex));
	const additional = readAdditionalFields(this, itemIndex);
	const settings = readCreateSettings(this, itemIndex);
	const imageSource = this.getNodeParameter('imageSource', itemIndex, 'none') as string;
	let image: PreparedBinary | string | undefined;
	if (imageSource === 'url') image = checked(this, itemIndex, () => checkImageUrl(this.getNodeParameter('imageUrl', itemIndex, ''), 'Image URL'));
	else if (imageSource === 'binary') {
		const field = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '').trim() || 'data';
		// The router picks the model (and its sizes) later: the image keeps its shape, made small enough to send.
		image = await prepareBinaryImage(this, itemIndex, { label: 'Image', source: 'binary', binaryField: field }, { autoFit: true, model: '', fit: 'cover', position: 'centre', delivery: 'auto' });
	}
	const videoSource = this.getNodeParameter('videoSource', itemIndex, 'none') as string;
	const video: VideoInput | undefined = videoSource === 'none' ? undefined : await readVideoInput(this, itemIndex, 'video', 'Video', 'data');

	const media = await beforeStart(this, async () => ({
		image: image === undefined ? undefined : typeof image === 'string' ? { uri: image, info: { source: 'url', url: image } } : await deliverImage(this, itemIndex, image, 'auto'),
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
