/**
 * Turns an item's image or video (a binary field or a URL) into a URI Runway takes, in two steps so every
 * local check (field present, an image, fits) happens before any request:
 * - a binary image, auto-fitted (on by default) to exactly the size the chosen ratio means with the image
 *   core and capped so its data URI stays under Runway's 5 MB limit; when even that cannot fit (or auto-fit
 *   is off and the raw file is too big), it goes through Runway's upload flow instead;
 * - a binary video, inline as a data URI up to 5 MB, else uploaded (up to 200 MB);
 * - a URL, checked the way Runway checks it (HTTPS on a domain, at most 2048 characters).
 *
 * What "the size the ratio means" is: a pixel ratio (1280:720) is that size; an aspect label (16:9, for
 * hailuo3) is that aspect at the model's default resolution (RUNWAY_ASPECT_SIZES); `adaptive`, `auto_*` and
 * models without a ratio follow the image, so the image keeps its own shape (scaled down only past Runway's
 * side limit). Always under the data-URI limit, or uploaded.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ImageError } from '../../shared/image/errors';
import type { CropPosition, Fit, PreparedImage } from '../../shared/image/prepareImage';
import { dataUriLength, fileExtension, inspectImage, prepareImage } from '../../shared/image/prepareImage';
import type { Size } from '../../shared/image/geometry';
import { baseName, readBinaryField } from '../../shared/n8n/binary';
import type { InputFile } from '../../shared/n8n/binary';
import { readMediaFile, VIDEO_FILE } from '../../shared/n8n/mediaFile';
import type { MediaKind, MediaType } from '../../shared/n8n/mediaFile';
import { DATA_URI_MAX_CHARS, RUNWAY_IMAGE_FORMATS, UPLOAD_MAX_BYTES } from '../models/check';
import { ratioSize } from '../models/ratios';
import { uploadEphemeral } from '../transport';
import { itemError } from '../../shared/n8n/itemError';

export interface FitSettings {
	autoFit: boolean;
	/** The model, for aspect labels that mean a model's own size. */
	model: string;
	/** The ratio sent ("1280:720", "16:9", "auto_720p"); undefined when the model takes none (the image keeps its shape). */
	ratio?: string;
	fit: Fit;
	position: CropPosition;
	/** 'auto': inline as a data URI up to 5 MB, else upload; 'upload': always upload. */
	delivery: 'auto' | 'upload';
}

export interface ImageSource {
	/** How the UI names the image, e.g. "Image" or "Last Frame". */
	label: string;
	source: 'binary' | 'url';
	binaryField?: string;
	url?: string;
	/** The binary field's file, where it was read already (to learn the image's shape). */
	file?: InputFile;
}

export interface ResolvedImage {
	uri: string;
	/** What was sent, for the output item. */
	info: IDataObject;
}

/** A binary image made ready locally (read, checked, fitted), not sent anywhere yet. */
export interface PreparedBinary {
	data: Buffer;
	mimeType: string;
	fileName: string;
	info: IDataObject;
	fail: (message: string, hint: string) => Error;
}

/** The lowest JPEG quality used to fit the 5 MB data-URI limit; below it the image is uploaded at full quality instead. */
const INLINE_MIN_QUALITY = 70;
/** Runway's image side limit as third-party clients apply it (Runway's input docs); the image core's own cap is 8192. */
const MAX_SIDE = 7999;

/**
 * Reads and checks a binary image and, with auto-fit, makes it the ratio's exact size under the data-URI
 * cap (or, when that cannot be reached at a good quality, at full quality for an upload). No request.
 */
export async function prepareBinaryImage(
	context: IExecuteFunctions,
	itemIndex: number,
	image: ImageSource & { binaryField: string },
	settings: FitSettings,
): Promise<PreparedBinary> {
	const field = image.binaryField;
	const file = image.file ?? (await readBinaryField(context, itemIndex, field));
	const name = baseName(file.fileName, 'image');
	const fail = (message: string, hint: string) =>
		itemError(context.getNode(), itemIndex, { binaryField: field, label: image.label }, message, hint);

	if (!settings.autoFit) {
		const format = (await inspectImage(file.data))?.format;
		if (!format || !RUNWAY_IMAGE_FORMATS.includes(format)) {
			throw fail(
				`Runway takes JPEG, PNG or WebP images; this file is ${format ? format.toUpperCase() : 'not an image it can read'}`,
				'Turn on Auto-Fit Image (it converts the image to JPEG), or convert the file before this node.',
			);
		}
		if (file.data.length > UPLOAD_MAX_BYTES) {
			throw fail(
				`The image is ${(file.data.length / 1048576).toFixed(1)} MB, over Runway's 200 MB upload limit`,
				'Turn on Auto-Fit Image, or make the image smaller before this node.',
			);
		}
		return {
			data: file.data,
			mimeType: `image/${format}`,
			fileName: `${name}.${fileExtension(format)}`,
			info: { source: 'binary', binaryField: field, autoFit: false, format, bytes: file.data.length },
			fail,
		};
	}

	const target = ratioSize(settings.model, settings.ratio) ?? (await ownSize(file, fail));
	const options = { target, fit: settings.fit, position: settings.position, format: 'jpeg' as const };
	let prepared: PreparedImage;
	try {
		prepared =
			settings.delivery === 'upload'
				? await prepareImage(file.data, options)
				: await prepareImage(file.data, { ...options, maxBytes: DATA_URI_MAX_CHARS, countBase64: true, minQuality: INLINE_MIN_QUALITY });
	} catch (error) {
		if (!(error instanceof ImageError)) throw error;
		if (error.code !== 'CAP_UNREACHABLE') throw fail(error.message, error.hint);
		// Too big for a data URI even at the quality floor: keep the quality and upload it instead.
		try {
			prepared = await prepareImage(file.data, { ...options, maxBytes: UPLOAD_MAX_BYTES });
		} catch (again) {
			if (again instanceof ImageError) throw fail(again.message, again.hint);
			throw again;
		}
	}
	const { info } = prepared;
	return {
		data: prepared.data,
		mimeType: info.mimeType,
		fileName: `${name}_${info.width}x${info.height}.jpg`,
		info: {
			source: 'binary',
			binaryField: field,
			autoFit: true,
			originalWidth: info.originalWidth,
			originalHeight: info.originalHeight,
			originalBytes: info.originalBytes,
			width: info.width,
			height: info.height,
			format: info.format,
			quality: info.quality,
			bytes: info.bytes,
			fit: info.fit,
		},
		fail,
	};
}

/** Inline as a data URI when it fits Runway's 5 MB limit (and the user did not ask to upload), else upload. */
export async function deliverImage(
	context: IExecuteFunctions,
	itemIndex: number,
	image: PreparedBinary,
	delivery: FitSettings['delivery'],
): Promise<ResolvedImage> {
	const { data, mimeType, info } = image;
	if (delivery !== 'upload' && dataUriLength(data.length, mimeType) <= DATA_URI_MAX_CHARS) {
		return { uri: `data:${mimeType};base64,${data.toString('base64')}`, info: { ...info, delivery: 'dataUri' } };
	}
	if (data.length > UPLOAD_MAX_BYTES) {
		throw image.fail(
			`The file is ${(data.length / 1048576).toFixed(1)} MB, over Runway's 200 MB upload limit`,
			'Make it smaller before this node.',
		);
	}
	const uri = await uploadEphemeral(context, itemIndex, { data, fileName: image.fileName, mimeType });
	return { uri, info: { ...info, delivery: 'upload' } };
}

/** For models without a ratio: the image's own (oriented) size, scaled down only past Runway's side limit. */
async function ownSize(file: InputFile, fail: (message: string, hint: string) => Error): Promise<Size> {
	const inspected = await inspectImage(file.data);
	const { width, height } = inspected ?? { width: 0, height: 0 };
	if (!width || !height) {
		// prepareImage explains unreadable files; let it.
		try {
			await prepareImage(file.data, { target: { width: 1, height: 1 }, fit: 'fill' });
		} catch (error) {
			if (error instanceof ImageError) throw fail(error.message, error.hint);
		}
		throw fail('The image has no readable width and height', 'Re-export the image as JPEG or PNG.');
	}
	const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
	return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Reads and checks a binary video (an MP4, MOV or WebM container, at most 200 MB). No request. */
export async function prepareBinaryVideo(
	context: IExecuteFunctions,
	itemIndex: number,
	label: string,
	field: string,
): Promise<PreparedBinary> {
	return await prepareBinaryMedia(
		context,
		itemIndex,
		{ label, field },
		VIDEO_FILE,
		'Runway takes MP4, MOV or WebM videos. Pass a video file (e.g. from Read File or HTTP Request), or give a URL.',
	);
}

/** A binary image's file and its shape as shown (orientation applied); no size when it is not a readable image (prepareBinaryImage explains). */
export async function readBinaryImage(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
): Promise<{ file: InputFile; size: Size | undefined }> {
	const file = await readBinaryField(context, itemIndex, field);
	return { file, size: await inspectImage(file.data) };
}

/** An audio file Runway takes, by its first bytes: MP3, WAV, FLAC, AAC (ADTS) or M4A. */
function audioType(data: Buffer): MediaType | undefined {
	if (data.subarray(0, 3).toString('latin1') === 'ID3' || (data[0] === 0xff && (data[1] & 0xe6) === 0xe2))
		return { mimeType: 'audio/mpeg', extension: 'mp3' };
	if (data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WAVE')
		return { mimeType: 'audio/wav', extension: 'wav' };
	if (data.subarray(0, 4).toString('latin1') === 'fLaC') return { mimeType: 'audio/flac', extension: 'flac' };
	if (data[0] === 0xff && (data[1] & 0xf6) === 0xf0) return { mimeType: 'audio/aac', extension: 'aac' };
	if (data.subarray(4, 8).toString('latin1') === 'ftyp' && /^M4[AB]/.test(data.subarray(8, 12).toString('latin1')))
		return { mimeType: 'audio/mp4', extension: 'm4a' };
	return undefined;
}

const RUNWAY_AUDIO: MediaKind<MediaType> = {
	noun: 'audio',
	detect: audioType,
	wrongType: 'Runway takes MP3, WAV, FLAC, AAC or M4A audio; this file is none of them',
};

/** Reads and checks a binary audio file (MP3, WAV, FLAC, AAC or M4A, at most 200 MB). No request. */
export async function prepareBinaryAudio(
	context: IExecuteFunctions,
	itemIndex: number,
	label: string,
	field: string,
): Promise<PreparedBinary> {
	return await prepareBinaryMedia(
		context,
		itemIndex,
		{ label, field },
		RUNWAY_AUDIO,
		'Pass an audio file (e.g. from Read File or HTTP Request), or give a URL.',
	);
}

/** A binary video or audio file of a type Runway takes, within its upload limit. */
async function prepareBinaryMedia<T extends MediaType>(
	context: IExecuteFunctions,
	itemIndex: number,
	{ label, field }: { label: string; field: string },
	kind: MediaKind<T>,
	wrongTypeHint: string,
): Promise<PreparedBinary> {
	const place = { binaryField: field, label };
	const { file, type } = await readMediaFile(context, itemIndex, field, place, kind, {
		maxBytes: UPLOAD_MAX_BYTES,
		limitText: `Runway's ${UPLOAD_MAX_BYTES / 1048576} MB upload limit`,
		tooBigHint: 'Shorten or compress it before this node.',
		wrongTypeHint: () => wrongTypeHint,
	});
	return {
		data: file.data,
		mimeType: type.mimeType,
		fileName: `${baseName(file.fileName, kind.noun)}.${type.extension}`,
		info: { source: 'binary', binaryField: field, mimeType: type.mimeType, bytes: file.data.length },
		fail: (message: string, hint: string) => itemError(context.getNode(), itemIndex, place, message, hint),
	};
}
