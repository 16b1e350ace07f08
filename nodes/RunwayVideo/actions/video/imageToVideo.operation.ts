import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { WaitCancelledError } from '../../../shared/http/sleep';
import type { CropPosition, Fit } from '../../../shared/image/prepareImage';
import { cropPositionProperty, fitProperty } from '../../../shared/n8n/imageFitProperties';
import { RUNWAY_MODELS, RunwayValidationError, checkImageUrl, createBody, modelsFor } from '../../models';
import type { FitSettings, ImageSource, PreparedBinary, ResolvedImage } from '../../helpers/image';
import { deliverImage, prepareBinaryImage } from '../../helpers/image';
import { invalidItem, notStarted, readCreate, readCreateSettings, startAndWait } from '../../helpers/create';
import { durationProperties, generationOptions, modelProperty, promptProperty, ratioProperties, waitAndOutputProperties } from '../common.descriptions';

const show = { operation: ['imageToVideo'] };
const lastFrameModels = modelsFor('imageToVideo').filter((model) => RUNWAY_MODELS[model].imageToVideo?.lastFrame);

export const description: INodeProperties[] = [
	modelProperty('imageToVideo', 'gen4_turbo'),
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
		displayName: 'Input Binary Field',
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
	promptProperty('imageToVideo'),
	...ratioProperties('imageToVideo'),
	...durationProperties('imageToVideo'),
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
		displayOptions: { show: { ...show, model: lastFrameModels } },
	},
	{
		displayName: 'Last Frame Binary Field',
		name: 'lastFrameBinaryPropertyName',
		type: 'string',
		default: 'lastFrame',
		required: true,
		description: 'Name of the binary field holding the last frame',
		displayOptions: { show: { ...show, model: lastFrameModels, lastFrameSource: ['binary'] } },
	},
	{
		displayName: 'Last Frame URL',
		name: 'lastFrameUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/end.jpg',
		description: 'HTTPS link to the last frame image',
		displayOptions: { show: { ...show, model: lastFrameModels, lastFrameSource: ['url'] } },
	},
	{
		displayName: 'Auto-Fit Image',
		name: 'autoFit',
		type: 'boolean',
		default: true,
		description:
			"Whether to make binary images exactly the ratio's pixel size (cropped to fill; see Options) and small enough for Runway's 5 MB inline limit. Larger images are uploaded to Runway instead. Without it the image is sent as it is and Runway crops it.",
		displayOptions: { show },
	},
	...waitAndOutputProperties(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			...generationOptions('imageToVideo'),
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
		],
	},
];

const FITS: readonly string[] = ['cover', 'contain', 'fill'];
const POSITIONS: readonly string[] = ['centre', 'attention', 'entropy', 'top', 'bottom', 'left', 'right'];

function readFitSettings(context: IExecuteFunctions, itemIndex: number, ratio: string | undefined): FitSettings {
	const options = (context.getNodeParameter('options', itemIndex, {}) ?? {}) as IDataObject;
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
		const name = which === 'first' ? 'Input Binary Field' : 'Last Frame Binary Field';
		if (field === '') throw new RunwayValidationError(name, `${name} is empty`, 'Name the binary field holding the image, e.g. data.');
		return { label, source: 'binary', binaryField: field };
	}
	const name = which === 'first' ? 'Image Source' : 'Last Frame';
	throw new RunwayValidationError(name, `${name} "${source}" is not an option`, which === 'first' ? 'Use binary or url.' : 'Use none, binary or url.');
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	// Everything is checked first, the images included: a bad value never costs a request, let alone a paid task.
	const hasLastFrame = (this.getNodeParameter('lastFrameSource', itemIndex, 'none') as string) !== 'none';
	const checked = readCreate(this, itemIndex, 'imageToVideo', hasLastFrame);
	let sources: ImageSource[];
	let fit: FitSettings;
	try {
		const first = readImageSource(this, itemIndex, 'first')!;
		const last = readImageSource(this, itemIndex, 'last');
		sources = last ? [first, last] : [first];
		fit = readFitSettings(this, itemIndex, checked.ratio);
	} catch (error) {
		throw invalidItem(this, itemIndex, error);
	}
	const settings = readCreateSettings(this, itemIndex);
	const prepared: Array<PreparedBinary | undefined> = [];
	for (const source of sources) {
		prepared.push(source.source === 'binary' ? await prepareBinaryImage(this, itemIndex, { ...source, binaryField: source.binaryField! }, fit) : undefined);
	}

	const images: ResolvedImage[] = [];
	try {
		for (const [index, source] of sources.entries()) {
			const local = prepared[index];
			images.push(local ? await deliverImage(this, itemIndex, local, fit.delivery) : { uri: source.url!, info: urlInfo(source.url!) });
		}
	} catch (error) {
		if (error instanceof WaitCancelledError || this.getExecutionCancelSignal()?.aborted) return notStarted();
		throw error;
	}
	if (this.getExecutionCancelSignal()?.aborted) return notStarted();

	const [first, last] = images;
	const body = createBody(checked, { first: first.uri, last: last?.uri });
	const extra: IDataObject = { image: first.info };
	if (last) extra.lastFrame = last.info;
	return await startAndWait(this, itemIndex, checked, body, settings, extra);
}

function urlInfo(url: string): IDataObject {
	return { source: 'url', url: url.startsWith('data:') ? 'data URI' : url };
}
