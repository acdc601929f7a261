import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { SYSTEM_ACTOR } from '../access/roles';
import { AuditRecord, AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/config';
import { DataController } from '../data-controllers/data-controller.entity';
import { Incident } from '../incidents/incident.entity';
import { NewTimelineEntry, TimelineService } from '../timeline/timeline.service';
import { AlertDeliveryHandler, AlertMessage } from './alert-delivery.handler';
import { NewOutboxMessage, OutboxService } from '../outbox/outbox.service';
import { OutboxWorker } from '../outbox/outbox.worker';
import { loadById } from '../common/by-id.util';
import { Clock } from '../clock/clock';
import { MetricsService } from '../metrics/metrics.service';
import {
  AlertStage,
  formatRemaining,
  inZone,
  nextStageAt,
  remainingMs,
  stageAt,
  stagesDue,
} from './deadline.util';
import { ObligationAlert } from './obligation-alert.entity';
import { Obligation } from './obligation.entity';
import { obligationLabel } from './obligation.util';

/** Obligations claimed per transaction. */
const BATCH = 200;
const HOP_NAMES: Record<string, string> = {
  'processor-to-controller': 'processor → controller',
  'controller-to-authority': 'controller → authority',
  'controller-to-data-subjects': 'controller → data subjects',
};

/** lagMs: how long after the stage's instant it fired (for the metrics). */
interface FiredAlert {
  obligationId: string;
  message: AlertMessage;
  lagMs: number;
}

export interface ScanResult {
  alerts: number;
  obligations: number;
}

/**
 * Fires the 50 / 80 / 100 % stages of open obligations, each exactly once, with any number of instances scanning
 * one database: obligations are claimed with FOR UPDATE SKIP LOCKED, and (obligation, stage) is a primary key.
 * Stages that passed while nothing ran fire at the next scan, marked late; several passed at once make one alert.
 */
@Injectable()
export class AlertsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly timeline: TimelineService,
    private readonly alerts: AlertDeliveryHandler,
    private readonly outbox: OutboxService,
    private readonly worker: OutboxWorker,
    private readonly metrics: MetricsService,
  ) {}

  async scan(): Promise<ScanResult> {
    const total: ScanResult = { alerts: 0, obligations: 0 };
    for (;;) {
      const { claimed, messages } = await this.dataSource.transaction((em) =>
        this.claimBatch(em, this.clock.now()),
      );
      total.obligations += claimed;
      total.alerts += messages.length;
      // Logged after the commit: a line never announces a stage that was then rolled back. The webhook and the
      // e-mail were enqueued in the same transaction; the outbox sends them.
      for (const { message, lagMs } of messages) {
        this.alerts.log(message);
        this.metrics.observeAlertLag(message.stage, lagMs / 1000);
      }
      if (messages.length > 0) this.worker.kick();
      if (claimed < BATCH) return total;
    }
  }

  private async claimBatch(
    em: EntityManager,
    now: Date,
  ): Promise<{ claimed: number; messages: FiredAlert[] }> {
    // Reads the partial index ix_obligation_next_alert; rows another instance holds are skipped, not waited for.
    const rows = await em
      .createQueryBuilder(Obligation, 'o')
      .where('o.next_alert_at <= :now', { now })
      .orderBy('o.next_alert_at', 'ASC')
      .limit(BATCH)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
    if (rows.length === 0) return { claimed: 0, messages: [] };

    const ids = rows.map((r) => r.id);
    const firedBefore = await em.find(ObligationAlert, { where: { obligationId: In(ids) } });
    const incidents = await loadById(
      em,
      Incident,
      rows.map((r) => r.incidentId),
    );
    const controllers = await loadById(
      em,
      DataController,
      rows.flatMap((r) => (r.controllerId ? [r.controllerId] : [])),
    );
    const lateAfterMs = Math.max(2 * this.config.ALERT_SCAN_INTERVAL_SECONDS, 120) * 1000;
    const messages: FiredAlert[] = [];
    const timeline: NewTimelineEntry[] = [];
    const audit: AuditRecord[] = [];
    const outbox: NewOutboxMessage[] = [];

    for (const o of rows) {
      const fired = firedBefore.filter((a) => a.obligationId === o.id).map((a) => a.stage as AlertStage);
      const due =
        o.status === 'open' && o.anchorAt && o.dueAt ? stagesDue(o.anchorAt, o.dueAt, now, fired) : [];
      o.nextAlertAt =
        o.status === 'open' && o.anchorAt && o.dueAt
          ? nextStageAt(o.anchorAt, o.dueAt, [...fired, ...due])
          : null;
      await em.update(Obligation, { id: o.id }, { nextAlertAt: o.nextAlertAt });
      if (due.length === 0) continue;

      const stage = due[due.length - 1];
      const lagMs = now.getTime() - stageAt(o.anchorAt!, o.dueAt!, stage).getTime();
      const late = lagMs > lateAfterMs;
      const inserted = await em
        .createQueryBuilder()
        .insert()
        .into(ObligationAlert)
        .values(
          due.map((s) => ({
            obligationId: o.id,
            stage: s,
            firedAt: now,
            late,
            superseded: s !== stage,
            ...(s === stage ? { delivery: this.alerts.channels() } : {}),
          })),
        )
        .orIgnore()
        .returning(['stage'])
        .execute();
      if ((inserted.raw as unknown[]).length !== due.length)
        throw new Error(`stage fired twice for obligation ${o.id}`);

      const incident = incidents.get(o.incidentId)!;
      const controller = o.controllerId ? controllers.get(o.controllerId)! : null;
      const left = remainingMs(o.dueAt!, now);
      const dueAtLocal = inZone(o.dueAt!, controller?.timeZone ?? o.rule?.timeZone ?? 'UTC');
      const label = obligationLabel(o);
      const whose = controller
        ? `for ${controller.name}`
        : `(our own duty${o.rule?.recipientName ? ` to ${o.rule.recipientName}` : ''})`;
      const message: AlertMessage = {
        text:
          `${incident.reference} · ${o.hop ? HOP_NAMES[o.hop] : label} ${whose}: ${stage} % of the window used` +
          `${late ? ' (late alert: this stage passed while no scan ran)' : ''}; due ${dueAtLocal} (${o.basis}), ` +
          `${left >= 0 ? `${formatRemaining(left)} left` : `overdue by ${formatRemaining(left).slice(1)}`}`,
        incidentId: incident.id,
        incidentReference: incident.reference,
        incidentTitle: incident.title,
        obligationId: o.id,
        hop: o.hop,
        regime: o.regime,
        regimeStage: o.stage,
        label,
        controllerId: controller?.id ?? null,
        controllerName: controller?.name ?? null,
        stage,
        stages: due,
        late,
        basis: o.basis,
        dueAt: o.dueAt!.toISOString(),
        dueAtLocal,
        remaining: formatRemaining(left),
      };
      messages.push({ obligationId: o.id, message, lagMs });
      outbox.push(...this.alerts.messages(message));
      timeline.push({
        incidentId: o.incidentId,
        at: now,
        kind: 'alert',
        actor: SYSTEM_ACTOR,
        controllerId: o.controllerId,
        data: { obligationId: o.id, hop: o.hop, ...o.label, stage, stages: due, late, dueAt: message.dueAt },
      });
      audit.push({
        actor: SYSTEM_ACTOR,
        action: 'obligation.alert',
        entityType: 'obligation',
        entityId: o.id,
        after: { stage, stages: due, late, dueAt: message.dueAt },
      });
    }
    await this.timeline.append(em, ...timeline);
    await this.audit.record(em, ...audit);
    await this.outbox.enqueue(em, outbox);
    return { claimed: rows.length, messages };
  }
}
