import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DataController } from '../data-controllers/data-controller.entity';
import { Incident } from '../incidents/incident.entity';

/** Time spent assisting a controller with a breach, as the agreements bill it (hourly rates, documented costs). */
@Entity({ name: 'assistance_entry' })
@Index('ix_assistance_entry_controller', ['controllerId', 'at'])
@Check('ck_assistance_entry_minutes', `"minutes" > 0`)
export class AssistanceEntry {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_assistance_entry' })
  id: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @ManyToOne(() => Incident, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'fk_assistance_entry_incident' })
  incident?: Incident;

  @Column({ name: 'controller_id', type: 'uuid' })
  controllerId: string;

  @ManyToOne(() => DataController, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'controller_id', foreignKeyConstraintName: 'fk_assistance_entry_controller' })
  controller?: DataController;

  @Column({ type: 'int' })
  minutes: number;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'by_key_id', type: 'uuid', nullable: true })
  byKeyId: string | null;

  @Column({ name: 'by_role', type: 'varchar', length: 16 })
  byRole: string;
}
