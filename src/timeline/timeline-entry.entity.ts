import { Column, Entity, Generated, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Incident } from '../incidents/incident.entity';

export const TIMELINE_KINDS = [
  'created',
  'change',
  'note',
  'controller-added',
  'anchor-set',
  'obligation-met',
  'obligation-not-required',
  'alert',
  'form-saved',
  'phase-completed',
  'decision',
  'obligation-reopened',
  'obligation-opened',
  'filing',
  'filing-failed',
  'notice-acknowledged',
  'instruction-recorded',
  'assistance',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** One event in an incident's life: who, when, what, and before → after where something changed. */
@Entity({ name: 'timeline_entry' })
@Index('ix_timeline_entry_incident', ['incidentId', 'seq'])
export class TimelineEntry {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_timeline_entry' })
  id: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @ManyToOne(() => Incident, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'fk_timeline_entry_incident' })
  incident?: Incident;

  @Column({ type: 'timestamptz' })
  at: Date;

  /** Insertion order: entries made in one instant (one transaction) keep the order they were written in. */
  @Column({ type: 'bigint' })
  @Generated('increment')
  seq: string;

  @Column({ type: 'varchar', length: 32 })
  kind: TimelineKind;

  @Column({ name: 'actor_key_id', type: 'uuid', nullable: true })
  actorKeyId: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole: string;

  /** The controller an entry is about; null for the incident as a whole. Scopes what a controller key sees. */
  @Column({ name: 'controller_id', type: 'uuid', nullable: true })
  controllerId: string | null;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;
}
