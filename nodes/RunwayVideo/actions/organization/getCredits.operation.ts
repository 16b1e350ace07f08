import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getOrganization } from '../../transport';

export const description = updateDisplayOptions({ show: { resource: ['organization'], operation: ['getCredits'] } }, []);

/** GET /v1/organization: the credit balance and, per model, the tier's limits beside today's usage. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const organization = await getOrganization(this, itemIndex);
	const tier = (organization.tier ?? {}) as IDataObject;
	const limits = (tier.models ?? {}) as Record<string, IDataObject>;
	const usage = (((organization.usage ?? {}) as IDataObject).models ?? {}) as Record<string, IDataObject>;
	const models = [...new Set([...Object.keys(limits), ...Object.keys(usage)])].sort().map((model) => {
		const maxDaily = limits[model]?.maxDailyGenerations;
		const used = typeof usage[model]?.dailyGenerations === 'number' ? (usage[model].dailyGenerations as number) : 0;
		return {
			model,
			maxConcurrentGenerations: limits[model]?.maxConcurrentGenerations ?? null,
			maxDailyGenerations: maxDaily ?? null,
			dailyGenerations: used,
			dailyGenerationsLeft: typeof maxDaily === 'number' ? Math.max(0, maxDaily - used) : null,
		};
	});
	return {
		json: {
			creditBalance: organization.creditBalance ?? null,
			maxMonthlyCreditSpend: tier.maxMonthlyCreditSpend ?? null,
			models,
		},
	};
}
