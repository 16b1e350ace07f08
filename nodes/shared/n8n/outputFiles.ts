/**
 * A job's output files as n8n binaries: the file name and MIME type each should get (from the URL's
 * extension, since signed URLs carry one), and the binary field each goes to. n8n-free.
 */

export interface OutputFile {
	url: string;
	qs?: Record<string, string>;
	/** Send the credential: only for the API's own content endpoint, never for a signed URL on another host. */
	credentialType?: string;
	/** The file name without extension, e.g. `runway-gen4_turbo-<id>`. */
	baseName: string;
	/** Used when the URL has no known extension (and the server sends no Content-Type). */
	defaultExtension?: string;
	/** A name the user chose, kept as it is. */
	fileName?: string;
	/** Facts for the item's download record, e.g. `{ variant: 'thumbnail' }`. */
	about?: Record<string, string>;
}

export const OUTPUT_TYPES: Record<string, string> = {
	mp4: 'video/mp4',
	mov: 'video/quicktime',
	webm: 'video/webm',
	zip: 'application/zip',
	wav: 'audio/wav',
	mp3: 'audio/mpeg',
	json: 'application/json',
	png: 'image/png',
	jpg: 'image/jpeg',
	webp: 'image/webp',
};

/** `data`, `data_1`, `data_2`...: the first file in the field the user named, the others beside it. */
export function outputBinaryNames(field: string, count: number): string[] {
	return Array.from({ length: count }, (_, index) => (index === 0 ? field : `${field}_${index}`));
}

/**
 * The file name and MIME type for a file: the URL path's extension when it is a known one, else the default.
 * Files after the first keep the URL's own last name part (e.g. `_audio`, `_colorimetry`) so they read apart.
 */
export function describeOutputFile(file: OutputFile): { fileName: string; mimeType: string; extension: string; guessed: boolean } {
	let path = '';
	try {
		path = new URL(file.url).pathname;
	} catch {
		path = '';
	}
	const last = decodeURIComponent(path.split('/').pop() ?? '');
	const match = /^(.*)\.([A-Za-z0-9]{1,5})$/.exec(last);
	const known = match && Object.prototype.hasOwnProperty.call(OUTPUT_TYPES, match[2].toLowerCase());
	const extension = known ? match[2].toLowerCase() : (file.defaultExtension ?? 'mp4');
	const suffix = known ? (/(_[A-Za-z][\w-]*)$/.exec(match[1])?.[1] ?? '') : '';
	return {
		fileName: file.fileName ?? `${file.baseName}${suffix}.${extension}`,
		mimeType: OUTPUT_TYPES[extension] ?? 'application/octet-stream',
		extension,
		// Neither the URL nor the user named the type: the server's Content-Type may correct the extension.
		guessed: !known && file.fileName === undefined,
	};
}

/** The extension for a MIME type the table knows, e.g. `image/png` -> `png`. */
export function extensionForType(mimeType: string): string | undefined {
	return Object.keys(OUTPUT_TYPES).find((extension) => OUTPUT_TYPES[extension] === mimeType);
}
