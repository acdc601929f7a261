import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';

/**
 * The one description of the database, shared by the app and the migration CLI.
 * The schema comes from migrations only: the migration history is audit evidence.
 */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    // Instants are timestamptz; the session zone is fixed so that nothing depends on the server's default.
    extra: { options: '-c TimeZone=UTC', max: 10 },
  };
}
