import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { ObligationsModule } from '../obligations/obligations.module';
import { MetricsCollectors } from './metrics.collectors';
import { MetricsController } from './metrics.controller';
import { MetricsServer } from './metrics.server';
import { MetricsService } from './metrics.service';

/**
 * The service's metrics in the Prometheus format: at GET /metrics for an admin key, or, with METRICS_PORT set, on
 * that port without a key and not on the main one. Global, so that any module can record into MetricsService.
 */
@Global()
@Module({})
export class MetricsModule {
  static register(config: AppConfig): DynamicModule {
    const ownPort = config.METRICS_PORT !== undefined;
    return {
      module: MetricsModule,
      imports: [ObligationsModule],
      controllers: ownPort ? [] : [MetricsController],
      providers: [MetricsService, MetricsCollectors, ...(ownPort ? [MetricsServer] : [])],
      exports: [MetricsService],
    };
  }
}
