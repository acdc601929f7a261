import { Client } from 'pg';
import { loadConfig } from '../src/config/config';
import { useEmbeddedPostgres } from '../src/database/embedded-postgres.driver';

/**
 * The database a bench loads its rows into: `name` on the DATABASE_URL server (made when missing, kept between runs),
 * else in an embedded PostgreSQL started for the run. Never the service's own database.
 */
export async function benchDatabaseUrl(name: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const config = loadConfig();
  if (config.DATABASE_URL) {
    const admin = new Client({ connectionString: config.DATABASE_URL });
    await admin.connect();
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(config.DATABASE_URL);
    url.pathname = `/${name}`;
    return { url: url.toString(), stop: () => Promise.resolve() };
  }
  const db = await useEmbeddedPostgres({
    dir: config.EMBEDDED_PG_DIR,
    port: config.EMBEDDED_PG_PORT,
    database: name,
  });
  return { url: db.url, stop: () => db.stop() };
}
