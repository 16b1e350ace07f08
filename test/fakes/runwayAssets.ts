/**
 * What the fake Runway refuses in the media a valid body names: data URIs (size, type, decodable), uploads
 * (completed, of the right kind) and URLs (https on a domain; not fetched).
 */
import { isIP } from 'node:net';
import sharp from 'sharp';

import { videoFacts } from './common/video';
import type { ImageRef } from './runwayChecks';
import { issue, type Issue } from './runwayIssues';
import { RUNWAY_LIMITS, RUNWAY_MEDIA_TYPES } from './runwayModels';
import type { FakeRunwayImage, FakeRunwayUpload } from './runwayTypes';

/** Asset checks on one media URI (a data URI, an upload's runway:// URI, an https URL); the media's facts, or the issue. */
export async function resolveImage(ref: ImageRef, uploads: ReadonlyMap<string, FakeRunwayUpload>): Promise<FakeRunwayImage | Issue> {
	const { uri, path } = ref;
	const field = String(path[0]);
	const { kind } = ref;
	const base = { path, kind, ...(ref.position ? { position: ref.position } : {}), chars: uri.length };
	const fail = (message: string): Issue => issue.custom(path, message);

	if (/^data:/i.test(uri)) {
		const max = RUNWAY_LIMITS.dataUriChars;
		if (uri.length > max) {
			return {
				code: 'too_big',
				origin: 'string',
				maximum: max,
				inclusive: true,
				path,
				message: `${field}: a data URI may be at most 5 MB (${max} characters); this one has ${uri.length}. Upload the file or pass an HTTPS URL instead.`,
			};
		}
		const match = /^data:([^,]*),(.*)$/s.exec(uri);
		if (!match) return fail('Invalid data URI.');
		const [mediaType, ...params] = match[1].split(';').map((p) => p.trim().toLowerCase());
		if (!RUNWAY_MEDIA_TYPES[kind].test(mediaType)) {
			return fail(
				`Unsupported asset type: "${mediaType}" (${field} takes ${kind === 'image' ? 'image/jpeg, image/png or image/webp' : `a ${kind} type`}).`,
			);
		}
		const data = match[2];
		if (!params.includes('base64') || data.length === 0 || data.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) {
			return fail('Invalid data URI.');
		}
		const bytes = Buffer.from(data, 'base64');
		if (kind !== 'image') {
			if (kind === 'video' && !isVideo(bytes)) return fail('Invalid data URI. The data is not a readable video.');
			return { ...base, source: 'dataUri', ...(kind === 'video' ? videoFacts(bytes) : {}), bytes: bytes.length };
		}
		const image = await readImage(bytes);
		if (!image) return fail('Invalid data URI. The data is not a readable JPEG, PNG or WebP image.');
		if (`image/${image.format}` !== mediaType) {
			return fail(`Unsupported asset type: the data URI says ${mediaType} but the data is ${image.format}.`);
		}
		return { ...base, source: 'dataUri', ...image, bytes: bytes.length };
	}

	if (uri.length > RUNWAY_LIMITS.urlChars) return fail(`Invalid URL: longer than ${RUNWAY_LIMITS.urlChars} characters.`);
	let url: URL;
	try {
		url = new URL(uri);
	} catch {
		return fail('Invalid URL');
	}
	if (url.protocol === 'runway:') {
		const upload = [...uploads.values()].find((u) => u.runwayUri === uri);
		if (!upload?.completed || !upload.data) return fail('Invalid runway:// URI: no completed upload has this URI.');
		if (kind === 'video') {
			if (!isVideo(upload.data)) return fail('Unsupported asset type: the uploaded file is not a readable video.');
			return { ...base, source: 'upload', ...videoFacts(upload.data), bytes: upload.data.length, uploadId: upload.id };
		}
		if (kind === 'audio') return { ...base, source: 'upload', bytes: upload.data.length, uploadId: upload.id };
		const image = await readImage(upload.data);
		if (!image || !['jpeg', 'png', 'webp'].includes(image.format)) {
			return fail('Unsupported asset type: the uploaded file is not a readable JPEG, PNG or WebP image.');
		}
		return { ...base, source: 'upload', ...image, bytes: upload.data.length, uploadId: upload.id };
	}
	if (url.protocol !== 'https:') return fail('Only HTTPS URLs are allowed.');
	const host = url.hostname.replace(/^\[|\]$/g, '');
	if (isIP(host) !== 0 || !host.includes('.')) return fail('URLs must be hosted on a domain.');
	return { ...base, source: 'url', url: uri };
}

/** Width, height and format of a fully decodable image; undefined when sharp cannot decode it. */
async function readImage(bytes: Buffer): Promise<{ width: number; height: number; format: string } | undefined> {
	try {
		const meta = await sharp(bytes).metadata();
		await sharp(bytes).stats();
		if (!meta.width || !meta.height || !meta.format) return undefined;
		return { width: meta.width, height: meta.height, format: meta.format };
	} catch {
		return undefined;
	}
}

/** An MP4 or QuickTime file (an ftyp box) or WebM (EBML). */
function isVideo(bytes: Buffer): boolean {
	return bytes.subarray(4, 8).toString('latin1') === 'ftyp' || bytes.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]));
}
