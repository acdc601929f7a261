import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuditActor } from '../access/roles';
import { ObligationsService } from '../obligations/obligations.service';
import { Filing } from './filing.entity';

/**
 * What a notice reaching its recipient does to the clock, for a filing recorded by hand and for one the delivery worker
 * delivered alike. The obligations module makes the change; this says which.
 */
@Injectable()
export class NoticeEffects {
  constructor(private readonly obligations: ObligationsService) {}

  /**
   * A delivered notice meets its obligation (where it can: see meetsObligation), and our notice to the controller makes
   * the controller aware (the anchor of its 72 h, unless it was aware earlier).
   */
  async delivered(em: EntityManager, filing: Filing, at: Date, actor: AuditActor): Promise<void> {
    if (filing.meetsObligation) {
      const lateDelivery = `Filed on time (${filing.issuedAt.toISOString()}); delivery completed only at ${at.toISOString()}`;
      await this.obligations.meetByNotice(
        em,
        { incidentId: filing.incidentId, obligationId: filing.obligationId },
        {
          at,
          // A notice filed in time whose delivery took long is late by the delivery: that is its reason.
          reasonsForDelay: filing.reasonsForDelay ?? (filing.channel === 'manual' ? null : lateDelivery),
          filingId: filing.id,
        },
        actor,
      );
    }
    if (filing.kind === 'controller-notice') await this.reachedController(em, filing, at, 'delivery', actor);
  }

  /** The controller confirmed receipt: it was aware then at the latest. True when that set its awareness. */
  async acknowledged(em: EntityManager, filing: Filing, at: Date, actor: AuditActor): Promise<boolean> {
    if (filing.kind !== 'controller-notice') return false;
    return this.reachedController(em, filing, at, 'acknowledgement', actor);
  }

  private reachedController(
    em: EntityManager,
    filing: Filing,
    at: Date,
    source: 'delivery' | 'acknowledgement',
    actor: AuditActor,
  ): Promise<boolean> {
    return this.obligations.noticeReachedController(
      em,
      {
        incidentId: filing.incidentId,
        controllerId: filing.controllerId,
        at,
        source,
        filingId: filing.id,
        reason:
          source === 'delivery'
            ? `Our notice delivered by ${filing.channel} (filing ${filing.id})`
            : `Acknowledged our notice (filing ${filing.id})`,
      },
      actor,
    );
  }
}
