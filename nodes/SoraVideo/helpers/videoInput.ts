import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readBinaryField, storedBytes } from '../../shared/n8n/binary';
import { videoContainer } from '../../shared/videoContainer';
import type { FileUpload, VideoInput } from './bodies';
import { readVideoId } from './job';
import { itemError } from '../../shared/n8n/itemError';

/** The largest video file sent for Edit, Extend or Create Character (the request is built in memory). */
export const MAX_VIDEO_BYTES = 200 * 1024 * 1024;

/**
 * A video file from an item's binary field, checked before any request: the API takes MP4, MOV or WebM,
 * sent as a file part with a name and a video content type.
 */
export async function readVideoFile(context: IExecuteFunctions, itemIndex: number, parameter = 'videoBinaryPropertyName'): Promise<FileUpload> {
	const field = String(context.getNodeParameter(parameter, itemIndex, 'data') ?? '').trim() || 'data';
	// Checked before the file is read into memory (it is sent from memory): n8n knows the size of what it stored.
	const stored = await storedBytes.call(context, itemIndex, field);
	if (stored !== undefined && stored > MAX_VIDEO_BYTES) {
		throw itemError(
			context.getNode(),
			itemIndex,
			{ binaryField: field },
			`The video in "${field}" is ${(stored / 1048576).toFixed(1)} MB, over the ${MAX_VIDEO_BYTES / 1048576} MB this node uploads`,
			'Shorten or compress it before this node, or pass the ID of a video made on the same server instead.',
		);
	}
	const file = await readBinaryField.call(context, itemIndex, field);
	const container = videoContainer(file.data);
	if (!container) {
		throw itemError(
			context.getNode(),
			itemIndex,
			{ binaryField: field },
			`The file in "${field}" is not an MP4, MOV or WebM video`,
			`It is ${file.mimeType || 'of an unknown type'}. Pass the video file itself, e.g. the output of a Sora Generate or Download, or an HTTP Request with response format File.`,
		);
	}
	const fileName = /\.(mp4|mov|webm)$/i.test(file.fileName) ? file.fileName : `video.${container.extension}`;
	return { data: file.data, fileName, contentType: container.mimeType };
}

/** The `video` of an Edit or Extend (by id, or a file), and what to report about it in the output. */
export async function readVideoInput(context: IExecuteFunctions, itemIndex: number): Promise<{ video: VideoInput; info: IDataObject }> {
	const source = context.getNodeParameter('videoSource', itemIndex, 'id') as string;
	if (source === 'binary') {
		const file = await readVideoFile(context, itemIndex);
		return { video: file, info: { source: 'binary', fileName: file.fileName, mimeType: file.contentType, bytes: file.data.length } };
	}
	const id = readVideoId(context, itemIndex);
	return { video: { id }, info: { source: 'id', id } };
}
