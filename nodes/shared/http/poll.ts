import { sleep, WaitCancelledError } from './sleep';

export interface PollOptions<T> {
	/** Fetches the job's current state. */
	fetch: () => Promise<T>;
	/** True once the job has reached a final state (succeeded, failed, cancelled). */
	isFinal: (state: T) => boolean;
	/** How long to wait before the next fetch, given the last state (e.g. a server's poll-after hint). */
	intervalMs: (state: T) => number;
	/** Give up after this long (measured from the first fetch). */
	maxWaitMs: number;
	signal?: AbortSignal;
	/** Told about each state, e.g. to log progress. */
	onState?: (state: T) => void;
	now?: () => number;
}

export type PollOutcome<T> =
	| { outcome: 'final'; state: T; polls: number }
	| { outcome: 'timedOut'; state: T; polls: number }
	| { outcome: 'cancelled'; state: T; polls: number };

/**
 * Fetches until the job is final, the wait runs out or the execution is cancelled. It never sleeps after a
 * final state, and never sleeps past the deadline: the last fetch happens at the deadline at the latest.
 * The last state seen always comes back, so a caller can hand the job id on instead of losing a paid job.
 */
export async function pollUntilFinal<T>(options: PollOptions<T>): Promise<PollOutcome<T>> {
	const now = options.now ?? Date.now;
	const deadline = now() + options.maxWaitMs;
	let polls = 0;
	let state = await options.fetch();
	polls++;
	for (;;) {
		options.onState?.(state);
		if (options.isFinal(state)) return { outcome: 'final', state, polls };
		const remaining = deadline - now();
		if (remaining <= 0) return { outcome: 'timedOut', state, polls };
		try {
			await sleep(Math.min(options.intervalMs(state), remaining), options.signal);
		} catch (error) {
			if (error instanceof WaitCancelledError) return { outcome: 'cancelled', state, polls };
			throw error;
		}
		state = await options.fetch();
		polls++;
	}
}
