/**
 * npx ts-node --transpile-only --prefer-ts-exts bench/codecs.ts [--targets 1280x720] [--repeat 9]
 *
 * Where the time goes in the main workload, stage by stage, in sharp and in Pillow side by side: each Telegram
 * photo made from the real pictures (long side 1280, JPEG quality 87) fitted (cover) to the target and encoded as
 * JPEG at quality 95. Per stage: decode, fit (crop + resize of decoded pixels), encode (sharp with standard and with
 * optimised Huffman tables; Pillow's default is standard), the whole as one pipeline, and prepareImage() itself.
 * Best of --repeat, wall and CPU time, the two libraries interleaved repeat by repeat. Figures only.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import sharp from 'sharp';
import type { OutputInfo } from 'sharp';

import { parseSize } from '../nodes/shared/image/geometry';
import type { Size } from '../nodes/shared/image/geometry';
import { prepareImage } from '../nodes/shared/image/prepareImage';
import { fromPhotos } from './corpus';

const PILLOW_STAGES = String.raw`
import io, json, sys, time
from PIL import Image, ImageOps
def timed(run):
    t, c = time.perf_counter(), time.process_time()
    result = run()
    return result, [(time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000]
for line in sys.stdin:
    r = json.loads(line)
    def decode():
        image = Image.open(r['path'])
        image.load()
        return image
    decoded, decode_ms = timed(decode)
    fitted, fit_ms = timed(lambda: ImageOps.fit(decoded, (r['w'], r['h'])))
    def encode():
        buf = io.BytesIO()
        fitted.save(buf, 'JPEG', quality=95)
        return buf
    _, encode_ms = timed(encode)
    def whole():
        image = ImageOps.fit(Image.open(r['path']), (r['w'], r['h']))
        buf = io.BytesIO()
        image.save(buf, 'JPEG', quality=95)
        return buf
    _, whole_ms = timed(whole)
    print(json.dumps({'decode': decode_ms, 'fit': fit_ms, 'encode q95': encode_ms, 'decode+fit+encode': whole_ms}), flush=True)
`;

type Stages = Record<string, [number, number]>;

async function timed(run: () => Promise<unknown>): Promise<[number, number]> {
	const cpu = process.cpuUsage();
	const start = process.hrtime.bigint();
	await run();
	const used = process.cpuUsage(cpu);
	return [Number(process.hrtime.bigint() - start) / 1e6, (used.user + used.system) / 1000];
}

async function sharpStages(input: Buffer, target: Size): Promise<Stages> {
	const stages: Stages = {};
	let decoded: { data: Buffer; info: OutputInfo } | undefined;
	stages.decode = await timed(async () => (decoded = await sharp(input).raw().toBuffer({ resolveWithObject: true })));
	const raw = (image: { info: OutputInfo }) => ({
		raw: { width: image.info.width, height: image.info.height, channels: image.info.channels },
	});
	let fitted: { data: Buffer; info: OutputInfo } | undefined;
	stages.fit = await timed(
		async () =>
			(fitted = await sharp(decoded!.data, raw(decoded!)).resize(target.width, target.height).raw().toBuffer({ resolveWithObject: true })),
	);
	stages['encode q95'] = await timed(() => sharp(fitted!.data, raw(fitted!)).jpeg({ quality: 95, optimiseCoding: false }).toBuffer());
	stages['encode q95, optimised Huffman tables'] = await timed(() => sharp(fitted!.data, raw(fitted!)).jpeg({ quality: 95 }).toBuffer());
	stages['decode+fit+encode'] = await timed(() =>
		sharp(input).resize(target.width, target.height).jpeg({ quality: 95, optimiseCoding: false }).toBuffer(),
	);
	stages['prepareImage (cap 250 KB)'] = await timed(() => prepareImage(input, { target, fit: 'cover', maxBytes: 250 * 1024 }));
	return stages;
}

function bestOf(runs: Stages[]): Record<string, { ms: number; cpuMs: number }> {
	const out: Record<string, { ms: number; cpuMs: number }> = {};
	for (const stage of Object.keys(runs[0])) {
		out[stage] = {
			ms: Math.round(Math.min(...runs.map((r) => r[stage][0])) * 10) / 10,
			cpuMs: Math.round(Math.min(...runs.map((r) => r[stage][1])) * 10) / 10,
		};
	}
	return out;
}

async function main() {
	const argv = process.argv.slice(2);
	const value = (name: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
	const targets = (value('targets') ?? '1280x720').split(',').map((text) => parseSize(text)!);
	const repeat = Number(value('repeat') ?? 9);
	const { realImages } = require('../scripts/realImages.js') as { realImages: () => Promise<Array<{ name: string; path: string }>> };
	const pictures = await realImages();
	const photos = ['coffee.png', 'rocket.jpg', 'chelsea.png', 'astronaut.png', 'motorcycle_left.png', 'hubble_deep_field.jpg'].map(
		(name) => ({
			name,
			class: 'other' as const,
			data: fs.readFileSync(pictures.find((p) => p.name === name)!.path),
		}),
	);
	const telegram = await fromPhotos(photos, 0);
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-codecs-'));
	const python = spawn('/usr/bin/python3', ['-c', PILLOW_STAGES]);
	python.stderr.on('data', (chunk) => process.stderr.write(chunk));
	const lines = readline.createInterface({ input: python.stdout })[Symbol.asyncIterator]();
	const pillow = async (file: string, target: Size) => {
		python.stdin.write(JSON.stringify({ path: file, w: target.width, h: target.height }) + '\n');
		return JSON.parse((await lines.next()).value as string) as Stages;
	};
	for (const entry of telegram) {
		const file = path.join(folder, entry.name);
		fs.writeFileSync(file, entry.data);
		for (const target of targets) {
			await sharpStages(entry.data, target);
			await pillow(file, target);
			const ours: Stages[] = [];
			const theirs: Stages[] = [];
			for (let i = 0; i < repeat; i++) {
				ours.push(await sharpStages(entry.data, target));
				theirs.push(await pillow(file, target));
			}
			console.log(
				JSON.stringify({ file: entry.name, target: `${target.width}x${target.height}`, sharp: bestOf(ours), pillow: bestOf(theirs) }),
			);
		}
	}
	python.stdin.end();
	console.log(
		JSON.stringify({
			repeat,
			cores: os.availableParallelism(),
			sharpConcurrency: sharp.concurrency(),
			loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
		}),
	);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
