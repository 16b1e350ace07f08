/**
 * How the fake Runway refuses a body: Zod-style issues (`invalid_value`, `invalid_type`, `too_small`, `too_big`,
 * `unrecognized_keys`, `custom`), each with its path and message, in `{"error":"Validation of body failed","issues":[...],"docUrl":...}`.
 */
import type { Reply } from './common/fakeServer';

export const RUNWAY_DOC_URL = 'https://docs.dev.runwayml.com/api';

/** Where a value sits in the body, e.g. ['promptImage', 1, 'uri']. */
export type Path = Array<string | number>;

export interface Issue {
	code: string;
	path: Path;
	message: string;
	[key: string]: unknown;
}

/** One issue of each kind, worded as Runway's validation words it. */
export const issue = {
	option: (path: Path, values: readonly (string | number)[]): Issue => ({
		code: 'invalid_value',
		values: [...values],
		path,
		message: `Invalid option: expected one of ${values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join('|')}`,
	}),
	type: (path: Path, expected: string, value: unknown): Issue => ({
		code: 'invalid_type',
		expected,
		path,
		message: `Invalid input: expected ${expected}, received ${received(value)}`,
	}),
	small: (path: Path, origin: 'string' | 'number' | 'array', minimum: number): Issue => ({
		code: 'too_small',
		origin,
		minimum,
		inclusive: true,
		path,
		message: `Too small: expected ${origin} to ${bound(origin, '>=', minimum)}`,
	}),
	big: (path: Path, origin: 'string' | 'number' | 'array', maximum: number): Issue => ({
		code: 'too_big',
		origin,
		maximum,
		inclusive: true,
		path,
		message: `Too big: expected ${origin} to ${bound(origin, '<=', maximum)}`,
	}),
	unrecognized: (path: Path, keys: string[]): Issue => ({
		code: 'unrecognized_keys',
		keys,
		path,
		message: `Unrecognized key${keys.length > 1 ? 's' : ''}: ${keys.map((k) => `"${k}"`).join(', ')}`,
	}),
	custom: (path: Path, message: string): Issue => ({ code: 'custom', path, message }),
};

function bound(origin: 'string' | 'number' | 'array', op: string, limit: number): string {
	if (origin === 'number') return `be ${op}${limit}`;
	return `have ${op}${limit} ${origin === 'string' ? 'characters' : 'items'}`;
}

function received(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

/** The 400 answer for a body with these issues. */
export function invalid(issues: Issue[]): Reply {
	return { status: 400, json: { error: 'Validation of body failed', issues, docUrl: RUNWAY_DOC_URL } };
}
