/**
 * How the fake Sora reads a request: a header, and the body's fields from JSON or from a multipart form (the shared
 * parser in common/multipart.ts), objects the SDK flattens into bracket keys put back together.
 */
import type { FakeRequest } from './common/fakeServer';
import { parseMultipart } from './common/multipart';
import { ApiError, echo } from './soraErrors';
import type { SoraReceivedFile } from './soraTypes';

/** A multipart file part (a part with a filename), as a field value. */
export class FilePart {
	constructor(
		readonly filename: string,
		readonly contentType: string | undefined,
		readonly data: Buffer,
	) {}
}

/** An object sent in multipart as bracket keys (`input_reference[file_id]=...`). */
export class FormObject {
	[key: string]: unknown;
}

export function isFormObject(value: unknown): value is FormObject {
	return value instanceof FormObject;
}

export interface ParsedBody {
	encoding: 'json' | 'multipart';
	fields: Map<string, unknown>;
}

/** The body's fields, by name: JSON values, or multipart text (strings), file parts (FilePart) and bracket-key objects (FormObject). */
export function readFields(req: FakeRequest): ParsedBody {
	const contentType = header(req, 'content-type') ?? '';
	const mediaType = contentType.split(';')[0].trim().toLowerCase();
	if (mediaType === 'application/json') {
		if (req.json === null || typeof req.json !== 'object' || Array.isArray(req.json)) {
			throw new ApiError(
				400,
				"We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
			);
		}
		return { encoding: 'json', fields: new Map(Object.entries(req.json as Record<string, unknown>)) };
	}
	if (mediaType === 'multipart/form-data') {
		let parts: ReturnType<typeof parseMultipart>;
		try {
			parts = parseMultipart(req.body, contentType);
		} catch (error) {
			throw new ApiError(400, `Could not parse the multipart form: ${(error as Error).message}.`);
		}
		const fields = new Map<string, unknown>();
		for (const part of parts) {
			// A part without a filename is text, whatever its content type says.
			const value = part.filename ? new FilePart(part.filename, part.contentType, part.data) : part.data.toString('utf8');
			// The SDK flattens objects into bracket keys: `input_reference[image_url]`, `video[id]`.
			const nested = /^([^[\]]+)\[([^[\]]+)\]$/.exec(part.name);
			if (nested) {
				const [, name, key] = nested;
				const existing = fields.get(name);
				if (existing !== undefined && !isFormObject(existing)) {
					throw new ApiError(400, `Duplicate parameter: '${echo(name)}'.`, 'duplicate_parameter', name);
				}
				const object = (existing as FormObject | undefined) ?? new FormObject();
				if (Object.prototype.hasOwnProperty.call(object, key)) {
					throw new ApiError(400, `Duplicate parameter: '${echo(part.name)}'.`, 'duplicate_parameter', part.name);
				}
				object[key] = value;
				fields.set(name, object);
				continue;
			}
			if (part.name.includes('[') || part.name.includes(']')) {
				throw new ApiError(400, `Unknown parameter: '${echo(part.name)}'.`, 'unknown_parameter', part.name);
			}
			if (fields.has(part.name)) {
				throw new ApiError(400, `Duplicate parameter: '${echo(part.name)}'.`, 'duplicate_parameter', part.name);
			}
			fields.set(part.name, value);
		}
		return { encoding: 'multipart', fields };
	}
	throw new ApiError(
		400,
		`Invalid Content-Type header (${echo(contentType || 'none')}), expected multipart/form-data or application/json.`,
		'invalid_content_type',
	);
}

/** A request header's (first) value; `name` in lower case. */
export function header(req: FakeRequest, name: string): string | undefined {
	const value = req.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/** A field as a record keeps it: file parts as their name, type and size. */
export function received(value: unknown): unknown {
	if (isFormObject(value)) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, received(inner)]));
	if (!(value instanceof FilePart)) return value;
	const file: SoraReceivedFile = { filename: value.filename, contentType: value.contentType, bytes: value.data.length };
	return file;
}
