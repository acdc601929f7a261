import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Obligation } from './obligation.entity';

/** A stage that has fired for an obligation. The key makes each (obligation, stage) fire exactly once. */
@Entity({ name: 'obligation_alert' })
@Check('ck_obligation_alert_stage', `"stage" IN (50, 80, 100)`)
export class ObligationAlert {
  @PrimaryColumn({ name: 'obligation_id', type: 'uuid', primaryKeyConstraintName: 'pk_obligation_alert' })
  obligationId: string;

  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'pk_obligation_alert' })
  stage: number;

  @ManyToOne(() => Obligation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'obligation_id', foreignKeyConstraintName: 'fk_obligation_alert_obligation' })
  obligation?: Obligation;

  @Column({ name: 'fired_at', type: 'timestamptz' })
  firedAt: Date;

  /** The stage was reached while nothing ran (downtime): fired at the next scan, later than it should have been. */
  @Column({ type: 'boolean' })
  late: boolean;

  /** Fired together with a higher stage: recorded, not announced on its own. */
  @Column({ type: 'boolean', default: false })
  superseded: boolean;

  /** Where the message went: channel → "ok" or the error. */
  @Column({ type: 'jsonb', nullable: true })
  delivery: Record<string, string> | null;
}
