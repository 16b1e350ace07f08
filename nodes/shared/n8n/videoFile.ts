import type { IExecuteFunctions } from 'n8n-workflow';

import { videoContainer } from '../videoContainer';
import type { VideoContainer } from '../videoContainer';
import { readBinaryField, storedBytes } from './binary';
import type { InputFile } from './binary';
import { itemError } from './itemError';
import type { ItemPlace } from './itemError';

export interface VideoFileRules {
	/** The largest file sent (the request is built in memory). */
	maxBytes: number;
	/** How the limit reads in an error, e.g. "Runway's 200 MB upload limit". */
	limitText: string;
	/** What to do with a file that is not a video. */
	notVideoHint: (file: InputFile) => string;
	/** What to do with a file over the limit. */
	tooBigHint: string;
}

/**
 * A video file from an item's binary field, checked before any request: at most `maxBytes` (judged from what n8n
 * stored before the file is read into memory), and an MP4, MOV or WebM container by its first bytes.
 */
export async function readVideoFile(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	place: ItemPlace,
	rules: VideoFileRules,
): Promise<{ file: InputFile; container: VideoContainer }> {
	const tooBig = (bytes: number) =>
		itemError(context.getNode(), itemIndex, place, `The video is ${(bytes / 1048576).toFixed(1)} MB, over ${rules.limitText}`, rules.tooBigHint);
	const stored = await storedBytes(context, itemIndex, field);
	if (stored !== undefined && stored > rules.maxBytes) throw tooBig(stored);
	const file = await readBinaryField(context, itemIndex, field);
	if (file.data.length > rules.maxBytes) throw tooBig(file.data.length);
	const container = videoContainer(file.data);
	if (!container) throw itemError(context.getNode(), itemIndex, place, 'The file is not an MP4, MOV or WebM video', rules.notVideoHint(file));
	return { file, container };
}
