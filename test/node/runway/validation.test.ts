/**
 * Every value Runway would refuse is caught before any request: no HTTP call at all (so no create, no
 * upload), and the error names the item, the field and the values allowed.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import {
	checkCreate,
	checkImageUrl,
	checkMediaUrl,
	RunwayValidationError,
	type CreateInput,
} from '../../../nodes/RunwayVideo/models/check';
import { startFakeRunway, type FakeRunway } from '../../fakes/runway';
import { gradient } from '../../helpers/images';
import { fileItem } from '../../helpers/items';
import { run, runFailing } from './setup';

let fake: FakeRunway;
beforeEach(async () => (fake = await startFakeRunway()));
afterEach(async () => await fake.close());

/** Runs the node, expects it to fail before any request, and returns the error. */
async function rejects(parameters: INodeParameters, items?: INodeExecutionData[]) {
	const error = await runFailing(fake, parameters, {
		items: items ?? [await fileItem(await gradient(320, 240), { json: { chatId: 42 } })],
	});
	expect(fake.server.requests).toEqual([]);
	expect(fake.creates).toBe(0);
	return error;
}

type Case = [string, INodeParameters, RegExp[]];

const CASES: Case[] = [
	['unknown model', { model: 'gen3a_turbo' }, [/Model "gen3a_turbo"/, /field "Model"/, /gen4_turbo, gen4\.5, veo3/]],
	[
		'gen4_turbo is not a text model',
		{ operation: 'textToVideo', textToVideoModel: 'gen4_turbo', prompt: 'a cat' },
		[/gen4_turbo needs an image/, /gen4\.5/],
	],
	[
		'ratio not offered by the model',
		{ ratio: '1920:1080' },
		[/Ratio "1920:1080" is not available for gen4_turbo/, /field "Ratio"/, /1280:720, 720:1280, 1104:832, 832:1104, 960:960, 1584:672/],
	],
	['ratio in the wrong form', { ratio: '16:9' }, [/Ratio "16:9"/]],
	[
		'text-to-video ratio differs from image-to-video',
		{ operation: 'textToVideo', textToVideoModel: 'gen4.5', prompt: 'x', ratio: '1104:832' },
		[/Use one of: 1280:720, 720:1280\./],
	],
	[
		'gen4.5 duration above 10',
		{ model: 'gen4.5', prompt: 'x', duration: 11 },
		[/Duration 11 is not available for gen4\.5/, /field "Duration \(Seconds\)"/, /from 2 to 10/],
	],
	['gen4_turbo duration not whole', { duration: 5.5 }, [/Duration 5\.5/]],
	['veo3.1 duration outside 4/6/8', { model: 'veo3.1', ratio: '1280:720', duration: 5 }, [/one of 4, 6, 8/]],
	[
		'veo3 is gone from the API',
		{ model: 'veo3', ratio: '1280:720', duration: 8 },
		[/Model "veo3" is not a Runway image to video model/, /Custom Model ID/],
	],
	['gemini 3 to 10 seconds', { model: 'gemini_omni_flash', duration: 2 }, [/from 3 to 10/]],
	['gen4.5 needs a prompt', { model: 'gen4.5', prompt: '   ' }, [/gen4\.5 image to video needs a prompt/, /field "Prompt"/]],
	['text to video needs a prompt', { operation: 'textToVideo', textToVideoModel: 'veo3.1' }, [/needs a prompt/]],
	['prompt over 1000 UTF-16 units', { prompt: '😀'.repeat(500) + 'a' }, [/1001 characters; gen4_turbo takes at most 1000/]],
	['happyhorse prompt over 2500', { model: 'happyhorse_1_0', prompt: 'x'.repeat(2501) }, [/at most 2500/]],
	['seed too big', { options: { seed: 4294967296 } }, [/Seed 4294967296/, /0 to 4294967295/, /field "Seed"/]],
	['seed not whole', { options: { seed: 1.5 } }, [/Seed 1\.5/]],
	['public figure threshold not auto/low', { options: { publicFigureThreshold: 'high' } }, [/"high"/, /auto, low/]],
	['happyhorse resolution 4K', { model: 'happyhorse_1_0', resolution: '4K' }, [/Resolution "4K"/, /Use one of: 720p, 1080p\./]],
	[
		'reference image URL over http',
		{ textToVideoModel: 'seedance2', operation: 'textToVideo', prompt: 'x', options: { references: 'http://example.com/a.jpg' } },
		[/Reference Image URLs must be an HTTPS URL/],
	],
	['additional fields not JSON', { options: { additionalFields: '{seed: 1' } }, [/Additional Fields is not valid JSON/]],
	['custom model without an id', { model: 'custom', customModel: ' ' }, [/Custom Model ID is empty/]],
	['http image URL', { imageSource: 'url', imageUrl: 'http://example.com/a.jpg' }, [/Image URL must be an HTTPS URL/, /field "Image URL"/]],
	['image URL on an IP address', { imageSource: 'url', imageUrl: 'https://203.0.113.9/a.jpg' }, [/hosted on a domain/]],
	['image URL on a local name', { imageSource: 'url', imageUrl: 'https://localhost/a.jpg' }, [/hosted on a domain/]],
	['image URL too long', { imageSource: 'url', imageUrl: `https://example.com/${'a'.repeat(2100)}` }, [/at most 2048/]],
	['image URL not a URL', { imageSource: 'url', imageUrl: 'photo.jpg' }, [/is not a URL/]],
	['empty image URL', { imageSource: 'url', imageUrl: '' }, [/Image URL is empty/]],
	[
		'last frame URL not https',
		{ model: 'veo3.1', lastFrameSource: 'url', lastFrameUrl: 'ftp://x.example.com/b.jpg' },
		[/Last Frame URL must be an HTTPS URL/],
	],
	['fit not an option', { options: { fit: 'zoom' } }, [/Fit "zoom"/, /cover, contain, fill/]],
	['max wait zero', { maxWaitMinutes: 0 }, [/Max Wait must be more than 0/]],
	['empty task id', { resource: 'task', operation: 'getTask', taskId: ' ' }, [/Task ID is empty/, /field "Task ID"/]],
	[
		'task id ".." (another endpoint once in a URL)',
		{ resource: 'task', operation: 'cancelTask', taskId: '..' },
		[/is not a Runway task ID: ".." would address another endpoint/],
	],
	['task id "."', { resource: 'task', operation: 'getTask', taskId: '.' }, [/is not a Runway task ID: "." would address another endpoint/]],
];

describe('validation before any request', () => {
	test.each(CASES)('%s', async (_, parameters, patterns) => {
		const error = await rejects(parameters);
		const text = `${error.message} ${error.description ?? ''}`;
		expect(error.message).toMatch(/item 1/);
		for (const pattern of patterns) expect(text).toMatch(pattern);
	});

	test('a missing binary field names the item and the fields it has', async () => {
		const item = await fileItem(await gradient(100, 100), { fileName: 'a.jpg', field: 'photo' });
		const error = await rejects({}, [item]);
		expect(error.message).toContain('Item 1 has no binary field "data"');
		expect(error.description).toContain('"photo"');
	});

	test('a missing last frame is found before the first frame is uploaded', async () => {
		const error = await rejects({ model: 'veo3.1', duration: 8, lastFrameSource: 'binary', options: { imageDelivery: 'upload' } });
		expect(error.message).toContain('Item 1 has no binary field "lastFrame"');
		expect(fake.uploads.size).toBe(0);
	});

	test('a file that is not an image, and a GIF with auto-fit off', async () => {
		const notImage = await rejects({}, [
			await fileItem(Buffer.from('{"not":"an image"}'), { fileName: 'a.json', mimeType: 'application/json' }),
		]);
		expect(notImage.message).toMatch(/not an image.*item 1, image binary field "data"/);
		const gif = Buffer.from(
			'GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;',
			'latin1',
		);
		const raw = await rejects({ autoFit: false }, [await fileItem(gif, { fileName: 'a.gif', mimeType: 'image/gif' })]);
		expect(raw.message).toMatch(/JPEG, PNG or WebP images; this file is GIF/);
		expect(raw.description).toContain('Auto-Fit');
	});

	test('the bad item is named: item 2 fails on its own values, after item 1 got its video', async () => {
		const good = await fileItem(await gradient(320, 240), { json: { chatId: 42 } });
		const error = await runFailing(fake, { duration: 0 }, { items: [good] });
		expect(error.message).toMatch(/Duration 0 .*\(item 1, field "Duration \(Seconds\)"\)/);
		const second = await runFailing(fake, {}, { items: [good, { json: {} }] });
		expect(second.message).toContain('Item 2 has no binary field "data"');
		expect((second.context as { itemIndex?: number }).itemIndex).toBe(1);
		expect(fake.creates).toBe(1);
	});

	test('continue on fail: a bad item among good ones becomes an error item, the others get videos', async () => {
		const items = [
			await fileItem(await gradient(320, 240), { json: { chatId: 42 } }),
			{ json: { name: 'no image' } },
			await fileItem(await gradient(240, 320), { json: { chatId: 42 } }),
		];
		const { output } = await run(fake, {}, { items, continueOnFail: true });
		expect(output).toHaveLength(3);
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.status).toBe('SUCCEEDED');
		expect(output[2].json.status).toBe('SUCCEEDED');
		expect(output[1].json).toMatchObject({ name: 'no image', error: expect.stringContaining('Item 2 has no binary field "data"') });
		expect(output[1].binary).toBeUndefined();
		expect(fake.creates).toBe(2);
	});
});

describe('the model checks (models/check.ts) on their own', () => {
	const base: CreateInput = { endpoint: 'imageToVideo', model: 'gen4_turbo', values: { ratio: '1280:720', duration: 5 } };
	const fails = (input: Partial<CreateInput> & { values?: Record<string, unknown> }, field: string, pattern: RegExp) => {
		let error: unknown;
		try {
			checkCreate({ ...base, ...input, values: { ...base.values, ...input.values } });
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(RunwayValidationError);
		expect((error as RunwayValidationError).field).toBe(field);
		expect(`${(error as Error).message} ${(error as RunwayValidationError).hint}`).toMatch(pattern);
	};
	const values = (input: Partial<CreateInput>) => checkCreate({ ...base, ...input, values: { ...base.values, ...input.values } }).values;

	test('last frames only where the model takes them (an expression can pick any model)', () => {
		fails({ lastFrame: true }, 'Last Frame', /gen4_turbo takes no last frame.*veo3\.1, veo3\.1_fast, seedance2/);
		expect(checkCreate({ ...base, model: 'veo3.1', values: { ratio: '1280:720', duration: 8 }, lastFrame: true }).model).toBe('veo3.1');
		expect(checkCreate({ ...base, model: 'seedance2_mini', lastFrame: true }).model).toBe('seedance2_mini');
		expect(checkCreate({ ...base, model: 'h3_max', values: { promptText: 'x' }, lastFrame: true }).model).toBe('h3_max');
	});

	test('what the stale table refused and the current API takes', () => {
		expect(values({ model: 'veo3.1', values: { ratio: '1280:720', duration: 8, seed: 7 } }).seed).toBe(7);
		expect(values({ model: 'seedance2', values: { duration: 'auto' } }).duration).toBe('auto');
		expect(values({ model: 'happyhorse_1_0', values: { ratio: undefined, duration: 5, resolution: '1080p' } }).resolution).toBe('1080p');
		// deprecated but still taken from an expression
		expect(values({ model: 'happyhorse_1_0', values: { ratio: undefined, resolution: '720P' } }).resolution).toBe('720P');
		expect(values({ model: 'gen4.5', values: { promptText: 'x', outputFormat: 'prores', proresProfile: '422 HQ' } })).toMatchObject({
			outputFormat: 'prores',
		});
	});

	test('fields the model does not take (n8n drops hidden Options, but an expression can still pick another model)', () => {
		fails({ values: { audio: true } }, 'Audio', /Audio is not accepted by gen4_turbo image to video.*veo3\.1/);
		fails({ values: { negativePrompt: 'blur' } }, 'Negative Prompt', /Negative Prompt is not accepted/);
		fails({ values: { resolution: '720p' } }, 'Resolution', /Resolution is not accepted by gen4_turbo/);
		fails(
			{ model: 'happyhorse_1_0', values: { ratio: undefined, seed: 3 } },
			'Seed',
			/Seed is not accepted by happyhorse_1_0.*gen4_turbo, gen4\.5, veo3\.1/,
		);
		fails({ model: 'veo3.1', values: { duration: 8, contentModeration: 'low' } }, 'Public Figure Threshold', /not accepted by veo3\.1/);
		fails({ model: 'veo3.1', values: { duration: 8, outputFormat: 'prores' } }, 'Output Format', /not accepted by veo3\.1.*gen4\.5/);
		fails(
			{ model: 'gemini_omni_flash', values: { ratio: undefined, duration: 'auto' } },
			'Duration (Seconds)',
			/Duration "auto" is not available/,
		);
	});

	test('values from expressions: strings, blanks and wrong types', () => {
		expect(values({ values: { duration: '7' } }).duration).toBe(7);
		fails({ values: { duration: 'seven' } }, 'Duration (Seconds)', /Duration seven/);
		fails({ model: 42 }, 'Model', /Model "42"/);
		fails({ values: { promptText: 12 } }, 'Prompt', /must be text/);
		fails({ model: 'veo3.1', values: { audio: 'yes', duration: 8 } }, 'Audio', /true or false/);
		fails({ values: { ratio: '' } }, 'Ratio', /needs a ratio/);
		fails({ model: 'gen4.5', values: { promptText: 'x', duration: undefined } }, 'Duration (Seconds)', /needs a duration/);
		const optional = values({ model: 'seedance2', values: { ratio: '', duration: undefined, promptText: '' } });
		expect(optional).toEqual({});
		expect(values({ model: ' veo3.1_fast ', values: { duration: 8, negativePrompt: '  ' } }).negativePrompt).toBeUndefined();
	});

	test('a custom model id is sent unchecked', () => {
		const custom = checkCreate({
			endpoint: 'textToVideo',
			model: ' gen9_ultra ',
			custom: true,
			values: { promptText: 'x', ratio: '7:3', duration: 99 },
		});
		expect(custom).toEqual({ endpoint: 'textToVideo', model: 'gen9_ultra', values: { promptText: 'x', ratio: '7:3', duration: 99 } });
	});

	test('media URLs: https on a domain, runway:// uploads and small data URIs of the right kind', () => {
		expect(checkImageUrl(' https://a.example.com/x.jpg ', 'Image URL')).toBe('https://a.example.com/x.jpg');
		expect(checkImageUrl('runway://upload/123', 'Image URL')).toBe('runway://upload/123');
		expect(checkImageUrl('data:image/png;base64,AAAA', 'Image URL')).toBe('data:image/png;base64,AAAA');
		expect(checkMediaUrl('data:video/mp4;base64,AAAA', 'Video URL', 'video')).toBe('data:video/mp4;base64,AAAA');
		expect(() => checkMediaUrl('data:image/png;base64,AAAA', 'Video URL', 'video')).toThrow(/data URI Runway does not take/);
		expect(() => checkImageUrl('data:text/plain;base64,AAAA', 'Image URL')).toThrow(/data URI Runway does not take/);
		expect(() => checkImageUrl(`data:image/png;base64,${'A'.repeat(5 * 1024 * 1024)}`, 'Image URL')).toThrow(/5 MB/);
		expect(() => checkImageUrl('https://[::1]/x.jpg', 'Image URL')).toThrow(/domain/);
	});
});
