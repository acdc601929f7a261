import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { ApiKey } from '../src/access/api-key.entity';
import { ApiKeysService } from '../src/access/api-keys.service';
import { ROLES, Role } from '../src/access/roles';
import { AuditService } from '../src/audit/audit.service';
import { SystemClock } from '../src/clock/clock';
import { loadConfig } from '../src/config/config';
import { resolveServiceKeys } from '../src/config/service-keys';
import { dataSourceOptions } from '../src/database/data-source-options';
import { useEmbeddedPostgres } from '../src/database/embedded-postgres.driver';
import { runMigrations } from '../src/database/migrate.util';

const USAGE =
  'usage: npm run key:create -- --role admin|responder|dpo|controller [--controller-id <uuid>] [--label <text>]';

/** Prints a new API key (the first admin key, typically). Uses DATABASE_URL, else the embedded database. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { role: { type: 'string' }, 'controller-id': { type: 'string' }, label: { type: 'string' } },
  });
  const role = values.role as Role | undefined;
  if (!role || !ROLES.includes(role)) throw new Error(USAGE);

  const config = loadConfig();
  // The key is recorded in the audit chain, which this process must extend with the service's own key.
  const serviceKeys = await resolveServiceKeys(config);
  const embedded = config.DATABASE_URL
    ? undefined
    : await useEmbeddedPostgres({
        dir: config.EMBEDDED_PG_DIR,
        port: config.EMBEDDED_PG_PORT,
        database: 'breach_desk',
      });
  const dataSource = await new DataSource(
    dataSourceOptions(config.DATABASE_URL ?? embedded!.url),
  ).initialize();
  try {
    await runMigrations(dataSource);
    const clock = new SystemClock();
    const keys = new ApiKeysService(
      dataSource.getRepository(ApiKey),
      dataSource,
      new AuditService(dataSource, clock, serviceKeys),
      clock,
    );
    const created = await keys.create(null, {
      role,
      controllerId: values['controller-id'],
      label: values.label ?? 'made with npm run key:create',
    });
    process.stderr.write(`A ${created.role} key (id ${created.id}). It is shown this once:\n`);
    process.stdout.write(`${created.key}\n`);
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
