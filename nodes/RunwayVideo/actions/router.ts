import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runForEachItem } from '../../shared/n8n/itemLoop';
import type { ItemHandler } from '../../shared/n8n/itemLoop';
import { notStarted } from '../../shared/n8n/paidJob';
import * as organization from './organization/Organization.resource';
import * as task from './task/Task.resource';
import * as video from './video/Video.resource';

const operations: Record<string, Record<string, { execute: ItemHandler }>> = {
	video: {
		imageToVideo: video.imageToVideo,
		textToVideo: video.textToVideo,
		videoToVideo: video.videoToVideo,
		upscaleVideo: video.upscaleVideo,
		characterPerformance: video.characterPerformance,
		videoToHdr: video.videoToHdr,
		avatarVideo: video.avatarVideo,
		generateVideo: video.generateVideo,
	},
	task: { getTask: task.getTask, cancelTask: task.cancelTask },
	organization: { getCredits: organization.getCredits },
};

/** Runs the chosen operation for each item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0, 'video') as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const chosen = Object.prototype.hasOwnProperty.call(operations, resource) ? operations[resource][operation] : undefined;
	if (!chosen) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not known for resource "${resource}"`, {
			description: `Choose one of: ${Object.entries(operations).map(([r, ops]) => `${r}: ${Object.keys(ops).join(', ')}`).join('; ')}.`,
		});
	}
	return await runForEachItem.call(this, async function (this: IExecuteFunctions, itemIndex, item) {
		// Once the execution is cancelled, items not started yet come out marked (nothing is sent for them),
		// rather than failing the node and taking the task ids of the items already done with them.
		if (this.getExecutionCancelSignal()?.aborted) return notStarted();
		return await chosen.execute.call(this, itemIndex, item);
	});
}
