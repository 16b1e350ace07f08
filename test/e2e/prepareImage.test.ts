/**
 * The package loads into a real n8n 2.x and Prepare Image for Video runs there: a Code node makes a
 * 640x480 PNG, the node turns it into an exact 1280x720 JPEG under 800 KB, and the stored binary proves it.
 * Needs `npm run build` first; the first run installs n8n into the cache (~5 min).
 */
import { randomUUID } from 'crypto';
import sharp from 'sharp';

import { FIRST_TIMEOUT_MS, PACKAGE, TIMEOUT_MS, createN8n, nodeOutput, readBinary } from './harness';
import type { N8nE2e, Workflow } from './harness';

jest.setTimeout(TIMEOUT_MS);

/** A 640x480 PNG with a colour gradient (so the encoder has real content to compress). */
async function makePng(width: number, height: number): Promise<Buffer> {
	const raw = Buffer.alloc(width * height * 3);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const i = (y * width + x) * 3;
			raw[i] = Math.round((255 * x) / width);
			raw[i + 1] = Math.round((255 * y) / height);
			raw[i + 2] = Math.round(128 + 127 * Math.sin(x / 23) * Math.cos(y / 17));
		}
	}
	return await sharp(raw, { raw: { width, height, channels: 3 } })
		.png()
		.toBuffer();
}

/** Manual Trigger -> Code (emits `png` as binary field "data") -> Prepare Image for Video. */
function workflow(id: string, png: Buffer, prepareParameters: Record<string, unknown>, typeVersion = 1): Workflow {
	const jsCode = [
		`const png = Buffer.from('${png.toString('base64')}', 'base64');`,
		`const data = await this.helpers.prepareBinaryData(png, 'in.png', 'image/png');`,
		`return [{ json: { source: 'e2e' }, binary: { data } }];`,
	].join('\n');
	return {
		id,
		name: `e2e ${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: randomUUID(), name: 'Make PNG', type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, 0], parameters: { jsCode } },
			{
				id: randomUUID(),
				name: 'Prepare',
				type: `${PACKAGE}.prepareImageForVideo`,
				typeVersion,
				position: [440, 0],
				parameters: prepareParameters,
			},
		],
		connections: {
			Start: { main: [[{ node: 'Make PNG', type: 'main', index: 0 }]] },
			'Make PNG': { main: [[{ node: 'Prepare', type: 'main', index: 0 }]] },
		},
	};
}

const PREPARE = {
	binaryPropertyName: 'data',
	target: 'preset',
	preset: '1280x720',
	fit: 'cover',
	maxFileSizeKb: 800,
	outputFormat: 'jpeg',
};

describe('Prepare Image for Video in a real n8n', () => {
	let n8n: N8nE2e;

	beforeAll(async () => {
		n8n = createN8n();
		const png = await makePng(640, 480);
		const portrait = await makePng(600, 800);
		// one CLI start imports every workflow of this file (a fresh user folder also runs n8n's migrations here)
		await n8n.importWorkflows([
			workflow('e2ePrepare720p', png, PREPARE),
			workflow('e2ePrepareNotImage', Buffer.from('this is not an image'), PREPARE),
			// a node added today: every parameter at its default
			workflow('e2ePrepareDefaults', portrait, {}, 1.1),
			// a node saved with version 1 and its defaults (n8n stores only what differs from them)
			workflow('e2ePrepareSavedV1', portrait, { operation: 'prepare' }, 1),
		]);
	}, FIRST_TIMEOUT_MS);

	afterAll(() => n8n?.cleanup());

	it('turns a 640x480 PNG into an exact 1280x720 JPEG under the cap', async () => {
		const run = await n8n.executeWorkflow('e2ePrepare720p');
		expect(run.error?.message).toBeUndefined();
		expect(run.status).toBe('success');
		expect(run.lastNodeExecuted).toBe('Prepare');

		const items = nodeOutput(run, 'Prepare');
		expect(items).toHaveLength(1);
		const [item] = items;
		expect(item.json.source).toBe('e2e'); // the input item's json is kept

		// the info fields (top level or grouped under one key, as the node decides)
		const info = (item.json.preparedImage ?? item.json) as Record<string, unknown>;
		expect(info).toMatchObject({ width: 1280, height: 720, format: 'jpeg' });

		const ref = item.binary?.data;
		expect(ref).toMatchObject({ mimeType: 'image/jpeg' });
		const bytes = readBinary(n8n.userFolder, ref!);
		expect(bytes.length).toBe(info.bytes);
		expect(bytes.length).toBeLessThanOrEqual(800 * 1024);
		const meta = await sharp(bytes).metadata();
		expect(meta).toMatchObject({ format: 'jpeg', width: 1280, height: 720 });
	});

	it('fails the run with a node error naming the item when the binary is not an image', async () => {
		const run = await n8n.executeWorkflow('e2ePrepareNotImage');
		expect(run.status).toBe('error');
		expect(run.lastNodeExecuted).toBe('Prepare');
		expect(run.runData.Prepare?.[0]?.executionStatus).toBe('error');
		expect(run.error?.message).toMatch(/item 1/i);
	});

	it('with its defaults turns a portrait photo into a portrait image (Target: Auto)', async () => {
		const run = await n8n.executeWorkflow('e2ePrepareDefaults');
		expect(run.status).toBe('success');
		const [item] = nodeOutput(run, 'Prepare');
		expect(item.json.preparedImage).toMatchObject({ originalWidth: 600, originalHeight: 800, width: 832, height: 1104 });
		expect(item.json.preparedImage).not.toHaveProperty('warning');
		const meta = await sharp(readBinary(n8n.userFolder, item.binary!.data!)).metadata();
		expect([meta.width, meta.height]).toEqual([832, 1104]);
	});

	it('a version 1 node keeps its saved fixed size, and says when the crop cut off much of the image', async () => {
		const run = await n8n.executeWorkflow('e2ePrepareSavedV1');
		expect(run.status).toBe('success');
		const [item] = nodeOutput(run, 'Prepare');
		expect(item.json.preparedImage).toMatchObject({ width: 1280, height: 720 });
		expect((item.json.preparedImage as Record<string, unknown>).warning).toMatch(
			/^Cropping the 600x800 image to 1280x720 cut off 58% of it\./,
		);
	});
});
