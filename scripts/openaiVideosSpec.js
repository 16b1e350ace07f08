#!/usr/bin/env node
/**
 * Cuts the Videos API out of OpenAI's OpenAPI spec (github.com/openai/openai-openapi, MIT licence): the
 * /videos paths and every component they reference, nothing else, into test/fakes/openapi/openai-videos.json,
 * which test/node/sora/prism.test.ts serves with a Prism mock. Run it again to follow a newer spec:
 *
 *   node scripts/openaiVideosSpec.js <path to openapi.json> <source commit>
 */
const fs = require('node:fs');
const path = require('node:path');

const [input, commit] = process.argv.slice(2);
if (!input || !commit) {
	process.stderr.write('usage: node scripts/openaiVideosSpec.js <openapi.json> <source commit>\n');
	process.exit(2);
}
const spec = JSON.parse(fs.readFileSync(input, 'utf8'));
const paths = Object.fromEntries(Object.entries(spec.paths).filter(([p]) => p === '/videos' || p.startsWith('/videos/')));

// every #/components/... reference, followed transitively
const components = {};
const seen = new Set();
const visit = (node) => {
	if (Array.isArray(node)) return node.forEach(visit);
	if (!node || typeof node !== 'object') return;
	for (const [key, value] of Object.entries(node)) {
		if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/') && !seen.has(value)) {
			seen.add(value);
			const [, , kind, name] = value.split('/');
			const target = spec.components[kind][name];
			(components[kind] ??= {})[name] = target;
			visit(target);
		} else if (key !== 'x-oaiMeta') visit(value);
	}
};
// the examples in x-oaiMeta are documentation, not contract: left out
for (const item of Object.values(paths)) for (const op of Object.values(item)) if (op && typeof op === 'object') delete op['x-oaiMeta'];
visit(paths);
const securitySchemes = spec.components.securitySchemes;
const out = {
	openapi: spec.openapi,
	info: {
		title: `${spec.info.title}: /videos only`,
		version: spec.info.version,
		'x-source': `https://github.com/openai/openai-openapi (openapi.json at ${commit}), cut by scripts/openaiVideosSpec.js`,
		'x-license': 'MIT, Copyright (c) OpenAI (https://openai.com); see LICENSE beside this file',
	},
	servers: spec.servers,
	security: spec.security,
	paths,
	components: { ...components, securitySchemes },
};
const file = path.join(__dirname, '..', 'test', 'fakes', 'openapi', 'openai-videos.json');
fs.writeFileSync(file, `${JSON.stringify(out, null, '\t')}\n`);
process.stdout.write(`${file}: ${Object.keys(paths).length} paths, ${seen.size} components\n`);
