import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { ConfigValidationError, loadConfig } from './config/config';
import { resolveServiceKeys } from './config/service-keys';
import { EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres.driver';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const keys = await resolveServiceKeys(config);

  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({
      dir: config.EMBEDDED_PG_DIR,
      port: config.EMBEDDED_PG_PORT,
      database: 'breach_desk',
    });
    databaseUrl = embedded.url;
  }

  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register(config, databaseUrl, keys),
    {
      bufferLogs: true,
      bodyParser: false,
    },
  );
  configureApp(app);
  await app.listen(config.PORT, config.HOST);
  // Through the app's logger, so that these lines take the log format too (pretty on a terminal, else JSON).
  const logger = new Logger('Breach Desk');
  logger.log({
    msg: `Breach Desk listening on http://localhost:${config.PORT} (API docs at /docs)`,
    database: embedded ? `embedded PostgreSQL in ${config.EMBEDDED_PG_DIR}` : 'DATABASE_URL',
  });

  // Close the app (and its pool) before the embedded database, so that PostgreSQL stops cleanly.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: shutting down`);
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(signal));
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigValidationError) {
    console.error(error.message);
  } else {
    console.error('Breach Desk failed to start:', error);
  }
  process.exit(1);
});
