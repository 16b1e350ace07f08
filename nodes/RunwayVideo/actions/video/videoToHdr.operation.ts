import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createFromVideo } from '../../helpers/create';
import { RunwayValidationError } from '../../models/check';
import {
	byVersion,
	customModelProperties,
	enumProperties,
	modelProperty,
	optionsCollection,
	sourceProperties,
	waitAndOutputProperties,
} from '../common.descriptions';

const properties: INodeProperties[] = byVersion((version) => [
	modelProperty('videoToHdr', 'ruby', version),
	...customModelProperties('videoToHdr', version),
	...sourceProperties({
		name: 'video',
		label: 'Video',
		kind: 'video',
		defaultField: 'data',
		description:
			'The SDR video to upconvert; the HDR video keeps its resolution. A binary video goes inline up to 5 MB, else through Runway’s upload storage.',
	}),
	...enumProperties(
		'videoToHdr',
		version,
		'outputFormat',
		'The HDR delivery: HDR10 (the default) or HLG HEVC .mp4, an HDR ProRes .mov, or an OpenEXR sequence .zip (frames, colorimetry and audio inside) for compositing',
	),
	...waitAndOutputProperties(),
	optionsCollection('videoToHdr', version),
]);

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['videoToHdr'] } }, properties);

/** Runway takes a ProRes profile only for the ProRes delivery (Ruby's `proresProfile`: "Only valid when outputFormat is hdr_prores"). */
function checkProresProfile(values: Record<string, unknown>): void {
	const profile = values.proresProfile;
	if (profile === undefined || profile === null || profile === '' || values.outputFormat === 'hdr_prores') return;
	throw new RunwayValidationError(
		'ProRes Profile',
		`ProRes Profile "${String(profile)}" applies only to the HDR ProRes output format, not to ${String(values.outputFormat || 'the default HDR10')}`,
		'Set Output Format to HDR ProRes (.mov), or remove ProRes Profile.',
	);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	return await createFromVideo(this, itemIndex, 'videoToHdr', checkProresProfile);
}
