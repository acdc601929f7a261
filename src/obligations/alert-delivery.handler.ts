import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/config';
import { NewOutboxMessage } from '../outbox/outbox.service';
import type { OutboxMessage } from '../outbox/outbox-message.entity';
import { Outbound } from '../outbox/outbound.driver';
import { OutboxHandler, OutboxWorker } from '../outbox/outbox.worker';
import { randomUUID } from 'node:crypto';

export const ALERT_KIND = 'deadline-alert';

/** What an alert says, for people and for machines. */
export interface AlertMessage {
  text: string;
  incidentId: string;
  incidentReference: string;
  incidentTitle: string;
  obligationId: string;
  /** GDPR's hop; null for another regime's stage. */
  hop: string | null;
  /** The regime the obligation is owed under, and its stage there (`stage` below is the alert's share of the window). */
  regime: string;
  regimeStage: string;
  /** The regime and stage for people: "gdpr · processor-to-controller". */
  label: string;
  /** Null for a duty of ours (a regime that applies to us, NIS2). */
  controllerId: string | null;
  controllerName: string | null;
  /** The alert's stage announced: the highest share of the window reached. */
  stage: number;
  /** Every stage this alert covers (several when they passed while nothing ran). */
  stages: number[];
  late: boolean;
  basis: string;
  dueAt: string;
  dueAtLocal: string;
  remaining: string;
}

/**
 * Deadline alerts: always to the log, at once; to ALERT_WEBHOOK_URL and ALERT_EMAILS through the outbox, enqueued
 * in the scan's transaction, so an instance dying after the scan and before the send loses none.
 */
@Injectable()
export class AlertDeliveryHandler implements OutboxHandler, OnModuleInit {
  private readonly logger = new Logger('Alert');

  constructor(
    private readonly config: AppConfig,
    private readonly worker: OutboxWorker,
  ) {}

  onModuleInit(): void {
    this.worker.register(ALERT_KIND, this);
  }

  /** The channels an alert goes to besides the log, with their delivery state at the start. */
  channels(): Record<string, string> {
    return {
      log: 'ok',
      ...(this.config.ALERT_WEBHOOK_URL ? { webhook: 'pending' } : {}),
      ...(this.config.ALERT_EMAILS && this.config.SMTP_URL ? { email: 'pending' } : {}),
    };
  }

  /** The outbox messages of one alert: one per configured channel. */
  messages(alert: AlertMessage): NewOutboxMessage[] {
    const base = {
      kind: ALERT_KIND,
      incidentId: alert.incidentId,
      obligationId: alert.obligationId,
      controllerId: null,
      payload: { alert: alert as unknown as Record<string, unknown> },
    };
    return [
      ...(this.config.ALERT_WEBHOOK_URL
        ? [{ ...base, id: randomUUID(), channel: 'webhook' as const, target: this.config.ALERT_WEBHOOK_URL }]
        : []),
      ...(this.config.ALERT_EMAILS && this.config.SMTP_URL
        ? [{ ...base, id: randomUUID(), channel: 'email' as const, target: this.config.ALERT_EMAILS }]
        : []),
    ];
  }

  log(alert: AlertMessage): void {
    this.logger.warn({ alert }, alert.text);
  }

  build(message: OutboxMessage): Promise<Outbound> {
    const alert = (message.payload as { alert: AlertMessage }).alert;
    if (message.channel === 'webhook') {
      return Promise.resolve({
        channel: 'webhook',
        url: message.target,
        headers: {},
        body: JSON.stringify({ type: 'breach-desk.deadline-alert', deliveryId: message.id, alert }),
      });
    }
    return Promise.resolve({
      channel: 'email',
      smtpUrl: this.config.SMTP_URL!,
      mail: {
        from: this.config.MAIL_FROM,
        to: message.target.split(',').map((a) => a.trim()),
        subject: `[Breach Desk] ${alert.incidentReference}: ${alert.stage}% of the ${alert.hop ?? alert.label} window used${alert.late ? ' (late alert)' : ''}`,
        text: `${alert.text}\n\nIncident: ${alert.incidentReference} ${alert.incidentTitle}\n${alert.controllerName ? `Controller: ${alert.controllerName}` : `Regime: ${alert.label} (our own duty)`}\nDue: ${alert.dueAtLocal} (${alert.basis})\nRemaining: ${alert.remaining}\nDelivery id: ${message.id}\n`,
      },
    });
  }

  delivered(em: EntityManager, message: OutboxMessage): Promise<void> {
    return this.settle(em, message, 'ok');
  }

  failed(em: EntityManager, message: OutboxMessage, _at: Date, detail: string): Promise<void> {
    this.logger.error(`Alert ${message.id} by ${message.channel} failed for good: ${detail}`);
    return this.settle(em, message, `failed: ${detail}`);
  }

  private async settle(em: EntityManager, message: OutboxMessage, state: string): Promise<void> {
    const alert = (message.payload as { alert: AlertMessage }).alert;
    await em.query(
      `UPDATE obligation_alert SET delivery = COALESCE(delivery, '{}'::jsonb) || jsonb_build_object($3::text, $4::text)
        WHERE obligation_id = $1 AND stage = $2`,
      [alert.obligationId, alert.stage, message.channel, state],
    );
  }
}
