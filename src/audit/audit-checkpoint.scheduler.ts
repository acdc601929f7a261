import { Injectable } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { IntervalScheduler } from '../common/interval.scheduler';
import { AppConfig } from '../config/config';
import { AuditCheckpointsService } from './audit-checkpoints.service';

/**
 * Writes a checkpoint of the audit chain every AUDIT_CHECKPOINT_INTERVAL_SECONDS (0: off), and once at start, so
 * that the head the service found on starting is on record too. One still being written is not overlapped.
 */
@Injectable()
export class AuditCheckpointScheduler extends IntervalScheduler {
  protected readonly job = {
    name: 'audit-checkpoint',
    label: 'Audit checkpoints',
    seconds: () => this.config.AUDIT_CHECKPOINT_INTERVAL_SECONDS,
    offHint: 'AUDIT_CHECKPOINT_INTERVAL_SECONDS=0',
  };

  constructor(
    private readonly checkpoints: AuditCheckpointsService,
    private readonly config: AppConfig,
    registry: SchedulerRegistry,
  ) {
    super(registry);
  }

  protected async run(): Promise<void> {
    await this.checkpoints.issue();
  }
}
