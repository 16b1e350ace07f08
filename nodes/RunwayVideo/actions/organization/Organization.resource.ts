import type { Resource } from '../../../shared/n8n/operations';
import * as getCredits from './getCredits.operation';

export const organization: Resource = {
	value: 'organization',
	name: 'Organization',
	description: 'Credits and limits',
	operations: [
		{
			value: 'getCredits',
			name: 'Get Credits',
			action: 'Get credits and limits',
			description: "The organization's credit balance and per-model generation limits",
			module: getCredits,
		},
	],
};
