import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '../access/roles';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/config';
import { DataControllersService } from '../data-controllers/data-controllers.service';
import { Incident } from '../incidents/incident.entity';
import type { OutboxMessage } from '../outbox/outbox-message.entity';
import { Outbound } from '../outbox/outbound.driver';
import { NOTICE_OUTBOX_KIND } from '../outbox/outbox.service';
import { OutboxHandler, OutboxWorker } from '../outbox/outbox.worker';
import { TimelineService } from '../timeline/timeline.service';
import { SIGNATURE_HEADER, signWebhook } from './delivery.driver';
import { FilingDocument } from './filing-document.entity';
import { Filing } from './filing.entity';
import { NoticeEffects } from './notice-effects.service';

export const NOTICE_KIND = NOTICE_OUTBOX_KIND;

/**
 * How a filed notice goes out through the outbox, and what its delivery or failure does. The message id is the
 * filing's id: the notice's `noticeId`, sent as the delivery id on every try.
 */
@Injectable()
export class NoticeDeliveryHandler implements OutboxHandler, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly worker: OutboxWorker,
    private readonly effects: NoticeEffects,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    private readonly controllers: DataControllersService,
  ) {}

  onModuleInit(): void {
    this.worker.register(NOTICE_KIND, this);
  }

  /** The stored documents, exactly as filed; a webhook signed with the controller's current secret. */
  async build(message: OutboxMessage): Promise<Outbound> {
    const em = this.dataSource.manager;
    const filing = await em.findOneByOrFail(Filing, { id: message.id });
    const documents = new Map(
      (await em.find(FilingDocument, { where: { filingId: filing.id } })).map((d) => [d.format, d]),
    );
    if (message.channel === 'webhook') {
      const secret = await this.controllers.webhookSecretOf(filing.controllerId);
      if (!secret) throw new Error(`Controller ${filing.controllerId} has no webhook secret any more`);
      const body = documents.get('json')!.content.toString('utf8');
      return {
        channel: 'webhook',
        url: filing.recipient,
        headers: {
          [SIGNATURE_HEADER]: signWebhook(secret, body, Math.floor(Date.now() / 1000)),
          'X-Breach-Desk-Notice-Id': filing.id,
        },
        body,
      };
    }
    const incident = await em.findOneByOrFail(Incident, { id: filing.incidentId });
    const txt = documents.get('txt')!.content.toString('utf8');
    return {
      channel: 'email',
      smtpUrl: this.config.SMTP_URL!,
      mail: {
        from: this.config.MAIL_FROM,
        to: filing.recipient,
        subject: `[${incident.reference}] ${txt.split('\n')[0]}`,
        text: txt,
        html: documents.get('html')!.content.toString('utf8'),
        attachments: [
          {
            filename: `${incident.reference}-${filing.kind}-${filing.phase}.pdf`,
            content: documents.get('pdf')!.content,
            contentType: 'application/pdf',
          },
        ],
      },
    };
  }

  async delivered(em: EntityManager, message: OutboxMessage, at: Date, detail: string): Promise<void> {
    const filing = await em.findOneOrFail(Filing, {
      where: { id: message.id },
      lock: { mode: 'pessimistic_write' },
    });
    filing.status = 'delivered';
    filing.deliveredAt = at;
    await em.save(filing);
    await this.effects.delivered(em, filing, at, SYSTEM_ACTOR);
    await this.audit.record(em, {
      actor: SYSTEM_ACTOR,
      action: 'filing.delivered',
      entityType: 'filing',
      entityId: filing.id,
      after: { deliveredAt: at.toISOString(), attempt: message.attempts, detail },
    });
  }

  async failed(em: EntityManager, message: OutboxMessage, at: Date, detail: string): Promise<void> {
    const filing = await em.findOneOrFail(Filing, {
      where: { id: message.id },
      lock: { mode: 'pessimistic_write' },
    });
    filing.status = 'failed';
    await em.save(filing);
    await this.timeline.append(em, {
      incidentId: filing.incidentId,
      at,
      kind: 'filing-failed',
      actor: SYSTEM_ACTOR,
      controllerId: filing.controllerId,
      data: { filingId: filing.id, attempts: message.attempts, detail },
    });
    await this.audit.record(em, {
      actor: SYSTEM_ACTOR,
      action: 'filing.failed',
      entityType: 'filing',
      entityId: filing.id,
      after: { attempts: message.attempts, detail },
    });
  }
}
