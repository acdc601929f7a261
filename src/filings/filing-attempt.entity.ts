import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Filing } from './filing.entity';

/** One try at delivering a filing: when, how it went. */
@Entity({ name: 'filing_attempt' })
@Index('ix_filing_attempt_filing', ['filingId', 'attempt'])
export class FilingAttempt {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_filing_attempt' })
  id: string;

  @Column({ name: 'filing_id', type: 'uuid' })
  filingId: string;

  @ManyToOne(() => Filing, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'filing_id', foreignKeyConstraintName: 'fk_filing_attempt_filing' })
  filing?: Filing;

  @Column({ type: 'int' })
  attempt: number;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'boolean' })
  ok: boolean;

  /** "250 OK", "HTTP 503", a network error … */
  @Column({ type: 'text' })
  detail: string;
}
