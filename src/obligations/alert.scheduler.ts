import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../config/config';
import { AlertsService } from './alerts.service';

const INTERVAL = 'alert-scan';

/**
 * Runs the alert scan every ALERT_SCAN_INTERVAL_SECONDS (0: off), and once at start, so that stages passed while
 * the service was down fire at once. A scan still running when the next is due is not overlapped.
 */
@Injectable()
export class AlertScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertScheduler.name);
  private running: Promise<void> | undefined;
  private paused = false;

  constructor(
    private readonly alerts: AlertsService,
    private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.ALERT_SCAN_INTERVAL_SECONDS;
    if (seconds === 0) {
      this.logger.warn('Alert scan is off (ALERT_SCAN_INTERVAL_SECONDS=0)');
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

  /** No scan starts until resume(); resolves once the one under way has finished (e.g. before a test resets tables). */
  async pause(): Promise<void> {
    this.paused = true;
    await this.running;
  }

  /** Scans again, at once and then at each interval. */
  resume(): void {
    this.paused = false;
    if (this.config.ALERT_SCAN_INTERVAL_SECONDS > 0) void this.tick();
  }

  private async tick(): Promise<void> {
    if (this.running || this.paused) return;
    this.running = this.alerts
      .scan()
      .then((r) => {
        if (r.alerts > 0)
          this.logger.log(`Alert scan: ${r.alerts} alert(s) for ${r.obligations} obligation(s)`);
      })
      .catch((error: unknown) =>
        this.logger.error(`Alert scan failed: ${error instanceof Error ? error.stack : String(error)}`),
      )
      .finally(() => {
        this.running = undefined;
      });
    await this.running;
  }
}
