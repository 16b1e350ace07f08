/**
 * A strict multipart/form-data parser for the fakes (RFC 7578 on top of RFC 2046): binary-safe,
 * CRLF delimiters, quoted header parameters. It throws on anything malformed so a fake can answer 400.
 */

export interface MultipartPart {
	name: string;
	/** Present when the part's Content-Disposition carries a filename (possibly empty). */
	filename?: string;
	/** The part's own Content-Type header, if it has one. */
	contentType?: string;
	data: Buffer;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
	const boundary = headerParams(contentType).boundary;
	if (!/^multipart\/form-data\s*(;|$)/i.test(contentType.trim())) {
		throw new Error(`Not multipart/form-data: ${contentType}`);
	}
	if (!boundary || boundary.length > 70) throw new Error('Missing or invalid multipart boundary');

	const delimiter = Buffer.from(`--${boundary}`);
	const innerDelimiter = Buffer.from(`\r\n--${boundary}`);
	// The first delimiter is at the very start or after a preamble ending in CRLF.
	let position = body.subarray(0, delimiter.length).equals(delimiter) ? 0 : body.indexOf(innerDelimiter);
	if (position < 0) throw new Error('Multipart body has no boundary delimiter');
	if (position > 0) position += CRLF.length;

	const parts: MultipartPart[] = [];
	for (;;) {
		let cursor = position + delimiter.length;
		if (body.subarray(cursor, cursor + 2).toString('latin1') === '--') return parts;
		// Transport padding (spaces, tabs) may follow a delimiter before its CRLF.
		while (body[cursor] === 0x20 || body[cursor] === 0x09) cursor++;
		if (!body.subarray(cursor, cursor + 2).equals(CRLF)) throw new Error('Malformed multipart delimiter line');
		cursor += CRLF.length;

		let headerBlock: string;
		let dataStart: number;
		if (body.subarray(cursor, cursor + 2).equals(CRLF)) {
			headerBlock = '';
			dataStart = cursor + 2;
		} else {
			const headerEnd = body.indexOf(HEADER_END, cursor);
			if (headerEnd < 0) throw new Error('Multipart part headers are not terminated');
			headerBlock = body.subarray(cursor, headerEnd).toString('utf8');
			dataStart = headerEnd + HEADER_END.length;
		}
		const next = body.indexOf(innerDelimiter, dataStart);
		if (next < 0) throw new Error('Multipart body is not terminated by a closing delimiter');
		parts.push(toPart(headerBlock, body.subarray(dataStart, next)));
		position = next + CRLF.length;
	}
}

function toPart(headerBlock: string, data: Buffer): MultipartPart {
	const headers = new Map<string, string>();
	for (const line of headerBlock.split('\r\n')) {
		if (line === '') continue;
		const colon = line.indexOf(':');
		if (colon <= 0) throw new Error(`Malformed multipart header: ${line}`);
		headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
	}
	const disposition = headers.get('content-disposition');
	if (!disposition || !/^form-data\s*(;|$)/i.test(disposition)) {
		throw new Error('Multipart part without Content-Disposition: form-data');
	}
	const params = headerParams(disposition);
	if (params.name === undefined) throw new Error('Multipart part without a name');
	const part: MultipartPart = { name: params.name, data: Buffer.from(data) };
	const filename = params['filename*'] !== undefined ? decodeExtended(params['filename*']) : params.filename;
	if (filename !== undefined) part.filename = filename;
	const type = headers.get('content-type');
	if (type !== undefined) part.contentType = type;
	return part;
}

/** `value; key=token; key="quoted \"string\""` -> { key: value } (keys lower-cased). */
function headerParams(header: string): Record<string, string> {
	const params: Record<string, string> = {};
	const pattern = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;]*))/g;
	let match: RegExpExecArray | null;
	while ((match = pattern.exec(header)) !== null) {
		const key = match[1].toLowerCase();
		params[key] = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3];
	}
	return params;
}

/** RFC 5987 `UTF-8''na%C3%AFve.png`. */
function decodeExtended(value: string): string {
	const match = /^([^']*)'[^']*'(.*)$/.exec(value);
	if (!match) return value;
	try {
		return decodeURIComponent(match[2]);
	} catch {
		return match[2];
	}
}
