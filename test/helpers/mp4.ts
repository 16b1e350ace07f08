/**
 * What an MP4 holds, read with mp4box (GPAC's parser in JS): the video track's sample entry, size and
 * samples, and the H.264 NAL unit types of each sample, for checking that a video is real H.264 with frames.
 */

/** The part of mp4box's API used here (its types need a newer moduleResolution than this project's). */
interface Mp4BoxFile {
	onReady?: (info: { videoTracks: Array<{ id: number; codec: string; nb_samples: number; duration: number; timescale: number }> }) => void;
	onError?: (module: string, message: string) => void;
	appendBuffer(buffer: ArrayBuffer & { fileStart: number }): void;
	flush(): void;
	getTrackById(id: number): unknown;
}
const { createFile } = require('mp4box') as { createFile(): Mp4BoxFile };

export interface Mp4Video {
	/** The sample entry's four-character code: `avc1` for H.264. */
	sampleEntry: string;
	/** e.g. `avc1.42000b` */
	codec: string;
	width: number;
	height: number;
	/** Frames in the track. */
	frames: number;
	durationSeconds: number;
	/** Per frame, the NAL unit types it carries (5: IDR slice, 1: other slice, 6: SEI). */
	nalTypes: number[][];
}

export function readMp4(bytes: Buffer): Mp4Video {
	const file = createFile();
	let ready: { videoTracks: Array<{ id: number; codec: string; nb_samples: number; duration: number; timescale: number }> } | undefined;
	let failure: string | undefined;
	file.onReady = (info) => (ready = info);
	file.onError = (module: string, message: string) => (failure = `${module}: ${message}`);
	const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer & { fileStart: number };
	buffer.fileStart = 0;
	file.appendBuffer(buffer);
	file.flush();
	if (!ready) throw new Error(`Not a readable MP4${failure ? ` (${failure})` : ''}`);
	const [track] = ready.videoTracks;
	if (!track) throw new Error('The MP4 has no video track');
	const trak = file.getTrackById(track.id) as unknown as {
		mdia: { minf: { stbl: { stsd: { entries: Array<{ type: string; width: number; height: number }> } } } };
		samples: Array<{ offset: number; size: number }>;
	};
	const entry = trak.mdia.minf.stbl.stsd.entries[0];
	const nalTypes = trak.samples.map(({ offset, size }) => {
		const types: number[] = [];
		for (let at = offset; at < offset + size; at += 4 + bytes.readUInt32BE(at)) types.push(bytes[at + 4] & 0x1f);
		return types;
	});
	return {
		sampleEntry: entry.type,
		codec: track.codec,
		width: entry.width,
		height: entry.height,
		frames: track.nb_samples,
		durationSeconds: track.duration / track.timescale,
		nalTypes,
	};
}
