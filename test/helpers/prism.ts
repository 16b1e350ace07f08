/**
 * A Prism mock (@stoplight/prism-cli) of an OpenAPI spec, behind a recording proxy: every request and the status
 * Prism gave it (422 for a body the spec refuses, 401 without the security header, 404 for an unknown path).
 * Prism is not a dependency of the package: it is installed on first use into the cache beside the real n8n
 * (scripts/n8n.js cacheDir), from the npm registry, with the same npm environment as n8n's install.
 */
import * as childProcess from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

const script = require('../../scripts/n8n.js') as {
	cacheDir(): string;
	npmEnv(extra?: Record<string, string>): NodeJS.ProcessEnv;
	withLock<T>(lockDir: string, fn: () => Promise<T>): Promise<T>;
	freePort(): Promise<number>;
};

export const PRISM_VERSION = '5.16.0';

export interface PrismMock {
	/** The proxy's address: point a client's base URL here. */
	readonly url: string;
	/** `METHOD /path -> status`, in order. */
	readonly answers: Array<{ method: string; path: string; status: number; body: string }>;
	close(): Promise<void>;
}

async function prismBin(): Promise<string> {
	const dir = path.join(path.dirname(script.cacheDir()), `prism-${PRISM_VERSION}`);
	const bin = path.join(dir, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');
	if (fs.existsSync(bin)) return bin;
	return await script.withLock(`${dir}.lock`, async () => {
		if (fs.existsSync(bin)) return bin;
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'prism-cache', private: true }));
		const npm = childProcess.spawnSync(
			'npm',
			['install', '--ignore-scripts', '--no-package-lock', `@stoplight/prism-cli@${PRISM_VERSION}`],
			{
				cwd: dir,
				env: script.npmEnv(),
				encoding: 'utf8',
				timeout: 5 * 60_000,
			},
		);
		if (npm.status !== 0 || !fs.existsSync(bin)) throw new Error(`npm install @stoplight/prism-cli@${PRISM_VERSION} failed: ${npm.stderr}`);
		return bin;
	});
}

/** Starts `prism mock <spec>` and a recording proxy in front of it. */
export async function startPrism(spec: string): Promise<PrismMock> {
	const bin = await prismBin();
	const port = await script.freePort();
	const prism = childProcess.spawn(process.execPath, [bin, 'mock', '-h', '127.0.0.1', '-p', String(port), spec], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let log = '';
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`Prism did not start:\n${log}`)), 60_000);
		const read = (chunk: Buffer) => {
			log += chunk.toString();
			if (log.includes('Prism is listening')) {
				clearTimeout(timer);
				resolve();
			}
		};
		prism.stdout.on('data', read);
		prism.stderr.on('data', read);
		prism.on('exit', () => reject(new Error(`Prism exited:\n${log}`)));
	});
	const answers: PrismMock['answers'] = [];
	const proxy = http.createServer((req, res) => {
		const forward = http.request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
			const chunks: Buffer[] = [];
			answer.on('data', (chunk: Buffer) => chunks.push(chunk));
			answer.on('end', () => {
				const body = Buffer.concat(chunks);
				answers.push({
					method: req.method ?? '',
					path: decodeURIComponent((req.url ?? '').split('?')[0]),
					status: answer.statusCode ?? 0,
					body: body.toString('utf8').slice(0, 2000),
				});
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				res.end(body);
			});
		});
		forward.on('error', (error) => res.writeHead(502).end(String(error)));
		req.pipe(forward);
	});
	await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
		answers,
		close: async () => {
			await new Promise((resolve) => proxy.close(resolve));
			const exited = new Promise((resolve) => prism.once('exit', resolve));
			prism.kill('SIGTERM');
			await exited;
		},
	};
}
