/**
 * Job, video and task ids are the server's own and opaque: any text is sent, percent-encoded into one path
 * segment. Only what would address another endpoint once in a URL is refused: nothing, `.` and `..`.
 */
export class PathSegmentError extends Error {}

/** The id percent-encoded as one path segment; throws PathSegmentError for '', '.' and '..'. */
export function pathSegment(id: string): string {
	const problem = pathSegmentProblem(id);
	if (problem) throw new PathSegmentError(problem);
	return encodeURIComponent(id);
}

/** Why an id cannot be a path segment, or undefined when it can. */
export function pathSegmentProblem(id: string): string | undefined {
	if (id === '') return 'it is empty';
	if (id === '.' || id === '..') return `"${id}" would address another endpoint`;
	return undefined;
}
