import type { HttpResponse } from './response';
import { notRetried } from './retry';

/** An error answer as the advice sees it; a vendor adds what its special cases read (its error code, the call). */
export interface ErrorAnswer {
	response: HttpResponse;
	/** The request starts a paid job: it was not re-sent after a 5xx. */
	creating: boolean;
}

type Text<A> = string | ((answer: A) => string);

/** A vendor's own case: a status (`5xx`: 500 and above) and/or a condition, and what to say. */
export interface AdviceCase<A> {
	status?: number | '5xx';
	when?: (answer: A) => boolean;
	advice: Text<A>;
}

/**
 * What a vendor node says about an error answer: its own cases first (first match wins), then its texts for the
 * statuses every API shares, then its cases for the rest, then `otherwise`.
 */
export interface StatusAdvice<A extends ErrorAnswer> {
	first?: Array<AdviceCase<A>>;
	unauthorized: Text<A>;
	forbidden: Text<A>;
	notFound: Text<A>;
	/** 429; `retried` is `retriedNote` when the node retried, else why it did not (`notRetried`). */
	rateLimited: { creating: (retried: string) => string; reading: (retried: string) => string };
	retriedNote: string;
	/** 500 and above: a create was not re-sent (a job may exist), a read was retried. */
	serverFailed: { creating: Text<A>; reading: Text<A> };
	then?: Array<AdviceCase<A>>;
	otherwise: Text<A>;
}

export function statusAdvice<A extends ErrorAnswer>(advice: StatusAdvice<A>, answer: A): string {
	const retried = (answer.response.attempts ?? 1) > 1 ? advice.retriedNote : notRetried(answer.response.headers);
	const cases: Array<AdviceCase<A>> = [
		...(advice.first ?? []),
		{ status: 401, advice: advice.unauthorized },
		{ status: 403, advice: advice.forbidden },
		{ status: 404, advice: advice.notFound },
		{ status: 429, advice: (a) => (a.creating ? advice.rateLimited.creating : advice.rateLimited.reading)(retried) },
		{ status: '5xx', advice: (a) => say(a.creating ? advice.serverFailed.creating : advice.serverFailed.reading, a) },
		...(advice.then ?? []),
	];
	const match = cases.find((c) => matchesStatus(c.status, answer.response.statusCode) && (!c.when || c.when(answer)));
	return say(match ? match.advice : advice.otherwise, answer);
}

function matchesStatus(status: AdviceCase<never>['status'], actual: number): boolean {
	if (status === undefined) return true;
	return status === '5xx' ? actual >= 500 : status === actual;
}

function say<A>(text: Text<A>, answer: A): string {
	return typeof text === 'string' ? text : text(answer);
}
