import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { SORA_SIZES } from '../../../shared/image/presets';
import { sizeLabel } from '../../../shared/image/sizeLabels';
import { backgroundColorProperty, cropPositionProperty, fitProperty } from '../../../shared/n8n/imageFitProperties';
import { createForm, encodeForm } from '../../helpers/bodies';
import { LISTED_SIZES, readGenerationSettings } from '../../helpers/createSettings';
import { readDownloadSettings, runJob } from '../../helpers/job';
import { DEFAULT_MAX_REFERENCE_KB, readReference } from '../../helpers/referenceImage';
import { deliveryOptions, modelProperty, promptProperty, secondsProperties, soraWaitProperties } from '../common.descriptions';

const sizeOptions = [
	...LISTED_SIZES.map((size) => {
		const models = Object.keys(SORA_SIZES).filter((model) => SORA_SIZES[model].includes(size));
		return {
			name: sizeLabel(size),
			value: size,
			description: `${size}: ${models.join(' and ')}${models.length === 1 ? ' only' : ''}`,
		};
	}),
	{
		name: 'Custom (the Server Decides)',
		value: 'custom',
		description:
			"Any WIDTHxHEIGHT, e.g. 1920x1080 or 1080x1920 (sora-2-pro per OpenAI's guide, not its API reference) or a size a routed model takes",
	},
];

const properties: INodeProperties[] = [
	modelProperty,
	{
		// Workflows saved before Model became a list keep their "custom" choice and this ID.
		displayName: 'Custom Model ID',
		name: 'customModel',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. sora-2-pro-2025-10-06',
		description: 'Sent as "model". Dated sora-2 and sora-2-pro snapshots are checked like their model; other IDs accept any size.',
		displayOptions: { show: { model: ['custom'] } },
	},
	promptProperty(
		'e.g. A paper boat drifts down a rain-soaked street at dusk, slow dolly shot',
		'What the video shows: subject, camera, light, action (up to 32000 characters)',
	),
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
		placeholder: 'e.g. 1920x1080',
		description: 'WIDTHxHEIGHT in pixels, sent as is: the server decides whether it takes it',
		displayOptions: { show: { size: ['custom'] } },
	},
	...secondsProperties('Length of the video. Sent as a string, as the API requires.'),
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
			{
				name: 'Image File ID',
				value: 'fileId',
				description: 'An image uploaded to the server beforehand (e.g. file-abc123), sent as input_reference.file_id',
			},
			{ name: 'Image URL', value: 'url', description: 'An https URL or a data URL, sent as is' },
			{ name: 'None', value: 'none', description: 'Text to video' },
		],
		default: 'none',
		description: 'An image that guides the first frame',
	},
	{
		displayName: 'Image Binary Field',
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
				description:
					'The image sent is at most this size, at the highest quality that fits. Gateways often refuse bodies over 1-4 MB (413). 0 means no cap.',
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
			'Sent as input_reference.image_url; the image must already be exactly Size. To have it fitted, or for a server that takes only a file, turn on Upload as File.',
		displayOptions: { show: { referenceImage: ['url'] } },
	},
	{
		displayName: 'Upload as File',
		name: 'imageUrlUpload',
		type: 'boolean',
		default: false,
		description:
			'Whether n8n fetches the image (through its own HTTP client, so its proxy and SSRF settings apply; at most 20 MB), fits it to Size and uploads it as a file, instead of sending the URL. For servers that take only a file, such as LiteLLM.',
		displayOptions: { show: { referenceImage: ['url'] } },
	},
	{
		displayName: 'Image File ID',
		name: 'imageFileId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. file-abc123',
		description: 'Sent as input_reference.file_id. The image must already be exactly Size.',
		displayOptions: { show: { referenceImage: ['fileId'] } },
	},
	...soraWaitProperties(),
	deliveryOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['generate'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	// Everything is read and checked before the create: a bad input must not cost a request, let alone a job.
	const settings = readGenerationSettings(this, itemIndex);
	const reference = await readReference(this, itemIndex, settings.dimensions);
	const downloadSettings = readDownloadSettings(this, itemIndex, this.getNodeParameter('options', itemIndex, {}) as IDataObject);
	const { body, contentType } = encodeForm(
		createForm({ ...settings, inputReference: reference.kind === 'none' ? undefined : reference.inputReference }),
	);
	const extra: IDataObject = reference.kind === 'none' ? {} : { referenceImage: reference.info };
	const referenceByLink = reference.kind === 'reference' && reference.byLink === true;
	return await runJob(this, itemIndex, { path: '/videos', body, contentType, extra, referenceByLink }, downloadSettings);
}
