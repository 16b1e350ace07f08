/**
 * Every model picker text of every Runway operation against the model table: it may name only what that
 * endpoint's request takes (a last frame, durations, sizes, resolutions, frame rates, audio, references), so a
 * text shared across operations can no longer promise Video to Video a last frame it does not take.
 */
import { RunwayVideo } from '../../nodes/RunwayVideo/RunwayVideo.node';
import { modelParameter } from '../../nodes/RunwayVideo/helpers/parameters';
import { describeModel, sizeClass } from '../../nodes/RunwayVideo/models/describe';
import { modelsFor, rulesFor } from '../../nodes/RunwayVideo/models/table';
import type { Endpoint } from '../../nodes/RunwayVideo/models/types';
import { ENDPOINT_PATHS } from '../../nodes/RunwayVideo/models/types';

const ENDPOINTS = Object.keys(ENDPOINT_PATHS) as Endpoint[];
const cases = ENDPOINTS.flatMap((endpoint) => modelsFor(endpoint).map((model) => [endpoint, model] as const));

/** The clause of a description (between semicolons) that matches `pattern`. */
const clause = (text: string, pattern: RegExp) => text.split('; ').find((part) => pattern.test(part));

describe.each(cases)('%s %s', (endpoint, model) => {
	const rules = rulesFor(endpoint, model)!;
	const text = describeModel(endpoint, model);

	test('a last frame only where the request takes one', () => {
		const takesLast = rules.positions === 'firstAndLast' || rules.positions === 'keyframesOrReferences';
		expect(/last frame/i.test(text)).toBe(takesLast);
	});

	test('a prompt: "needs" exactly where required, its limit as the table has it', () => {
		expect(/needs a prompt/i.test(text)).toBe(rules.required.includes('promptText'));
		expect(/prompt optional/i.test(text)).toBe(rules.fields.includes('promptText') && !rules.required.includes('promptText'));
		const limit = /prompt[^;]*up to (\d+) characters/i.exec(text);
		expect(limit ? Number(limit[1]) : undefined).toBe(rules.promptMax);
	});

	test('durations as the table has them, none where the request takes none', () => {
		const seconds = clause(text, /seconds/);
		if (!rules.duration) return expect(seconds).toBeUndefined();
		expect(seconds).toBeDefined();
		expect(/\bor auto\b/.test(seconds!)).toBe(rules.duration.auto);
		const named = (seconds!.match(/\d+/g) ?? []).map(Number);
		if (rules.duration.values) expect(named).toEqual([...rules.duration.values]);
		else if (rules.duration.max !== undefined) expect(named).toEqual([rules.duration.min ?? 1, rules.duration.max]);
		else expect(named).toEqual([]);
	});

	test('sizes, aspect ratios and resolutions only from the table, never mixed up', () => {
		const ratios = rules.enums.ratio ?? [];
		const sizes = ratios.filter((r) => /^\d+:\d+$/.test(r) && Number(r.split(':')[0]) >= 100);
		const sizesClause = clause(text, /\bsizes? /);
		expect(!!sizesClause && /\d+ sizes?/.test(sizesClause)).toBe(sizes.length > 0);
		if (sizesClause && sizes.length > 0) {
			expect(Number(/(\d+) sizes?/.exec(sizesClause)![1])).toBe(sizes.length);
			const classes = new Set(sizes.map(sizeClass));
			for (const named of sizesClause.match(/\b\d+p\b|\b4K\b/g) ?? []) expect(classes).toContain(named);
		}
		for (const aspect of text.match(/\b\d{1,2}:\d{1,2}\b/g) ?? []) expect(ratios).toContain(aspect);
		expect(/adaptive/.test(text)).toBe(ratios.includes('adaptive'));
		// "Ratios from 480p to 4K" named a resolution as a ratio.
		expect(text).not.toMatch(/ratio[^;]*\b\d+p\b/i);
		const resolution = clause(text, /^resolution /i);
		const offered = (rules.enums.resolution ?? []).filter((v) => !rules.deprecated?.resolution?.includes(v));
		if (offered.length === 0) expect(resolution).toBeUndefined();
		else for (const named of resolution!.replace(/^resolution /i, '').split(/, | or /)) expect(offered).toContain(named);
	});

	test('audio, references, modes and frame rates only where the request takes them', () => {
		expect(/\baudio\b/.test(text)).toBe(rules.fields.includes('audio') || rules.fields.includes('referenceAudio'));
		expect(/reference (images|videos|audio)/.test(text)).toBe(
			['references', 'referenceVideos', 'referenceAudio'].some((f) => rules.fields.includes(f)),
		);
		expect(/extend or edit/.test(text)).toBe(rules.fields.includes('mode'));
		const fps = clause(text, /fps/);
		expect(!!fps).toBe(rules.fields.includes('targetFramerate'));
		if (fps) {
			const rates = rules.enums.targetFramerate!.map((v) => Number(v.replace('_', '.')));
			for (const named of fps.match(/[\d.]+/g)!) expect(rates).toContain(Number(named));
		}
	});
});

test('the node’s Model pickers show these texts, per operation', () => {
	const properties = new RunwayVideo().description.properties;
	for (const endpoint of ENDPOINTS) {
		const picker = properties.find(
			(p) => p.name === modelParameter(endpoint, 1.1) && (p.displayOptions?.show?.operation as string[]).includes(endpoint),
		)!;
		for (const model of modelsFor(endpoint)) {
			const option = (picker.options as Array<{ value: string; description?: string }>).find((o) => o.value === model);
			expect([endpoint, model, option?.description]).toEqual([endpoint, model, describeModel(endpoint, model)]);
		}
	}
	// Seedance 2 under Video to Video: no last frame (the text it shared with Image to Video promised one).
	expect(describeModel('videoToVideo', 'seedance2')).not.toMatch(/last frame/);
	expect(describeModel('imageToVideo', 'seedance2')).toMatch(/last frame/);
});
