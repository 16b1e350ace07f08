import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { largeCropWarning } from '../shared/image/cropShare';
import { parseSize } from '../shared/image/geometry';
import { AUTO_TARGETS } from '../shared/image/presets';
import { fileExtension } from '../shared/image/prepareImage';
import type { CropPosition, Fit, OutputFormat, PadStyle, PrepareOptions } from '../shared/image/prepareImage';
import { baseName } from '../shared/n8n/binary';
import { runForEachItem } from '../shared/n8n/itemLoop';
import { prepareItemImage } from '../shared/n8n/prepareItemImage';
import { properties } from './description';

/** On the canvas: `1280×720`, `Custom 600×400` or `Auto for Runway gen4_turbo`. */
const AUTO_LABELS = JSON.stringify(Object.fromEntries(Object.entries(AUTO_TARGETS).map(([value, { label }]) => [value, label])));
const SUBTITLE =
	'={{ $parameter["target"] === "custom" ? "Custom " + $parameter["width"] + "×" + $parameter["height"]' +
	' : $parameter["target"] === "preset" ? $parameter["preset"].replace("x", "×")' +
	` : "Auto for " + (${AUTO_LABELS}[$parameter["autoFor"]] || $parameter["autoFor"]) }}`;

/** The JSON fields file nodes (Read File, ...) write about the file they output. */
const FILE_FIELDS = ['fileName', 'fileExtension', 'fileType', 'mimeType', 'fileSize'] as const;

/**
 * The input JSON, with the fields that described the input file (when it has them) now describing the
 * prepared image, so nothing downstream reads the old name or size beside a different image.
 */
function describesOutputFile(json: IDataObject, binary: IBinaryData): IDataObject {
	const result = { ...json };
	for (const field of FILE_FIELDS) {
		if (field in result) result[field] = binary[field] ?? (field === 'fileType' ? 'image' : null);
	}
	return result;
}

// Not an AI Agent tool: a tool call carries text only, never the image this node fits, and the fitted image
// it outputs is a binary, which n8n drops before the model sees anything.
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class PrepareImageForVideo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Prepare Image for Video API',
		name: 'prepareImageForVideo',
		icon: 'file:prepareImageForVideo.svg',
		group: ['transform'],
		// 1.1: Target defaults to Auto (v1 kept its fixed-size default for saved workflows)
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: SUBTITLE,
		description: 'Fit an image to the exact size a video API demands and compress it under a byte cap',
		defaults: { name: 'Prepare Image for Video API' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runForEachItem(this, async (itemIndex, item) => {
			const field = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
			const options = readPrepareOptions(this, itemIndex);
			const extra = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const { source, prepared } = await prepareItemImage(this, itemIndex, field, options);

			const { info } = prepared;
			const fileName =
				(extra.fileName as string) || `${baseName(source.fileName, 'image')}_${info.width}x${info.height}.${fileExtension(info.format)}`;
			const outputField = (extra.outputBinaryPropertyName as string) || 'data';
			const binary = await this.helpers.prepareBinaryData(prepared.data, fileName, info.mimeType);
			const warning =
				options.fit === 'cover' ? largeCropWarning({ width: info.originalWidth, height: info.originalHeight }, info) : undefined;
			return {
				json: { ...describesOutputFile(item.json, binary), preparedImage: { ...info, fileName, ...(warning ? { warning } : {}) } },
				binary: { ...item.binary, [outputField]: binary },
				pairedItem: { item: itemIndex },
			};
		});
	}
}

function readPrepareOptions(context: IExecuteFunctions, itemIndex: number): PrepareOptions {
	const get = <T>(name: string, fallback?: T) => context.getNodeParameter(name, itemIndex, fallback) as T;
	const extra = get<IDataObject>('options', {});
	const maxKb = get<number>('maxFileSizeKb', 0);
	const fit = get<Fit>('fit');
	return {
		target: readTarget(context, itemIndex),
		fit,
		position: fit === 'cover' ? get<CropPosition>('cropPosition', 'centre') : undefined,
		padStyle: fit === 'contain' ? get<PadStyle>('padStyle', 'color') : undefined,
		background: (extra.backgroundColor as string) || undefined,
		format: get<OutputFormat>('outputFormat', 'jpeg'),
		maxBytes: maxKb > 0 ? Math.floor(maxKb * 1024) : undefined,
		countBase64: get<boolean>('countBase64', false),
		minQuality: extra.minQuality as number | undefined,
		maxQuality: extra.maxQuality as number | undefined,
		maxInputPixels: extra.maxInputMegapixels ? (extra.maxInputMegapixels as number) * 1e6 : undefined,
	};
}

function readTarget(context: IExecuteFunctions, itemIndex: number): PrepareOptions['target'] {
	const target = context.getNodeParameter('target', itemIndex) as string;
	if (target === 'auto') {
		const api = context.getNodeParameter('autoFor', itemIndex) as string;
		return { auto: AUTO_TARGETS[api]?.sizes ?? [] };
	}
	if (target === 'custom') {
		return {
			width: context.getNodeParameter('width', itemIndex) as number,
			height: context.getNodeParameter('height', itemIndex) as number,
		};
	}
	const preset = context.getNodeParameter('preset', itemIndex) as string;
	return parseSize(preset) ?? { width: NaN, height: NaN };
}
