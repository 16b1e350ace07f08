/**
 * The checks the node runs on every item BEFORE any request, from the model table (table.ts): a paid task is
 * never started with a value Runway would refuse, and a refused value is reported naming the item, the field
 * and the values allowed. A Custom Model ID is not checked at all: Runway validates it. n8n-free.
 */
import { FIELDS, fieldLabel, fieldOf, PUBLIC_FIGURE_THRESHOLDS } from './fields';
import { rulesFor, modelsFor, modelsTaking } from './table';
import type { DurationRule, Endpoint, MediaKind, ModelRules } from './types';
import { ENDPOINT_LABELS } from './types';

export const SEED_MAX = 4294967295;
/** A data URI (image, video or audio), counted on the whole string: "up to 5MB" in Runway's SDK. */
export const DATA_URI_MAX_CHARS = 5 * 1024 * 1024;
/** An ephemeral upload's file: 200 MB. */
export const UPLOAD_MAX_BYTES = 200 * 1024 * 1024;
export const URL_MAX_CHARS = 2048;
/** Written in ./fields.ts; the contract test reads it from here, beside the checks that use it. */
export { PUBLIC_FIGURE_THRESHOLDS };
/** Image formats Runway decodes. */
export const RUNWAY_IMAGE_FORMATS: readonly string[] = ['jpeg', 'png', 'webp'];

/** A value the user must change: the field as the UI names it, what is wrong, and what is allowed. */
export class RunwayValidationError extends Error {
	constructor(
		readonly field: string,
		message: string,
		readonly hint: string,
	) {
		super(message);
		this.name = 'RunwayValidationError';
	}
}

/** What an item asks for, keyed by request field (expressions can produce anything). */
export interface CreateInput {
	endpoint: Endpoint;
	model: unknown;
	/** A model id typed by the user: sent as it is, nothing checked. */
	custom?: boolean;
	values: Record<string, unknown>;
	/** Image to video: whether a last frame is given. */
	lastFrame?: boolean;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The checked values, ready to become a request body. */
export interface CheckedCreate {
	endpoint: Endpoint;
	model: string;
	/** Undefined for a custom model id. */
	rules?: ModelRules;
	/** Request fields to send (empty values left out). */
	values: Record<string, JsonValue>;
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export function describeDuration(rule: DurationRule): string {
	const auto = rule.auto ? ', or auto' : '';
	if (rule.values) return `${rule.values.length === 1 ? `exactly ${rule.values[0]}` : `one of ${rule.values.join(', ')}`}${auto}`;
	if (rule.max !== undefined) return `a whole number from ${rule.min ?? 1} to ${rule.max}${auto}`;
	return `a whole number, at least ${rule.min ?? 1}${auto}`;
}

/**
 * Checks an item's values against the model's rules. Throws RunwayValidationError for the first value Runway
 * would refuse; returns the values to send otherwise.
 */
export function checkCreate(input: CreateInput): CheckedCreate {
	const { endpoint } = input;
	const label = ENDPOINT_LABELS[endpoint];
	const model = typeof input.model === 'string' ? input.model.trim() : input.model;
	if (input.custom) {
		if (typeof model !== 'string' || model === '') {
			throw new RunwayValidationError('Custom Model ID', 'Custom Model ID is empty', "Type Runway's model id, e.g. gen4_turbo.");
		}
		const values: Record<string, JsonValue> = {};
		for (const [field, value] of Object.entries(input.values)) if (!isEmpty(value)) values[field] = value as JsonValue;
		return { endpoint, model, values };
	}
	const rules = typeof model === 'string' ? rulesFor(endpoint, model) : undefined;
	if (typeof model !== 'string' || !rules) {
		const why = model === 'gen4_turbo' && endpoint === 'textToVideo' ? ' (gen4_turbo needs an image: use Image to Video)' : '';
		throw new RunwayValidationError(
			'Model',
			`Model "${String(model)}" is not a Runway ${label} model${why}`,
			`Use one of: ${modelsFor(endpoint).join(', ')}; or choose Custom Model ID for a model released after this node.`,
		);
	}
	const where = `${model} ${label}`;
	const values = checkValues(rules, input.values, where, (field) => modelsTaking(endpoint, field));
	for (const field of ['promptText', 'ratio', 'duration', 'targetFramerate']) {
		if (rules.required.includes(field) && values[field] === undefined) {
			const name = FIELDS[field].label;
			const allowed =
				field === 'promptText'
					? 'Describe the video in Prompt (what moves, how the camera moves).'
					: field === 'duration' && rules.duration
						? `Use ${describeDuration(rules.duration)} seconds.`
						: `Use one of: ${(rules.enums[field] ?? []).join(', ')}.`;
			throw new RunwayValidationError(name, `${where} needs ${field === 'promptText' ? 'a prompt' : `a ${name.toLowerCase()}`}`, allowed);
		}
	}
	if (input.lastFrame && rules.positions !== 'firstAndLast' && rules.positions !== 'keyframesOrReferences') {
		const takers = modelsFor('imageToVideo').filter((m) => {
			const positions = rulesFor('imageToVideo', m)?.positions;
			return positions === 'firstAndLast' || positions === 'keyframesOrReferences';
		});
		throw new RunwayValidationError(
			'Last Frame',
			`${model} takes no last frame`,
			`Set Last Frame to None, or use one of: ${takers.join(', ')}.`,
		);
	}
	return { endpoint, model, rules, values };
}

/**
 * Checks each non-empty value against `rules` (`where` names the model and operation in messages; `takers` names
 * the models that take a refused field). Throws RunwayValidationError for the first value Runway would refuse.
 */
export function checkValues(
	rules: ModelRules,
	input: Record<string, unknown>,
	where: string,
	takers: (field: string) => string[] = () => [],
): Record<string, JsonValue> {
	const values: Record<string, JsonValue> = {};
	for (const [field, raw] of Object.entries(input)) {
		if (isEmpty(raw)) continue;
		const name = fieldLabel(field);
		if (!rules.fields.includes(field)) {
			const others = takers(field);
			throw new RunwayValidationError(
				name,
				`${name} is not accepted by ${where}`,
				others.length > 0 ? `Remove it, or use a model that takes it: ${others.join(', ')}.` : 'Remove it.',
			);
		}
		values[field] = checkValue(field, raw, rules, where);
	}
	return values;
}

function checkValue(field: string, value: unknown, rules: ModelRules, where: string): JsonValue {
	const name = fieldLabel(field);
	const allowed = rules.enums[field];
	if (allowed) {
		const text = typeof value === 'number' ? String(value) : value;
		if (typeof text !== 'string' || !allowed.includes(text.trim())) {
			const offered = allowed.filter((v) => !rules.deprecated?.[field]?.includes(v));
			throw new RunwayValidationError(
				name,
				`${name} "${String(value)}" is not available for ${where}`,
				`Use one of: ${offered.join(', ')}.`,
			);
		}
		return text.trim();
	}
	switch (fieldOf(field)?.kind) {
		case 'prompt':
			if (typeof value !== 'string')
				throw new RunwayValidationError(name, `The prompt must be text, not ${typeof value}`, `Map a text field into ${name}.`);
			if (rules.promptMax !== undefined && value.length > rules.promptMax) {
				throw new RunwayValidationError(
					name,
					`The prompt is ${value.length} characters; ${where.split(' ')[0]} takes at most ${rules.promptMax}`,
					`Shorten it to ${rules.promptMax} characters or fewer (emoji and some symbols count as 2).`,
				);
			}
			return value;
		case 'duration':
			return checkDuration(value, rules.duration ?? { auto: false }, where);
		case 'seed':
			return wholeNumber(name, value, 0, SEED_MAX, `Use a whole number from 0 to ${SEED_MAX}, or remove it for a random seed.`);
		case 'number': {
			const range = rules.ranges?.[field];
			if (!range) return value as JsonValue;
			const number = typeof value === 'string' ? Number(value) : value;
			if (typeof number !== 'number' || !Number.isFinite(number) || number < range.min || number > range.max) {
				throw new RunwayValidationError(name, `${name} ${String(value)} is not usable`, `Use a number from ${range.min} to ${range.max}.`);
			}
			return number;
		}
		case 'boolean':
			if (typeof value !== 'boolean')
				throw new RunwayValidationError(name, `${name} must be true or false, not ${JSON.stringify(value)}`, 'Use a boolean.');
			return value;
		case 'moderation':
			if (typeof value !== 'string' || !PUBLIC_FIGURE_THRESHOLDS.includes(value)) {
				throw new RunwayValidationError(
					name,
					`${name} "${String(value)}" is not a Runway value`,
					`Use one of: ${PUBLIC_FIGURE_THRESHOLDS.join(', ')}.`,
				);
			}
			return { publicFigureThreshold: value };
		case 'text':
			if (typeof value !== 'string')
				throw new RunwayValidationError(name, `The ${name.toLowerCase()} must be text`, `Map a text field into ${name}.`);
			return value;
		default:
			// URL lists and keyframes come resolved (their URIs checked when read).
			return value as JsonValue;
	}
}

function checkDuration(value: unknown, rule: DurationRule, where: string): JsonValue {
	const name = FIELDS.duration.label;
	if (value === 'auto' || (typeof value === 'string' && value.trim().toLowerCase() === 'auto')) {
		if (rule.auto) return 'auto';
		throw new RunwayValidationError(name, `Duration "auto" is not available for ${where}`, `Use ${describeDuration(rule)} seconds.`);
	}
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	const fits =
		typeof number === 'number' &&
		Number.isInteger(number) &&
		(rule.values ? rule.values.includes(number) : number >= (rule.min ?? 1) && (rule.max === undefined || number <= rule.max));
	if (!fits)
		throw new RunwayValidationError(
			name,
			`Duration ${String(value)} is not available for ${where}`,
			`Use ${describeDuration(rule)} seconds.`,
		);
	return number;
}

function wholeNumber(name: string, value: unknown, min: number, max: number, hint: string): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		throw new RunwayValidationError(name, `${name} ${String(value)} is not usable`, hint);
	}
	return number;
}

const DATA_URI_TYPES: Record<MediaKind, RegExp> = {
	image: /^data:image\/(jpeg|png|webp);base64,/i,
	video: /^data:video\/[a-z0-9.+-]+;base64,/i,
	audio: /^data:audio\/[a-z0-9.+-]+;base64,/i,
};

/**
 * A file given by address: an HTTPS URL on a domain (Runway fetches it itself: no IP addresses, no redirects,
 * at most 2048 characters), a `runway://` upload URI, or a data URI of that kind up to 5 MB. Returns the
 * trimmed value; throws RunwayValidationError naming `field`.
 */
export function checkMediaUrl(value: unknown, field: string, kind: MediaKind = 'image'): string {
	const uri = typeof value === 'string' ? value.trim() : '';
	const what = kind === 'image' ? 'a JPEG, PNG or WebP image' : kind === 'video' ? 'a video (MP4, MOV, WebM)' : 'an audio file';
	if (uri === '')
		throw new RunwayValidationError(field, `${field} is empty`, `Give an HTTPS URL of ${what}, or use a binary field instead.`);
	if (/^data:/i.test(uri)) {
		if (!DATA_URI_TYPES[kind].test(uri)) {
			throw new RunwayValidationError(
				field,
				`${field} is a data URI Runway does not take here`,
				`Data URIs must be base64 and start with data:${kind === 'image' ? 'image/jpeg' : `${kind}/...`};base64,.`,
			);
		}
		if (uri.length > DATA_URI_MAX_CHARS) {
			throw new RunwayValidationError(
				field,
				`${field} is a data URI of ${uri.length} characters, over Runway's 5 MB (${DATA_URI_MAX_CHARS}) limit`,
				'Pass the file as a binary field instead: the node uploads it when it is large.',
			);
		}
		return uri;
	}
	if (uri.length > URL_MAX_CHARS) {
		throw new RunwayValidationError(
			field,
			`${field} is ${uri.length} characters long; Runway takes at most ${URL_MAX_CHARS}`,
			'Use a shorter link, or download the file and pass it as a binary field.',
		);
	}
	let url: URL;
	try {
		url = new URL(uri);
	} catch {
		throw new RunwayValidationError(field, `${field} "${uri.slice(0, 100)}" is not a URL`, 'Give a full address starting with https://.');
	}
	if (url.protocol === 'runway:') return uri;
	if (url.protocol !== 'https:') {
		throw new RunwayValidationError(
			field,
			`${field} must be an HTTPS URL (Runway refuses ${url.protocol.replace(':', '')})`,
			'Use an https:// link, or download the file and pass it as a binary field.',
		);
	}
	const host = url.hostname.replace(/^\[|\]$/g, '');
	if (/^[\d.]+$/.test(host) || host.includes(':') || !host.includes('.')) {
		throw new RunwayValidationError(
			field,
			`${field} must be hosted on a domain, not "${host}"`,
			'Runway refuses IP addresses and local names; use a public https:// link.',
		);
	}
	return uri;
}

/** Image URLs, kept for the callers that check images. */
export function checkImageUrl(value: unknown, field: string): string {
	return checkMediaUrl(value, field, 'image');
}
