import { DataSource } from 'typeorm';

/** Advisory lock key that serialises migrations between instances started at once on one database. */
const MIGRATION_LOCK = 0x42_44_6d_67; // "BDmg"

/** Applies pending migrations, one instance at a time; each migration in its own transaction. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
