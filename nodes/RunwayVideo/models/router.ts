/**
 * Generate with a Model Router (`POST /v1/generate/video`): a saved router config picks the model, so the request
 * carries no model, only a model-agnostic `input`. What that input takes, per `@runwayml/sdk` 4.20.1
 * (test/contract/runway.test.ts compares it with the SDK's `VideoCreateParams.Input`). n8n-free.
 */
import { PUBLIC_FIGURE_THRESHOLDS } from './fields';
import type { ModelRules } from './types';

export const ROUTER_PATH = 'generate/video';

export const ROUTER_INPUT: ModelRules = {
	fields: [
		'aspectRatio',
		'audio',
		'contentModeration',
		'duration',
		'keyframes',
		'negativePrompt',
		'promptText',
		'referenceAudio',
		'referenceImages',
		'referenceVideos',
		'resolution',
		'seed',
	],
	required: [],
	enums: { aspectRatio: ['16:9', '9:16', '1:1', '4:3', '3:4', '21:9'], resolution: ['480p', '720p', '1080p', '4k'] },
	duration: { auto: false },
	nested: {
		'contentModeration.publicFigureThreshold': PUBLIC_FIGURE_THRESHOLDS,
		'referenceImages.role': ['first', 'last', 'reference'],
		'referenceVideos.role': ['source', 'reference'],
	},
};
