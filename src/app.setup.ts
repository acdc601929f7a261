import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { InputSafetyInterceptor } from './common/input-safety.interceptor';
import { validationPipeOptions } from './common/validation';
import { MetricsService } from './metrics/metrics.service';
import { AppConfig } from './config/config';

/** Everything main.ts applies to the app; e2e tests apply the same, so they test what production runs. */
export function configureApp(app: NestExpressApplication): INestApplication {
  app.useLogger(app.get(Logger));
  // First, so that every request is timed, also those refused before any route (a body too large, bad JSON).
  app.use(app.get(MetricsService).httpMiddleware);
  app.use(
    helmet({
      contentSecurityPolicy: {
        // The pages load only their own script and stylesheet; a service reached over plain http on a LAN or
        // localhost must not have its assets rewritten to https.
        directives: { 'upgrade-insecure-requests': null },
      },
    }),
  );
  app.useBodyParser('json', { limit: '1mb' });
  // Before any handler and its validation: text PostgreSQL can store, JSON no deeper than 32 levels.
  app.useGlobalInterceptors(new InputSafetyInterceptor());
  app.useGlobalPipes(new ValidationPipe(validationPipeOptions));
  app.set('query parser', 'extended');
  // Behind a TLS-terminating proxy: req.secure (the session cookie's Secure flag) and req.ip come from its headers.
  app.set('trust proxy', trustProxy(app.get(AppConfig).TRUST_PROXY));

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Breach Desk')
      .setDescription(
        'Personal-data breaches under GDPR Art. 33 and 34: incidents, the notification clock, the record.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}

/** TRUST_PROXY as express takes it: true/false, a hop count, or addresses and subnets (comma-separated). */
export function trustProxy(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}
