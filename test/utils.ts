import { Test } from '@nestjs/testing';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ApiKeysService } from '../src/access/api-keys.service';
import type { Role } from '../src/access/roles';
import { AgreementsService } from '../src/agreements/agreements.service';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { AuthoritiesService } from '../src/authorities/authorities.service';
import { RegimesService } from '../src/regimes/regimes.service';
import { Clock } from '../src/clock/clock';
import { OutboxWorker } from '../src/outbox/outbox.worker';
import { AlertScheduler } from '../src/obligations/alert.scheduler';
import { AuditCheckpointScheduler } from '../src/audit/audit-checkpoint.scheduler';
import { loadConfig } from '../src/config/config';
import { resolveServiceKeys } from '../src/config/service-keys';
import { assertTestDatabase } from './setup/database.setup';

export interface TestApp {
  app: NestExpressApplication;
  api: () => ReturnType<typeof request>;
  dataSource: DataSource;
  close: () => Promise<void>;
}

export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: the global setup did not run');
  assertTestDatabase(url);
  return url;
}

/**
 * Fixed keys for the tests (DATABASE_URL is always set here, so the service would refuse to start without them).
 * Also for the command-line tools a test runs beside the app, which must use the same keys.
 */
export const TEST_KEYS = {
  AUDIT_KEY: 'test-audit-key-0123456789abcdefghijklmnopqrstuvwxyz',
  SECRETS_KEY: 'test-secrets-key-0123456789abcdefghijklmnopqrstuvwxyz',
};

export interface TestAppOptions {
  env?: Record<string, string>;
  logStream?: DestinationStream;
  /** Pins "now" for the whole app. */
  clock?: Clock;
}

/** The app as main.ts builds it (same module, pipes, filters, body limits), on the test database. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  // Every test calls from 127.0.0.1: the failed-authentication limit is raised here and tested on its own.
  // The alert and checkpoint schedulers are off; tests run them themselves, at the instants they choose.
  // Test receivers listen on http://127.0.0.1: http and private targets are allowed here; the outbound tests
  // switch them off again.
  const config = loadConfig({
    ...process.env,
    LOG_LEVEL: 'silent',
    AUTH_FAILURE_LIMIT: '100000',
    ALERT_SCAN_INTERVAL_SECONDS: '0',
    // The outbox sends when kicked (after a filing, a scan, a reset), not on a timer: a test app never picks up at
    // start what an earlier test file left behind. The tests of the sweeping itself turn it on.
    OUTBOX_SWEEP_SECONDS: '0',
    AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0',
    WEBHOOK_ALLOW_HTTP: 'true',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    ...TEST_KEYS,
    ...options.env,
  });
  const keys = await resolveServiceKeys(config);
  let builder = Test.createTestingModule({
    imports: [AppModule.register(config, testDatabaseUrl(), keys, { logStream: options.logStream })],
  });
  if (options.clock) builder = builder.overrideProvider(Clock).useValue(options.clock);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  configureApp(app);
  await app.init();
  return {
    app,
    api: () => request(app.getHttpServer()),
    dataSource: app.get(DataSource),
    close: () => app.close(),
  };
}

/**
 * Empties every table (not the migration history) and loads the built-in data again, as a fresh start would.
 * The app's background work is paused first and resumed after: a scan or delivery holding row locks while TRUNCATE
 * takes its table locks one by one is a deadlock waiting to happen.
 */
export async function resetDatabase(app: NestExpressApplication): Promise<void> {
  const dataSource = app.get(DataSource);
  assertTestDatabase(testDatabaseUrl());
  const schedulers = [app.get(AlertScheduler), app.get(AuditCheckpointScheduler), app.get(OutboxWorker)];
  for (const scheduler of schedulers) await scheduler.pause();
  try {
    const tables = dataSource.entityMetadatas.map((m) => `"${m.tableName}"`).join(', ');
    // The trail refuses TRUNCATE (a trigger), and no setting lets the service past it: a session flag that the
    // trigger honoured would let anyone with a connection wipe the trail. The tests instead disable that one trigger
    // for the length of their own transaction, which needs ownership of the table (as dropping the trigger would):
    // nothing an attacker without it gains, and nothing production code does.
    await dataSource.transaction(async (em) => {
      await em.query('ALTER TABLE audit_entry DISABLE TRIGGER tr_audit_entry_no_truncate');
      await em.query(`TRUNCATE ${tables} RESTART IDENTITY CASCADE`);
      await em.query('ALTER TABLE audit_entry ENABLE TRIGGER tr_audit_entry_no_truncate');
    });
    await app.get(AuthoritiesService).loadBuiltins();
    await app.get(AgreementsService).loadBuiltins();
    await app.get(RegimesService).loadBuiltins();
  } finally {
    for (const scheduler of schedulers) scheduler.resume();
  }
}

/** Makes a key directly through the service (test set-up, not the API under test) and returns the key. */
export async function createKey(
  app: NestExpressApplication,
  role: Role,
  controllerId?: string,
): Promise<string> {
  const created = await app.get(ApiKeysService).create(null, { role, controllerId, label: `test ${role}` });
  return created.key;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type Client = Record<Method, (url: string) => request.Test>;

/** Requests that carry `Authorization: Bearer <key>` (or no key at all when key is undefined). */
export function client(t: TestApp, key?: string): Client {
  const call = (method: Method) => (url: string) => {
    const req = t.api()[method](url);
    return key ? req.set('Authorization', `Bearer ${key}`) : req;
  };
  return {
    get: call('get'),
    post: call('post'),
    put: call('put'),
    patch: call('patch'),
    delete: call('delete'),
  };
}
