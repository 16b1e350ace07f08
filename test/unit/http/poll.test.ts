import { pollUntilFinal } from '../../../nodes/shared/http/poll';

/** A scripted job: each fetch returns the next state, and records when it was asked. */
function job(states: string[]) {
	let index = 0;
	const fetchedAt: number[] = [];
	return {
		fetchedAt,
		fetch: async () => {
			fetchedAt.push(Date.now());
			return states[Math.min(index++, states.length - 1)];
		},
	};
}

const isFinal = (state: string) => state === 'done' || state === 'failed';

test('polls until a final state and never sleeps after it', async () => {
	const scripted = job(['queued', 'running', 'running', 'done']);
	const seen: string[] = [];
	const outcome = await pollUntilFinal({
		fetch: scripted.fetch,
		isFinal,
		intervalMs: () => 5,
		maxWaitMs: 10_000,
		onState: (s) => seen.push(s),
	});
	expect(outcome).toEqual({ outcome: 'final', state: 'done', polls: 4 });
	expect(seen).toEqual(['queued', 'running', 'running', 'done']);
});

test('a failed job is final too', async () => {
	const outcome = await pollUntilFinal({ fetch: job(['queued', 'failed']).fetch, isFinal, intervalMs: () => 1, maxWaitMs: 10_000 });
	expect(outcome.outcome).toBe('final');
	expect(outcome.state).toBe('failed');
});

test('the interval can follow the state (a server hint)', async () => {
	const waits: string[] = [];
	await pollUntilFinal({
		fetch: job(['queued', 'running', 'done']).fetch,
		isFinal,
		intervalMs: (state) => {
			waits.push(state);
			return state === 'queued' ? 1 : 2;
		},
		maxWaitMs: 10_000,
	});
	expect(waits).toEqual(['queued', 'running']);
});

test('runs out of time with the last state, polling one last time at the deadline', async () => {
	let clock = 0;
	const scripted = job(['queued', 'running']);
	const outcome = await pollUntilFinal({
		fetch: async () => {
			const state = await scripted.fetch();
			clock += 400; // each poll "takes" 400 ms of the budget
			return state;
		},
		isFinal,
		intervalMs: () => 1,
		maxWaitMs: 1000,
		now: () => clock,
	});
	expect(outcome).toEqual({ outcome: 'timedOut', state: 'running', polls: 3 });
});

test('cancellation ends the wait at once with the last state', async () => {
	const cancel = new AbortController();
	const scripted = job(['queued', 'running']);
	setTimeout(() => cancel.abort(), 30);
	const outcome = await pollUntilFinal({
		fetch: scripted.fetch,
		isFinal,
		intervalMs: () => 60_000,
		maxWaitMs: 600_000,
		signal: cancel.signal,
	});
	expect(outcome).toEqual({ outcome: 'cancelled', state: 'queued', polls: 1 });
});

test('a fetch error is not swallowed', async () => {
	const outcome = pollUntilFinal({
		fetch: async () => {
			throw new Error('HTTP 401: bad key');
		},
		isFinal,
		intervalMs: () => 1,
		maxWaitMs: 1000,
	});
	await expect(outcome).rejects.toThrow('HTTP 401');
});
