import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { CropPosition, Fit } from '../../../shared/image/prepareImage';
import { cropPositionProperty, fitProperty } from '../../../shared/n8n/imageFitProperties';
import { notStarted } from '../../../shared/n8n/paidJob';
import { checkImageUrl, RunwayValidationError } from '../../models/check';
import { CLOSEST_RATIO, closestRatio } from '../../models/ratios';
import { rulesFor, modelsFor } from '../../models/table';
import { createBody } from '../../requests/createBody';
import type { FitSettings, ImageSource, PreparedBinary, ResolvedImage } from '../../helpers/media';
import { binaryImageSize, deliverImage, prepareBinaryImage } from '../../helpers/media';
import { beforeStart, checked, invalidItem, readAdditionalFields, readCreate, readCreateSettings, readModel, readOptions, startAndWait } from '../../helpers/create';
import {
	customModelProperties,
	durationProperties,
	enumProperties,
	modelProperty,
	byVersion,
	modelParameter,
	optionsCollection,
	promptProperties,
	ratioProperties,
	waitAndOutputProperties,
} from '../common.descriptions';
import type { NodeVersion } from '../common.descriptions';

const show = { resource: ['video'], operation: ['imageToVideo'] };
const lastFrameModels = modelsFor('imageToVideo').filter((model) => {
	const positions = rulesFor('imageToVideo', model)?.positions;
	return positions === 'firstAndLast' || positions === 'keyframesOrReferences';
});

export const description: INodeProperties[] = byVersion((version: NodeVersion) => [
	modelProperty('imageToVideo', 'gen4_turbo', version),
	...customModelProperties('imageToVideo', version),
	...promptProperties('imageToVideo', version),
	{
		displayName: 'Image Source',
		name: 'imageSource',
		type: 'options',
		options: [
			{ name: 'Binary Field', value: 'binary', description: 'An image file on the input item (Telegram photo, Read File, HTTP Request…)' },
			{ name: 'URL', value: 'url', description: 'A public HTTPS link Runway fetches itself' },
		],
		default: 'binary',
		displayOptions: { show },
	},
	{
		displayName: 'Image Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'Name of the binary field holding the image (the first frame). Telegram and most file nodes use "data".',
		displayOptions: { show: { ...show, imageSource: ['binary'] } },
	},
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/photo.jpg',
		description:
			'HTTPS link to a JPEG, PNG or WebP image on a domain (not an IP address). It must not redirect and must send the right Content-Type, or Runway refuses it.',
		displayOptions: { show: { ...show, imageSource: ['url'] } },
	},
	...ratioProperties('imageToVideo', version),
	...durationProperties('imageToVideo', version),
	...enumProperties('imageToVideo', version, 'resolution', 'Resolution', 'Output resolution (the aspect follows the image or the ratio)'),
	...enumProperties('imageToVideo', version, 'outputFormat', 'Output Format', 'The file Runway makes: MP4, or ProRes, PNG sequences and HDR for finishing (each costs extra credits per second)'),
	{
		displayName: 'Last Frame',
		name: 'lastFrameSource',
		type: 'options',
		options: [
			{ name: 'None', value: 'none' },
			{ name: 'Binary Field', value: 'binary', description: 'An image file on the input item' },
			{ name: 'URL', value: 'url', description: 'A public HTTPS link' },
		],
		default: 'none',
		description: 'An image the video should end on (the main image is the first frame)',
		displayOptions: { show: { ...show, [modelParameter('imageToVideo', version)]: lastFrameModels } },
	},
	{
		displayName: 'Last Frame Binary Field',
		name: 'lastFrameBinaryPropertyName',
		type: 'string',
		default: 'lastFrame',
		required: true,
		description: 'Name of the binary field holding the last frame',
		displayOptions: { show: { ...show, [modelParameter('imageToVideo', version)]: lastFrameModels, lastFrameSource: ['binary'] } },
	},
	{
		displayName: 'Last Frame URL',
		name: 'lastFrameUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/end.jpg',
		description: 'HTTPS link to the last frame image',
		displayOptions: { show: { ...show, [modelParameter('imageToVideo', version)]: lastFrameModels, lastFrameSource: ['url'] } },
	},
	{
		displayName: 'Auto-Fit Image',
		name: 'autoFit',
		type: 'boolean',
		default: true,
		description:
			"Whether to make binary images exactly the size the ratio means (cropped to fill; see Options; where the model follows the image, its own shape) and small enough for Runway's 5 MB inline limit. Larger images are uploaded to Runway instead. Without it the image is sent as it is and Runway crops it.",
		displayOptions: { show },
	},
	...waitAndOutputProperties('imageToVideo'),
	optionsCollection('imageToVideo', version, [
		{ ...fitProperty, description: 'How Auto-Fit makes the image the ratio’s shape' },
		{ ...cropPositionProperty, description: 'Which part of the image Auto-Fit keeps when cropping (Fit: Crop to Fill)' },
		{
			displayName: 'Send Image As',
			name: 'imageDelivery',
			type: 'options',
			options: [
				{ name: 'Automatic', value: 'auto', description: 'Inline (data URI) up to 5 MB, uploaded to Runway when larger' },
				{ name: 'Upload', value: 'upload', description: "Always through Runway's upload storage" },
			],
			default: 'auto',
			description: 'How a binary image reaches Runway',
		},
	]),
]);

const FITS: readonly string[] = ['cover', 'contain', 'fill'];
const POSITIONS: readonly string[] = ['centre', 'attention', 'entropy', 'top', 'bottom', 'left', 'right'];

function readFitSettings(context: IExecuteFunctions, itemIndex: number, model: string, ratio: string | undefined): FitSettings {
	const options: IDataObject = readOptions(context, itemIndex);
	const fit = (options.fit as string | undefined) ?? 'cover';
	const position = (options.cropPosition as string | undefined) ?? 'centre';
	const delivery = (options.imageDelivery as string | undefined) ?? 'auto';
	if (!FITS.includes(fit)) throw new RunwayValidationError('Fit', `Fit "${fit}" is not an option`, `Use one of: ${FITS.join(', ')}.`);
	if (!POSITIONS.includes(position)) {
		throw new RunwayValidationError('Crop Focus', `Crop Focus "${position}" is not an option`, `Use one of: ${POSITIONS.join(', ')}.`);
	}
	if (delivery !== 'auto' && delivery !== 'upload') {
		throw new RunwayValidationError('Send Image As', `Send Image As "${delivery}" is not an option`, 'Use auto or upload.');
	}
	return {
		autoFit: context.getNodeParameter('autoFit', itemIndex, true) as boolean,
		model,
		ratio,
		fit: fit as Fit,
		position: position as CropPosition,
		delivery,
	};
}

/** Reads where an image comes from, checking a URL or a field name now (before any request). */
function readImageSource(context: IExecuteFunctions, itemIndex: number, which: 'first' | 'last'): ImageSource | undefined {
	const get = (name: string, fallback: unknown) => context.getNodeParameter(name, itemIndex, fallback);
	const label = which === 'first' ? 'Image' : 'Last Frame';
	const source = (which === 'first' ? get('imageSource', 'binary') : get('lastFrameSource', 'none')) as string;
	if (which === 'last' && source === 'none') return undefined;
	if (source === 'url') {
		const field = which === 'first' ? 'Image URL' : 'Last Frame URL';
		return { label, source: 'url', url: checkImageUrl(get(which === 'first' ? 'imageUrl' : 'lastFrameUrl', ''), field) };
	}
	if (source === 'binary') {
		const field = String(get(which === 'first' ? 'binaryPropertyName' : 'lastFrameBinaryPropertyName', '') ?? '').trim();
		const name = which === 'first' ? 'Image Binary Field' : 'Last Frame Binary Field';
		if (field === '') throw new RunwayValidationError(name, `${name} is empty`, 'Name the binary field holding the image, e.g. data.');
		return { label, source: 'binary', binaryField: field };
	}
	const name = which === 'first' ? 'Image Source' : 'Last Frame';
	throw new RunwayValidationError(name, `${name} "${source}" is not an option`, which === 'first' ? 'Use binary or url.' : 'Use none, binary or url.');
}

/**
 * "Closest to the Image": the model's ratio nearest the first frame's shape (a binary image is inspected; a URL
 * cannot be, so it gets the model's first ratio). Any other Ratio value is sent as it is (and checked).
 */
async function resolveRatio(context: IExecuteFunctions, itemIndex: number, first: ImageSource): Promise<unknown> {
	const ratio = context.getNodeParameter('ratio', itemIndex, null);
	if (ratio !== CLOSEST_RATIO) return ratio;
	const { model, custom } = readModel(context, itemIndex, 'imageToVideo');
	const rules = !custom && typeof model === 'string' ? rulesFor('imageToVideo', model) : undefined;
	if (!rules) return undefined;
	const size = first.source === 'binary' ? await binaryImageSize(context, itemIndex, first.binaryField!) : undefined;
	return closestRatio(model as string, rules, size);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	// Everything is checked first, the images included: a bad value never costs a request, let alone a paid task.
	const hasLastFrame = (this.getNodeParameter('lastFrameSource', itemIndex, 'none') as string) !== 'none';
	const first = checked(this, itemIndex, () => readImageSource(this, itemIndex, 'first')!);
	const last = checked(this, itemIndex, () => readImageSource(this, itemIndex, 'last'));
	const ratio = await resolveRatio(this, itemIndex, first);
	const create = readCreate(this, itemIndex, 'imageToVideo', { overrides: { ratio }, lastFrame: hasLastFrame });
	const additionalFields = readAdditionalFields(this, itemIndex);
	const sources = last ? [first, last] : [first];
	let fit: FitSettings;
	try {
		fit = readFitSettings(this, itemIndex, create.model, typeof create.values.ratio === 'string' ? create.values.ratio : undefined);
	} catch (error) {
		throw invalidItem(this, itemIndex, error);
	}
	const settings = readCreateSettings(this, itemIndex);
	const prepared: Array<PreparedBinary | undefined> = [];
	for (const source of sources) {
		prepared.push(source.source === 'binary' ? await prepareBinaryImage(this, itemIndex, { ...source, binaryField: source.binaryField! }, fit) : undefined);
	}

	const images = await beforeStart(this, async () => {
		const resolved: ResolvedImage[] = [];
		for (const [index, source] of sources.entries()) {
			const local = prepared[index];
			resolved.push(local ? await deliverImage(this, itemIndex, local, fit.delivery) : { uri: source.url!, info: urlInfo(source.url!) });
		}
		return resolved;
	});
	if (!images) return notStarted();

	const [firstImage, lastImage] = images;
	const body = createBody(create, { firstFrame: firstImage.uri, lastFrame: lastImage?.uri }, additionalFields);
	const extra: IDataObject = { image: firstImage.info };
	if (lastImage) extra.lastFrame = lastImage.info;
	return await startAndWait(this, itemIndex, create, body, settings, extra);
}

function urlInfo(url: string): IDataObject {
	return { source: 'url', url: url.startsWith('data:') ? 'data URI' : url };
}
