/**
 * Every value Runway would refuse is caught before any request: no HTTP call at all (so no create, no
 * upload), and the error names the item, the field and the values allowed.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { checkCreate, checkImageUrl, RunwayValidationError, type CreateInput } from '../../../nodes/RunwayVideo/models';
import { startFakeRunway, type FakeRunway } from '../../fakes/runway';
import { binaryFromBuffer } from '../../helpers/executeContext';
import { gradient } from '../../helpers/images';
import { imageItem, run, runFailing } from './setup';

let fake: FakeRunway;
beforeEach(async () => (fake = await startFakeRunway()));
afterEach(async () => await fake.close());

/** Runs the node, expects it to fail before any request, and returns the error. */
async function rejects(parameters: INodeParameters, items?: INodeExecutionData[]) {
	const error = await runFailing(fake, parameters, { items: items ?? [await imageItem(await gradient(320, 240))] });
	expect(fake.server.requests).toEqual([]);
	expect(fake.creates).toBe(0);
	return error;
}

type Case = [string, INodeParameters, RegExp[]];

const CASES: Case[] = [
	['unknown model', { model: 'gen3a_turbo' }, [/Model "gen3a_turbo"/, /field "Model"/, /gen4_turbo, gen4\.5, veo3/]],
	['gen4_turbo is not a text model', { operation: 'textToVideo', model: 'gen4_turbo', prompt: 'a cat' }, [/gen4_turbo needs an image/, /gen4\.5/]],
	['ratio not offered by the model', { ratio: '1920:1080' }, [/Ratio "1920:1080" is not available for gen4_turbo/, /field "Ratio"/, /1280:720, 720:1280, 1104:832, 832:1104, 960:960, 1584:672/]],
	['ratio in the wrong form', { ratio: '16:9' }, [/Ratio "16:9"/]],
	['text-to-video ratio differs from image-to-video', { operation: 'textToVideo', model: 'gen4.5', prompt: 'x', ratio: '1104:832' }, [/Use one of: 1280:720, 720:1280\./]],
	['gen4_turbo duration above 10', { duration: 11 }, [/Duration 11 is not available for gen4_turbo/, /field "Duration \(Seconds\)"/, /from 2 to 10/]],
	['gen4_turbo duration not whole', { duration: 5.5 }, [/Duration 5\.5/]],
	['veo3.1 duration outside 4/6/8', { model: 'veo3.1', ratio: '1280:720', duration: 5 }, [/one of 4, 6, 8/]],
	['veo3 only makes 8 seconds', { model: 'veo3', ratio: '1280:720', duration: 6 }, [/exactly 8/]],
	['gemini 3 to 10 seconds', { model: 'gemini_omni_flash', duration: 2 }, [/from 3 to 10/]],
	['gen4.5 needs a prompt', { model: 'gen4.5', prompt: '   ' }, [/gen4\.5 image to video needs a prompt/, /field "Prompt"/]],
	['text to video needs a prompt', { operation: 'textToVideo', model: 'veo3.1' }, [/needs a prompt/]],
	['prompt over 1000 UTF-16 units', { prompt: '😀'.repeat(500) + 'a' }, [/1001 characters; gen4_turbo takes at most 1000/]],
	['happyhorse prompt over 2500', { model: 'happyhorse_1_0', prompt: 'x'.repeat(2501) }, [/at most 2500/]],
	['seed too big', { options: { seed: 4294967296 } }, [/Seed 4294967296/, /0 to 4294967295/, /field "Seed"/]],
	['seed not whole', { options: { seed: 1.5 } }, [/Seed 1\.5/]],
	['seed on a model without seeds', { model: 'veo3.1', options: { seed: 3 } }, [/Seed is not accepted by veo3\.1/, /Audio, Negative Prompt/]],
	['public figure threshold not auto/low', { options: { publicFigureThreshold: 'high' } }, [/"high"/, /auto, low/]],
	['content moderation on veo', { model: 'veo3', ratio: '1280:720', duration: 8, options: { publicFigureThreshold: 'low' } }, [/Public Figure Threshold is not accepted by veo3/]],
	['audio on gen4_turbo', { options: { audio: true } }, [/Audio is not accepted by gen4_turbo/]],
	['negative prompt on gen4_turbo', { options: { negativePrompt: 'blur' } }, [/Negative Prompt is not accepted/]],
	['resolution on gen4_turbo', { options: { resolution: '720P' } }, [/Resolution is not accepted/]],
	['happyhorse resolution 4K', { model: 'happyhorse_1_0', options: { resolution: '4K' } }, [/Resolution "4K"/, /720P, 1080P/]],
	['http image URL', { imageSource: 'url', imageUrl: 'http://example.com/a.jpg' }, [/Image URL must be an HTTPS URL/, /field "Image URL"/]],
	['image URL on an IP address', { imageSource: 'url', imageUrl: 'https://203.0.113.9/a.jpg' }, [/hosted on a domain/]],
	['image URL on a local name', { imageSource: 'url', imageUrl: 'https://localhost/a.jpg' }, [/hosted on a domain/]],
	['image URL too long', { imageSource: 'url', imageUrl: `https://example.com/${'a'.repeat(2100)}` }, [/at most 2048/]],
	['image URL not a URL', { imageSource: 'url', imageUrl: 'photo.jpg' }, [/is not a URL/]],
	['empty image URL', { imageSource: 'url', imageUrl: '' }, [/Image URL is empty/]],
	['last frame URL not https', { model: 'veo3.1', lastFrameSource: 'url', lastFrameUrl: 'ftp://x.example.com/b.jpg' }, [/Last Frame URL must be an HTTPS URL/]],
	['fit not an option', { options: { fit: 'zoom' } }, [/Fit "zoom"/, /cover, contain, fill/]],
	['max wait zero', { maxWaitMinutes: 0 }, [/Max Wait must be more than 0/]],
	['empty task id', { operation: 'getTask', taskId: ' ' }, [/Task ID is empty/, /field "Task ID"/]],
	['task id with a slash', { operation: 'cancelTask', taskId: '../organization' }, [/is not a Runway task ID/]],
];

describe('validation before any request', () => {
	test.each(CASES)('%s', async (_, parameters, patterns) => {
		const error = await rejects(parameters);
		const text = `${error.message} ${error.description ?? ''}`;
		expect(error.message).toMatch(/item 1/);
		for (const pattern of patterns) expect(text).toMatch(pattern);
	});

	test('a missing binary field names the item and the fields it has', async () => {
		const item = { json: {}, binary: { photo: await binaryFromBuffer(await gradient(100, 100), 'a.jpg', 'image/jpeg') } };
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
		const text = await binaryFromBuffer(Buffer.from('{"not":"an image"}'), 'a.json', 'application/json');
		const notImage = await rejects({}, [{ json: {}, binary: { data: text } }]);
		expect(notImage.message).toMatch(/not an image.*item 1, image binary field "data"/);
		const gif = await binaryFromBuffer(Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;', 'latin1'), 'a.gif', 'image/gif');
		const raw = await rejects({ autoFit: false }, [{ json: {}, binary: { data: gif } }]);
		expect(raw.message).toMatch(/JPEG, PNG or WebP images; this file is GIF/);
		expect(raw.description).toContain('Auto-Fit');
	});

	test('the bad item is named: item 2 fails on its own values, after item 1 got its video', async () => {
		const good = await imageItem(await gradient(320, 240));
		const error = await runFailing(fake, { duration: 1 }, { items: [good] });
		expect(error.message).toMatch(/Duration 1 .*\(item 1, field "Duration \(Seconds\)"\)/);
		const second = await runFailing(fake, {}, { items: [good, { json: {} }] });
		expect(second.message).toContain('Item 2 has no binary field "data"');
		expect((second.context as { itemIndex?: number }).itemIndex).toBe(1);
		expect(fake.creates).toBe(1);
	});

	test('continue on fail: a bad item among good ones becomes an error item, the others get videos', async () => {
		const items = [await imageItem(await gradient(320, 240)), { json: { name: 'no image' } }, await imageItem(await gradient(240, 320))];
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

describe('the model table (models.ts) on its own', () => {
	const base: CreateInput = { operation: 'imageToVideo', model: 'gen4_turbo', ratio: '1280:720', duration: 5 };
	const fails = (input: Partial<CreateInput>, field: string, pattern: RegExp) => {
		let error: unknown;
		try {
			checkCreate({ ...base, ...input });
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(RunwayValidationError);
		expect((error as RunwayValidationError).field).toBe(field);
		expect(`${(error as Error).message} ${(error as RunwayValidationError).hint}`).toMatch(pattern);
	};

	test('last frames only where the model takes them (an expression can pick any model)', () => {
		fails({ lastFrame: true }, 'Last Frame', /gen4_turbo takes no last frame.*veo3\.1, veo3\.1_fast, seedance2/);
		fails({ model: 'veo3', duration: 8, lastFrame: true }, 'Last Frame', /veo3 takes no last frame/);
		expect(checkCreate({ ...base, model: 'veo3.1', duration: 8, lastFrame: true }).model).toBe('veo3.1');
		expect(checkCreate({ ...base, model: 'seedance2_mini', lastFrame: true }).model).toBe('seedance2_mini');
	});

	test('values from expressions: strings, blanks and wrong types', () => {
		expect(checkCreate({ ...base, duration: '7' }).duration).toBe(7);
		fails({ duration: 'seven' }, 'Duration (Seconds)', /Duration seven/);
		fails({ model: 42 }, 'Model', /Model "42"/);
		fails({ prompt: 12 }, 'Prompt', /must be text/);
		fails({ audio: 'yes', model: 'veo3.1', duration: 8 }, 'Audio', /true or false/);
		fails({ ratio: '' }, 'Ratio', /needs a ratio/);
		fails({ model: 'gen4.5', prompt: 'x', duration: undefined }, 'Duration (Seconds)', /needs a duration/);
		const optional = checkCreate({ ...base, model: 'seedance2', ratio: '', duration: undefined, prompt: '' });
		expect([optional.ratio, optional.duration, optional.promptText]).toEqual([undefined, undefined, undefined]);
		expect(checkCreate({ ...base, model: ' veo3.1_fast ', duration: 8, negativePrompt: '  ' }).negativePrompt).toBeUndefined();
	});

	test('image URLs: https on a domain, runway:// uploads and small image data URIs', () => {
		expect(checkImageUrl(' https://a.example.com/x.jpg ', 'Image URL')).toBe('https://a.example.com/x.jpg');
		expect(checkImageUrl('runway://upload/123', 'Image URL')).toBe('runway://upload/123');
		expect(checkImageUrl('data:image/png;base64,AAAA', 'Image URL')).toBe('data:image/png;base64,AAAA');
		expect(() => checkImageUrl('data:text/plain;base64,AAAA', 'Image URL')).toThrow(/data URI Runway does not take/);
		expect(() => checkImageUrl(`data:image/png;base64,${'A'.repeat(5 * 1024 * 1024)}`, 'Image URL')).toThrow(/5 MB/);
		expect(() => checkImageUrl('https://[::1]/x.jpg', 'Image URL')).toThrow(/domain/);
	});
});
