#!/usr/bin/env node
'use strict';
/*
 * npm run screenshots: what a user sees in n8n's editor, as PNGs under docs/screenshots/, taken in a real
 * browser from the current code, so a change to the UI can be looked at (and shown in the README).
 *
 *   node scripts/screenshots.js [--no-build] [--out=<folder>] [--only=<picture>,<picture>...]
 *
 * Starts the real n8n with this package the way `npm start` does (fakes, credentials, examples), but in a temp
 * user folder and on free ports, plus a workflow holding each node with its defaults. Then headless Chromium
 * (Debian's: `apt-get install chromium`; another binary with CHROMIUM=<path>), driven by puppeteer-core, logs
 * in and saves the pictures of STEPS below: each node's panel with its defaults, panels changed through the
 * editor as a user changes them (fields and options picked by their display names, never by parameter names,
 * so a reordered or renamed parameter keeps working), open lists, new credential forms, examples on the canvas,
 * example 02 run from the editor (its time printed), its cost output and the video it made, in n8n's player, and
 * examples 06 and 07 run, their input and output videos played. Each step logs what it saw in words (the value a
 * field shows, a list's options, a field's error marker, a video's size and length). A step
 * that fails names its pictures, leaves a picture of the page in the temp folder, and the others still run;
 * the exit code is 1 if any failed. --only takes just the steps that make the pictures named (file names
 * without .png).
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

/** Runway Video panels of operations other than the default: [file name, node name, parameters]. */
const RUNWAY_PANELS = [
	['runway-video-to-hdr', 'Runway Video to HDR', { operation: 'videoToHdr', outputFormat: 'hdr_prores' }],
	['runway-avatar-video', 'Runway Avatar Video', { operation: 'avatarVideo', voiceType: 'preset' }],
	['runway-model-router', 'Runway Model Router', { operation: 'generateVideo', imageSource: 'binary' }],
];

/** Nodes at their defaults that a step changes through the panel, as a user would, one each: [node name, node type]. */
const EDITED_NODES = [
	['Runway Video (Operation Switch)', 'runwayVideo'],
	['Runway Video (Prompt)', 'runwayVideo'],
	['Runway Video (Video to Video)', 'runwayVideo'],
	['Runway Video (Upscale)', 'runwayVideo'],
];

function log(message) {
	process.stderr.write(`[screenshots] ${message}\n`);
}

function parseArgs(argv) {
	const value = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
	const only = value('only')
		?.split(',')
		.map((name) => name.trim().replace(/\.png$/, ''))
		.filter(Boolean);
	const known = STEPS.flatMap((step) => step.pictures);
	const unknown = (only ?? []).filter((name) => !known.includes(name));
	if (unknown.length) throw new Error(`--only: no picture named ${unknown.join(', ')} (the pictures: ${known.join(', ')})`);
	return { build: !argv.includes('--no-build'), out: path.resolve(value('out') ?? path.join(REPO_ROOT, 'docs', 'screenshots')), only };
}

function chromiumPath() {
	const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
	const found = candidates.find((p) => fs.existsSync(p));
	if (!found)
		throw new Error('No Chromium found: install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM=<path to the binary>');
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
	nodes.push({
		...nodes[0],
		id: crypto.randomUUID(),
		name: 'Prepare Image (API Size)',
		position: [240, 500],
		parameters: { target: 'preset' },
	});
	// Runway Video as an AI Agent tool: its tool description, URL input and shorter wait
	nodes.push({ ...nodes[2], id: crypto.randomUUID(), name: 'Runway Video Tool', type: `${PACKAGE}.runwayVideoTool`, position: [720, 740] });
	RUNWAY_PANELS.forEach(([, name, parameters], index) => {
		nodes.push({ ...nodes[2], id: crypto.randomUUID(), name, position: [480 + index * 240, 500], parameters });
	});
	EDITED_NODES.forEach(([name, type], index) => {
		const like = nodes.find((node) => node.type === `${PACKAGE}.${type}`);
		nodes.push({ ...like, id: crypto.randomUUID(), name, position: [960 + index * 240, 740], parameters: {} });
	});
	return {
		id: WORKFLOW_ID,
		name: 'Screenshots: each node with its defaults',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes,
		connections: {},
	};
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The id an example workflow is imported under, from its file (examples/<number>-*.json). */
function exampleId(number) {
	const file = fs.readdirSync(path.join(REPO_ROOT, 'examples')).find((name) => name.startsWith(`${number}-`) && name.endsWith('.json'));
	if (!file) throw new Error(`No examples/${number}-*.json`);
	return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'examples', file), 'utf8')).id;
}

/** Opens a route of the editor and waits for what shows it is there (not for the network: n8n keeps a push connection open). */
async function open(page, url, selector) {
	await page.goto(url, { waitUntil: 'domcontentloaded' });
	await page.waitForSelector(selector, { visible: true, timeout: 60_000 });
}

/** Opens a node's panel through the editor's own route (/workflow/<id>/<nodeId>). */
async function nodePanel(page, base, nodeId) {
	await open(page, `${base}/workflow/${WORKFLOW_ID}/${nodeId}`, '[data-test-id="ndv"] [data-test-id="node-parameters"]');
}

/** From a node panel without a credential: the credential drop-down's "Create new credential" form. */
async function newCredentialForm(page) {
	const select = await page.waitForSelector('[data-test-id="node-credentials-select"]', { visible: true, timeout: 15_000 });
	await select.click();
	const create = await page.waitForSelector('[data-test-id="node-credentials-select-item-new"]', { visible: true, timeout: 10_000 });
	await create.click();
	await page.waitForSelector('[data-test-id="editCredential-modal"]', { visible: true, timeout: 15_000 });
}

/**
 * Installed in every page the tab loads, for the steps' waits: the visible parameter whose label reads a display
 * name (a required marker aside) in the node panel or credential form, and the options of the list now open
 * (n8n's option lists and resource-locator lists), by name (the headline, without its description).
 */
function pageHelpers() {
	const visibleOptions = () =>
		[...document.querySelectorAll('.el-select-dropdown__item, [data-test-id="rlc-item"]')].filter((el) => el.getClientRects().length > 0);
	const optionName = (el) => (el.querySelector('.option-headline') ?? el).textContent.trim();
	const field = (label) => {
		for (const title of document.querySelectorAll('label .n8n-text')) {
			if (title.closest('label').querySelector('.n8n-text') !== title || title.textContent.replace(/\*/g, '').trim() !== label) continue;
			const item = title.closest('[data-test-id="parameter-item"], [data-test-id="credential-connection-parameter"]');
			if (item && item.getClientRects().length > 0) return item;
		}
		return undefined;
	};
	window.aivScreenshots = { visibleOptions, optionName, field };
}

/** The visible parameter labelled `label` (its display name): its element holds the label, the input and n8n's issue marker. */
async function field(page, label) {
	try {
		return (await page.waitForFunction((wanted) => window.aivScreenshots.field(wanted), { timeout: 15_000 }, label)).asElement();
	} catch (error) {
		throw new Error(`no field labelled "${label}" is shown (${error.message})`);
	}
}

/** What a field shows: its value as displayed, and whether n8n marks it (red issue icon, lint error, required star). */
async function describeField(page, label) {
	const item = await field(page, label);
	return await item.evaluate((el) => {
		const input = el.querySelector('[data-test-id="rlc-input"] input, .el-select input, textarea, input[type="text"], input:not([type])');
		const value = input?.value || el.querySelector('.cm-content')?.textContent || '';
		const issue = el.querySelector('[data-test-id="parameter-issues"], .cm-lint-marker-error, .cm-lintRange-error') !== null;
		const required = /\*/.test(el.querySelector('label .n8n-text')?.textContent ?? '');
		return { value, issue, required };
	});
}

function fieldWords({ value, issue, required }) {
	return `"${value}"${required ? ', marked required (*)' : ''}${issue ? ', marked with an issue' : ''}`;
}

/** Opens the list of the field labelled `label`; resolves with its options as shown ({ name, description }). */
async function openList(page, label) {
	const item = await field(page, label);
	await item.evaluate((el) => el.scrollIntoView({ block: 'center' }));
	const trigger = (await item.$('[data-test-id="rlc-input"]')) ?? (await item.$('.el-select'));
	if (!trigger) throw new Error(`the field "${label}" has no list to open`);
	await trigger.click();
	try {
		await page.waitForFunction(() => window.aivScreenshots.visibleOptions().length > 0, { timeout: 15_000 });
	} catch {
		throw new Error(`the list of "${label}" did not open`);
	}
	await sleep(300); // the list's fade-in; a searched list (resource locator) may still be filling
	// from its first option (the list opens scrolled to the selected one), so the picture shows the order
	await page.evaluate(() => window.aivScreenshots.visibleOptions()[0].scrollIntoView({ block: 'nearest' }));
	return await page.evaluate(() =>
		window.aivScreenshots.visibleOptions().map((el) => ({
			name: window.aivScreenshots.optionName(el),
			description: el.querySelector('.option-description')?.textContent.trim() ?? '',
		})),
	);
}

/** Picks `option` in the list now open: the option named so, or so followed by " (its id)". */
async function pickOption(page, option) {
	let handle;
	try {
		handle = await page.waitForFunction(
			(wanted) => {
				const { visibleOptions, optionName } = window.aivScreenshots;
				return visibleOptions().find((el) => optionName(el) === wanted || optionName(el).startsWith(`${wanted} (`));
			},
			{ timeout: 10_000 },
			option,
		);
	} catch {
		throw new Error(`the open list has no option "${option}"`);
	}
	await handle.asElement().click();
	await page.waitForFunction(() => window.aivScreenshots.visibleOptions().length === 0, { timeout: 10_000 });
	await sleep(300); // the panel re-renders the fields that follow the choice
}

/** Picks `option` in the list of the field labelled `label`, as a user does. */
async function choose(page, label, option) {
	await openList(page, label);
	await pickOption(page, option);
}

/** Shows a field's help as a user finds it: the tooltip of the (i) by its label; resolves with the help's text. */
async function showHelp(page, label) {
	const item = await field(page, label);
	await item.evaluate((el) => el.scrollIntoView({ block: 'center' }));
	await (await item.$('label')).hover(); // the (i) shows while the label is hovered
	const icon = await item.waitForSelector('label [class*="infoIcon"] [data-state]', { visible: true, timeout: 5_000 }).catch(() => null);
	if (!icon) return '';
	await icon.hover();
	const tooltip = await page
		.waitForFunction(
			() =>
				[...document.querySelectorAll('[data-reka-popper-content-wrapper]')].find(
					(el) => el.getClientRects().length > 0 && el.textContent.trim(),
				),
			{ timeout: 5_000 },
		)
		.catch(() => null);
	return tooltip ? await tooltip.evaluate((el) => el.textContent.trim()) : '';
}

async function shoot(page, out, name) {
	await sleep(400); // animations (modal fade-in, panel slide) settle
	const file = path.join(out, `${name}.png`);
	await page.screenshot({ path: file });
	log(`saved ${path.relative(REPO_ROOT, file)}`);
}

/** The node panel's input and output sides. */
const PANEL = { input: '[data-test-id="ndv-input-panel"]', output: '[data-test-id="output-panel"]' };

/** Runs an example from the editor as a user does; resolves with the outcome and the seconds from the click to n8n's message. */
async function runExample(page, base, number) {
	await open(page, `${base}/workflow/${exampleId(number)}`, '[data-test-id="execute-workflow-button"]');
	const run = await page.waitForSelector('[data-test-id="execute-workflow-button"]', { visible: true });
	const clicked = Date.now();
	await run.click();
	await page.waitForFunction(() => /executed successfully|execution failed|Problem in node/i.test(document.body.innerText), {
		timeout: 120_000,
		polling: 100,
	});
	const outcome = await page.evaluate(() => (/executed successfully/i.test(document.body.innerText) ? 'succeeded' : 'FAILED'));
	return { outcome, seconds: (Date.now() - clicked) / 1000 };
}

/** Opens the panel of the node named so on the canvas (a double click, as a user does). */
async function openCanvasNode(page, name) {
	const node = await page.waitForSelector(`[data-test-id="canvas-node"][data-node-name="${name}"]`, { visible: true }).catch(() => {
		throw new Error(`no node "${name}" on the canvas`);
	});
	await node.click({ count: 2 });
	await page.waitForSelector('[data-test-id="ndv"]', { visible: true });
}

/** Plays the video of the panel's side ('input' or 'output') in n8n's own player (Binary -> View), a second in. */
async function playVideo(page, side) {
	const panel = await page.waitForSelector(PANEL[side], { visible: true });
	const binary = await panel.$('[data-test-id="radio-button-binary"]');
	if (binary) await binary.click();
	const view = await panel.waitForSelector('[data-test-id="ndv-view-binary-data"]', { visible: true }).catch(() => {
		throw new Error(`the ${side} side of the panel shows no binary file to view`);
	});
	await view.click();
	const video = await panel.waitForSelector('video', { visible: true });
	await page.waitForFunction((v) => v.readyState >= 2, {}, video);
	return await video.evaluate(async (v) => {
		v.muted = true;
		v.currentTime = 0;
		await v.play().catch(() => undefined);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		v.pause();
		return { duration: v.duration, currentTime: v.currentTime, width: v.videoWidth, height: v.videoHeight };
	});
}

const videoWords = (v) => `${v.width}x${v.height}, ${v.duration.toFixed(1)} s, at ${v.currentTime.toFixed(1)} s after 1 s`;

const listWords = (options) => options.map((o) => (o.description ? `${o.name} [${o.description}]` : o.name)).join(' | ');

/**
 * The pictures, in order: each step makes its pictures (named as in docs/screenshots/, without .png) from the
 * page it opens itself, so a failed step does not stop the next. `viewport`: the node panels are taller.
 */
const STEPS = [
	{
		pictures: ['workflows'],
		run: async ({ page, base, shot }) => {
			await open(page, `${base}/home/workflows`, '[data-test-id="resources-list-item-workflow"], [data-test-id="resources-list-wrapper"]');
			await shot('workflows');
		},
	},
	...NODES.map(([file, type]) => ({
		pictures: [file],
		viewport: PANEL_VIEWPORT,
		run: async ({ openNode, shot, workflow }) => {
			await openNode(workflow.nodes.find((n) => n.type === `${PACKAGE}.${type}`).name);
			await shot(file);
		},
	})),
	{
		pictures: ['runway-tool'],
		viewport: PANEL_VIEWPORT,
		run: async ({ openNode, shot }) => {
			await openNode('Runway Video Tool');
			await shot('runway-tool');
		},
	},
	...RUNWAY_PANELS.map(([file, name]) => ({
		pictures: [file],
		viewport: PANEL_VIEWPORT,
		run: async ({ openNode, shot }) => {
			await openNode(name);
			await shot(file);
		},
	})),
	{
		pictures: ['prepare-image-sizes'],
		viewport: PANEL_VIEWPORT,
		run: async ({ page, openNode, shot }) => {
			await openNode('Prepare Image (API Size)');
			await (await page.waitForSelector('[data-test-id="parameter-input-preset"]', { visible: true })).click();
			await shot('prepare-image-sizes');
		},
	},
	{
		// a model the first operation has and the next lacks: the Model field after Operation changes
		pictures: ['runway-operation-switch'],
		viewport: PANEL_VIEWPORT,
		run: async ({ page, openNode, shot }) => {
			await openNode('Runway Video (Operation Switch)');
			await choose(page, 'Operation', 'Image to Video');
			await choose(page, 'Model', 'Hailuo 3');
			await choose(page, 'Operation', 'Upscale Video');
			log(
				`runway-operation-switch: Hailuo 3 under Image to Video, then Upscale Video: Model shows ${fieldWords(await describeField(page, 'Model'))}`,
			);
			await shot('runway-operation-switch');
		},
	},
	{
		pictures: ['runway-prompt'],
		viewport: PANEL_VIEWPORT,
		run: async ({ page, openNode, shot }) => {
			await openNode('Runway Video (Prompt)');
			await choose(page, 'Operation', 'Image to Video');
			await choose(page, 'Model', 'Hailuo 3');
			const prompt = await describeField(page, 'Prompt');
			log(
				`runway-prompt: Image to Video with Hailuo 3 (needs a prompt): Prompt, empty, is ${prompt.required || prompt.issue ? fieldWords(prompt) : 'not marked required'}`,
			);
			await (await field(page, 'Prompt')).evaluate((el) => el.scrollIntoView({ block: 'center' }));
			await shot('runway-prompt');
		},
	},
	{
		pictures: ['runway-video-to-video', 'runway-video-to-video-duration'],
		viewport: PANEL_VIEWPORT,
		run: async ({ page, openNode, shot }) => {
			await openNode('Runway Video (Video to Video)');
			await choose(page, 'Operation', 'Video to Video');
			log(`runway-video-to-video: Video to Video's models: ${listWords(await openList(page, 'Model'))}`);
			await shot('runway-video-to-video');
			await pickOption(page, 'Seedance 2');
			const duration = await field(page, 'Duration (Seconds)').catch(() => field(page, 'Duration'));
			const label = await duration.evaluate((el) => el.querySelector('label .n8n-text').textContent.replace(/\*/g, '').trim());
			if (await duration.$('.el-select')) {
				log(`runway-video-to-video-duration: Seedance 2's ${label} options: ${listWords(await openList(page, label))}`);
			} else {
				const value = fieldWords(await describeField(page, label));
				log(
					`runway-video-to-video-duration: Seedance 2's ${label} is a number field showing ${value} (no choices to list); its help: "${await showHelp(page, label)}"`,
				);
			}
			await shot('runway-video-to-video-duration');
		},
	},
	{
		pictures: ['runway-upscale-frame-rate'],
		viewport: PANEL_VIEWPORT,
		run: async ({ page, openNode, shot }) => {
			await openNode('Runway Video (Upscale)');
			await choose(page, 'Operation', 'Upscale Video');
			await choose(page, 'Model', 'Enhance Frame Rate');
			log(
				`runway-upscale-frame-rate: Enhance Frame Rate's Target Frame Rate defaults to ${fieldWords(await describeField(page, 'Target Frame Rate'))}`,
			);
			await shot('runway-upscale-frame-rate');
		},
	},
	{
		pictures: ['sora-operations'],
		viewport: PANEL_VIEWPORT,
		run: async ({ page, openNode, shot }) => {
			await openNode('Sora Video');
			log(`sora-operations: ${listWords(await openList(page, 'Operation')).replace(/ \[[^\]]*\]/g, '')}`);
			await shot('sora-operations');
		},
	},
	{
		pictures: ['sora-model-picker'],
		viewport: PANEL_VIEWPORT,
		run: async ({ page, openNode, shot }) => {
			await openNode('Sora Video');
			log(`sora-model-picker: ${listWords(await openList(page, 'Model'))}`);
			await shot('sora-model-picker');
		},
	},
	...[
		['sora-credential', 'Sora Video', 'sora-credential-headers'],
		['runway-credential', 'Runway Video', 'runway-credential'],
	].map(([file, nodeName, headersFile]) => ({
		// untouched: nothing typed. The form from its top, then (the same picture if the form fits) Custom Headers in
		// view, with its error, if any, as a user finds it (pointing at the red mark)
		pictures: [...new Set([file, headersFile])],
		viewport: PANEL_VIEWPORT,
		run: async ({ page, openNode, shot }) => {
			await openNode(nodeName);
			await newCredentialForm(page);
			if (headersFile !== file) await shot(file);
			const headers = await field(page, 'Custom Headers');
			await headers.evaluate((el) => el.scrollIntoView({ block: 'nearest' }));
			// CodeMirror lints a moment after the editor opens: give an error the time to show
			const marker = await headers
				.waitForSelector('.cm-lint-marker-error, .cm-lintRange-error', { visible: true, timeout: 3_000 })
				.catch(() => null);
			let words = 'no error shown';
			if (marker) {
				await marker.hover();
				const tooltip = await page.waitForSelector('.cm-tooltip-lint', { visible: true, timeout: 5_000 }).catch(() => null);
				words = `an error shown before anything is typed${tooltip ? `: "${await tooltip.evaluate((el) => el.textContent.trim())}"` : ''}`;
			}
			const placeholder = await headers.evaluate(
				(el) =>
					el.querySelector('.cm-placeholder')?.textContent.trim() ||
					el.querySelector('input[placeholder], textarea[placeholder]')?.getAttribute('placeholder') ||
					'',
			);
			log(`${headersFile}: Custom Headers, untouched: ${words}; placeholder ${placeholder ? `"${placeholder}"` : 'none shown'}`);
			await shot(headersFile);
		},
	})),
	...[
		['example-01', '01'],
		['example-06', '06'],
		['example-07', '07'],
	].map(([file, number]) => ({
		pictures: [file],
		run: async ({ page, base, shot }) => {
			await open(page, `${base}/workflow/${exampleId(number)}`, '[data-test-id="canvas-node"]');
			await shot(file);
		},
	})),
	{
		// Example 02 run as a user runs it: its time from the click to n8n's success message; then its cost and video
		pictures: ['example-02-run', 'runway-cost-output', 'example-02-video'],
		run: async ({ page, base, shot }) => {
			const { outcome, seconds } = await runExample(page, base, '02');
			log(`example 02 run from the editor: ${outcome} in ${seconds.toFixed(1)} s`);
			await shot('example-02-run');
			if (outcome !== 'succeeded') throw new Error('Example 02 did not succeed in the editor (see example-02-run.png)');

			// Runway Video's output item as JSON, its cost fields in view
			await openCanvasNode(page, 'Runway Video');
			const output = await page.waitForSelector(PANEL.output, { visible: true });
			await (await output.waitForSelector('[data-test-id="radio-button-json"]', { visible: true })).click();
			const cost = await page
				.waitForFunction(
					(panel) =>
						[...document.querySelectorAll(`${panel} *`)].find(
							(el) => el.children.length === 0 && /^"?(cost|estimatedCost)"?$/.test(el.textContent.trim()),
						),
					{ timeout: 15_000 },
					PANEL.output,
				)
				.catch(() => null);
			if (cost) await cost.asElement().evaluate((el) => el.scrollIntoView({ block: 'center' }));
			const costLine = /"?cost"?\s*:[^]*?credits"?\s*:\s*[\d.]+/
				.exec(await output.evaluate((el) => el.innerText))?.[0]
				.replace(/\s+/g, ' ');
			log(`runway-cost-output: ${costLine ? `the item shows ${costLine}` : 'no cost field in the output item'}`);
			await shot('runway-cost-output');
			if (!cost) throw new Error("Runway Video's output item shows no cost field (see runway-cost-output.png)");

			const playing = await playVideo(page, 'output');
			log(`the video plays in n8n's player: ${videoWords(playing)}`);
			await shot('example-02-video');
			if (!(playing.duration > 0 && playing.currentTime > 0))
				throw new Error("The video does not play in n8n's player (see example-02-video.png)");
		},
	},
	...[
		// what the fakes make for these examples, against what the examples' notes promise
		['example-06-video', '06', 'Extend', 'the extended video (the note promises the whole, stitched 8 seconds)'],
		['example-07-video', '07', 'Restyle Video', 'the restyled video (Aleph 2; its ratio follows the input video)'],
	].map(([file, number, nodeName, what]) => ({
		pictures: [file],
		run: async ({ page, base, shot }) => {
			const { outcome, seconds } = await runExample(page, base, number);
			log(`example ${number} run from the editor: ${outcome} in ${seconds.toFixed(1)} s`);
			if (outcome !== 'succeeded') throw new Error(`Example ${number} did not succeed in the editor`);
			await openCanvasNode(page, nodeName);
			const input = await playVideo(page, 'input');
			const output = await playVideo(page, 'output');
			log(`${file}: ${nodeName}'s input video ${videoWords(input)}; ${what}: ${videoWords(output)}`);
			await shot(file);
		},
	})),
];

async function logIn(page, base, owner) {
	await open(page, `${base}/signin`, 'input[name="emailOrLdapLoginId"], input[type="email"]');
	await page.type('input[name="emailOrLdapLoginId"], input[type="email"]', owner.email);
	await page.type('input[name="password"]', owner.password);
	await Promise.all([page.waitForNavigation({ waitUntil: 'domcontentloaded' }), page.keyboard.press('Enter')]);
	await page.waitForSelector('[data-test-id="resources-list-item-workflow"], [data-test-id="resources-list-wrapper"]', {
		visible: true,
		timeout: 60_000,
	});
	log(`after login: ${new URL(page.url()).pathname}`);
}

/** Takes the pictures of STEPS (those `only` names, if given); resolves with the names of those that failed. */
async function takeScreenshots({ base, owner, out, workflow, only }) {
	const puppeteer = require('puppeteer-core');
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-ai-video-chromium-'));
	const browser = await puppeteer.launch({
		executablePath: chromiumPath(),
		headless: true,
		args: [...CHROMIUM_FLAGS, `--user-data-dir=${userDataDir}`],
		defaultViewport: VIEWPORT,
	});
	const failed = [];
	try {
		// one tab throughout: n8n lets one tab at a time edit a workflow (a second one opens it read-only)
		const page = await browser.newPage();
		page.setDefaultTimeout(30_000);
		page.on('dialog', (dialog) => void dialog.accept()); // "leave with unsaved changes?" after a step edited a panel
		await page.evaluateOnNewDocument(pageHelpers);
		await logIn(page, base, owner);
		const openNode = async (name) => {
			const node = workflow.nodes.find((n) => n.name === name);
			if (!node) throw new Error(`no node "${name}" in the screenshots workflow`);
			await nodePanel(page, base, node.id);
		};
		for (const step of STEPS) {
			if (only && !step.pictures.some((name) => only.includes(name))) continue;
			const taken = [];
			const shot = async (name) => {
				await shoot(page, out, name);
				taken.push(name);
			};
			try {
				await page.setViewport(step.viewport ?? VIEWPORT);
				await step.run({ page, base, workflow, openNode, shot });
			} catch (error) {
				const missing = step.pictures.filter((name) => !taken.includes(name));
				failed.push(...missing);
				// what the browser showed when the step failed, to see which selector or label n8n changed
				const file = path.join(os.tmpdir(), `n8n-ai-video-screenshots-failed-${missing[0]}.png`);
				const saved = await page.screenshot({ path: file }).then(
					() => true,
					() => false,
				);
				log(
					`FAILED ${missing.join(', ')}: ${error && error.message ? error.message : error}${saved ? ` (the page at the failure: ${file})` : ''}`,
				);
			}
		}
	} finally {
		await browser.close();
		fs.rmSync(userDataDir, { recursive: true, force: true });
	}
	return failed;
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
	let failed = [];
	try {
		const workflow = nodesWorkflow();
		const outputDir = path.join(userFolder, 'videos'); // where the examples run from the editor write their videos
		fs.mkdirSync(outputDir);
		await setup.importSetup({ fakesModule, fakes, userFolder, outputDir, extraWorkflows: [workflow] });
		const port = await n8n.freePort();
		editor = await start.startEditor({
			userFolder,
			port,
			listenAddress: '127.0.0.1',
			env: { ...start.quietEditorEnv(), N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '2' },
		});
		await editor.ready;
		log(`n8n ready on ${editor.url} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
		failed = await takeScreenshots({
			base: `http://127.0.0.1:${port}`,
			owner: editor.owner ?? setup.DEFAULT_OWNER,
			out: opts.out,
			workflow,
			only: opts.only,
		});
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
	if (failed.length) {
		log(`${failed.length} picture(s) failed: ${failed.join(', ')} (the other pictures are saved)`);
		return 1;
	}
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

module.exports = { STEPS, nodesWorkflow, takeScreenshots };
