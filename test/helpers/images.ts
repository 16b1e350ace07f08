/** Generated test images: every one made here with sharp, so the tests need no binary fixtures. */
import sharp from 'sharp';
import type { Sharp } from 'sharp';

export type Rgb = [number, number, number];

export async function solid(width: number, height: number, colour: Rgb, format: 'jpeg' | 'png' = 'png'): Promise<Buffer> {
	const image = sharp({ create: { width, height, channels: 3, background: { r: colour[0], g: colour[1], b: colour[2] } } });
	return format === 'jpeg' ? await image.jpeg({ quality: 95 }).toBuffer() : await image.png().toBuffer();
}

/** Left half one colour, right half another. */
export async function halves(width: number, height: number, left: Rgb, right: Rgb): Promise<Sharp> {
	const data = Buffer.alloc(width * height * 3);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const colour = x < width / 2 ? left : right;
			data.set(colour, (y * width + x) * 3);
		}
	}
	return sharp(data, { raw: { width, height, channels: 3 } });
}

/** Random noise: the hardest thing to compress. */
export async function noise(width: number, height: number, seed = 7): Promise<Buffer> {
	let state = seed;
	const data = Buffer.alloc(width * height * 3);
	for (let i = 0; i < data.length; i++) {
		state = (state * 1103515245 + 12345) & 0x7fffffff;
		data[i] = state >> 23;
	}
	return await sharp(data, { raw: { width, height, channels: 3 } })
		.png({ compressionLevel: 1 })
		.toBuffer();
}

/** A smooth gradient with some texture: compresses like a photo. */
export async function gradient(width: number, height: number): Promise<Buffer> {
	const data = Buffer.alloc(width * height * 3);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const i = (y * width + x) * 3;
			data[i] = (x * 255) / width;
			data[i + 1] = (y * 255) / height;
			data[i + 2] = 128 + 60 * Math.sin(x / 7) * Math.cos(y / 11);
		}
	}
	return await sharp(data, { raw: { width, height, channels: 3 } })
		.jpeg({ quality: 92 })
		.toBuffer();
}

/** The RGB(A) value of one pixel of an encoded image. */
export async function pixel(image: Buffer, x: number, y: number): Promise<number[]> {
	const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
	const i = (y * info.width + x) * info.channels;
	return [...data.subarray(i, i + info.channels)];
}

export function near(actual: number[], expected: number[], tolerance = 12): boolean {
	return expected.every((value, i) => Math.abs(actual[i] - value) <= tolerance);
}

function crc32(bytes: Buffer): number {
	let crc = 0xffffffff;
	for (const byte of bytes) {
		crc ^= byte;
		for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
	}
	return (crc ^ 0xffffffff) >>> 0;
}

/** A tiny PNG whose header claims width x height: a decompression bomb as far as any header reader knows. */
export async function pngClaiming(width: number, height: number): Promise<Buffer> {
	const png = Buffer.from(await solid(1, 1, [0, 0, 0]));
	// Signature (8) + IHDR length (4) + "IHDR" (4), then width and height.
	png.writeUInt32BE(width, 16);
	png.writeUInt32BE(height, 20);
	png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
	return png;
}
