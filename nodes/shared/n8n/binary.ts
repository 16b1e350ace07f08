import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isToolMode, noFileForTool } from './toolMode';

export interface InputFile {
	data: Buffer;
	fileName: string;
	mimeType: string;
}

/**
 * Reads a binary field of an item, with an error that names the item and the fields it does have
 * (the usual mistake is a previous node that writes `photo` or `attachment_0`, not `data`).
 */
export async function readBinaryField(context: IExecuteFunctions, itemIndex: number, field: string): Promise<InputFile> {
	const item = context.getInputData()[itemIndex];
	const binary = item.binary?.[field];
	if (!binary && isToolMode(context)) throw noFileForTool(context, itemIndex, field);
	if (!binary) {
		const available = Object.keys(item.binary ?? {});
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex + 1} has no binary field "${field}"`, {
			itemIndex,
			description: available.length
				? `Its binary fields are: ${available.map((name) => `"${name}"`).join(', ')}. Change the node's binary field that reads "${field}" to one of them.`
				: 'It has no binary data at all. Put a node that outputs a file (Telegram, Read File, HTTP Request with "File" response) before context one.',
		});
	}
	const data = await context.helpers.getBinaryDataBuffer(itemIndex, field);
	return { data, fileName: binary.fileName ?? 'image', mimeType: binary.mimeType };
}

/**
 * The size of a binary field as n8n stored it, without reading it into memory: the entry's `bytes`, n8n's
 * binary metadata for a file in binary storage, or the length of inline base64. Undefined when the field is
 * missing or n8n tells nothing (readBinaryField then explains).
 */
export async function storedBytes(context: IExecuteFunctions, itemIndex: number, field: string): Promise<number | undefined> {
	const binary = context.getInputData()[itemIndex]?.binary?.[field];
	if (!binary) return undefined;
	if (typeof binary.bytes === 'number') return binary.bytes;
	if (binary.id && typeof context.helpers.getBinaryMetadata === 'function') {
		const { fileSize } = await context.helpers.getBinaryMetadata(binary.id);
		if (typeof fileSize === 'number') return fileSize;
	}
	if (!binary.id && typeof binary.data === 'string') return Math.floor((binary.data.replace(/=+$/, '').length * 3) / 4);
	return undefined;
}

/** The file name without its extension, safe to build new names from. */
export function baseName(fileName: string | undefined, fallback: string): string {
	const name = (fileName ?? '').replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/[^\w.-]+/g, '_');
	return name.length > 0 ? name : fallback;
}

export type BinaryMap = Record<string, IBinaryData>;
