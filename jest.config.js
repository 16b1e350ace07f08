/**
 * Four projects: unit (pure functions), node (node execute() over real HTTP against the fakes), contract (the nodes'
 * tables and the fakes against the vendors' SDK types), e2e (a real n8n).
 */
const tsJest = { '^.+\\.ts$': ['ts-jest', {}] };

module.exports = {
	// Image and HTTP tests do real work on 2 shared cores; e2e tests set their own, longer limits.
	testTimeout: 120_000,
	projects: [
		{ displayName: 'unit', testEnvironment: 'node', transform: tsJest, testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		{ displayName: 'node', testEnvironment: 'node', transform: tsJest, testMatch: ['<rootDir>/test/node/**/*.test.ts'] },
		{ displayName: 'contract', testEnvironment: 'node', transform: tsJest, testMatch: ['<rootDir>/test/contract/**/*.test.ts'] },
		{ displayName: 'e2e', testEnvironment: 'node', transform: tsJest, testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
	],
};
