import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../config/config';
import { AuditCheckpointsService } from './audit-checkpoints.service';

const INTERVAL = 'audit-checkpoint';

/**
 * Writes a checkpoint of the audit chain every AUDIT_CHECKPOINT_INTERVAL_SECONDS (0: off), and once at start, so
 * that the head the service found on starting is on record too. One still being written is not overlapped.
 */
@Injectable()
export class AuditCheckpointScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditCheckpointScheduler.name);
  private running: Promise<void> | undefined;
  private paused = false;

  constructor(
    private readonly checkpoints: AuditCheckpointsService,
    private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.AUDIT_CHECKPOINT_INTERVAL_SECONDS;
    if (seconds === 0) {
      this.logger.warn('Audit checkpoints are off (AUDIT_CHECKPOINT_INTERVAL_SECONDS=0)');
      return;
    }
    void this.tick();
    this.registry.addInterval(
      INTERVAL,
      setInterval(() => void this.tick(), seconds * 1000),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.registry.doesExist('interval', INTERVAL)) this.registry.deleteInterval(INTERVAL);
    await this.pause();
  }

  /** No checkpoint starts until resume(); resolves once the one under way is written (e.g. before a test reset). */
  async pause(): Promise<void> {
    this.paused = true;
    await this.running;
  }

  /** Writes checkpoints again, one at once and then at each interval. */
  resume(): void {
    this.paused = false;
    if (this.config.AUDIT_CHECKPOINT_INTERVAL_SECONDS > 0) void this.tick();
  }

  private async tick(): Promise<void> {
    if (this.running || this.paused) return;
    this.running = this.checkpoints
      .issue()
      .then(() => undefined)
      .catch((error: unknown) =>
        this.logger.error(`Audit checkpoint failed: ${error instanceof Error ? error.stack : String(error)}`),
      )
      .finally(() => {
        this.running = undefined;
      });
    await this.running;
  }
}
