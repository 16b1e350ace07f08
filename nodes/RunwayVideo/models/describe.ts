/**
 * What the model pickers say about a model under one operation, generated from the model table (./table.ts) so
 * it cannot promise what that endpoint's request does not take (a last frame, a duration, a size).
 * test/unit/runwayModelDescriptions.test.ts checks every text against the table. n8n-free.
 */
import { MODEL_INFO, rulesFor } from './table';
import type { DurationRule, Endpoint, ModelRules } from './types';

/** "a, b or c" */
function either(words: readonly string[]): string {
	return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function prompt(rules: ModelRules): string | undefined {
	if (!rules.fields.includes('promptText')) return undefined;
	const limit = rules.promptMax ? ` (up to ${rules.promptMax} characters)` : '';
	return rules.required.includes('promptText') ? `needs a prompt${limit}` : `prompt optional${limit}`;
}

const FRAMES = {
	first: 'first frame only',
	firstAndLast: 'first frame, optional last frame',
	keyframesOrReferences: 'first frame, optional last frame, or reference images',
};

function duration(rule: DurationRule | undefined): string | undefined {
	if (!rule) return undefined;
	const auto = rule.auto ? ' or auto' : '';
	if (rule.values) return `${either(rule.values.map(String))} seconds${auto}`;
	if (rule.max !== undefined) return `${rule.min ?? 1} to ${rule.max} seconds${auto}`;
	return `any whole number of seconds${auto}`;
}

const pixels = (ratio: string) =>
	ratio
		.split(':')
		.map(Number)
		.reduce((a, b) => a * b, 1);

/** Resolution classes by their 16:9 pixel count. */
const CLASSES: Array<[string, number]> = [
	['360p', 640 * 360],
	['480p', 854 * 480],
	['720p', 1280 * 720],
	['1080p', 1920 * 1080],
	['1440p', 2560 * 1440],
	['4K', 3840 * 2160],
];

/** The resolution class (`720p`) whose pixel count is nearest a `width:height` size's. */
export function sizeClass(ratio: string): string {
	const count = pixels(ratio);
	return CLASSES.reduce((best, next) => (Math.abs(Math.log(count / next[1])) < Math.abs(Math.log(count / best[1])) ? next : best))[0];
}

/** Pixel sizes by resolution class, aspect labels as a list; `adaptive` and `auto_*` follow the input. */
function ratios(values: readonly string[] | undefined): string | undefined {
	if (!values) return undefined;
	const sizes = values.filter((v) => /^\d+:\d+$/.test(v) && Number(v.split(':')[0]) >= 100).sort((a, b) => pixels(a) - pixels(b));
	const aspects = values.filter((v) => /^\d+:\d+$/.test(v) && Number(v.split(':')[0]) < 100);
	const parts: string[] = [];
	if (sizes.length > 0) {
		const [low, high] = [sizeClass(sizes[0]), sizeClass(sizes[sizes.length - 1])];
		parts.push(`${sizes.length === 1 ? '1 size' : `${sizes.length} sizes`} ${low === high ? `at ${low}` : `from ${low} to ${high}`}`);
	}
	if (aspects.length > 0) parts.push(`aspect ratio ${either(aspects)}`);
	if (values.includes('adaptive')) parts.push('adaptive (follows the input)');
	if (values.some((v) => v.startsWith('auto_'))) parts.push('auto sizes that follow the image');
	return parts.join(', ');
}

function listed(rules: ModelRules, field: string): string[] | undefined {
	return rules.enums[field]?.filter((value) => !rules.deprecated?.[field]?.includes(value));
}

const FPS = (value: string) => Number(value.replace('_', '.'));
const FORMAT_FAMILIES: Array<[RegExp, string]> = [
	[/^mp4$/, 'MP4'],
	[/^(hdr_)?prores$/, 'ProRes'],
	[/png_sequence$/, 'PNG sequence'],
	[/^sdr_rec709_10bit$/, '10-bit SDR'],
	[/^(hdr10|hlg|hdr_pq_12bit_master)$/, 'HDR'],
	[/exr/, 'OpenEXR'],
];

function outputFormats(values: readonly string[] | undefined): string | undefined {
	if (!values) return undefined;
	const families = [...new Set(values.map((v) => FORMAT_FAMILIES.find(([pattern]) => pattern.test(v))?.[1] ?? v))];
	return `${either(families)} output`;
}

const REFERENCE_WORDS: Record<string, string> = { references: 'images', referenceVideos: 'videos', referenceAudio: 'audio' };
const EXTRAS: Record<string, string> = {
	audio: 'audio',
	mode: 'reference, extend or edit mode',
	keyframes: 'keyframe images',
	targetAspectRatio: 'outpaints to a new aspect ratio',
	promptExpansionMode: 'prompt expansion',
	creativity: 'adds detail',
};

/** The model picker's text for `model` under `endpoint`: what its request there takes, then its price note. */
export function describeModel(endpoint: Endpoint, model: string): string {
	const rules = rulesFor(endpoint, model);
	const note = MODEL_INFO[model]?.note;
	if (!rules) return note ?? '';
	const resolutions = listed(rules, 'resolution');
	const framerates = listed(rules, 'targetFramerate')
		?.map(FPS)
		.sort((a, b) => a - b);
	const references = Object.keys(REFERENCE_WORDS).filter((field) => rules.fields.includes(field));
	const parts = [
		prompt(rules),
		rules.positions && FRAMES[rules.positions],
		duration(rules.duration),
		ratios(rules.enums.ratio),
		resolutions && `resolution ${either(resolutions)}`,
		framerates && `${framerates[0]} to ${framerates[framerates.length - 1]} fps`,
		rules.fields.includes('outputFormat') ? outputFormats(listed(rules, 'outputFormat')) : undefined,
		...Object.entries(EXTRAS)
			.filter(([field]) => rules.fields.includes(field))
			.map(([, words]) => words),
		references.length > 0 ? `reference ${either(references.map((field) => REFERENCE_WORDS[field]))}` : undefined,
		note,
	].filter((part): part is string => !!part);
	const text = parts.join('; ');
	return text.charAt(0).toUpperCase() + text.slice(1);
}
