/** How the fake Sora refuses: OpenAI's error envelope, the errors its checks throw, and the x-request-id every answer carries. */
import { randomBytes } from 'node:crypto';

import type { Reply } from './common/fakeServer';

const MAX_ECHO_CHARS = 200;

/** An OpenAI error envelope, e.g. for `server.inject({ kind: 'status', status: 429, body: soraErrorBody(...) })`. */
export function soraErrorBody(
	message: string,
	type = 'invalid_request_error',
	code: string | null = null,
	param: string | null = null,
): { error: { message: string; type: string; param: string | null; code: string | null } } {
	return { error: { message, type, param, code } };
}

/** A refusal as OpenAI words it: the status, and the message, code and param of its error envelope. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly code: string | null = null,
		readonly param: string | null = null,
		readonly type = 'invalid_request_error',
	) {
		super(message);
	}
}

export function missing(param: string): ApiError {
	return new ApiError(400, `Missing required parameter: '${param}'.`, 'missing_required_parameter', param);
}

export function withRequestId(reply: Reply): Reply {
	return { ...reply, headers: { 'x-request-id': `req_${randomBytes(16).toString('hex')}`, ...reply.headers } };
}

/** "'4', '8', and '12'" (or with 'or': "'4', '8', or '12'"). */
export function quoteList(values: readonly string[], conjunction = 'and'): string {
	const quoted = values.map((v) => `'${v}'`);
	if (quoted.length <= 1) return quoted.join('');
	if (quoted.length === 2) return `${quoted[0]} ${conjunction} ${quoted[1]}`;
	return `${quoted.slice(0, -1).join(', ')}, ${conjunction} ${quoted[quoted.length - 1]}`;
}

/** Client-supplied text echoed in an error, cut short. */
export function echo(text: string): string {
	return text.length > MAX_ECHO_CHARS ? `${text.slice(0, MAX_ECHO_CHARS)}...` : text;
}
