import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readBinaryField } from '../../shared/n8n/binary';
import { videoContainer } from '../../shared/videoContainer';
import type { FileUpload, VideoInput } from './bodies';
import { readVideoId } from './job';

/**
 * A video file from an item's binary field, checked before any request: the API takes MP4, MOV or WebM,
 * sent as a file part with a name and a video content type.
 */
export async function readVideoFile(context: IExecuteFunctions, itemIndex: number, parameter = 'videoBinaryPropertyName'): Promise<FileUpload> {
	const field = String(context.getNodeParameter(parameter, itemIndex, 'data') ?? '').trim() || 'data';
	const file = await readBinaryField.call(context, itemIndex, field);
	const container = videoContainer(file.data);
	if (!container) {
		throw new NodeOperationError(context.getNode(), `The file in "${field}" is not an MP4, MOV or WebM video (item ${itemIndex + 1}, binary field "${field}")`, {
			itemIndex,
			description: `It is ${file.mimeType || 'of an unknown type'}. Pass the video file itself, e.g. the output of a Sora Generate or Download, or an HTTP Request with response format File.`,
		});
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
