import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { soraRequest } from '../../transport';
import { videoFields } from '../../helpers/job';
import type { SoraVideo } from '../../transport';

const PAGE_MAX = 100;

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: PAGE_MAX },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'After Video ID',
				name: 'after',
				type: 'string',
				default: '',
				description: 'Start after this video (the last ID of a previous page)',
			},
			{
				displayName: 'Order',
				name: 'order',
				type: 'options',
				options: [
					{ name: 'Newest First', value: 'desc' },
					{ name: 'Oldest First', value: 'asc' },
				],
				default: 'desc',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['list'] } }, properties);

interface VideoPage {
	data?: IDataObject[];
	has_more?: boolean;
	last_id?: string | null;
}

/** One item per video, newest first unless asked otherwise; Return All follows the `after` cursor. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : Math.max(1, Math.min(PAGE_MAX, Math.floor(this.getNodeParameter('limit', itemIndex, 50) as number)));
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const videos: IDataObject[] = [];
	let after = String(options.after ?? '').trim() || undefined;
	for (;;) {
		const qs: IDataObject = { limit: Math.min(PAGE_MAX, limit - videos.length) };
		if (options.order) qs.order = options.order;
		if (after) qs.after = after;
		const response = await soraRequest(this, { method: 'GET', path: '/videos', qs, retry: 'read', itemIndex, operation: 'List' });
		const body = response.body as VideoPage | undefined;
		if (!body || !Array.isArray(body.data)) {
			throw new NodeApiError(
				this.getNode(),
				{ message: 'Not a list' },
				{
					message: 'The server answered, but not with a list of videos',
					description: 'Check that Base URL points at an OpenAI-compatible /v1/videos API.',
					itemIndex,
				},
			);
		}
		videos.push(...body.data);
		const next = body.last_id ?? (body.data.length ? String(body.data[body.data.length - 1].id) : undefined);
		if (!body.has_more || !next || next === after || body.data.length === 0 || videos.length >= limit) break;
		after = next;
	}
	return videos.slice(0, limit).map((video) => ({ json: videoFields(video as SoraVideo) }));
}
