import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Incident } from '../incidents/incident.entity';
import type { FieldState } from './catalogue';

/** The current answer to one field of an incident's notification content. Every change is in the timeline. */
@Entity({ name: 'form_answer' })
@Check('ck_form_answer_state', `"state" IN ('known', 'unknown', 'not-applicable')`)
@Check('ck_form_answer_known_has_value', `"state" <> 'known' OR "value" IS NOT NULL`)
@Check('ck_form_answer_na_has_reason', `"state" <> 'not-applicable' OR "reason" IS NOT NULL`)
export class FormAnswer {
  @PrimaryColumn({ name: 'incident_id', type: 'uuid', primaryKeyConstraintName: 'pk_form_answer' })
  incidentId: string;

  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_form_answer' })
  key: string;

  @ManyToOne(() => Incident, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'fk_form_answer_incident' })
  incident?: Incident;

  @Column({ type: 'varchar', length: 16 })
  state: FieldState;

  @Column({ type: 'jsonb', nullable: true })
  value: unknown;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'updated_by_key_id', type: 'uuid', nullable: true })
  updatedByKeyId: string | null;

  @Column({ name: 'updated_by_role', type: 'varchar', length: 16 })
  updatedByRole: string;
}
