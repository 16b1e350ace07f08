/**
 * The Runway Video node's model table and the fake Runway server against the pinned `@runwayml/sdk`: every
 * model of every create endpoint, its fields, required fields, enumerated values (nested ones too, such as
 * `contentModeration.publicFigureThreshold`), duration and prompt rules, promptImage positions and documented
 * ranges; and the Model Router's input. Each test collects every difference and expects none, so a bump of the
 * SDK lists all the drift at once (see HACKING.md, "Bumping a vendor SDK"). Lines start with "node:" or "fake:"
 * and say what to change.
 */
import { PUBLIC_FIGURE_THRESHOLDS } from '../../nodes/RunwayVideo/models/check';
import { ROUTER_INPUT } from '../../nodes/RunwayVideo/models/router';
import { RUNWAY_MODELS } from '../../nodes/RunwayVideo/models/table';
import type { Endpoint, ModelRules } from '../../nodes/RunwayVideo/models/types';
import { FAKE_ROUTER_INPUT, FAKE_RUNWAY_CONTRACT } from '../fakes/runwayModels';
import { readRouterInput, readRunwayContract, SDK_ENDPOINTS } from './runwayContract';
import type { SdkModelSpec } from './runwayContract';
import { setDiff } from './sdkTypes';
import type { Literal } from './sdkTypes';

const sdk = readRunwayContract();
const endpoints = Object.keys(SDK_ENDPOINTS) as Endpoint[];

const FIX = {
	node: 'nodes/RunwayVideo/models/table.ts',
	fake: "test/fakes/runwayModels.ts (read from the SDK: a difference means the reader or the fake's own data is off)",
};

/**
 * The enumerated values the node puts inside object fields, for one model: its table's `nested` (reference
 * types, Avatar Video's choices), the promptImage positions its table allows, and the moderation thresholds.
 */
export function nodeNested(rules: ModelRules): Record<string, readonly string[]> {
	const nested: Record<string, readonly string[]> = { ...(rules.nested ?? {}) };
	if (rules.positions) nested['promptImage.position'] = rules.positions === 'first' ? ['first'] : ['first', 'last'];
	if (rules.fields.includes('contentModeration')) nested['contentModeration.publicFigureThreshold'] = PUBLIC_FIGURE_THRESHOLDS;
	// Character Performance: the character is an image or a video, the performance a video (characterPerformance.operation.ts).
	if (rules.fields.includes('character')) nested['character.type'] = ['image', 'video'];
	if (rules.fields.includes('reference')) nested['reference.type'] = ['video'];
	return nested;
}

/** Every difference between one model's rules (node or fake) and the SDK's, in words, starting with `where`. */
export function modelDrift(where: 'node' | 'fake', endpoint: string, model: string, ours: ModelRules, theirs: SdkModelSpec): string[] {
	const at = `${where}: ${endpoint} ${model}`;
	const out: string[] = [];
	out.push(...setDiff(`${at}: fields`, where, ours.fields, 'SDK', theirs.fields));
	out.push(...setDiff(`${at}: required fields`, where, ours.required, 'SDK', theirs.required));
	for (const field of new Set([...Object.keys(ours.enums), ...Object.keys(theirs.enums)])) {
		out.push(...setDiff(`${at}: ${field} values`, where, ours.enums[field] ?? [], 'SDK', theirs.enums[field] ?? []));
	}
	for (const field of new Set([...Object.keys(ours.deprecated ?? {}), ...Object.keys(theirs.deprecated)])) {
		out.push(...setDiff(`${at}: deprecated ${field} values`, where, ours.deprecated?.[field] ?? [], 'SDK', theirs.deprecated[field] ?? []));
	}
	const nested = where === 'node' ? nodeNested(ours) : (ours.nested ?? {});
	for (const path of new Set([...Object.keys(nested), ...Object.keys(theirs.nested)])) {
		// Where the SDK types promptImage as Array<unknown> (hailuo3, wan3), the positions rule comes from its JSDoc (below).
		if (path === 'promptImage.position' && !(path in theirs.nested)) continue;
		out.push(...setDiff(`${at}: ${path} values`, where, nested[path] ?? [], 'SDK', theirs.nested[path] ?? []));
	}
	const same = (what: string, a: unknown, b: unknown) => {
		if (JSON.stringify(a) !== JSON.stringify(b))
			out.push(`${at}: ${what}: ${where} has ${JSON.stringify(a) ?? 'none'}, SDK has ${JSON.stringify(b) ?? 'none'}`);
	};
	const duration = (rule: { values?: readonly number[]; min?: number; max?: number; auto: boolean } | undefined) =>
		rule && { values: rule.values ? [...rule.values].sort() : undefined, min: rule.min, max: rule.max, auto: rule.auto };
	same('duration rule', duration(ours.duration), duration(theirs.duration));
	same('promptText maximum', ours.promptMax, theirs.promptMax);
	same('promptImage positions', ours.positions, theirs.positions);
	same('ranges', sortKeys(ours.ranges ?? {}), sortKeys(theirs.ranges));
	return out;
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
	return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/** Every difference between a whole table (node or fake) and the SDK, each line ending with the file to change. */
function drift(where: 'node' | 'fake', table: Readonly<Record<Endpoint, Readonly<Record<string, ModelRules>>>>): string[] {
	const out: string[] = [];
	for (const endpoint of endpoints) {
		const ours = table[endpoint] ?? {};
		const theirs = sdk[endpoint];
		out.push(...setDiff(`${where}: ${endpoint}: models`, where, Object.keys(ours), 'SDK', Object.keys(theirs)));
		for (const model of Object.keys(ours).filter((m) => m in theirs))
			out.push(...modelDrift(where, endpoint, model, ours[model], theirs[model]));
	}
	return out.map((line) => `${line} (${FIX[where]})`);
}

describe('Runway contract: @runwayml/sdk', () => {
	it('has the endpoints and models the node offers (16 image, 15 text, 8 video to video, 2 upscalers, Act-Two, Ruby, avatars)', () => {
		const count = (endpoint: Endpoint) => Object.keys(sdk[endpoint]).length;
		expect(endpoints.map(count)).toEqual([16, 15, 8, 2, 1, 1, 1]);
	});

	it('the node model table lists exactly what the SDK takes', () => {
		expect(drift('node', RUNWAY_MODELS)).toEqual([]);
	});

	it('the fake Runway server enforces exactly what the SDK takes', () => {
		expect(drift('fake', FAKE_RUNWAY_CONTRACT)).toEqual([]);
	});

	it("the Model Router's input: the node's and the fake's are the SDK's", () => {
		const theirs = readRouterInput();
		expect([
			...modelDrift('node', 'generate/video', 'input', ROUTER_INPUT, theirs).map((line) => `${line} (nodes/RunwayVideo/models/router.ts)`),
			...modelDrift('fake', 'generate/video', 'input', FAKE_ROUTER_INPUT, theirs).map((line) => `${line} (${FIX.fake})`),
		]).toEqual([]);
	});

	it('a drift is named field by field, nested values too, saying whose (the check can fail)', () => {
		const gen45 = RUNWAY_MODELS.imageToVideo['gen4.5'];
		const stale: ModelRules = {
			...gen45,
			fields: gen45.fields.filter((f) => f !== 'seed'),
			enums: { ...gen45.enums, ratio: ['1280:720'] },
			duration: { min: 5, max: 10, auto: false },
			promptMax: 500,
		};
		const found = modelDrift('node', 'imageToVideo', 'gen4.5', stale, sdk.imageToVideo['gen4.5']);
		const expected: Literal[] = [
			'node: imageToVideo gen4.5: fields: only in SDK: seed',
			'node: imageToVideo gen4.5: ratio values: only in SDK: 720:1280, 1104:832, 960:960, 832:1104, 1584:672',
		];
		expect(found).toEqual(expect.arrayContaining(expected));
		expect(found.join('\n')).toMatch(/duration rule: node has .*"min":5.*SDK has .*"min":2/);
		expect(found.join('\n')).toMatch(/promptText maximum: node has 500, SDK has 1000/);
		const stricter = {
			...sdk.imageToVideo['gen4.5'],
			nested: { ...sdk.imageToVideo['gen4.5'].nested, 'contentModeration.publicFigureThreshold': ['auto', 'low', 'strict'] },
		};
		expect(modelDrift('fake', 'imageToVideo', 'gen4.5', FAKE_RUNWAY_CONTRACT.imageToVideo['gen4.5'], stricter)).toEqual([
			'fake: imageToVideo gen4.5: contentModeration.publicFigureThreshold values: only in SDK: strict',
		]);
	});
});
