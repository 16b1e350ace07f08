#!/usr/bin/env node
/**
 * Shows that the contract guard catches each kind of vendor change: for every mutation below it copies the
 * pinned SDK (node_modules/@runwayml/sdk or node_modules/openai) to a temporary folder, edits a declaration
 * there, points the guard at the copy (AIV_SDK_ROOT for the type reader; a `paths` mapping for the compiler's
 * check of the SDK-typed literals), runs the relevant part of `npm test` and checks that it FAILS with the
 * lines naming what to change. Prints those lines. Exit code 1 if a mutation slipped through.
 *
 *   npm run test:mutations            # all of them (a few minutes on 2 cores)
 *   npm run test:mutations -- status  # the ones whose name contains "status"
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');

/** Replaces `from` (which must occur) in a file of the copy. */
function edit(root, file, from, to) {
	const full = path.join(root, 'node_modules', file);
	const text = fs.readFileSync(full, 'utf8');
	if (!text.includes(from)) throw new Error(`${file} no longer contains ${JSON.stringify(from)}: update scripts/sdkMutations.js`);
	fs.writeFileSync(full, text.split(from).join(to));
}

const MUTATIONS = [
	{
		name: 'a new Runway task status (PAUSED)',
		sdk: '@runwayml/sdk',
		apply: (root) => {
			const file = '@runwayml/sdk/resources/tasks.d.ts';
			edit(
				root,
				file,
				'export type TaskRetrieveResponse = TaskRetrieveResponse.Pending',
				'export type TaskRetrieveResponse = TaskRetrieveResponse.Paused | TaskRetrieveResponse.Pending',
			);
			edit(
				root,
				file,
				'export declare namespace TaskRetrieveResponse {',
				"export declare namespace TaskRetrieveResponse {\n    interface Paused {\n        id: string;\n        createdAt: string;\n        status: 'PAUSED';\n    }",
			);
		},
		jest: ['test/contract/runwayApi.test.ts'],
		expect: ['node: task statuses: only in SDK: PAUSED', 'fake: task statuses: only in SDK: PAUSED'],
	},
	{
		name: 'a new task-creating Runway resource (video_to_anime)',
		sdk: '@runwayml/sdk',
		apply: (root) => {
			const dir = path.join(root, 'node_modules', '@runwayml/sdk/resources');
			for (const extension of ['.d.ts', '.js']) {
				const text = fs.readFileSync(path.join(dir, `video-to-hdr${extension}`), 'utf8');
				fs.writeFileSync(
					path.join(dir, `video-to-anime${extension}`),
					text.replace(/VideoToHdr/g, 'VideoToAnime').replace(/video_to_hdr/g, 'video_to_anime'),
				);
			}
		},
		jest: ['test/contract/runwayApi.test.ts'],
		expect: ["node: the SDK's VideoToAnime.create (POST /v1/video_to_anime"],
	},
	{
		name: 'a new value in a nested enum (contentModeration.publicFigureThreshold: strict)',
		sdk: '@runwayml/sdk',
		apply: (root) =>
			edit(
				root,
				'@runwayml/sdk/resources/image-to-video.d.ts',
				"publicFigureThreshold?: 'auto' | 'low';",
				"publicFigureThreshold?: 'auto' | 'low' | 'strict';",
			),
		jest: ['test/contract/runway.test.ts'],
		expect: [
			'node: imageToVideo gen4_turbo: contentModeration.publicFigureThreshold values: only in SDK: strict',
			'node: imageToVideo gen4.5: contentModeration.publicFigureThreshold values: only in SDK: strict',
		],
	},
	{
		name: 'a removed Sora size (1792x1024), through the SDK-typed literals',
		sdk: 'openai',
		apply: (root) =>
			edit(
				root,
				'openai/resources/videos.d.ts',
				"export type VideoSize = '720x1280' | '1280x720' | '1024x1792' | '1792x1024';",
				"export type VideoSize = '720x1280' | '1280x720' | '1024x1792';",
			),
		tsc: true,
		jest: ['test/contract/sora.test.ts'],
		expect: [
			'error TS',
			'"1792x1024"',
			'node: Generate Size options: only in node: 1792x1024',
			'fake: sizes the fake accepts: only in fake: 1792x1024',
		],
	},
	{
		name: 'a new Sora model (sora-3), named separately for the node and the fake',
		sdk: 'openai',
		apply: (root) => edit(root, 'openai/resources/videos.d.ts', "| 'sora-2-2025-12-08';", "| 'sora-2-2025-12-08' | 'sora-3';"),
		jest: ['test/contract/sora.test.ts'],
		expect: [
			'node: models (KNOWN_MODELS): only in openai SDK: sora-3',
			'fake: models (SORA_MODELS): only in openai SDK: sora-3 (test/fakes/soraModels.ts)',
		],
	},
];

function run(command, args, env) {
	const result = spawnSync(command, args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** The type check of the contract tests (tsconfig.test.json) with the SDK's imports mapped to the copy. */
function typeCheck(root, sdk) {
	const config = path.join(root, 'tsconfig.json');
	const target = path.join(root, 'node_modules', sdk);
	fs.writeFileSync(
		config,
		JSON.stringify({
			extends: path.join(ROOT, 'tsconfig.test.json'),
			compilerOptions: { paths: { [sdk]: [target], [`${sdk}/*`]: [`${target}/*`] } },
		}),
	);
	return run(path.join(BIN, 'tsc'), ['-p', config], {});
}

const only = process.argv[2];
let slipped = 0;
for (const mutation of MUTATIONS.filter((m) => !only || m.name.includes(only))) {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aiv-sdk-mutation-'));
	try {
		fs.cpSync(path.join(ROOT, 'node_modules', mutation.sdk), path.join(root, 'node_modules', mutation.sdk), { recursive: true });
		// The SDKs' declarations reference @types/node, found by walking up from the copy.
		fs.symlinkSync(path.join(ROOT, 'node_modules', '@types'), path.join(root, 'node_modules', '@types'), 'dir');
		mutation.apply(root);
		const outputs = [];
		let failed = false;
		if (mutation.tsc) {
			const checked = typeCheck(root, mutation.sdk);
			failed ||= checked.status !== 0;
			outputs.push(checked.output);
		}
		const tested = run(path.join(BIN, 'jest'), ['--ci', ...mutation.jest], { AIV_SDK_ROOT: root });
		failed ||= tested.status !== 0;
		outputs.push(tested.output);
		const output = outputs.join('\n');
		const missing = mutation.expect.filter((text) => !output.includes(text));
		const lines = [
			...new Set(
				output
					.split('\n')
					.filter((line) => /^\s*\+?\s*"(node|fake): |error TS/.test(line))
					.map((line) => line.trim().replace(/^\+\s*/, '')),
			),
		];
		const ok = failed && missing.length === 0;
		if (!ok) slipped++;
		console.log(
			`\n${ok ? 'CAUGHT' : 'MISSED'}: ${mutation.name} (${mutation.tsc ? 'tsc -p tsconfig.test.json, ' : ''}jest ${mutation.jest.join(' ')} ${failed ? 'failed' : 'passed'})`,
		);
		for (const line of lines) console.log(`  ${line}`);
		for (const text of missing) console.log(`  expected and not found: ${text}`);
	} finally {
		fs.rmSync(root, { recursive: true, force: true });
	}
}
console.log(
	slipped === 0
		? '\nEvery mutation failed the guard with lines naming what to change.'
		: `\n${slipped} mutation(s) were not caught as expected.`,
);
process.exit(slipped === 0 ? 0 : 1);
