import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuditActor } from '../access/roles';
import { TimelineEntry, TimelineKind } from './timeline-entry.entity';

export interface NewTimelineEntry {
  incidentId: string;
  at: Date;
  kind: TimelineKind;
  actor: AuditActor;
  controllerId?: string | null;
  data: Record<string, unknown>;
}

@Injectable()
export class TimelineService {
  /** Appends entries inside the caller's transaction. */
  async append(em: EntityManager, ...entries: NewTimelineEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await em.insert(
      TimelineEntry,
      entries.map((e) => ({
        incidentId: e.incidentId,
        at: e.at,
        kind: e.kind,
        actorKeyId: e.actor.keyId,
        actorRole: e.actor.role,
        controllerId: e.controllerId ?? null,
        data: e.data as never,
      })),
    );
  }
}
