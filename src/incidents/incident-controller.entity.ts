import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DataController } from '../data-controllers/data-controller.entity';
import { Incident } from './incident.entity';

/** A controller affected by an incident. */
@Entity({ name: 'incident_controller' })
@Index('ix_incident_controller_controller', ['controllerId'])
export class IncidentController {
  @PrimaryColumn({ name: 'incident_id', type: 'uuid', primaryKeyConstraintName: 'pk_incident_controller' })
  incidentId: string;

  @PrimaryColumn({ name: 'controller_id', type: 'uuid', primaryKeyConstraintName: 'pk_incident_controller' })
  controllerId: string;

  @ManyToOne(() => Incident, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'fk_incident_controller_incident' })
  incident?: Incident;

  @ManyToOne(() => DataController, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'controller_id', foreignKeyConstraintName: 'fk_incident_controller_controller' })
  controller?: DataController;

  @Column({ name: 'added_at', type: 'timestamptz' })
  addedAt: Date;
}
