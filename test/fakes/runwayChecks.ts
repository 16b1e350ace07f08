/**
 * What the fake Runway refuses in a create's body, model by model: every field against the pinned @runwayml/sdk's
 * contract (runwayModels.ts reads it), the Model Router's input against the SDK's too. The answer is the issues
 * found (runwayIssues.ts words them) and the media URIs to check next (runwayAssets.ts).
 */
import type { Endpoint as ContractEndpoint, ModelRules, Positions } from '../../nodes/RunwayVideo/models/types';
import { FAKE_ROUTER_INPUT, FAKE_RUNWAY_CONTRACT, RUNWAY_LIMITS } from './runwayModels';
import { issue, type Issue, type Path } from './runwayIssues';
import type { ModelEndpoint } from './runwayTypes';

/** A media URI found in a body, to check once the body is valid. */
export interface ImageRef {
	path: Path;
	uri: string;
	kind: 'image' | 'video' | 'audio';
	position?: 'first' | 'last';
}

/** The model endpoints, by the contract's names for them. */
export const ENDPOINTS: Record<ModelEndpoint, ContractEndpoint> = {
	image_to_video: 'imageToVideo',
	text_to_video: 'textToVideo',
	video_to_video: 'videoToVideo',
	video_upscale: 'upscaleVideo',
	character_performance: 'characterPerformance',
	video_to_hdr: 'videoToHdr',
	avatar_videos: 'avatarVideo',
};

/** Where each kind of asset sits in a body: the media a field takes. */
const MEDIA: Record<string, 'image' | 'video' | 'audio'> = { videoUri: 'video', promptVideo: 'video' };
const BOOLEANS = ['audio', 'fpsBoost', 'bodyControl'];

/** A model endpoint's body: its model, then every field against that model's rules. */
export function checkBody(endpoint: ModelEndpoint, body: Record<string, unknown>): { issues: Issue[]; images: ImageRef[] } {
	const table = FAKE_RUNWAY_CONTRACT[ENDPOINTS[endpoint]];
	const models = Object.keys(table);
	const model = body.model;
	const spec = typeof model === 'string' && models.includes(model) ? table[model] : undefined;
	if (!spec) return { issues: [issue.option(['model'], models)], images: [] };
	const checked = checkFields(spec, body, []);
	// Ruby's proresProfile: "Only valid when outputFormat is hdr_prores".
	if (endpoint === 'video_to_hdr' && body.proresProfile !== undefined && body.outputFormat !== 'hdr_prores') {
		checked.issues.push(issue.custom(['proresProfile'], 'proresProfile is only valid when outputFormat is hdr_prores.'));
	}
	return checked;
}

/** The Model Router: `{configId, input}`, the input checked like a model's body against the SDK's router input. */
export function checkRouted(body: Record<string, unknown>): { issues: Issue[]; images: ImageRef[] } {
	const issues: Issue[] = [];
	const unknown = Object.keys(body).filter((k) => k !== 'configId' && k !== 'input');
	if (unknown.length > 0) issues.push(issue.unrecognized([], unknown));
	if (typeof body.configId !== 'string' || body.configId === '') issues.push(issue.type(['configId'], 'string', body.configId));
	if (!isObject(body.input)) return { issues: [...issues, issue.type(['input'], 'object', body.input)], images: [] };
	const checked = checkFields(FAKE_ROUTER_INPUT, body.input, ['input']);
	const input = body.input;
	const count = (field: string, role: string) =>
		Array.isArray(input[field]) ? (input[field] as unknown[]).filter((r) => isObject(r) && r.role === role).length : 0;
	if (count('referenceImages', 'first') > 1 || count('referenceImages', 'last') > 1) {
		checked.issues.push(issue.custom(['input', 'referenceImages'], 'At most one `first` and one `last` image are allowed.'));
	}
	if (count('referenceVideos', 'source') > 1)
		checked.issues.push(issue.custom(['input', 'referenceVideos'], 'At most one `source` video is allowed.'));
	return { issues: [...issues, ...checked.issues], images: checked.images };
}

/** Every field of `body` against `spec` (unknown, missing, each value); `at`: where the body sits in the request. */
function checkFields(spec: FakeRules, body: Record<string, unknown>, at: Path): { issues: Issue[]; images: ImageRef[] } {
	const issues: Issue[] = [];
	const images: ImageRef[] = [];
	const unknown = Object.keys(body).filter((k) => k !== 'model' && !spec.fields.includes(k));
	if (unknown.length > 0) issues.push(issue.unrecognized([], unknown));
	for (const field of spec.fields) {
		const value = body[field];
		if (value === undefined) {
			if (spec.required.includes(field)) issues.push(missing(field, spec));
			continue;
		}
		checkField(field, value, spec, body, issues, images);
	}
	if (at.length > 0) {
		for (const found of [...issues, ...images]) found.path = [...at, ...found.path];
	}
	return { issues, images };
}

type FakeRules = ModelRules;

function missing(field: string, spec: ModelRules): Issue {
	const values = spec.enums[field] ?? (field === 'duration' ? spec.duration?.values : undefined);
	if (values) return issue.option([field], values);
	return issue.type([field], field === 'duration' ? 'number' : 'string', undefined);
}

function checkField(
	field: string,
	value: unknown,
	spec: ModelRules,
	body: Record<string, unknown>,
	issues: Issue[],
	images: ImageRef[],
): void {
	const path = [field];
	const values = spec.enums[field];
	if (values) {
		if (!values.includes(value as string)) issues.push(issue.option(path, values));
		return;
	}
	const range = spec.ranges?.[field];
	if (range) {
		checkNumber(path, value, range.min, range.max, issues);
		return;
	}
	if (BOOLEANS.includes(field)) {
		if (typeof value !== 'boolean') issues.push(issue.type(path, 'boolean', value));
		return;
	}
	switch (field) {
		case 'promptImage':
			checkPromptImage(value, spec.positions ?? 'first', issues, images);
			return;
		case 'videoUri':
		case 'promptVideo':
			if (typeof value !== 'string') issues.push(issue.type(path, 'string', value));
			else images.push({ path, uri: value, kind: MEDIA[field] });
			return;
		case 'promptText':
			if (typeof value !== 'string') issues.push(issue.type(path, 'string', value));
			else if (value.length < 1) issues.push(issue.small(path, 'string', 1));
			else if (spec.promptMax !== undefined && value.length > spec.promptMax) issues.push(issue.big(path, 'string', spec.promptMax));
			return;
		case 'negativePrompt':
			if (typeof value !== 'string') issues.push(issue.type(path, 'string', value));
			return;
		case 'duration': {
			const rule = spec.duration ?? { auto: false };
			if (value === 'auto' && rule.auto) return;
			if (rule.values) {
				if (!rule.values.includes(value as number)) issues.push(issue.option(path, rule.values));
			} else {
				checkInteger(path, value, rule.min ?? 1, rule.max, issues);
			}
			return;
		}
		case 'seed':
			checkInteger(path, value, 0, RUNWAY_LIMITS.seedMax, issues);
			return;
		case 'contentModeration': {
			if (!isObject(value)) {
				issues.push(issue.type(path, 'object', value));
				return;
			}
			const unknown = Object.keys(value).filter((k) => k !== 'publicFigureThreshold');
			if (unknown.length > 0) issues.push(issue.unrecognized(path, unknown));
			const threshold = value.publicFigureThreshold;
			const thresholds = spec.nested?.['contentModeration.publicFigureThreshold'] ?? [];
			if (threshold !== undefined && !thresholds.includes(threshold as string))
				issues.push(issue.option([field, 'publicFigureThreshold'], thresholds));
			return;
		}
		case 'avatar':
		case 'speech':
			checkTyped(field, value, spec, issues, images);
			return;
		case 'references':
		case 'referenceImages':
			checkObjectArray(path, value, RUNWAY_LIMITS.maxReferenceImages, spec, issues, (uri, uriPath) =>
				images.push({ path: uriPath, uri, kind: 'image' }),
			);
			return;
		case 'referenceAudio':
			checkObjectArray(path, value, undefined, spec, issues, (uri, uriPath) => images.push({ path: uriPath, uri, kind: 'audio' }));
			if (body.promptText === undefined) issues.push(issue.custom(path, 'Audio references require a text prompt (promptText).'));
			return;
		case 'referenceVideos':
			checkObjectArray(path, value, undefined, spec, issues, (uri, uriPath) => images.push({ path: uriPath, uri, kind: 'video' }));
			return;
		case 'keyframes':
			checkKeyframes(value, issues, images);
			return;
		case 'character':
		case 'reference': {
			const kinds = spec.nested?.[`${field}.type`] ?? [];
			if (!isObject(value)) {
				issues.push(issue.type(path, 'object', value));
				return;
			}
			const unknown = Object.keys(value).filter((k) => k !== 'type' && k !== 'uri');
			if (unknown.length > 0) issues.push(issue.unrecognized(path, unknown));
			if (!kinds.includes(value.type as string)) issues.push(issue.option([field, 'type'], kinds));
			else if (typeof value.uri !== 'string') issues.push(issue.type([field, 'uri'], 'string', value.uri));
			else images.push({ path: [field, 'uri'], uri: value.uri, kind: value.type as 'image' | 'video' });
			return;
		}
		case 'ratio':
			// aleph2's deprecated free-form ratio
			if (typeof value !== 'string') issues.push(issue.type(path, 'string', value));
			return;
		default:
			issues.push(issue.custom(path, `The fake does not know how to check ${field}.`));
	}
}

/** aleph2: up to 5 `{uri, seconds}` or `{uri, at}`, each with an optional range; all with a range or none. */
function checkKeyframes(value: unknown, issues: Issue[], images: ImageRef[]): void {
	const path = ['keyframes'];
	if (!Array.isArray(value)) {
		issues.push(issue.type(path, 'array', value));
		return;
	}
	if (value.length > RUNWAY_LIMITS.maxKeyframes) issues.push(issue.big(path, 'array', RUNWAY_LIMITS.maxKeyframes));
	value.forEach((item: unknown, i) => {
		const itemPath = [...path, i];
		if (!isObject(item)) {
			issues.push(issue.type(itemPath, 'object', item));
			return;
		}
		const unknown = Object.keys(item).filter((k) => !['uri', 'at', 'seconds', 'range'].includes(k));
		if (unknown.length > 0) issues.push(issue.unrecognized(itemPath, unknown));
		if ((item.at === undefined) === (item.seconds === undefined))
			issues.push(issue.custom(itemPath, 'A keyframe has either "at" or "seconds".'));
		if (item.at !== undefined) checkNumber([...itemPath, 'at'], item.at, 0, 1, issues);
		if (item.seconds !== undefined) checkNumber([...itemPath, 'seconds'], item.seconds, 0, undefined, issues);
		if (typeof item.uri !== 'string') issues.push(issue.type([...itemPath, 'uri'], 'string', item.uri));
		else images.push({ path: [...itemPath, 'uri'], uri: item.uri, kind: 'image' });
	});
	const ranged = value.filter((item) => isObject(item) && item.range !== undefined).length;
	if (ranged > 0 && ranged < value.length) issues.push(issue.custom(path, 'All keyframes must either set a range or none may.'));
}

function checkNumber(path: Path, value: unknown, min: number, max: number | undefined, issues: Issue[]): void {
	if (typeof value !== 'number' || !Number.isFinite(value)) issues.push(issue.type(path, 'number', value));
	else if (value < min) issues.push(issue.small(path, 'number', min));
	else if (max !== undefined && value > max) issues.push(issue.big(path, 'number', max));
}

function checkInteger(path: Path, value: unknown, min: number, max: number | undefined, issues: Issue[]): void {
	if (typeof value !== 'number') issues.push(issue.type(path, 'number', value));
	else if (!Number.isInteger(value)) issues.push(issue.type(path, 'int', value));
	else if (value < min) issues.push(issue.small(path, 'number', min));
	else if (max !== undefined && value > max) issues.push(issue.big(path, 'number', max));
}

/** An array of `{uri}` objects, with a `type` or `role` where the SDK gives the field's items one. */
function checkObjectArray(
	path: Path,
	value: unknown,
	maxItems: number | undefined,
	spec: FakeRules,
	issues: Issue[],
	onUri: (uri: string, uriPath: Path) => void,
): void {
	const field = String(path[path.length - 1]);
	const tags = (['type', 'role'] as const).filter((tag) => spec.nested?.[`${field}.${tag}`] !== undefined);
	if (!Array.isArray(value)) {
		issues.push(issue.type(path, 'array', value));
		return;
	}
	if (maxItems !== undefined && value.length > maxItems) issues.push(issue.big(path, 'array', maxItems));
	value.forEach((item: unknown, i) => {
		const itemPath = [...path, i];
		if (!isObject(item)) {
			issues.push(issue.type(itemPath, 'object', item));
			return;
		}
		const allowed: string[] = ['uri', ...tags];
		const unknown = Object.keys(item).filter((k) => !allowed.includes(k));
		if (unknown.length > 0) issues.push(issue.unrecognized(itemPath, unknown));
		for (const tag of tags) {
			const values = spec.nested?.[`${field}.${tag}`] ?? [];
			if (!values.includes(item[tag] as string)) issues.push(issue.option([...itemPath, tag], values));
		}
		if (typeof item.uri !== 'string') issues.push(issue.type([...itemPath, 'uri'], 'string', item.uri));
		else onUri(item.uri, [...itemPath, 'uri']);
	});
}

function checkPromptImage(value: unknown, positions: Positions, issues: Issue[], images: ImageRef[]): void {
	const path = ['promptImage'];
	if (typeof value === 'string') {
		images.push({ path, uri: value, kind: 'image', position: 'first' });
		return;
	}
	if (!Array.isArray(value)) {
		issues.push(issue.type(path, 'string | array', value));
		return;
	}
	const maxItems = positions === 'first' ? 1 : positions === 'firstAndLast' ? 2 : RUNWAY_LIMITS.maxReferenceImages;
	if (value.length === 0) issues.push(issue.small(path, 'array', 1));
	if (value.length > maxItems) issues.push(issue.big(path, 'array', maxItems));
	const allowed = positions === 'first' ? ['first'] : ['first', 'last'];
	const before = issues.length;
	const refs: ImageRef[] = [];
	value.forEach((item: unknown, i) => {
		const itemPath = [...path, i];
		if (!isObject(item)) {
			issues.push(issue.type(itemPath, 'object', item));
			return;
		}
		const unknown = Object.keys(item).filter((k) => k !== 'uri' && k !== 'position');
		if (unknown.length > 0) issues.push(issue.unrecognized(itemPath, unknown));
		const position = item.position;
		const optional = positions === 'keyframesOrReferences';
		if (!(position === undefined && optional) && !allowed.includes(position as string)) {
			issues.push(issue.option([...itemPath, 'position'], allowed));
		}
		if (typeof item.uri !== 'string') issues.push(issue.type([...itemPath, 'uri'], 'string', item.uri));
		else
			refs.push({
				path: [...itemPath, 'uri'],
				uri: item.uri,
				kind: 'image',
				...(position !== undefined ? { position: position as 'first' | 'last' } : {}),
			});
	});
	if (issues.length > before) return;

	const placed = refs.map((r) => r.position).filter((p) => p !== undefined);
	if (new Set(placed).size !== placed.length) issues.push(issue.custom(path, 'Each position (first, last) may be given only once.'));
	if (positions === 'firstAndLast' && !placed.includes('first')) {
		issues.push(issue.custom(path, 'A first frame is required: this model does not support generating with only a last frame.'));
	}
	if (positions === 'keyframesOrReferences' && placed.length > 0 && placed.length < refs.length) {
		issues.push(issue.custom(path, 'Keyframe images (position first/last) and reference images (no position) cannot be mixed.'));
	}
	if (issues.length === before) images.push(...refs);
}

/**
 * Avatar Video's `avatar` and `speech`: objects told apart by `type` (`runway-preset` or `custom`; `audio` or
 * `text`, whose optional `voice` is `preset` or `custom`), every enumerated value from the SDK (spec.nested).
 */
function checkTyped(field: string, value: unknown, spec: FakeRules, issues: Issue[], images: ImageRef[]): void {
	const nested = spec.nested ?? {};
	const shapes: Record<string, Record<string, string[]>> = {
		avatar: { 'runway-preset': ['presetId'], custom: ['avatarId'] },
		speech: { audio: ['audio'], text: ['text', 'voice'] },
		'speech.voice': { preset: ['presetId'], custom: ['id'] },
	};
	const check = (at: string, path: Path, item: unknown) => {
		if (!isObject(item)) {
			issues.push(issue.type(path, 'object', item));
			return;
		}
		const types = nested[`${at}.type`] ?? [];
		if (!types.includes(item.type as string)) {
			issues.push(issue.option([...path, 'type'], types));
			return;
		}
		const fields = shapes[at]?.[item.type as string] ?? [];
		const unknown = Object.keys(item).filter((k) => k !== 'type' && !fields.includes(k));
		if (unknown.length > 0) issues.push(issue.unrecognized(path, unknown));
		for (const name of fields) {
			const inner = item[name];
			const innerPath = [...path, name];
			if (name === 'voice') {
				if (inner !== undefined) check(`${at}.voice`, innerPath, inner);
				continue;
			}
			if (typeof inner !== 'string' || inner === '') {
				issues.push(issue.type(innerPath, 'string', inner));
				continue;
			}
			const values = nested[`${at}.${name}`];
			if (values && !values.includes(inner)) issues.push(issue.option(innerPath, values));
			if (name === 'audio') images.push({ path: innerPath, uri: inner, kind: 'audio' });
		}
	};
	check(field, [field], value);
}

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
