/** Output files as binaries: names and MIME types from the signed URL's extension, and the binary field of each. */
import { describeOutputFile, extensionForType, outputBinaryNames } from '../../nodes/shared/n8n/outputFiles';

describe('outputFiles', () => {
	test('the first file in the field the user named, the rest beside it', () => {
		expect(outputBinaryNames('video', 1)).toEqual(['video']);
		expect(outputBinaryNames('data', 3)).toEqual(['data', 'data_1', 'data_2']);
	});

	test.each([
		['https://cdn.example.com/t/abc.mp4?_jwt=x', 'runway-abc.mp4', 'video/mp4'],
		['https://cdn.example.com/t/abc.MOV', 'runway-abc.mov', 'video/quicktime'],
		['https://cdn.example.com/t/abc.zip', 'runway-abc.zip', 'application/zip'],
		['https://cdn.example.com/t/abc_audio.wav', 'runway-abc_audio.wav', 'audio/wav'],
		['https://cdn.example.com/t/abc_colorimetry.json', 'runway-abc_colorimetry.json', 'application/json'],
		['https://cdn.example.com/t/no-extension', 'runway-abc.mp4', 'video/mp4'],
		['not a url', 'runway-abc.mp4', 'video/mp4'],
	])('%s -> %s (%s)', (url, fileName, mimeType) => {
		expect(describeOutputFile({ url, baseName: 'runway-abc' })).toMatchObject({ fileName, mimeType });
	});

	test('a name the user chose is kept; only a name guessed from the default extension may follow the served type', () => {
		const content = 'https://api.example.com/v1/videos/video_1/content';
		expect(describeOutputFile({ url: content, baseName: 'sora-2_1_thumbnail', defaultExtension: 'webp' })).toEqual({
			fileName: 'sora-2_1_thumbnail.webp',
			mimeType: 'image/webp',
			extension: 'webp',
			guessed: true,
		});
		expect(describeOutputFile({ url: content, baseName: 'x', defaultExtension: 'webp', fileName: 'first.webp' })).toMatchObject({
			fileName: 'first.webp',
			guessed: false,
		});
		expect(describeOutputFile({ url: 'https://cdn.example.com/t/abc.mp4', baseName: 'x' }).guessed).toBe(false);
		expect(extensionForType('image/png')).toBe('png');
		expect(extensionForType('video/quicktime')).toBe('mov');
		expect(extensionForType('application/x-unknown')).toBeUndefined();
	});
});
