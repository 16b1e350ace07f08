export type ImageErrorCode = 'EMPTY_INPUT' | 'NOT_AN_IMAGE' | 'CORRUPT_IMAGE' | 'TOO_MANY_PIXELS' | 'CAP_UNREACHABLE' | 'BAD_OPTION';

/** An image problem the user can act on: `message` says what is wrong, `hint` what to change. */
export class ImageError extends Error {
	constructor(
		readonly code: ImageErrorCode,
		message: string,
		readonly hint: string,
	) {
		super(message);
		this.name = 'ImageError';
	}
}
