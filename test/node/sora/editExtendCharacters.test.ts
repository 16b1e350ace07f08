/** Edit, Extend, Create Character, Get Character and references by file id, through real HTTP against the fake. */
import { fakeVideoByte } from '../../fakes/common/fakeServer';
import { CLIP_MP4, fileItem, type FileItemOptions } from '../../helpers/items';
import { closeFakes, completeDirect, createDirect, expectNoSecret, FAST_WAIT, run, runOk, startFake } from './setup';
import { errorText } from '../setup';

afterEach(closeFakes);

/** A small MP4 (ISO media `ftyp` header and filler): what the API and the fake take as a video file. */
function mp4(bytes = 6000): Buffer {
	const data = Buffer.alloc(bytes, 9);
	data.writeUInt32BE(24, 0);
	data.write('ftypisom', 4, 'latin1');
	return data;
}

/** A video file in "data", as a chat (5) sent it. */
const CLIP: FileItemOptions = { ...CLIP_MP4, json: { chatId: 5 } };

describe('Edit', () => {
	test("by video ID (default): {video: {id}} in a JSON body (the spec's CreateVideoEditJsonBody), waits, downloads the new video", async () => {
		const fake = await startFake({ videoBytes: 50_000 });
		const source = await createDirect(fake, { prompt: 'A harbour', model: 'sora-2-pro', size: '1792x1024', seconds: '8' });
		await completeDirect(fake, source);
		const result = await runOk(fake, { operation: 'edit', videoId: source, prompt: 'Make it snow', ...FAST_WAIT });
		const edit = [...fake.videos.values()].find((v) => v.kind === 'edit')!;
		expect(edit).toMatchObject({ encoding: 'json', sourceVideoId: source, fields: { prompt: 'Make it snow', video: { id: source } } });
		const [item] = result.output;
		expect(item.json).toMatchObject({
			id: edit.id,
			status: 'completed',
			model: 'sora-2-pro',
			size: '1792x1024',
			sourceVideo: { source: 'id', id: source },
		});
		const bytes = result.test.readBinary(item.binary!.data);
		expect(bytes.length).toBe(50_000);
		expect(bytes[4321]).toBe(fakeVideoByte(4321, edit.seed));
		expect(result.test.logs).toContain(`info Sora Video "Sora Video": video ${edit.id} created for item 0; waiting for it`);
		expectNoSecret(result);
	});

	test('from an input binary field: the file goes as a video file part with its name and type', async () => {
		const fake = await startFake();
		const result = await runOk(
			fake,
			{ operation: 'edit', videoSource: 'binary', videoBinaryPropertyName: 'clip', prompt: 'Rain', waitForCompletion: false },
			{
				items: [await fileItem(mp4(), { ...CLIP, fileName: 'holiday.mp4', field: 'clip' })],
			},
		);
		const edit = [...fake.videos.values()][0];
		expect(edit.videoUpload).toEqual({ filename: 'holiday.mp4', contentType: 'video/mp4', bytes: 6000 });
		expect(result.output[0].json).toMatchObject({
			status: 'queued',
			sourceVideo: { source: 'binary', fileName: 'holiday.mp4', bytes: 6000 },
		});
		expect(String(result.output[0].json.note)).toContain(edit.id);
	});

	test('a binary field that is not a video, or missing, fails before any request, naming item and field', async () => {
		const fake = await startFake();
		const notVideo = await run(
			fake,
			{ operation: 'edit', videoSource: 'binary', prompt: 'Rain' },
			{
				items: [await fileItem(Buffer.from('<html>502</html>'), { ...CLIP, mimeType: 'text/html' })],
			},
		);
		expect(notVideo.error!.message).toMatch(/not an MP4, MOV or WebM video \(item 1, binary field "data"\)/);
		const missing = await run(
			fake,
			{ operation: 'edit', videoSource: 'binary', videoBinaryPropertyName: 'video', prompt: 'Rain' },
			{
				items: [await fileItem(mp4(), CLIP)],
			},
		);
		expect(missing.error!.message).toMatch(/Item 1 has no binary field "video"/);
		expect(missing.error!.description).toBe(
			'Its binary fields are: "data". Change the node\'s binary field that reads "video" to one of them.',
		);
		const noId = await run(fake, { operation: 'edit', videoId: '  ', prompt: 'Rain' });
		expect(noId.error!.message).toMatch(/No video ID given \(item 1, field "Video ID"\)/);
		const noPrompt = await run(fake, { operation: 'edit', videoId: 'video_1', prompt: '' });
		expect(noPrompt.error!.message).toMatch(/prompt is empty \(item 1, field "Prompt"\)/);
		expect(fake.server.requests).toHaveLength(0);
	});

	test("a source that is not completed: the API's refusal, explained; the edit is not sent twice", async () => {
		const fake = await startFake();
		const source = await createDirect(fake);
		const result = await run(fake, { operation: 'edit', videoId: source, prompt: 'Rain' });
		expect(result.error!.message).toMatch(/only a completed video can be edited\. \[invalid_video_status\]/);
		expect(result.error!.description).toMatch(/edit and extend need a completed video/);
		expect(fake.server.count('POST', '/v1/videos/edits')).toBe(1);
	});

	test("a wait that runs out keeps the new video's id (a paid job is never lost)", async () => {
		const fake = await startFake();
		const source = await createDirect(fake);
		await completeDirect(fake, source);
		fake.script(['queued', { status: 'in_progress', progress: 99, forever: true }]);
		const { output } = await runOk(fake, {
			operation: 'edit',
			videoId: source,
			prompt: 'Rain',
			pollIntervalSeconds: 0.01,
			maxWaitMinutes: 0.001,
		});
		const edit = [...fake.videos.values()].find((v) => v.kind === 'edit')!;
		expect(output[0].json).toMatchObject({ id: edit.id, timedOut: true, status: 'in_progress', progress: 99 });
	});
});

describe('Extend', () => {
	test('by ID: prompt, seconds as a string and video.id in JSON; the result is the stitched total', async () => {
		const fake = await startFake();
		const source = await createDirect(fake, { prompt: 'A harbour', seconds: '8' });
		await completeDirect(fake, source);
		const { output } = await runOk(fake, {
			operation: 'extend',
			videoId: source,
			prompt: 'The lights come on',
			seconds: '4',
			...FAST_WAIT,
		});
		const extension = [...fake.videos.values()].find((v) => v.kind === 'extend')!;
		expect(extension.fields).toEqual({ prompt: 'The lights come on', seconds: '4', video: { id: source } });
		expect(extension.encoding).toBe('json');
		expect(output[0].json).toMatchObject({ id: extension.id, seconds: '12', status: 'completed' });
		expect(output[0].binary!.data.mimeType).toBe('video/mp4');
	});

	test('custom seconds go as typed (the server decides); a number that no documentation lists fails first', async () => {
		const fake = await startFake({ allowLongSeconds: true });
		const source = await createDirect(fake);
		await completeDirect(fake, source);
		await runOk(fake, {
			operation: 'extend',
			videoId: source,
			prompt: 'More',
			seconds: 'custom',
			customSeconds: '20',
			waitForCompletion: false,
		});
		expect([...fake.videos.values()].find((v) => v.kind === 'extend')!.fields.seconds).toBe('20');
		const odd = await run(fake, { operation: 'extend', videoId: source, prompt: 'More', seconds: 'custom', customSeconds: '7' });
		expect(odd.error!.message).toMatch(/An extension does not take 7 seconds \(item 1, field "Custom Seconds"\)/);
	});

	test('a server that refuses 16 seconds says so in its own words', async () => {
		const fake = await startFake();
		const source = await createDirect(fake);
		await completeDirect(fake, source);
		const result = await run(fake, { operation: 'extend', videoId: source, prompt: 'More', seconds: 'custom', customSeconds: '16' });
		expect(result.error!.message).toBe("Invalid value: '16'. Supported values are: '4', '8', and '12'. [invalid_value]");
		expect(result.error!.description).toMatch(/OpenAI's guide adds "16" and "20"/);
	});
});

describe('Characters', () => {
	test('Create Character uploads the clip with its name; Get Character fetches it', async () => {
		const fake = await startFake();
		const made = await runOk(
			fake,
			{ operation: 'createCharacter', characterName: ' Captain Fox ' },
			{ items: [await fileItem(mp4(), { ...CLIP, fileName: 'fox.mov', mimeType: 'video/quicktime' })] },
		);
		const [character] = [...fake.characters.values()];
		expect(character).toMatchObject({ name: 'Captain Fox', encoding: 'multipart' });
		expect(character.video).toMatchObject({ filename: 'fox.mov', bytes: 6000 });
		expect(made.output[0].json).toEqual({ id: character.id, name: 'Captain Fox', created_at: character.created_at });

		const got = await runOk(fake, { operation: 'getCharacter', characterId: character.id });
		expect(got.output[0].json).toEqual(made.output[0].json);
		expectNoSecret(got);
	});

	test('a 5xx on Create Character is not sent again, and says the character may exist', async () => {
		const fake = await startFake();
		fake.server.inject({
			kind: 'status',
			method: 'POST',
			path: '/v1/videos/characters',
			status: 502,
			body: { error: { message: 'Bad gateway', type: 'server_error', param: null, code: null } },
		});
		const result = await run(fake, { operation: 'createCharacter', characterName: 'Fox' }, { items: [await fileItem(mp4(), CLIP)] });
		expect(result.error!.message).toBe('Bad gateway');
		expect(result.error!.description).toMatch(/the character may have been created\. It was not sent again/);
		expect(fake.server.count('POST', '/v1/videos/characters')).toBe(1);
	});

	test('a name over 80 characters, an empty name or no video fails before any request; an unknown id is the API 404', async () => {
		const fake = await startFake();
		const long = await run(fake, { operation: 'createCharacter', characterName: 'x'.repeat(81) }, { items: [await fileItem(mp4(), CLIP)] });
		expect(long.error!.message).toMatch(/The name is 81 characters long \(item 1, field "Name"\)/);
		const empty = await run(fake, { operation: 'createCharacter', characterName: '' }, { items: [await fileItem(mp4(), CLIP)] });
		expect(empty.error!.message).toMatch(/The name is empty/);
		const noVideo = await run(fake, { operation: 'createCharacter', characterName: 'Fox' });
		expect(noVideo.error!.message).toMatch(/Item 1 has no binary field "data"/);
		expect(fake.server.requests).toHaveLength(0);

		const unknown = await run(fake, { operation: 'getCharacter', characterId: 'char_nope' });
		expect(unknown.error!.httpCode).toBe('404');
		expect(unknown.error!.description).toMatch(/no character with this ID/);
		const badId = await run(fake, { operation: 'getCharacter', characterId: '..' });
		expect(badId.error!.message).toMatch(
			/"\.\." is not a character ID: "\.\." would address another endpoint \(item 1, field "Character ID"\)/,
		);
	});
});

describe('Reference image by file id', () => {
	test('sent as input_reference[file_id]; the output says which file', async () => {
		const fake = await startFake();
		const { output } = await runOk(fake, { prompt: 'x', referenceImage: 'fileId', imageFileId: ' file-abc123 ', waitForCompletion: false });
		const [record] = [...fake.videos.values()];
		expect(record.fields).toMatchObject({ input_reference: { file_id: 'file-abc123' } });
		expect(record.inputReference).toEqual({ source: 'file_id', fileId: 'file-abc123' });
		expect(output[0].json.referenceImage).toEqual({ source: 'file_id', fileId: 'file-abc123' });
	});

	test('an empty or malformed file id fails before any request', async () => {
		const fake = await startFake();
		for (const imageFileId of ['', 'file abc']) {
			const result = await run(fake, { prompt: 'x', referenceImage: 'fileId', imageFileId });
			expect(errorText(result.error)).toMatch(/field "Image File ID"/);
		}
		expect(fake.server.requests).toHaveLength(0);
	});
});
