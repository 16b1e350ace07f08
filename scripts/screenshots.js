#!/usr/bin/env node
'use strict';
/*
 * npm run screenshots: what a user sees in n8n's editor, as PNGs under docs/screenshots/, taken in a real
 * browser from the current code, so a change to the UI can be looked at (and shown in the README).
 *
 *   node scripts/screenshots.js [--no-build] [--out=<folder>]
 *
 * Starts the real n8n with this package the way `npm start` does (fakes, credentials, examples), but in a temp
 * user folder and on free ports, plus a workflow holding each node with its defaults. Then headless Chromium
 * (Debian's: `apt-get install chromium`; another binary with CHROMIUM=<path>), driven by puppeteer-core, logs
 * in and saves: the page after login, each node's panel with its defaults (Prepare Image, Sora Video, Runway
 * Video), Prepare Image's size list, a new credential's form for Sora and Runway, example 01 on the canvas, and
 * example 02 after a run from the editor (whose time it prints) and the video it made, in n8n's player.
 */

const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const n8n = require('./n8n.js');
const setup = require('./setup.js');
const start = require('./start.js');

const REPO_ROOT = n8n.REPO_ROOT;
const PACKAGE = 'n8n-nodes-ai-video';
const VIEWPORT = { width: 1440, height: 900 };
/** Node panels: tall enough to show most parameters. */
const PANEL_VIEWPORT = { width: 1440, height: 1250 };
const WORKFLOW_ID = 'aivScreenshots';
const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--hide-scrollbars',
];

/** The nodes to show, each with its defaults: [file name, node type name, dist module]. */
const NODES = [
	['prepare-image', 'prepareImageForVideo', 'PrepareImageForVideo/PrepareImageForVideo.node.js'],
	['sora-video', 'soraVideo', 'SoraVideo/SoraVideo.node.js'],
	['runway-video', 'runwayVideo', 'RunwayVideo/RunwayVideo.node.js'],
];

function log(message) {
	process.stderr.write(`[screenshots] ${message}\n`);
}

function parseArgs(argv) {
	const out = argv.find((a) => a.startsWith('--out='));
	return { build: !argv.includes('--no-build'), out: path.resolve(out ? out.slice('--out='.length) : path.join(REPO_ROOT, 'docs', 'screenshots')) };
}

function chromiumPath() {
	const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
	const found = candidates.find((p) => fs.existsSync(p));
	if (!found) throw new Error('No Chromium found: install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM=<path to the binary>');
	return found;
}

/** The newest version of a built node (what n8n gives a node added today). */
function newestVersion(distModule) {
	const exports = require(path.join(REPO_ROOT, 'dist', 'nodes', distModule));
	const description = new (Object.values(exports)[0])().description;
	const versions = Array.isArray(description.version) ? description.version : [description.version];
	return description.defaultVersion ?? Math.max(...versions);
}

/**
 * A workflow with each node at its defaults, no credential chosen (as when dropped on the canvas), and one
 * Prepare Image set to a fixed size, to show the size list.
 */
function nodesWorkflow() {
	const nodes = NODES.map(([, name, distModule], index) => ({
		id: crypto.randomUUID(),
		name: { prepareImageForVideo: 'Prepare Image for Video API', soraVideo: 'Sora Video', runwayVideo: 'Runway Video' }[name],
		type: `${PACKAGE}.${name}`,
		typeVersion: newestVersion(distModule),
		position: [240 + index * 240, 300],
		parameters: {},
	}));
	nodes.push({ ...nodes[0], id: crypto.randomUUID(), name: 'Prepare Image (API Size)', position: [240, 500], parameters: { target: 'preset' } });
	return { id: WORKFLOW_ID, name: 'Screenshots: each node with its defaults', active: false, settings: { executionOrder: 'v1' }, nodes, connections: {} };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function shoot(page, out, name) {
	await sleep(400); // animations (modal fade-in, panel slide) settle
	const file = path.join(out, `${name}.png`);
	await page.screenshot({ path: file });
	log(`saved ${path.relative(REPO_ROOT, file)}`);
}

async function closeModals(page) {
	await page.keyboard.press('Escape');
	await sleep(300);
}

/** Opens a node's panel through the editor's own route (/workflow/<id>/<nodeId>). */
async function nodePanel(page, base, nodeId) {
	await page.goto(`${base}/workflow/${WORKFLOW_ID}/${nodeId}`, { waitUntil: 'networkidle2' });
	await page.waitForSelector('[data-test-id="ndv"] [data-test-id="node-parameters"]', { visible: true, timeout: 30_000 });
}

/** From a node panel without a credential: the credential drop-down's "Create new credential" form. */
async function newCredentialForm(page) {
	const select = await page.waitForSelector('[data-test-id="node-credentials-select"]', { visible: true, timeout: 15_000 });
	await select.click();
	const create = await page.waitForSelector('[data-test-id="node-credentials-select-item-new"]', { visible: true, timeout: 10_000 });
	await create.click();
	await page.waitForSelector('[data-test-id="editCredential-modal"]', { visible: true, timeout: 15_000 });
}

async function takeScreenshots({ base, owner, out, workflow }) {
	const puppeteer = require('puppeteer-core');
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-ai-video-chromium-'));
	const browser = await puppeteer.launch({
		executablePath: chromiumPath(),
		headless: true,
		args: [...CHROMIUM_FLAGS, `--user-data-dir=${userDataDir}`],
		defaultViewport: VIEWPORT,
	});
	let page;
	try {
		page = await browser.newPage();
		page.setDefaultTimeout(30_000);
		await page.goto(`${base}/signin`, { waitUntil: 'networkidle2' });
		await page.waitForSelector('input[name="emailOrLdapLoginId"], input[type="email"]', { visible: true });
		await page.type('input[name="emailOrLdapLoginId"], input[type="email"]', owner.email);
		await page.type('input[name="password"]', owner.password);
		await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle2' }), page.keyboard.press('Enter')]);
		await page.waitForSelector('[data-test-id="resources-list-item-workflow"], [data-test-id="resources-list-wrapper"]', { visible: true });
		log(`after login: ${new URL(page.url()).pathname}`);
		await shoot(page, out, 'workflows');

		const nodeId = (type) => workflow.nodes.find((n) => n.type === `${PACKAGE}.${type}`).id;
		await page.setViewport(PANEL_VIEWPORT);
		for (const [file, type] of NODES) {
			await nodePanel(page, base, nodeId(type));
			await shoot(page, out, file);
		}
		await nodePanel(page, base, workflow.nodes.find((n) => n.name === 'Prepare Image (API Size)').id);
		await (await page.waitForSelector('[data-test-id="parameter-input-preset"]', { visible: true })).click();
		await shoot(page, out, 'prepare-image-sizes');
		await closeModals(page);
		await page.setViewport(VIEWPORT);
		for (const [file, type] of [['sora-credential', 'soraVideo'], ['runway-credential', 'runwayVideo']]) {
			await nodePanel(page, base, nodeId(type));
			await newCredentialForm(page);
			await shoot(page, out, file);
			await closeModals(page);
		}

		await page.goto(`${base}/workflow/aiv01TgRunway`, { waitUntil: 'networkidle2' });
		await page.waitForSelector('[data-test-id="canvas-node"]', { visible: true });
		await shoot(page, out, 'example-01');

		// Example 02 run as a user runs it: its time from the click to n8n's success message
		await page.goto(`${base}/workflow/aiv02TgRunwayManual`, { waitUntil: 'networkidle2' });
		const run = await page.waitForSelector('[data-test-id="execute-workflow-button"]', { visible: true });
		const clicked = Date.now();
		await run.click();
		await page.waitForFunction(() => /executed successfully|execution failed|Problem in node/i.test(document.body.innerText), { timeout: 120_000, polling: 100 });
		const outcome = await page.evaluate(() => (/executed successfully/i.test(document.body.innerText) ? 'succeeded' : 'FAILED'));
		log(`example 02 run from the editor: ${outcome} in ${((Date.now() - clicked) / 1000).toFixed(1)} s`);
		await shoot(page, out, 'example-02-run');
		if (outcome !== 'succeeded') throw new Error('Example 02 did not succeed in the editor (see example-02-run.png)');

		// The video it made, in n8n's own player (Runway Video's output -> View), a second in
		const node = await page.waitForSelector('[data-test-id="canvas-node"][data-node-name="Runway Video"]', { visible: true });
		await node.click({ count: 2 });
		await page.waitForFunction(() => document.querySelectorAll('[data-test-id="ndv-view-binary-data"]').length === 2);
		const [, outputView] = await page.$$('[data-test-id="ndv-view-binary-data"]'); // input panel first, then output
		await outputView.click();
		const video = await page.waitForSelector('video', { visible: true });
		await page.waitForFunction((v) => v.readyState >= 2, {}, video);
		const playing = await video.evaluate(async (v) => {
			v.muted = true;
			v.currentTime = 0;
			await v.play().catch(() => undefined);
			await new Promise((resolve) => setTimeout(resolve, 1000));
			v.pause();
			return { duration: v.duration, currentTime: v.currentTime, width: v.videoWidth, height: v.videoHeight };
		});
		log(`the video plays in n8n's player: ${playing.width}x${playing.height}, ${playing.duration.toFixed(1)} s, at ${playing.currentTime.toFixed(1)} s after 1 s`);
		await shoot(page, out, 'example-02-video');
		if (!(playing.duration > 0 && playing.currentTime > 0)) throw new Error("The video does not play in n8n's player (see example-02-video.png)");
	} catch (error) {
		// what the browser showed when a step failed, to see which selector n8n changed
		const file = path.join(os.tmpdir(), 'n8n-ai-video-screenshots-failed.png');
		if (page) await page.screenshot({ path: file }).then(() => log(`the page at the failure: ${file}`), () => undefined);
		throw error;
	} finally {
		await browser.close();
		fs.rmSync(userDataDir, { recursive: true, force: true });
	}
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	const t0 = Date.now();
	chromiumPath();
	if (opts.build) setup.build();
	await n8n.ensureN8n();
	fs.mkdirSync(opts.out, { recursive: true });
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-ai-video-screenshots-'));
	const fakesModule = setup.loadFakes();
	const fakes = await fakesModule.startFakes({ ports: { sora: 0, runway: 0, telegram: 0 } });
	let editor;
	try {
		const workflow = nodesWorkflow();
		await setup.importSetup({ fakesModule, fakes, userFolder, outputDir: path.join(userFolder, 'videos'), extraWorkflows: [workflow] });
		const port = await n8n.freePort();
		editor = await start.startEditor({ userFolder, port, listenAddress: '127.0.0.1', env: { ...start.quietEditorEnv(), N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '2' } });
		await editor.ready;
		log(`n8n ready on ${editor.url} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
		await takeScreenshots({ base: `http://127.0.0.1:${port}`, owner: editor.owner ?? setup.DEFAULT_OWNER, out: opts.out, workflow });
	} finally {
		if (editor) {
			let gone = false;
			void editor.exited.then(() => (gone = true));
			await sleep(0);
			if (!gone) process.kill(process.pid, 'SIGTERM'); // startEditor forwards it to n8n, once
			await editor.exited;
		}
		await fakes.close();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
	log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${path.relative(process.cwd(), opts.out) || opts.out}`);
	return 0;
}

if (require.main === module) {
	main().then(
		(code) => process.exit(code),
		(error) => {
			log(error && error.stack ? error.stack : String(error));
			process.exit(1);
		},
	);
}
