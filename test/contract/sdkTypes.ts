/**
 * Reads a vendor SDK's TypeScript declarations (`@runwayml/sdk`, `openai`) into plain data, so contract
 * tests can compare the nodes' tables and the fakes with the vendor's own, generated contract. Bumping the
 * SDK in package.json is then the one step that shows every drift.
 *
 *   const sdk = new SdkTypes('@runwayml/sdk/resources/image-to-video');
 *   sdk.members('ImageToVideoCreateParams')        // one ObjectShape per model
 *   literals(shape.props.ratio.type)               // ['1280:720', ...]
 *
 * Uses the TypeScript compiler API on the installed .d.ts files; nothing from the SDK is ever run.
 * `AIV_SDK_ROOT=<dir>` reads the SDKs from `<dir>/node_modules` instead (scripts/sdkMutations.js points it at an
 * edited copy to show that each kind of vendor change fails the guard).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/**
 * The file of an SDK module (`openai/resources/videos`) with the extension asked for ('.d.ts' or '.js'), from
 * `AIV_SDK_ROOT` when it is set, else from the installed package. A path to a `.ts` file of this repository
 * is taken as it is (the nodes' own types, e.g. a status union).
 */
export function sdkFile(moduleId: string, extension: '.d.ts' | '.js'): string {
	if (/\.ts$/.test(moduleId)) return path.resolve(moduleId);
	const root = process.env.AIV_SDK_ROOT;
	if (root) {
		const base = path.join(root, 'node_modules', moduleId);
		const found = [`${base}${extension}`, path.join(base, `index${extension}`)].find((file) => fs.existsSync(file));
		if (!found) throw new Error(`AIV_SDK_ROOT=${root} has no ${moduleId}${extension}`);
		return found;
	}
	return require.resolve(moduleId).replace(/\.js$/, extension);
}

export type Literal = string | number | boolean;

/** A type as plain data. `ref` is a named interface not expanded further (depth limit or recursion). */
export type TypeShape =
	| { kind: 'literal'; value: Literal | null }
	| { kind: 'primitive'; name: 'string' | 'number' | 'boolean' | 'unknown' | 'any' | 'undefined' | 'null' | 'other' }
	| { kind: 'array'; of: TypeShape }
	| { kind: 'union'; of: TypeShape[] }
	| { kind: 'object'; name?: string; props: Record<string, PropShape>; /** `{[key: string]: T}`: the values' type. */ index?: TypeShape }
	| { kind: 'ref'; name: string };

export interface PropShape {
	optional: boolean;
	type: TypeShape;
	/** The JSDoc text above the property (rules such as "an integer from 2 to 10" live only there). */
	doc: string;
}

export type ObjectShape = Extract<TypeShape, { kind: 'object' }>;

export class SdkTypes {
	private readonly checker: ts.TypeChecker;
	private readonly exports: Map<string, ts.Symbol>;

	/** `moduleId`: the SDK module as imported, e.g. `openai/resources/videos` (or a .ts file of this repository). */
	constructor(readonly moduleId: string) {
		const file = sdkFile(moduleId, '.d.ts');
		const program = ts.createProgram([file], {
			strict: true,
			noEmit: true,
			skipLibCheck: true,
			// The SDKs' declarations lean on Node's globals (Headers, Response) and ES2022: load them explicitly, so a
			// copy of an SDK outside this repository (AIV_SDK_ROOT) reads exactly like the installed one.
			types: ['node'],
			typeRoots: [path.resolve(__dirname, '../../node_modules/@types')],
			target: ts.ScriptTarget.ES2022,
			lib: ['lib.es2022.d.ts'],
			moduleResolution: ts.ModuleResolutionKind.Node10,
			esModuleInterop: true,
		});
		this.checker = program.getTypeChecker();
		const source = program.getSourceFile(file);
		const moduleSymbol = source && this.checker.getSymbolAtLocation(source);
		if (!moduleSymbol) throw new Error(`Cannot read the declarations of ${moduleId} (${path.relative(process.cwd(), file)})`);
		this.exports = new Map();
		for (const symbol of this.checker.getExportsOfModule(moduleSymbol)) {
			this.exports.set(symbol.name, symbol);
			// Namespaces merged with a type (ImageToVideoCreateParams.Gen4_5): reachable as "Outer.Inner".
			for (const inner of symbol.exports ? [...(symbol.exports as Map<string, ts.Symbol>).values()] : []) {
				this.exports.set(`${symbol.name}.${inner.name}`, inner);
			}
		}
	}

	/** The exported type `name` (a dotted name reaches into a namespace), as plain data. */
	shape(name: string, depth = 4): TypeShape {
		return this.describe(this.typeOf(name), depth, new Set());
	}

	/** An exported object type (an interface). Throws when `name` is a union or not an object. */
	object(name: string, depth = 4): ObjectShape {
		const shape = this.shape(name, depth);
		if (shape.kind !== 'object') throw new Error(`${this.moduleId}: ${name} is a ${shape.kind}, not an object type`);
		return shape;
	}

	/** The object members of an exported union (one per model in Runway's create params). */
	members(name: string, depth = 4): ObjectShape[] {
		const shape = this.shape(name, depth);
		const members = shape.kind === 'union' ? shape.of : [shape];
		return members.map((member) => {
			if (member.kind !== 'object') throw new Error(`${this.moduleId}: ${name} has a ${member.kind} member, not an object`);
			return member;
		});
	}

	/** The names this module exports (namespace members as "Outer.Inner"). */
	names(): string[] {
		return [...this.exports.keys()];
	}

	private typeOf(name: string): ts.Type {
		const symbol = this.exports.get(name);
		if (!symbol) throw new Error(`${this.moduleId} exports no type ${name}`);
		const target = symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
		return this.checker.getDeclaredTypeOfSymbol(target);
	}

	private describe(type: ts.Type, depth: number, seen: Set<ts.Type>): TypeShape {
		const { checker } = this;
		const flags = type.flags;
		if (type.isStringLiteral() || type.isNumberLiteral()) return { kind: 'literal', value: type.value };
		if (flags & ts.TypeFlags.BooleanLiteral) return { kind: 'literal', value: checker.typeToString(type) === 'true' };
		if (flags & ts.TypeFlags.Null) return { kind: 'literal', value: null };
		if (flags & ts.TypeFlags.Boolean) return { kind: 'primitive', name: 'boolean' };
		if (flags & ts.TypeFlags.String) return { kind: 'primitive', name: 'string' };
		if (flags & ts.TypeFlags.Number) return { kind: 'primitive', name: 'number' };
		if (flags & ts.TypeFlags.Undefined) return { kind: 'primitive', name: 'undefined' };
		if (flags & ts.TypeFlags.Unknown) return { kind: 'primitive', name: 'unknown' };
		if (flags & ts.TypeFlags.Any) return { kind: 'primitive', name: 'any' };
		if (type.isUnion()) {
			const of = type.types.map((member) => this.describe(member, depth, seen));
			// `true | false` is how the checker spells boolean inside a union.
			const bools = of.filter((s) => s.kind === 'literal' && typeof s.value === 'boolean');
			const rest = of.filter((s) => !(s.kind === 'literal' && typeof s.value === 'boolean'));
			const merged: TypeShape[] = bools.length === 2 ? [...rest, { kind: 'primitive', name: 'boolean' }] : of;
			return merged.length === 1 ? merged[0] : { kind: 'union', of: merged };
		}
		if (type.isIntersection()) {
			// `string & {}` (OpenAI's "any model id") is a string.
			if (type.types.some((t) => t.flags & ts.TypeFlags.String)) return { kind: 'primitive', name: 'string' };
		}
		if (checker.isArrayType(type)) {
			const [element] = checker.getTypeArguments(type as ts.TypeReference);
			return { kind: 'array', of: this.describe(element, depth, seen) };
		}
		if (type.getCallSignatures().length > 0) return { kind: 'primitive', name: 'other' };
		if (flags & ts.TypeFlags.Object) {
			const name = type.aliasSymbol?.name ?? type.getSymbol()?.name;
			if (depth <= 0 || seen.has(type)) return { kind: 'ref', name: name ?? checker.typeToString(type) };
			const inner = new Set(seen).add(type);
			const props: Record<string, PropShape> = {};
			for (const prop of checker.getPropertiesOfType(type)) {
				const declaration = prop.valueDeclaration ?? prop.declarations?.[0];
				const propType = declaration ? checker.getTypeOfSymbolAtLocation(prop, declaration) : checker.getDeclaredTypeOfSymbol(prop);
				const optional = (prop.flags & ts.SymbolFlags.Optional) !== 0;
				props[prop.name] = {
					optional,
					type: this.describe(optional ? checker.getNonNullableType(propType) : propType, depth - 1, inner),
					doc: ts.displayPartsToString(prop.getDocumentationComment(checker)),
				};
				// getNonNullableType also removes `null`; keep it where the SDK allows null explicitly.
				if (optional && propType.isUnion() && propType.types.some((t) => t.flags & ts.TypeFlags.Null)) {
					props[prop.name].type = addNull(props[prop.name].type);
				}
			}
			const indexType = checker.getIndexTypeOfType(type, ts.IndexKind.String);
			const index = indexType ? this.describe(indexType, depth - 1, inner) : undefined;
			return { kind: 'object', name: name === '__type' ? undefined : name, props, ...(index ? { index } : {}) };
		}
		return { kind: 'primitive', name: 'other' };
	}
}

function addNull(shape: TypeShape): TypeShape {
	const nul: TypeShape = { kind: 'literal', value: null };
	return shape.kind === 'union' ? { kind: 'union', of: [...shape.of, nul] } : { kind: 'union', of: [shape, nul] };
}

/** The literal values a type allows (a union of literals, or one literal); [] when it allows any value of a primitive. */
export function literals(shape: TypeShape): Literal[] {
	if (shape.kind === 'literal') return shape.value === null ? [] : [shape.value];
	if (shape.kind === 'union') return shape.of.flatMap(literals);
	return [];
}

/** Whether a type admits any value of the primitive (e.g. `string & {}` or `number` in a union). */
export function admits(shape: TypeShape, primitive: 'string' | 'number' | 'boolean'): boolean {
	if (shape.kind === 'primitive') return shape.name === primitive;
	if (shape.kind === 'union') return shape.of.some((s) => admits(s, primitive));
	return false;
}

/** The object members of a type (the object itself, the objects of a union, or an array's element objects). */
export function objects(shape: TypeShape): ObjectShape[] {
	if (shape.kind === 'object') return [shape];
	if (shape.kind === 'union') return shape.of.flatMap(objects);
	if (shape.kind === 'array') return objects(shape.of);
	return [];
}

/** The literal value of a discriminating property (`model: 'gen4.5'`) of an object member. */
export function discriminant(member: ObjectShape, prop: string): Literal {
	const shape = member.props[prop]?.type;
	const values = shape ? literals(shape) : [];
	if (values.length !== 1) throw new Error(`${member.name ?? 'member'}.${prop} is not a single literal`);
	return values[0];
}

/**
 * Differences between two sets, in words: "<what> only in <a>: x, y" and "<what> only in <b>: z".
 * Contract tests collect these and expect [] so a failure lists every drift at once.
 */
export function setDiff(what: string, aName: string, a: Iterable<Literal>, bName: string, b: Iterable<Literal>): string[] {
	const left = new Set(a);
	const right = new Set(b);
	const onlyLeft = [...left].filter((v) => !right.has(v));
	const onlyRight = [...right].filter((v) => !left.has(v));
	const out: string[] = [];
	if (onlyLeft.length) out.push(`${what}: only in ${aName}: ${onlyLeft.map(String).join(', ')}`);
	if (onlyRight.length) out.push(`${what}: only in ${bName}: ${onlyRight.map(String).join(', ')}`);
	return out;
}

/**
 * Enumerated values nested in a structured field, by dotted path below it (`publicFigureThreshold` of
 * `contentModeration`, `position` of `promptImage`'s items, `voice.presetId` of `speech`): the literal values of
 * every object member reached through unions and arrays, merged per path.
 */
export function nestedEnums(shape: TypeShape, prefix: string, depth = 4): Record<string, Literal[]> {
	const out: Record<string, Literal[]> = {};
	if (depth <= 0) return out;
	for (const object of objects(shape)) {
		for (const [name, prop] of Object.entries(object.props)) {
			const at = `${prefix}.${name}`;
			const values = literals(prop.type);
			if (values.length > 0 && !admits(prop.type, 'string') && !admits(prop.type, 'number')) {
				out[at] = [...new Set([...(out[at] ?? []), ...values])];
			}
			for (const [inner, innerValues] of Object.entries(nestedEnums(prop.type, at, depth - 1))) {
				out[inner] = [...new Set([...(out[inner] ?? []), ...innerValues])];
			}
		}
	}
	return out;
}

/**
 * Every property path of a type (`tier.models.*.maxDailyGenerations`: `*` for an index signature, `[]` for an
 * array's items), through unions; for comparing what a server answers or a node reads with what the SDK declares.
 */
export function propertyPaths(shape: TypeShape, prefix = '', options: { requiredOnly?: boolean; depth?: number } = {}): string[] {
	const depth = options.depth ?? 6;
	if (depth <= 0) return [];
	const deeper = { ...options, depth: depth - 1 };
	const out = new Set<string>();
	const join = (name: string) => (prefix ? `${prefix}.${name}` : name);
	for (const object of shape.kind === 'array' ? [] : objects(shape)) {
		for (const [name, prop] of Object.entries(object.props)) {
			if (options.requiredOnly && prop.optional) continue;
			out.add(join(name));
			for (const inner of propertyPaths(prop.type, join(name), deeper)) out.add(inner);
		}
		// Map entries and array items may be absent: never "required".
		if (object.index && !options.requiredOnly) {
			out.add(join('*'));
			for (const inner of propertyPaths(object.index, join('*'), deeper)) out.add(inner);
		}
	}
	const array = shape.kind === 'array' ? shape : shape.kind === 'union' ? shape.of.find((s) => s.kind === 'array') : undefined;
	if (array?.kind === 'array' && !options.requiredOnly) {
		for (const inner of propertyPaths(array.of, join('[]'), deeper)) out.add(inner);
	}
	return [...out];
}

/** The property paths of a JSON value, in the same notation (`keys` of objects under `indexAt` become `*`). */
export function valuePaths(value: unknown, indexAt: string[] = [], prefix = ''): string[] {
	const out = new Set<string>();
	const join = (name: string) => (prefix ? `${prefix}.${name}` : name);
	if (Array.isArray(value)) {
		for (const item of value) for (const inner of valuePaths(item, indexAt, join('[]'))) out.add(inner);
	} else if (value && typeof value === 'object') {
		for (const [key, inner] of Object.entries(value)) {
			const name = indexAt.includes(prefix) ? '*' : key;
			out.add(join(name));
			for (const path of valuePaths(inner, indexAt, join(name))) out.add(path);
		}
	}
	return [...out];
}
