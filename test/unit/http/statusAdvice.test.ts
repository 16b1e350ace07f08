/** The shared status advice: a vendor's own cases first, its texts for the common statuses, then the rest. */
import type { HttpResponse } from '../../../nodes/shared/http/response';
import type { ErrorAnswer, StatusAdvice } from '../../../nodes/shared/http/statusAdvice';
import { statusAdvice } from '../../../nodes/shared/http/statusAdvice';

interface Answer extends ErrorAnswer {
	code?: string;
}

const ADVICE: StatusAdvice<Answer> = {
	first: [{ status: 404, when: (a) => a.code === 'gone', advice: 'no such job' }],
	unauthorized: 'key refused',
	forbidden: (a) => `not allowed${a.creating ? ' to create' : ''}`,
	notFound: 'wrong address',
	retriedNote: 'retried',
	rateLimited: { creating: (retried) => `slow down (create; ${retried})`, reading: (retried) => `slow down (${retried})` },
	serverFailed: { creating: 'may exist', reading: 'kept failing' },
	then: [{ when: (a) => a.code === 'credits', advice: 'add credits' }],
	otherwise: (a) => (a.creating ? 'refused; nothing created' : 'refused'),
};

function advice(statusCode: number, extra: Partial<Answer> & { attempts?: number; headers?: Record<string, string> } = {}): string {
	const response: HttpResponse = { statusCode, headers: extra.headers ?? {}, body: '', attempts: extra.attempts };
	return statusAdvice(ADVICE, { response, creating: extra.creating ?? false, code: extra.code });
}

test('a vendor case comes before the common text of its status, and only when its condition holds', () => {
	expect(advice(404, { code: 'gone' })).toBe('no such job');
	expect(advice(404)).toBe('wrong address');
});

test('the common statuses: texts or functions of the answer', () => {
	expect(advice(401)).toBe('key refused');
	expect([advice(403), advice(403, { creating: true })]).toEqual(['not allowed', 'not allowed to create']);
});

test("429 says whether the node retried, else why not (the server's Retry-After)", () => {
	expect(advice(429, { attempts: 3 })).toBe('slow down (retried)');
	expect(advice(429, { creating: true, headers: { 'retry-after': '7' } })).toBe(
		'slow down (create; it was not retried, as the server asked to wait 7 s)',
	);
});

test('500 and above: a create may have made a job, a read kept failing', () => {
	expect([advice(500, { creating: true }), advice(503), advice(599)]).toEqual(['may exist', 'kept failing', 'kept failing']);
});

test("the vendor's later cases, then its fallback", () => {
	expect(advice(400, { code: 'credits' })).toBe('add credits');
	expect([advice(400), advice(422, { creating: true })]).toEqual(['refused', 'refused; nothing created']);
});
