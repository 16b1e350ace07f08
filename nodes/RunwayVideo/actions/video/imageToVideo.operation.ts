import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { CropPosition, Fit } from '../../../shared/image/prepareImage';
import { cropPositionProperty, fitProperty } from '../../../shared/n8n/imageFitProperties';
import { notStarted } from '../../../shared/n8n/paidJob';
import { checkImageUrl, RunwayValidationError } from '../../models/check';
import { CLOSEST_RATIO, closestRatio } from '../../models/ratios';
import { rulesFor, modelsFor } from '../../models/table';
import { createBody } from '../../requests/createBody';
import type { FitSettings, ImageSource, PreparedBinary, ResolvedImage } from '../../helpers/media';
import { deliverImage, prepareBinaryImage, readBinaryImage } from '../../helpers/media';
import {
	beforeStart,
	checkCreateSettings,
	checkCreateValues,
	checked,
	parseAdditionalFields,
	readCreateParameters,
	readSource,
	startAndWait,
	urlInfo,
} from '../../helpers/create';
import type { CreateParameters, SourceInput } from '../../helpers/create';
import { IMAGE_PARAMETERS, sourceParameters } from '../../helpers/parameters';
import {
	customModelProperties,
	durationProperties,
	enumProperties,
	modelProperty,
	byVersion,
	optionsCollection,
	promptProperties,
	ratioProperties,
	waitAndOutputProperties,
	withModels,
} from '../common.descriptions';
import type { NodeVersion } from '../common.descriptions';

const LAST_FRAME = sourceParameters('lastFrame');

const lastFrameModels = modelsFor('imageToVideo').filter((model) => {
	const positions = rulesFor('imageToVideo', model)?.positions;
	return positions === 'firstAndLast' || positions === 'keyframesOrReferences';
});

/** The operation's own Options entries: how Auto-Fit fits the image, and how it is sent. */
const IMAGE_OPTIONS: INodeProperties[] = [
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
];

const properties: INodeProperties[] = byVersion((version: NodeVersion) => [
	modelProperty('imageToVideo', 'gen4_turbo', version),
	...customModelProperties('imageToVideo', version),
	...promptProperties('imageToVideo', version),
	{
		displayName: 'Image Source',
		name: IMAGE_PARAMETERS.source,
		type: 'options',
		options: [
			{ name: 'Binary Field', value: 'binary', description: 'An image file on the input item (Telegram photo, Read File, HTTP Request…)' },
			{ name: 'URL', value: 'url', description: 'A public HTTPS link Runway fetches itself' },
		],
		default: 'binary',
	},
	{
		displayName: 'Image Binary Field',
		name: IMAGE_PARAMETERS.binaryField,
		type: 'string',
		default: 'data',
		required: true,
		description: 'Name of the binary field holding the image (the first frame). Telegram and most file nodes use "data".',
		displayOptions: { show: { [IMAGE_PARAMETERS.source]: ['binary'] } },
	},
	{
		displayName: 'Image URL',
		name: IMAGE_PARAMETERS.url,
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/photo.jpg',
		description:
			'HTTPS link to a JPEG, PNG or WebP image on a domain (not an IP address). It must not redirect and must send the right Content-Type, or Runway refuses it.',
		displayOptions: { show: { [IMAGE_PARAMETERS.source]: ['url'] } },
	},
	...ratioProperties('imageToVideo', version),
	...durationProperties('imageToVideo', version),
	...enumProperties('imageToVideo', version, 'resolution', 'Output resolution (the aspect follows the image or the ratio)'),
	...enumProperties(
		'imageToVideo',
		version,
		'outputFormat',
		'The file Runway makes: MP4, or ProRes, PNG sequences and HDR for finishing (each costs extra credits per second)',
	),
	{
		displayName: 'Last Frame',
		name: LAST_FRAME.source,
		type: 'options',
		options: [
			{ name: 'None', value: 'none' },
			{ name: 'Binary Field', value: 'binary', description: 'An image file on the input item' },
			{ name: 'URL', value: 'url', description: 'A public HTTPS link' },
		],
		default: 'none',
		description: 'An image the video should end on (the main image is the first frame)',
		displayOptions: withModels('imageToVideo', version, lastFrameModels),
	},
	{
		displayName: 'Last Frame Binary Field',
		name: LAST_FRAME.binaryField,
		type: 'string',
		default: 'lastFrame',
		required: true,
		description: 'Name of the binary field holding the last frame',
		displayOptions: withModels('imageToVideo', version, lastFrameModels, { [LAST_FRAME.source]: ['binary'] }),
	},
	{
		displayName: 'Last Frame URL',
		name: LAST_FRAME.url,
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/end.jpg',
		description: 'HTTPS link to the last frame image',
		displayOptions: withModels('imageToVideo', version, lastFrameModels, { [LAST_FRAME.source]: ['url'] }),
	},
	{
		displayName: 'Auto-Fit Image',
		name: 'autoFit',
		type: 'boolean',
		default: true,
		description:
			"Whether to make binary images exactly the size the ratio means (cropped to fill; see Options; where the model follows the image, its own shape) and small enough for Runway's 5 MB inline limit. Larger images are uploaded to Runway instead. Without it the image is sent as it is and Runway crops it.",
	},
	...waitAndOutputProperties(),
	optionsCollection('imageToVideo', version, IMAGE_OPTIONS),
]);

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['imageToVideo'] } }, properties);

const FITS: readonly string[] = ['cover', 'contain', 'fill'];
const POSITIONS: readonly string[] = ['centre', 'attention', 'entropy', 'top', 'bottom', 'left', 'right'];

/** Everything the operation reads from an item's parameters (nothing checked yet). */
interface ImageToVideoInput {
	create: CreateParameters;
	/** The first frame, and the last frame (source `none` when there is none). */
	first: SourceInput;
	last: SourceInput;
	autoFit: boolean;
}

/** Reads the item's parameters, once. */
function read(context: IExecuteFunctions, itemIndex: number): ImageToVideoInput {
	return {
		create: readCreateParameters(
			context,
			itemIndex,
			'imageToVideo',
			IMAGE_OPTIONS.map((option) => option.name),
		),
		first: readSource(context, itemIndex, IMAGE_PARAMETERS, { source: 'binary', binaryField: '' }),
		last: readSource(context, itemIndex, LAST_FRAME, { source: 'none', binaryField: '' }),
		autoFit: context.getNodeParameter('autoFit', itemIndex, true) as boolean,
	};
}

function checkFitSettings({ options }: CreateParameters, autoFit: boolean, model: string, ratio: string | undefined): FitSettings {
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
	return { autoFit, model, ratio, fit: fit as Fit, position: position as CropPosition, delivery };
}

/** Checks where an image comes from: a URL, or the name of a binary field (read later). */
function checkImageSource(input: SourceInput, which: 'first' | 'last'): ImageSource | undefined {
	const label = which === 'first' ? 'Image' : 'Last Frame';
	if (which === 'last' && input.source === 'none') return undefined;
	if (input.source === 'url') return { label, source: 'url', url: checkImageUrl(input.url, `${label} URL`) };
	if (input.source === 'binary') {
		const field = String(input.binaryField ?? '').trim();
		const name = `${label} Binary Field`;
		if (field === '') throw new RunwayValidationError(name, `${name} is empty`, 'Name the binary field holding the image, e.g. data.');
		return { label, source: 'binary', binaryField: field };
	}
	const name = which === 'first' ? 'Image Source' : 'Last Frame';
	throw new RunwayValidationError(
		name,
		`${name} "${String(input.source)}" is not an option`,
		which === 'first' ? 'Use binary or url.' : 'Use none, binary or url.',
	);
}

/**
 * "Closest to the Image": the model's ratio nearest the first frame's shape (a binary image is read for that, and
 * kept for preparing it; a URL cannot be inspected, so it gets the model's first ratio). Any other Ratio value is
 * sent as it is (and checked).
 */
async function resolveRatio(
	context: IExecuteFunctions,
	itemIndex: number,
	{ model, custom, values }: CreateParameters,
	first: ImageSource,
): Promise<unknown> {
	if (values.ratio !== CLOSEST_RATIO) return values.ratio;
	const rules = !custom && typeof model === 'string' ? rulesFor('imageToVideo', model) : undefined;
	if (!rules) return undefined;
	if (first.source === 'binary') {
		const image = await readBinaryImage(context, itemIndex, first.binaryField!);
		first.file = image.file;
		return closestRatio(model as string, rules, image.size);
	}
	return closestRatio(model as string, rules, undefined);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	// Everything is checked first, the images included: a bad value never costs a request, let alone a paid task.
	const input = read(this, itemIndex);
	const first = checked(this, itemIndex, () => checkImageSource(input.first, 'first')!);
	const last = checked(this, itemIndex, () => checkImageSource(input.last, 'last'));
	const ratio = await resolveRatio(this, itemIndex, input.create, first);
	const { create, additionalFields, fit, settings } = checked(this, itemIndex, () => {
		const create = checkCreateValues(input.create, { overrides: { ratio }, lastFrame: input.last.source !== 'none' });
		const additionalFields = parseAdditionalFields(input.create.options);
		const fit = checkFitSettings(
			input.create,
			input.autoFit,
			create.model,
			typeof create.values.ratio === 'string' ? create.values.ratio : undefined,
		);
		return { create, additionalFields, fit, settings: checkCreateSettings(input.create) };
	});
	const sources = last ? [first, last] : [first];
	const prepared: Array<PreparedBinary | undefined> = [];
	for (const source of sources) {
		prepared.push(
			source.source === 'binary'
				? await prepareBinaryImage(this, itemIndex, { ...source, binaryField: source.binaryField! }, fit)
				: undefined,
		);
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
