/**
 * Runway's ephemeral uploads: POST /v1/uploads hands out a presigned POST to an S3-like bucket, which the fake
 * serves too (outside the API, no Runway auth), answering the way S3 does, with XML errors.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';

import type { FakeRequest, Reply } from './common/fakeServer';
import { parseMultipart } from './common/multipart';
import { isObject } from './runwayChecks';
import { invalid, issue, type Issue } from './runwayIssues';
import type { FakeRunwayUpload } from './runwayTypes';

/** Where the bucket takes its POSTs: `<server url>/upload-bucket/<upload id>`. */
export const BUCKET_PATH = '/upload-bucket';

/** POST /v1/uploads: a presigned POST (URL and fields) to the bucket below, and the runway:// URI the file will have. */
export function startUpload(req: FakeRequest, uploads: Map<string, FakeRunwayUpload>, limitBytes: number, serverUrl: string): Reply {
	const body = req.json;
	if (!isObject(body)) return invalid([issue.type([], 'object', body)]);
	const issues: Issue[] = [];
	const unknown = Object.keys(body).filter((k) => k !== 'filename' && k !== 'type');
	if (unknown.length > 0) issues.push(issue.unrecognized([], unknown));
	const filename = body.filename;
	if (typeof filename !== 'string') issues.push(issue.type(['filename'], 'string', filename));
	else if (!/^[^/\\]+\.[A-Za-z0-9]+$/.test(filename)) {
		issues.push(issue.custom(['filename'], 'The filename must be a file name with an extension, e.g. image.png.'));
	}
	if (body.type !== 'ephemeral') issues.push(issue.option(['type'], ['ephemeral']));
	if (issues.length > 0) return invalid(issues);

	const id = randomUUID();
	const date = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
	const fields: Record<string, string> = {
		key: `ephemeral/${id}/${filename as string}`,
		policy: Buffer.from(
			JSON.stringify({ expiration: new Date(Date.now() + 3600_000).toISOString(), conditions: [['content-length-range', 1, limitBytes]] }),
		).toString('base64'),
		'x-amz-algorithm': 'AWS4-HMAC-SHA256',
		'x-amz-credential': `AKIAFAKERUNWAY/${date.slice(0, 8)}/us-east-1/s3/aws4_request`,
		'x-amz-date': date,
		'x-amz-signature': randomBytes(32).toString('hex'),
	};
	const upload: FakeRunwayUpload = { id, filename: filename as string, runwayUri: `runway://upload/${id}`, fields, completed: false };
	uploads.set(id, upload);
	return { status: 200, json: { uploadUrl: `${serverUrl}${BUCKET_PATH}/${id}`, fields, runwayUri: upload.runwayUri } };
}

/** The presigned POST, answered the way S3 answers one. */
export function receiveUpload(req: FakeRequest, uploads: Map<string, FakeRunwayUpload>, limitBytes: number): Reply {
	const upload = uploads.get(req.params.id);
	if (!upload) return s3Error(403, 'AccessDenied', 'Invalid according to Policy: Policy Condition failed: ["eq", "$key", ...]');
	if (req.headers.authorization !== undefined) {
		return s3Error(
			400,
			'InvalidArgument',
			'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
		);
	}
	const contentType = req.headers['content-type'] ?? '';
	if (!/^multipart\/form-data/i.test(contentType)) {
		return s3Error(412, 'PreconditionFailed', 'Bucket POST must be of the enclosure-type multipart/form-data');
	}
	let parts: ReturnType<typeof parseMultipart>;
	try {
		parts = parseMultipart(req.body, contentType);
	} catch {
		return s3Error(400, 'MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data.');
	}
	const files = parts.filter((p) => p.name === 'file');
	if (files.length !== 1) return s3Error(400, 'InvalidArgument', 'POST requires exactly one file upload per request.');
	if (parts[parts.length - 1].name !== 'file') {
		return s3Error(400, 'InvalidArgument', 'The file must be the last part of the form; S3 ignores every field after it.');
	}
	const sent = new Map(parts.slice(0, -1).map((p) => [p.name.toLowerCase(), p.data.toString('utf8')]));
	for (const [name, value] of Object.entries(upload.fields)) {
		if (!sent.has(name)) return s3Error(400, 'InvalidArgument', `Bucket POST must contain a field named '${name}'.`);
		if (sent.get(name) !== value) {
			return s3Error(403, 'AccessDenied', `Invalid according to Policy: Policy Condition failed: ["eq", "$${name}", "${value}"]`);
		}
	}
	const extra = [...sent.keys()].filter((name) => name !== 'metadata' && !(name in upload.fields));
	if (extra.length > 0) return s3Error(403, 'AccessDenied', `Invalid according to Policy: Extra input fields: ${extra.join(', ')}`);
	const file = files[0];
	if (file.data.length > limitBytes) return s3Error(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
	if (file.data.length === 0) return s3Error(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size');
	upload.completed = true;
	upload.data = file.data;
	upload.contentType = file.contentType;
	upload.metadata = sent.get('metadata');
	return { status: 204 };
}

/** An S3 error answer (XML). */
export function s3Error(status: number, code: string, message: string): Reply {
	const escaped = message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
	const xml = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escaped}</Message></Error>`);
	return { status, headers: { 'content-type': 'application/xml' }, stream: Readable.from([xml]), length: xml.length };
}
