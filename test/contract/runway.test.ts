/**
 * The Runway Video node's model table and the fake Runway server against the pinned `@runwayml/sdk`: every
 * model of every create endpoint, its fields, required fields, enumerated values, duration and prompt rules,
 * promptImage positions and documented ranges. Each test collects every difference and expects none, so a
 * bump of the SDK lists all the drift at once (see HACKING.md, "Bumping a vendor SDK").
 */
import { RUNWAY_MODELS } from '../../nodes/RunwayVideo/models/table';
import type { Endpoint, ModelRules } from '../../nodes/RunwayVideo/models/types';
import { FAKE_RUNWAY_CONTRACT } from '../fakes/runwayModels';
import { readRunwayContract, SDK_ENDPOINTS } from './runwayContract';
import type { SdkModelSpec } from './runwayContract';
import { setDiff } from './sdkTypes';
import type { Literal } from './sdkTypes';

const sdk = readRunwayContract();
const endpoints = Object.keys(SDK_ENDPOINTS) as Endpoint[];

/** Every difference between one model's rules (node or fake) and the SDK's, in words. */
export function modelDrift(where: string, endpoint: Endpoint, model: string, ours: ModelRules, theirs: SdkModelSpec): string[] {
	const at = `${endpoint} ${model}`;
	const out: string[] = [];
	out.push(...setDiff(`${at}: fields`, where, ours.fields, 'SDK', theirs.fields));
	out.push(...setDiff(`${at}: required fields`, where, ours.required, 'SDK', theirs.required));
	for (const field of new Set([...Object.keys(ours.enums), ...Object.keys(theirs.enums)])) {
		out.push(...setDiff(`${at}: ${field} values`, where, ours.enums[field] ?? [], 'SDK', theirs.enums[field] ?? []));
	}
	for (const field of new Set([...Object.keys(ours.deprecated ?? {}), ...Object.keys(theirs.deprecated)])) {
		out.push(...setDiff(`${at}: deprecated ${field} values`, where, ours.deprecated?.[field] ?? [], 'SDK', theirs.deprecated[field] ?? []));
	}
	const same = (what: string, a: unknown, b: unknown) => {
		if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${at}: ${what}: ${where} has ${JSON.stringify(a) ?? 'none'}, SDK has ${JSON.stringify(b) ?? 'none'}`);
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

/** Every difference between a whole table (node or fake) and the SDK. */
function drift(where: string, table: Readonly<Record<Endpoint, Readonly<Record<string, ModelRules>>>>): string[] {
	const out: string[] = [];
	for (const endpoint of endpoints) {
		const ours = table[endpoint] ?? {};
		const theirs = sdk[endpoint];
		out.push(...setDiff(`${endpoint}: models`, where, Object.keys(ours), 'SDK', Object.keys(theirs)));
		for (const model of Object.keys(ours).filter((m) => m in theirs)) out.push(...modelDrift(where, endpoint, model, ours[model], theirs[model]));
	}
	return out;
}

describe('Runway contract: @runwayml/sdk', () => {
	it('has the endpoints and models the issue counts (16 image, 15 text, 8 video to video)', () => {
		const count = (endpoint: Endpoint) => Object.keys(sdk[endpoint]).length;
		expect([count('imageToVideo'), count('textToVideo'), count('videoToVideo'), count('upscaleVideo'), count('characterPerformance')]).toEqual([16, 15, 8, 2, 1]);
	});

	it('the node model table lists exactly what the SDK takes', () => {
		expect(drift('node', RUNWAY_MODELS)).toEqual([]);
	});

	it('the fake Runway server enforces exactly what the SDK takes', () => {
		expect(drift('fake', FAKE_RUNWAY_CONTRACT)).toEqual([]);
	});

	it('a drift is named field by field (the check can fail)', () => {
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
			'imageToVideo gen4.5: fields: only in SDK: seed',
			'imageToVideo gen4.5: ratio values: only in SDK: 720:1280, 1104:832, 960:960, 832:1104, 1584:672',
		];
		expect(found).toEqual(expect.arrayContaining(expected));
		expect(found.join('\n')).toMatch(/duration rule: node has .*"min":5.*SDK has .*"min":2/);
		expect(found.join('\n')).toMatch(/promptText maximum: node has 500, SDK has 1000/);
	});
});
