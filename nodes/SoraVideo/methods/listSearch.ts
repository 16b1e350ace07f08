import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { parseCustomHeaders } from '../../shared/n8n/customHeaders';
import { KNOWN_MODELS } from '../helpers/createSettings';
import { CREDENTIAL_TYPE } from '../transport';

/** Model ids that name a video model, as gateways spell them (Sora, Veo, Runway, Kling, Seedance...). */
const VIDEO_MODEL = /sora|veo|video|runway|gen-?4|kling|seedance|hailuo|minimax|luma|ray-?\d|pika|wan-?\d|hunyuan|vidu|cogvideo|ltx/i;

export function isVideoModel(id: string): boolean {
	return VIDEO_MODEL.test(id);
}

/** How a listed model that does not look like a video model is named, so the user knows why it is there. */
export const NOT_VIDEO_LABEL = ' (not recognised as a video model)';

/**
 * The Model list: the video models the server lists (a gateway's GET /models holds its chat and embedding
 * models too), in the server's order; `filter` matches anywhere in the id. The other models are hidden unless
 * the user searches for them, or the server lists no video model at all (a gateway's own aliases): then they
 * are all shown, named as such. "By ID" takes any ID.
 */
export function modelResults(ids: string[], filter?: string): INodeListSearchItems[] {
	const wanted = (filter ?? '').trim().toLowerCase();
	const unique = [...new Set(ids)];
	const video = unique.filter(isVideoModel);
	const others = wanted || video.length === 0 ? unique.filter((id) => !isVideoModel(id)) : [];
	const matches = (id: string) => !wanted || id.toLowerCase().includes(wanted);
	return [
		...video.filter(matches).map((id) => ({ name: id, value: id })),
		...others.filter(matches).map((id) => ({ name: `${id}${NOT_VIDEO_LABEL}`, value: id })),
	];
}

/**
 * The Model list: the server's `GET {Base URL}/models` (gateways list what they route there). A server without
 * that list, or one that cannot be reached, gives the SDK's known Sora models instead, quietly: the picker
 * must never block a user who can type an ID with "By ID".
 */
export async function searchModels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return { results: modelResults((await serverModels(this)) ?? KNOWN_MODELS, filter) };
}

async function serverModels(context: ILoadOptionsFunctions): Promise<string[] | undefined> {
	try {
		const credentials = await context.getCredentials(CREDENTIAL_TYPE);
		parseCustomHeaders(credentials.customHeaders);
		const baseUrl = String(credentials.baseUrl ?? '')
			.trim()
			.replace(/\/+$/, '');
		if (!/^https?:\/\//i.test(baseUrl)) return undefined;
		const response = (await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, {
			method: 'GET',
			url: `${baseUrl}/models`,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 15_000,
		})) as { statusCode: number; body: unknown };
		if (response.statusCode < 200 || response.statusCode >= 300) return undefined;
		const data = (response.body as IDataObject | undefined)?.data;
		if (!Array.isArray(data)) return undefined;
		const ids = data
			.map((model) => (model as IDataObject | null)?.id)
			.filter((id): id is string => typeof id === 'string' && id.length > 0);
		return ids.length ? ids : undefined;
	} catch {
		return undefined;
	}
}
