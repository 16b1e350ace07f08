/**
 * Every model of the three generation endpoints, as a new user leaves it: the node's defaults plus a prompt
 * (and a binary photo or video where the endpoint takes one). Each creates a task on the fake, which enforces
 * the SDK's contract, and the body the node built equals a body the compiler accepts as the SDK's params type
 * (test/contract/runwayBodies.ts): the node's body equals a literal the compiler checked against the SDK
 * (`npm test`'s `tsc -p tsconfig.test.json` step refuses a literal the SDK would not take; ts-jest alone does not).
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { modelParameter } from '../../../nodes/RunwayVideo/helpers/parameters';
import { modelsFor } from '../../../nodes/RunwayVideo/models/table';
import type { Endpoint } from '../../../nodes/RunwayVideo/models/types';
import { DEFAULT_BODIES, DEFAULT_BODIES_V1, IMAGE, PROMPT, VIDEO } from '../../contract/runwayBodies';
import { startFakeRunway, type FakeRunway } from '../../fakes/runway';
import { gradient } from '../../helpers/images';
import { CLIP_MP4, fileItem } from '../../helpers/items';
import { smallVideo } from '../../helpers/videos';
import { run } from './setup';

let fake: FakeRunway;
beforeAll(async () => (fake = await startFakeRunway()));
afterAll(async () => await fake.close());

async function itemFor(endpoint: Endpoint): Promise<INodeExecutionData> {
	if (endpoint === 'imageToVideo') return await fileItem(await gradient(1200, 1600), { fileName: 'selfie.jpg' });
	if (endpoint === 'videoToVideo') return await fileItem(smallVideo(), CLIP_MP4);
	return { json: {} };
}

/** The body with its media URIs (data URIs of the test files) replaced by the placeholders the typed bodies use. */
function placeholders(body: Record<string, unknown>): Record<string, unknown> {
	const out = { ...body };
	if (typeof out.promptImage === 'string') out.promptImage = IMAGE;
	for (const field of ['promptVideo', 'videoUri']) if (typeof out[field] === 'string') out[field] = VIDEO;
	return out;
}

const cases = (['imageToVideo', 'textToVideo', 'videoToVideo'] as Endpoint[]).flatMap((endpoint) =>
	modelsFor(endpoint).map((model) => [endpoint, model] as const),
);

describe('every model with its defaults plus a prompt', () => {
	test('the typed bodies cover exactly the table', () => {
		expect(cases.map(([endpoint, model]) => `${endpoint} ${model}`).sort()).toEqual(
			Object.entries(DEFAULT_BODIES)
				.flatMap(([endpoint, bodies]) => Object.keys(bodies).map((model) => `${endpoint} ${model}`))
				.sort(),
		);
		expect(cases).toHaveLength(16 + 15 + 8);
	});

	test.each(cases)('%s %s creates a task, and its body is the SDK-typed one', async (endpoint, model) => {
		const before = fake.creates;
		const parameters = { operation: endpoint, [modelParameter(endpoint, 1.1)]: model, prompt: PROMPT, waitForCompletion: false };
		const { output } = await run(fake, parameters, { items: [await itemFor(endpoint)] });
		expect(output[0].json).toMatchObject({ model, status: 'PENDING', estimatedCost: { credits: expect.any(Number) } });
		expect(fake.creates).toBe(before + 1);
		const task = fake.tasks.get(String(output[0].json.id))!;
		expect(placeholders(task.body)).toEqual(DEFAULT_BODIES[endpoint as keyof typeof DEFAULT_BODIES][model]);
	});

	test.each(cases)('%s %s saved with version 1 sends the body it always sent', async (endpoint, model) => {
		const { output } = await run(
			fake,
			{ operation: endpoint, model, prompt: PROMPT, waitForCompletion: false },
			{ items: [await itemFor(endpoint)], typeVersion: 1 },
		);
		const task = fake.tasks.get(String(output[0].json.id))!;
		expect(placeholders(task.body)).toEqual(DEFAULT_BODIES_V1[endpoint as keyof typeof DEFAULT_BODIES_V1][model]);
	});
});
