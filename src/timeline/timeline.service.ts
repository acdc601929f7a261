import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuditActor } from '../access/roles';
import { ComposedStatement, jsonRows, prepared, runPrepared } from '../database/composed-statement.util';
import { TimelineKind } from './timeline-entry.entity';

export interface NewTimelineEntry {
  incidentId: string;
  at: Date;
  kind: TimelineKind;
  actor: AuditActor;
  controllerId?: string | null;
  data: Record<string, unknown>;
}

const COLUMNS = [
  ['incident_id', 'uuid'],
  ['at', 'timestamptz'],
  ['kind', 'varchar'],
  ['actor_key_id', 'uuid'],
  ['actor_role', 'varchar'],
  ['controller_id', 'uuid'],
  ['data', 'jsonb'],
] as const;

/** The insert of entries given as one JSON parameter; seq (insertion order) follows the order given. */
function insertSql(placeholder: string): string {
  return `INSERT INTO timeline_entry (${COLUMNS.map(([c]) => c).join(', ')}) ${jsonRows(placeholder, COLUMNS)}`;
}

function rowsJson(entries: readonly NewTimelineEntry[]): string {
  return JSON.stringify(
    entries.map((e) => ({
      incident_id: e.incidentId,
      at: e.at,
      kind: e.kind,
      actor_key_id: e.actor.keyId,
      actor_role: e.actor.role,
      controller_id: e.controllerId ?? null,
      data: e.data,
    })),
  );
}

@Injectable()
export class TimelineService {
  /** Appends entries inside the caller's transaction, in one statement however many there are. */
  async append(em: EntityManager, ...entries: NewTimelineEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await runPrepared(em, prepared(insertSql('$1::json'), [rowsJson(entries)]));
  }

  /** Adds the append of these entries to a statement that writes several tables at once (the intake's). */
  appendPart(statement: ComposedStatement, entries: readonly NewTimelineEntry[]): void {
    if (entries.length === 0) return;
    statement.with('timeline_rows', insertSql(statement.param(rowsJson(entries), 'json')));
  }
}
