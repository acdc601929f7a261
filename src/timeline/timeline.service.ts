import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
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
  ['id', 'uuid'],
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

/** The rows as one JSON parameter, each with its id made here (so that a caller can refer to it in the same transaction). */
function rowsJson(entries: readonly NewTimelineEntry[], ids: readonly string[]): string {
  return JSON.stringify(
    entries.map((e, i) => ({
      id: ids[i],
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
    const ids = entries.map(() => randomUUID());
    await runPrepared(em, prepared(insertSql('$1::json'), [rowsJson(entries, ids)]));
  }

  /** Adds the append of these entries to a statement that writes several tables at once (the intake's); their ids. */
  appendPart(statement: ComposedStatement, entries: readonly NewTimelineEntry[]): string[] {
    if (entries.length === 0) return [];
    const ids = entries.map(() => randomUUID());
    statement.with('timeline_rows', insertSql(statement.param(rowsJson(entries, ids), 'json')));
    return ids;
  }

  /**
   * Adds the completion of an entry written earlier in the same transaction, before what it records was known (the
   * intake's reference, drawn under the counter's lock after the entry was written). Never for a committed entry:
   * the timeline is a record.
   */
  completePart(statement: ComposedStatement, id: string, data: Record<string, unknown>): void {
    statement.with(
      'timeline_completed',
      `UPDATE timeline_entry SET data = ${statement.param(JSON.stringify(data), 'jsonb')} WHERE id = ${statement.param(id, 'uuid')}`,
    );
  }
}
