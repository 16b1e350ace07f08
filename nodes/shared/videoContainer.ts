/**
 * The container a video file's first bytes name, as the video APIs take them: ISO media (`ftyp` at byte 4;
 * QuickTime's brand `qt` makes it a MOV, any other an MP4) or WebM (EBML). n8n-free.
 */
export interface VideoContainer {
	extension: 'mp4' | 'mov' | 'webm';
	mimeType: 'video/mp4' | 'video/quicktime' | 'video/webm';
}

const EBML = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);

/** undefined when the bytes start like none of MP4, MOV or WebM. */
export function videoContainer(data: Buffer): VideoContainer | undefined {
	if (data.subarray(4, 8).toString('latin1') === 'ftyp') {
		return data.subarray(8, 10).toString('latin1') === 'qt'
			? { extension: 'mov', mimeType: 'video/quicktime' }
			: { extension: 'mp4', mimeType: 'video/mp4' };
	}
	if (data.subarray(0, 4).equals(EBML)) return { extension: 'webm', mimeType: 'video/webm' };
	return undefined;
}
