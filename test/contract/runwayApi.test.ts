/**
 * Everything else the Runway Video node and the fake Runway depend on, read from the pinned `@runwayml/sdk`:
 * which requests start a task (found in the SDK, not listed by hand: each is an operation of the node or in
 * NOT_OFFERED with a reason), the task statuses and the object of each, what each create answers, the
 * organization. The node and the fake are compared apart; every line starts with "node:" or "fake:" and says
 * what to change, so fixing only one side cannot turn the other green.
 */
import * as fs from 'fs';

import { TASK_STATUSES } from '../../nodes/RunwayVideo/helpers/task';
import { ROUTER_PATH } from '../../nodes/RunwayVideo/models/router';
import { ENDPOINT_PATHS } from '../../nodes/RunwayVideo/models/types';
import { RUNWAY_TASK_STATUSES, startFakeRunway } from '../fakes/runway';
import type { FakeRunway, RunwayTaskStatus } from '../fakes/runway';
import { ONE_BODY_PER_PATH, withUrls } from './runwayBodies';
import { discoverTaskEndpoints, readTaskStatuses, SDK_ENDPOINTS } from './runwayContract';
import { SdkTypes, propertyPaths, sdkFile, setDiff, valuePaths } from './sdkTypes';

/** Task-creating requests of the SDK the node does not offer, and why. A new one fails the first test until it is decided. */
export const NOT_OFFERED: Readonly<Record<string, string>> = {
	text_to_image: 'makes images, not videos',
	image_upscale: 'makes images, not videos',
	'generate/image': 'makes images, not videos (the Model Router for images)',
	'generate/audio': 'makes audio, not videos (the Model Router for audio)',
	sound_effect: 'makes audio, not videos',
	speech_to_speech: 'makes audio, not videos',
	text_to_speech: 'makes audio, not videos',
	voice_dubbing: 'makes audio, not videos',
	voice_isolation: 'makes audio, not videos',
	'recipes/ad_localization': 'a recipe that makes ad images',
	'recipes/marketing_stock_image': 'a recipe that makes images',
	'recipes/product_campaign_image': 'a recipe that makes images',
	'recipes/multi_shot_video':
		'a recipe (a multi-step pipeline with its own shot-list inputs), not a model endpoint; recipes would be a resource of their own',
	'recipes/product_ad': 'a recipe (product images and brief in, an ad out), not a model endpoint; recipes would be a resource of their own',
	'recipes/product_swap': 'a recipe (replace a product in a video), not a model endpoint; recipes would be a resource of their own',
	'recipes/product_ugc':
		'a recipe (character and product in, a UGC ad out), not a model endpoint; recipes would be a resource of their own',
};

const sdkEndpoints = discoverTaskEndpoints();
const sdkStatuses = readTaskStatuses();
const offered = [...Object.values(ENDPOINT_PATHS), ROUTER_PATH];
// Read before the fake starts: type checking blocks for seconds, long enough for the fake to drop a kept-alive socket.
const createAnswers = new Map(
	sdkEndpoints.filter((e) => offered.includes(e.path)).map((e) => [e.path, new SdkTypes(e.module).shape(e.response)] as const),
);
const organization = new SdkTypes('@runwayml/sdk/resources/organization/organization').shape('OrganizationRetrieveResponse');
const nodeTaskFields = Object.keys(new SdkTypes('nodes/RunwayVideo/transport.ts').object('RunwayTask').props);
let fake: FakeRunway;

beforeAll(async () => {
	fake = await startFakeRunway({ steps: ['SUCCEEDED'] });
});
afterAll(async () => await fake.close());

async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
	const response = await fetch(`${fake.baseUrl}/v1/${path}`, {
		method,
		headers: { authorization: `Bearer ${fake.apiKey}`, 'x-runway-version': '2024-11-06', 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** What a JSON answer has that the SDK's type does not, and what the type requires that the answer lacks. */
function answerDrift(what: string, answer: unknown, shape: Parameters<typeof propertyPaths>[0], indexAt: string[] = []): string[] {
	const paths = valuePaths(answer, indexAt);
	const declared = new Set(propertyPaths(shape));
	const out = paths.filter((p) => !declared.has(p)).map((p) => `fake: ${what}: "${p}" is not in the SDK's type`);
	for (const required of propertyPaths(shape, '', { requiredOnly: true })) {
		if (!paths.includes(required)) out.push(`fake: ${what}: the SDK's type requires "${required}", the fake leaves it out`);
	}
	return out.map((line) => `${line} (test/fakes/runway.ts)`);
}

describe('Runway requests that start a task', () => {
	it('each is an operation of the node or listed in NOT_OFFERED with a reason; the fake serves each operation', async () => {
		console.log(
			`Runway requests the node does not offer (NOT_OFFERED in test/contract/runwayApi.test.ts):\n${Object.entries(NOT_OFFERED)
				.map(([path, reason]) => `  POST /v1/${path}: ${reason}`)
				.join('\n')}`,
		);
		const found = sdkEndpoints.map((e) => e.path);
		const out: string[] = [];
		for (const endpoint of sdkEndpoints) {
			if (!offered.includes(endpoint.path) && !(endpoint.path in NOT_OFFERED)) {
				out.push(
					`node: the SDK's ${endpoint.method} (POST /v1/${endpoint.path}, ${endpoint.module}) starts a task the node neither offers nor lists: add an operation, or list it with a reason in NOT_OFFERED (test/contract/runwayApi.test.ts)`,
				);
			}
		}
		for (const path of offered)
			if (!found.includes(path))
				out.push(`node: offers POST /v1/${path}, which the SDK no longer has (nodes/RunwayVideo/models/types.ts ENDPOINT_PATHS)`);
		for (const path of Object.keys(NOT_OFFERED))
			if (!found.includes(path)) out.push(`node: NOT_OFFERED lists POST /v1/${path}, which the SDK no longer has: remove it`);
		// The per-model contract (runway.test.ts) reads every model endpoint the node offers.
		out.push(
			...setDiff(
				'node: model endpoints read by test/contract/runwayContract.ts SDK_ENDPOINTS',
				'node',
				Object.keys(ENDPOINT_PATHS),
				'contract',
				Object.keys(SDK_ENDPOINTS),
			),
		);
		for (const path of offered) {
			const { status } = await call('POST', path, {});
			if (status === 404) out.push(`fake: does not serve POST /v1/${path} (test/fakes/runway.ts)`);
		}
		expect(out).toEqual([]);
	});

	it('each create the node offers answers what the SDK declares (fake), with the id and cost where the node reads them (node)', async () => {
		const out: string[] = [];
		for (const path of offered) {
			const shape = createAnswers.get(path);
			if (!shape) continue;
			const paths = propertyPaths(shape);
			if (!propertyPaths(shape, '', { requiredOnly: true }).includes('id'))
				out.push(`node: POST /v1/${path} answers no required "id" in the SDK (nodes/RunwayVideo/transport.ts createTask reads it)`);
			const costs = paths.filter((p) => /(^|\.)estimatedCost$/.test(p));
			for (const cost of costs) {
				if (cost !== 'estimatedCost' && cost !== 'routing.estimatedCost') {
					out.push(
						`node: POST /v1/${path} puts its estimate at "${cost}", the node reads estimatedCost or routing.estimatedCost (nodes/RunwayVideo/transport.ts createTask)`,
					);
				}
			}
			if (paths.includes('routing') && !paths.includes('routing.model'))
				out.push(`node: POST /v1/${path}: routing has no "model", which names the output files (nodes/RunwayVideo/helpers/create.ts)`);
			const created = await call('POST', path, withUrls(ONE_BODY_PER_PATH[path]));
			if (created.status !== 200)
				out.push(`fake: refused the SDK-typed body for POST /v1/${path}: ${JSON.stringify(created.json)} (test/fakes/runway.ts)`);
			else out.push(...answerDrift(`POST /v1/${path} answer`, created.json, shape));
		}
		expect(out).toEqual([]);
	});
});

describe('tasks', () => {
	it("node: knows exactly the SDK's task statuses", () => {
		const known = [...TASK_STATUSES.waiting, ...TASK_STATUSES.final];
		expect(
			setDiff('node: task statuses', 'node', known, 'SDK', Object.keys(sdkStatuses)).map(
				(line) => `${line} (nodes/RunwayVideo/helpers/task.ts TASK_STATUSES: decide whether it keeps the wait going or ends it)`,
			),
		).toEqual([]);
	});

	it("node: every task field it reads is in the SDK's TaskRetrieveResponse", () => {
		const read = nodeTaskFields;
		const declared = new Set(Object.values(sdkStatuses).flatMap((member) => Object.keys(member.props)));
		expect(
			read
				.filter((field) => !declared.has(field))
				.map((field) => `node: reads task.${field}, which no TaskRetrieveResponse member has (nodes/RunwayVideo/transport.ts RunwayTask)`),
		).toEqual([]);
	});

	it("fake: goes through exactly the SDK's statuses, answering each with the SDK's object for it", async () => {
		const out = setDiff('fake: task statuses', 'fake', RUNWAY_TASK_STATUSES, 'SDK', Object.keys(sdkStatuses)).map(
			(line) => `${line} (test/fakes/runwayTypes.ts RUNWAY_TASK_STATUSES)`,
		);
		for (const status of RUNWAY_TASK_STATUSES.filter((s) => s in sdkStatuses)) {
			fake.script([{ status: status as RunwayTaskStatus, forever: true, progress: 0.4 }]);
			const { json: created } = await call('POST', 'text_to_video', withUrls(ONE_BODY_PER_PATH.text_to_video));
			const { json: task } = await call('GET', `tasks/${String(created.id)}`);
			out.push(...answerDrift(`a ${status} task`, task, sdkStatuses[status]));
		}
		expect(out).toEqual([]);
	});
});

it('an answer is compared both ways (the check can fail)', () => {
	const pending = { id: 'a', createdAt: '2026-01-01T00:00:00Z', status: 'PENDING', estimatedCost: { credits: 5 }, queuePosition: 3 };
	const { estimatedCost: _dropped, ...withoutEstimate } = pending;
	expect([
		...answerDrift('a PENDING task', pending, sdkStatuses.PENDING),
		...answerDrift('a PENDING task', withoutEstimate, sdkStatuses.PENDING),
	]).toEqual([
		'fake: a PENDING task: "queuePosition" is not in the SDK\'s type (test/fakes/runway.ts)',
		'fake: a PENDING task: "queuePosition" is not in the SDK\'s type (test/fakes/runway.ts)',
		'fake: a PENDING task: the SDK\'s type requires "estimatedCost", the fake leaves it out (test/fakes/runway.ts)',
		'fake: a PENDING task: the SDK\'s type requires "estimatedCost.credits", the fake leaves it out (test/fakes/runway.ts)',
	]);
});

describe('organization', () => {
	const shape = organization;

	it("node: every field Get Credits reads is in the SDK's OrganizationRetrieveResponse", () => {
		// What nodes/RunwayVideo/actions/organization/getCredits.operation.ts reads.
		const read = [
			'creditBalance',
			'tier.maxMonthlyCreditSpend',
			'tier.models.*.maxConcurrentGenerations',
			'tier.models.*.maxDailyGenerations',
			'usage.models.*.dailyGenerations',
		];
		const declared = new Set(propertyPaths(shape));
		expect(
			read
				.filter((p) => !declared.has(p))
				.map((p) => `node: Get Credits reads ${p}, which the SDK's organization no longer has (getCredits.operation.ts)`),
		).toEqual([]);
	});

	it("fake: answers the SDK's OrganizationRetrieveResponse", async () => {
		await call('POST', 'text_to_video', withUrls(ONE_BODY_PER_PATH.text_to_video));
		const { json } = await call('GET', 'organization');
		expect(answerDrift('GET /v1/organization', json, shape, ['tier.models', 'usage.models'])).toEqual([]);
	});
});

describe("uploads (their wire format lives only in the SDK's code, not its types)", () => {
	const source = fs.readFileSync(sdkFile('@runwayml/sdk/resources/uploads', '.js'), 'utf8');
	const sdkSends = [...(/post\('\/v1\/uploads',\s*\{\s*body:\s*\{([^}]*)\}/.exec(source)?.[1] ?? '').matchAll(/(\w+):/g)].map((m) => m[1]);
	const sdkReads = [...new Set([...source.matchAll(/placeholder\.(\w+)/g)].map((m) => m[1]))];

	it("node: sends and reads what the SDK's createEphemeral does", () => {
		// What nodes/RunwayVideo/transport.ts uploadEphemeral sends to POST /v1/uploads and reads from its answer.
		const node = { sends: ['filename', 'type'], reads: ['uploadUrl', 'fields', 'runwayUri'] };
		expect(sdkSends.length * sdkReads.length).toBeGreaterThan(0);
		expect(
			[
				...setDiff('node: POST /v1/uploads body', 'node', node.sends, 'SDK', sdkSends),
				...setDiff('node: POST /v1/uploads answer read', 'node', node.reads, 'SDK', sdkReads),
			].map((line) => `${line} (nodes/RunwayVideo/transport.ts uploadEphemeral)`),
		).toEqual([]);
	});

	it("fake: answers what the SDK's createEphemeral reads", async () => {
		const { json } = await call('POST', 'uploads', { filename: 'clip.mp4', type: 'ephemeral' });
		expect(
			setDiff('fake: POST /v1/uploads answer', 'fake', Object.keys(json), 'SDK', sdkReads).map(
				(line) => `${line} (test/fakes/runwayUploads.ts startUpload)`,
			),
		).toEqual([]);
	});
});
