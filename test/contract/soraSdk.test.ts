/**
 * The openai SDK itself (the pinned version) against the fake Sora server: every Videos method, with the
 * encodings the SDK chooses (multipart with bracket keys for objects, JSON for remix), must be accepted and
 * answered in the shapes the SDK expects. This is what keeps the fake honest as a stand-in for a real server.
 */
import OpenAI, { toFile } from 'openai';
import sharp from 'sharp';

import { startFakeSora } from '../fakes/sora';
import type { FakeSora } from '../fakes/sora';

let fake: FakeSora;
let client: OpenAI;

beforeAll(async () => {
	fake = await startFakeSora({ pollAfterMs: null });
	client = new OpenAI({ apiKey: fake.apiKey, baseURL: fake.baseUrl, maxRetries: 0 });
});

afterAll(async () => {
	await fake.close();
});

async function completed(id: string): Promise<OpenAI.Videos.Video> {
	for (let i = 0; i < 10; i++) {
		const video = await client.videos.retrieve(id);
		if (video.status === 'completed' || video.status === 'failed') return video;
	}
	throw new Error(`${id} never finished`);
}

function mp4(): Buffer {
	const data = Buffer.alloc(4096, 5);
	data.writeUInt32BE(24, 0);
	data.write('ftypisom', 4, 'latin1');
	return data;
}

describe('the openai SDK against the fake', () => {
	it('create with an image URL, a file id and an image file: multipart, objects as bracket keys', async () => {
		const byUrl = await client.videos.create({ prompt: 'A lighthouse', input_reference: { image_url: 'https://example.com/a.jpg' } });
		expect(fake.videos.get(byUrl.id)).toMatchObject({
			encoding: 'multipart',
			inputReference: { source: 'image_url', url: 'https://example.com/a.jpg' },
		});
		const byId = await client.videos.create({
			prompt: 'A lighthouse',
			model: 'sora-2-pro',
			size: '1792x1024',
			seconds: '8',
			input_reference: { file_id: 'file-abc' },
		});
		expect(byId).toMatchObject({ model: 'sora-2-pro', size: '1792x1024', seconds: '8', status: 'queued' });
		expect(fake.videos.get(byId.id)!.inputReference).toEqual({ source: 'file_id', fileId: 'file-abc' });
		const png = await sharp({ create: { width: 720, height: 1280, channels: 3, background: { r: 1, g: 2, b: 3 } } })
			.png()
			.toBuffer();
		const byFile = await client.videos.create({
			prompt: 'A lighthouse',
			input_reference: await toFile(png, 'ref.png', { type: 'image/png' }),
		});
		expect(fake.videos.get(byFile.id)!.inputReference).toMatchObject({
			source: 'file',
			width: 720,
			height: 1280,
			contentType: 'image/png',
		});
	});

	it('retrieve, list, download, remix, edit, extend, delete', async () => {
		const { id } = await client.videos.create({ prompt: 'A boat', seconds: '4' });
		expect((await completed(id)).status).toBe('completed');
		const page = await client.videos.list({ limit: 2, order: 'asc' });
		expect(page.data.length).toBeGreaterThan(0);
		const content = await client.videos.downloadContent(id, { variant: 'thumbnail' });
		expect(content.headers.get('content-type')).toBe('image/webp');
		const remix = await client.videos.remix(id, { prompt: 'At night' });
		expect(remix.remixed_from_video_id).toBe(id);
		const edit = await client.videos.edit({ prompt: 'In snow', video: { id } });
		expect(fake.videos.get(edit.id)).toMatchObject({ kind: 'edit', sourceVideoId: id, encoding: 'multipart' });
		const uploaded = await client.videos.edit({ prompt: 'In snow', video: await toFile(mp4(), 'clip.mp4', { type: 'video/mp4' }) });
		expect(fake.videos.get(uploaded.id)!.videoUpload).toMatchObject({ filename: 'clip.mp4', contentType: 'video/mp4' });
		const extension = await client.videos.extend({ prompt: 'Then rain', seconds: '8', video: { id } });
		expect(extension.seconds).toBe('12');
		expect((await client.videos.delete(id)).deleted).toBe(true);
	});

	it('createCharacter and getCharacter', async () => {
		const made = await client.videos.createCharacter({ name: 'Captain Fox', video: await toFile(mp4(), 'fox.mp4', { type: 'video/mp4' }) });
		expect(made.name).toBe('Captain Fox');
		expect(await client.videos.getCharacter(made.id!)).toEqual(made);
	});

	it("a refusal reaches the SDK as its own error class with the API's code", async () => {
		await expect(client.videos.create({ prompt: 'x', size: '1792x1024' })).rejects.toMatchObject({
			status: 400,
			code: 'invalid_value',
			param: 'size',
		});
		await expect(client.videos.retrieve('video_nope')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
	});
});
