import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { RUNWAY_CONNECTION_TEST } from '../../credentials/RunwayApi.credentials';
import { connectionTest } from '../shared/n8n/connectionCheck';
import { operationProperties, operationSubtitle, runOperation } from '../shared/n8n/operations';
import { forToolCaller } from '../shared/n8n/toolMode';
import { withToolVariant } from '../shared/n8n/toolVariant';
import { organization } from './actions/organization/Organization.resource';
import { task } from './actions/task/Task.resource';
import { video } from './actions/video/Video.resource';
import { RUNWAY_TOOL } from './toolTexts';

const RESOURCES = [video, task, organization];
/** The model of the operation: `model`, or from version 1.1 `<operation>Model` (see helpers/parameters.ts). */
const MODEL = '($parameter["model"] || $parameter[$parameter["operation"] + "Model"])';
/** "Image to Video · gen4_turbo"; the model only where the operation has one. */
const SUBTITLE = operationSubtitle(RESOURCES, `${MODEL} === "custom" ? $parameter["customModel"] : ${MODEL}`);

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
		subtitle: SUBTITLE,
		description:
			"Generate videos from images, text or video with Runway's API (Gen-4.5, Veo, Seedance, Aleph), wait for them and download them",
		defaults: { name: 'Runway Video' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'runwayApi', required: true, testedBy: 'runwayApiTest' }],
		properties: withToolVariant(operationProperties(RESOURCES), RUNWAY_TOOL),
	};

	methods = { credentialTest: { runwayApiTest: connectionTest(RUNWAY_CONNECTION_TEST) } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		try {
			return await runOperation(this, RESOURCES);
		} catch (error) {
			throw forToolCaller(this, error);
		}
	}
}
