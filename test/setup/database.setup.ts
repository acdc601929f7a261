import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../../src/database/embedded-postgres.driver';
import { runMigrations } from '../../src/database/migrate.util';

/** Tests truncate tables: they refuse any database whose name does not say it is for tests. */
export function assertTestDatabase(url: string): void {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!name.includes('test')) {
    throw new Error(`Refusing to run tests against database "${name}": its name must contain "test".`);
  }
}

let embedded: { db: EmbeddedDatabase; dir: string } | undefined;

export async function setup(): Promise<void> {
  let url = process.env.DATABASE_URL;
  if (!url) {
    const dir = join(tmpdir(), `breach-desk-test-${randomBytes(6).toString('hex')}`);
    const db = await startEmbeddedPostgres({ dir, port: 0, database: 'breach_desk_test' });
    embedded = { db, dir };
    url = db.url;
    // Test workers are started after this and inherit the environment.
    process.env.DATABASE_URL = url;
    process.env.BREACH_DESK_TEST_EMBEDDED = '1';
  }
  assertTestDatabase(url);
  const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

export async function teardown(): Promise<void> {
  if (!embedded) return;
  await embedded.db.stop();
  await rm(embedded.dir, { recursive: true, force: true });
  await rm(`${embedded.dir}.password`, { force: true });
  delete process.env.DATABASE_URL;
}
