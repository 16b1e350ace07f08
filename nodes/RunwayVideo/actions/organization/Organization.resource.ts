import type { INodeProperties } from 'n8n-workflow';

import * as getCredits from './getCredits.operation';

export { getCredits };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['organization'] } },
		options: [
			{
				name: 'Get Credits',
				value: 'getCredits',
				action: 'Get credits and limits',
				description: "The organization's credit balance and per-model generation limits",
			},
		],
		default: 'getCredits',
	},
	...getCredits.description,
];
