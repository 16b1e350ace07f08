/** A small MP4-like file for tests: an ftyp box and filler (the fakes and the node check the container signature). */
export function smallVideo(bytes = 4096): Buffer {
	const header = Buffer.concat([Buffer.from([0, 0, 0, 0x1c]), Buffer.from('ftypisom\0\0\x02\0isomiso2mp41', 'latin1')]);
	return Buffer.concat([header, Buffer.alloc(Math.max(0, bytes - header.length), 7)]);
}
