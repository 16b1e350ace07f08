import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { forToolCaller } from '../shared/n8n/toolMode';
import { withToolVariant } from '../shared/n8n/toolVariant';
import * as organization from './actions/organization/Organization.resource';
import { router } from './actions/router';
import * as task from './actions/task/Task.resource';
import * as video from './actions/video/Video.resource';
import { RUNWAY_TOOL } from './toolTexts';


export class RunwayVideo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Runway Video',
		name: 'runwayVideo',
		icon: 'file:runwayVideo.svg',
		group: ['transform'],
		// 1.1: one Model parameter per operation, Prompt required where the model needs one, new defaults
		// (actions/common.descriptions.ts NODE_VERSIONS); version 1 stays as saved workflows were built.
		version: [1, 1.1],
		defaultVersion: 1.1,
		// "Image to Video · gen4_turbo"; the model only where the operation has one (`model`, or from 1.1 `<operation>Model`).
		subtitle:
			'={{ {imageToVideo: "Image to Video", textToVideo: "Text to Video", videoToVideo: "Video to Video", upscaleVideo: "Upscale Video", characterPerformance: "Character Performance", videoToHdr: "Video to HDR", avatarVideo: "Avatar Video", generateVideo: "Model Router", getTask: "Get Task", cancelTask: "Cancel or Delete Task", getCredits: "Get Credits"}[$parameter["operation"]] + (MODEL ? " · " + (MODEL === "custom" ? $parameter["customModel"] : MODEL) : "") }}'.replace(/MODEL/g, '($parameter["model"] || $parameter[$parameter["operation"] + "Model"])'),
		description: "Generate videos from images, text or video with Runway's API (Gen-4.5, Veo, Seedance, Aleph), wait for them and download them",
		defaults: { name: 'Runway Video' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'runwayApi', required: true }],
		properties: withToolVariant([
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Video', value: 'video', description: 'Generate, transform or upscale a video' },
					{ name: 'Task', value: 'task', description: 'Get, cancel or delete a task by its ID' },
					{ name: 'Organization', value: 'organization', description: 'Credits and limits' },
				],
				default: 'video',
			},
			...video.description,
			...task.description,
			...organization.description,
		], RUNWAY_TOOL),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		try {
			return await router.call(this);
		} catch (error) {
			throw forToolCaller(this, error);
		}
	}
}
