/**
 * The fake Runway server enforces the contract of the pinned @runwayml/sdk (runwayModels.ts reads it), over
 * real HTTP. The expected values below are written out from the SDK's types and JSDoc, not read from the fake's
 * table, so a wrong reading fails.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import sharp from 'sharp';

import { fakeVideoByte } from '../../fakes/common/fakeServer';
import { demoVideo } from '../../fakes/common/video';
import { parseMultipart } from '../../fakes/common/multipart';
import { FAKE_RUNWAY_KEY, NOT_ENOUGH_CREDITS, startFakeRunway, type FakeRunway, type FakeRunwayOptions } from '../../fakes/runway';

jest.setTimeout(30000);

interface Res {
	status: number;
	headers: Headers;
	text: string;
	json: any;
}

let fake: FakeRunway;
const extraFakes: FakeRunway[] = [];
let jpeg: Buffer;
let jpegUri: string;

async function start(options: FakeRunwayOptions): Promise<FakeRunway> {
	const started = await startFakeRunway(options);
	extraFakes.push(started);
	return started;
}

beforeAll(async () => {
	jpeg = await sharp({ create: { width: 64, height: 36, channels: 3, background: { r: 200, g: 40, b: 90 } } })
		.jpeg()
		.toBuffer();
	jpegUri = `data:image/jpeg;base64,${jpeg.toString('base64')}`;
});

beforeEach(async () => {
	fake = await startFakeRunway();
});

afterEach(async () => {
	await fake.close();
	await Promise.all(extraFakes.splice(0).map((f) => f.close()));
});

const API_HEADERS = { authorization: `Bearer ${FAKE_RUNWAY_KEY}`, 'x-runway-version': '2024-11-06' };

/** A request to `target` (a path on `fake`, or a full URL) with the API headers unless overridden (undefined removes one). */
async function call(
	method: string,
	target: string,
	options: { body?: unknown; raw?: string | Buffer; headers?: Record<string, string | undefined>; on?: FakeRunway } = {},
): Promise<Res> {
	const url = /^https?:/.test(target) ? target : (options.on ?? fake).baseUrl + target;
	const headers: Record<string, string | undefined> = {
		...API_HEADERS,
		...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
		...options.headers,
	};
	const response = await fetch(url, {
		method,
		headers: Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined)),
		body: options.raw ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
	});
	const text = await response.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json };
}

const post = (path: string, body: unknown, on?: FakeRunway): Promise<Res> => call('POST', path, { body, on });
const getTask = (id: string, on?: FakeRunway): Promise<Res> => call('GET', `/v1/tasks/${id}`, { on });

function issueAt(res: Res, path: Array<string | number>): any {
	expect(res.status).toBe(400);
	expect(res.json.error).toBe('Validation of body failed');
	expect(res.json.docUrl).toBe('https://docs.dev.runwayml.com/api');
	const found = (res.json.issues as any[]).find((i) => JSON.stringify(i.path) === JSON.stringify(path));
	if (!found) throw new Error(`No issue at ${JSON.stringify(path)} in ${res.text}`);
	return found;
}

async function createTask(on?: FakeRunway): Promise<string> {
	const res = await post('/v1/image_to_video', { model: 'gen4_turbo', promptImage: jpegUri, ratio: '1280:720' }, on);
	expect(res.status).toBe(200);
	return res.json.id as string;
}

async function statuses(id: string, polls: number, on?: FakeRunway): Promise<string[]> {
	const seen: string[] = [];
	for (let i = 0; i < polls; i++) seen.push((await getTask(id, on)).json.status);
	return seen;
}

describe('auth, version header and JSON bodies', () => {
	test('401 without a key or with a wrong key, never echoing the key sent', async () => {
		const none = await call('GET', '/v1/organization', { headers: { authorization: undefined } });
		expect(none.status).toBe(401);
		expect(typeof none.json.error).toBe('string');
		const wrongKey = `key_${'ab'.repeat(64)}`;
		const wrong = await call('GET', '/v1/organization', { headers: { authorization: `Bearer ${wrongKey}` } });
		expect(wrong.status).toBe(401);
		expect(wrong.text).not.toContain(wrongKey);
		expect((await call('GET', '/v1/organization', { headers: { authorization: FAKE_RUNWAY_KEY } })).status).toBe(401);
		expect((await call('POST', '/v1/image_to_video', { body: {}, headers: { authorization: undefined } })).status).toBe(401);
	});

	test('a custom apiKey option is the only key accepted', async () => {
		const key = `key_${'0123456789abcdef'.repeat(8)}`;
		const other = await start({ apiKey: key });
		expect(other.apiKey).toBe(key);
		expect((await call('GET', '/v1/organization', { on: other })).status).toBe(401);
		expect((await call('GET', '/v1/organization', { on: other, headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
	});

	test('400 naming X-Runway-Version when it is missing or not 2024-11-06', async () => {
		const missing = await call('GET', '/v1/organization', { headers: { 'x-runway-version': undefined } });
		expect(missing.status).toBe(400);
		expect(missing.json.error).toContain('X-Runway-Version');
		const old = await call('GET', '/v1/tasks/x', { headers: { 'x-runway-version': '2024-09-13' } });
		expect(old.status).toBe(400);
		expect(old.json.error).toContain('X-Runway-Version');
	});

	test('POST bodies must be JSON with Content-Type application/json', async () => {
		const body = JSON.stringify({ model: 'gen4_turbo', promptImage: jpegUri, ratio: '1280:720' });
		const plain = await call('POST', '/v1/image_to_video', { raw: body, headers: { 'content-type': 'text/plain' } });
		expect(plain.status).toBe(400);
		expect(plain.json.error).toContain('application/json');
		const broken = await call('POST', '/v1/image_to_video', { raw: '{"model":', headers: { 'content-type': 'application/json' } });
		expect(broken.status).toBe(400);
		const notObject = await call('POST', '/v1/image_to_video', { raw: '[1]', headers: { 'content-type': 'application/json' } });
		expect(issueAt(notObject, []).code).toBe('invalid_type');
		expect(fake.creates).toBe(0);
		expect(
			(await call('POST', '/v1/image_to_video', { raw: body, headers: { 'content-type': 'application/json; charset=utf-8' } })).status,
		).toBe(200);
		expect(fake.creates).toBe(1);
	});

	test('a prefix mounts the API under it; outputs and uploads stay at the root', async () => {
		const gw = await start({ prefix: 'runwayml/' });
		expect(gw.prefix).toBe('/runwayml');
		expect(gw.baseUrl).toBe(`${gw.url}/runwayml`);
		expect(gw.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect((await call('GET', `${gw.url}/v1/organization`)).status).toBe(404);
		expect((await call('GET', '/v1/organization', { on: gw })).status).toBe(200);
		const id = await createTask(gw);
		await statuses(id, 2, gw);
		const done = await getTask(id, gw);
		expect(done.json.output).toEqual([`${gw.url}/outputs/${id}.mp4`]);
		const upload = await post('/v1/uploads', { filename: 'a.jpg', type: 'ephemeral' }, gw);
		expect(upload.json.uploadUrl.startsWith(`${gw.url}/upload-bucket/`)).toBe(true);
	});
});

interface ModelCase {
	model: string;
	/** A valid body apart from model and promptImage. */
	base: Record<string, unknown>;
	required: string[];
	goodRatios: string[];
	badRatios: string[];
	goodDurations: unknown[];
	badDurations: unknown[];
	promptMax?: number;
	/** Whether an empty promptText is accepted. */
	emptyPrompt: boolean;
}

const IMAGE_CASES: ModelCase[] = [
	{
		model: 'gen4_turbo',
		base: { ratio: '1280:720' },
		required: ['promptImage', 'ratio'],
		goodRatios: ['720:1280', '1104:832', '832:1104', '960:960', '1584:672'],
		badRatios: ['1920:1080', '1280:768', '16:9'],
		// The SDK documents no bounds for gen4_turbo's duration: any whole number from 1.
		goodDurations: [1, 5, 7, 11],
		badDurations: [0, 5.5, '5'],
		promptMax: 1000,
		emptyPrompt: false,
	},
	{
		model: 'gen4.5',
		base: { ratio: '1280:720', duration: 5, promptText: 'a red kite over a beach' },
		required: ['promptImage', 'promptText', 'ratio', 'duration'],
		goodRatios: ['720:1280', '1104:832', '960:960', '832:1104', '1584:672'],
		badRatios: ['1080:1920', '640:640'],
		goodDurations: [2, 10],
		badDurations: [0, 11, 2.5],
		promptMax: 1000,
		emptyPrompt: false,
	},
	...['veo3.1', 'veo3.1_fast'].map((model): ModelCase => ({
		model,
		base: { ratio: '1920:1080' },
		required: ['promptImage', 'ratio'],
		goodRatios: ['1280:720', '720:1280', '1080:1920'],
		badRatios: ['1104:832', '1280:768'],
		goodDurations: [4, 6, 8],
		badDurations: [5, 10, 2],
		promptMax: 1000,
		emptyPrompt: false,
	})),
	{
		model: 'happyhorse_1_0',
		base: {},
		required: ['promptImage'],
		goodRatios: [],
		badRatios: ['1280:720'],
		goodDurations: [5, 10],
		badDurations: [0, 2.5, '5'],
		promptMax: 2500,
		// The fake reads every promptText as Zod's usual non-empty string.
		emptyPrompt: false,
	},
	{
		model: 'seedance2',
		base: {},
		required: ['promptImage'],
		goodRatios: ['992:432', '1280:720', '1920:1080', '3840:2160', '2160:3840'],
		badRatios: ['1584:672', '1104:832'],
		goodDurations: [4, 12, 'auto'],
		badDurations: [0, 4.5],
		promptMax: 3500,
		emptyPrompt: false,
	},
	...['seedance2_fast', 'seedance2_mini'].map((model): ModelCase => ({
		model,
		base: {},
		required: ['promptImage'],
		goodRatios: ['992:432', '640:640', '1280:720', '720:1280', '834:1112'],
		badRatios: ['1920:1080', '3840:2160', '2206:946'],
		goodDurations: [5],
		badDurations: [-1],
		promptMax: 3500,
		emptyPrompt: false,
	})),
	{
		model: 'gemini_omni_flash',
		base: {},
		required: ['promptImage'],
		goodRatios: ['1280:720', '720:1280'],
		badRatios: ['1080:1920', '960:960'],
		goodDurations: [3, 10],
		badDurations: [2, 11, 3.5],
		emptyPrompt: false,
	},
];

describe('POST /v1/image_to_video, per model', () => {
	test.each(IMAGE_CASES.map((c) => [c.model, c] as const))('%s: required fields, ratios, durations, promptText', async (_, c) => {
		const body = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
			model: c.model,
			promptImage: jpegUri,
			...c.base,
			...extra,
		});

		const ok = await post('/v1/image_to_video', body());
		expect(ok.status).toBe(200);
		expect(ok.json.id).toMatch(/^[0-9a-f-]{36}$/);
		const task = fake.tasks.get(ok.json.id)!;
		expect(task.model).toBe(c.model);
		expect(task.endpoint).toBe('image_to_video');
		expect(task.body).toEqual(body());
		expect(task.images).toEqual([
			expect.objectContaining({ source: 'dataUri', width: 64, height: 36, format: 'jpeg', bytes: jpeg.length, position: 'first' }),
		]);

		for (const field of c.required) {
			const without = body();
			delete without[field];
			issueAt(await post('/v1/image_to_video', without), [field]);
		}

		for (const ratio of c.goodRatios) expect([ratio, (await post('/v1/image_to_video', body({ ratio }))).status]).toEqual([ratio, 200]);
		for (const ratio of c.badRatios) {
			const res = await post('/v1/image_to_video', body({ ratio }));
			if (c.goodRatios.length === 0) {
				expect(issueAt(res, []).code).toBe('unrecognized_keys');
			} else {
				const found = issueAt(res, ['ratio']);
				expect(found.code).toBe('invalid_value');
				expect(found.message).toMatch(/^Invalid option: expected one of '[0-9]+:[0-9]+'\|/);
				for (const good of c.goodRatios) expect(found.message).toContain(`'${good}'`);
			}
		}

		for (const duration of c.goodDurations) {
			expect([duration, (await post('/v1/image_to_video', body({ duration }))).status]).toEqual([duration, 200]);
		}
		for (const duration of c.badDurations) issueAt(await post('/v1/image_to_video', body({ duration })), ['duration']);

		// UTF-16 code units: an emoji counts 2, so max/2 emoji fit and one more ASCII character does not.
		if (c.promptMax !== undefined) {
			const full = '😀'.repeat(c.promptMax / 2);
			expect((await post('/v1/image_to_video', body({ promptText: full }))).status).toBe(200);
			const over = issueAt(await post('/v1/image_to_video', body({ promptText: `${full}a` })), ['promptText']);
			expect(over).toMatchObject({ code: 'too_big', maximum: c.promptMax });
		} else {
			expect((await post('/v1/image_to_video', body({ promptText: 'x'.repeat(5000) }))).status).toBe(200);
		}
		const empty = await post('/v1/image_to_video', body({ promptText: '' }));
		if (c.emptyPrompt) expect(empty.status).toBe(200);
		else expect(issueAt(empty, ['promptText']).code).toBe('too_small');
		expect(issueAt(await post('/v1/image_to_video', body({ promptText: 42 })), ['promptText']).code).toBe('invalid_type');
	});

	test('an unknown model is a 400 listing the image models', async () => {
		const res = await post('/v1/image_to_video', { model: 'gen3a_turbo', promptImage: jpegUri, ratio: '1280:768' });
		const found = issueAt(res, ['model']);
		expect(found.code).toBe('invalid_value');
		expect(found.message).toContain("'gen4_turbo'");
		expect(found.message).not.toContain('gen3a_turbo');
		issueAt(await post('/v1/image_to_video', { promptImage: jpegUri, ratio: '1280:720' }), ['model']);
		expect(fake.creates).toBe(0);
	});

	test('seed is an integer 0..4294967295; contentModeration is {publicFigureThreshold?: auto|low}', async () => {
		const body = (extra: Record<string, unknown>): Record<string, unknown> => ({
			model: 'gen4_turbo',
			promptImage: jpegUri,
			ratio: '1280:720',
			...extra,
		});
		for (const seed of [0, 4294967295]) expect((await post('/v1/image_to_video', body({ seed }))).status).toBe(200);
		for (const seed of [-1, 4294967296, 1.5, '7']) issueAt(await post('/v1/image_to_video', body({ seed })), ['seed']);
		expect((await post('/v1/image_to_video', body({ contentModeration: { publicFigureThreshold: 'low' } }))).status).toBe(200);
		expect((await post('/v1/image_to_video', body({ contentModeration: {} }))).status).toBe(200);
		issueAt(await post('/v1/image_to_video', body({ contentModeration: { publicFigureThreshold: 'high' } })), [
			'contentModeration',
			'publicFigureThreshold',
		]);
		expect(issueAt(await post('/v1/image_to_video', body({ contentModeration: { strict: true } })), ['contentModeration']).code).toBe(
			'unrecognized_keys',
		);
		issueAt(await post('/v1/image_to_video', body({ contentModeration: 'low' })), ['contentModeration']);
	});

	test('fields a model does not take are rejected; typed extras are checked', async () => {
		const turbo = await post('/v1/image_to_video', { model: 'gen4_turbo', promptImage: jpegUri, ratio: '1280:720', audio: true });
		expect(issueAt(turbo, []).keys).toEqual(['audio']);
		const veo = { model: 'veo3.1', promptImage: jpegUri, ratio: '1280:720' };
		expect((await post('/v1/image_to_video', { ...veo, audio: false, negativePrompt: 'blur' })).status).toBe(200);
		issueAt(await post('/v1/image_to_video', { ...veo, audio: 'yes' }), ['audio']);
		expect((await post('/v1/image_to_video', { ...veo, seed: 1 })).status).toBe(200);
		issueAt(await post('/v1/image_to_video', { ...veo, outputFormat: 'prores' }), []);
		const horse = { model: 'happyhorse_1_0', promptImage: jpegUri };
		expect((await post('/v1/image_to_video', { ...horse, resolution: '1080p' })).status).toBe(200);
		expect((await post('/v1/image_to_video', { ...horse, resolution: '1080P' })).status).toBe(200);
		issueAt(await post('/v1/image_to_video', { ...horse, resolution: '4K' }), ['resolution']);
		const seed = { model: 'seedance2', promptImage: jpegUri };
		const audioRef = { type: 'audio', uri: 'https://cdn.example.com/a.mp3' };
		expect((await post('/v1/image_to_video', { ...seed, promptText: 'dance', referenceAudio: [audioRef] })).status).toBe(200);
		expect(issueAt(await post('/v1/image_to_video', { ...seed, referenceAudio: [audioRef] }), ['referenceAudio']).message).toContain(
			'text prompt',
		);
		issueAt(await post('/v1/image_to_video', { ...seed, promptText: 'x', referenceAudio: [{ type: 'video', uri: audioRef.uri }] }), [
			'referenceAudio',
			0,
			'type',
		]);
	});

	test('promptImage positions per model', async () => {
		const make = (model: string, promptImage: unknown, extra: Record<string, unknown> = {}): Promise<Res> =>
			post('/v1/image_to_video', { model, promptImage, ...extra });
		const first = { uri: jpegUri, position: 'first' };
		const last = { uri: jpegUri, position: 'last' };
		const turbo = { ratio: '1280:720' };

		expect((await make('gen4_turbo', [first], turbo)).status).toBe(200);
		issueAt(await make('gen4_turbo', [last], turbo), ['promptImage', 0, 'position']);
		issueAt(await make('gen4_turbo', [{ uri: jpegUri }], turbo), ['promptImage', 0, 'position']);
		issueAt(await make('gen4_turbo', [first, last], turbo), ['promptImage']);
		issueAt(await make('gen4_turbo', [], turbo), ['promptImage']);
		issueAt(await make('gen4_turbo', 42, turbo), ['promptImage']);
		issueAt(await make('gen4_turbo', [{ uri: 42, position: 'first' }], turbo), ['promptImage', 0, 'uri']);
		issueAt(await make('happyhorse_1_0', [last]), ['promptImage', 0, 'position']);

		const veo = { ratio: '1280:720' };
		const both = await make('veo3.1', [first, last], veo);
		expect(both.status).toBe(200);
		expect(fake.tasks.get(both.json.id)!.images.map((i) => [i.position, i.path])).toEqual([
			['first', ['promptImage', 0, 'uri']],
			['last', ['promptImage', 1, 'uri']],
		]);
		expect(issueAt(await make('veo3.1', [last], veo), ['promptImage']).message).toContain('only a last frame');
		issueAt(await make('veo3.1_fast', [first, first], veo), ['promptImage']);

		expect((await make('seedance2', [first, last])).status).toBe(200);
		const refs = await make('seedance2_mini', [{ uri: jpegUri }, { uri: jpegUri }, { uri: jpegUri }]);
		expect(refs.status).toBe(200);
		expect(fake.tasks.get(refs.json.id)!.images.every((i) => i.position === undefined)).toBe(true);
		expect(issueAt(await make('seedance2', [first, { uri: jpegUri }]), ['promptImage']).message).toContain('cannot be mixed');
		issueAt(
			await make(
				'seedance2',
				Array.from({ length: 31 }, () => ({ uri: jpegUri })),
			),
			['promptImage'],
		);
		expect((await make('h3_max', [first, last], { promptText: 'x' })).status).toBe(200);
	});
});

describe('POST /v1/text_to_video', () => {
	test('gen4_turbo is not a text-to-video model; each model keeps its own rules', async () => {
		const turbo = issueAt(await post('/v1/text_to_video', { model: 'gen4_turbo', promptText: 'a cat', ratio: '1280:720' }), ['model']);
		expect(turbo.message).not.toContain('gen4_turbo');
		expect(turbo.message).toContain("'gen4.5'");

		const gen45 = { model: 'gen4.5', promptText: 'a cat', ratio: '1280:720', duration: 5 };
		const ok = await post('/v1/text_to_video', gen45);
		expect(ok.status).toBe(200);
		expect(fake.tasks.get(ok.json.id)).toMatchObject({ endpoint: 'text_to_video', images: [] });
		expect(issueAt(await post('/v1/text_to_video', { ...gen45, ratio: '1104:832' }), ['ratio']).message).toBe(
			"Invalid option: expected one of '1280:720'|'720:1280'",
		);
		issueAt(await post('/v1/text_to_video', { ...gen45, duration: undefined }), ['duration']);
		issueAt(await post('/v1/text_to_video', { ...gen45, promptText: 'x'.repeat(1001) }), ['promptText']);
		expect(issueAt(await post('/v1/text_to_video', { ...gen45, promptImage: jpegUri }), []).keys).toEqual(['promptImage']);

		issueAt(await post('/v1/text_to_video', { model: 'veo3', promptText: 'a cat', ratio: '1280:720', duration: 8 }), ['model']);
		const hailuo = { model: 'hailuo3', promptText: 'a cat' };
		expect((await post('/v1/text_to_video', { ...hailuo, ratio: '21:9', resolution: '2k' })).status).toBe(200);
		issueAt(await post('/v1/text_to_video', { ...hailuo, ratio: '1280:720' }), ['ratio']);
		expect(
			(await post('/v1/text_to_video', { model: 'veo3.1', promptText: 'a cat', ratio: '1080:1920', duration: 4, audio: true })).status,
		).toBe(200);
		issueAt(await post('/v1/text_to_video', { model: 'veo3.1_fast', promptText: 'a cat' }), ['ratio']);

		const horse = { model: 'happyhorse_1_0', promptText: 'a horse' };
		expect((await post('/v1/text_to_video', { ...horse, ratio: '1108:832' })).status).toBe(200);
		issueAt(await post('/v1/text_to_video', { ...horse, ratio: '1104:832' }), ['ratio']);
		issueAt(await post('/v1/text_to_video', { ...horse, promptText: '' }), ['promptText']);
		expect((await post('/v1/text_to_video', { ...horse, promptText: 'y'.repeat(2500) })).status).toBe(200);
		issueAt(await post('/v1/text_to_video', { ...horse, promptText: 'y'.repeat(2501) }), ['promptText']);
		issueAt(await post('/v1/text_to_video', { model: 'happyhorse_1_0' }), ['promptText']);

		const seed = { model: 'seedance2_fast', promptText: 'dance' };
		const nine = Array.from({ length: 9 }, () => ({ uri: jpegUri }));
		const withRefs = await post('/v1/text_to_video', { ...seed, references: nine });
		expect(withRefs.status).toBe(200);
		expect(fake.tasks.get(withRefs.json.id)!.images).toHaveLength(9);
		issueAt(await post('/v1/text_to_video', { ...seed, references: Array.from({ length: 31 }, () => ({ uri: jpegUri })) }), ['references']);
		issueAt(await post('/v1/text_to_video', { ...seed, references: [{ uri: 'http://example.com/a.jpg' }] }), ['references', 0, 'uri']);
		issueAt(await post('/v1/text_to_video', { ...seed, ratio: '1920:1080' }), ['ratio']);
		expect((await post('/v1/text_to_video', { model: 'seedance2', promptText: 'dance', ratio: '1920:1080' })).status).toBe(200);
		expect(
			(await post('/v1/text_to_video', { ...seed, referenceVideos: [{ type: 'video', uri: 'https://cdn.example.com/v.mp4' }] })).status,
		).toBe(200);

		const gemini = { model: 'gemini_omni_flash', promptText: 'a cat' };
		expect((await post('/v1/text_to_video', { ...gemini, duration: 3 })).status).toBe(200);
		issueAt(await post('/v1/text_to_video', { ...gemini, duration: 11 }), ['duration']);
	});
});

describe('promptImage assets', () => {
	const create = (promptImage: string): Promise<Res> => post('/v1/image_to_video', { model: 'gen4_turbo', promptImage, ratio: '1280:720' });

	test('a data URI over 5 MB (5242880 characters, whole string) is rejected naming promptImage', async () => {
		const prefix = 'data:image/jpeg;base64,';
		const over = await create(prefix + 'A'.repeat(5 * 1024 * 1024 - prefix.length + 1));
		const found = issueAt(over, ['promptImage']);
		expect(found).toMatchObject({ code: 'too_big', maximum: 5242880 });
		expect(found.message).toContain('promptImage');
		expect(found.message).toContain('5 MB');
		// At exactly the limit the size is fine (this garbage then fails as an invalid data URI instead).
		const atLimit = issueAt(await create(prefix + 'A'.repeat(5 * 1024 * 1024 - prefix.length)), ['promptImage']);
		expect(atLimit.code).toBe('custom');
		expect(atLimit.message).toContain('Invalid data URI');
		expect(fake.creates).toBe(0);
	});

	test('a large real image just under the limit is accepted and measured', async () => {
		const size = 1100;
		const noise = randomBytes(size * size * 3);
		const png = await sharp(noise, { raw: { width: size, height: size, channels: 3 } })
			.png({ compressionLevel: 1 })
			.toBuffer();
		const uri = `data:image/png;base64,${png.toString('base64')}`;
		expect(uri.length).toBeGreaterThan(4 * 1024 * 1024);
		expect(uri.length).toBeLessThanOrEqual(5 * 1024 * 1024);
		const res = await create(uri);
		expect(res.status).toBe(200);
		expect(fake.tasks.get(res.json.id)!.images[0]).toMatchObject({
			source: 'dataUri',
			width: size,
			height: size,
			format: 'png',
			bytes: png.length,
			chars: uri.length,
		});
	});

	test('data URIs must state image/jpeg, png or webp, be base64, and decode to that image', async () => {
		const png = await sharp({ create: { width: 20, height: 10, channels: 3, background: 'blue' } })
			.png()
			.toBuffer();
		const webp = await sharp({ create: { width: 30, height: 40, channels: 3, background: 'green' } })
			.webp()
			.toBuffer();
		const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'red' } })
			.gif()
			.toBuffer();
		const okPng = await create(`data:image/png;base64,${png.toString('base64')}`);
		expect(okPng.status).toBe(200);
		expect(fake.tasks.get(okPng.json.id)!.images[0]).toMatchObject({ width: 20, height: 10, format: 'png' });
		const okWebp = await create(`data:image/webp;base64,${webp.toString('base64')}`);
		expect(fake.tasks.get(okWebp.json.id)!.images[0]).toMatchObject({ width: 30, height: 40, format: 'webp' });

		const reason = async (uri: string): Promise<string> => issueAt(await create(uri), ['promptImage']).message;
		expect(await reason(`data:image/gif;base64,${gif.toString('base64')}`)).toContain('Unsupported asset type');
		expect(await reason(`data:text/plain;base64,${Buffer.from('hello').toString('base64')}`)).toContain('Unsupported asset type');
		expect(await reason(`data:image/jpg;base64,${jpeg.toString('base64')}`)).toContain('Unsupported asset type');
		expect(await reason(`data:image/png;base64,${jpeg.toString('base64')}`)).toContain('Unsupported asset type');
		expect(await reason(`data:image/jpeg,${jpeg.toString('base64')}`)).toContain('Invalid data URI.');
		expect(await reason('data:image/jpeg;base64,@@@@')).toContain('Invalid data URI.');
		expect(await reason('data:image/jpeg;base64')).toContain('Invalid data URI.');
		expect(await reason(`data:image/jpeg;base64,${jpeg.subarray(0, jpeg.length >> 1).toString('base64')}`)).toContain('Invalid data URI.');
		expect(await reason(`data:image/jpeg;base64,${Buffer.from('not an image at all').toString('base64')}`)).toContain('Invalid data URI.');
		expect(fake.creates).toBe(2);
	});

	test('URLs: HTTPS on a domain, not fetched', async () => {
		const reason = async (uri: string): Promise<string> => issueAt(await create(uri), ['promptImage']).message;
		expect(await reason('http://example.com/cat.jpg')).toBe('Only HTTPS URLs are allowed.');
		expect(await reason('https://93.184.216.34/cat.jpg')).toBe('URLs must be hosted on a domain.');
		expect(await reason('https://[2001:db8::1]/cat.jpg')).toBe('URLs must be hosted on a domain.');
		expect(await reason('https://localhost/cat.jpg')).toBe('URLs must be hosted on a domain.');
		expect(await reason('cat.jpg')).toBe('Invalid URL');
		expect(await reason(`https://example.com/${'a'.repeat(2048)}`)).toContain('Invalid URL');
		const ok = await create('https://images.example.com/cat.jpg?sig=1');
		expect(ok.status).toBe(200);
		expect(fake.tasks.get(ok.json.id)!.images[0]).toEqual(
			expect.objectContaining({ source: 'url', url: 'https://images.example.com/cat.jpg?sig=1', position: 'first' }),
		);
		expect(fake.tasks.get(ok.json.id)!.images[0].width).toBeUndefined();
	});

	test('a runway:// URI must come from a completed upload on this fake', async () => {
		const unknown = issueAt(await create(`runway://upload/${randomUUID()}`), ['promptImage']);
		expect(unknown.message).toContain('runway://');
		const started = await post('/v1/uploads', { filename: 'cat.jpg', type: 'ephemeral' });
		expect(started.status).toBe(200);
		issueAt(await create(started.json.runwayUri), ['promptImage']);
		expect(fake.creates).toBe(0);
	});
});

/** The presigned POST the SDK makes: every field, then optional metadata, then the file; no Runway auth. */
async function uploadTo(
	started: { uploadUrl: string; fields: Record<string, string> },
	file: Buffer,
	options: { headers?: Record<string, string>; fields?: Record<string, string>; fileFirst?: boolean } = {},
): Promise<Res> {
	const form = new FormData();
	const fileBlob = new Blob([file], { type: 'image/jpeg' });
	if (options.fileFirst) form.append('file', fileBlob, 'cat.jpg');
	for (const [name, value] of Object.entries(options.fields ?? started.fields)) form.append(name, value);
	if (!options.fileFirst) form.append('file', fileBlob, 'cat.jpg');
	const response = await fetch(started.uploadUrl, { method: 'POST', body: form, headers: options.headers });
	return { status: response.status, headers: response.headers, text: await response.text(), json: undefined };
}

describe('ephemeral uploads', () => {
	test('start, upload without auth, then use the runway:// URI', async () => {
		const started = await post('/v1/uploads', { filename: 'cat.jpg', type: 'ephemeral' });
		expect(started.status).toBe(200);
		const { uploadUrl, fields, runwayUri } = started.json;
		expect(uploadUrl).toMatch(new RegExp(`^${fake.url}/upload-bucket/[0-9a-f-]{36}$`));
		expect(Object.keys(fields)).toEqual(expect.arrayContaining(['key', 'policy', 'x-amz-signature']));
		expect(runwayUri).toMatch(/^runway:\/\/upload\/[0-9a-f-]{36}$/);

		const res = await uploadTo(started.json, jpeg, { fields: { ...fields, metadata: '{"source":"test"}' } });
		expect(res.status).toBe(204);
		expect(res.text).toBe('');
		const upload = [...fake.uploads.values()][0];
		expect(upload).toMatchObject({ completed: true, filename: 'cat.jpg', contentType: 'image/jpeg', metadata: '{"source":"test"}' });
		expect(upload.data!.equals(jpeg)).toBe(true);

		const created = await post('/v1/image_to_video', { model: 'gen4_turbo', promptImage: runwayUri, ratio: '1280:720' });
		expect(created.status).toBe(200);
		expect(fake.tasks.get(created.json.id)!.images[0]).toMatchObject({
			source: 'upload',
			uploadId: upload.id,
			width: 64,
			height: 36,
			format: 'jpeg',
			bytes: jpeg.length,
		});
	});

	test('an Authorization header on the bucket POST is rejected like S3 does, and nothing is stored', async () => {
		const started = (await post('/v1/uploads', { filename: 'cat.jpg', type: 'ephemeral' })).json;
		const res = await uploadTo(started, jpeg, { headers: { authorization: `Bearer ${FAKE_RUNWAY_KEY}` } });
		expect(res.status).toBe(400);
		expect(res.text).toContain('<Code>InvalidArgument</Code>');
		expect(res.text).toContain('Only one auth mechanism allowed');
		expect(res.text).not.toContain(FAKE_RUNWAY_KEY);
		expect([...fake.uploads.values()][0].completed).toBe(false);
		issueAt(await post('/v1/image_to_video', { model: 'gen4_turbo', promptImage: started.runwayUri, ratio: '1280:720' }), ['promptImage']);
	});

	test('the bucket POST needs every field unchanged, the file last, multipart, and no extra fields', async () => {
		const started = (await post('/v1/uploads', { filename: 'cat.jpg', type: 'ephemeral' })).json;
		const { policy, ...withoutPolicy } = started.fields as Record<string, string>;
		expect(policy).toBeTruthy();
		const missing = await uploadTo(started, jpeg, { fields: withoutPolicy });
		expect(missing.status).toBe(400);
		expect(missing.text).toContain("field named 'policy'");
		const tampered = await uploadTo(started, jpeg, { fields: { ...started.fields, 'x-amz-signature': '00' } });
		expect(tampered.status).toBe(403);
		expect(tampered.text).toContain('AccessDenied');
		const extra = await uploadTo(started, jpeg, { fields: { ...started.fields, acl: 'public-read' } });
		expect(extra.status).toBe(403);
		expect(extra.text).toContain('Extra input fields: acl');
		const fileFirst = await uploadTo(started, jpeg, { fileFirst: true });
		expect(fileFirst.status).toBe(400);
		const json = await fetch(started.uploadUrl, {
			method: 'POST',
			body: JSON.stringify(started.fields),
			headers: { 'content-type': 'application/json' },
		});
		expect(json.status).toBe(412);
		const broken = await fetch(started.uploadUrl, {
			method: 'POST',
			body: 'garbage',
			headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
		});
		expect(broken.status).toBe(400);
		expect(await broken.text()).toContain('MalformedPOSTRequest');
		expect((await uploadTo({ ...started, uploadUrl: `${fake.url}/upload-bucket/${randomUUID()}` }, jpeg)).status).toBe(403);
		expect([...fake.uploads.values()][0].completed).toBe(false);
		expect((await uploadTo(started, jpeg)).status).toBe(204);
	});

	test('POST /v1/uploads validates its body and needs the API headers', async () => {
		issueAt(await post('/v1/uploads', { filename: 'cat.jpg', type: 'permanent' }), ['type']);
		issueAt(await post('/v1/uploads', { filename: 'cat', type: 'ephemeral' }), ['filename']);
		issueAt(await post('/v1/uploads', { type: 'ephemeral' }), ['filename']);
		issueAt(await post('/v1/uploads', { filename: 'cat.jpg', type: 'ephemeral', size: 3 }), []);
		expect(
			(await call('POST', '/v1/uploads', { body: { filename: 'cat.jpg', type: 'ephemeral' }, headers: { authorization: undefined } }))
				.status,
		).toBe(401);
		expect(fake.uploads.size).toBe(0);
	});

	test('uploads over the cap are refused; an uploaded non-image is not a valid promptImage', async () => {
		const small = await start({ uploadLimitBytes: 1000 });
		const started = (await post('/v1/uploads', { filename: 'big.jpg', type: 'ephemeral' }, small)).json;
		const big = await uploadTo(started, Buffer.alloc(1001, 7));
		expect(big.status).toBe(400);
		expect(big.text).toContain('EntityTooLarge');
		expect((await uploadTo(started, Buffer.alloc(1000, 7))).status).toBe(204);
		const res = await post('/v1/image_to_video', { model: 'gen4_turbo', promptImage: started.runwayUri, ratio: '1280:720' }, small);
		expect(issueAt(res, ['promptImage']).message).toContain('Unsupported asset type');
	});

	test('binary file parts survive byte for byte, CRLF and boundary-like bytes included', async () => {
		const tricky = Buffer.concat([
			Buffer.from('\r\n--\r\n--boundary\r\n\r\n'),
			Buffer.from(Array.from({ length: 4096 }, (_, i) => i & 0xff)),
			Buffer.from('\r\n'),
		]);
		const started = (await post('/v1/uploads', { filename: 'blob.bin', type: 'ephemeral' })).json;
		expect((await uploadTo(started, tricky)).status).toBe(204);
		expect([...fake.uploads.values()][0].data!.equals(tricky)).toBe(true);

		const boundary = 'XyZ';
		const body = Buffer.concat([
			Buffer.from(`preamble\r\n--${boundary}\r\nContent-Disposition: form-data; name="key"\r\n\r\nk1\r\n`),
			Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="empty"\r\n\r\n\r\n`),
			Buffer.from(
				`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="a \\"b\\".bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
			),
			tricky,
			Buffer.from(`\r\n--${boundary}--\r\nepilogue`),
		]);
		const parts = parseMultipart(body, `multipart/form-data; boundary="${boundary}"`);
		expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([
			['key', undefined, undefined],
			['empty', undefined, undefined],
			['file', 'a "b".bin', 'application/octet-stream'],
		]);
		expect(parts[0].data.toString()).toBe('k1');
		expect(parts[1].data.length).toBe(0);
		expect(parts[2].data.equals(tricky)).toBe(true);
		expect(() => parseMultipart(body.subarray(0, body.length - 20), `multipart/form-data; boundary=${boundary}`)).toThrow();
		expect(() => parseMultipart(body, 'application/json')).toThrow();
	});
});

describe('task lifecycle', () => {
	test('default: PENDING -> RUNNING 0.5 -> SUCCEEDED, one step per GET, output served by the fake', async () => {
		const id = await createTask();
		expect(fake.creates).toBe(1);
		const early = await fetch(`${fake.url}/outputs/${id}.mp4`);
		expect(early.status).toBe(404);
		await early.text();

		const pending = await getTask(id);
		const estimatedCost = { credits: fake.tasks.get(id)!.credits };
		expect(pending.json).toEqual({ id, createdAt: expect.any(String), status: 'PENDING', estimatedCost });
		expect(new Date(pending.json.createdAt).toISOString()).toBe(pending.json.createdAt);
		expect((await getTask(id)).json).toEqual({ id, createdAt: pending.json.createdAt, status: 'RUNNING', progress: 0.5, estimatedCost });
		const done = await getTask(id);
		expect(done.json).toEqual({
			id,
			createdAt: pending.json.createdAt,
			status: 'SUCCEEDED',
			cost: estimatedCost,
			output: [`${fake.url}/outputs/${id}.mp4`],
		});
		expect((await getTask(id)).json.status).toBe('SUCCEEDED');
		expect(fake.tasks.get(id)!.polls).toBe(4);

		const video = await fetch(done.json.output[0]);
		expect(video.status).toBe(200);
		expect(video.headers.get('content-type')).toBe('video/mp4');
		const bytes = Buffer.from(await video.arrayBuffer());
		expect(video.headers.get('content-length')).toBe(String(bytes.length));
		// a playable MP4 made from the request: its ratio, no prompt, no duration so the default 5 s (test/unit/fakes/video.test.ts reads them back)
		expect(bytes).toEqual(await demoVideo({ width: 1280, height: 720, segments: [{ prompt: '', seconds: 5 }] }));
	});

	test('pollsPerStage repeats each status; videoBytes sets the output size', async () => {
		const slow = await start({ pollsPerStage: 2, videoBytes: 1000 });
		const id = await createTask(slow);
		expect(await statuses(id, 6, slow)).toEqual(['PENDING', 'PENDING', 'RUNNING', 'RUNNING', 'SUCCEEDED', 'SUCCEEDED']);
		const video = await fetch(`${slow.url}/outputs/${id}.mp4`);
		expect((await video.arrayBuffer()).byteLength).toBe(1000);
	});

	test('script() sets the next task only: THROTTLED, progress and a per-step poll count', async () => {
		fake.script(['PENDING', 'THROTTLED', { status: 'RUNNING', progress: 0.4, polls: 2 }, 'SUCCEEDED']);
		const scripted = await createTask();
		const plain = await createTask();
		const seen: string[] = [];
		for (let i = 0; i < 6; i++) {
			const { json } = await getTask(scripted);
			seen.push(json.status === 'RUNNING' ? `RUNNING ${json.progress}` : json.status);
		}
		expect(seen).toEqual(['PENDING', 'THROTTLED', 'RUNNING 0.4', 'RUNNING 0.4', 'SUCCEEDED', 'SUCCEEDED']);
		expect(await statuses(plain, 3)).toEqual(['PENDING', 'RUNNING', 'SUCCEEDED']);
		expect(() => fake.script([])).toThrow();
	});

	test('FAILED with failure and failureCode, and stays failed with no output', async () => {
		fake.script(['PENDING', { status: 'FAILED', failureCode: 'SAFETY.INPUT.TEXT', failure: 'Prompt rejected by moderation.' }]);
		fake.script(['FAILED']);
		const moderated = await createTask();
		const internal = await createTask();
		await getTask(moderated);
		const failed = await getTask(moderated);
		expect(failed.json).toEqual({
			id: moderated,
			createdAt: expect.any(String),
			status: 'FAILED',
			cost: { credits: 0 },
			failure: 'Prompt rejected by moderation.',
			failureCode: 'SAFETY.INPUT.TEXT',
		});
		expect((await getTask(moderated)).json.status).toBe('FAILED');
		expect((await fetch(`${fake.url}/outputs/${moderated}.mp4`)).status).toBe(404);
		expect((await getTask(internal)).json).toMatchObject({ status: 'FAILED', failureCode: 'INTERNAL', failure: expect.any(String) });
	});

	test('CANCELLED by script, and a RUNNING step that never ends', async () => {
		fake.script(['PENDING', 'CANCELLED', 'SUCCEEDED']);
		fake.script(['PENDING', { status: 'RUNNING', progress: 0.1, forever: true }, 'SUCCEEDED']);
		const cancelled = await createTask();
		const stuck = await createTask();
		expect(await statuses(cancelled, 4)).toEqual(['PENDING', 'CANCELLED', 'CANCELLED', 'CANCELLED']);
		expect((await getTask(cancelled)).json).toEqual({
			id: cancelled,
			createdAt: expect.any(String),
			status: 'CANCELLED',
			cost: { credits: 0 },
		});
		const seen = await statuses(stuck, 12);
		expect(seen[0]).toBe('PENDING');
		expect(new Set(seen.slice(1))).toEqual(new Set(['RUNNING']));
		expect((await getTask(stuck)).json.progress).toBe(0.1);
	});

	test('DELETE cancels a running task, deletes a terminal one (404 after), needs auth', async () => {
		const running = await createTask();
		await statuses(running, 2);
		expect((await call('DELETE', `/v1/tasks/${running}`, { headers: { authorization: undefined } })).status).toBe(401);
		const cancel = await call('DELETE', `/v1/tasks/${running}`, { headers: { accept: '*/*' } });
		expect(cancel.status).toBe(204);
		expect(cancel.text).toBe('');
		expect(await statuses(running, 2)).toEqual(['CANCELLED', 'CANCELLED']);
		expect((await getTask(running)).json.progress).toBeUndefined();
		expect((await call('DELETE', `/v1/tasks/${running}`)).status).toBe(204);
		expect((await getTask(running)).status).toBe(404);
		expect((await call('DELETE', `/v1/tasks/${running}`)).status).toBe(404);

		const done = await createTask();
		await statuses(done, 3);
		expect((await call('DELETE', `/v1/tasks/${done}`)).status).toBe(204);
		const gone = await getTask(done);
		expect(gone.status).toBe(404);
		expect(typeof gone.json.error).toBe('string');
		expect((await fetch(`${fake.url}/outputs/${done}.mp4`)).status).toBe(404);
		expect(fake.tasks.get(done)!.deleted).toBe(true);

		const pending = await createTask();
		expect((await call('DELETE', `/v1/tasks/${pending}`)).status).toBe(204);
		expect((await getTask(pending)).json.status).toBe('CANCELLED');

		expect((await getTask(randomUUID())).status).toBe(404);
		expect((await call('DELETE', `/v1/tasks/${randomUUID()}`)).status).toBe(404);
	});
});

describe('organization and credits', () => {
	test('GET /v1/organization reports balance, tier and usage; creates deduct credits until they run out', async () => {
		const poor = await start({ credits: 100 });
		const org = await call('GET', '/v1/organization', { on: poor });
		expect(org.status).toBe(200);
		expect(org.json).toEqual({
			creditBalance: 100,
			tier: {
				maxMonthlyCreditSpend: expect.any(Number),
				models: expect.objectContaining({ gen4_turbo: expect.any(Object), 'veo3.1': expect.any(Object) }),
			},
			usage: { models: {} },
		});
		expect(org.json.tier.models.gen4_turbo).toEqual({
			maxConcurrentGenerations: expect.any(Number),
			maxDailyGenerations: expect.any(Number),
		});

		const turbo = { model: 'gen4_turbo', promptImage: jpegUri, ratio: '1280:720', duration: 10 };
		expect((await post('/v1/image_to_video', turbo, poor)).status).toBe(200);
		expect((await call('GET', '/v1/organization', { on: poor })).json.creditBalance).toBe(50);
		expect((await post('/v1/image_to_video', turbo, poor)).status).toBe(200);
		const broke = await post('/v1/image_to_video', turbo, poor);
		expect(broke.status).toBe(400);
		expect(broke.json).toEqual({ error: NOT_ENOUGH_CREDITS });
		expect(poor.creates).toBe(2);
		const after = (await call('GET', '/v1/organization', { on: poor })).json;
		expect(after.creditBalance).toBe(0);
		expect(after.usage.models).toEqual({ gen4_turbo: { dailyGenerations: 2 } });
	});

	test('price follows model, duration and audio', async () => {
		const rich = await start({ credits: 1000 });
		const veo = { model: 'veo3.1', promptImage: jpegUri, ratio: '1280:720', duration: 8 };
		await post('/v1/image_to_video', { ...veo, audio: true }, rich);
		expect(rich.creditBalance).toBe(1000 - 320);
		await post('/v1/image_to_video', veo, rich);
		expect(rich.creditBalance).toBe(1000 - 320 - 160);
		await post('/v1/text_to_video', { model: 'gen4.5', promptText: 'x', ratio: '1280:720', duration: 2 }, rich);
		expect(rich.creditBalance).toBe(1000 - 320 - 160 - 24);
	});

	test('dailyLimit: creates over it get 429, per model', async () => {
		const limited = await start({ dailyLimit: 1 });
		expect((await call('GET', '/v1/organization', { on: limited })).json.tier.models.gen4_turbo.maxDailyGenerations).toBe(1);
		await createTask(limited);
		const over = await post('/v1/image_to_video', { model: 'gen4_turbo', promptImage: jpegUri, ratio: '1280:720' }, limited);
		expect(over.status).toBe(429);
		expect(typeof over.json.error).toBe('string');
		expect((await post('/v1/image_to_video', { model: 'veo3.1', promptImage: jpegUri, ratio: '1280:720' }, limited)).status).toBe(200);
		expect(limited.creates).toBe(2);
	});
});

describe('the other video endpoints, costs and outputs of every kind', () => {
	const header = Buffer.concat([Buffer.from([0, 0, 0, 0x1c]), Buffer.from('ftypisom\0\0\x02\0isomiso2mp41', 'latin1')]);
	const videoUri = `data:video/mp4;base64,${Buffer.concat([header, Buffer.alloc(1000, 1)]).toString('base64')}`;

	test('POST /v1/video_to_video: videoUri or promptVideo per model, a video asset, aleph2 keyframes', async () => {
		const aleph = await post('/v1/video_to_video', {
			model: 'aleph2',
			videoUri,
			promptText: 'snow',
			keyframes: [{ uri: jpegUri, at: 0.5 }],
		});
		expect(aleph.status).toBe(200);
		expect(aleph.json).toEqual({ id: expect.any(String), estimatedCost: { credits: expect.any(Number) } });
		expect(fake.tasks.get(aleph.json.id)!.images.map((i) => [i.path[0], i.kind])).toEqual([
			['keyframes', 'image'],
			['videoUri', 'video'],
		]);
		expect(issueAt(await post('/v1/video_to_video', { model: 'aleph2', promptVideo: videoUri }), []).keys).toEqual(['promptVideo']);
		issueAt(await post('/v1/video_to_video', { model: 'aleph2', videoUri: jpegUri }), ['videoUri']);
		issueAt(await post('/v1/video_to_video', { model: 'aleph2', videoUri, keyframes: [{ uri: jpegUri, at: 2 }] }), ['keyframes', 0, 'at']);
		expect(
			(await post('/v1/video_to_video', { model: 'seedance2_5', promptVideo: videoUri, mode: 'edit', promptText: 'x', duration: 'auto' }))
				.status,
		).toBe(200);
		issueAt(await post('/v1/video_to_video', { model: 'seedance2', videoUri }), ['promptVideo']);
		issueAt(await post('/v1/video_to_video', { model: 'gemini_omni_flash', videoUri }), ['promptText']);
	});

	test('POST /v1/video_upscale and /v1/character_performance', async () => {
		expect(
			(await post('/v1/video_upscale', { model: 'magnific_video_upscaler_creative', videoUri, resolution: '4k', creativity: 40 })).status,
		).toBe(200);
		issueAt(await post('/v1/video_upscale', { model: 'magnific_video_upscaler_creative', videoUri, creativity: 101 }), ['creativity']);
		issueAt(await post('/v1/video_upscale', { model: 'enhance_frame_rate', videoUri }), ['targetFramerate']);
		expect((await post('/v1/video_upscale', { model: 'enhance_frame_rate', videoUri, targetFramerate: '60' })).status).toBe(200);
		const act = { model: 'act_two', character: { type: 'image', uri: jpegUri }, reference: { type: 'video', uri: videoUri } };
		expect((await post('/v1/character_performance', { ...act, expressionIntensity: 5, bodyControl: true })).status).toBe(200);
		issueAt(await post('/v1/character_performance', { ...act, expressionIntensity: 6 }), ['expressionIntensity']);
		issueAt(await post('/v1/character_performance', { ...act, reference: { type: 'image', uri: jpegUri } }), ['reference', 'type']);
	});

	test('outputFormat decides the files: ProRes .mov, a PNG-sequence .zip with a separate .wav', async () => {
		const gen45 = { model: 'gen4.5', promptText: 'x', ratio: '1280:720', duration: 2 };
		const prores = (await post('/v1/text_to_video', { ...gen45, outputFormat: 'prores' })).json.id as string;
		const frames = (await post('/v1/text_to_video', { model: 'seedance2', promptText: 'x', audio: true })).json.id as string;
		fake.tasks.get(frames)!.body.outputFormat = 'png_sequence';
		await statuses(prores, 3);
		await statuses(frames, 3);
		const mov = (await getTask(prores)).json.output as string[];
		expect(mov).toEqual([`${fake.url}/outputs/${prores}.mov`]);
		const zip = (await getTask(frames)).json.output as string[];
		expect(zip).toEqual([`${fake.url}/outputs/${frames}.zip`, `${fake.url}/outputs/${frames}_audio.wav`]);
		const types = await Promise.all(
			[...mov, ...zip].map(async (url) => {
				const res = await fetch(url);
				await res.arrayBuffer();
				return res.headers.get('content-type');
			}),
		);
		expect(types).toEqual(['video/quicktime', 'application/zip', 'audio/wav']);
		expect((await fetch(`${fake.url}/outputs/${prores}.mp4`)).status).toBe(404);
	});

	test('unlimited models show null limits, as Runway does', async () => {
		const org = await call('GET', '/v1/organization');
		expect(org.json.tier.models.act_two).toEqual({ maxConcurrentGenerations: null, maxDailyGenerations: null });
		expect(org.json.tier.models.aleph2).toEqual({ maxConcurrentGenerations: 2, maxDailyGenerations: 200 });
	});
});

describe('faults through FakeServer', () => {
	test('an injected 429 with Retry-After answers once and creates nothing', async () => {
		fake.server.inject({
			kind: 'status',
			method: 'POST',
			path: '/v1/image_to_video',
			status: 429,
			headers: { 'retry-after': '7' },
			body: { error: 'Too many requests' },
		});
		const limited = await post('/v1/image_to_video', { model: 'gen4_turbo', promptImage: jpegUri, ratio: '1280:720' });
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('7');
		expect(fake.creates).toBe(0);
		await createTask();
		expect(fake.creates).toBe(1);
		expect(fake.server.count('POST', '/v1/image_to_video')).toBe(2);
	});

	test('a 503 burst on task GETs does not advance the task', async () => {
		const id = await createTask();
		fake.server.inject({ kind: 'status', method: 'GET', path: /^\/v1\/tasks\//, status: 503, times: 3 });
		const codes: number[] = [];
		for (let i = 0; i < 3; i++) codes.push((await getTask(id)).status);
		expect(codes).toEqual([503, 503, 503]);
		expect((await getTask(id)).json.status).toBe('PENDING');
		expect(fake.tasks.get(id)!.polls).toBe(1);
	});

	test('a dropped connection, then a normal answer', async () => {
		fake.server.inject({ kind: 'drop', path: '/v1/organization' });
		await expect(call('GET', '/v1/organization')).rejects.toThrow();
		expect((await call('GET', '/v1/organization')).status).toBe(200);
	});

	test('a truncated download fails mid-body; a slow one arrives whole', async () => {
		const small = await start({ videoBytes: 128 * 1024 });
		const id = await createTask(small);
		await statuses(id, 2, small);
		const output = (await getTask(id, small)).json.output[0] as string;

		small.server.inject({ kind: 'truncate', path: /^\/outputs\//, bytes: 10000 });
		const cut = await fetch(output);
		expect(cut.status).toBe(200);
		expect(cut.headers.get('content-length')).toBe(String(128 * 1024));
		const reader = cut.body!.getReader();
		let received = 0;
		const reading = (async (): Promise<void> => {
			for (;;) {
				const { done, value } = await reader.read();
				if (done) return;
				received += value.length;
			}
		})();
		await expect(reading).rejects.toThrow();
		expect(received).toBe(10000);

		small.server.inject({ kind: 'slow', path: /^\/outputs\//, bytesPerSecond: 1024 * 1024 });
		const slow = Buffer.from(await (await fetch(output)).arrayBuffer());
		expect(slow.length).toBe(128 * 1024);
		for (let i = 28; i < slow.length; i += 499) expect(slow[i]).toBe(fakeVideoByte(i));
		expect(small.server.count('GET', /^\/outputs\//)).toBe(2);
	});

	test('bodies over maxBodyBytes get 413 in Runway error shape', async () => {
		const tight = await start({ maxBodyBytes: 2000 });
		const res = await post(
			'/v1/image_to_video',
			{ model: 'gen4_turbo', promptImage: jpegUri, ratio: '1280:720', promptText: 'x'.repeat(3000) },
			tight,
		);
		expect(res.status).toBe(413);
		expect(typeof res.json.error).toBe('string');
		expect(tight.creates).toBe(0);
	});
});
