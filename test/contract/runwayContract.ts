/**
 * Runway's create contract as the pinned `@runwayml/sdk` declares it, read into plain data: per endpoint and
 * model, the fields it takes, which are required, the literal values of each enumerated field (ratio,
 * resolution, outputFormat...), the duration rule and the prompt limit. Rules the SDK states only in JSDoc
 * ("an integer from 2 to 10", "up to 1000 characters") are read from the JSDoc.
 *
 * Two readers: the contract test (test/contract/runway.test.ts) compares the node's model table with it, and
 * the fake Runway server (test/fakes/runwayModels.ts) enforces it, so a bump of the SDK moves the fake at once
 * and the contract test lists what the node still has to catch up with.
 */
import { SdkTypes, admits, discriminant, literals, objects } from './sdkTypes';
import type { Literal, ObjectShape, PropShape } from './sdkTypes';

export type SdkEndpoint = 'imageToVideo' | 'textToVideo' | 'videoToVideo' | 'upscaleVideo' | 'characterPerformance';

/** Module and params type of each create endpoint. */
export const SDK_ENDPOINTS: Record<SdkEndpoint, { module: string; params: string; path: string }> = {
	imageToVideo: { module: '@runwayml/sdk/resources/image-to-video', params: 'ImageToVideoCreateParams', path: 'image_to_video' },
	textToVideo: { module: '@runwayml/sdk/resources/text-to-video', params: 'TextToVideoCreateParams', path: 'text_to_video' },
	videoToVideo: { module: '@runwayml/sdk/resources/video-to-video', params: 'VideoToVideoCreateParams', path: 'video_to_video' },
	upscaleVideo: { module: '@runwayml/sdk/resources/video-upscale', params: 'VideoUpscaleCreateParams', path: 'video_upscale' },
	characterPerformance: {
		module: '@runwayml/sdk/resources/character-performance',
		params: 'CharacterPerformanceCreateParams',
		path: 'character_performance',
	},
};

/** An integer range (bounds from JSDoc when stated), or the only values allowed; `auto`: the string "auto" too. */
export interface SdkDuration {
	values?: number[];
	min?: number;
	max?: number;
	auto: boolean;
}

/**
 * How `promptImage` may place images: `first` (one first frame), `firstAndLast` (a first frame, optionally a
 * last one), `keyframesOrReferences` (first/last keyframes, or reference images without a position).
 */
export type SdkPositions = 'first' | 'firstAndLast' | 'keyframesOrReferences';

export interface SdkModelSpec {
	model: string;
	/** Every field besides `model`. */
	fields: string[];
	required: string[];
	/** Literal values of enumerated fields (ratio, resolution, outputFormat, mode...), deprecated ones included. */
	enums: Record<string, Literal[]>;
	/** Values the JSDoc marks deprecated, per field. */
	deprecated: Record<string, Literal[]>;
	duration?: SdkDuration;
	/** promptText's documented maximum length (UTF-16 code units), when the JSDoc states one. */
	promptMax?: number;
	positions?: SdkPositions;
	/** Numeric fields with a range stated in JSDoc ("from 0 to 100", "between 1 and 5"). */
	ranges: Record<string, { min: number; max: number }>;
	/** Fields whose values are objects or arrays of objects (references, keyframes, character...). */
	structured: string[];
}

export type SdkContract = Record<SdkEndpoint, Record<string, SdkModelSpec>>;

const RANGE = /(?:from|between)\s+(\d+)\s+(?:\([^)]*\)\s+)?(?:to|and)\s+(\d+)/i;

/** Reads one model's object type. */
export function readModel(member: ObjectShape): SdkModelSpec {
	const model = String(discriminant(member, 'model'));
	const props = Object.entries(member.props).filter(([name]) => name !== 'model');
	const spec: SdkModelSpec = {
		model,
		fields: props.map(([name]) => name).sort(),
		required: props.filter(([, p]) => !p.optional).map(([name]) => name).sort(),
		enums: {},
		deprecated: {},
		ranges: {},
		structured: [],
	};
	for (const [name, prop] of props) {
		if (name === 'duration') {
			spec.duration = readDuration(prop);
			continue;
		}
		if (name === 'promptText') {
			const max = /up to (\d+) characters/i.exec(prop.doc)?.[1];
			if (max) spec.promptMax = Number(max);
			continue;
		}
		if (name === 'promptImage') spec.positions = readPositions(prop);
		const values = literals(prop.type);
		if (values.length > 0 && !admits(prop.type, 'string')) {
			spec.enums[name] = values;
			const deprecated = values.filter((value) => new RegExp(`\`${escape(String(value))}\` - Deprecated`).test(prop.doc));
			if (deprecated.length > 0) spec.deprecated[name] = deprecated;
		} else if (admits(prop.type, 'number')) {
			const range = RANGE.exec(prop.doc);
			if (range) spec.ranges[name] = { min: Number(range[1]), max: Number(range[2]) };
		}
		if (objects(prop.type).length > 0 || prop.type.kind === 'array') spec.structured.push(name);
	}
	return spec;
}

function readDuration(prop: PropShape): SdkDuration {
	const values = literals(prop.type).filter((v): v is number => typeof v === 'number');
	const auto = literals(prop.type).includes('auto');
	if (values.length > 0 && !admits(prop.type, 'number')) return { values, auto };
	const range = RANGE.exec(prop.doc);
	return range ? { min: Number(range[1]), max: Number(range[2]), auto } : { auto };
}

function readPositions(prop: PropShape): SdkPositions {
	const items = objects(prop.type);
	const position = items.map((item) => item.props.position).find((p) => p !== undefined);
	if (!position) {
		// `Array<unknown>`: the rule lives only in the JSDoc.
		return /omit position for reference images/i.test(prop.doc) ? 'keyframesOrReferences' : 'first';
	}
	if (position.optional) return 'keyframesOrReferences';
	return literals(position.type).includes('last') ? 'firstAndLast' : 'first';
}

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

let cached: SdkContract | undefined;

/** The whole create contract of the installed SDK (read once per process: about 2 s of type checking). */
export function readRunwayContract(): SdkContract {
	if (cached) return cached;
	const contract = {} as SdkContract;
	for (const [endpoint, { module, params }] of Object.entries(SDK_ENDPOINTS) as Array<[SdkEndpoint, (typeof SDK_ENDPOINTS)[SdkEndpoint]]>) {
		const members = new SdkTypes(module).members(params);
		contract[endpoint] = Object.fromEntries(members.map((member) => {
			const spec = readModel(member);
			return [spec.model, spec];
		}));
	}
	cached = contract;
	return contract;
}
