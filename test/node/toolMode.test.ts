/**
 * The video nodes as n8n runs them for an AI Agent (the `<name>Tool` variant n8n wraps a `usableAsTool` node
 * in), through real HTTP against the fakes: no file downloaded but a link or how to fetch it, tool defaults
 * (inputs by URL, a shorter wait), errors whose message carries the fix, a binary input refused plainly. The
 * e2e test test/e2e/agentTools.test.ts runs the same through a real Agent.
 */
import type { INodeType } from 'n8n-workflow';

import { RunwayVideo } from '../../nodes/RunwayVideo/RunwayVideo.node';
import { SoraVideo } from '../../nodes/SoraVideo/SoraVideo.node';
import { startFakeRunway, type FakeRunway } from '../fakes/runway';
import { startFakeSora, type FakeSora } from '../fakes/sora';
import { execute } from '../helpers/executeContext';
import { credentials as runwayCredentials } from './runway/setup';
import { credentials as soraCredentials } from './sora/setup';

/** The node as n8n's tool variant: the same class, its type named `<name>Tool`. */
function asTool(node: INodeType): INodeType {
	return { description: { ...node.description, name: `${node.description.name}Tool` }, execute: node.execute };
}

const IMAGE_URL = 'https://images.example.com/cat.jpg';
let runway: FakeRunway;
let sora: FakeSora;

beforeEach(async () => {
	runway = await startFakeRunway({ steps: [{ status: 'RUNNING', progress: 0.5 }, 'SUCCEEDED'] });
	sora = await startFakeSora({ pollAfterMs: 0 });
});
afterEach(async () => {
	await runway.close();
	await sora.close();
});

const toolArgs = [{ json: { prompt: 'The cat yawns', toolCallId: 'call_1' } }];

describe('Runway Video as a tool', () => {
	test('the image comes by URL by default; the item carries the link and the cost, and nothing is downloaded', async () => {
		const { output } = await execute({
			nodeType: asTool(new RunwayVideo()),
			parameters: { imageUrl: IMAGE_URL, prompt: 'The cat yawns', ratio: '1280:720', pollIntervalSeconds: 0 },
			items: toolArgs,
			credentials: runwayCredentials(runway),
		});
		expect(output).toHaveLength(1);
		const [item] = output;
		expect(item.binary).toBeUndefined();
		expect(item.json).toMatchObject({ status: 'SUCCEEDED', cost: { credits: expect.any(Number) } });
		expect(item.json.link).toBe(item.json.videoUrl);
		expect(String(item.json.note)).toContain(`"Get Task" with ID ${String(item.json.id)}`);
		expect(runway.server.requests.filter((request) => /\/outputs\//.test(request.path))).toEqual([]);
		expect([...runway.tasks.values()][0].body).toMatchObject({ promptImage: IMAGE_URL });
	});

	test('the plain node still reads a binary image by default, with its editor wording', async () => {
		await expect(
			execute({ nodeType: new RunwayVideo(), parameters: { prompt: 'x' }, items: toolArgs, credentials: runwayCredentials(runway) }),
		).rejects.toThrow('Item 1 has no binary field "data"');
	});

	test('an invalid argument: the message itself names the allowed values, without item numbers', async () => {
		const error = (await execute({
			nodeType: asTool(new RunwayVideo()),
			parameters: { imageUrl: IMAGE_URL, prompt: 'x', ratio: '16:9' },
			items: toolArgs,
			credentials: runwayCredentials(runway),
		}).catch((caught: unknown) => caught)) as Error;
		expect(error.message).toMatch(/^Ratio "16:9" is not available for .+ \(field "Ratio"\)\. Use one of: 1280:720, 720:1280/);
		expect(error.message).not.toMatch(/item \d/i);
		expect(runway.creates).toBe(0);
	});

	test('a binary input in tool mode: a plain error that a tool call carries text only', async () => {
		const error = (await execute({
			nodeType: asTool(new RunwayVideo()),
			parameters: { imageSource: 'binary', prompt: 'x' },
			items: toolArgs,
			credentials: runwayCredentials(runway),
		}).catch((caught: unknown) => caught)) as Error;
		expect(error.message).toContain('a tool call carries only text');
		expect(error.message).toContain('as a URL');
	});

	test('the tool variant waits 4 minutes by default, the plain node 10; each operation has its tool description', () => {
		const properties = new RunwayVideo().description.properties;
		const maxWaits = properties.filter((property) => property.name === 'maxWaitMinutes');
		expect(maxWaits.map((property) => [property.default, property.displayOptions?.show?.['@tool']])).toContainEqual([4, [true]]);
		expect(maxWaits.map((property) => [property.default, property.displayOptions?.show?.['@tool']])).toContainEqual([10, [false]]);
		const descriptions = properties.filter((property) => property.name === 'toolDescription');
		expect(descriptions.map((property) => property.displayOptions?.show?.operation?.[0]).sort()).toEqual([
			'avatarVideo',
			'cancelTask',
			'characterPerformance',
			'generateVideo',
			'getCredits',
			'getTask',
			'imageToVideo',
			'textToVideo',
			'upscaleVideo',
			'videoToHdr',
			'videoToVideo',
		]);
	});
});

describe('Sora Video as a tool', () => {
	test('a finished video: its id, and plainly that the file needs the key and how to fetch it; nothing downloaded', async () => {
		const { output } = await execute({
			nodeType: asTool(new SoraVideo()),
			parameters: { operation: 'generate', prompt: 'A paper boat drifts', pollIntervalSeconds: 0 },
			items: toolArgs,
			credentials: soraCredentials(sora),
		});
		const [item] = output;
		expect(item.binary).toBeUndefined();
		expect(item.json).toMatchObject({ status: 'completed', link: null });
		expect(String(item.json.note)).toContain('API key');
		expect(String(item.json.note)).toContain(`"Download" operation`);
		expect(String(item.json.note)).toContain(String(item.json.id));
		expect(sora.server.requests.filter((request) => request.path.endsWith('/content'))).toEqual([]);
	});
});
