/**
 * A fake Runway task's life: the script of statuses it follows (one step per GET, never by the clock; a step may
 * last several GETs or for ever, a failure carry its text and code) and what its create costs.
 */
import { AUTO_DURATION_CHARGE, CREDITS_PER_SECOND, CREDITS_PER_SECOND_WITH_AUDIO, DEFAULT_DURATION } from './runwayModels';
import type { FakeRunwayTask, RunwayTaskStatus, TaskStep, TaskStepObject } from './runwayTypes';

export const DEFAULT_STEPS: readonly TaskStep[] = ['PENDING', { status: 'RUNNING', progress: 0.5 }, 'SUCCEEDED'];

/** One GET of a task: it moves to its next step once this one has lasted its polls (cancelled, terminal and forever steps stay). */
export function advance(task: FakeRunwayTask, pollsPerStage: number): void {
	if (!task.cancelled) {
		const step = task.steps[task.stepIndex];
		const { forever, polls } = stepObject(step);
		const canLeave = !isTerminal(task.status) && !forever && task.stepIndex < task.steps.length - 1;
		if (canLeave && task.pollsAtStep >= (polls ?? pollsPerStage)) {
			task.stepIndex++;
			task.pollsAtStep = 0;
			task.status = stepObject(task.steps[task.stepIndex]).status;
		}
	}
	task.pollsAtStep++;
	task.polls++;
}

export function isTerminal(status: RunwayTaskStatus): boolean {
	return status === 'SUCCEEDED' || status === 'FAILED' || status === 'CANCELLED';
}

/** A step with its details: a plain 'FAILED' gets the code INTERNAL. */
export function stepObject(step: TaskStep): TaskStepObject {
	if (typeof step !== 'string') return step;
	return step === 'FAILED' ? { status: step, failureCode: 'INTERNAL' } : { status: step };
}

/** Credits for a create: per second of output (auto at the variant maximum), or a flat 10 s for tasks without a duration. */
export function price(model: string, body: Record<string, unknown>): number {
	const perSecond =
		(body.audio === true ? CREDITS_PER_SECOND_WITH_AUDIO[model] : undefined) ?? CREDITS_PER_SECOND[model] ?? CREDITS_PER_SECOND.default;
	const seconds = typeof body.duration === 'number' ? body.duration : body.duration === 'auto' ? AUTO_DURATION_CHARGE : DEFAULT_DURATION;
	return perSecond * seconds;
}
