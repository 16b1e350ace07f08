/**
 * npm run bench:prepare -- [--corpus DIR|real] [--targets 1280x720,1792x1024] [--cap-kb 250] [--format jpeg]
 *                          [--class telegram,phone,art,other] [--repeat 3] [--out DIR] [--profile]
 *                          [--baseline DIR] [--naive] [--no-pillow] [--concurrency N] [--no-cache]
 *
 * For each (picture, target): prepareImage() at the cap (cover, centre), and on the same input, interleaved
 * repeat by repeat so a busy machine slows all of them alike:
 * - "floor": one decode+orient+resize+encode with sharp at its default settings;
 * - "pillow": the recipe found in the wild (JPEG quality 95, down in steps of 5 to 50, then shrink the
 *   resolution) in Python/Pillow, in one Python process kept open for the whole run;
 * - "baseline" (--baseline DIR): the image core of another checkout, e.g. the previous commit's;
 * - "naive" (--naive): the Pillow recipe on sharp's primitives.
 * Each case's time is its best of --repeat runs (the one least disturbed by whatever else the machine runs),
 * for every contender alike; beside it the CPU time (best of the runs too: the process's user+system time, so
 * libvips' threads count), which a loaded machine disturbs far less than the wall time. --concurrency / --no-cache set sharp's global thread count and operation cache
 * before the run, to measure what they change. Beside each time, a quality figure: the SSIM (8x8 windows, luma) of the decoded output against one common
 * reference, the same fit made with sharp's lanczos3 from the fully decoded image.
 * One JSON line per case, then one line per (class, target): medians, and the ratios the issue asks for
 * (ours against Pillow's recipe, against the floor). --profile adds where the time goes, per stage.
 * Figures only: nothing here asserts.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import sharp from 'sharp';

import { encodeWithinCap } from '../nodes/shared/image/encode';
import { resizeAndEncode, resizeToRaw } from '../nodes/shared/image/fit';
import { readHeader } from '../nodes/shared/image/inputChecks';
import { parseSize } from '../nodes/shared/image/geometry';
import type { Size } from '../nodes/shared/image/geometry';
import { prepareImage } from '../nodes/shared/image/prepareImage';
import type { OutputFormat, PrepareOptions, PreparedImage } from '../nodes/shared/image/prepareImage';
import { classOf, fromPhotos, makeCorpus, readCorpus } from './corpus';
import type { CorpusEntry, ImageClass } from './corpus';

interface Args {
	corpus?: string;
	targets: Size[];
	capKb: number;
	format: OutputFormat;
	classes?: ImageClass[];
	out?: string;
	repeat: number;
	profile: boolean;
	baseline?: string;
	naive: boolean;
	pillow: boolean;
	concurrency?: number;
	cache: boolean;
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
		classes: value('class')?.split(',') as ImageClass[] | undefined,
		out: value('out'),
		repeat: Math.max(1, Number(value('repeat') ?? 3)),
		profile: argv.includes('--profile'),
		baseline: value('baseline'),
		naive: argv.includes('--naive'),
		pillow: !argv.includes('--no-pillow'),
		concurrency: value('concurrency') === undefined ? undefined : Number(value('concurrency')),
		cache: !argv.includes('--no-cache'),
	};
}

const median = (values: number[]) => {
	const finite = values.filter((v) => Number.isFinite(v));
	if (finite.length === 0) return NaN;
	const sorted = [...finite].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const best = (values: number[]) => (values.length ? Math.min(...values) : NaN);
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Wall time, and the CPU time of the whole process (libvips' threads included) over the same run. */
async function time<T>(run: () => Promise<T>): Promise<{ result: T; ms: number; cpuMs: number }> {
	const cpu = process.cpuUsage();
	const start = process.hrtime.bigint();
	const result = await run();
	const used = process.cpuUsage(cpu);
	return { result, ms: Number(process.hrtime.bigint() - start) / 1e6, cpuMs: (used.user + used.system) / 1000 };
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
			if (data.length <= cap) return { ok: true, width, height, bytes: data.length, quality, encodes, data };
		}
		if (width <= 16 || height <= 16) return { ok: false, width, height, bytes: NaN, quality: 50, encodes };
		scale *= 0.9;
	}
}

/** The same recipe in Pillow, answering one request per line: {path, w, h, cap} -> result with the JPEG. */
const PILLOW_WORKER = String.raw`
import base64, io, json, sys, time
from PIL import Image, ImageOps
def naive(path, w, h, cap):
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
                return dict(ok=True, width=tw, height=th, bytes=buf.tell(), quality=q, encodes=encodes, data=base64.b64encode(buf.getvalue()).decode())
        if tw <= 16 or th <= 16:
            return dict(ok=False, width=tw, height=th, quality=50, encodes=encodes)
        scale *= 0.9
for line in sys.stdin:
    request = json.loads(line)
    t = time.perf_counter()
    c = time.process_time()
    try:
        r = naive(request['path'], request['w'], request['h'], request['cap'])
    except Exception as e:
        r = dict(ok=False, error=str(e))
    r['ms'] = (time.perf_counter() - t) * 1000
    r['cpuMs'] = (time.process_time() - c) * 1000
    print(json.dumps(r), flush=True)
`;

interface PillowResult {
	ok: boolean;
	ms: number;
	cpuMs: number;
	quality?: number;
	encodes?: number;
	width?: number;
	height?: number;
	data?: string;
	error?: string;
}

class PillowWorker {
	private readonly child: ChildProcessWithoutNullStreams;
	private readonly lines: AsyncIterableIterator<string>;

	constructor(python: string) {
		this.child = spawn(python, ['-c', PILLOW_WORKER]);
		this.child.stderr.on('data', (chunk) => process.stderr.write(chunk));
		this.lines = readline.createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
	}

	async run(file: string, target: Size, cap: number): Promise<PillowResult> {
		this.child.stdin.write(JSON.stringify({ path: file, w: target.width, h: target.height, cap }) + '\n');
		const { value, done } = await this.lines.next();
		if (done) throw new Error('the Pillow worker stopped');
		return JSON.parse(value) as PillowResult;
	}

	close(): void {
		this.child.stdin.end();
	}
}

function findPillowPython(): string | undefined {
	for (const python of ['python3', '/usr/bin/python3']) {
		const probe = spawnSync(python, ['-c', 'import PIL'], { stdio: 'ignore' });
		if (probe.status === 0) return python;
	}
	return undefined;
}

/** Luma (Rec. 601) of an image decoded to 8-bit sRGB at exactly `target`; undefined when the size differs. */
async function luma(data: Buffer | { raw: Buffer; channels: number }, target: Size): Promise<Uint8Array | undefined> {
	const decoded =
		'raw' in data
			? { data: data.raw, info: { width: target.width, height: target.height, channels: data.channels } }
			: await sharp(data).toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
	const { width, height, channels } = decoded.info;
	if (width !== target.width || height !== target.height) return undefined;
	const out = new Uint8Array(width * height);
	for (let i = 0, p = 0; i < out.length; i++, p += channels) {
		out[i] =
			channels < 3 ? decoded.data[p] : Math.round(0.299 * decoded.data[p] + 0.587 * decoded.data[p + 1] + 0.114 * decoded.data[p + 2]);
	}
	return out;
}

/** Mean SSIM over 8x8 windows every 4 pixels (the x264 layout), with the usual constants for 8-bit values. */
function ssim(a: Uint8Array, b: Uint8Array, width: number, height: number): number {
	const c1 = (0.01 * 255) ** 2;
	const c2 = (0.03 * 255) ** 2;
	let total = 0;
	let windows = 0;
	for (let top = 0; top + 8 <= height; top += 4) {
		for (let left = 0; left + 8 <= width; left += 4) {
			let sa = 0;
			let sb = 0;
			let saa = 0;
			let sbb = 0;
			let sab = 0;
			for (let y = top; y < top + 8; y++) {
				for (let i = y * width + left, end = i + 8; i < end; i++) {
					const x = a[i];
					const z = b[i];
					sa += x;
					sb += z;
					saa += x * x;
					sbb += z * z;
					sab += x * z;
				}
			}
			const ma = sa / 64;
			const mb = sb / 64;
			const va = saa / 64 - ma * ma;
			const vb = sbb / 64 - mb * mb;
			const cov = sab / 64 - ma * mb;
			total += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
			windows++;
		}
	}
	return total / windows;
}

/**
 * The common reference: the same cover fit from the fully decoded image (no shrink-on-load), with lanczos3 when
 * reducing. When enlarging, libvips' resize is an affine that puts the picture half an output pixel off (an edge
 * between source pixels x-1 and x lands on output pixel x*scale, not between two), which would make a reference
 * that only the same affine matches: the enlarged reference is a centred separable bicubic (Catmull-Rom,
 * Pillow's) of the luma instead.
 */
async function reference(input: Buffer, target: Size): Promise<Uint8Array> {
	const decoded = await sharp(input, { autoOrient: true })
		.flatten({ background: '#000000' })
		.toColourspace('srgb')
		.raw()
		.toBuffer({ resolveWithObject: true });
	const scale = Math.max(target.width / decoded.info.width, target.height / decoded.info.height);
	if (scale > 1) return enlargedLuma(decoded.data, decoded.info, target, scale);
	const { data, info } = await sharp(input, { autoOrient: true })
		.resize(target.width, target.height, { fit: 'cover', kernel: 'lanczos3', fastShrinkOnLoad: false })
		.flatten({ background: '#000000' })
		.toColourspace('srgb')
		.raw()
		.toBuffer({ resolveWithObject: true });
	return (await luma({ raw: data, channels: info.channels }, target))!;
}

function enlargedLuma(data: Buffer, info: { width: number; height: number; channels: number }, target: Size, scale: number): Uint8Array {
	const { width, height, channels } = info;
	const source = new Float64Array(width * height);
	for (let i = 0, p = 0; i < source.length; i++, p += channels) {
		source[i] = channels < 3 ? data[p] : 0.299 * data[p] + 0.587 * data[p + 1] + 0.114 * data[p + 2];
	}
	const cubic = (t: number) => {
		const x = Math.abs(t);
		return x <= 1 ? 1.5 * x ** 3 - 2.5 * x ** 2 + 1 : x < 2 ? -0.5 * x ** 3 + 2.5 * x ** 2 - 4 * x + 2 : 0;
	};
	// Output pixel i of the centred crop samples the source at (i + offset + 0.5) / scale - 0.5.
	const taps = (count: number, offset: number, size: number) =>
		Array.from({ length: count }, (_, i) => {
			const centre = (i + offset + 0.5) / scale - 0.5;
			const first = Math.floor(centre) - 1;
			return Array.from({ length: 4 }, (_, k) => ({ at: Math.min(size - 1, Math.max(0, first + k)), weight: cubic(centre - (first + k)) }));
		});
	const columns = taps(target.width, Math.floor((Math.round(width * scale) - target.width) / 2), width);
	const rows = taps(target.height, Math.floor((Math.round(height * scale) - target.height) / 2), height);
	const across = new Float64Array(target.width * height);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < target.width; x++) {
			let sum = 0;
			for (const tap of columns[x]) sum += tap.weight * source[y * width + tap.at];
			across[y * target.width + x] = sum;
		}
	}
	const out = new Uint8Array(target.width * target.height);
	for (let y = 0; y < target.height; y++) {
		for (let x = 0; x < target.width; x++) {
			let sum = 0;
			for (const tap of rows[y]) sum += tap.weight * across[tap.at * target.width + x];
			out[y * target.width + x] = Math.min(255, Math.max(0, Math.round(sum)));
		}
	}
	return out;
}

/** --profile: where one prepareImage() spends its time, stage by stage (each stage timed as its own run, best of --repeat). */
async function profile(input: Buffer, target: Size, options: PrepareOptions, cap: number, repeat: number): Promise<Record<string, number>> {
	const format = options.format ?? 'jpeg';
	const stages: Record<string, number[]> = {};
	const note = (stage: string, ms: number) => (stages[stage] ??= []).push(ms);
	for (let i = 0; i < repeat; i++) {
		note('header', (await time(() => readHeader(input, 120e6))).ms);
		note('decode', (await time(() => sharp(input, { autoOrient: false }).raw().toBuffer())).ms);
		note('decode+orient', (await time(() => sharp(input, { autoOrient: true }).raw().toBuffer())).ms);
		note(
			'decode+orient+colour',
			(await time(() => sharp(input, { autoOrient: true }).toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer())).ms,
		);
		const fitted = await time(() => resizeToRaw(input, target, format, options));
		note('decode+orient+colour+resize (one pipeline, to raw)', fitted.ms);
		const topQuality = options.maxQuality ?? 95;
		const direct = () =>
			resizeAndEncode(input, target, format, options, (image) => image.jpeg({ quality: topQuality, optimiseCoding: false }));
		if (format === 'jpeg')
			note(`one pipeline: decode+orient+colour+resize+encode at q${topQuality}, standard Huffman tables`, (await time(direct)).ms);
		const pixels = fitted.result;
		note('copy of the resized pixels', (await time(async () => Buffer.from(pixels.data))).ms);
		const searched = await time(() =>
			encodeWithinCap(pixels, format, cap, (bytes) => bytes, options.minQuality ?? 40, options.maxQuality ?? 95),
		);
		note('quality search (all encodes)', searched.ms);
		note('encodes in the search', searched.result.encodes);
		note('sample encodes in the search', searched.result.sampleEncodes);
		const quality = searched.result.quality ?? 95;
		const rawInput = { raw: { width: pixels.info.width, height: pixels.info.height, channels: pixels.info.channels } };
		note(`one encode at q${quality}`, (await time(() => sharp(pixels.data, rawInput).jpeg({ quality }).toBuffer())).ms);
		note(
			`one encode at q${quality}, Huffman tables not optimised`,
			(await time(() => sharp(pixels.data, rawInput).jpeg({ quality, optimiseCoding: false }).toBuffer())).ms,
		);
		note('metadata of the output', (await time(() => sharp(searched.result.data).metadata())).ms);
	}
	return Object.fromEntries(Object.entries(stages).map(([stage, values]) => [stage, round(best(values), 2)]));
}

/** `--corpus real`: Debian's sample photos and wallpaper (scripts/realImages.js), with the classes made from its photos. */
async function realCorpus(): Promise<CorpusEntry[]> {
	const { realImages } = require('../scripts/realImages.js') as { realImages: () => Promise<Array<{ name: string; path: string }>> };
	const pictures = await realImages();
	const entries: CorpusEntry[] = [];
	for (const picture of pictures) {
		const data = fs.readFileSync(picture.path);
		entries.push({ name: picture.name, class: await classOf(data), data });
	}
	const photos = ['coffee.png', 'rocket.jpg', 'chelsea.png', 'astronaut.png', 'motorcycle_left.png', 'hubble_deep_field.jpg'];
	return [...entries, ...(await fromPhotos(photos.map((name) => entries.find((e) => e.name === name)!).filter(Boolean)))];
}

type PrepareFn = (input: Buffer, options: PrepareOptions) => Promise<PreparedImage>;

interface Row {
	class: ImageClass;
	target: string;
	ours?: { ms: number; cpuMs: number; quality: number | null; encodes: number; ssim: number };
	floorMs?: number;
	floorCpuMs?: number;
	pillow?: { ms: number; cpuMs: number; quality?: number; encodes?: number; ssim?: number; ok: boolean };
	baseline?: { ms: number; cpuMs: number; quality: number | null; encodes: number; ssim: number };
	naive?: { ms: number; quality: number; encodes: number };
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const cap = args.capKb * 1024;
	if (args.concurrency !== undefined) sharp.concurrency(args.concurrency);
	if (!args.cache) sharp.cache(false);
	let corpus = args.corpus === 'real' ? await realCorpus() : args.corpus ? await readCorpus(args.corpus) : await makeCorpus();
	if (args.classes) corpus = corpus.filter((entry) => args.classes!.includes(entry.class));
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-prepare-'));
	for (const entry of corpus) fs.writeFileSync(path.join(folder, entry.name), entry.data);
	if (args.out) fs.mkdirSync(args.out, { recursive: true });

	const baseline = args.baseline
		? (require(path.resolve(args.baseline, 'nodes/shared/image/prepareImage')) as { prepareImage: PrepareFn }).prepareImage
		: undefined;
	const python = args.pillow && args.format === 'jpeg' ? findPillowPython() : undefined;
	if (args.pillow && !python) console.log(JSON.stringify({ pillow: 'skipped: no python3 with Pillow (apt-get install python3-pil)' }));
	const pillow = python ? new PillowWorker(python) : undefined;

	// Warm up sharp, its thread pool and Python, so the first picture is not charged for them.
	await oneEncode(corpus[0].data, args.targets[0], args.format).catch(() => undefined);
	await prepareImage(corpus[0].data, { target: args.targets[0], fit: 'cover', format: args.format, maxBytes: cap }).catch(() => undefined);
	await pillow?.run(path.join(folder, corpus[0].name), args.targets[0], cap);

	const rows: Row[] = [];
	for (const entry of corpus) {
		for (const target of args.targets) {
			const targetName = `${target.width}x${target.height}`;
			const options: PrepareOptions = { target, fit: 'cover', format: args.format, maxBytes: cap };
			const row: Row = { class: entry.class, target: targetName };
			const times: Record<'ours' | 'floor' | 'pillow' | 'baseline' | 'naive', number[]> = {
				ours: [],
				floor: [],
				pillow: [],
				baseline: [],
				naive: [],
			};
			const cpu: Record<'ours' | 'floor' | 'pillow' | 'baseline', number[]> = { ours: [], floor: [], pillow: [], baseline: [] };
			let ours: PreparedImage | undefined;
			let oursError: string | undefined;
			let before: PreparedImage | undefined;
			let pillowResult: PillowResult | undefined;
			let naiveResult: Awaited<ReturnType<typeof naiveRecipe>> | undefined;
			for (let i = 0; i < args.repeat; i++) {
				try {
					const run = await time(() => prepareImage(entry.data, options));
					ours = run.result;
					times.ours.push(run.ms);
					cpu.ours.push(run.cpuMs);
				} catch (error) {
					oursError = (error as Error).message;
				}
				const floor = await time(() => oneEncode(entry.data, target, args.format)).catch(() => undefined);
				if (floor) {
					times.floor.push(floor.ms);
					cpu.floor.push(floor.cpuMs);
				}
				if (pillow) {
					pillowResult = await pillow.run(path.join(folder, entry.name), target, cap);
					times.pillow.push(pillowResult.ms);
					cpu.pillow.push(pillowResult.cpuMs);
				}
				if (baseline) {
					const run = await time(() => baseline(entry.data, options)).catch(() => undefined);
					if (run) {
						before = run.result;
						times.baseline.push(run.ms);
						cpu.baseline.push(run.cpuMs);
					}
				}
				if (args.naive && args.format === 'jpeg') {
					const run = await time(() => naiveRecipe(entry.data, target, cap));
					naiveResult = run.result;
					times.naive.push(run.ms);
				}
			}

			const ref = await reference(entry.data, target);
			const score = async (data: Buffer | undefined) => {
				const grey = data && (await luma(data, target));
				return grey ? round(ssim(grey, ref, target.width, target.height), 4) : NaN;
			};
			if (ours) {
				row.ours = {
					ms: best(times.ours),
					cpuMs: best(cpu.ours),
					quality: ours.info.quality,
					encodes: ours.info.encodes,
					ssim: await score(ours.data),
				};
				if (args.out)
					fs.writeFileSync(path.join(args.out, `${entry.name}__${targetName}.${args.format === 'jpeg' ? 'jpg' : args.format}`), ours.data);
			}
			if (times.floor.length) {
				row.floorMs = best(times.floor);
				row.floorCpuMs = best(cpu.floor);
			}
			if (pillowResult) {
				row.pillow = {
					ok: pillowResult.ok,
					ms: best(times.pillow),
					cpuMs: best(cpu.pillow),
					quality: pillowResult.quality,
					encodes: pillowResult.encodes,
					ssim: pillowResult.data ? await score(Buffer.from(pillowResult.data, 'base64')) : NaN,
				};
			}
			if (before)
				row.baseline = {
					ms: best(times.baseline),
					cpuMs: best(cpu.baseline),
					quality: before.info.quality,
					encodes: before.info.encodes,
					ssim: await score(before.data),
				};
			if (naiveResult) row.naive = { ms: best(times.naive), quality: naiveResult.quality, encodes: naiveResult.encodes };
			rows.push(row);

			const line: Record<string, unknown> = { file: entry.name, class: entry.class, target: targetName };
			if (row.ours)
				Object.assign(line, {
					ms: round(row.ours.ms),
					cpuMs: round(row.ours.cpuMs),
					quality: row.ours.quality,
					encodes: row.ours.encodes,
					ssim: row.ours.ssim,
				});
			else line.error = oursError;
			if (row.floorMs !== undefined) Object.assign(line, { floorMs: round(row.floorMs), floorCpuMs: round(row.floorCpuMs!) });
			if (row.pillow)
				line.pillow = {
					...row.pillow,
					ms: round(row.pillow.ms),
					cpuMs: round(row.pillow.cpuMs),
					...(pillowResult?.ok ? {} : { error: pillowResult?.error }),
				};
			if (row.baseline) line.baseline = { ...row.baseline, ms: round(row.baseline.ms), cpuMs: round(row.baseline.cpuMs) };
			if (row.naive) line.naive = { ...row.naive, ms: round(row.naive.ms) };
			if (args.profile) line.profile = await profile(entry.data, target, options, cap, args.repeat);
			console.log(JSON.stringify(line));
		}
	}
	pillow?.close();

	const groups = new Map<string, Row[]>();
	for (const row of rows) {
		for (const key of [`${row.class} ${row.target}`, `all ${row.target}`, 'all']) groups.set(key, [...(groups.get(key) ?? []), row]);
	}
	for (const [group, members] of groups) console.log(JSON.stringify(summarise(group, members)));
	console.log(
		JSON.stringify({
			capKb: args.capKb,
			format: args.format,
			repeat: args.repeat,
			cores: os.availableParallelism(),
			sharpConcurrency: sharp.concurrency(),
			sharpCache: args.cache,
			loadAverage: os.loadavg().map((l) => round(l, 2)),
		}),
	);
}

function summarise(group: string, rows: Row[]): Record<string, unknown> {
	const ok = rows.filter((r) => r.ours);
	const ms = median(ok.map((r) => r.ours!.ms));
	const cpuMs = median(ok.map((r) => r.ours!.cpuMs));
	const floorCpuMs = median(rows.map((r) => r.floorCpuMs ?? NaN));
	const summary: Record<string, unknown> = {
		summary: group,
		cases: rows.length,
		failed: rows.length - ok.length,
		medianMs: round(ms),
		floorMs: round(median(rows.map((r) => r.floorMs ?? NaN))),
		ratioToFloor: round(ms / median(rows.map((r) => r.floorMs ?? NaN)), 2),
		cpuMs: round(cpuMs),
		floorCpuMs: round(floorCpuMs),
		cpuRatioToFloor: round(cpuMs / floorCpuMs, 2),
		medianQuality: median(ok.map((r) => r.ours!.quality ?? 100)),
		medianEncodes: median(ok.map((r) => r.ours!.encodes)),
		ssim: round(median(ok.map((r) => r.ours!.ssim)), 4),
	};
	const pillow = rows.filter((r) => r.pillow);
	if (pillow.length) {
		const pillowMs = median(pillow.map((r) => r.pillow!.ms));
		const pillowCpuMs = median(pillow.map((r) => r.pillow!.cpuMs));
		Object.assign(summary, {
			pillowMs: round(pillowMs),
			fasterThanPillow: round(pillowMs / ms, 2),
			pillowCpuMs: round(pillowCpuMs),
			lessCpuThanPillow: round(pillowCpuMs / cpuMs, 2),
			pillowQuality: median(pillow.map((r) => r.pillow!.quality ?? NaN)),
			pillowSsim: round(median(pillow.map((r) => r.pillow!.ssim ?? NaN)), 4),
			pillowFailed: pillow.filter((r) => !r.pillow!.ok).length,
		});
	}
	const baseline = rows.filter((r) => r.baseline);
	if (baseline.length) {
		const baselineMs = median(baseline.map((r) => r.baseline!.ms));
		const baselineCpuMs = median(baseline.map((r) => r.baseline!.cpuMs));
		Object.assign(summary, {
			baselineMs: round(baselineMs),
			fasterThanBaseline: round(baselineMs / ms, 2),
			baselineCpuMs: round(baselineCpuMs),
			lessCpuThanBaseline: round(baselineCpuMs / cpuMs, 2),
			baselineQuality: median(baseline.map((r) => r.baseline!.quality ?? 100)),
			baselineSsim: round(median(baseline.map((r) => r.baseline!.ssim)), 4),
			ssimBelowBaseline: ok.filter((r) => r.baseline && r.ours!.ssim < r.baseline.ssim - 0.0005).length,
		});
	}
	const naive = rows.filter((r) => r.naive);
	if (naive.length)
		Object.assign(summary, {
			naiveMs: round(median(naive.map((r) => r.naive!.ms))),
			naiveEncodes: median(naive.map((r) => r.naive!.encodes)),
		});
	return summary;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
