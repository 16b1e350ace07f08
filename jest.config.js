/**
 * Five projects: unit (pure functions), node (node execute() over real HTTP against the fakes), contract (the nodes'
 * tables and the fakes against the vendors' SDK types), e2e (a real n8n, 2.x unless N8N_AI_VIDEO_N8N_VERSION says
 * otherwise), e2e-n8n1 (the e2e tests that are not about 2.x only, on n8n 1.123).
 */
const tsJest = { '^.+\\.ts$': ['ts-jest', {}] };
/** On n8n 1.x: the examples (Runway, Sora, Telegram), failures, dropped connections, the demo, npm start and the credential tests. */
const N8N1_TESTS = ['workflows', 'startDemo'].map((name) => `<rootDir>/test/e2e/${name}.test.ts`);

module.exports = {
	// Image and HTTP tests do real work on 2 shared cores; e2e tests set their own, longer limits.
	testTimeout: 120_000,
	projects: [
		{ displayName: 'unit', testEnvironment: 'node', transform: tsJest, testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		{ displayName: 'node', testEnvironment: 'node', transform: tsJest, testMatch: ['<rootDir>/test/node/**/*.test.ts'] },
		{ displayName: 'contract', testEnvironment: 'node', transform: tsJest, testMatch: ['<rootDir>/test/contract/**/*.test.ts'] },
		{ displayName: 'e2e', testEnvironment: 'node', transform: tsJest, testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
		{
			displayName: 'e2e-n8n1',
			testEnvironment: 'node',
			transform: tsJest,
			testMatch: N8N1_TESTS,
			setupFiles: ['<rootDir>/test/e2e/n8n1.setup.ts'],
		},
	],
};
