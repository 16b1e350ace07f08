'use strict';
/*
 * Real pictures for the image tests and `npm run bench:prepare -- --corpus real`: photos and art from Debian's
 * packages (python3-skimage's sample data, lomiri-wallpapers' 4K background), not made by us. The two .deb files
 * are downloaded with `apt-get download` and unpacked with `dpkg -x` into the cache beside n8n: no dependency is
 * installed and nothing is written outside the cache. `node scripts/realImages.js --install-only` does it ahead
 * of the tests (CI).
 */

const childProcess = require('child_process');
const fs = require('fs');
const path = require('path');

const n8n = require('./n8n.js');
const { isRoot } = require('./services/process.js');

const PACKAGES = ['python3-skimage', 'lomiri-wallpapers'];
const SKIMAGE = 'usr/lib/python3/dist-packages/skimage/data';

/** The pictures, what each is, and why it is in the set. */
const PICTURES = [
	{ file: `${SKIMAGE}/astronaut.png`, what: 'photo, 512×512 RGB PNG (NASA)' },
	{ file: `${SKIMAGE}/chelsea.png`, what: 'photo of a cat, 451×300' },
	{ file: `${SKIMAGE}/coffee.png`, what: 'photo, 600×400' },
	{ file: `${SKIMAGE}/rocket.jpg`, what: 'JPEG photo, 640×427' },
	{ file: `${SKIMAGE}/motorcycle_left.png`, what: 'stereo photo, 741×500' },
	{ file: `${SKIMAGE}/hubble_deep_field.jpg`, what: 'JPEG astrophoto with EXIF orientation, 1000×872' },
	{ file: `${SKIMAGE}/camera.png`, what: 'greyscale photo, one channel' },
	{ file: `${SKIMAGE}/color.png`, what: 'colour chart PNG' },
	{ file: `${SKIMAGE}/palette_color.png`, what: 'palette PNG, 10×10 (upscaled)' },
	{ file: `${SKIMAGE}/chessboard_GRAY_U16B.tif`, what: '16-bit big-endian greyscale TIFF' },
	{ file: 'usr/share/backgrounds/lomiri-default-background.png', what: 'wallpaper art, 4096×2304 PNG, 2.6 MB' },
];

function dir() {
	return path.join(path.dirname(n8n.cacheDir()), 'real-images');
}

function run(command, args, cwd) {
	const result = childProcess.spawnSync(command, args, { cwd, encoding: 'utf8' });
	if (result.status !== 0) {
		const why = (result.stderr || result.stdout || String(result.error || '')).trim().split('\n').slice(-3).join(' ');
		throw new Error(`${command} ${args.join(' ')} failed: ${why}`);
	}
}

/** Downloads and unpacks the packages once; returns the pictures with their absolute paths. */
async function realImages() {
	const root = dir();
	const marker = path.join(root, '.complete');
	const list = () => PICTURES.map((p) => ({ ...p, name: path.basename(p.file), path: path.join(root, p.file) }));
	if (fs.existsSync(marker)) return list();
	fs.mkdirSync(root, { recursive: true });
	await n8n.withLock(path.join(root, '.lock'), async () => {
		if (fs.existsSync(marker)) return;
		console.log(`[real-images] apt-get download ${PACKAGES.join(' ')} and unpack into ${root} (once)`);
		const debs = path.join(root, 'debs');
		fs.mkdirSync(debs, { recursive: true });
		try {
			run('apt-get', ['download', ...PACKAGES], debs);
		} catch (error) {
			// A machine whose package lists were never fetched: root may fetch them, others are told how.
			if (!isRoot()) throw new Error(`${error.message}. Run \`apt-get update\` (as root) once, then again.`);
			run('apt-get', ['update', '-qq'], debs);
			run('apt-get', ['download', ...PACKAGES], debs);
		}
		for (const deb of fs.readdirSync(debs).filter((f) => f.endsWith('.deb'))) run('dpkg', ['-x', path.join(debs, deb), root]);
		fs.rmSync(debs, { recursive: true, force: true });
		const missing = list().filter((p) => !fs.existsSync(p.path));
		if (missing.length > 0) throw new Error(`The packages no longer hold ${missing.map((p) => p.file).join(', ')}`);
		fs.writeFileSync(marker, new Date().toISOString());
	});
	return list();
}

module.exports = { realImages, PICTURES };

if (require.main === module && process.argv.includes('--install-only')) {
	realImages().then(
		(pictures) => console.log(`[real-images] ${pictures.length} pictures in ${dir()}`),
		(error) => {
			console.error(error.message);
			process.exit(1);
		},
	);
}
