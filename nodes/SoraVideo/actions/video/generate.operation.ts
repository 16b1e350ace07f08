import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { buildMultipart } from '../../../shared/http/multipart';
import { WaitCancelledError } from '../../../shared/http/sleep';
import { SORA_SIZES } from '../../../shared/image/presets';
import { backgroundColorProperty, cropPositionProperty, fitProperty } from '../../../shared/n8n/imageFitProperties';
import { DOCUMENTED_SIZES, readCreateSettings, SORA_SECONDS } from '../../helpers/createSettings';
import type { CreateSettings } from '../../helpers/createSettings';
import { readDelivery, waitAndDeliver } from '../../helpers/job';
import { DEFAULT_MAX_REFERENCE_KB, readReference } from '../../helpers/referenceImage';
import type { Reference } from '../../helpers/referenceImage';
import { asVideo, soraRequest } from '../../transport';
import { deliveryOptions, soraWaitProperties } from '../common.descriptions';

const sizeOptions = [
	...DOCUMENTED_SIZES.map((size) => {
		const [width, height] = size.split('x').map(Number);
		const models = Object.keys(SORA_SIZES).filter((model) => SORA_SIZES[model].includes(size));
		return {
			name: `${size} (${width > height ? 'Landscape' : 'Portrait'})`,
			value: size,
			description: `Accepted by ${models.join(' and ')}${models.length === 1 ? ' only' : ''}`,
		};
	}),
	{ name: 'Custom', value: 'custom', description: 'Any WIDTHxHEIGHT, for models a gateway routes (checked only against Sora models)' },
];

const secondsOptions = [
	...SORA_SECONDS.map((seconds) => ({
		name: `${seconds} Seconds`,
		value: seconds,
		description: Number(seconds) > 12 ? 'Newer value; some servers accept only 4, 8 and 12' : undefined,
	})),
	{ name: 'Custom', value: 'custom', description: 'Another whole number of seconds, for models a gateway routes' },
];

const properties: INodeProperties[] = [
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder: 'e.g. A paper boat drifts down a rain-soaked street at dusk, slow dolly shot',
		description: 'What the video shows: subject, camera, light, action (up to 32000 characters)',
	},
	{
		displayName: 'Model',
		name: 'model',
		type: 'options',
		options: [
			{ name: 'Custom Model ID', value: 'custom', description: 'Any model ID your gateway serves (a dated snapshot, Veo, Runway...)' },
			{ name: 'Sora 2', value: 'sora-2', description: 'Faster and cheaper; 720p only' },
			{ name: 'Sora 2 Pro', value: 'sora-2-pro', description: 'Higher quality; up to 1080p' },
		],
		default: 'sora-2',
	},
	{
		displayName: 'Custom Model ID',
		name: 'customModel',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. sora-2-pro-2025-10-06',
		description: 'Sent as "model". Dated sora-2 and sora-2-pro snapshots are checked like their model; other IDs accept any size.',
		displayOptions: { show: { model: ['custom'] } },
	},
	{
		displayName: 'Size',
		name: 'size',
		type: 'options',
		options: sizeOptions,
		default: '720x1280',
		description: 'Width x height of the video. The reference image is fitted to exactly this size.',
	},
	{
		displayName: 'Custom Size',
		name: 'customSize',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1280x720',
		description: 'WIDTHxHEIGHT in pixels',
		displayOptions: { show: { size: ['custom'] } },
	},
	{
		displayName: 'Seconds',
		name: 'seconds',
		type: 'options',
		options: secondsOptions,
		default: '4',
		description: 'Length of the video. Sent as a string, as the API requires.',
	},
	{
		displayName: 'Custom Seconds',
		name: 'customSeconds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 10',
		description: 'A whole number of seconds (Sora models take only 4, 8, 12, 16 and 20)',
		displayOptions: { show: { seconds: ['custom'] } },
	},
	{
		displayName: 'Reference Image',
		name: 'referenceImage',
		type: 'options',
		options: [
			{
				name: 'Binary Image From Input',
				value: 'binary',
				description: 'An image from an earlier node (Telegram, Drive, HTTP Request...), fitted automatically',
			},
			{ name: 'Image URL', value: 'url', description: 'An https URL or a data URL, sent as is' },
			{ name: 'None', value: 'none', description: 'Text to video' },
		],
		default: 'none',
		description: 'An image that guides the first frame',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		description: 'Name of the binary field holding the image. Telegram and most file nodes use "data".',
		displayOptions: { show: { referenceImage: ['binary'] } },
	},
	{
		displayName: 'Auto-Fit Reference Image',
		name: 'autoFit',
		type: 'boolean',
		default: true,
		description:
			'Whether to make the image exactly Size (crop or pad) and lighter than Max Reference Size before sending it. Off: the image is sent as it is and must already be exactly Size.',
		displayOptions: { show: { referenceImage: ['binary'] } },
	},
	{
		displayName: 'Auto-Fit Options',
		name: 'autoFitOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { referenceImage: ['binary'], autoFit: [true] } },
		options: [
			backgroundColorProperty,
			{ ...cropPositionProperty, description: 'Which part of the image to keep when cropping (Crop to Fill only)' },
			fitProperty,
			{
				displayName: 'Format',
				name: 'referenceFormat',
				type: 'options',
				options: [
					{ name: 'JPEG', value: 'jpeg' },
					{ name: 'PNG', value: 'png' },
					{ name: 'WebP', value: 'webp' },
				],
				default: 'jpeg',
				description: 'Format of the image sent to the API',
			},
			{
				displayName: 'Max Reference Size (KB)',
				name: 'maxReferenceKb',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_MAX_REFERENCE_KB,
				description: 'The image sent is at most this size, at the highest quality that fits. Gateways often refuse bodies over 1-4 MB (413). 0 means no cap.',
			},
		],
	},
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://example.com/first-frame.jpg',
		description:
			'Sent as input_reference.image_url. The image must already be exactly Size; to have it fitted, download it with an HTTP Request node and use Binary Image From Input.',
		displayOptions: { show: { referenceImage: ['url'] } },
	},
	...soraWaitProperties(),
	deliveryOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['generate'] } }, properties);

/** Multipart when there is a file (every field a string, the image a file part with name and type); JSON otherwise. */
function createBody(settings: CreateSettings, reference: Reference): { body: IDataObject | Buffer; contentType?: string } {
	const fields = { prompt: settings.prompt, model: settings.model, size: settings.size, seconds: settings.seconds };
	if (reference.kind === 'file') {
		const { body, contentType } = buildMultipart([
			...Object.entries(fields).map(([name, value]) => ({ name, value })),
			{ name: 'input_reference', data: reference.data, fileName: reference.fileName, contentType: reference.contentType },
		]);
		return { body, contentType };
	}
	if (reference.kind === 'url') return { body: { ...fields, input_reference: { image_url: reference.url } } };
	return { body: fields };
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	// Everything is read and checked before the create: a bad input must not cost a request, let alone a job.
	const settings = readCreateSettings(this, itemIndex);
	const reference = await readReference(this, itemIndex, settings.dimensions);
	const delivery = readDelivery(this, itemIndex, this.getNodeParameter('options', itemIndex, {}) as IDataObject);
	const { body, contentType } = createBody(settings, reference);

	let created: unknown;
	try {
		created = (await soraRequest.call(this, { method: 'POST', path: '/videos', body, contentType, retry: 'create', itemIndex })).body;
	} catch (error) {
		if (!(error instanceof WaitCancelledError)) throw error;
		return {
			json: {
				cancelled: true,
				note: 'The execution was cancelled while the create request was being sent, so a job may have been created. Look for it with the List operation before generating again.',
			},
		};
	}
	const video = await asVideo.call(this, created, itemIndex);
	const extra: IDataObject = reference.kind === 'none' ? {} : { referenceImage: reference.info };
	return await waitAndDeliver.call(this, itemIndex, video, delivery, extra);
}
