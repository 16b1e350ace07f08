/**
 * scripts/n8n.js installPackage: the build goes into <user folder>/.n8n/nodes/node_modules/<package>/dist-<hash>,
 * copied once per content version, so an n8n already running from that user folder (queue-mode main and workers
 * load node files lazily) never sees its files replaced; the installed package.json points at the newest version.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const n8n = require('../../../scripts/n8n.js') as {
	installPackage(o: { userFolder: string; packageRoot: string; quiet?: boolean }): Promise<{ target: string }>;
};

const temps: string[] = [];
afterAll(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function temp(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-video-install-'));
	temps.push(dir);
	return dir;
}

/** A package without runtime dependencies (so nothing is fetched) whose one node file says `version`. */
function writePackage(root: string, version: string): void {
	fs.mkdirSync(path.join(root, 'dist', 'nodes'), { recursive: true });
	fs.writeFileSync(path.join(root, 'dist', 'nodes', 'A.node.js'), `module.exports = '${version}';\n`);
	const pkg = { name: 'n8n-nodes-test-install', version: '1.0.0', n8n: { n8nNodesApiVersion: 1, nodes: ['dist/nodes/A.node.js'] } };
	fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify(pkg));
}

it('copies each build once into its own folder and never touches a version already installed', async () => {
	const root = temp();
	const userFolder = temp();
	writePackage(root, 'one');
	const { target } = await n8n.installPackage({ userFolder, packageRoot: root, quiet: true });
	const manifest = () => JSON.parse(fs.readFileSync(path.join(target, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
	const [first] = manifest().n8n.nodes;
	expect(first).toMatch(/^dist-[0-9a-f]{12}\/nodes\/A\.node\.js$/);
	const firstFile = path.join(target, first);
	const before = fs.statSync(firstFile);

	// the same build again: nothing copied
	await n8n.installPackage({ userFolder, packageRoot: root, quiet: true });
	expect(manifest().n8n.nodes[0]).toBe(first);
	expect(fs.statSync(firstFile).ino).toBe(before.ino);

	// a new build: a new folder; the running version's files stay as they were
	writePackage(root, 'two');
	await n8n.installPackage({ userFolder, packageRoot: root, quiet: true });
	const [second] = manifest().n8n.nodes;
	expect(second).not.toBe(first);
	expect(fs.readFileSync(path.join(target, second), 'utf8')).toContain("'two'");
	expect(fs.readFileSync(firstFile, 'utf8')).toContain("'one'");
	expect(fs.statSync(firstFile).ino).toBe(before.ino);
});
