import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseSize, SORA_SIZES, sizeKey } from '../../shared/image/presets';
import type { Size } from '../../shared/image/presets';

/** `seconds` values: the spec's 4, 8 and 12, and the 16 and 20 the March 2026 guide added for both models. */
export const SORA_SECONDS = ['4', '8', '12', '16', '20'];

export const PROMPT_MAX_CHARS = 32000;

/** Every documented size, in the order the size list shows them. */
export const DOCUMENTED_SIZES: string[] = [...new Set(Object.values(SORA_SIZES).flat())];

export interface CreateSettings {
	prompt: string;
	model: string;
	size: string;
	dimensions: Size;
	/** Always a string: the API refuses a number. */
	seconds: string;
}

/** The models whose sizes are known: sora-2, sora-2-pro and their dated snapshots (e.g. sora-2-pro-2025-10-06). */
export function knownModel(model: string): string | undefined {
	const base = model.replace(/-\d{4}-\d{2}-\d{2}$/, '');
	return Object.prototype.hasOwnProperty.call(SORA_SIZES, base) ? base : undefined;
}

/** The models that take `size`, as a sentence: "1920x1080 needs sora-2-pro". */
function modelsFor(size: string): string[] {
	return Object.keys(SORA_SIZES).filter((model) => SORA_SIZES[model].includes(size));
}

export function readPrompt(context: IExecuteFunctions, itemIndex: number, field = 'Prompt'): string {
	const raw = context.getNodeParameter('prompt', itemIndex, '') as unknown;
	const prompt = typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : String(raw);
	const fail = (message: string, description: string) =>
		new NodeOperationError(context.getNode(), `${message} (item ${itemIndex + 1}, field "${field}")`, { itemIndex, description });
	if (prompt.trim() === '') {
		throw fail('The prompt is empty', 'Describe the video to make: the subject, the camera, the light, what happens.');
	}
	const length = [...prompt].length;
	if (length > PROMPT_MAX_CHARS) {
		throw fail(`The prompt is ${length} characters long`, `The API takes at most ${PROMPT_MAX_CHARS} characters. Shorten it.`);
	}
	return prompt;
}

/**
 * Model, size and seconds for a create, checked against each other before any request: a wrong size or a
 * duration the API does not know costs a failed request at best, a refused paid job at worst.
 */
export function readCreateSettings(context: IExecuteFunctions, itemIndex: number): CreateSettings {
	const get = (name: string) => context.getNodeParameter(name, itemIndex, '') as unknown;
	const text = (value: unknown) => (value === undefined || value === null ? '' : String(value).trim());
	const fail = (field: string, message: string, description: string) =>
		new NodeOperationError(context.getNode(), `${message} (item ${itemIndex + 1}, field "${field}")`, { itemIndex, description });

	const prompt = readPrompt(context, itemIndex);

	const modelChoice = text(get('model'));
	const model = modelChoice === 'custom' ? text(get('customModel')) : modelChoice;
	if (model === '') {
		throw fail('Custom Model ID', 'No model ID given', 'Type the model ID your gateway serves, e.g. sora-2, sora-2-pro or a routed model such as veo-3.');
	}
	if (/\s/.test(model)) {
		throw fail(modelChoice === 'custom' ? 'Custom Model ID' : 'Model', `The model ID "${model}" contains spaces`, 'Model IDs have no spaces, e.g. sora-2-pro.');
	}
	const base = knownModel(model);

	const sizeChoice = text(get('size'));
	const sizeField = sizeChoice === 'custom' ? 'Custom Size' : 'Size';
	const size = sizeChoice === 'custom' ? text(get('customSize')) : sizeChoice;
	const dimensions = parseSize(size);
	if (!dimensions) {
		throw fail(sizeField, `"${size}" is not a size`, `Write it as WIDTHxHEIGHT, e.g. 1280x720. Documented sizes: ${DOCUMENTED_SIZES.join(', ')}.`);
	}
	const sizeText = sizeKey(dimensions);
	if (base) {
		const allowed = SORA_SIZES[base];
		if (!allowed.includes(sizeText)) {
			const others = modelsFor(sizeText);
			throw fail(
				sizeField,
				`${model} does not take the size ${sizeText}`,
				`${model} takes ${allowed.join(', ')}.${others.length ? ` ${sizeText} needs ${others.join(' or ')}.` : ''}`,
			);
		}
	}

	const secondsChoice = text(get('seconds'));
	const secondsField = secondsChoice === 'custom' ? 'Custom Seconds' : 'Seconds';
	const seconds = secondsChoice === 'custom' ? text(get('customSeconds')) : secondsChoice;
	if (!/^[1-9]\d{0,3}$/.test(seconds)) {
		throw fail(secondsField, `"${seconds}" is not a number of seconds`, `Use a whole number of seconds: ${SORA_SECONDS.join(', ')}.`);
	}
	if (base && !SORA_SECONDS.includes(seconds)) {
		throw fail(
			secondsField,
			`${model} does not make ${seconds}-second videos`,
			`It takes ${SORA_SECONDS.join(', ')} (16 and 20 are newer; some servers still accept only 4, 8 and 12).`,
		);
	}
	return { prompt, model, size: sizeText, dimensions, seconds: String(seconds) };
}
