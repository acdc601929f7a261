import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './config';
import { ServiceKeys } from './service-keys';

/** Provides the validated configuration and the service's keys to every module. */
@Global()
@Module({})
export class ConfigModule {
  static register(config: AppConfig, keys: ServiceKeys): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: ServiceKeys, useValue: keys },
      ],
      exports: [AppConfig, ServiceKeys],
    };
  }
}
