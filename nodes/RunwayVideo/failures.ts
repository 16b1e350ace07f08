/**
 * Runway's task failure codes (docs.dev.runwayml.com/errors/task-failures) in plain
 * words, with whether running the same request again can help. n8n-free.
 */

export interface FailureExplanation {
	/** What happened, in plain words. */
	explanation: string;
	/** Whether sending the same request again can succeed. */
	retryable: boolean;
	/** What to do about it. */
	advice: string;
}

const FAMILIES: Array<{ match: (code: string) => boolean } & FailureExplanation> = [
	{
		match: (code) => code.startsWith('SAFETY.INPUT'),
		explanation: "Runway's content moderation rejected an input (the prompt or the image)",
		retryable: false,
		advice: 'Do not retry as it is: change the prompt or the image. Runway may not refund credits for moderated inputs.',
	},
	{
		match: (code) => code.startsWith('SAFETY.OUTPUT'),
		explanation: "Runway's content moderation rejected the generated video",
		retryable: false,
		advice: 'Retry only with a changed prompt or image.',
	},
	{
		match: (code) => code.startsWith('INTERNAL.BAD_OUTPUT'),
		explanation: 'Runway discarded the result for quality reasons (text or graphics on the input image can cause this)',
		retryable: true,
		advice: 'Retrying is fine; if it keeps happening, use an image without overlaid text or graphics.',
	},
	{
		match: (code) => code.startsWith('ASSET.INVALID'),
		explanation: 'Runway could not use an input file (the image is invalid, unreadable or an unsupported kind)',
		retryable: false,
		advice: 'Fix the input: send a JPEG, PNG or WebP image (turn on Auto-Fit), or check that the image URL serves the image itself.',
	},
	{
		match: (code) => code === 'INTERNAL' || code.startsWith('INTERNAL.'),
		explanation: 'Runway had an internal error while generating',
		retryable: true,
		advice: 'Retry; Runway returns credits for generation errors.',
	},
];

export function explainFailure(failureCode: unknown): FailureExplanation {
	const code = typeof failureCode === 'string' ? failureCode.trim().toUpperCase() : '';
	if (code === '') {
		return {
			explanation: 'Runway reported a failure without a code',
			retryable: false,
			advice: 'Look at the failure text; retry once if nothing in the input looks wrong.',
		};
	}
	const family = FAMILIES.find((f) => f.match(code));
	if (family) return { explanation: family.explanation, retryable: family.retryable, advice: family.advice };
	return {
		explanation: `Runway reported a failure this node does not know (${code})`,
		retryable: false,
		advice: 'Look at the failure text and https://docs.dev.runwayml.com/errors/task-failures before retrying.',
	};
}
