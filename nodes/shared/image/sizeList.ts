/**
 * The size list the nodes offer: every size a video API accepts, named with sizeLabel, with the APIs and
 * models that accept each; the common sizes first, then the others by orientation and area. n8n-free.
 */
import { parseSize } from './geometry';
import { AUTO_TARGETS, presetSizes } from './presets';
import { orientation, sizeLabel } from './sizeLabels';

export interface SizeChoice {
	/** "1280x720" */
	size: string;
	/** "1280×720 · 16:9 landscape" */
	label: string;
	/** "Sora: sora-2, sora-2-pro · Runway: gen4_turbo, veo3" */
	acceptedBy: string;
	common: boolean;
}

/** A size accepted by at least this many of the API/model targets counts as common. */
const COMMON_MIN_TARGETS = 5;

/** "Runway: all but hailuo3" reads better than twelve names; past this many exceptions the takers are listed. */
const MAX_NAMED_EXCEPTIONS = 2;

const ORIENTATION_ORDER = { landscape: 0, portrait: 1, square: 2 } as const;

/** Target labels ("Runway gen4_turbo") grouped by API: Runway -> [gen4_turbo, ...]. */
function modelsByApi(labels: string[]): Map<string, string[]> {
	const byApi = new Map<string, string[]>();
	for (const label of labels) {
		const [api, ...model] = label.split(' ');
		byApi.set(api, [...(byApi.get(api) ?? []), model.join(' ')]);
	}
	return byApi;
}

/**
 * "Sora sora-2", "Runway gen4_turbo", ... -> "Sora: sora-2 · Runway: gen4_turbo"; an API whose every model
 * takes the size reads "all models" (or "all but hailuo3" when one or two do not), and a size every model takes
 * reads "Every Sora and Runway model".
 */
export function acceptedBy(labels: string[]): string {
	const all = modelsByApi(Object.values(AUTO_TARGETS).map(({ label }) => label));
	const byApi = modelsByApi(labels);
	const complete = (api: string, models: string[]) => models.length === all.get(api)?.length;
	if (byApi.size === all.size && [...byApi].every(([api, models]) => complete(api, models))) {
		return `Every ${[...all.keys()].join(' and ')} model`;
	}
	const models = (api: string, taking: string[]): string => {
		if (complete(api, taking)) return 'all models';
		const missing = (all.get(api) ?? []).filter((model) => !taking.includes(model));
		return missing.length <= MAX_NAMED_EXCEPTIONS && taking.length > missing.length ? `all but ${missing.join(', ')}` : taking.join(', ');
	};
	return [...byApi].map(([api, taking]) => `${api}: ${models(api, taking)}`).join(' · ');
}

export function sizeChoices(): SizeChoice[] {
	const area = (size: string) => {
		const parsed = parseSize(size)!;
		return parsed.width * parsed.height;
	};
	const rank = (size: string) => ORIENTATION_ORDER[orientation(parseSize(size)!)];
	return presetSizes()
		.map(({ size, usedBy }) => ({
			size,
			label: sizeLabel(size),
			acceptedBy: acceptedBy(usedBy),
			common: usedBy.length >= COMMON_MIN_TARGETS,
			targets: usedBy.length,
		}))
		.sort(
			(a, b) =>
				Number(b.common) - Number(a.common) ||
				(a.common ? b.targets - a.targets : 0) ||
				rank(a.size) - rank(b.size) ||
				area(a.size) - area(b.size),
		)
		.map(({ size, label, acceptedBy: apis, common }) => ({ size, label, acceptedBy: apis, common }));
}

/** The Auto targets: value ("runway:gen4_turbo"), label ("Runway gen4_turbo") and the sizes it picks from. */
export function autoChoices(): Array<{ value: string; label: string; sizes: string }> {
	return Object.entries(AUTO_TARGETS)
		.map(([value, { label, sizes }]) => ({ value, label, sizes: sizes.map((size) => size.replace('x', '×')).join(', ') }))
		.sort((a, b) => a.label.localeCompare(b.label));
}
