import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { forToolCaller } from '../shared/n8n/toolMode';
import { withToolVariant } from '../shared/n8n/toolVariant';
import { router } from './actions/router';
import * as video from './actions/video/Video.resource';
import { soraApiTest } from './methods/credentialTest';
import { searchModels } from './methods/listSearch';
import { SORA_TOOL } from './toolTexts';

/** "Generate · sora-2", "Edit", "Get Character": the operation's name, and the model where there is one. */
const OPERATION_NAMES: Record<string, string> = {
	createCharacter: 'Create Character',
	delete: 'Delete',
	download: 'Download',
	edit: 'Edit',
	extend: 'Extend',
	generate: 'Generate',
	get: 'Get',
	getCharacter: 'Get Character',
	list: 'List',
	remix: 'Remix',
};
const MODEL = '($parameter["model"] && $parameter["model"].value !== undefined ? $parameter["model"].value : $parameter["model"])';
const SUBTITLE = `={{ (${JSON.stringify(OPERATION_NAMES)}[$parameter["operation"]] || $parameter["operation"]) + ($parameter["operation"] === "generate" ? " · " + (${MODEL} === "custom" ? $parameter["customModel"] : ${MODEL}) : "") }}`;

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
		properties: withToolVariant([
			// Above Resource, so that Resource, Operation, Model and Prompt follow each other as in the Runway node
			{
				displayName:
					'OpenAI shut its own Sora API down on 2026-09-24. This node speaks the same /v1/videos contract to any gateway that still serves it (LiteLLM, Azure OpenAI v1, resellers): set Base URL in the credential.',
				name: 'gatewayNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Video', value: 'video' }],
				default: 'video',
			},
			...video.description,
		], SORA_TOOL),
	};

	methods = { listSearch: { searchModels }, credentialTest: { soraApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		try {
			return await router.call(this);
		} catch (error) {
			throw forToolCaller(this, error);
		}
	}
}
