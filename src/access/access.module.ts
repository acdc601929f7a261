import { Global, Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/config';
import { AccessGuard } from './access.guard';
import { ApiKey } from './api-key.entity';
import { AuthFailure } from './auth-failure.entity';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { AuthFailureLimiter } from './auth-failure.limiter';
import { UsersModule } from '../users/users.module';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ApiKey, AuthFailure]), UsersModule],
  controllers: [ApiKeysController],
  providers: [ApiKeysService, AuthFailureLimiter, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [ApiKeysService, AuthFailureLimiter],
})
export class AccessModule implements OnApplicationBootstrap {
  constructor(
    private readonly keys: ApiKeysService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.BOOTSTRAP_ADMIN_KEY) await this.keys.ensureBootstrapKey(this.config.BOOTSTRAP_ADMIN_KEY);
  }
}
