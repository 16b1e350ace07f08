/** The output formats of the image core, their MIME types and file extensions. n8n-free. */

export type OutputFormat = 'jpeg' | 'webp' | 'png';

export const MIME_TYPES: Record<OutputFormat, string> = { jpeg: 'image/jpeg', webp: 'image/webp', png: 'image/png' };

/** The usual file extension of an image format ("jpeg" -> "jpg"). */
export function fileExtension(format: string): string {
	return format === 'jpeg' ? 'jpg' : format;
}

/** The length of a `data:` URI that carries `bytes` bytes of `mimeType`. */
export function dataUriLength(bytes: number, mimeType: string): number {
	return `data:${mimeType};base64,`.length + 4 * Math.ceil(bytes / 3);
}
