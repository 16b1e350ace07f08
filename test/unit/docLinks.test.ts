/**
 * The Docs links n8n shows (a credential's documentationUrl, a node's codex documentation) point at headings
 * that exist in the README, which npm shows as the package page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { RunwayApi } from '../../credentials/RunwayApi.credentials';
import { SoraApi } from '../../credentials/SoraApi.credentials';

const ROOT = path.join(__dirname, '..', '..');
const PACKAGE_PAGE = 'https://www.npmjs.com/package/n8n-nodes-ai-video';

/** GitHub's (and npm's) heading anchors: the text lowercased, punctuation dropped, spaces to '-', repeats numbered. */
function headingAnchors(markdown: string): Set<string> {
	const anchors = new Set<string>();
	let inFence = false;
	for (const line of markdown.split('\n')) {
		if (/^(```|~~~)/.test(line)) inFence = !inFence;
		const heading = inFence ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
		if (!heading) continue;
		const base = heading[1]
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.replace(/ /g, '-');
		let anchor = base;
		for (let n = 1; anchors.has(anchor); n++) anchor = `${base}-${n}`;
		anchors.add(anchor);
	}
	return anchors;
}

function codexUrls(): Array<[string, string]> {
	const urls: Array<[string, string]> = [];
	for (const dir of readdirSync(path.join(ROOT, 'nodes'))) {
		const file = path.join(ROOT, 'nodes', dir, `${dir}.node.json`);
		let codex: { resources?: Record<string, Array<{ url: string }>> };
		try {
			codex = JSON.parse(readFileSync(file, 'utf8')) as typeof codex;
		} catch {
			continue;
		}
		for (const [kind, links] of Object.entries(codex.resources ?? {})) for (const { url } of links) urls.push([`${dir} ${kind}`, url]);
	}
	return urls;
}

const anchors = headingAnchors(readFileSync(path.join(ROOT, 'README.md'), 'utf8'));

test('the anchor rule: "### Credential: Sora (OpenAI Videos) API" and a heading with code', () => {
	expect([
		...headingAnchors(
			'### Credential: Sora (OpenAI Videos) API\n## Try it: `npm run queue`\n```\n# not a heading\n```\n## Try it: `npm run queue`',
		),
	]).toEqual(['credential-sora-openai-videos-api', 'try-it-npm-run-queue', 'try-it-npm-run-queue-1']);
});

test.each([
	['Runway API credential', new RunwayApi().documentationUrl, `${PACKAGE_PAGE}#credential-runway-api`],
	['Sora credential', new SoraApi().documentationUrl, `${PACKAGE_PAGE}#credential-sora-openai-videos-api`],
])('the %s links to its README section', (_, url, expected) => {
	expect(url).toBe(expected);
	expect(anchors).toContain(new URL(url).hash.slice(1));
});

test('every codex documentation link is a README heading of the package page', () => {
	const urls = codexUrls();
	expect(urls.length).toBeGreaterThanOrEqual(5);
	const broken = urls.filter(([, url]) => !url.startsWith(`${PACKAGE_PAGE}#`) || !anchors.has(new URL(url).hash.slice(1)));
	expect(broken).toEqual([]);
});
