import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Incident } from '../incidents/incident.entity';
import type { Phase } from './catalogue';

/** A phase someone declared complete (only possible with nothing missing). */
@Entity({ name: 'form_phase' })
@Check('ck_form_phase_phase', `"phase" IN ('initial', 'scope', 'impact', 'response', 'communication')`)
export class FormPhase {
  @PrimaryColumn({ name: 'incident_id', type: 'uuid', primaryKeyConstraintName: 'pk_form_phase' })
  incidentId: string;

  @PrimaryColumn({ type: 'varchar', length: 16, primaryKeyConstraintName: 'pk_form_phase' })
  phase: Phase;

  @ManyToOne(() => Incident, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'fk_form_phase_incident' })
  incident?: Incident;

  @Column({ name: 'completed_at', type: 'timestamptz' })
  completedAt: Date;

  @Column({ name: 'completed_by_key_id', type: 'uuid', nullable: true })
  completedByKeyId: string | null;

  @Column({ name: 'completed_by_role', type: 'varchar', length: 16 })
  completedByRole: string;
}
