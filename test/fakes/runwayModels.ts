/**
 * The Runway create contract the fake enforces: read from the pinned `@runwayml/sdk`'s declarations
 * (test/contract/runwayContract.ts), so the fake follows the vendor's contract, not the node's beliefs, and a
 * bump of the SDK moves it at once. Besides that: the limits Runway documents outside the SDK types and the
 * credit prices the fake charges. test/contract/runway.test.ts checks this table against the SDK too.
 */
import type { Endpoint, ModelRules } from '../../nodes/RunwayVideo/models/types';
import { readRouterInput, readRunwayContract } from '../contract/runwayContract';
import type { SdkModelSpec } from '../contract/runwayContract';

export const RUNWAY_API_VERSION = '2024-11-06';

export const RUNWAY_LIMITS = {
	/** A data URI (image, video or audio), counted on the whole encoded string: "up to 5MB" in the SDK. */
	dataUriChars: 5 * 1024 * 1024,
	/** An ephemeral upload's file (200 MB). */
	uploadBytes: 200 * 1024 * 1024,
	/** An asset URL's length. */
	urlChars: 2048,
	seedMax: 4294967295,
	/** Reference images in `references[]` and in `promptImage`. */
	maxReferenceImages: 30,
	/** aleph2 `keyframes[]`. */
	maxKeyframes: 5,
} as const;

/** Media types a data URI may state, per kind of asset. */
export const RUNWAY_MEDIA_TYPES: Record<'image' | 'video' | 'audio', RegExp> = {
	image: /^image\/(jpeg|png|webp)$/,
	video: /^video\/(mp4|quicktime|webm)$/,
	audio: /^audio\/(mpeg|mp3|wav|x-wav|aac|flac|mp4)$/,
};

/** Credits per second of output charged by the fake (Runway: 1 credit = US$0.01); the default for other models. */
export const CREDITS_PER_SECOND: Record<string, number> = {
	gen4_turbo: 5,
	'gen4.5': 12,
	'veo3.1': 20,
	'veo3.1_fast': 10,
	seedance2: 20,
	seedance2_fast: 10,
	seedance2_mini: 5,
	ruby: 20,
	default: 10,
};
/** veo3.1 with `audio: true`. */
export const CREDITS_PER_SECOND_WITH_AUDIO: Record<string, number> = { 'veo3.1': 40, 'veo3.1_fast': 15 };
/** The seconds charged when a request leaves `duration` out; `auto` is billed at the variant maximum (15 s) up front. */
export const DEFAULT_DURATION = 5;
export const AUTO_DURATION_CHARGE = 15;

function toRules(spec: SdkModelSpec): ModelRules {
	const strings = (record: Record<string, unknown[]>) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v.map(String)]));
	return {
		fields: spec.fields,
		required: spec.required,
		enums: strings(spec.enums),
		...(Object.keys(spec.deprecated).length > 0 ? { deprecated: strings(spec.deprecated) } : {}),
		...(spec.duration ? { duration: spec.duration } : {}),
		...(spec.promptMax !== undefined ? { promptMax: spec.promptMax } : {}),
		...(spec.positions ? { positions: spec.positions } : {}),
		...(Object.keys(spec.ranges).length > 0 ? { ranges: spec.ranges } : {}),
		...(Object.keys(spec.nested).length > 0 ? { nested: strings(spec.nested) } : {}),
	};
}

/** Per endpoint and model, what a create request may carry. */
export const FAKE_RUNWAY_CONTRACT: Record<Endpoint, Record<string, ModelRules>> = Object.fromEntries(
	Object.entries(readRunwayContract()).map(([endpoint, models]) => [
		endpoint,
		Object.fromEntries(Object.entries(models).map(([model, spec]) => [model, toRules(spec)])),
	]),
) as Record<Endpoint, Record<string, ModelRules>>;

/** What the Model Router's `input` may carry (`POST /v1/generate/video`), read from the SDK like the table above. */
export const FAKE_ROUTER_INPUT: ModelRules = toRules(readRouterInput());

/** The router configs the fake has saved: slug -> the model it picks, and for what. */
export const ROUTER_CONFIGS: Readonly<Record<string, { model: string; provider: string; optimizeFor: 'cost' | 'latency' | 'quality' }>> = {
	'video-default': { model: 'gen4.5', provider: 'runway', optimizeFor: 'quality' },
	'cheap-clips': { model: 'seedance2_mini', provider: 'bytedance', optimizeFor: 'cost' },
};
