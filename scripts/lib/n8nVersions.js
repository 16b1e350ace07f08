'use strict';
/* Which n8n versions are tested, which one this process runs, and what differs between their majors. */

const path = require('path');

/**
 * The versions tested, one per line, default first. 2.41.3 does not install from this registry snapshot
 * (@n8n/agents 0.26.2 missing); 1.123.x is the last 1.x line (LTS, still patched).
 */
const TESTED_VERSIONS = ['2.41.1', '1.123.81'];
const DEFAULT_VERSION = TESTED_VERSIONS[0];
const VERSION_VARIABLE = 'N8N_AI_VIDEO_N8N_VERSION';
/** An exact version as given; a line (`1.123.x`, `1.123`, `1.x`, `1`) as the version tested in it. */
function resolveVersion(spec) {
	const given = String(spec || '').trim();
	if (!given) return DEFAULT_VERSION;
	if (/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(given)) return given;
	const line = given.replace(/(\.[x*])+$/i, '');
	const tested = /^\d+(\.\d+)?$/.test(line) && TESTED_VERSIONS.find((v) => v.startsWith(`${line}.`));
	if (!tested) {
		throw new Error(
			`n8n version "${given}": give an exact version (e.g. 1.123.81) or a tested line (${TESTED_VERSIONS.map((v) => v.replace(/\.\d+$/, '.x')).join(', ')})`,
		);
	}
	return tested;
}

/** The n8n version this process runs: $N8N_AI_VIDEO_N8N_VERSION (set by --n8n-version), else the default. */
function n8nVersion() {
	return resolveVersion(process.env[VERSION_VARIABLE]);
}

/**
 * Takes `--n8n-version <v>` / `--n8n-version=<v>` out of a script's arguments and puts the version into
 * $N8N_AI_VIDEO_N8N_VERSION, so this process and every script or n8n it starts use it. Returns the other arguments.
 */
function takeVersionOption(argv) {
	const rest = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		let value;
		if (arg === '--n8n-version') value = argv[++i];
		else if (arg.startsWith('--n8n-version=')) value = arg.slice('--n8n-version='.length);
		else {
			rest.push(arg);
			continue;
		}
		if (!value) throw new Error('--n8n-version needs a version, e.g. --n8n-version 1.123.x');
		process.env[VERSION_VARIABLE] = resolveVersion(value);
	}
	return rest;
}

function major(version) {
	return Number(version.split('.')[0]);
}

/** The CLI command that makes a workflow's triggers listen from the next `n8n start`: 2.x publishes, 1.x activates. */
function activateWorkflowArgs(id, version = n8nVersion()) {
	return major(version) >= 2 ? ['publish:workflow', `--id=${id}`] : ['update:workflow', `--id=${id}`, '--active=true'];
}

/** Where n8n keeps binary data in filesystem mode: `.n8n/storage` on 2.x, `.n8n/binaryData` on 1.x. */
function binaryDataDir(userFolder, version = n8nVersion()) {
	return path.join(userFolder, '.n8n', major(version) >= 2 ? 'storage' : 'binaryData');
}

/** The Node major a version runs on: n8n >= 2.36 declares engines node >= 24; 1.x and older 2.x run on 22. */
function nodeMajor(version) {
	const [maj, min] = version.split('.').map(Number);
	return maj > 2 || (maj === 2 && min >= 36) ? 24 : 22;
}

module.exports = {
	TESTED_VERSIONS,
	DEFAULT_VERSION,
	resolveVersion,
	n8nVersion,
	takeVersionOption,
	major,
	activateWorkflowArgs,
	binaryDataDir,
	nodeMajor,
};
