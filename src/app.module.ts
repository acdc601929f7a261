import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { AccessModule } from './access/access.module';
import { AgreementsModule } from './agreements/agreements.module';
import { RegimesModule } from './regimes/regimes.module';
import { AuditModule } from './audit/audit.module';
import { AuthoritiesModule } from './authorities/authorities.module';
import { ClockModule } from './clock/clock.module';
import { OutboxModule } from './outbox/outbox.module';
import { AllExceptionsFilter } from './common/exception.filter';
import { logOutput } from './common/log-output';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { ServiceKeys } from './config/service-keys';
import { DataControllersModule } from './data-controllers/data-controllers.module';
import { dataSourceOptions } from './database/data-source-options';
import { runMigrations } from './database/migrate.util';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { IncidentsModule } from './incidents/incidents.module';
import { FormsModule } from './forms/forms.module';
import { ReportsModule } from './regimes/reports/reports.module';
import { DecisionsModule } from './decisions/decisions.module';
import { RegisterModule } from './register/register.module';
import { FilingsModule } from './filings/filings.module';
import { NoticeJobsModule } from './notice-jobs/notice-jobs.module';
import { AssistanceModule } from './assistance/assistance.module';
import { TimelineModule } from './timeline/timeline.module';
import { ScheduleModule } from '@nestjs/schedule';
import { WebModule } from './web/web.module';

/** The request id: the caller's `X-Request-Id` when it sends a sane one, else a new uuid. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

@Module({})
export class AppModule {
  /**
   * @param config validated configuration; `databaseUrl` is DATABASE_URL or the embedded server's; `keys` from
   * resolveServiceKeys.
   */
  static register(
    config: AppConfig,
    databaseUrl: string,
    keys: ServiceKeys,
    options: { logStream?: DestinationStream } = {},
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.register(config, keys),
        LoggerModule.forRoot({
          pinoHttp: [
            {
              level: config.LOG_LEVEL,
              genReqId: requestId,
              customProps: (req) => ({ requestId: req.id }),
              // Only what identifies the request is logged: never its headers, so credentials never reach the log.
              serializers: {
                req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({
                  id: req.id,
                  method: req.method,
                  // The path only: a query string is no place for secrets, but if one is sent there it is not kept.
                  url: req.url.split('?')[0],
                  remoteAddress: req.remoteAddress,
                }),
                res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
              },
              autoLogging: { ignore: (req) => req.url === '/health' },
            },
            logOutput(config, options.logStream),
          ],
        }),
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(databaseUrl),
          // Migrations run at start-up, one instance at a time; synchronize stays off.
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            await runMigrations(dataSource);
            return dataSource;
          },
        }),
        ClockModule,
        MetricsModule.register(config),
        OutboxModule,
        AuditModule,
        AccessModule,
        HealthModule,
        AuthoritiesModule,
        AgreementsModule,
        RegimesModule,
        DataControllersModule,
        TimelineModule,
        IncidentsModule,
        FormsModule,
        ReportsModule,
        DecisionsModule,
        RegisterModule,
        FilingsModule,
        NoticeJobsModule,
        AssistanceModule,
        WebModule,
        ScheduleModule.forRoot(),
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
