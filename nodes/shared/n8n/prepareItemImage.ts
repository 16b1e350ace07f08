import type { IExecuteFunctions } from 'n8n-workflow';

import { ImageError } from '../image/errors';
import { prepareImage } from '../image/prepareImage';
import type { PrepareOptions, PreparedImage } from '../image/prepareImage';
import { readBinaryField } from './binary';
import type { InputFile } from './binary';
import { itemError } from './itemError';

/**
 * Reads an item's binary image and prepares it, turning image problems into node errors that name the
 * item and the field and say what to change.
 */
export async function prepareItemImage(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	options: PrepareOptions,
): Promise<{ source: InputFile; prepared: PreparedImage }> {
	const source = await readBinaryField(context, itemIndex, field);
	try {
		return { source, prepared: await prepareImage(source.data, options) };
	} catch (error) {
		if (!(error instanceof ImageError)) throw error;
		throw itemError(context.getNode(), itemIndex, { binaryField: field }, error.message, error.hint);
	}
}
