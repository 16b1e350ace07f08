/**
 * The status script a fake Sora video follows (queued, in progress, then completed or failed; or stuck for ever):
 * checked once when scripted, then read one step per `GET /videos/{id}` (times `pollsPerStage`), never by the clock.
 */
import type { SoraStatus, SoraStep, SoraStepSpec } from './soraTypes';

export const DEFAULT_STEPS: SoraStep[] = ['queued', { status: 'in_progress', progress: 50 }, 'completed'];

/** A script with every default filled in; throws on a script no video could follow. */
export function normalizeSteps(steps: SoraStep[]): SoraStepSpec[] {
	if (steps.length === 0) throw new Error('A Sora script needs at least one step');
	const statuses: SoraStatus[] = ['queued', 'in_progress', 'completed', 'failed'];
	let previousProgress = 0;
	return steps.map((raw, index) => {
		const step = typeof raw === 'string' ? { status: raw } : raw;
		if (!statuses.includes(step.status)) throw new Error(`Unknown status in Sora script: ${String(step.status)}`);
		const last = index === steps.length - 1;
		const terminal = step.status === 'completed' || step.status === 'failed';
		const forever = 'forever' in step && step.forever === true;
		if (terminal && !last) throw new Error(`Sora script step ${index} ('${step.status}') is terminal but not last`);
		if (forever && (!last || terminal)) throw new Error('forever applies to the last, non-terminal step of a Sora script');
		if (last && !terminal && !forever) {
			throw new Error("A Sora script must end with 'completed', 'failed' or a step marked forever: true");
		}
		const defaults: Record<SoraStatus, number> = { queued: 0, in_progress: 50, completed: 100, failed: previousProgress };
		const progress = 'progress' in step && step.progress !== undefined ? step.progress : defaults[step.status];
		if (!Number.isInteger(progress) || progress < 0 || progress > 100) {
			throw new Error(`Sora script progress must be an integer 0..100, got ${progress}`);
		}
		previousProgress = progress;
		const error =
			step.status === 'failed'
				? ('error' in step && step.error) || { code: 'video_generation_failed', message: 'Video generation failed.' }
				: null;
		return { status: step.status, progress, forever, error };
	});
}

/** The step a video is at after `polls` successful reads. */
export function stepAt(steps: SoraStepSpec[], polls: number, pollsPerStage: number): SoraStepSpec {
	return steps[Math.min(Math.floor(polls / pollsPerStage), steps.length - 1)];
}
