import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runForEachItem } from '../../shared/n8n/itemLoop';
import { notStarted } from '../../shared/n8n/paidJob';
import type { ItemHandler } from '../../shared/n8n/itemLoop';
import * as video from './video/Video.resource';

const operations: Record<string, { execute: ItemHandler }> = {
	createCharacter: video.createCharacter,
	delete: video.delete,
	download: video.download,
	edit: video.edit,
	extend: video.extend,
	generate: video.generate,
	get: video.get,
	getCharacter: video.getCharacter,
	list: video.list,
	remix: video.remix,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = operations[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`, {
			description: `Choose one of: ${Object.keys(operations).join(', ')}.`,
		});
	}
	return await runForEachItem.call(this, async (itemIndex, item) => {
		// Once the execution is cancelled, the items not started yet come out marked, rather than failing the
		// node and taking the job IDs of the items already done with them.
		if (this.getExecutionCancelSignal()?.aborted) return notStarted();
		return await handler.execute.call(this, itemIndex, item);
	});
}
