import { videoContainer } from '../../nodes/shared/videoContainer';

const iso = (brand: string) => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from(`ftyp${brand}`, 'latin1'), Buffer.alloc(16)]);

test('names MP4, MOV and WebM by their first bytes, and nothing else', () => {
	expect(videoContainer(iso('isom'))).toEqual({ extension: 'mp4', mimeType: 'video/mp4' });
	expect(videoContainer(iso('qt  '))).toEqual({ extension: 'mov', mimeType: 'video/quicktime' });
	expect(videoContainer(Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x01]))).toEqual({ extension: 'webm', mimeType: 'video/webm' });
	expect(videoContainer(Buffer.from('\xff\xd8\xff\xe0 a JPEG', 'latin1'))).toBeUndefined();
	expect(videoContainer(Buffer.alloc(0))).toBeUndefined();
});
