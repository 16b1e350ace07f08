/**
 * Video to HDR, Avatar Video and Generate with a Model Router against the fake Runway (which checks every body
 * against the SDK's rules): each creates a task with a body equal to an SDK-typed one (test/contract/runwayBodies.ts),
 * waits, and downloads every output file as its own binary; each item says what the task costs; bad input is
 * refused before any request, naming the item and the field.
 */

import { NEW_OPERATION_BODIES, ROUTER_CONFIG, SPEECH, PROMPT } from '../../contract/runwayBodies';
import { startFakeRunway, type FakeRunway } from '../../fakes/runway';
import { gradient } from '../../helpers/images';
import { CLIP_MP4, fileItem } from '../../helpers/items';
import { smallVideo } from '../../helpers/videos';
import { run, runFailing } from './setup';
import { binaryOf } from '../setup';

let fake: FakeRunway;
beforeAll(async () => (fake = await startFakeRunway({ videoBytes: 4096 })));
afterAll(async () => await fake.close());

/** The body with its inline media replaced by the placeholders the SDK-typed bodies use. */
function placeholders(body: unknown): unknown {
	return JSON.parse(JSON.stringify(body).replace(/"data:(image|video|audio)\/[^"]*"/g, (_, kind: string) => `"${kind.toUpperCase()}"`));
}

/** A short MP3 (an ID3 header, then frame bytes). */
function mp3(): Buffer {
	return Buffer.concat([Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'), Buffer.alloc(2048, 0x55)]);
}

function lastTask() {
	return [...fake.tasks.values()].pop()!;
}

describe('Video to HDR', () => {
	it('defaults: ruby, HDR10; waits and downloads the .mp4, with the cost', async () => {
		const { output } = await run(fake, { operation: 'videoToHdr' }, { items: [await fileItem(smallVideo(), CLIP_MP4)] });
		const task = lastTask();
		expect(placeholders(task.body)).toEqual(NEW_OPERATION_BODIES.videoToHdr);
		expect(output[0].json).toMatchObject({
			model: 'ruby',
			status: 'SUCCEEDED',
			estimatedCost: { credits: task.credits },
			cost: { credits: task.credits },
		});
		expect(binaryOf(output[0])).toMatchObject({ mimeType: 'video/mp4', fileName: `runway-ruby-${task.id}.mp4` });
	});

	it('HDR ProRes with a profile: a .mov; an OpenEXR ACEScg sequence: one .zip', async () => {
		const prores = await run(
			fake,
			{ operation: 'videoToHdr', outputFormat: 'hdr_prores', options: { proresProfile: '4444' } },
			{ items: [await fileItem(smallVideo(), CLIP_MP4)] },
		);
		expect(placeholders(lastTask().body)).toEqual(NEW_OPERATION_BODIES.videoToHdrProres);
		expect(binaryOf(prores.output[0])).toMatchObject({ mimeType: 'video/quicktime', fileExtension: 'mov' });
		const exr = await run(
			fake,
			{ operation: 'videoToHdr', outputFormat: 'hdr_exr_acescg_sequence_1_3' },
			{ items: [await fileItem(smallVideo(), CLIP_MP4)] },
		);
		expect(placeholders(lastTask().body)).toEqual(NEW_OPERATION_BODIES.videoToHdrExr);
		expect(Object.keys(exr.output[0].binary ?? {})).toEqual(['data']);
		expect(binaryOf(exr.output[0])).toMatchObject({ mimeType: 'application/zip' });
	});

	it('a ProRes profile with another output format is refused before any request', async () => {
		const before = fake.creates;
		const error = await runFailing(
			fake,
			{ operation: 'videoToHdr', outputFormat: 'hlg', options: { proresProfile: '422' } },
			{ items: [await fileItem(smallVideo(), CLIP_MP4)] },
		);
		expect(error.message).toBe(
			'ProRes Profile "422" applies only to the HDR ProRes output format, not to hlg (item 1, field "ProRes Profile")',
		);
		expect(fake.creates).toBe(before);
	});
});

describe('Avatar Video', () => {
	it('a preset avatar speaks a text: without waiting the item has the id and the estimated cost (read from the task)', async () => {
		const { output } = await run(fake, { operation: 'avatarVideo', speechText: SPEECH, waitForCompletion: false });
		const task = lastTask();
		expect(task.body).toEqual(NEW_OPERATION_BODIES.avatarVideo);
		expect(output[0].json).toMatchObject({
			id: task.id,
			model: 'gwm1_avatars',
			status: 'PENDING',
			estimatedCost: { credits: task.credits },
		});
	});

	it('a custom avatar with a preset voice; waits and downloads the video, with the cost', async () => {
		const { output } = await run(fake, {
			operation: 'avatarVideo',
			avatarType: 'custom',
			avatarId: 'av_123',
			speechText: SPEECH,
			voiceType: 'preset',
			voicePreset: 'clara',
		});
		const task = lastTask();
		expect(task.body).toEqual(NEW_OPERATION_BODIES.avatarVideoVoice);
		expect(output[0].json).toMatchObject({ status: 'SUCCEEDED', cost: { credits: task.credits } });
		expect(binaryOf(output[0])).toMatchObject({ mimeType: 'video/mp4' });
	});

	it('speaks an audio file from a binary field (inline as a data URI)', async () => {
		const items = [await fileItem(mp3(), { fileName: 'hello.mp3', mimeType: 'audio/mpeg' })];
		const { output } = await run(fake, { operation: 'avatarVideo', avatarPreset: 'tennis-coach', speechType: 'audio' }, { items });
		expect(placeholders(lastTask().body)).toEqual(NEW_OPERATION_BODIES.avatarVideoAudio);
		expect(lastTask().images).toEqual([expect.objectContaining({ kind: 'audio', source: 'dataUri' })]);
		expect(output[0].json).toMatchObject({ audio: { source: 'binary', mimeType: 'audio/mpeg', delivery: 'dataUri' } });
	});

	it('an empty text or a file that is not audio is refused before any request', async () => {
		const before = fake.creates;
		expect((await runFailing(fake, { operation: 'avatarVideo', speechText: '  ' })).message).toBe('Text is empty (item 1, field "Text")');
		const notAudio = [await fileItem(await gradient(20, 20), { fileName: 'a.jpg' })];
		const error = await runFailing(fake, { operation: 'avatarVideo', speechType: 'audio' }, { items: notAudio });
		expect(error.message).toBe(
			'Runway takes MP3, WAV, FLAC, AAC or M4A audio; this file is none of them (item 1, audio binary field "data")',
		);
		expect(fake.creates).toBe(before);
	});
});

describe('Generate with a Model Router', () => {
	it('a prompt: the router picks the model; the item names it, with routing and cost, and the file is named after it', async () => {
		const { output } = await run(fake, { operation: 'generateVideo', configId: ROUTER_CONFIG, prompt: PROMPT });
		const task = lastTask();
		expect(task.body).toEqual(NEW_OPERATION_BODIES.generateVideo);
		expect(output[0].json).toMatchObject({
			model: 'gen4.5',
			configId: ROUTER_CONFIG,
			routing: { model: 'gen4.5', provider: 'runway' },
			estimatedCost: { credits: task.credits },
			cost: { credits: task.credits },
		});
		expect(binaryOf(output[0]).fileName).toBe(`runway-gen4.5-${task.id}.mp4`);
	});

	it('a binary first frame, aspect ratio, resolution, duration and silent audio', async () => {
		const items = [await fileItem(await gradient(600, 800))];
		const parameters = {
			operation: 'generateVideo',
			configId: ROUTER_CONFIG,
			prompt: PROMPT,
			imageSource: 'binary',
			aspectRatio: '9:16',
			resolution: '720p',
			options: { duration: 5, audio: 'false' },
		};
		await run(fake, parameters, { items });
		expect(placeholders(lastTask().body)).toEqual(NEW_OPERATION_BODIES.generateVideoImage);
		expect(lastTask().images).toEqual([expect.objectContaining({ kind: 'image', width: 600, height: 800 })]);
	});

	it('a source video by URL', async () => {
		await run(fake, {
			operation: 'generateVideo',
			configId: ROUTER_CONFIG,
			prompt: PROMPT,
			videoSource: 'url',
			videoUrl: 'https://cdn.example.com/clip.mp4',
			waitForCompletion: false,
		});
		expect(JSON.parse(JSON.stringify(lastTask().body).replace('https://cdn.example.com/clip.mp4', 'VIDEO'))).toEqual(
			NEW_OPERATION_BODIES.generateVideoSource,
		);
	});

	it("an empty config is refused before any request; an unknown one with Runway's words", async () => {
		const before = fake.creates;
		expect((await runFailing(fake, { operation: 'generateVideo', configId: ' ', prompt: PROMPT })).message).toBe(
			'Router Config ID is empty (item 1, field "Router Config ID")',
		);
		const unknown = await runFailing(fake, { operation: 'generateVideo', configId: 'no-such-router', prompt: PROMPT });
		expect(unknown.message).toBe('Runway refused to create the task (HTTP 404): Router config "no-such-router" not found.');
		expect(fake.creates).toBe(before);
	});
});
