import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operationProperty, operations } from './actions/operations';
import { router } from './actions/router';

export class RunwayVideo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Runway Video',
		name: 'runwayVideo',
		icon: 'file:runwayVideo.svg',
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ {imageToVideo: "Image to Video", textToVideo: "Text to Video", getTask: "Get Task", cancelTask: "Cancel or Delete Task", getCredits: "Get Credits"}[$parameter["operation"]] }}',
		description: "Generate videos from images or text with Runway's API (Gen-4, Veo, Seedance), wait for them and download them",
		defaults: { name: 'Runway Video' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'runwayApi', required: true }],
		properties: [operationProperty, ...Object.values(operations).flatMap((operation) => operation.description)],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
