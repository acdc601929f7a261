import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { dataSourceOptions } from './data-source-options';
import { useEmbeddedPostgres } from './embedded-postgres.driver';

/**
 * The data source of the TypeORM CLI (`npm run migration:*`). With DATABASE_URL it uses that database;
 * without it, the same embedded PostgreSQL as `npm start` (the running one, or started and stopped for the command).
 */
async function createDataSource(): Promise<DataSource> {
  const config = loadConfig();
  if (config.DATABASE_URL) return new DataSource(dataSourceOptions(config.DATABASE_URL));
  const embedded = await useEmbeddedPostgres({
    dir: config.EMBEDDED_PG_DIR,
    port: config.EMBEDDED_PG_PORT,
    database: 'breach_desk',
  });
  const dataSource = new DataSource(dataSourceOptions(embedded.url));
  const destroy = dataSource.destroy.bind(dataSource);
  dataSource.destroy = async () => {
    await destroy();
    await embedded.stop();
  };
  return dataSource;
}

export const dataSource = createDataSource();
