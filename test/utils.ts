import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AgreementsService } from '../src/agreements/agreements.service';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { AuthoritiesService } from '../src/authorities/authorities.service';
import { loadConfig } from '../src/config/config';
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

/** The app as main.ts builds it (same module, pipes, filters, body limits), on the test database. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', ...env });
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register(config, testDatabaseUrl()),
    {
      bodyParser: false,
      logger: false,
    },
  );
  configureApp(app);
  await app.init();
  return {
    app,
    api: () => request(app.getHttpServer()),
    dataSource: app.get(DataSource),
    close: () => app.close(),
  };
}

/** Empties every table (not the migration history) and loads the built-in data again, as a fresh start would. */
export async function resetDatabase(app: NestExpressApplication): Promise<void> {
  const dataSource = app.get(DataSource);
  assertTestDatabase(testDatabaseUrl());
  const tables = dataSource.entityMetadatas.map((m) => `"${m.tableName}"`).join(', ');
  await dataSource.query(`TRUNCATE ${tables} RESTART IDENTITY CASCADE`);
  await app.get(AuthoritiesService).loadBuiltins();
  await app.get(AgreementsService).loadBuiltins();
}
