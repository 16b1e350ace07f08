/**
 * The fake OpenAI Videos API holds the contract (the `openai` SDK's videos types) over real HTTP: global
 * fetch, FormData and Blob, images made with sharp.
 */
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';

import { fakeVideoByte } from '../../fakes/common/fakeServer';
import { FAKE_SORA_KEY, soraErrorBody, startFakeSora, type FakeSora, type FakeSoraOptions } from '../../fakes/sora';

interface Res {
	status: number;
	headers: Headers;
	body: any;
}

interface CallOptions {
	json?: unknown;
	form?: FormData;
	raw?: { body: Buffer; contentType: string };
	headers?: Record<string, string>;
	/** Send the fake's key the way its authStyle wants (default true). */
	auth?: boolean;
	query?: string;
}

const fakes: FakeSora[] = [];

async function start(options?: FakeSoraOptions): Promise<FakeSora> {
	const fake = await startFakeSora(options);
	fakes.push(fake);
	return fake;
}

afterEach(async () => {
	await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

async function call(fake: FakeSora, method: string, path: string, options: CallOptions = {}): Promise<Res> {
	const headers: Record<string, string> = { ...options.headers };
	if (options.auth !== false) headers.authorization = `Bearer ${fake.apiKey}`;
	let body: NonNullable<Parameters<typeof fetch>[1]>['body'];
	if (options.json !== undefined) {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(options.json);
	} else if (options.form) {
		body = options.form;
	} else if (options.raw) {
		headers['content-type'] = options.raw.contentType;
		body = options.raw.body;
	}
	const response = await fetch(`${fake.baseUrl}${path}${options.query ?? ''}`, { method, headers, body });
	const text = await response.text();
	let parsed: unknown = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		// not JSON
	}
	return { status: response.status, headers: response.headers, body: parsed };
}

const create = (fake: FakeSora, json: Record<string, unknown>): Promise<Res> => call(fake, 'POST', '/videos', { json });
const poll = (fake: FakeSora, id: string): Promise<Res> => call(fake, 'GET', `/videos/${id}`);

async function createCompleted(fake: FakeSora, json: Record<string, unknown> = { prompt: 'A lighthouse at dusk' }): Promise<string> {
	const created = await create(fake, json);
	expect(created.status).toBe(200);
	for (let i = 0; i < 10; i++) {
		if ((await poll(fake, created.body.id)).body.status === 'completed') return created.body.id as string;
	}
	throw new Error('video never completed');
}

function expectError(res: Res, status: number, fields: { message?: string | RegExp; code?: string | null; param?: string | null }): void {
	expect(res.status).toBe(status);
	expect(Object.keys(res.body).sort()).toEqual(['error']);
	expect(Object.keys(res.body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
	expect(typeof res.body.error.type).toBe('string');
	if (fields.message instanceof RegExp) expect(res.body.error.message).toMatch(fields.message);
	else if (fields.message !== undefined) expect(res.body.error.message).toBe(fields.message);
	if (fields.code !== undefined) expect(res.body.error.code).toBe(fields.code);
	if (fields.param !== undefined) expect(res.body.error.param).toBe(fields.param);
}

async function image(width: number, height: number, format: 'png' | 'jpeg' | 'webp' | 'gif' = 'png'): Promise<Buffer> {
	return sharp({ create: { width, height, channels: 3, background: { r: 40, g: 120, b: 200 } } })
		.toFormat(format)
		.toBuffer();
}

function fileForm(fields: Record<string, string>, file?: { data: Buffer; type: string; filename: string; name?: string }): FormData {
	const form = new FormData();
	for (const [key, value] of Object.entries(fields)) form.append(key, value);
	if (file) form.append(file.name ?? 'input_reference', new Blob([file.data], { type: file.type }), file.filename);
	return form;
}

/** A hand-built multipart body, for parts FormData cannot express (no filename, no content type). */
function rawMultipart(parts: Array<{ name: string; filename?: string; contentType?: string; data: Buffer | string }>): {
	body: Buffer;
	contentType: string;
} {
	const boundary = `----fake-sora-${randomBytes(8).toString('hex')}`;
	const chunks: Buffer[] = [];
	for (const part of parts) {
		let head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`;
		if (part.filename !== undefined) head += `; filename="${part.filename}"`;
		head += '\r\n';
		if (part.contentType) head += `Content-Type: ${part.contentType}\r\n`;
		chunks.push(Buffer.from(`${head}\r\n`), Buffer.from(part.data), Buffer.from('\r\n'));
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

const VIDEO_FIELDS = [
	'completed_at',
	'created_at',
	'error',
	'expires_at',
	'id',
	'model',
	'object',
	'progress',
	'prompt',
	'remixed_from_video_id',
	'seconds',
	'size',
	'status',
].sort();

describe('authentication', () => {
	it('bearer: missing or wrong key -> 401 invalid_api_key without echoing any key', async () => {
		const fake = await start();
		expect(fake.apiKey).toBe(FAKE_SORA_KEY);
		const missing = await call(fake, 'GET', '/videos', { auth: false });
		expectError(missing, 401, { code: 'invalid_api_key' });

		const wrongKey = 'sk-wrong-secret-0123456789';
		const wrong = await call(fake, 'GET', '/videos', { auth: false, headers: { authorization: `Bearer ${wrongKey}` } });
		expectError(wrong, 401, { code: 'invalid_api_key', message: /Incorrect API key provided/ });
		const text = JSON.stringify(wrong.body);
		expect(text).not.toContain(wrongKey);
		expect(text).not.toContain(wrongKey.slice(-6));
		expect(text).not.toContain(FAKE_SORA_KEY);

		const azureStyle = await call(fake, 'GET', '/videos', { auth: false, headers: { 'api-key': fake.apiKey } });
		expectError(azureStyle, 401, { code: 'invalid_api_key' });

		expect((await call(fake, 'GET', '/videos')).status).toBe(200);
	});

	it('api-key style with a required api-version and an Azure-like prefix', async () => {
		const fake = await start({
			authStyle: 'api-key',
			apiKey: 'azure-fake-key',
			requiredQuery: { 'api-version': 'preview' },
			prefix: '/openai/v1',
		});
		expect(fake.baseUrl).toBe(`${fake.url}/openai/v1`);
		const good = { auth: false, headers: { 'api-key': 'azure-fake-key' } };

		expect((await call(fake, 'GET', '/videos', { ...good, query: '?api-version=preview' })).status).toBe(200);
		// Bearer alone is not the api-key header.
		const bearer = await call(fake, 'GET', '/videos', { query: '?api-version=preview' });
		expectError(bearer, 401, { code: 'invalid_api_key' });
		const wrongKey = await call(fake, 'GET', '/videos', { auth: false, headers: { 'api-key': 'nope' }, query: '?api-version=preview' });
		expectError(wrongKey, 401, { code: 'invalid_api_key' });
		expect(JSON.stringify(wrongKey.body)).not.toContain('azure-fake-key');

		expectError(await call(fake, 'GET', '/videos', good), 404, { message: 'Resource not found' });
		expectError(await call(fake, 'GET', '/videos', { ...good, query: '?api-version=2024-01-01' }), 400, {
			message: 'API version not supported',
		});
		// Without the gateway prefix there is no such URL.
		const noPrefix = await fetch(`${fake.url}/v1/videos?api-version=preview`, { headers: good.headers });
		expect(noPrefix.status).toBe(404);
		expect(((await noPrefix.json()) as any).error.message).toBe('Invalid URL (GET /v1/videos)');
	});

	it('records OpenAI-Organization and OpenAI-Project, and every reply carries x-request-id', async () => {
		const fake = await start();
		const res = await call(fake, 'POST', '/videos', {
			json: { prompt: 'A fox' },
			headers: { 'OpenAI-Organization': 'org-fake', 'OpenAI-Project': 'proj_fake' },
		});
		expect(res.status).toBe(200);
		expect(res.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]+$/);
		const record = fake.videos.get(res.body.id)!;
		expect(record.organization).toBe('org-fake');
		expect(record.project).toBe('proj_fake');
		expect((await call(fake, 'GET', '/videos', { auth: false })).headers.get('x-request-id')).toMatch(/^req_/);
	});
});

describe('POST /videos', () => {
	it('JSON with defaults returns a full Video object and is recorded', async () => {
		const fake = await start();
		const res = await create(fake, { prompt: 'A paper boat on a river' });
		expect(res.status).toBe(200);
		expect(Object.keys(res.body).sort()).toEqual(VIDEO_FIELDS);
		expect(res.body).toMatchObject({
			object: 'video',
			model: 'sora-2',
			status: 'queued',
			progress: 0,
			size: '720x1280',
			seconds: '4',
			prompt: 'A paper boat on a river',
			completed_at: null,
			expires_at: null,
			remixed_from_video_id: null,
			error: null,
		});
		expect(res.body.id).toMatch(/^video_/);
		expect(Number.isInteger(res.body.created_at)).toBe(true);
		expect(fake.creates).toBe(1);
		const record = fake.videos.get(res.body.id)!;
		expect(record.encoding).toBe('json');
		expect(record.fields).toEqual({ prompt: 'A paper boat on a river' });
	});

	it('multipart with every scalar as a string is accepted and recorded as multipart', async () => {
		const fake = await start();
		const form = fileForm({ prompt: 'Waves', model: 'sora-2-pro', size: '1792x1024', seconds: '8' });
		const res = await call(fake, 'POST', '/videos', { form });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ model: 'sora-2-pro', size: '1792x1024', seconds: '8' });
		const record = fake.videos.get(res.body.id)!;
		expect(record.encoding).toBe('multipart');
		expect(record.fields).toEqual({ prompt: 'Waves', model: 'sora-2-pro', size: '1792x1024', seconds: '8' });
	});

	it('seconds: a number is a type error, an unknown string a value error, 16/20 only with allowLongSeconds', async () => {
		const fake = await start();
		expectError(await create(fake, { prompt: 'x', seconds: 8 }), 400, {
			message: "Invalid type for 'seconds': expected one of '4', '8', or '12', but got an integer instead.",
			code: 'invalid_type',
			param: 'seconds',
		});
		expectError(await create(fake, { prompt: 'x', seconds: '10' }), 400, {
			message: "Invalid value: '10'. Supported values are: '4', '8', and '12'.",
			code: 'invalid_value',
			param: 'seconds',
		});
		expectError(await call(fake, 'POST', '/videos', { form: fileForm({ prompt: 'x', seconds: '10' }) }), 400, {
			message: "Invalid value: '10'. Supported values are: '4', '8', and '12'.",
			param: 'seconds',
		});
		for (const seconds of ['4', '8', '12']) {
			expect((await create(fake, { prompt: 'x', seconds })).body.seconds).toBe(seconds);
		}
		expect(fake.creates).toBe(3);
		expectError(await create(fake, { prompt: 'x', seconds: '16' }), 400, {
			message: "Invalid value: '16'. Supported values are: '4', '8', and '12'.",
		});

		const guide = await start({ allowLongSeconds: true });
		for (const seconds of ['16', '20']) expect((await create(guide, { prompt: 'x', seconds })).body.seconds).toBe(seconds);
	});

	it('size per model, snapshots, extra gateway models and unknown models', async () => {
		const fake = await start({ extraModels: ['veo-3-fast'] });
		expectError(await create(fake, { prompt: 'x', model: 'sora-2', size: '1024x1792' }), 400, {
			message: /^Model does not support this size/,
			param: 'size',
		});
		expectError(await create(fake, { prompt: 'x', size: '1792x1024' }), 400, { message: /^Model does not support this size/ });
		expectError(await create(fake, { prompt: 'x', model: 'sora-2-pro', size: '640x480' }), 400, {
			message: /^Invalid value: '640x480'\. Supported values are/,
			param: 'size',
		});
		for (const size of ['1280x720', '720x1280']) {
			expect((await create(fake, { prompt: 'x', model: 'sora-2', size })).status).toBe(200);
		}
		for (const size of ['1280x720', '720x1280', '1024x1792', '1792x1024']) {
			expect((await create(fake, { prompt: 'x', model: 'sora-2-pro', size })).status).toBe(200);
		}
		// 1080p is in OpenAI's guide, not its SDK: refused unless the server is told to take it.
		expectError(await create(fake, { prompt: 'x', model: 'sora-2-pro', size: '1920x1080' }), 400, {
			message: /^Invalid value: '1920x1080'/,
		});
		expect((await create(fake, { prompt: 'x', model: 'sora-2-2025-12-08', size: '1280x720' })).status).toBe(200);
		expect((await create(fake, { prompt: 'x', model: 'sora-2-pro-2025-10-06', size: '1024x1792' })).status).toBe(200);
		expect((await create(fake, { prompt: 'x', model: 'veo-3-fast', size: '1792x1024' })).body.model).toBe('veo-3-fast');
		expectError(await create(fake, { prompt: 'x', model: 'sora-3' }), 400, { code: 'model_not_found', param: 'model' });
		expectError(await create(fake, { prompt: 'x', size: 1280 }), 400, { code: 'invalid_type', param: 'size' });
		expect(fake.creates).toBe(9);

		const guide = await start({ allowGuideSizes: true, extraModels: ['veo-3-fast'] });
		expect((await create(guide, { prompt: 'x', model: 'sora-2-pro-2025-10-06', size: '1080x1920' })).status).toBe(200);
		expect((await create(guide, { prompt: 'x', model: 'veo-3-fast', size: '1920x1080' })).status).toBe(200);
		expectError(await create(guide, { prompt: 'x', model: 'sora-2', size: '1920x1080' }), 400, {
			message: /^Model does not support this size/,
		});
	});

	it('prompt is required, 1..32000 characters, a string; unknown parameters are refused', async () => {
		const fake = await start();
		expectError(await create(fake, {}), 400, { code: 'missing_required_parameter', param: 'prompt' });
		expectError(await create(fake, { prompt: '' }), 400, { code: 'string_below_min_length', param: 'prompt' });
		expectError(await create(fake, { prompt: 'a'.repeat(32001) }), 400, { code: 'string_above_max_length', param: 'prompt' });
		expectError(await create(fake, { prompt: 42 }), 400, { code: 'invalid_type', param: 'prompt' });
		expectError(await create(fake, { prompt: 'x', duration: 8 }), 400, { message: "Unknown parameter: 'duration'.", param: 'duration' });
		expect(fake.creates).toBe(0);
		expect((await create(fake, { prompt: 'a'.repeat(32000) })).status).toBe(200);
		expect(fake.creates).toBe(1);
	});

	it('refuses other content types and unparsable JSON', async () => {
		const fake = await start();
		expectError(await call(fake, 'POST', '/videos', { raw: { body: Buffer.from('prompt=x'), contentType: 'text/plain' } }), 400, {
			message: /Invalid Content-Type header/,
		});
		expectError(await call(fake, 'POST', '/videos', { raw: { body: Buffer.from('{"prompt":'), contentType: 'application/json' } }), 400, {
			message: /could not parse the JSON body/,
		});
		expect(fake.creates).toBe(0);
	});
});

describe('input_reference', () => {
	const TEXT_ERROR = "Invalid type for 'input_reference': expected a file, but got a string instead.";
	const INPAINT_ERROR = 'Inpaint image must match the requested width and height';

	it("a multipart text field (a URL, base64) is not a file; bracket keys are the SDK's objects", async () => {
		const fake = await start();
		const png = await image(720, 1280);
		for (const value of ['https://example.com/a.png', png.toString('base64')]) {
			const res = await call(fake, 'POST', '/videos', { form: fileForm({ prompt: 'x', input_reference: value }) });
			expectError(res, 400, { message: TEXT_ERROR, code: 'invalid_type', param: 'input_reference' });
		}
		expect(fake.creates).toBe(0);
		// What the openai SDK sends for `input_reference: {image_url}` / `{file_id}`: one text part per key.
		const byUrl = await call(fake, 'POST', '/videos', {
			form: fileForm({ prompt: 'x', 'input_reference[image_url]': 'https://example.com/a.png' }),
		});
		expect(byUrl.status).toBe(200);
		expect(fake.videos.get(byUrl.body.id)!.inputReference).toEqual({ source: 'image_url', url: 'https://example.com/a.png' });
		const byFile = await call(fake, 'POST', '/videos', { form: fileForm({ prompt: 'x', 'input_reference[file_id]': 'file-abc123' }) });
		expect(fake.videos.get(byFile.body.id)!.inputReference).toEqual({ source: 'file_id', fileId: 'file-abc123' });
		expect(fake.videos.get(byFile.body.id)!.fields).toEqual({ prompt: 'x', input_reference: { file_id: 'file-abc123' } });
		const both = await call(fake, 'POST', '/videos', {
			form: fileForm({ prompt: 'x', 'input_reference[file_id]': 'file-abc123', 'input_reference[image_url]': 'https://example.com/a.png' }),
		});
		expectError(both, 400, { message: "Invalid 'input_reference': expected exactly one of 'image_url' or 'file_id'." });
		const unknown = await call(fake, 'POST', '/videos', {
			form: fileForm({ prompt: 'x', 'input_reference[url]': 'https://example.com/a.png' }),
		});
		expectError(unknown, 400, { code: 'unknown_parameter', param: 'input_reference.url' });
		const deep = await call(fake, 'POST', '/videos', { form: fileForm({ prompt: 'x', 'input_reference[a][b]': 'c' }) });
		expectError(deep, 400, { code: 'unknown_parameter' });
		expect(fake.creates).toBe(2);
	});

	it('a file part needs a filename and an image content type', async () => {
		const fake = await start();
		const png = await image(720, 1280);
		const noFilename = rawMultipart([
			{ name: 'prompt', data: 'x' },
			{ name: 'input_reference', contentType: 'image/png', data: png },
		]);
		expectError(await call(fake, 'POST', '/videos', { raw: noFilename }), 400, { message: TEXT_ERROR, code: 'invalid_type' });
		const emptyFilename = rawMultipart([
			{ name: 'prompt', data: 'x' },
			{ name: 'input_reference', filename: '', contentType: 'image/png', data: png },
		]);
		expectError(await call(fake, 'POST', '/videos', { raw: emptyFilename }), 400, { message: TEXT_ERROR });
		const noType = rawMultipart([
			{ name: 'prompt', data: 'x' },
			{ name: 'input_reference', filename: 'ref.png', data: png },
		]);
		expectError(await call(fake, 'POST', '/videos', { raw: noType }), 400, { message: TEXT_ERROR });
		const octet = fileForm({ prompt: 'x' }, { data: png, type: 'application/octet-stream', filename: 'ref.png' });
		expectError(await call(fake, 'POST', '/videos', { form: octet }), 400, {
			message: /unsupported mimetype \('application\/octet-stream'\)/,
			param: 'input_reference',
		});
		// The same bytes, labelled properly, are accepted: the refusals above were about the labels.
		const good = rawMultipart([
			{ name: 'prompt', data: 'x' },
			{ name: 'input_reference', filename: 'ref.png', contentType: 'image/png', data: png },
		]);
		expect((await call(fake, 'POST', '/videos', { raw: good })).status).toBe(200);
		expect(fake.creates).toBe(1);
	});

	it('a wrong-size image gets the inpaint error; the right size is accepted and measured', async () => {
		const fake = await start();
		const wrong = fileForm({ prompt: 'x' }, { data: await image(1280, 720), type: 'image/png', filename: 'ref.png' });
		expectError(await call(fake, 'POST', '/videos', { form: wrong }), 400, { message: INPAINT_ERROR });
		const offByOne = fileForm({ prompt: 'x', size: '1280x720' }, { data: await image(1280, 719), type: 'image/png', filename: 'r.png' });
		expectError(await call(fake, 'POST', '/videos', { form: offByOne }), 400, { message: INPAINT_ERROR });

		const jpeg = await image(720, 1280, 'jpeg');
		const res = await call(fake, 'POST', '/videos', {
			form: fileForm({ prompt: 'x', model: 'sora-2' }, { data: jpeg, type: 'image/jpeg', filename: 'ref.jpg' }),
		});
		expect(res.status).toBe(200);
		const record = fake.videos.get(res.body.id)!;
		expect(record.inputReference).toEqual({
			source: 'file',
			filename: 'ref.jpg',
			contentType: 'image/jpeg',
			width: 720,
			height: 1280,
			format: 'jpeg',
			bytes: jpeg.length,
		});
		expect(record.fields.input_reference).toEqual({ filename: 'ref.jpg', contentType: 'image/jpeg', bytes: jpeg.length });

		const webp = await image(1792, 1024, 'webp');
		const pro = await call(fake, 'POST', '/videos', {
			form: fileForm({ prompt: 'x', model: 'sora-2-pro', size: '1792x1024' }, { data: webp, type: 'image/webp', filename: 'r.webp' }),
		});
		expect(pro.status).toBe(200);
		expect(fake.videos.get(pro.body.id)!.inputReference).toMatchObject({ width: 1792, height: 1024, format: 'webp' });
		expect(fake.creates).toBe(2);
	});

	it('undecodable bytes and non-JPEG/PNG/WebP images are refused', async () => {
		const fake = await start();
		const garbage = fileForm({ prompt: 'x' }, { data: randomBytes(4096), type: 'image/png', filename: 'ref.png' });
		expectError(await call(fake, 'POST', '/videos', { form: garbage }), 400, { code: 'invalid_image', param: 'input_reference' });
		const png = await image(720, 1280);
		const truncated = fileForm({ prompt: 'x' }, { data: png.subarray(0, png.length - 40), type: 'image/png', filename: 'ref.png' });
		expectError(await call(fake, 'POST', '/videos', { form: truncated }), 400, { code: 'invalid_image' });
		const gif = fileForm({ prompt: 'x' }, { data: await image(720, 1280, 'gif'), type: 'image/png', filename: 'ref.png' });
		expectError(await call(fake, 'POST', '/videos', { form: gif }), 400, { code: 'invalid_image_format' });
		expect(fake.creates).toBe(0);
	});

	it('JSON: an object with exactly one of image_url (https or data:) or file_id', async () => {
		const fake = await start();
		expectError(await create(fake, { prompt: 'x', input_reference: 'https://example.com/a.png' }), 400, {
			message: "Invalid type for 'input_reference': expected an object, but got a string instead.",
			code: 'invalid_type',
		});
		expectError(await create(fake, { prompt: 'x', input_reference: { image_url: 'https://e.com/a.png', file_id: 'file-1' } }), 400, {
			param: 'input_reference',
		});
		expectError(await create(fake, { prompt: 'x', input_reference: {} }), 400, { param: 'input_reference' });
		expectError(await create(fake, { prompt: 'x', input_reference: { url: 'https://e.com/a.png' } }), 400, {
			code: 'unknown_parameter',
		});
		expectError(await create(fake, { prompt: 'x', input_reference: { image_url: 'http://e.com/a.png' } }), 400, {
			param: 'input_reference.image_url',
		});

		const https = await create(fake, { prompt: 'x', input_reference: { image_url: 'https://example.com/ref.png' } });
		expect(https.status).toBe(200);
		expect(fake.videos.get(https.body.id)!.inputReference).toEqual({ source: 'image_url', url: 'https://example.com/ref.png' });
		const file = await create(fake, { prompt: 'x', input_reference: { file_id: 'file-abc123' } });
		expect(fake.videos.get(file.body.id)!.inputReference).toEqual({ source: 'file_id', fileId: 'file-abc123' });

		const wrong = `data:image/png;base64,${(await image(1280, 720)).toString('base64')}`;
		expectError(await create(fake, { prompt: 'x', input_reference: { image_url: wrong } }), 400, { message: INPAINT_ERROR });
		const notBase64 = 'data:image/png;base64,@@@@';
		expectError(await create(fake, { prompt: 'x', input_reference: { image_url: notBase64 } }), 400, {
			param: 'input_reference.image_url',
		});
		const png = await image(720, 1280);
		const right = await create(fake, { prompt: 'x', input_reference: { image_url: `data:image/png;base64,${png.toString('base64')}` } });
		expect(right.status).toBe(200);
		expect(fake.videos.get(right.body.id)!.inputReference).toEqual({
			source: 'data_url',
			contentType: 'image/png',
			width: 720,
			height: 1280,
			format: 'png',
			bytes: png.length,
		});
		expect(fake.creates).toBe(3);
	});

	it('an image_url longer than 20971520 characters is refused', async () => {
		const fake = await start({ maxBodyBytes: 32 * 1024 * 1024 });
		const long = `https://example.com/${'a'.repeat(20971520)}`;
		expectError(await create(fake, { prompt: 'x', input_reference: { image_url: long } }), 400, {
			code: 'string_above_max_length',
			param: 'input_reference.image_url',
		});
	});
});

describe('body size', () => {
	it('a body over maxBodyBytes gets 413 in the OpenAI envelope and creates nothing', async () => {
		// Noise does not compress: a 720x1280 PNG of it is about 2.7 MB.
		const noisy = await sharp(randomBytes(720 * 1280 * 3), { raw: { width: 720, height: 1280, channels: 3 } })
			.png()
			.toBuffer();
		expect(noisy.length).toBeGreaterThan(1024 * 1024);
		const form = (): FormData => fileForm({ prompt: 'x' }, { data: noisy, type: 'image/png', filename: 'ref.png' });

		const small = await start({ maxBodyBytes: 1024 * 1024 });
		const res = await call(small, 'POST', '/videos', { form: form() });
		expectError(res, 413, { message: 'Request Entity Too Large' });
		expect(small.creates).toBe(0);

		const roomy = await start();
		expect((await call(roomy, 'POST', '/videos', { form: form() })).status).toBe(200);
		expect(roomy.creates).toBe(1);
	});
});

describe('status sequence', () => {
	it('queued -> in_progress 50 -> completed 100, one step per retrieve, with openai-poll-after-ms', async () => {
		const fake = await start();
		const created = await create(fake, { prompt: 'x' });
		expect(created.body).toMatchObject({ status: 'queued', progress: 0 });
		expect(created.headers.get('openai-poll-after-ms')).toBeNull();

		const first = await poll(fake, created.body.id);
		expect(first.headers.get('openai-poll-after-ms')).toBe('1000');
		expect(first.body).toMatchObject({ status: 'in_progress', progress: 50, completed_at: null, expires_at: null });
		// Listing and viewing do not advance it.
		await call(fake, 'GET', '/videos');
		expect(fake.view(created.body.id)!.status).toBe('in_progress');

		const done = await poll(fake, created.body.id);
		expect(Object.keys(done.body).sort()).toEqual(VIDEO_FIELDS);
		expect(done.body).toMatchObject({ status: 'completed', progress: 100, error: null });
		expect(Number.isInteger(done.body.completed_at)).toBe(true);
		expect(done.body.expires_at).toBeGreaterThan(done.body.completed_at);
		const again = await poll(fake, created.body.id);
		expect(again.body).toMatchObject({ status: 'completed', completed_at: done.body.completed_at });
		expect(fake.videos.get(created.body.id)!.polls).toBe(3);
	});

	it('pollsPerStage and pollAfterMs', async () => {
		const fake = await start({ pollsPerStage: 3, pollAfterMs: 2500 });
		const { body } = await create(fake, { prompt: 'x' });
		const seen: string[] = [];
		for (let i = 0; i < 7; i++) {
			const res = await poll(fake, body.id);
			expect(res.headers.get('openai-poll-after-ms')).toBe('2500');
			seen.push(res.body.status);
		}
		expect(seen).toEqual(['queued', 'queued', 'in_progress', 'in_progress', 'in_progress', 'completed', 'completed']);
	});

	it('a scripted failure: 200 with status failed and moderation_blocked', async () => {
		const fake = await start();
		const error = { code: 'moderation_blocked', message: 'Your request was blocked by our moderation system.' };
		fake.script(['queued', { status: 'in_progress', progress: 40 }, { status: 'failed', error }]);
		const { body } = await create(fake, { prompt: 'x' });
		expect((await poll(fake, body.id)).body).toMatchObject({ status: 'in_progress', progress: 40 });
		const failed = await poll(fake, body.id);
		expect(failed.status).toBe(200);
		expect(failed.body).toMatchObject({ status: 'failed', progress: 40, error, completed_at: null });
		expectError(await call(fake, 'GET', `/videos/${body.id}/content`), 400, { code: 'video_failed' });

		// The script was for that one video; the next follows the default.
		const next = await create(fake, { prompt: 'y' });
		expect((await poll(fake, next.body.id)).body).toMatchObject({ status: 'in_progress', progress: 50 });
	});

	it('stuck at 99% for ever', async () => {
		const fake = await start();
		fake.script(['queued', { status: 'in_progress', progress: 99, forever: true }]);
		const { body } = await create(fake, { prompt: 'x' });
		for (let i = 0; i < 25; i++) {
			expect((await poll(fake, body.id)).body).toMatchObject({ status: 'in_progress', progress: 99 });
		}
		expectError(await call(fake, 'GET', `/videos/${body.id}/content`), 400, { code: 'video_not_ready' });
	});

	it('refuses scripts that cannot be followed', async () => {
		const fake = await start();
		expect(() => fake.script([])).toThrow();
		expect(() => fake.script(['completed', 'queued'])).toThrow();
		expect(() => fake.script(['queued', 'in_progress'])).toThrow();
		expect(() => fake.script([{ status: 'in_progress', forever: true }, 'completed'])).toThrow();
		expect(() => fake.script([{ status: 'in_progress', progress: 101, forever: true }])).toThrow();
	});

	it('unknown ids are 404', async () => {
		const fake = await start();
		expectError(await poll(fake, 'video_nope'), 404, { code: 'video_not_found' });
	});
});

describe('content', () => {
	it('is refused before completion and served per variant after', async () => {
		const fake = await start({ videoBytes: 300 * 1024 + 7 });
		const { body } = await create(fake, { prompt: 'x', model: 'sora-2-pro', size: '1792x1024' });
		const early = await call(fake, 'GET', `/videos/${body.id}/content`);
		expectError(early, 400, { code: 'video_not_ready' });
		await poll(fake, body.id);
		await poll(fake, body.id);

		const video = await fetch(`${fake.baseUrl}/videos/${body.id}/content`, {
			headers: { authorization: `Bearer ${fake.apiKey}`, accept: 'application/binary' },
		});
		expect(video.status).toBe(200);
		expect(video.headers.get('content-type')).toBe('video/mp4');
		expect(video.headers.get('content-length')).toBe(String(300 * 1024 + 7));
		const bytes = Buffer.from(await video.arrayBuffer());
		expect(bytes.length).toBe(300 * 1024 + 7);
		expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
		const seed = fake.videos.get(body.id)!.seed;
		for (const offset of [28, 1000, 200000, bytes.length - 1]) expect(bytes[offset]).toBe(fakeVideoByte(offset, seed));

		const explicit = await fetch(`${fake.baseUrl}/videos/${body.id}/content?variant=video`, {
			headers: { authorization: `Bearer ${fake.apiKey}` },
		});
		expect(Buffer.from(await explicit.arrayBuffer()).equals(bytes)).toBe(true);

		const thumb = await fetch(`${fake.baseUrl}/videos/${body.id}/content?variant=thumbnail`, {
			headers: { authorization: `Bearer ${fake.apiKey}` },
		});
		expect(thumb.headers.get('content-type')).toBe('image/webp');
		const thumbBytes = Buffer.from(await thumb.arrayBuffer());
		expect(thumb.headers.get('content-length')).toBe(String(thumbBytes.length));
		const thumbMeta = await sharp(thumbBytes).metadata();
		expect(thumbMeta.format).toBe('webp');
		expect(thumbMeta.width! / thumbMeta.height!).toBeCloseTo(1792 / 1024, 1);

		const sprite = await fetch(`${fake.baseUrl}/videos/${body.id}/content?variant=spritesheet`, {
			headers: { authorization: `Bearer ${fake.apiKey}` },
		});
		expect(sprite.headers.get('content-type')).toBe('image/jpeg');
		expect((await sharp(Buffer.from(await sprite.arrayBuffer())).metadata()).format).toBe('jpeg');

		expectError(await call(fake, 'GET', `/videos/${body.id}/content`, { query: '?variant=gif' }), 400, { param: 'variant' });
		expectError(await call(fake, 'GET', '/videos/video_nope/content'), 404, { code: 'video_not_found' });
		expectError(await call(fake, 'GET', `/videos/${body.id}/content`, { auth: false }), 401, { code: 'invalid_api_key' });
	});
});

describe('GET /videos', () => {
	it('pages with limit, order and after', async () => {
		const fake = await start();
		const ids: string[] = [];
		for (let i = 0; i < 5; i++) ids.push((await create(fake, { prompt: `video ${i}` })).body.id);
		const list = (query: string): Promise<Res> => call(fake, 'GET', '/videos', { query });

		const all = await list('');
		expect(all.body).toMatchObject({ object: 'list', has_more: false, first_id: ids[4], last_id: ids[0] });
		expect(all.body.data.map((v: any) => v.id)).toEqual([...ids].reverse());
		expect(Object.keys(all.body.data[0]).sort()).toEqual(VIDEO_FIELDS);

		const page1 = await list('?limit=2');
		expect(page1.body.data.map((v: any) => v.id)).toEqual([ids[4], ids[3]]);
		expect(page1.body).toMatchObject({ has_more: true, first_id: ids[4], last_id: ids[3] });
		const page2 = await list(`?limit=2&after=${page1.body.last_id}`);
		expect(page2.body.data.map((v: any) => v.id)).toEqual([ids[2], ids[1]]);
		expect(page2.body.has_more).toBe(true);
		const page3 = await list(`?limit=2&after=${page2.body.last_id}`);
		expect(page3.body.data.map((v: any) => v.id)).toEqual([ids[0]]);
		expect(page3.body.has_more).toBe(false);

		const asc = await list('?order=asc&limit=3');
		expect(asc.body.data.map((v: any) => v.id)).toEqual(ids.slice(0, 3));
		expect((await list(`?order=asc&after=${ids[3]}`)).body.data.map((v: any) => v.id)).toEqual([ids[4]]);

		const none = await list('?limit=0');
		expect(none.body).toEqual({ object: 'list', data: [], first_id: null, last_id: null, has_more: true });
		expect((await list('?limit=100')).status).toBe(200);
		expectError(await list('?limit=101'), 400, { param: 'limit' });
		expectError(await list('?limit=-1'), 400, { param: 'limit' });
		expectError(await list('?limit=ten'), 400, { param: 'limit' });
		expectError(await list('?order=newest'), 400, { param: 'order' });
		expectError(await list('?after=video_nope'), 400, { param: 'after' });
	});
});

describe('DELETE /videos/{id}', () => {
	it('deletes only completed or failed videos; unknown ids are 404', async () => {
		const fake = await start();
		const { body } = await create(fake, { prompt: 'x' });
		expectError(await call(fake, 'DELETE', `/videos/${body.id}`), 400, { code: 'invalid_video_status' });
		await poll(fake, body.id);
		expectError(await call(fake, 'DELETE', `/videos/${body.id}`), 400, { code: 'invalid_video_status' });
		await poll(fake, body.id);
		const deleted = await call(fake, 'DELETE', `/videos/${body.id}`);
		expect(deleted.status).toBe(200);
		expect(deleted.body).toEqual({ id: body.id, object: 'video.deleted', deleted: true });
		expectError(await poll(fake, body.id), 404, { code: 'video_not_found' });
		expectError(await call(fake, 'GET', `/videos/${body.id}/content`), 404, {});
		expectError(await call(fake, 'DELETE', `/videos/${body.id}`), 404, {});
		expect((await call(fake, 'GET', '/videos')).body.data).toEqual([]);
		expectError(await call(fake, 'DELETE', '/videos/video_nope'), 404, { code: 'video_not_found' });

		fake.script(['queued', { status: 'failed', error: { code: 'moderation_blocked', message: 'Blocked.' } }]);
		const failed = await create(fake, { prompt: 'y' });
		await poll(fake, failed.body.id);
		expect((await call(fake, 'DELETE', `/videos/${failed.body.id}`)).body.deleted).toBe(true);
	});
});

describe('POST /videos/{id}/remix', () => {
	it('remixes a completed video, inheriting model, size and seconds', async () => {
		const fake = await start();
		const pending = await create(fake, { prompt: 'x' });
		expectError(await call(fake, 'POST', `/videos/${pending.body.id}/remix`, { json: { prompt: 'y' } }), 400, {
			code: 'invalid_video_status',
		});

		const source = await createCompleted(fake, { prompt: 'A red kite', model: 'sora-2-pro', size: '1024x1792', seconds: '8' });
		const remix = await call(fake, 'POST', `/videos/${source}/remix`, { json: { prompt: 'A blue kite' } });
		expect(remix.status).toBe(200);
		expect(Object.keys(remix.body).sort()).toEqual(VIDEO_FIELDS);
		expect(remix.body).toMatchObject({
			status: 'queued',
			prompt: 'A blue kite',
			model: 'sora-2-pro',
			size: '1024x1792',
			seconds: '8',
			remixed_from_video_id: source,
		});
		expect(remix.body.id).not.toBe(source);
		expect(fake.remixes).toBe(1);
		expect(fake.creates).toBe(2);
		expect(fake.videos.get(remix.body.id)).toMatchObject({ kind: 'remix', encoding: 'json', remixedFromVideoId: source });
		expect((await poll(fake, remix.body.id)).body.status).toBe('in_progress');

		const multipart = await call(fake, 'POST', `/videos/${source}/remix`, { form: fileForm({ prompt: 'A green kite' }) });
		expect(multipart.status).toBe(200);
		expect(fake.videos.get(multipart.body.id)!.encoding).toBe('multipart');
		expect(fake.remixes).toBe(2);

		expectError(await call(fake, 'POST', `/videos/${source}/remix`, { json: {} }), 400, { param: 'prompt' });
		expectError(await call(fake, 'POST', `/videos/${source}/remix`, { json: { prompt: 'z', seconds: '4' } }), 400, {
			code: 'unknown_parameter',
		});
		expectError(await call(fake, 'POST', '/videos/video_nope/remix', { json: { prompt: 'z' } }), 404, { code: 'video_not_found' });
		expect(fake.remixes).toBe(2);
	});

	it('other paths and methods are an OpenAI-style 404', async () => {
		const fake = await start();
		expectError(await call(fake, 'POST', '/videos/generations', { json: { prompt: 'x' } }), 404, {
			message: 'Invalid URL (POST /v1/videos/generations)',
		});
		expectError(await call(fake, 'PUT', '/videos'), 404, { message: 'Invalid URL (PUT /v1/videos)' });
	});
});

describe('faults via inject', () => {
	it('429 with Retry-After on create, then the create goes through', async () => {
		const fake = await start();
		fake.server.inject({
			kind: 'status',
			method: 'POST',
			path: '/v1/videos',
			status: 429,
			headers: { 'retry-after': '2' },
			body: soraErrorBody('Rate limit reached for requests', 'requests', 'rate_limit_exceeded'),
		});
		const limited = await create(fake, { prompt: 'x' });
		expectError(limited, 429, { code: 'rate_limit_exceeded' });
		expect(limited.headers.get('retry-after')).toBe('2');
		expect(fake.creates).toBe(0);
		expect(fake.videos.size).toBe(0);
		expect((await create(fake, { prompt: 'x' })).status).toBe(200);
		expect(fake.creates).toBe(1);
		expect(fake.server.count('POST', '/v1/videos')).toBe(2);
	});

	it('a 503 burst on retrieve does not advance the status', async () => {
		const fake = await start();
		const { body } = await create(fake, { prompt: 'x' });
		fake.server.inject({
			kind: 'status',
			method: 'GET',
			path: /^\/v1\/videos\/[^/]+$/,
			status: 503,
			times: 3,
			body: soraErrorBody("We're under heavy load", 'server_error', 'processing_error'),
		});
		for (let i = 0; i < 3; i++) expectError(await poll(fake, body.id), 503, { code: 'processing_error' });
		expect((await poll(fake, body.id)).body).toMatchObject({ status: 'in_progress', progress: 50 });
	});

	it('a dropped connection fails the request; the next one works', async () => {
		const fake = await start();
		const { body } = await create(fake, { prompt: 'x' });
		fake.server.inject({ kind: 'drop', method: 'GET', path: `/v1/videos/${body.id}` });
		await expect(poll(fake, body.id)).rejects.toThrow();
		expect(fake.videos.get(body.id)!.polls).toBe(0);
		expect((await poll(fake, body.id)).body.status).toBe('in_progress');
	});

	it('a truncated download announces the full length and stops short', async () => {
		const fake = await start({ videoBytes: 512 * 1024 });
		const id = await createCompleted(fake);
		fake.server.inject({ kind: 'truncate', path: `/v1/videos/${id}/content`, bytes: 100_000 });
		const res = await fetch(`${fake.baseUrl}/videos/${id}/content`, { headers: { authorization: `Bearer ${fake.apiKey}` } });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-length')).toBe(String(512 * 1024));
		const reader = res.body!.getReader();
		let received = 0;
		let failed = false;
		try {
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				received += value.length;
			}
		} catch {
			failed = true;
		}
		expect(failed).toBe(true);
		expect(received).toBe(100_000);

		const whole = await fetch(`${fake.baseUrl}/videos/${id}/content`, { headers: { authorization: `Bearer ${fake.apiKey}` } });
		expect((await whole.arrayBuffer()).byteLength).toBe(512 * 1024);
	});
});

/** An MP4 header and some bytes: enough for the fake's video-file check. */
function mp4(bytes = 4096): Buffer {
	const data = Buffer.alloc(bytes, 7);
	data.writeUInt32BE(24, 0);
	data.write('ftypisom', 4, 'latin1');
	return data;
}

describe('edits, extensions and characters', () => {
	it("edit by id (JSON or the SDK's video[id]) inherits the source; by upload takes a video file", async () => {
		const fake = await start();
		const source = await createCompleted(fake, { prompt: 'A lighthouse', model: 'sora-2-pro', size: '1792x1024', seconds: '8' });
		const json = await call(fake, 'POST', '/videos/edits', { json: { prompt: 'At night', video: { id: source } } });
		expect(json.status).toBe(200);
		expect(json.body).toMatchObject({
			object: 'video',
			status: 'queued',
			model: 'sora-2-pro',
			size: '1792x1024',
			seconds: '8',
			prompt: 'At night',
		});
		expect(fake.videos.get(json.body.id)).toMatchObject({ kind: 'edit', sourceVideoId: source, encoding: 'json' });
		const form = await call(fake, 'POST', '/videos/edits', { form: fileForm({ prompt: 'In snow', 'video[id]': source }) });
		expect(fake.videos.get(form.body.id)).toMatchObject({ kind: 'edit', sourceVideoId: source, encoding: 'multipart' });
		const upload = await call(fake, 'POST', '/videos/edits', {
			form: fileForm({ prompt: 'In rain' }, { name: 'video', data: mp4(), type: 'video/mp4', filename: 'clip.mp4' }),
		});
		expect(upload.status).toBe(200);
		expect(fake.videos.get(upload.body.id)!.videoUpload).toEqual({ filename: 'clip.mp4', contentType: 'video/mp4', bytes: 4096 });
		expect(fake.edits).toBe(3);
	});

	it('edit refusals: no video, a text video, an image as video, an unfinished or unknown source, extra fields', async () => {
		const fake = await start();
		expectError(await call(fake, 'POST', '/videos/edits', { json: { prompt: 'x' } }), 400, {
			code: 'missing_required_parameter',
			param: 'video',
		});
		expectError(await call(fake, 'POST', '/videos/edits', { form: fileForm({ prompt: 'x', video: 'video_1' }) }), 400, {
			code: 'invalid_type',
			param: 'video',
		});
		const png = await image(64, 64);
		expectError(
			await call(fake, 'POST', '/videos/edits', {
				form: fileForm({ prompt: 'x' }, { name: 'video', data: png, type: 'image/png', filename: 'a.png' }),
			}),
			400,
			{ code: 'unsupported_file_mimetype', param: 'video' },
		);
		expectError(
			await call(fake, 'POST', '/videos/edits', {
				form: fileForm({ prompt: 'x' }, { name: 'video', data: png, type: 'video/mp4', filename: 'a.mp4' }),
			}),
			400,
			{ code: 'invalid_video', param: 'video' },
		);
		const queued = (await create(fake, { prompt: 'x' })).body.id as string;
		expectError(await call(fake, 'POST', '/videos/edits', { json: { prompt: 'x', video: { id: queued } } }), 400, {
			code: 'invalid_video_status',
			param: 'video.id',
		});
		expectError(await call(fake, 'POST', '/videos/edits', { json: { prompt: 'x', video: { id: 'video_nope' } } }), 404, {
			code: 'video_not_found',
		});
		expectError(await call(fake, 'POST', '/videos/edits', { json: { prompt: 'x', video: { id: queued }, model: 'sora-2' } }), 400, {
			code: 'unknown_parameter',
			param: 'model',
		});
		expect(fake.edits).toBe(0);
	});

	it('extend needs prompt, seconds (a string of the enum) and video; its seconds is the stitched total', async () => {
		const fake = await start();
		const source = await createCompleted(fake, { prompt: 'A lighthouse', seconds: '8' });
		expectError(await call(fake, 'POST', '/videos/extensions', { json: { prompt: 'More', video: { id: source } } }), 400, {
			code: 'missing_required_parameter',
			param: 'seconds',
		});
		expectError(await call(fake, 'POST', '/videos/extensions', { json: { prompt: 'More', seconds: 4, video: { id: source } } }), 400, {
			code: 'invalid_type',
			param: 'seconds',
		});
		expectError(await call(fake, 'POST', '/videos/extensions', { json: { prompt: 'More', seconds: '16', video: { id: source } } }), 400, {
			param: 'seconds',
		});
		const extended = await call(fake, 'POST', '/videos/extensions', {
			form: fileForm({ prompt: 'More', seconds: '4', 'video[id]': source }),
		});
		expect(extended.status).toBe(200);
		expect(extended.body.seconds).toBe('12');
		expect(fake.videos.get(extended.body.id)).toMatchObject({ kind: 'extend', sourceVideoId: source });
		expect(fake.extensions).toBe(1);
	});

	it('characters: a name (1-80) and a video file; fetched by id; unknown ids are 404', async () => {
		const fake = await start();
		const made = await call(fake, 'POST', '/videos/characters', {
			form: fileForm({ name: 'Captain Fox' }, { name: 'video', data: mp4(), type: 'video/mp4', filename: 'fox.mp4' }),
		});
		expect(made.status).toBe(200);
		expect(Object.keys(made.body).sort()).toEqual(['created_at', 'id', 'name']);
		expect(made.body).toMatchObject({ name: 'Captain Fox' });
		expect(made.body.id).toMatch(/^char_/);
		const got = await call(fake, 'GET', `/videos/characters/${made.body.id}`);
		expect(got.body).toEqual(made.body);
		expectError(await call(fake, 'GET', '/videos/characters/char_nope'), 404, { code: 'character_not_found' });
		expectError(
			await call(fake, 'POST', '/videos/characters', {
				form: fileForm({ name: 'x'.repeat(81) }, { name: 'video', data: mp4(), type: 'video/mp4', filename: 'fox.mp4' }),
			}),
			400,
			{ param: 'name' },
		);
		expectError(await call(fake, 'POST', '/videos/characters', { form: fileForm({ name: 'Fox', video: 'video_1' }) }), 400, {
			code: 'invalid_type',
			param: 'video',
		});
		expect(fake.characters.size).toBe(1);
	});
});

describe('models and gateway headers', () => {
	it("GET /models lists the gateway's models; with models: null there is no such route", async () => {
		const fake = await start({ extraModels: ['veo-3-fast'] });
		const listed = await call(fake, 'GET', '/models');
		expect(listed.body.object).toBe('list');
		expect(listed.body.data.map((m: { id: string }) => m.id)).toEqual([
			'veo-3-fast',
			'gpt-4.1-mini',
			'sora-2',
			'sora-2-2025-10-06',
			'sora-2-2025-12-08',
			'sora-2-pro',
			'sora-2-pro-2025-10-06',
		]);
		const none = await start({ models: null });
		expectError(await call(none, 'GET', '/models'), 404, { message: 'Invalid URL (GET /v1/models)' });
	});

	it('a gateway header that is missing or wrong is a 401 before the key is looked at', async () => {
		const fake = await start({ requiredHeaders: { 'cf-aig-authorization': 'Bearer cf-token-123456' } });
		expectError(await call(fake, 'GET', '/videos'), 401, { message: 'Unauthorized: missing cf-aig-authorization header.' });
		expectError(await call(fake, 'GET', '/videos', { headers: { 'cf-aig-authorization': 'Bearer other' } }), 401, {
			message: 'Unauthorized: invalid cf-aig-authorization header.',
		});
		expect((await call(fake, 'GET', '/videos', { headers: { 'cf-aig-authorization': 'Bearer cf-token-123456' } })).status).toBe(200);
	});
});
