/** Thrown by sleep() when the execution is cancelled while waiting. */
export class WaitCancelledError extends Error {
	constructor() {
		super('The execution was cancelled while waiting');
		this.name = 'WaitCancelledError';
	}
}

/**
 * Waits `ms`, or rejects with WaitCancelledError as soon as `signal` aborts.
 * (n8n-workflow 2.41 exports no abortable sleep, so the nodes keep this one.)
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) return Promise.reject(new WaitCancelledError());
	return new Promise((resolve, reject) => {
		const onAbort = () => {
			clearTimeout(timer);
			reject(new WaitCancelledError());
		};
		const timer = setTimeout(
			() => {
				signal?.removeEventListener('abort', onAbort);
				resolve();
			},
			Math.max(0, ms),
		);
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}
