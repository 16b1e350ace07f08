/**
 * The benchmark's pictures, each tagged with the class of workload it stands for:
 * - telegram: what a Telegram photo arrives as, a JPEG about quality 87 with its long side at 1280 px;
 * - phone: a 12 MP phone photo, a JPEG with an EXIF rotation (the camera stores it sideways);
 * - art: small PNG/TIFF drawings, charts and renders (up to about a megapixel);
 * - other: anything else (large renders, panoramas, CMYK, odd formats).
 * The generated corpus has a 1/f spectrum ("photo-like": octaves of smooth random noise, a low-resolution
 * random field enlarged, plus sensor grain), so JPEG sizes behave as they do on real photos rather than on
 * pure noise (which no encoder can compress) or flat colour (which every encoder compresses to nothing).
 * The telegram and phone classes of the real corpus are made from the real photos.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

export type ImageClass = 'telegram' | 'phone' | 'art' | 'other';

export interface CorpusEntry {
	name: string;
	class: ImageClass;
	data: Buffer;
}

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
	return await sharp(out, { raw: { width, height, channels: 3 } })
		.normalise()
		.raw()
		.toBuffer();
}

/** Flat-colour drawing (shapes with hard edges and a gradient), the kind of picture PNG is made for. */
function artSvg(width: number, height: number, seed: number): Buffer {
	const next = random(seed);
	const shapes: string[] = [];
	for (let i = 0; i < 24; i++) {
		const colour = `rgb(${Math.floor(next() * 256)},${Math.floor(next() * 256)},${Math.floor(next() * 256)})`;
		const x = Math.floor(next() * width);
		const y = Math.floor(next() * height);
		const size = Math.floor(20 + next() * width * 0.2);
		shapes.push(
			i % 2
				? `<circle cx="${x}" cy="${y}" r="${size / 2}" fill="${colour}"/>`
				: `<rect x="${x}" y="${y}" width="${size}" height="${size * 0.6}" fill="${colour}" stroke="black" stroke-width="4"/>`,
		);
	}
	return Buffer.from(
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g"><stop offset="0" stop-color="#fde"/><stop offset="1" stop-color="#49c"/></linearGradient></defs>` +
			`<rect width="100%" height="100%" fill="url(#g)"/>${shapes.join('')}</svg>`,
	);
}

const raw = (w: number, h: number) => ({ raw: { width: w, height: h, channels: 3 as const } });

/** The default benchmark corpus: phone photos, Telegram photos, art, renders and odd formats, all generated. */
export async function makeCorpus(): Promise<CorpusEntry[]> {
	const entries: CorpusEntry[] = [];
	const add = (name: string, imageClass: ImageClass, data: Buffer) => entries.push({ name, class: imageClass, data });

	const phone = await photoLike(4032, 3024, 1, 1);
	add('phone-12mp.jpg', 'phone', await sharp(phone, raw(4032, 3024)).jpeg({ quality: 92 }).toBuffer());
	add(
		'phone-12mp-rotated.jpg',
		'phone',
		await sharp(phone, raw(4032, 3024)).jpeg({ quality: 90 }).withMetadata({ orientation: 6 }).toBuffer(),
	);
	const portrait = await photoLike(4032, 3024, 2, 0.5);
	add(
		'portrait-12mp-rotated.jpg',
		'phone',
		await sharp(portrait, raw(4032, 3024)).jpeg({ quality: 88 }).withMetadata({ orientation: 8 }).toBuffer(),
	);
	const telegram = await photoLike(1280, 960, 5, 0.4);
	add('telegram-1280.jpg', 'telegram', await sharp(telegram, raw(1280, 960)).jpeg({ quality: 87 }).toBuffer());
	add(
		'telegram-1280x720.jpg',
		'telegram',
		await sharp(await photoLike(1280, 720, 8, 0.6), raw(1280, 720))
			.jpeg({ quality: 87 })
			.toBuffer(),
	);
	add(
		'telegram-960x1280.jpg',
		'telegram',
		await sharp(await photoLike(960, 1280, 9, 0.3), raw(960, 1280))
			.jpeg({ quality: 87 })
			.toBuffer(),
	);
	add(
		'art-shapes.png',
		'art',
		await sharp(artSvg(1000, 700, 10))
			.png()
			.toBuffer(),
	);
	add(
		'art-palette.png',
		'art',
		await sharp(artSvg(800, 800, 11))
			.png({ palette: true })
			.toBuffer(),
	);
	const small = await photoLike(640, 480, 6, 0.4);
	add(
		'photo-800.tif',
		'art',
		await sharp(await photoLike(800, 600, 12, 0.4), raw(800, 600))
			.tiff()
			.toBuffer(),
	);
	add('gray-16bit.png', 'art', await sharp(small, raw(640, 480)).greyscale().toColourspace('grey16').png().toBuffer());
	const render = await photoLike(2048, 2048, 3, 0.1);
	add('logo-alpha.png', 'art', await sharp(render, raw(2048, 2048)).resize(1024, 1024).ensureAlpha(0.6).png().toBuffer());
	add('render-2048.png', 'other', await sharp(render, raw(2048, 2048)).png().toBuffer());
	add('render-2048.webp', 'other', await sharp(render, raw(2048, 2048)).webp({ quality: 90 }).toBuffer());
	add(
		'screen-1080p.jpg',
		'other',
		await sharp(await photoLike(1920, 1080, 4, 0.3), raw(1920, 1080))
			.jpeg({ quality: 85 })
			.toBuffer(),
	);
	add('small-640.jpg', 'other', await sharp(small, raw(640, 480)).jpeg({ quality: 80 }).toBuffer());
	add(
		'panorama-9mp.jpg',
		'other',
		await sharp(await photoLike(6000, 1500, 7, 0.3), raw(6000, 1500))
			.jpeg({ quality: 90 })
			.toBuffer(),
	);
	add('cmyk.jpg', 'other', await sharp(telegram, raw(1280, 960)).toColourspace('cmyk').jpeg({ quality: 90 }).toBuffer());
	return entries;
}

/** Small PNG and TIFF files are art; anything else read from a folder is "other". */
export async function classOf(data: Buffer): Promise<ImageClass> {
	const { format, width = 0, height = 0 } = await sharp(data).metadata();
	return (format === 'png' || format === 'tiff') && width * height <= 1.5e6 ? 'art' : 'other';
}

/** Every file of a folder (not recursive) as a corpus, classed by format and size. */
export async function readCorpus(folder: string): Promise<CorpusEntry[]> {
	const names = fs
		.readdirSync(folder)
		.filter((name) => fs.statSync(path.join(folder, name)).isFile())
		.sort();
	const entries: CorpusEntry[] = [];
	for (const name of names) {
		const data = fs.readFileSync(path.join(folder, name));
		entries.push({ name, class: await classOf(data), data });
	}
	return entries;
}

/**
 * The telegram and phone classes made from real photos: each photo as Telegram sends it (long side 1280,
 * JPEG quality 87), and the first `phones` of them as a 12 MP phone photo stored sideways (EXIF orientation 6,
 * the pixels rotated to match) with sensor grain, so it compresses like a camera's file rather than an enlargement.
 */
export async function fromPhotos(photos: CorpusEntry[], phones = 3): Promise<CorpusEntry[]> {
	const entries: CorpusEntry[] = [];
	for (const photo of photos) {
		const base = photo.name.replace(/\.[^.]+$/, '');
		const telegram = await sharp(photo.data, { autoOrient: true })
			.resize(1280, 1280, { fit: 'inside' })
			.toColourspace('srgb')
			.jpeg({ quality: 87 })
			.toBuffer();
		entries.push({ name: `${base}-telegram.jpg`, class: 'telegram', data: telegram });
	}
	for (const [index, photo] of photos.slice(0, phones).entries()) {
		const base = photo.name.replace(/\.[^.]+$/, '');
		const upright = await sharp(photo.data, { autoOrient: true })
			.resize(4032, 3024, { fit: 'cover' })
			.removeAlpha()
			.toColourspace('srgb')
			.raw()
			.toBuffer();
		const next = random(100 + index);
		for (let i = 0; i < upright.length; i++) {
			const value = upright[i] + (next() - 0.5) * 24;
			upright[i] = value < 0 ? 0 : value > 255 ? 255 : value;
		}
		// Stored as a camera held upright stores it: the pixels turned a quarter left, orientation 6 to turn them back.
		const stored = await sharp(upright, raw(4032, 3024)).rotate(-90).jpeg({ quality: 90 }).withMetadata({ orientation: 6 }).toBuffer();
		entries.push({ name: `${base}-phone-12mp.jpg`, class: 'phone', data: stored });
	}
	return entries;
}
