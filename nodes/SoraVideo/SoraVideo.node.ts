import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import * as video from './actions/video/Video.resource';

export class SoraVideo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sora Video',
		name: 'soraVideo',
		icon: 'file:soraVideo.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ($parameter["operation"] === "generate" ? ": " + ($parameter["model"] === "custom" ? $parameter["customModel"] : $parameter["model"]) : "")}}',
		description:
			'Generate, get, download, remix, list and delete videos with the OpenAI Videos API (/v1/videos), served by gateways such as LiteLLM and Azure OpenAI since OpenAI shut its own Sora API down',
		defaults: { name: 'Sora Video' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'soraApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Video', value: 'video' }],
				default: 'video',
			},
			{
				displayName:
					'OpenAI shut its own Sora API down on 2026-09-24. This node speaks the same /v1/videos contract to any gateway that still serves it (LiteLLM, Azure OpenAI v1, resellers): set Base URL in the credential.',
				name: 'gatewayNotice',
				type: 'notice',
				default: '',
			},
			...video.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
