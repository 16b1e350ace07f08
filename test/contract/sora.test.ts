/**
 * The Sora Video node and the fake Sora server against the pinned `openai` SDK (openai/resources/videos):
 * sizes, seconds, models, defaults, the fields of every request the node sends, its operations and paths, and
 * the objects the fake answers with. Each check collects its differences in words and expects none, so a
 * failure after bumping the SDK lists every drift at once. The bodies the node builds also type-check against
 * the SDK's params types (see "compile time" at the end): a drift there fails `npm test` (its `tsc -p
 * tsconfig.test.json` step) and `npm run typecheck`; ts-jest alone does not check types. Every line says whose it
 * is ("node:" or "fake:") and where to change it.
 */
import * as fs from 'fs';
import type { INodeProperties } from 'n8n-workflow';
import type { Uploadable } from 'openai/core/uploads';
import type {
	VideoCreateCharacterParams,
	VideoCreateParams,
	VideoEditParams,
	VideoExtendParams,
	VideoRemixParams,
} from 'openai/resources/videos';
import sharp from 'sharp';

import { characterForm, createForm, editForm, extendForm, remixBody } from '../../nodes/SoraVideo/helpers/bodies';
import type { FileUpload } from '../../nodes/SoraVideo/helpers/bodies';
import { DEFAULT_MODEL, KNOWN_MODELS, LISTED_SIZES, SORA_SECONDS } from '../../nodes/SoraVideo/helpers/createSettings';
import { isCompleted, isFailed, VARIANTS } from '../../nodes/SoraVideo/helpers/job';
import { SoraVideo } from '../../nodes/SoraVideo/SoraVideo.node';
import type { FakeSora } from '../fakes/sora';
import {
	SORA_ALL_SIZES,
	SORA_CHARACTER_FIELDS,
	SORA_CONTENT_VARIANTS,
	SORA_CREATE_FIELDS,
	SORA_EDIT_FIELDS,
	SORA_EXTEND_FIELDS,
	SORA_INPUT_REFERENCE_FIELDS,
	SORA_MODELS,
	SORA_REMIX_FIELDS,
	SORA_ROUTES,
	SORA_SECONDS as FAKE_SECONDS,
	SORA_STATUSES,
	SORA_VIDEO_REFERENCE_FIELDS,
} from '../fakes/soraModels';
import type { TestContext } from '../helpers/executeContext';
import { CLIP_MP4, fileItem } from '../helpers/items';
import { closeFakes, createDirect, completeDirect, FAST_WAIT, runOk, startFake } from '../node/sora/setup';
import { SdkTypes, admits, literals, objects, sdkFile, setDiff } from './sdkTypes';
import type { Literal, ObjectShape, PropShape, TypeShape } from './sdkTypes';

const sdk = new SdkTypes('openai/resources/videos');
const SDK = 'openai SDK';

/** Where each side's fix goes, appended to every line: a failure says whose it is and what to change. */
const FIX = {
	node: 'nodes/SoraVideo: helpers/createSettings.ts, helpers/bodies.ts, transport.ts or an operation description',
	fake: 'test/fakes/soraModels.ts',
};

function named(lines: string[]): string[] {
	return lines.map((line) => `${line} (${line.startsWith('fake:') ? FIX.fake : FIX.node})`);
}
const node = new SoraVideo().description;

/** The shapes the SDK uses for a file (`Uploadable`), as opposed to a reference object such as `{image_url}`. */
const UPLOADABLE = new Set(['File', 'Response', 'BunFile', 'AsyncIterable', '_ReadableStream', 'StreamingFile']);

function acceptsFile(type: TypeShape): boolean {
	return objects(type).some((o) => UPLOADABLE.has(o.name ?? ''));
}

function referenceObjects(type: TypeShape): ObjectShape[] {
	return objects(type).filter((o) => !UPLOADABLE.has(o.name ?? ''));
}

/** The option values of the node's parameter `name` shown for `operation` ('custom' is the node's own escape hatch). */
function nodeOptions(name: string, operation: string): Literal[] {
	const property = node.properties.find(
		(p: INodeProperties) => p.name === name && (p.displayOptions?.show?.operation as string[] | undefined)?.includes(operation),
	);
	if (!property?.options) throw new Error(`The node has no options parameter "${name}" for ${operation}`);
	return (property.options as Array<{ value: Literal }>).map((o) => o.value).filter((v) => v !== 'custom');
}

function nodeDefault(name: string, operation: string): unknown {
	return node.properties.find((p) => p.name === name && (p.displayOptions?.show?.operation as string[] | undefined)?.includes(operation))
		?.default;
}

/** "Defaults to `sora-2`." / "Defaults to 720x1280." / "Defaults to 4 seconds." in a prop's JSDoc. */
function documentedDefault(prop: PropShape): string | undefined {
	return /Defaults\s+to\s+`?([\w-]+)/.exec(prop.doc)?.[1];
}

afterAll(closeFakes);

describe('values: sizes, seconds, models, variants, defaults', () => {
	it("the node's and the fake's sizes are the SDK's VideoSize", () => {
		const sizes = literals(sdk.shape('VideoSize'));
		expect(
			named([
				...setDiff('node: Generate Size options', 'node', nodeOptions('size', 'generate'), SDK, sizes),
				...setDiff('node: sizes the node lists', 'node', LISTED_SIZES, SDK, sizes),
				...setDiff('fake: sizes the fake accepts', 'fake', SORA_ALL_SIZES, SDK, sizes),
			]),
		).toEqual([]);
	});

	it("the node's and the fake's seconds are the SDK's VideoSeconds (Generate and Extend)", () => {
		const seconds = literals(sdk.shape('VideoSeconds'));
		const extend = literals(sdk.object('VideoExtendParams').props.seconds.type);
		expect(
			named([
				...setDiff('node: Generate Seconds options', 'node', nodeOptions('seconds', 'generate'), SDK, seconds),
				...setDiff('node: Extend Seconds options', 'node', nodeOptions('seconds', 'extend'), SDK, extend),
				...setDiff('node: seconds the node lists', 'node', SORA_SECONDS, SDK, seconds),
				...setDiff('fake: seconds the fake accepts', 'fake', FAKE_SECONDS, SDK, seconds),
			]),
		).toEqual([]);
	});

	it("the node's known models and the fake's are the SDK's VideoModel; any other ID can be typed", () => {
		const model = sdk.shape('VideoModel');
		const model$ = node.properties.find((p) => p.name === 'model')!;
		const differences = [
			...setDiff('node: models (KNOWN_MODELS)', 'node', KNOWN_MODELS, SDK, literals(model)),
			...setDiff('fake: models (SORA_MODELS)', 'fake', Object.keys(SORA_MODELS), SDK, literals(model)),
		];
		if (admits(model, 'string') && !model$.modes?.some((mode) => mode.type === 'string')) {
			differences.push('node: model: the SDK takes any string, the node has no mode to type an ID');
		}
		expect(named(differences)).toEqual([]);
	});

	it("node: the Video statuses it knows are the SDK's, and what it does with each", () => {
		const statuses = literals(sdk.object('Video').props.status.type);
		const known = literals(new SdkTypes('nodes/SoraVideo/transport.ts').shape('SoraStatus'));
		const differences = setDiff(
			'node: Video statuses (SoraStatus in transport.ts; decide in helpers/job.ts whether it ends the wait)',
			'node',
			known,
			SDK,
			statuses,
		);
		// completed downloads, failed fails, the others keep the wait going
		for (const status of statuses.map(String)) {
			const does = isCompleted({ id: 'v', status }) ? 'completed' : isFailed({ id: 'v', status }) ? 'failed' : 'waits';
			const expected = status === 'completed' || status === 'failed' ? status : 'waits';
			if (does !== expected)
				differences.push(
					`node: a ${status} video ${does === 'waits' ? 'keeps the wait going' : `counts as ${does}`} (helpers/job.ts isCompleted/isFailed)`,
				);
		}
		expect(named(differences)).toEqual([]);
	});

	it("the defaults are the SDK's documented ones", () => {
		const params = sdk.object('VideoCreateParams').props;
		const differences: string[] = [];
		const compare = (what: string, ours: unknown, theirs: string | undefined) => {
			if (String(ours) !== theirs) differences.push(`node: default ${what}: node ${String(ours)}, ${SDK} ${String(theirs)}`);
		};
		compare('model', DEFAULT_MODEL, documentedDefault(params.model));
		compare('model (the Model parameter)', (nodeDefault('model', 'generate') as { value?: string }).value, documentedDefault(params.model));
		compare('size', nodeDefault('size', 'generate'), documentedDefault(params.size));
		compare('seconds', nodeDefault('seconds', 'generate'), documentedDefault(params.seconds));
		const variant = sdk.object('VideoDownloadContentParams').props.variant;
		compare('download variant', nodeDefault('variant', 'download'), /Defaults to the MP4 video/.test(variant.doc) ? 'video' : undefined);
		expect(named(differences)).toEqual([]);
	});

	it("download variants and list order are the SDK's", () => {
		const variants = literals(sdk.object('VideoDownloadContentParams').props.variant.type);
		expect(
			named([
				...setDiff('node: Download Variant options', 'node', nodeOptions('variant', 'download'), SDK, variants),
				...setDiff('node: variants the node can name', 'node', Object.keys(VARIANTS), SDK, variants),
				...setDiff('fake: variants the fake serves', 'fake', Object.keys(SORA_CONTENT_VARIANTS), SDK, variants),
			]),
		).toEqual([]);
		const order = node.properties.find((p) => p.name === 'options' && (p.displayOptions?.show?.operation as string[]).includes('list'))!;
		const orderValues = ((order.options as INodeProperties[]).find((o) => o.name === 'order')!.options as Array<{ value: string }>).map(
			(o) => o.value,
		);
		expect(
			named(setDiff('node: List Order options', 'node', orderValues, SDK, literals(sdk.object('VideoListParams').props.order.type))),
		).toEqual([]);
	});
});

describe('objects the fake answers with', () => {
	let fake: FakeSora;
	beforeAll(async () => {
		fake = await startFake();
	});

	it("a video has exactly the SDK's Video fields, its statuses and its error fields", async () => {
		const video = sdk.object('Video');
		const id = await createDirect(fake);
		const view = fake.view(id)!;
		const differences = [
			...setDiff('fake: Video fields', 'fake', Object.keys(view), SDK, Object.keys(video.props)),
			...setDiff('fake: Video statuses', 'fake', SORA_STATUSES, SDK, literals(video.props.status.type)),
		];
		// Every field the SDK marks required is present (nullable ones as null).
		for (const [name, prop] of Object.entries(video.props)) {
			if (!prop.optional && !(name in view)) differences.push(`fake: Video.${name}: required by the ${SDK}, missing in the fake`);
		}
		fake.script([{ status: 'failed', error: { code: 'moderation_blocked', message: 'Blocked.' } }]);
		const failed = fake.view(await createDirect(fake))!;
		const errorProps = sdk.object('VideoCreateError').props;
		for (const key of Object.keys(failed.error ?? {})) {
			if (!(key in errorProps)) differences.push(`fake: Video.error.${key}: only in the fake`);
		}
		for (const [name, prop] of Object.entries(errorProps)) {
			if (!prop.optional && !(name in (failed.error ?? {})))
				differences.push(`fake: Video.error.${name}: required by the ${SDK}, missing in the fake`);
		}
		expect(named(differences)).toEqual([]);
	});

	it("a character and a deletion have exactly the SDK's fields", async () => {
		const form = new FormData();
		form.append('name', 'Fox');
		form.append('video', new Blob([mp4()], { type: 'video/mp4' }), 'fox.mp4');
		const made = (await (
			await fetch(`${fake.baseUrl}/videos/characters`, { method: 'POST', headers: auth(fake), body: form })
		).json()) as object;
		const got = (await (
			await fetch(`${fake.baseUrl}/videos/characters/${(made as { id: string }).id}`, { headers: auth(fake) })
		).json()) as object;
		const id = await createDirect(fake);
		await completeDirect(fake, id);
		const deleted = (await (await fetch(`${fake.baseUrl}/videos/${id}`, { method: 'DELETE', headers: auth(fake) })).json()) as object;
		expect(
			named([
				...setDiff(
					'fake: character fields (create)',
					'fake',
					Object.keys(made),
					SDK,
					Object.keys(sdk.object('VideoCreateCharacterResponse').props),
				),
				...setDiff(
					'fake: character fields (get)',
					'fake',
					Object.keys(got),
					SDK,
					Object.keys(sdk.object('VideoGetCharacterResponse').props),
				),
				...setDiff('fake: deletion fields', 'fake', Object.keys(deleted), SDK, Object.keys(sdk.object('VideoDeleteResponse').props)),
			]),
		).toEqual([]);
	});
});

/** Each request of the SDK's Videos resource, read from its compiled source: method name -> HTTP method and path. */
function sdkEndpoints(): Map<string, string> {
	const source = fs.readFileSync(sdkFile('openai/resources/videos', '.js'), 'utf8');
	const endpoints = new Map<string, string>();
	const method = /\n {4}(\w+)\([^)]*\) \{\n([\s\S]*?)\n {4}\}/g;
	for (const match of source.matchAll(method)) {
		const call = /this\._client\.(get|post|delete|getAPIList)\(\s*(?:\(0, path_1\.path\) )?[`']([^`']+)[`']/.exec(match[2]);
		if (!call) continue;
		const verb = call[1] === 'getAPIList' ? 'GET' : call[1].toUpperCase();
		endpoints.set(
			match[1],
			`${verb} ${call[2].replace(/\$\{(\w+)\}/g, (_, name: string) => `{${name.replace(/ID$/, '').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_id}`)}`,
		);
	}
	return endpoints;
}

/** The node's operation for each SDK method of the Videos resource. */
const OPERATION_OF: Record<string, string> = {
	create: 'generate',
	retrieve: 'get',
	list: 'list',
	delete: 'delete',
	createCharacter: 'createCharacter',
	downloadContent: 'download',
	edit: 'edit',
	extend: 'extend',
	getCharacter: 'getCharacter',
	remix: 'remix',
};

/** `GET http://127.0.0.1:1234/v1/videos/video_ab12/content?variant=video` -> `GET /videos/{video_id}/content`. */
function endpointOf(request: { method: string; url: string }, baseUrl: string): string {
	const path = new URL(request.url).pathname.slice(new URL(baseUrl).pathname.length);
	const template = path
		.replace(/^\/videos\/characters\/[^/]+$/, '/videos/characters/{character_id}')
		.replace(/^\/videos\/(video_[^/]+)/, '/videos/{video_id}');
	return `${request.method.toUpperCase()} ${template}`;
}

function mp4(bytes = 2048): Buffer {
	const data = Buffer.alloc(bytes, 3);
	data.writeUInt32BE(24, 0);
	data.write('ftypisom', 4, 'latin1');
	return data;
}

function auth(fake: FakeSora): Record<string, string> {
	return { authorization: `Bearer ${fake.apiKey}` };
}

describe('operations, paths and request fields, from real runs of every operation', () => {
	let fake: FakeSora;
	/** Node operation -> the endpoints it called. */
	const called = new Map<string, Set<string>>();
	const record = (operation: string, test: TestContext) => {
		const set = called.get(operation) ?? new Set<string>();
		for (const request of test.requests) set.add(endpointOf(request, fake.baseUrl));
		called.set(operation, set);
	};

	beforeAll(async () => {
		fake = await startFake();
		const photo = await sharp({ create: { width: 720, height: 1280, channels: 3, background: { r: 9, g: 99, b: 199 } } })
			.jpeg()
			.toBuffer();
		const photoItem = await fileItem(photo);
		const videoItem = await fileItem(mp4(), CLIP_MP4);
		const run = async (operation: string, parameters: Record<string, unknown>, items?: Array<typeof photoItem>) => {
			const { output, test } = await runOk(fake, { operation, ...parameters, ...FAST_WAIT }, items ? { items } : {});
			record(operation, test);
			return output[0].json;
		};
		const generated = await run('generate', { prompt: 'A lighthouse', referenceImage: 'url', imageUrl: 'https://example.com/a.jpg' });
		await run('generate', { prompt: 'A lighthouse', referenceImage: 'fileId', imageFileId: 'file-abc123' });
		await run('generate', { prompt: 'A lighthouse', referenceImage: 'binary' }, [photoItem]);
		const id = String(generated.id);
		await run('get', { videoId: id });
		await run('download', { videoId: id });
		await run('list', {});
		await run('remix', { videoId: id, prompt: 'At night' });
		await run('edit', { videoId: id, prompt: 'In snow' });
		await run('edit', { videoSource: 'binary', prompt: 'In snow' }, [videoItem]);
		await run('extend', { videoId: id, prompt: 'Then rain', seconds: '4' });
		await run('extend', { videoSource: 'binary', prompt: 'Then rain', seconds: '8' }, [videoItem]);
		const character = await run('createCharacter', { characterName: 'Fox' }, [videoItem]);
		await run('getCharacter', { characterId: String(character.id) });
		await run('delete', { videoId: id });
	});

	it('every SDK method is a node operation that calls its path; the node calls no other path; the fake serves exactly these', () => {
		const endpoints = sdkEndpoints();
		// The source reading found every method the declarations have (so a new SDK method cannot slip by).
		const declared = Object.entries(sdk.object('Videos').props)
			.filter(([name, prop]) => !name.startsWith('_') && prop.type.kind === 'primitive' && prop.type.name === 'other')
			.map(([name]) => name);
		const differences: string[] = setDiff('Videos methods', 'videos.js', [...endpoints.keys()], 'videos.d.ts', declared);
		const operations = (node.properties.find((p) => p.name === 'operation')!.options as Array<{ value: string }>).map((o) => o.value);
		const sdkOperations = [...endpoints.keys()].map((method) => OPERATION_OF[method] ?? `(no node operation for the SDK's ${method})`);
		differences.push(...setDiff('node: operations', 'node', operations, SDK, sdkOperations));
		for (const [method, endpoint] of endpoints) {
			const operation = OPERATION_OF[method];
			if (operation && !called.get(operation)?.has(endpoint))
				differences.push(`node: ${SDK} ${method} is ${endpoint}; the node's ${operation} never called it`);
		}
		const known = new Set(endpoints.values());
		for (const [operation, set] of called) {
			for (const endpoint of set)
				if (!known.has(endpoint)) differences.push(`node: the node's ${operation} called ${endpoint}, which the ${SDK} does not have`);
		}
		differences.push(...setDiff('fake: routes', 'fake', SORA_ROUTES, SDK, known));
		expect(named(differences)).toEqual([]);
	});

	it("every field the node sent is a field of the SDK's params, every required one was sent, files only where the SDK takes files", () => {
		const differences: string[] = [];
		const check = (what: string, params: ObjectShape, sent: Record<string, unknown>) => {
			for (const [name, value] of Object.entries(sent)) {
				const prop = params.props[name];
				if (!prop) {
					differences.push(`node: ${what}: the node sent "${name}", which the ${SDK}'s ${params.name} does not have`);
					continue;
				}
				const isFile = typeof value === 'object' && value !== null && 'bytes' in value;
				const isObject = typeof value === 'object' && value !== null && !isFile;
				if (isFile && !acceptsFile(prop.type))
					differences.push(`node: ${what}: the node sent a file as "${name}", the ${SDK} takes none there`);
				if (isObject) {
					const shapes = referenceObjects(prop.type);
					const keys = Object.keys(value);
					if (!shapes.some((shape) => keys.every((key) => key in shape.props))) {
						differences.push(
							`node: ${what}: "${name}" has ${keys.join(', ')}, not fields of the ${SDK}'s ${shapes.map((s) => s.name).join(' or ')}`,
						);
					}
				}
				if (
					!isFile &&
					!isObject &&
					literals(prop.type).length &&
					!admits(prop.type, 'string') &&
					!literals(prop.type).includes(value as Literal)
				) {
					differences.push(`node: ${what}: "${name}" = ${String(value)} is not one of the ${SDK}'s ${literals(prop.type).join(', ')}`);
				}
			}
			for (const [name, prop] of Object.entries(params.props)) {
				if (!prop.optional && !(name in sent)) differences.push(`node: ${what}: the ${SDK} requires "${name}", the node did not send it`);
			}
		};
		const videos = [...fake.videos.values()];
		const byKind = (kind: string) => videos.filter((v) => v.kind === kind);
		for (const v of byKind('create')) check('Generate', sdk.object('VideoCreateParams'), v.fields);
		for (const v of byKind('edit')) check('Edit', sdk.object('VideoEditParams'), v.fields);
		for (const v of byKind('extend')) check('Extend', sdk.object('VideoExtendParams'), v.fields);
		for (const v of byKind('remix')) check('Remix', sdk.object('VideoRemixParams'), v.fields);
		for (const c of fake.characters.values()) check('Create Character', sdk.object('VideoCreateCharacterParams'), c.fields);
		// Each kind ran, with each form of reference.
		const references = byKind('create').map((v) => (v.inputReference?.source ?? 'none') as string);
		differences.push(...setDiff('node: input_reference forms sent', 'node', references, 'expected', ['image_url', 'file_id', 'file']));
		const videoForms = [...byKind('edit'), ...byKind('extend')].map((v) => (v.videoUpload ? 'file' : 'id'));
		differences.push(...setDiff('node: video forms sent', 'node', videoForms, 'expected', ['file', 'id']));
		expect(named(differences)).toEqual([]);
	});

	it("the fields the fake accepts are the SDK's params, nested objects included", () => {
		const props = (name: string) => Object.keys(sdk.object(name).props);
		const nested = (name: string, field: string) =>
			referenceObjects(sdk.object(name).props[field].type).flatMap((o) => Object.keys(o.props));
		expect(
			named([
				...setDiff('fake: create fields', 'fake', SORA_CREATE_FIELDS, SDK, props('VideoCreateParams')),
				...setDiff('fake: edit fields', 'fake', SORA_EDIT_FIELDS, SDK, props('VideoEditParams')),
				...setDiff('fake: extend fields', 'fake', SORA_EXTEND_FIELDS, SDK, props('VideoExtendParams')),
				...setDiff('fake: character fields', 'fake', SORA_CHARACTER_FIELDS, SDK, props('VideoCreateCharacterParams')),
				...setDiff('fake: remix fields', 'fake', SORA_REMIX_FIELDS, SDK, props('VideoRemixParams')),
				...setDiff(
					'fake: input_reference fields',
					'fake',
					SORA_INPUT_REFERENCE_FIELDS,
					SDK,
					nested('VideoCreateParams', 'input_reference'),
				),
				...setDiff('fake: video reference fields (edit)', 'fake', SORA_VIDEO_REFERENCE_FIELDS, SDK, nested('VideoEditParams', 'video')),
				...setDiff('fake: video reference fields (extend)', 'fake', SORA_VIDEO_REFERENCE_FIELDS, SDK, nested('VideoExtendParams', 'video')),
			]),
		).toEqual([]);
	});
});

// ---- compile time: the node's body builders, given literal inputs, produce the SDK's params types ----

/** An SDK params type with its file fields (`Uploadable`) standing for the node's FileUpload. */
type NodeForm<P> = {
	[K in keyof P]: Exclude<P[K], Uploadable> | ([Extract<P[K], Uploadable>] extends [never] ? never : FileUpload);
};

const file: FileUpload = { data: Buffer.from('x'), fileName: 'clip.mp4', contentType: 'video/mp4' };

describe('compile time', () => {
	it("bodies built by the node from literal inputs satisfy the SDK's params types", () => {
		const bodies = [
			createForm({ prompt: 'p', model: 'sora-2-pro', size: '1792x1024', seconds: '8' }) satisfies NodeForm<VideoCreateParams>,
			createForm({
				prompt: 'p',
				model: 'sora-2',
				size: '720x1280',
				seconds: '4',
				inputReference: { image_url: 'https://example.com/a.jpg' },
			}) satisfies NodeForm<VideoCreateParams>,
			createForm({
				prompt: 'p',
				model: 'sora-2',
				size: '1280x720',
				seconds: '12',
				inputReference: { file_id: 'file-1' },
			}) satisfies NodeForm<VideoCreateParams>,
			createForm({
				prompt: 'p',
				model: 'sora-2',
				size: '1280x720',
				seconds: '12',
				inputReference: file,
			}) satisfies NodeForm<VideoCreateParams>,
			editForm({ prompt: 'p', video: { id: 'video_1' } }) satisfies NodeForm<VideoEditParams>,
			editForm({ prompt: 'p', video: file }) satisfies NodeForm<VideoEditParams>,
			extendForm({ prompt: 'p', seconds: '8', video: { id: 'video_1' } }) satisfies NodeForm<VideoExtendParams>,
			characterForm({ name: 'Fox', video: file }) satisfies NodeForm<VideoCreateCharacterParams>,
			remixBody({ prompt: 'p' }) satisfies VideoRemixParams,
		];
		// @ts-expect-error 1920x1080 is not a VideoSize: the guide's size cannot pass for the SDK's.
		void (createForm({ prompt: 'p', model: 'sora-2-pro', size: '1920x1080', seconds: '8' }) satisfies NodeForm<VideoCreateParams>);
		// @ts-expect-error 16 is not a VideoSeconds.
		void (extendForm({ prompt: 'p', seconds: '16', video: { id: 'video_1' } }) satisfies NodeForm<VideoExtendParams>);
		expect(bodies).toHaveLength(9);
	});
});
