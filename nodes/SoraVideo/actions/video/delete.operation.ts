import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readVideoId } from '../../helpers/job';
import { soraRequest } from '../../transport';
import { videoIdProperty } from '../common.descriptions';
import { pathSegment } from '../../../shared/http/pathSegment';

const properties: INodeProperties[] = [
	{ ...videoIdProperty, description: 'The video to delete for good, with its files (completed or failed videos only)' },
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const id = readVideoId(this, itemIndex);
	const { body } = await soraRequest(this, {
		method: 'DELETE',
		path: `/videos/${pathSegment(id)}`,
		retry: 'read',
		itemIndex,
		operation: 'Delete',
	});
	const answer = body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : {};
	const json: IDataObject = { id: answer.id ?? id, object: answer.object ?? 'video.deleted', deleted: answer.deleted ?? true };
	return { json };
}
