/**
 * Every output size the video APIs accept, as plain data. The Prepare Image node offers them as presets
 * and as "Auto" targets; the Sora and Runway nodes validate sizes and ratios against the same tables.
 * The contract tests (test/contract) hold them against the vendors' SDKs.
 */
import { pixelCount } from './geometry';

/** Sizes per Sora model (OpenAI Videos API `size`, "WxH"). The first is each model's smallest landscape. */
export const SORA_SIZES: Record<string, string[]> = {
	'sora-2': ['1280x720', '720x1280'],
	'sora-2-pro': ['1280x720', '720x1280', '1792x1024', '1024x1792', '1920x1080', '1080x1920'],
};

/**
 * Runway image-to-video output sizes per model ("W:H" in pixels), for fitting an image before it is sent.
 * Where the API's ratio is a pixel size, these are its values. hailuo3 takes aspect labels (`16:9`...): its
 * sizes are those labels at its default resolution, 768p (RUNWAY_ASPECT_SIZES). Models whose output follows
 * the image (happyhorse_1_0, grok_imagine_1_5, h3_max; wan3's `auto_*`) have no entry of their own here, or
 * only their fixed sizes: auto-fit keeps such an image's shape.
 */
export const RUNWAY_ASPECT_SIZES: Record<string, Record<string, string>> = {
	hailuo3: { '21:9': '1792:768', '16:9': '1366:768', '4:3': '1024:768', '1:1': '768:768', '3:4': '768:1024', '9:16': '768:1366' },
};

const GEN4_RATIOS = ['1280:720', '720:1280', '1104:832', '832:1104', '960:960', '1584:672'];
const VEO_RATIOS = ['1280:720', '720:1280', '1920:1080', '1080:1920'];
const SEEDANCE_FAST_RATIOS = [
	'992:432',
	'864:496',
	'752:560',
	'640:640',
	'560:752',
	'496:864',
	'1470:630',
	'1280:720',
	'1112:834',
	'960:960',
	'834:1112',
	'720:1280',
];
const WAN3_RATIOS = [
	'832:480',
	'720:544',
	'624:624',
	'544:720',
	'480:832',
	'1280:720',
	'1104:832',
	'960:960',
	'832:1104',
	'720:1280',
	'1920:1080',
	'1648:1248',
	'1440:1440',
	'1248:1648',
	'1080:1920',
];

export const RUNWAY_RATIOS: Record<string, string[]> = {
	gen4_turbo: GEN4_RATIOS,
	'gen4.5': GEN4_RATIOS,
	'veo3.1': VEO_RATIOS,
	'veo3.1_fast': VEO_RATIOS,
	seedance2: [
		...SEEDANCE_FAST_RATIOS,
		'2206:946',
		'1920:1080',
		'1664:1248',
		'1440:1440',
		'1248:1664',
		'1080:1920',
		'3840:1646',
		'3840:2160',
		'3840:2880',
		'3840:3840',
		'2880:3840',
		'2160:3840',
	],
	seedance2_fast: SEEDANCE_FAST_RATIOS,
	seedance2_mini: SEEDANCE_FAST_RATIOS,
	seedance2_5: [
		'992:432',
		'854:480',
		'752:560',
		'640:640',
		'560:752',
		'480:854',
		'1470:630',
		'1280:720',
		'1112:834',
		'960:960',
		'834:1112',
		'720:1280',
		'2206:946',
		'1920:1080',
		'1664:1248',
		'1440:1440',
		'1248:1664',
		'1080:1920',
	],
	gemini_omni_flash: ['1280:720', '720:1280'],
	'gemini_omni_flash_1.1': ['640:360', '360:640', '1280:720', '720:1280', '1920:1080', '1080:1920', '3840:2160', '2160:3840'],
	hailuo3: Object.values(RUNWAY_ASPECT_SIZES.hailuo3),
	wan3: WAN3_RATIOS,
	wan3_prime: WAN3_RATIOS,
};

/** The targets "Auto" can choose from: an API's model, and the sizes it takes, in order of preference. */
export const AUTO_TARGETS: Record<string, { label: string; sizes: string[] }> = {
	...Object.fromEntries(Object.entries(SORA_SIZES).map(([model, sizes]) => [`sora:${model}`, { label: `Sora ${model}`, sizes }])),
	...Object.fromEntries(
		Object.entries(RUNWAY_RATIOS).map(([model, ratios]) => [
			`runway:${model}`,
			{ label: `Runway ${model}`, sizes: ratios.map((ratio) => ratio.replace(':', 'x')) },
		]),
	),
};

/** Every distinct size, with the APIs that accept it, for the node's preset list. */
export function presetSizes(): Array<{ size: string; usedBy: string[] }> {
	const usedBy = new Map<string, string[]>();
	for (const { label, sizes } of Object.values(AUTO_TARGETS)) {
		for (const size of sizes) usedBy.set(size, [...(usedBy.get(size) ?? []), label]);
	}
	return [...usedBy.entries()]
		.map(([size, apis]) => ({ size, usedBy: apis }))
		.sort((a, b) => pixelCount(a.size) - pixelCount(b.size) || a.size.localeCompare(b.size));
}
