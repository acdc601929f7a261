import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import type { Role } from '../access/roles';
import { Incident } from '../incidents/incident.entity';
import {
  NOTICE_KINDS,
  NOTICE_PHASES,
  type NoticeKind,
  type NoticePhase,
} from '../letters/notice-context.util';

/**
 * One request to give the notice of a phase to many controllers of an incident at once: each controller is an item
 * (notice_job_item), filed through FilingsService exactly as a single filing would be.
 */
@Entity({ name: 'notice_job' })
@Index('ix_notice_job_incident', ['incidentId', 'createdAt'])
@Check('ck_notice_job_kind', `"kind" IN (${NOTICE_KINDS.map((k) => `'${k}'`).join(', ')})`)
@Check('ck_notice_job_phase', `"phase" IN (${NOTICE_PHASES.map((p) => `'${p}'`).join(', ')})`)
export class NoticeJob {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_notice_job' })
  id: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @ManyToOne(() => Incident, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'fk_notice_job_incident' })
  incident?: Incident;

  @Column({ type: 'varchar', length: 32 })
  kind: NoticeKind;

  @Column({ type: 'varchar', length: 16 })
  phase: NoticePhase;

  /** Given with every item whose notice turns out late (Art. 33(1)); an on-time notice does not carry them. */
  @Column({ name: 'reasons_for_delay', type: 'text', nullable: true })
  reasonsForDelay: string | null;

  /** The key that started it: each item is filed as that key, so the trail names who gave every notice. */
  @Column({ name: 'created_by_key_id', type: 'uuid' })
  createdByKeyId: string;

  @Column({ name: 'created_by_role', type: 'varchar', length: 16 })
  createdByRole: Role;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
