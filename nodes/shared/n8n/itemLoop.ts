import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export type ItemHandler = (itemIndex: number, item: INodeExecutionData) => Promise<INodeExecutionData | INodeExecutionData[]>;

/**
 * Runs `handler` for each input item in turn and collects the results, each paired with its input item.
 * With "continue on fail", a failed item becomes `{ error }` (plus its input JSON) and the others go on;
 * without it, the first failure stops the node, its error naming the item.
 */
export async function runForEachItem(context: IExecuteFunctions, handler: ItemHandler): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const results: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const output = await handler(itemIndex, items[itemIndex]);
			for (const item of Array.isArray(output) ? output : [output]) {
				results.push({ ...item, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			if (context.continueOnFail()) {
				// A job that exists keeps its id (paidJob's withJobId), so it can be fetched later.
				const jobId = (error as { jobId?: unknown } | undefined)?.jobId;
				results.push({
					json: { ...items[itemIndex].json, error: describeError(error), ...(typeof jobId === 'string' ? { id: jobId } : {}) },
					...errorOutputMark(context, error, itemIndex),
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			throw withItemIndex(context, error, itemIndex);
		}
	}
	return [results];
}

/**
 * `error` on a failed item, only where the node's On Error is "Continue (using error output)": n8n routes an item
 * to the error output by it. Not otherwise: n8n then replaces such an item's JSON with `{ error }` alone, which
 * would drop the input's fields and a created job's `id`. (On the error output n8n does so as well; the message
 * names the job there.)
 */
export function errorOutputMark(context: IExecuteFunctions, error: unknown, itemIndex: number): Pick<INodeExecutionData, 'error'> {
	return context.getNode().onError === 'continueErrorOutput' ? { error: withItemIndex(context, error, itemIndex) } : {};
}

function describeError(error: unknown): string {
	const { message, description } = error as { message?: string; description?: string | null };
	const text = message ?? String(error);
	return description && !text.includes(description) ? `${text}: ${description}` : text;
}

function withItemIndex(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeOperationError {
	if (error instanceof Error && 'context' in error && typeof (error as NodeOperationError).context === 'object') {
		const nodeError = error as NodeOperationError;
		nodeError.context.itemIndex ??= itemIndex;
		return nodeError;
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}
