import { Logger } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { sendMail } from '../filings/delivery.driver';
import { OutboundPolicy, outboundPolicy } from '../outbound/address-policy.util';
import { isSuccess, safePost } from '../outbound/safe-http.driver';

/** What an alert says, for people and for machines. */
export interface AlertMessage {
  text: string;
  incidentId: string;
  incidentReference: string;
  incidentTitle: string;
  obligationId: string;
  hop: string;
  controllerId: string;
  controllerName: string;
  /** The stage announced: the highest one reached. */
  stage: number;
  /** Every stage this alert covers (several when they passed while nothing ran). */
  stages: number[];
  late: boolean;
  basis: string;
  dueAt: string;
  dueAtLocal: string;
  remaining: string;
}

/** An outside boundary an alert goes through. */
export interface AlertChannel {
  readonly name: string;
  send(alert: AlertMessage): Promise<void>;
}

export const ALERT_CHANNELS = Symbol('ALERT_CHANNELS');

class LogChannel implements AlertChannel {
  readonly name = 'log';
  private readonly logger = new Logger('Alert');
  send(alert: AlertMessage): Promise<void> {
    this.logger.warn({ alert }, alert.text);
    return Promise.resolve();
  }
}

class WebhookChannel implements AlertChannel {
  readonly name = 'webhook';
  constructor(
    private readonly url: string,
    private readonly policy: OutboundPolicy,
  ) {}
  async send(alert: AlertMessage): Promise<void> {
    const res = await safePost(
      this.url,
      {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'breach-desk.deadline-alert', alert }),
        timeoutMs: 10_000,
      },
      this.policy,
    );
    if (!isSuccess(res.status)) throw new Error(`webhook answered ${res.status}`);
  }
}

class EmailChannel implements AlertChannel {
  readonly name = 'email';
  constructor(
    private readonly smtpUrl: string,
    private readonly from: string,
    private readonly to: string[],
  ) {}
  async send(alert: AlertMessage): Promise<void> {
    const outcome = await sendMail(this.smtpUrl, {
      from: this.from,
      to: this.to,
      subject: `[Breach Desk] ${alert.incidentReference}: ${alert.stage}% of the ${alert.hop} window used${alert.late ? ' (late alert)' : ''}`,
      text: `${alert.text}\n\nIncident: ${alert.incidentReference} ${alert.incidentTitle}\nController: ${alert.controllerName}\nDue: ${alert.dueAtLocal} (${alert.basis})\nRemaining: ${alert.remaining}\n`,
    });
    if (!outcome.ok) throw new Error(outcome.detail);
  }
}

/** The log always; a webhook and e-mail where configured. */
export function alertChannels(config: AppConfig): AlertChannel[] {
  const channels: AlertChannel[] = [new LogChannel()];
  if (config.ALERT_WEBHOOK_URL)
    channels.push(new WebhookChannel(config.ALERT_WEBHOOK_URL, outboundPolicy(config)));
  if (config.ALERT_EMAILS && config.SMTP_URL) {
    const to = config.ALERT_EMAILS.split(',').map((a) => a.trim());
    channels.push(new EmailChannel(config.SMTP_URL, config.MAIL_FROM, to));
  }
  return channels;
}
