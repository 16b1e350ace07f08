/**
 * npm run bench:prepare -- [--corpus DIR|real] [--targets 1280x720,1792x1024] [--cap-kb 250] [--format jpeg]
 *                          [--out DIR] [--repeat 3] [--no-naive] [--no-pillow]
 *
 * For each (file, target): prepareImage() at the cap, one JSON line. Beside it, on the same input:
 * - "one encode": a single decode+orient+resize+encode with sharp at default settings (the floor);
 * - "naive": the common recipe (JPEG quality 95, down in steps of 5 to 50, then shrink the resolution),
 *   on the same sharp primitives;
 * - "pillow": the same naive recipe in Python/Pillow, when python3 with PIL is on the machine.
 * Then one summary line. Figures only: nothing here asserts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';

import { parseSize } from '../nodes/shared/image/presets';
import type { Size } from '../nodes/shared/image/presets';
import { prepareImage } from '../nodes/shared/image/prepareImage';
import type { OutputFormat } from '../nodes/shared/image/prepareImage';
import { makeCorpus, readCorpus } from './corpus';

interface Args {
	corpus?: string;
	targets: Size[];
	capKb: number;
	format: OutputFormat;
	out?: string;
	repeat: number;
	naive: boolean;
	pillow: boolean;
}

function parseArgs(argv: string[]): Args {
	const value = (name: string) => {
		const index = argv.indexOf(`--${name}`);
		return index >= 0 ? argv[index + 1] : undefined;
	};
	const targets = (value('targets') ?? '1280x720,1792x1024').split(',').map((text) => {
		const size = parseSize(text);
		if (!size) throw new Error(`--targets: "${text}" is not WIDTHxHEIGHT`);
		return size;
	});
	return {
		corpus: value('corpus'),
		targets,
		capKb: Number(value('cap-kb') ?? 250),
		format: (value('format') ?? 'jpeg') as OutputFormat,
		out: value('out'),
		repeat: Math.max(1, Number(value('repeat') ?? 3)),
		naive: !argv.includes('--no-naive'),
		pillow: !argv.includes('--no-pillow'),
	};
}

const median = (values: number[]) => {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

async function timed<T>(repeat: number, run: () => Promise<T>): Promise<{ result: T; ms: number }> {
	const times: number[] = [];
	let result!: T;
	for (let i = 0; i < repeat; i++) {
		const start = process.hrtime.bigint();
		result = await run();
		times.push(Number(process.hrtime.bigint() - start) / 1e6);
	}
	return { result, ms: median(times) };
}

async function oneEncode(input: Buffer, target: Size, format: OutputFormat): Promise<Buffer> {
	const image = sharp(input, { autoOrient: true }).resize(target.width, target.height);
	return await (format === 'jpeg' ? image.jpeg() : format === 'webp' ? image.webp() : image.png()).toBuffer();
}

/** The recipe found in the wild: quality 95 down by 5 to 50, then 90% of the resolution, again and again. */
async function naiveRecipe(input: Buffer, target: Size, cap: number) {
	let encodes = 0;
	let scale = 1;
	for (;;) {
		const width = Math.max(1, Math.round(target.width * scale));
		const height = Math.max(1, Math.round(target.height * scale));
		for (let quality = 95; quality >= 50; quality -= 5) {
			const data = await sharp(input, { autoOrient: true }).resize(width, height).jpeg({ quality }).toBuffer();
			encodes++;
			if (data.length <= cap) return { ok: true, width, height, bytes: data.length, quality, encodes };
		}
		if (width <= 16 || height <= 16) return { ok: false, width, height, bytes: NaN, quality: 50, encodes };
		scale *= 0.9;
	}
}

const PILLOW_SCRIPT = String.raw`
import io, json, sys, time
from PIL import Image, ImageOps
files, targets, cap, repeat = json.loads(sys.argv[1])
def naive(path, w, h):
    encodes = 0
    scale = 1.0
    while True:
        tw, th = max(1, round(w * scale)), max(1, round(h * scale))
        for q in range(95, 49, -5):
            img = ImageOps.exif_transpose(Image.open(path))
            img = ImageOps.fit(img.convert('RGB'), (tw, th))
            buf = io.BytesIO()
            img.save(buf, 'JPEG', quality=q)
            encodes += 1
            if buf.tell() <= cap:
                return dict(ok=True, width=tw, height=th, bytes=buf.tell(), quality=q, encodes=encodes)
        if tw <= 16 or th <= 16:
            return dict(ok=False, width=tw, height=th, quality=50, encodes=encodes)
        scale *= 0.9
for path in files:
    for w, h in targets:
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            try:
                r = naive(path, w, h)
            except Exception as e:
                r = dict(ok=False, error=str(e))
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        r.update(file=path, target='%dx%d' % (w, h), ms=times[len(times) // 2])
        print(json.dumps(r), flush=True)
`;

function findPillowPython(): string | undefined {
	for (const python of ['python3', '/usr/bin/python3']) {
		const probe = spawnSync(python, ['-c', 'import PIL'], { stdio: 'ignore' });
		if (probe.status === 0) return python;
	}
	return undefined;
}

/** `--corpus real`: Debian's sample photos and wallpaper (scripts/realImages.js), linked into one folder. */
async function realPicturesFolder(): Promise<string> {
	const { realImages } = require('../scripts/realImages.js') as { realImages: () => Promise<Array<{ name: string; path: string }>> };
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-real-'));
	for (const picture of await realImages()) fs.symlinkSync(picture.path, path.join(folder, picture.name));
	return folder;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const cap = args.capKb * 1024;
	if (args.corpus === 'real') args.corpus = await realPicturesFolder();
	const corpus = args.corpus ? readCorpus(args.corpus) : await makeCorpus();
	if (args.out) fs.mkdirSync(args.out, { recursive: true });
	// Warm up sharp and the thread pool so the first file is not charged for it.
	await oneEncode(corpus[0].data, args.targets[0], args.format).catch(() => undefined);

	const ours: Array<{ ok: boolean; ms: number; encodes: number; quality: number | null }> = [];
	const floors: number[] = [];
	const naive: Array<Awaited<ReturnType<typeof naiveRecipe>> & { ms: number }> = [];

	for (const entry of corpus) {
		for (const target of args.targets) {
			const targetName = `${target.width}x${target.height}`;
			const line: Record<string, unknown> = { file: entry.name, target: targetName };
			try {
				const { result, ms } = await timed(args.repeat, () =>
					prepareImage(entry.data, { target, fit: 'cover', format: args.format, maxBytes: cap }),
				);
				const { info } = result;
				Object.assign(line, { ok: true, width: info.width, height: info.height, bytes: info.bytes, quality: info.quality, encodes: info.encodes, ms: round(ms) });
				ours.push({ ok: true, ms, encodes: info.encodes, quality: info.quality });
				if (args.out) {
					const extension = args.format === 'jpeg' ? 'jpg' : args.format;
					fs.writeFileSync(path.join(args.out, `${entry.name}__${targetName}.${extension}`), result.data);
				}
			} catch (error) {
				Object.assign(line, { ok: false, error: (error as Error).message });
				ours.push({ ok: false, ms: NaN, encodes: NaN, quality: null });
			}
			const floor = await timed(args.repeat, () => oneEncode(entry.data, target, args.format)).catch(() => undefined);
			if (floor) {
				floors.push(floor.ms);
				line.oneEncodeMs = round(floor.ms);
			}
			if (args.naive && args.format === 'jpeg') {
				const run = await timed(args.repeat, () => naiveRecipe(entry.data, target, cap)).catch(() => undefined);
				if (run) {
					naive.push({ ...run.result, ms: run.ms });
					line.naive = { ok: run.result.ok, width: run.result.width, height: run.result.height, quality: run.result.quality, encodes: run.result.encodes, ms: round(run.ms) };
				}
			}
			console.log(JSON.stringify(line));
		}
	}

	const good = ours.filter((r) => r.ok);
	const summary: Record<string, unknown> = {
		summary: 'prepare',
		capKb: args.capKb,
		format: args.format,
		cases: ours.length,
		ok: good.length,
		failed: ours.length - good.length,
		medianMs: round(median(good.map((r) => r.ms))),
		medianEncodes: median(good.map((r) => r.encodes)),
		medianQuality: median(good.map((r) => r.quality ?? 100)),
		oneEncodeMedianMs: round(median(floors)),
		ratioToOneEncode: round(median(good.map((r) => r.ms)) / median(floors), 2),
		cores: os.availableParallelism(),
	};
	if (naive.length) {
		summary.naive = {
			medianMs: round(median(naive.map((r) => r.ms))),
			medianEncodes: median(naive.map((r) => r.encodes)),
			medianQuality: median(naive.map((r) => r.quality)),
			brokeExactSize: `${naive.filter((r) => r.ok && r.width * r.height !== 0 && !args.targets.some((t) => t.width === r.width && t.height === r.height)).length}/${naive.length}`,
		};
	}
	if (args.pillow && args.format === 'jpeg') summary.pillowNaive = runPillow(corpus, args, cap);
	console.log(JSON.stringify(summary));
}

function runPillow(corpus: Array<{ name: string; data: Buffer }>, args: Args, cap: number): unknown {
	const python = findPillowPython();
	if (!python) return 'skipped: no python3 with Pillow (apt-get install python3-pil)';
	const folder = args.corpus ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bench-corpus-'));
	if (!args.corpus) for (const entry of corpus) fs.writeFileSync(path.join(folder, entry.name), entry.data);
	const files = corpus.map((entry) => path.join(folder, entry.name));
	const output = execFileSync(python, ['-c', PILLOW_SCRIPT, JSON.stringify([files, args.targets.map((t) => [t.width, t.height]), cap, args.repeat])], {
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	const rows = output.trim().split('\n').map((line) => JSON.parse(line) as { ok: boolean; ms: number; encodes: number; quality: number; width: number; height: number; error?: string });
	for (const row of rows) console.log(JSON.stringify({ pillowNaive: row }));
	const ok = rows.filter((r) => r.ok);
	return {
		medianMs: round(median(rows.map((r) => r.ms))),
		medianEncodes: median(ok.map((r) => r.encodes)),
		medianQuality: median(ok.map((r) => r.quality)),
		failed: rows.length - ok.length,
	};
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
