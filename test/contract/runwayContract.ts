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
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

import { SdkTypes, admits, discriminant, literals, nestedEnums, objects, sdkFile } from './sdkTypes';
import type { Literal, ObjectShape, PropShape } from './sdkTypes';

export type SdkEndpoint =
	'imageToVideo' | 'textToVideo' | 'videoToVideo' | 'upscaleVideo' | 'characterPerformance' | 'videoToHdr' | 'avatarVideo';

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
	videoToHdr: { module: '@runwayml/sdk/resources/video-to-hdr', params: 'VideoToHdrCreateParams', path: 'video_to_hdr' },
	avatarVideo: { module: '@runwayml/sdk/resources/avatar-videos', params: 'AvatarVideoCreateParams', path: 'avatar_videos' },
};

/** The Model Router's create (no model: a saved config picks one), outside the per-model table. */
export const SDK_ROUTER = {
	module: '@runwayml/sdk/resources/generate/video',
	params: 'VideoCreateParams',
	response: 'VideoCreateResponse',
	path: 'generate/video',
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
	/** Enumerated values inside structured fields, by dotted path (`contentModeration.publicFigureThreshold`). */
	nested: Record<string, Literal[]>;
}

export type SdkContract = Record<SdkEndpoint, Record<string, SdkModelSpec>>;

const RANGE = /(?:from|between)\s+(\d+)\s+(?:\([^)]*\)\s+)?(?:to|and)\s+(\d+)/i;

/** Reads one model's object type. */
export function readModel(member: ObjectShape): SdkModelSpec {
	return readFields(member, String(discriminant(member, 'model')));
}

/** Reads an object type's fields (all but `model`) into the rules the node's table states; `model` names it. */
export function readFields(member: ObjectShape, model: string): SdkModelSpec {
	const props = Object.entries(member.props).filter(([name]) => name !== 'model');
	const spec: SdkModelSpec = {
		model,
		fields: props.map(([name]) => name).sort(),
		required: props
			.filter(([, p]) => !p.optional)
			.map(([name]) => name)
			.sort(),
		enums: {},
		deprecated: {},
		ranges: {},
		structured: [],
		nested: {},
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
		if (objects(prop.type).length > 0 || prop.type.kind === 'array') {
			spec.structured.push(name);
			Object.assign(spec.nested, nestedEnums(prop.type, name));
		}
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
		contract[endpoint] = Object.fromEntries(
			members.map((member) => {
				const spec = readModel(member);
				return [spec.model, spec];
			}),
		);
	}
	cached = contract;
	return contract;
}

/** A request of the SDK that starts a task (its method returns `APIPromiseWithAwaitableTask`). */
export interface SdkTaskEndpoint {
	/** Below /v1/, e.g. `video_to_hdr` or `generate/video`. */
	path: string;
	/** The SDK module and method, e.g. `@runwayml/sdk/resources/video-to-hdr` `VideoToHdr.create`. */
	module: string;
	method: string;
	/** The create response's type in that module, e.g. `VideoToHdrCreateResponse`. */
	response: string;
}

/**
 * Every task-creating request of the SDK, found in its declarations (any method of any resource returning
 * `APIPromiseWithAwaitableTask`, except reading a task) with its path read from the compiled source beside them.
 * Nothing is listed by hand, so a resource added by a new SDK shows up here.
 */
export function discoverTaskEndpoints(): SdkTaskEndpoint[] {
	const root = path.dirname(sdkFile('@runwayml/sdk/resources/index', '.d.ts'));
	const files = (fs.readdirSync(root, { recursive: true }) as string[]).filter((file) => file.endsWith('.d.ts')).sort();
	const found: SdkTaskEndpoint[] = [];
	for (const file of files) {
		const declarations = fs.readFileSync(path.join(root, file), 'utf8');
		const source = ts.createSourceFile(file, declarations, ts.ScriptTarget.Latest, true);
		const js = fs.readFileSync(path.join(root, file.replace(/\.d\.ts$/, '.js')), 'utf8');
		for (const statement of source.statements) {
			if (!ts.isClassDeclaration(statement) || !statement.name) continue;
			for (const member of statement.members) {
				if (!ts.isMethodDeclaration(member) || !member.type || !ts.isTypeReferenceNode(member.type)) continue;
				if (member.type.typeName.getText(source) !== 'APIPromiseWithAwaitableTask') continue;
				const method = member.name.getText(source);
				const body = new RegExp(`\\n {4}(?:async )?${method}\\([^)]*\\) \\{\\n([\\s\\S]*?)\\n {4}\\}`).exec(js)?.[1] ?? '';
				const call = /this\._client\.(post|get)\(\s*(?:\(0, path_1\.path\) )?[`']\/v1\/([^`']+)[`']/.exec(body);
				if (!call) throw new Error(`${file}: cannot find the request of ${statement.name.text}.${method} in its compiled source`);
				if (call[1] !== 'post') continue;
				found.push({
					path: call[2],
					module: `@runwayml/sdk/resources/${file
						.replace(/\.d\.ts$/, '')
						.split(path.sep)
						.join('/')}`,
					method: `${statement.name.text}.${method}`,
					response: member.type.typeArguments?.[0]?.getText(source) ?? '',
				});
			}
		}
	}
	return found;
}

/** The task statuses of the SDK's `TaskRetrieveResponse`, each with the object the API answers in that status. */
export function readTaskStatuses(): Record<string, ObjectShape> {
	const members = new SdkTypes('@runwayml/sdk/resources/tasks').members('TaskRetrieveResponse');
	return Object.fromEntries(members.map((member) => [String(discriminant(member, 'status')), member]));
}

/** The Model Router's `input` (model-agnostic: every field optional, the router maps them to the model it picks). */
export function readRouterInput(): SdkModelSpec {
	return readFields(new SdkTypes(SDK_ROUTER.module).object('VideoCreateParams.Input'), 'router');
}
