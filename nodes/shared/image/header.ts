import sharp from 'sharp';

export interface ImageHeader {
	width: number;
	height: number;
	/** sharp's name for it: jpeg, png, webp, gif... */
	format: string;
}

/**
 * Width, height and format as an API server reads them from the stored pixels (no EXIF rotation), or
 * undefined when the bytes are not an image. Reads the header only, whatever the pixel count.
 */
export async function readImageHeader(data: Buffer): Promise<ImageHeader | undefined> {
	try {
		const metadata = await sharp(data, { limitInputPixels: false }).metadata();
		if (!metadata.width || !metadata.height) return undefined;
		return { width: metadata.width, height: metadata.height, format: String(metadata.format) };
	} catch {
		return undefined;
	}
}
