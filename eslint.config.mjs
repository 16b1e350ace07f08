import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import communityNodes from '@n8n/eslint-plugin-community-nodes';

const plugins = { 'n8n-nodes-base': n8nNodesBase };
const nodeGlobals = Object.fromEntries(
	['require', 'module', 'exports', 'process', '__dirname', '__filename', 'Buffer', 'console', 'URL', 'AbortController', 'fetch']
		.concat(['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate'])
		.map((name) => [name, 'readonly']),
);

export default [
	{ ignores: ['dist/**', 'node_modules/**', '.n8n-local/**', '.n8n-queue/**', 'demo-output/**', 'bench-output/**', '**/*.mjs'] },
	{
		files: ['**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
	},
	{
		// The plain CommonJS scripts (Node's stdlib only, run on the system Node): no undefined or unused names.
		files: ['**/*.js'],
		languageOptions: { sourceType: 'commonjs', globals: nodeGlobals },
		rules: { 'no-unused-vars': ['error', { caughtErrors: 'none' }], 'no-undef': 'error' },
	},
	// puppeteer runs some of its functions in the page
	{ files: ['scripts/screenshots.js'], languageOptions: { globals: { document: 'readonly', window: 'readonly' } } },
	{
		files: ['package.json'],
		languageOptions: { parser: tsParser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins,
		rules: {
			...n8nNodesBase.configs.community.rules,
		},
	},
	{
		files: ['credentials/**/*.ts'],
		plugins,
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Our credentials are for APIs not documented on n8n's site; the URL is the vendor's own docs.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins,
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// These two predate NodeConnectionTypes and ask for the string literal 'main', which n8n's own lint now forbids.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	// n8n's newer rules (what its package scanner runs), in the preset for packages not meant for n8n Cloud.
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		languageOptions: { parser: tsParser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins: communityNodes.configs.recommendedWithoutN8nCloudSupport.plugins,
		rules: {
			...communityNodes.configs.recommendedWithoutN8nCloudSupport.rules,
			// sharp is the one runtime dependency, by design: it is why the package is self-hosted only (README).
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
			// It flags every rethrow and every error class of the n8n-free modules (image core, retry, polling). Those
			// are turned into NodeOperationError / NodeApiError with the item index at the node boundary
			// (prepareItemImage, apiRequest, runForEachItem), which the node tests check message by message.
			'@n8n/community-nodes/require-node-api-error': 'off',
			// The icons carry their own opaque backgrounds and read on both themes.
			'@n8n/community-nodes/icon-prefer-themed-variants': 'off',
		},
	},
];
