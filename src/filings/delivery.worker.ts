import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, LessThan, Or } from 'typeorm';
import { SYSTEM_ACTOR } from '../access/roles';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/config';
import { DataController } from '../data-controllers/data-controller.entity';
import { Incident } from '../incidents/incident.entity';
import { sendMail } from '../mail/mail.driver';
import { TimelineService } from '../timeline/timeline.service';
import { postWebhook } from './delivery.driver';
import { FilingAttempt } from './filing-attempt.entity';
import { FilingDocument } from './filing-document.entity';
import { Filing } from './filing.entity';
import { NoticeEffects } from './notice-effects.service';

const LEASE_MS = 5 * 60_000;

/** Delivers filed notices by e-mail and webhook, with retries, one instance at a time per filing. */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger(DeliveryWorker.name);
  /** Deliveries under way in this process (awaited on shutdown and by tests). */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly effects: NoticeEffects,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
  ) {}

  /** Deliveries left pending by a stop (their lease run out) are taken up again. */
  async onApplicationBootstrap(): Promise<void> {
    const pending = await this.dataSource.manager.find(Filing, {
      where: { status: 'pending', leaseUntil: Or(IsNull(), LessThan(this.clock.now())) },
      select: { id: true },
    });
    for (const f of pending) this.deliverInBackground(f.id);
  }

  /** Waits for every delivery under way in this process. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  deliverInBackground(id: string): void {
    const run = this.deliver(id)
      .catch((error: unknown) =>
        this.logger.error(
          `Delivery of filing ${id} failed: ${error instanceof Error ? error.stack : String(error)}`,
        ),
      )
      .finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  /** Tries, waits and tries again (exponential backoff), logging every attempt. */
  private async deliver(id: string): Promise<void> {
    const leased = await this.dataSource.query<{ id: string }[]>(
      `UPDATE filing SET lease_until = $2 WHERE id = $1 AND status = 'pending' AND (lease_until IS NULL OR lease_until < $3) RETURNING id`,
      [id, new Date(this.clock.now().getTime() + LEASE_MS), this.clock.now()],
    );
    if (leased.length === 0) return;
    const em = this.dataSource.manager;
    const filing = await em.findOneByOrFail(Filing, { id });
    const documents = new Map(
      (await em.find(FilingDocument, { where: { filingId: id } })).map((d) => [d.format, d]),
    );
    const controller = await em
      .createQueryBuilder(DataController, 'c')
      .addSelect('c.webhookSecret')
      .where('c.id = :id', { id: filing.controllerId })
      .getOneOrFail();
    const incident = await em.findOneByOrFail(Incident, { id: filing.incidentId });
    let attempt = await em.count(FilingAttempt, { where: { filingId: id } });

    while (attempt < this.config.DELIVERY_MAX_ATTEMPTS) {
      attempt++;
      const outcome =
        filing.channel === 'webhook'
          ? await postWebhook(
              filing.recipient,
              controller.webhookSecret!,
              documents.get('json')!.content.toString('utf8'),
              id,
              this.clock.now(),
            )
          : await sendMail(this.config.SMTP_URL!, {
              from: this.config.MAIL_FROM,
              to: filing.recipient,
              subject: `[${incident.reference}] ${firstLine(documents.get('txt')!.content)}`,
              text: documents.get('txt')!.content.toString('utf8'),
              html: documents.get('html')!.content.toString('utf8'),
              attachments: [
                {
                  filename: `${incident.reference}-${filing.kind}-${filing.phase}.pdf`,
                  content: documents.get('pdf')!.content,
                  contentType: 'application/pdf',
                },
              ],
            });
      const at = this.clock.now();
      await em.insert(FilingAttempt, { filingId: id, attempt, at, ok: outcome.ok, detail: outcome.detail });
      if (outcome.ok) {
        await this.dataSource.transaction(async (tx) => {
          const row = await tx.findOneOrFail(Filing, { where: { id }, lock: { mode: 'pessimistic_write' } });
          row.status = 'delivered';
          row.deliveredAt = at;
          row.leaseUntil = null;
          await tx.save(row);
          await this.effects.delivered(tx, row, at, SYSTEM_ACTOR);
          await this.audit.record(tx, {
            actor: SYSTEM_ACTOR,
            action: 'filing.delivered',
            entityType: 'filing',
            entityId: id,
            after: { deliveredAt: at.toISOString(), attempt, detail: outcome.detail },
          });
        });
        return;
      }
      this.logger.warn(`Filing ${id}: attempt ${attempt} by ${filing.channel} failed (${outcome.detail})`);
      if (attempt < this.config.DELIVERY_MAX_ATTEMPTS)
        await sleep(this.config.DELIVERY_BACKOFF_MS * 2 ** (attempt - 1));
    }
    await this.dataSource.transaction(async (tx) => {
      await tx.update(Filing, { id }, { status: 'failed', leaseUntil: null });
      await this.timeline.append(tx, {
        incidentId: filing.incidentId,
        at: this.clock.now(),
        kind: 'filing-failed',
        actor: SYSTEM_ACTOR,
        controllerId: filing.controllerId,
        data: { filingId: id, attempts: attempt },
      });
      await this.audit.record(tx, {
        actor: SYSTEM_ACTOR,
        action: 'filing.failed',
        entityType: 'filing',
        entityId: id,
        after: { attempts: attempt },
      });
    });
  }
}

function firstLine(content: Buffer): string {
  return content.toString('utf8').split('\n')[0];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
