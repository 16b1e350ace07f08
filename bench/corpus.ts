/**
 * A generated corpus of photo-like images, for the benchmark when no real corpus is given.
 * "Photo-like" means a 1/f spectrum: octaves of smooth random noise (a low-resolution random field
 * enlarged), plus sensor grain, so JPEG sizes behave as they do on real photos rather than on pure noise
 * (which no encoder can compress) or flat colour (which every encoder compresses to nothing).
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

function random(seed: number): () => number {
	let state = seed >>> 0 || 1;
	return () => {
		state ^= state << 13;
		state ^= state >>> 17;
		state ^= state << 5;
		return (state >>> 0) / 4294967296;
	};
}

/** A width x height RGB image with a natural-image spectrum; `grain` 0..1 sets the fine detail. */
export async function photoLike(width: number, height: number, seed: number, grain = 0.8): Promise<Buffer> {
	const next = random(seed);
	const octaves = [4, 16, 64, 256];
	const layers = await Promise.all(
		octaves.map(async (cells, index) => {
			const w = Math.max(2, Math.round((cells * width) / Math.max(width, height)));
			const h = Math.max(2, Math.round((cells * height) / Math.max(width, height)));
			const field = Buffer.alloc(w * h * 3);
			for (let i = 0; i < field.length; i++) field[i] = Math.floor(next() * 256);
			const enlarged = await sharp(field, { raw: { width: w, height: h, channels: 3 } })
				.resize(width, height, { kernel: index < 2 ? 'cubic' : 'lanczos3', fit: 'fill' })
				.raw()
				.toBuffer();
			return { data: enlarged, weight: 1 / 2 ** index };
		}),
	);
	const total = layers.reduce((sum, layer) => sum + layer.weight, 0);
	const out = Buffer.alloc(width * height * 3);
	for (let i = 0; i < out.length; i++) {
		let value = 0;
		for (const layer of layers) value += layer.data[i] * layer.weight;
		value = value / total + (next() - 0.5) * 48 * grain;
		out[i] = value < 0 ? 0 : value > 255 ? 255 : value;
	}
	// Stretch contrast the way a camera's tone curve does.
	return await sharp(out, { raw: { width, height, channels: 3 } }).normalise().raw().toBuffer();
}

export interface CorpusEntry {
	name: string;
	data: Buffer;
}

/** The default benchmark corpus: phone photos, renders, odd formats, all generated. */
export async function makeCorpus(): Promise<CorpusEntry[]> {
	const raw = (w: number, h: number) => ({ raw: { width: w, height: h, channels: 3 as const } });
	const entries: CorpusEntry[] = [];
	const add = (name: string, data: Buffer) => entries.push({ name, data });

	const phone = await photoLike(4032, 3024, 1, 1);
	add('phone-12mp.jpg', await sharp(phone, raw(4032, 3024)).jpeg({ quality: 92 }).toBuffer());
	add('phone-12mp-rotated.jpg', await sharp(phone, raw(4032, 3024)).jpeg({ quality: 90 }).withMetadata({ orientation: 6 }).toBuffer());
	const portrait = await photoLike(3024, 4032, 2, 0.5);
	add('portrait-12mp.jpg', await sharp(portrait, raw(3024, 4032)).jpeg({ quality: 88 }).toBuffer());
	const render = await photoLike(2048, 2048, 3, 0.1);
	add('render-2048.png', await sharp(render, raw(2048, 2048)).png().toBuffer());
	add('render-2048.webp', await sharp(render, raw(2048, 2048)).webp({ quality: 90 }).toBuffer());
	const wide = await photoLike(1920, 1080, 4, 0.3);
	add('screen-1080p.jpg', await sharp(wide, raw(1920, 1080)).jpeg({ quality: 85 }).toBuffer());
	const telegram = await photoLike(1280, 960, 5, 0.4);
	add('telegram-1280.jpg', await sharp(telegram, raw(1280, 960)).jpeg({ quality: 87 }).toBuffer());
	const small = await photoLike(640, 480, 6, 0.4);
	add('small-640.jpg', await sharp(small, raw(640, 480)).jpeg({ quality: 80 }).toBuffer());
	const panorama = await photoLike(6000, 1500, 7, 0.3);
	add('panorama-9mp.jpg', await sharp(panorama, raw(6000, 1500)).jpeg({ quality: 90 }).toBuffer());
	const alpha = await sharp(render, raw(2048, 2048)).resize(1024, 1024).ensureAlpha(0.6).png().toBuffer();
	add('logo-alpha.png', alpha);
	add('cmyk.jpg', await sharp(telegram, raw(1280, 960)).toColourspace('cmyk').jpeg({ quality: 90 }).toBuffer());
	add('gray-16bit.png', await sharp(small, raw(640, 480)).greyscale().toColourspace('grey16').png().toBuffer());
	return entries;
}

/** Reads every file of a folder (not recursive) as a corpus. */
export function readCorpus(folder: string): CorpusEntry[] {
	return fs
		.readdirSync(folder)
		.filter((name) => fs.statSync(path.join(folder, name)).isFile())
		.sort()
		.map((name) => ({ name, data: fs.readFileSync(path.join(folder, name)) }));
}
