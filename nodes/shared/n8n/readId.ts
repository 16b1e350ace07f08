import type { IExecuteFunctions } from 'n8n-workflow';

import { pathSegmentProblem } from '../http/pathSegment';
import { itemError } from './itemError';

export interface IdParameter {
	/** The parameter's name. */
	parameter: string;
	/** Its display name, as errors name it. */
	field: string;
	/** What the id is, e.g. "video ID", "Runway task ID". */
	noun: string;
	/** Where a right id comes from. */
	hint: string;
	/** The message for an empty value; "No <noun> given" when not given. */
	emptyMessage?: string;
}

/**
 * An id the user gives that becomes one path segment of a request (a job, a video, a character), read and
 * checked before any request: trimmed, never empty, `.` or `..` (pathSegment.ts says why only those).
 */
export function readId(context: IExecuteFunctions, itemIndex: number, id: IdParameter): string {
	const raw = context.getNodeParameter(id.parameter, itemIndex, '') as unknown;
	const value = (typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : '').trim();
	const problem = pathSegmentProblem(value);
	if (problem) {
		const message = value ? `"${value.slice(0, 60)}" is not a ${id.noun}: ${problem}` : (id.emptyMessage ?? `No ${id.noun} given`);
		throw itemError(context.getNode(), itemIndex, { field: id.field }, message, id.hint);
	}
	return value;
}
