import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { OutboxAttempt } from './outbox-attempt.entity';
import { OutboxChannel, OutboxMessage } from './outbox-message.entity';

/** The kind of our notices to controllers (and the texts sent to them for the authority or data subjects). */
export const NOTICE_OUTBOX_KIND = 'breach-notice';

export interface NewOutboxMessage {
  /** The delivery id; a notice uses its filing's id. */
  id: string;
  kind: string;
  channel: OutboxChannel;
  target: string;
  incidentId: string | null;
  obligationId: string | null;
  controllerId: string | null;
  payload: Record<string, unknown>;
}

/** A delivery that gave up, as the on-call view and the incident show it. */
export interface FailedDelivery {
  deliveryId: string;
  kind: string;
  channel: OutboxChannel;
  target: string;
  incidentId: string | null;
  obligationId: string | null;
  controllerId: string | null;
  attempts: number;
  lastError: string | null;
  failedAt: string;
}

/**
 * The outbox's table, written and read here only. Messages are enqueued inside the transaction of the event that
 * causes them (an alert stage fired, a notice filed), so one is never sent for an event rolled back, nor lost for one
 * that committed. The worker (outbox.worker.ts) sends them.
 */
@Injectable()
export class OutboxService {
  async enqueue(em: EntityManager, messages: NewOutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await em
      .createQueryBuilder()
      .insert()
      .into(OutboxMessage)
      .values(
        messages.map((m) => ({
          ...m,
          payload: m.payload as QueryDeepPartialEntity<OutboxMessage['payload']>,
          status: 'pending' as const,
          attempts: 0,
          nextAttemptAt: () => 'clock_timestamp()',
        })),
      )
      .execute();
  }

  /** Every try at these messages, oldest first. */
  async attempts(em: EntityManager, messageIds: string[]): Promise<OutboxAttempt[]> {
    if (messageIds.length === 0) return [];
    return em.find(OutboxAttempt, { where: { messageId: In(messageIds) }, order: { attempt: 'ASC' } });
  }

  /** Where these messages stand: status, tries so far and the last error, by message id. */
  async states(
    em: EntityManager,
    ids: string[],
  ): Promise<Map<string, Pick<OutboxMessage, 'status' | 'attempts' | 'lastError'>>> {
    if (ids.length === 0) return new Map();
    const rows = await em.find(OutboxMessage, {
      select: { id: true, status: true, attempts: true, lastError: true },
      where: { id: In(ids) },
    });
    return new Map(rows.map((m) => [m.id, m]));
  }

  /** Deliveries that gave up, for these obligations or incidents (a controller only its own notices). */
  async failed(
    em: EntityManager,
    by: { obligationIds?: string[]; incidentIds?: string[]; controllerId?: string },
  ): Promise<FailedDelivery[]> {
    const qb = em.createQueryBuilder(OutboxMessage, 'm').where(`m.status = 'failed'`);
    if (by.obligationIds) {
      if (by.obligationIds.length === 0) return [];
      qb.andWhere('m.obligation_id IN (:...obligationIds)', { obligationIds: by.obligationIds });
    }
    if (by.incidentIds) {
      if (by.incidentIds.length === 0) return [];
      qb.andWhere('m.incident_id IN (:...incidentIds)', { incidentIds: by.incidentIds });
    }
    if (by.controllerId) qb.andWhere('m.controller_id = :cid', { cid: by.controllerId });
    const rows = await qb.orderBy('m.failed_at', 'ASC').getMany();
    return rows.map((m) => ({
      deliveryId: m.id,
      kind: m.kind,
      channel: m.channel,
      target: m.target,
      incidentId: m.incidentId,
      obligationId: m.obligationId,
      controllerId: m.controllerId,
      attempts: m.attempts,
      lastError: m.lastError,
      failedAt: m.failedAt!.toISOString(),
    }));
  }

  /** How many messages wait or are being sent, and how many gave up: for the metrics and the tests. */
  async depth(em: EntityManager): Promise<{ pending: number; sending: number; failed: number }> {
    const rows = await em.query<{ status: string; n: string }[]>(
      `SELECT status, count(*) AS n FROM outbox_message WHERE status IN ('pending', 'sending', 'failed') GROUP BY status`,
    );
    const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
    return { pending: n('pending'), sending: n('sending'), failed: n('failed') };
  }
}
