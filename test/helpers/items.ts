/** Input items for a node under test, as a trigger or an earlier node hands them on: the item's json and one file. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { binaryFromBuffer } from './executeContext';

export interface FileItemOptions {
	/** Default 'photo.jpg'. */
	fileName?: string;
	/** Default 'image/jpeg'. */
	mimeType?: string;
	/** The binary field that holds the file (default 'data'). */
	field?: string;
	/** The item's json (default {}), e.g. the chat a photo came from. */
	json?: IDataObject;
}

/** A video file as the tests name it: clip.mp4, video/mp4. */
export const CLIP_MP4: FileItemOptions = { fileName: 'clip.mp4', mimeType: 'video/mp4' };

/** An item carrying `data` as a file, stored where n8n's filesystem mode keeps binary data. */
export async function fileItem(data: Buffer, options: FileItemOptions = {}): Promise<INodeExecutionData> {
	const { fileName = 'photo.jpg', mimeType = 'image/jpeg', field = 'data', json = {} } = options;
	return { json: { ...json }, binary: { [field]: await binaryFromBuffer(data, fileName, mimeType) } };
}
