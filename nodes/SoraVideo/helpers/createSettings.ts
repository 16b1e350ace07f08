import type { IExecuteFunctions } from 'n8n-workflow';

import { parseSize, sizeKey } from '../../shared/image/geometry';
import type { Size } from '../../shared/image/geometry';
import { SORA_SIZES } from '../../shared/image/presets';
import { itemError } from '../../shared/n8n/itemError';

/** The `seconds` of the SDK's `VideoSeconds`: what the Seconds lists offer. */
export const SORA_SECONDS = ['4', '8', '12'];

/** What OpenAI's guide adds for both models (not in the SDK): reachable through Custom, where the server decides. */
export const GUIDE_SECONDS = ['16', '20'];

/** The SDK's `VideoSize`, in the order the Size list shows them (the common sizes first). */
export const LISTED_SIZES = ['720x1280', '1280x720', '1024x1792', '1792x1024'];

/** The SDK's `VideoModel` literals: the model picker's fallback when a server lists no models. */
export const KNOWN_MODELS = ['sora-2', 'sora-2-pro', 'sora-2-2025-10-06', 'sora-2-pro-2025-10-06', 'sora-2-2025-12-08'];

export const DEFAULT_MODEL = 'sora-2';

export const PROMPT_MAX_CHARS = 32000;

export interface GenerationSettings {
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

export function readPrompt(context: IExecuteFunctions, itemIndex: number, field = 'Prompt', parameter = 'prompt'): string {
	const raw = context.getNodeParameter(parameter, itemIndex, '') as unknown;
	const prompt = typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : String(raw);
	const fail = (message: string, description: string) => itemError(context.getNode(), itemIndex, { field }, message, description);
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
export function readGenerationSettings(context: IExecuteFunctions, itemIndex: number): GenerationSettings {
	const get = (name: string) => context.getNodeParameter(name, itemIndex, '') as unknown;
	const text = (value: unknown) => (value === undefined || value === null ? '' : String(value).trim());
	const fail = (field: string, message: string, description: string) =>
		itemError(context.getNode(), itemIndex, { field }, message, description);

	const prompt = readPrompt(context, itemIndex);
	const model = readModel(context, itemIndex);
	const base = knownModel(model);

	const sizeChoice = text(get('size'));
	const sizeField = sizeChoice === 'custom' ? 'Custom Size' : 'Size';
	const size = sizeChoice === 'custom' ? text(get('customSize')) : sizeChoice;
	const dimensions = parseSize(size);
	if (!dimensions) {
		throw fail(
			sizeField,
			`"${size}" is not a size`,
			`Write it as WIDTHxHEIGHT, e.g. 1280x720. Documented sizes: ${LISTED_SIZES.join(', ')}.`,
		);
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

	const seconds = readSeconds(context, itemIndex, base ? model : undefined);
	return { prompt, model, size: sizeText, dimensions, seconds };
}

/**
 * The model ID from the Model resource locator (From List or By ID). A workflow saved before the locator
 * holds a plain string, or "custom" with the ID in Custom Model ID: both still work.
 */
export function readModel(context: IExecuteFunctions, itemIndex: number): string {
	const raw = context.getNodeParameter('model', itemIndex, DEFAULT_MODEL, { extractValue: true }) as unknown;
	const value = raw && typeof raw === 'object' ? (raw as { value?: unknown }).value : raw;
	const legacyCustom = value === 'custom';
	const model = String((legacyCustom ? context.getNodeParameter('customModel', itemIndex, '') : value) ?? '').trim();
	const field = legacyCustom ? 'Custom Model ID' : 'Model';
	const fail = (message: string, description: string) => itemError(context.getNode(), itemIndex, { field }, message, description);
	if (model === '') {
		throw fail(
			'No model ID given',
			'Pick a model from the list, or type the ID your gateway serves, e.g. sora-2, sora-2-pro or a routed model such as veo-3.',
		);
	}
	if (/\s/.test(model)) throw fail(`The model ID "${model}" contains spaces`, 'Model IDs have no spaces, e.g. sora-2-pro.');
	return model;
}

/**
 * Seconds (Generate, Extend), always a string: the SDK's 4, 8 or 12 from the list, or through Custom any whole
 * number. For a known Sora model a custom value must be one OpenAI documents anywhere (its guide adds 16 and 20).
 */
export function readSeconds(context: IExecuteFunctions, itemIndex: number, subject?: string): string {
	const text = (value: unknown) => (value === undefined || value === null ? '' : String(value).trim());
	const choice = text(context.getNodeParameter('seconds', itemIndex, ''));
	const field = choice === 'custom' ? 'Custom Seconds' : 'Seconds';
	const seconds = choice === 'custom' ? text(context.getNodeParameter('customSeconds', itemIndex, '')) : choice;
	const fail = (message: string, description: string) => itemError(context.getNode(), itemIndex, { field }, message, description);
	if (!/^[1-9]\d{0,3}$/.test(seconds)) {
		throw fail(`"${seconds}" is not a number of seconds`, `Use a whole number of seconds: ${SORA_SECONDS.join(', ')}.`);
	}
	const documented = [...SORA_SECONDS, ...GUIDE_SECONDS];
	if (subject && !documented.includes(seconds)) {
		throw fail(
			`${subject} does not take ${seconds} seconds`,
			`It takes ${SORA_SECONDS.join(', ')}; OpenAI's guide adds ${GUIDE_SECONDS.join(' and ')}, which some servers refuse.`,
		);
	}
	return seconds;
}
