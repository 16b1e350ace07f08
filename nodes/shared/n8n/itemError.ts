import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Where in an item a problem lies: a parameter (by its display name) or a binary field (by its value). */
export type ItemPlace = { field: string } | { binaryField: string; label?: string };

function placeText(place: ItemPlace): string {
	if ('field' in place) return `field "${place.field}"`;
	return `${place.label ? `${place.label.toLowerCase()} ` : ''}binary field "${place.binaryField}"`;
}

/**
 * The one shape of a problem with one item's input: "<message> (item N, field "X")", with what to do as its
 * description, so the user finds the item and the field, and "continue on fail" keeps the other items going.
 */
export function itemError(
	node: INode,
	itemIndex: number,
	place: ItemPlace | undefined,
	message: string,
	description?: string,
): NodeOperationError {
	const where = place ? `item ${itemIndex + 1}, ${placeText(place)}` : `item ${itemIndex + 1}`;
	return new NodeOperationError(node, `${message} (${where})`, { itemIndex, ...(description !== undefined ? { description } : {}) });
}
