import { Injectable, Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { IntervalScheduler } from '../common/interval.scheduler';
import { AppConfig } from '../config/config';
import { AlertsService } from './alerts.service';

/**
 * Runs the alert scan every ALERT_SCAN_INTERVAL_SECONDS (0: off), and once at start, so that stages passed while
 * the service was down fire at once. A scan still running when the next is due is not overlapped.
 */
@Injectable()
export class AlertScheduler extends IntervalScheduler {
  private readonly log = new Logger(AlertScheduler.name);
  protected readonly job = {
    name: 'alert-scan',
    label: 'Alert scan',
    seconds: () => this.config.ALERT_SCAN_INTERVAL_SECONDS,
    offHint: 'ALERT_SCAN_INTERVAL_SECONDS=0',
  };

  constructor(
    private readonly alerts: AlertsService,
    private readonly config: AppConfig,
    registry: SchedulerRegistry,
  ) {
    super(registry);
  }

  protected async run(): Promise<void> {
    const r = await this.alerts.scan();
    if (r.alerts > 0) this.log.log(`Alert scan: ${r.alerts} alert(s) for ${r.obligations} obligation(s)`);
  }
}
