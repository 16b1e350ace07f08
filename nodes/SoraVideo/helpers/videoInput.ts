import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readMediaFile, VIDEO_FILE } from '../../shared/n8n/mediaFile';
import type { MediaFileRules } from '../../shared/n8n/mediaFile';
import type { FileUpload, VideoInput } from './bodies';
import { readVideoId } from './job';

/** The largest video file sent for Edit, Extend or Create Character (the request is built in memory). */
export const MAX_VIDEO_BYTES = 200 * 1024 * 1024;

const SORA_VIDEO_RULES: MediaFileRules = {
	maxBytes: MAX_VIDEO_BYTES,
	limitText: `the ${MAX_VIDEO_BYTES / 1048576} MB this node uploads`,
	tooBigHint: 'Shorten or compress it before this node, or pass the ID of a video made on the same server instead.',
	wrongTypeHint: (file) =>
		`It is ${file.mimeType || 'of an unknown type'}. Pass the video file itself, e.g. the output of a Sora Generate or Download, or an HTTP Request with response format File.`,
};

/** A video file for Edit, Extend or Create Character, sent as a file part with a name and a video content type. */
export async function readVideoUpload(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter = 'videoBinaryPropertyName',
): Promise<FileUpload> {
	const field = String(context.getNodeParameter(parameter, itemIndex, 'data') ?? '').trim() || 'data';
	const { file, type: container } = await readMediaFile(context, itemIndex, field, { binaryField: field }, VIDEO_FILE, SORA_VIDEO_RULES);
	const fileName = /\.(mp4|mov|webm)$/i.test(file.fileName) ? file.fileName : `video.${container.extension}`;
	return { data: file.data, fileName, contentType: container.mimeType };
}

/** The `video` of an Edit or Extend (by id, or a file), and what to report about it in the output. */
export async function readVideoInput(context: IExecuteFunctions, itemIndex: number): Promise<{ video: VideoInput; info: IDataObject }> {
	const source = context.getNodeParameter('videoSource', itemIndex, 'id') as string;
	if (source === 'binary') {
		const file = await readVideoUpload(context, itemIndex);
		return { video: file, info: { source: 'binary', fileName: file.fileName, mimeType: file.contentType, bytes: file.data.length } };
	}
	const id = readVideoId(context, itemIndex);
	return { video: { id }, info: { source: 'id', id } };
}
