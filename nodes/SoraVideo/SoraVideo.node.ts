import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { SORA_CONNECTION_TEST } from '../../credentials/SoraApi.credentials';
import { connectionTest } from '../shared/n8n/connectionCheck';
import { operationProperties, operationSubtitle, runOperation } from '../shared/n8n/operations';
import { forToolCaller } from '../shared/n8n/toolMode';
import { withToolVariant } from '../shared/n8n/toolVariant';
import { video } from './actions/video/Video.resource';
import { searchModels } from './methods/listSearch';
import { SORA_TOOL } from './toolTexts';

const MODEL = '($parameter["model"] && $parameter["model"].value !== undefined ? $parameter["model"].value : $parameter["model"])';
/** "Generate · sora-2", "Edit", "Get Character": the operation's name, and the model where there is one. */
const SUBTITLE = operationSubtitle(
	[video],
	`$parameter["operation"] === "generate" ? (${MODEL} === "custom" ? $parameter["customModel"] : ${MODEL}) : ""`,
);

export class SoraVideo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sora Video',
		name: 'soraVideo',
		icon: 'file:soraVideo.svg',
		group: ['transform'],
		version: 1,
		subtitle: SUBTITLE,
		description: 'Make and edit videos with the OpenAI Videos API (Sora) on any gateway',
		defaults: { name: 'Sora Video' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'soraApi', required: true, testedBy: 'soraApiTest' }],
		properties: withToolVariant(
			[
				// Above Resource, so that Resource, Operation, Model and Prompt follow each other as in the Runway node
				{
					displayName:
						'OpenAI shut its own Sora API down on 2026-09-24. This node speaks the same /v1/videos contract to any gateway that still serves it (LiteLLM, Azure OpenAI v1, resellers): set Base URL in the credential.',
					name: 'gatewayNotice',
					type: 'notice',
					default: '',
				},
				...operationProperties([video]),
			],
			SORA_TOOL,
		),
	};

	methods = { listSearch: { searchModels }, credentialTest: { soraApiTest: connectionTest(SORA_CONNECTION_TEST) } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		try {
			return await runOperation(this, [video]);
		} catch (error) {
			throw forToolCaller(this, error);
		}
	}
}
