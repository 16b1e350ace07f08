import type { IExecuteFunctions } from 'n8n-workflow';

import { videoContainer } from '../videoContainer';
import type { VideoContainer } from '../videoContainer';
import { readBinaryField, storedBytes } from './binary';
import type { InputFile } from './binary';
import { itemError } from './itemError';
import type { ItemPlace } from './itemError';

/** A file's type as a vendor takes it, by its first bytes. */
export interface MediaType {
	extension: string;
	mimeType: string;
}

/** What kind of file an input is: its name in messages and how its first bytes are recognised. */
export interface MediaKind<T extends MediaType> {
	/** "video", "audio": "The video is 250.0 MB, over ...". */
	noun: string;
	/** undefined when the bytes are none of the types the vendor takes. */
	detect: (data: Buffer) => T | undefined;
	/** The error for a file of another type. */
	wrongType: string;
}

export interface MediaFileRules {
	/** The largest file sent (the request is built in memory). */
	maxBytes: number;
	/** How the limit reads in an error, e.g. "Runway's 200 MB upload limit". */
	limitText: string;
	/** What to do with a file of another type. */
	wrongTypeHint: (file: InputFile) => string;
	/** What to do with a file over the limit. */
	tooBigHint: string;
}

export const VIDEO_FILE: MediaKind<VideoContainer> = {
	noun: 'video',
	detect: videoContainer,
	wrongType: 'The file is not an MP4, MOV or WebM video',
};

/**
 * A video or audio file from an item's binary field, checked before any request: at most `maxBytes` (judged from
 * what n8n stored before the file is read into memory), and of a type `kind` recognises by its first bytes.
 */
export async function readMediaFile<T extends MediaType>(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	place: ItemPlace,
	kind: MediaKind<T>,
	rules: MediaFileRules,
): Promise<{ file: InputFile; type: T }> {
	const tooBig = (bytes: number) =>
		itemError(
			context.getNode(),
			itemIndex,
			place,
			`The ${kind.noun} is ${(bytes / 1048576).toFixed(1)} MB, over ${rules.limitText}`,
			rules.tooBigHint,
		);
	const stored = await storedBytes(context, itemIndex, field);
	if (stored !== undefined && stored > rules.maxBytes) throw tooBig(stored);
	const file = await readBinaryField(context, itemIndex, field);
	if (file.data.length > rules.maxBytes) throw tooBig(file.data.length);
	const type = kind.detect(file.data);
	if (!type) throw itemError(context.getNode(), itemIndex, place, kind.wrongType, rules.wrongTypeHint(file));
	return { file, type };
}
