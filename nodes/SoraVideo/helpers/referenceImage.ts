import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Size } from '../../shared/image/geometry';
import { sizeKey } from '../../shared/image/geometry';
import { ImageError } from '../../shared/image/errors';
import { fileExtension, inspectImage, prepareImage } from '../../shared/image/prepareImage';
import type { CropPosition, Fit, OutputFormat } from '../../shared/image/prepareImage';
import { baseName, readBinaryField } from '../../shared/n8n/binary';
import { prepareItemImage } from '../../shared/n8n/prepareItemImage';
import type { InputReference } from './bodies';
import { fetchImage } from './imageFromUrl';
import { itemError } from '../../shared/n8n/itemError';

/** The content types the API takes for `input_reference`. */
const IMAGE_TYPES: Record<string, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };
const IMAGE_URL_MAX_CHARS = 20971520;
export const DEFAULT_MAX_REFERENCE_KB = 2048;

export type Reference =
	| { kind: 'none' }
	/** What goes into `input_reference` (a file part, `{image_url}` or `{file_id}`), and what to report about it. */
	| { kind: 'reference'; inputReference: InputReference; info: IDataObject; byLink?: boolean };

const INPAINT_HINT =
	'The API refuses a reference image that is not exactly the requested size ("Inpaint image must match the requested width and height").';

/**
 * The reference image for a create, ready to send, or an error that names the item and the field. A binary
 * image is fitted to exactly `size` under the byte cap (Auto-Fit, on by default); without Auto-Fit it is
 * checked, so a wrong size fails here, before a request, instead of as the API's "Inpaint image" error.
 */
export async function readReference(context: IExecuteFunctions, itemIndex: number, size: Size): Promise<Reference> {
	const source = context.getNodeParameter('referenceImage', itemIndex, 'none') as string;
	if (source === 'binary') return await binaryReference(context, itemIndex, size);
	if (source === 'url') return await urlReference(context, itemIndex, size);
	if (source === 'fileId') return fileIdReference(context, itemIndex);
	return { kind: 'none' };
}

/** A file uploaded beforehand (OpenAI's Files API or the gateway's), by its id. Its size is the server's to check. */
function fileIdReference(context: IExecuteFunctions, itemIndex: number): Reference {
	const fileId = String(context.getNodeParameter('imageFileId', itemIndex, '') ?? '').trim();
	if (!fileId || /[\s/?#]/.test(fileId)) {
		throw itemError(
			context.getNode(),
			itemIndex,
			{ field: 'Image File ID' },
			fileId ? `"${fileId}" is not a file ID` : 'No file ID given',
			'Give the id of an image uploaded to the server beforehand, e.g. file-abc123 (no spaces or slashes).',
		);
	}
	return { kind: 'reference', inputReference: { file_id: fileId }, info: { source: 'file_id', fileId }, byLink: true };
}

async function binaryReference(context: IExecuteFunctions, itemIndex: number, size: Size): Promise<Reference> {
	const field = (context.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string).trim();
	const autoFit = context.getNodeParameter('autoFit', itemIndex, true) as boolean;
	const target = sizeKey(size);
	if (autoFit) {
		const options = context.getNodeParameter('autoFitOptions', itemIndex, {}) as IDataObject;
		const maxKb = options.maxReferenceKb === undefined ? DEFAULT_MAX_REFERENCE_KB : Number(options.maxReferenceKb);
		const fit = (options.fit as Fit | undefined) ?? 'cover';
		const { source, prepared } = await prepareItemImage(context, itemIndex, field, {
			target: size,
			fit,
			position: fit === 'cover' ? ((options.cropPosition as CropPosition | undefined) ?? 'centre') : undefined,
			background: (options.backgroundColor as string | undefined) || undefined,
			format: (options.referenceFormat as OutputFormat | undefined) ?? 'jpeg',
			maxBytes: maxKb > 0 ? Math.floor(maxKb * 1024) : undefined,
		});
		const { info } = prepared;
		return {
			kind: 'reference',
			inputReference: {
				data: prepared.data,
				fileName: `${baseName(source.fileName, 'reference')}_${target}.${fileExtension(info.format)}`,
				contentType: info.mimeType,
			},
			info: {
				source: 'binary',
				autoFit: true,
				width: info.width,
				height: info.height,
				bytes: info.bytes,
				format: info.format,
				quality: info.quality,
				fit: info.fit,
				originalWidth: info.originalWidth,
				originalHeight: info.originalHeight,
				originalBytes: info.originalBytes,
			},
		};
	}

	const file = await readBinaryField(context, itemIndex, field);
	const image = await inspectImage(file.data, { asStored: true });
	const fail = (message: string, description: string) =>
		itemError(context.getNode(), itemIndex, { binaryField: field }, message, description);
	if (!image || !IMAGE_TYPES[image.format]) {
		throw fail(
			`The reference image is not a JPEG, PNG or WebP${image ? ` (it is ${image.format})` : ''}`,
			'Turn on "Auto-Fit Reference Image" to convert it, or convert it first.',
		);
	}
	if (image.width !== size.width || image.height !== size.height) {
		throw fail(
			`The reference image is ${image.width}x${image.height}, not ${target}`,
			`${INPAINT_HINT} Turn on "Auto-Fit Reference Image" to crop or pad it to ${target}, or fit it first with the Prepare Image for Video API node.`,
		);
	}
	return {
		kind: 'reference',
		inputReference: {
			data: file.data,
			fileName: file.fileName || `reference.${fileExtension(image.format)}`,
			contentType: IMAGE_TYPES[image.format],
		},
		info: { source: 'binary', autoFit: false, width: image.width, height: image.height, bytes: file.data.length, format: image.format },
	};
}

async function urlReference(context: IExecuteFunctions, itemIndex: number, size: Size): Promise<Reference> {
	const url = String(context.getNodeParameter('imageUrl', itemIndex, '') ?? '').trim();
	const fail = (message: string, description: string) =>
		itemError(context.getNode(), itemIndex, { field: 'Image URL' }, message, description);
	const upload = context.getNodeParameter('imageUrlUpload', itemIndex, false) as boolean;
	if (upload && /^https?:\/\/[^\s/]+\S*$/i.test(url)) {
		return await uploadedReference(context, itemIndex, await fetchImage(context, itemIndex, url), size, {
			source: 'url',
			url,
			uploaded: true,
		});
	}
	if (/^https:\/\/[^\s/]+\S*$/i.test(url)) {
		return { kind: 'reference', inputReference: { image_url: url }, info: { source: 'url', url }, byLink: true };
	}
	const data = /^data:(image\/(?:jpeg|png|webp));base64,([A-Za-z0-9+/]+={0,2})$/i.exec(url);
	if (!data) {
		throw fail(
			url ? 'The image URL is neither an https URL nor a base64 data URL' : 'No image URL given',
			'Give an https URL the API server can fetch, or a data URL (data:image/jpeg;base64,...). For a file from an earlier node, choose "Binary Image From Input" instead.',
		);
	}
	if (upload)
		return await uploadedReference(context, itemIndex, Buffer.from(data[2], 'base64'), size, { source: 'data_url', uploaded: true });
	if (url.length > IMAGE_URL_MAX_CHARS) {
		throw fail(
			`The data URL is ${url.length} characters long`,
			`The API takes at most ${IMAGE_URL_MAX_CHARS}. Use "Binary Image From Input" with Auto-Fit.`,
		);
	}
	const image = await inspectImage(Buffer.from(data[2], 'base64'), { asStored: true });
	if (!image) throw fail('The data URL does not hold a readable image', 'Encode a JPEG, PNG or WebP image.');
	if (image.width !== size.width || image.height !== size.height) {
		throw fail(
			`The image in the data URL is ${image.width}x${image.height}, not ${sizeKey(size)}`,
			`${INPAINT_HINT} Use "Binary Image From Input" with Auto-Fit on, which fits it for you.`,
		);
	}
	return {
		kind: 'reference',
		inputReference: { image_url: url },
		info: { source: 'data_url', width: image.width, height: image.height },
		byLink: true,
	};
}

/** An image from a URL sent as a file: fitted to exactly `size` under the default byte cap, as Auto-Fit does. */
async function uploadedReference(
	context: IExecuteFunctions,
	itemIndex: number,
	data: Buffer,
	size: Size,
	about: IDataObject,
): Promise<Reference> {
	let prepared: Awaited<ReturnType<typeof prepareImage>>;
	try {
		prepared = await prepareImage(data, {
			target: size,
			fit: 'cover',
			position: 'centre',
			format: 'jpeg',
			maxBytes: DEFAULT_MAX_REFERENCE_KB * 1024,
		});
	} catch (error) {
		if (!(error instanceof ImageError)) throw error;
		throw itemError(context.getNode(), itemIndex, { field: 'Image URL' }, error.message, error.hint);
	}
	const { info } = prepared;
	return {
		kind: 'reference',
		inputReference: {
			data: prepared.data,
			fileName: `reference_${sizeKey(size)}.${fileExtension(info.format)}`,
			contentType: info.mimeType,
		},
		info: {
			...about,
			width: info.width,
			height: info.height,
			bytes: info.bytes,
			format: info.format,
			fit: info.fit,
			originalWidth: info.originalWidth,
			originalHeight: info.originalHeight,
		},
	};
}
