import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readBinaryField } from '../../shared/n8n/binary';
import type { FileUpload, VideoInput } from './bodies';
import { readVideoId } from './job';

const VIDEO_TYPES: Record<string, string> = { mp4: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm' };

/** The container a file's first bytes name: ISO media (MP4, MOV: `ftyp` at byte 4) or WebM (EBML), else undefined. */
export function videoContainer(data: Buffer): 'mp4' | 'mov' | 'webm' | undefined {
	if (data.subarray(4, 8).toString('latin1') === 'ftyp') return data.subarray(8, 10).toString('latin1') === 'qt' ? 'mov' : 'mp4';
	if (data.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]))) return 'webm';
	return undefined;
}

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
	const extension = container === 'mov' ? 'mov' : container;
	const fileName = /\.(mp4|mov|webm)$/i.test(file.fileName) ? file.fileName : `video.${extension}`;
	return { data: file.data, fileName, contentType: VIDEO_TYPES[container] };
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
