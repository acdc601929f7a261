import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/config';
import { AuditEntry } from './audit-entry.entity';
import { AuditCheckpointScheduler } from './audit-checkpoint.scheduler';
import { AuditCheckpointsService } from './audit-checkpoints.service';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { CHECKPOINT_SINKS, checkpointSinks } from './checkpoint-sinks.driver';

/** Global: every module that writes records its writes here. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntry])],
  controllers: [AuditController],
  providers: [
    AuditService,
    AuditCheckpointsService,
    AuditCheckpointScheduler,
    { provide: CHECKPOINT_SINKS, useFactory: checkpointSinks, inject: [AppConfig] },
  ],
  exports: [AuditService],
})
export class AuditModule {}
