import { randomBytes } from 'node:crypto';

export type MultipartPart = { name: string; value: string } | { name: string; data: Buffer; fileName: string; contentType: string };

/**
 * A multipart/form-data body as one Buffer. The nodes build it themselves rather than passing a FormData
 * object, so the bytes on the wire do not depend on which copy of `form-data` n8n's request helper was
 * built with; the parts are small (a prepared image), so holding them in memory is fine.
 */
export function buildMultipart(parts: MultipartPart[]): { body: Buffer; contentType: string } {
	const boundary = `----n8nAiVideo${randomBytes(12).toString('hex')}`;
	const chunks: Buffer[] = [];
	for (const part of parts) {
		const name = escapeQuoted(part.name);
		if ('data' in part) {
			chunks.push(
				Buffer.from(
					`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${escapeQuoted(part.fileName)}"\r\n` +
						`Content-Type: ${part.contentType}\r\n\r\n`,
				),
				part.data,
				Buffer.from('\r\n'),
			);
		} else {
			chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${part.value}\r\n`));
		}
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function escapeQuoted(value: string): string {
	return value.replace(/[\r\n"]/g, (c) => encodeURIComponent(c));
}
