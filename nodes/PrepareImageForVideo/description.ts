import type { INodeProperties } from 'n8n-workflow';

import { autoChoices, sizeChoices } from '../shared/image/sizeList';
import { backgroundColorProperty, cropPositionProperty, fitProperty } from '../shared/n8n/imageFitProperties';

const presetOptions = sizeChoices().map(({ size, label, acceptedBy }) => ({
	name: label,
	value: size,
	description: acceptedBy,
}));

const autoOptions = autoChoices().map(({ value, label, sizes }) => ({
	name: label,
	value,
	description: `Picks from ${sizes}`,
}));

/** Target, as version 1 had it (default: a fixed size) and as later versions have it (default: Auto). */
function targetProperty(defaultTarget: 'preset' | 'auto', versions: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Target',
		name: 'target',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Auto (Closest Size for an API or Model)',
				value: 'auto',
				description: "The size a chosen API or model accepts whose shape is closest to the image's: a portrait photo gets a portrait size",
			},
			{ name: 'API Size', value: 'preset', description: 'One fixed size from the list of sizes the video APIs accept' },
			{ name: 'Custom', value: 'custom', description: 'Any width and height' },
		],
		default: defaultTarget,
		displayOptions: versions,
	};
}

export const properties: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'Name of the binary field holding the image. Telegram and most file nodes use "data".',
	},
	targetProperty('preset', { show: { '@version': [1] } }),
	targetProperty('auto', { show: { '@version': [{ _cnd: { gte: 1.1 } }] } }),
	{
		displayName: 'Size',
		name: 'preset',
		type: 'options',
		options: presetOptions,
		default: '1280x720',
		description: 'Output width × height in pixels. Each entry says which APIs and models accept it; the common sizes come first.',
		displayOptions: { show: { target: ['preset'] } },
	},
	{
		displayName: 'API or Model',
		name: 'autoFor',
		type: 'options',
		options: autoOptions,
		default: 'runway:gen4_turbo',
		description: "Picks, among this model's sizes, the one whose shape is closest to the image (a portrait photo gets a portrait size)",
		displayOptions: { show: { target: ['auto'] } },
	},
	{
		displayName: 'Width',
		name: 'width',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 8192 },
		default: 1280,
		description: 'Output width in pixels',
		displayOptions: { show: { target: ['custom'] } },
	},
	{
		displayName: 'Height',
		name: 'height',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 8192 },
		default: 720,
		description: 'Output height in pixels',
		displayOptions: { show: { target: ['custom'] } },
	},
	fitProperty,
	{ ...cropPositionProperty, displayOptions: { show: { fit: ['cover'] } } },
	{
		displayName: 'Padding',
		name: 'padStyle',
		type: 'options',
		options: [
			{ name: 'Solid Colour', value: 'color', description: 'Bars in the background colour (see Options)' },
			{ name: 'Blurred Image', value: 'blur', description: 'A blurred, enlarged copy of the image behind it' },
		],
		default: 'color',
		displayOptions: { show: { fit: ['contain'] } },
	},
	{
		displayName: 'Max File Size (KB)',
		name: 'maxFileSizeKb',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 800,
		description:
			'The output is at most this size (1 KB = 1024 bytes), at the highest quality that fits. 0 means no cap. Runway takes inline images up to 5120 KB (counted as base64); Sora gateways often refuse bodies over 1-4 MB.',
	},
	{
		displayName: 'Count Base64 Size',
		name: 'countBase64',
		type: 'boolean',
		default: false,
		description:
			'Whether the cap applies to the image as a base64 data URI (about 4/3 of the file size), the way Runway counts its 5 MB limit for inline images',
	},
	{
		displayName: 'Output Format',
		name: 'outputFormat',
		type: 'options',
		options: [
			{ name: 'JPEG', value: 'jpeg', description: 'Accepted everywhere; transparency is filled with the background colour' },
			{ name: 'PNG', value: 'png', description: 'Lossless when it fits the cap, else reduced to a palette' },
			{ name: 'WebP', value: 'webp', description: 'Smaller than JPEG at the same quality; keeps transparency' },
		],
		default: 'jpeg',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			backgroundColorProperty,
			{
				displayName: 'Max Input Megapixels',
				name: 'maxInputMegapixels',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 120,
				description: 'Refuse larger images (protects the server from decompression bombs)',
			},
			{
				displayName: 'Maximum Quality',
				name: 'maxQuality',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100 },
				default: 95,
				description: 'The quality to use when the image fits the cap anyway (above 95 JPEG grows fast for no visible gain)',
			},
			{
				displayName: 'Minimum Quality',
				name: 'minQuality',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100 },
				default: 40,
				description: 'Never go below this quality; if the cap needs less, the item fails with the smallest size reached',
			},
			{
				displayName: 'Output Binary Field',
				name: 'outputBinaryPropertyName',
				type: 'string',
				default: 'data',
				description: 'Binary field to write the prepared image to (the same as the input replaces it)',
			},
			{
				displayName: 'Output File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'e.g. frame.jpg',
				description: 'Default: the input name with the size added, e.g. photo_1280x720.jpg',
			},
		],
	},
];
