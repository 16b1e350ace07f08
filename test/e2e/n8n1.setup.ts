/**
 * The jest project `e2e-n8n1`: the same e2e tests on n8n's 1.x line (1.123, on Node 22) instead of the default
 * 2.x. scripts/n8n.js reads the version from this variable whenever it starts or installs n8n.
 */
process.env.N8N_AI_VIDEO_N8N_VERSION = '1.123.x';
