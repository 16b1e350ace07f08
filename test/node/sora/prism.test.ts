/**
 * Every request the Sora Video node sends, against a Prism mock of OpenAI's own OpenAPI spec (its /videos part,
 * test/fakes/openapi/openai-videos.json, cut by scripts/openaiVideosSpec.js): Prism validates each body, query
 * and header against the spec and answers 422 (or 401, 404) when they do not fit. Every operation, every body
 * shape (JSON without a file, multipart with one) must be accepted. The answers are Prism's examples from the
 * schema, so what the node makes of them afterwards (a video "string" that is never completed) is not judged here.
 */
import * as path from 'node:path';
import type { INodeParameters } from 'n8n-workflow';

import { SoraApi } from '../../../credentials/SoraApi.credentials';
import type { FakeSora } from '../../fakes/sora';
import { solid } from '../../helpers/images';
import { fileItem } from '../../helpers/items';
import { startPrism } from '../../helpers/prism';
import type { PrismMock } from '../../helpers/prism';
import { run } from './setup';
import { errorText } from '../setup';

jest.setTimeout(6 * 60_000);

let prism: PrismMock;

beforeAll(async () => {
	prism = await startPrism(path.join(__dirname, '..', '..', 'fakes', 'openapi', 'openai-videos.json'));
});

afterAll(async () => {
	await prism?.close();
});

function clip(): Buffer {
	const data = Buffer.alloc(4096, 5);
	data.writeUInt32BE(24, 0);
	data.write('ftypisom', 4, 'latin1');
	return data;
}

async function send(parameters: INodeParameters, binary?: { data: Buffer; fileName: string; mimeType: string }): Promise<string> {
	const credentials = {
		soraApi: {
			type: new SoraApi(),
			data: { apiKey: 'sk-prism-check-0123456789', baseUrl: prism.url, authStyle: 'bearer', organization: '', project: '', extraQuery: '' },
		},
	};
	const items = [binary ? await fileItem(binary.data, { fileName: binary.fileName, mimeType: binary.mimeType }) : { json: {} }];
	const result = await run({} as FakeSora, parameters, { credentials, items });
	return errorText(result.error);
}

const noWait = { waitForCompletion: false };

describe("the node's requests against a Prism mock of OpenAI's OpenAPI spec", () => {
	test.each<[string, INodeParameters, 'photo' | 'clip' | undefined]>([
		['Generate, text only (JSON)', { prompt: 'A paper boat', size: '1280x720', seconds: '8', ...noWait }, undefined],
		[
			'Generate, image URL (JSON input_reference.image_url)',
			{ prompt: 'x', referenceImage: 'url', imageUrl: 'https://example.com/a.jpg', ...noWait },
			undefined,
		],
		[
			'Generate, file ID (JSON input_reference.file_id)',
			{ prompt: 'x', referenceImage: 'fileId', imageFileId: 'file-abc123', ...noWait },
			undefined,
		],
		['Generate, binary image (multipart file)', { prompt: 'x', referenceImage: 'binary', ...noWait }, 'photo'],
		['Get', { operation: 'get', videoId: 'video_1/+=', download: false }, undefined],
		['Download', { operation: 'download', videoId: 'video_1' }, undefined],
		['Remix (JSON)', { operation: 'remix', videoId: 'video_1', prompt: 'At night', ...noWait }, undefined],
		['Edit by ID (JSON video.id)', { operation: 'edit', videoId: 'video_1', prompt: 'Snow', ...noWait }, undefined],
		['Edit with a file (multipart)', { operation: 'edit', videoSource: 'binary', prompt: 'Snow', ...noWait }, 'clip'],
		['Extend by ID (JSON video.id)', { operation: 'extend', videoId: 'video_1', prompt: 'More', seconds: '4', ...noWait }, undefined],
		['Extend with a file (multipart)', { operation: 'extend', videoSource: 'binary', prompt: 'More', seconds: '4', ...noWait }, 'clip'],
		['Delete', { operation: 'delete', videoId: 'video_1' }, undefined],
		['List', { operation: 'list', limit: 10, options: { order: 'asc', after: 'video_0' } }, undefined],
		['Create Character (multipart)', { operation: 'createCharacter', characterName: 'Captain Fox' }, 'clip'],
		['Get Character', { operation: 'getCharacter', characterId: 'char_1' }, undefined],
	])('%s is accepted', async (_, parameters, file) => {
		const before = prism.answers.length;
		const binary =
			file === 'photo'
				? { data: await solid(720, 1280, [10, 20, 30], 'jpeg'), fileName: 'photo.jpg', mimeType: 'image/jpeg' }
				: file === 'clip'
					? { data: clip(), fileName: 'clip.mp4', mimeType: 'video/mp4' }
					: undefined;
		const error = await send(parameters, binary);
		const answers = prism.answers.slice(before);
		expect(answers.length).toBeGreaterThan(0);
		const refused = answers.filter((a) => a.status >= 400).map((a) => `${a.method} ${a.path} -> ${a.status} ${a.body}`);
		expect({ refused, error: refused.length ? error : '' }).toEqual({ refused: [], error: '' });
	});
});
