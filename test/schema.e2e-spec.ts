import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { testDatabaseUrl } from './utils';

describe('database schema', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions(testDatabaseUrl())).initialize();
  });
  afterAll(() => dataSource.destroy());

  it('has every migration applied', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it('matches the entities: generating a migration against it yields no change', async () => {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('keeps synchronize off', () => {
    expect(dataSource.options.synchronize).toBe(false);
  });
});
