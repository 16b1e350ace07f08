/**
 * Node version 1.1 against 1: a workflow saved with version 1 runs as it always did (its `model`, its
 * defaults), 1.1 reads its own parameters, and the editor's own parameter handling (n8n-workflow's
 * NodeHelpers, the calls NodeSettings makes when a value changes) no longer carries a model into an operation
 * that does not have it, and marks Prompt required where the model needs one.
 */
import type { INode, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { startFakeRunway, type FakeRunway } from '../../fakes/runway';
import { CLIP_MP4, fileItem } from '../../helpers/items';
import { smallVideo } from '../../helpers/videos';
import { nodeType, run } from './setup';

let fake: FakeRunway;
beforeAll(async () => (fake = await startFakeRunway()));
afterAll(async () => await fake.close());

const lastTask = () => [...fake.tasks.values()].pop()!;
const VIDEO_URL = { videoSource: 'url', videoUrl: 'https://cdn.example.com/a.mp4' };

describe('a workflow saved with version 1', () => {
	test('Upscale Video with enhance_frame_rate keeps its 24 fps default; 1.1 defaults to 60 fps', async () => {
		await run(fake, { operation: 'upscaleVideo', model: 'enhance_frame_rate', waitForCompletion: false, ...VIDEO_URL }, { typeVersion: 1 });
		expect(lastTask().body).toEqual({ model: 'enhance_frame_rate', targetFramerate: '24', videoUri: VIDEO_URL.videoUrl });
		await run(fake, { operation: 'upscaleVideo', upscaleVideoModel: 'enhance_frame_rate', waitForCompletion: false, ...VIDEO_URL });
		expect(lastTask().body).toEqual({ model: 'enhance_frame_rate', targetFramerate: '60', videoUri: VIDEO_URL.videoUrl });
	});

	test('Video to Video with seedance2 still sends its 5 seconds; 1.1 leaves the duration to the model unless told', async () => {
		const saved = { operation: 'videoToVideo', model: 'seedance2', prompt: 'Snow', waitForCompletion: false };
		await run(fake, saved, { typeVersion: 1, items: [await fileItem(smallVideo(), CLIP_MP4)] });
		expect(lastTask().body).toMatchObject({ model: 'seedance2', duration: 5 });
		const current = { operation: 'videoToVideo', videoToVideoModel: 'seedance2', prompt: 'Snow', waitForCompletion: false };
		await run(fake, current, { items: [await fileItem(smallVideo(), CLIP_MP4)] });
		expect(lastTask().body).not.toHaveProperty('duration');
		await run(fake, { ...current, durationMode: 'auto' }, { items: [await fileItem(smallVideo(), CLIP_MP4)] });
		expect(lastTask().body).toMatchObject({ duration: 'auto' });
		await run(fake, { ...current, durationMode: 'seconds', duration: 7 }, { items: [await fileItem(smallVideo(), CLIP_MP4)] });
		expect(lastTask().body).toMatchObject({ duration: 7 });
		// Version 1's way to auto (Options) still works there.
		await run(fake, { ...saved, options: { durationAuto: true } }, { typeVersion: 1, items: [await fileItem(smallVideo(), CLIP_MP4)] });
		expect(lastTask().body).toMatchObject({ duration: 'auto' });
	});

	test('each version reads its own Model parameter: 1.1 ignores a stray `model` on Text to Video', async () => {
		await run(fake, { operation: 'textToVideo', model: 'veo3.1', prompt: 'Rain', waitForCompletion: false }, { typeVersion: 1 });
		expect(lastTask().body).toMatchObject({ model: 'veo3.1', duration: 8 });
		await run(fake, { operation: 'textToVideo', textToVideoModel: 'veo3.1', prompt: 'Rain', waitForCompletion: false });
		expect(lastTask().body).toMatchObject({ model: 'veo3.1', duration: 8 });
		await run(fake, { operation: 'textToVideo', model: 'veo3.1', prompt: 'Rain', waitForCompletion: false });
		expect(lastTask().body).toMatchObject({ model: 'gen4.5' });
	});
});

/** What n8n's editor stores after one parameter changes (useNodeSettingsParameters.updateNodeParameter). */
function change(typeVersion: number, parameters: INodeParameters, name: string, value: string): INodeParameters {
	const description = nodeType.description;
	const node: INode = { id: 'n', name: 'Runway Video', type: 'n8n-nodes-ai-video.runwayVideo', typeVersion, position: [0, 0], parameters };
	const set = NodeHelpers.getNodeParameters(description.properties, parameters, false, false, node, description)!;
	set[name] = value;
	return NodeHelpers.getNodeParameters(description.properties, set, true, false, node, description)!;
}

function issues(typeVersion: number, parameters: INodeParameters): string[] {
	const description = nodeType.description;
	const node: INode = { id: 'n', name: 'Runway Video', type: 'n8n-nodes-ai-video.runwayVideo', typeVersion, position: [0, 0], parameters };
	const resolved = NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description)!;
	return Object.keys(
		NodeHelpers.getNodeParametersIssues(description.properties, { ...node, parameters: resolved }, description)?.parameters ?? {},
	);
}

describe('in the editor', () => {
	test('switching Operation shows the new operation’s own model (version 1 kept Hailuo 3, which Upscale Video does not have)', () => {
		const picked = change(1.1, change(1.1, {}, 'model', 'hailuo3'), 'operation', 'upscaleVideo');
		expect(picked).toMatchObject({ operation: 'upscaleVideo', upscaleVideoModel: 'magnific_video_upscaler_creative' });
		expect(JSON.stringify(picked)).not.toContain('hailuo3');
		// Back to Image to Video: its default, not the model picked before (n8n dropped the hidden value).
		expect(change(1.1, picked, 'operation', 'imageToVideo')).toMatchObject({ model: 'gen4_turbo' });

		const old = change(1, change(1, {}, 'model', 'hailuo3'), 'operation', 'upscaleVideo');
		expect(old).toMatchObject({ operation: 'upscaleVideo', model: 'hailuo3' });
	});

	test('Text to Video ↔ Video to Video: each keeps its own model', () => {
		const text = change(1.1, change(1.1, {}, 'operation', 'textToVideo'), 'textToVideoModel', 'veo3.1');
		const video = change(1.1, text, 'operation', 'videoToVideo');
		expect(video).toMatchObject({ videoToVideoModel: 'aleph2' });
		expect(video).not.toHaveProperty('textToVideoModel');
	});

	test('an empty Prompt is an issue from 1.1 where the model needs one, never where it is optional, and never in version 1', () => {
		expect(issues(1.1, { operation: 'textToVideo', textToVideoModel: 'veo3.1' })).toEqual(['prompt']);
		expect(issues(1.1, { operation: 'imageToVideo', model: 'gen4.5' })).toEqual(['prompt']);
		expect(issues(1.1, { operation: 'imageToVideo', model: 'gen4_turbo' })).toEqual([]);
		expect(issues(1.1, { operation: 'textToVideo', textToVideoModel: 'seedance2_5' })).toEqual([]);
		expect(issues(1.1, { operation: 'textToVideo', textToVideoModel: 'veo3.1', prompt: 'Rain' })).toEqual([]);
		expect(issues(1, { operation: 'textToVideo', model: 'veo3.1' })).toEqual([]);
	});
});
