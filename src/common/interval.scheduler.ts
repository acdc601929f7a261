import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';

/**
 * A job run every N seconds (0: off) and once at start, never overlapping itself, that can be paused (and is paused
 * on shutdown, waiting for the run under way). The alert scan and the audit checkpoints are both one of these.
 */
export abstract class IntervalScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(this.constructor.name);
  private running: Promise<void> | undefined;
  private paused = false;

  /** The interval's name in the registry, what the job is called in the log, and its seconds (0: off). */
  protected abstract readonly job: { name: string; label: string; seconds: () => number; offHint: string };

  protected constructor(private readonly registry: SchedulerRegistry) {}

  /** One run of the job. */
  protected abstract run(): Promise<void>;

  onApplicationBootstrap(): void {
    const seconds = this.job.seconds();
    if (seconds === 0) {
      this.logger.warn(`${this.job.label} is off (${this.job.offHint})`);
      return;
    }
    void this.tick();
    this.registry.addInterval(
      this.job.name,
      setInterval(() => void this.tick(), seconds * 1000),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.registry.doesExist('interval', this.job.name)) this.registry.deleteInterval(this.job.name);
    await this.pause();
  }

  /** No run starts until resume(); resolves once the one under way has finished (e.g. before a test resets tables). */
  async pause(): Promise<void> {
    this.paused = true;
    await this.running;
  }

  /** Runs again, at once and then at each interval. */
  resume(): void {
    this.paused = false;
    if (this.job.seconds() > 0) void this.tick();
  }

  private async tick(): Promise<void> {
    if (this.running || this.paused) return;
    this.running = this.run()
      .catch((error: unknown) =>
        this.logger.error(
          `${this.job.label} failed: ${error instanceof Error ? error.stack : String(error)}`,
        ),
      )
      .finally(() => {
        this.running = undefined;
      });
    await this.running;
  }
}
