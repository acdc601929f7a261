import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DataController } from '../data-controllers/data-controller.entity';
import { Filing } from '../filings/filing.entity';
import { Obligation } from '../obligations/obligation.entity';
import { NoticeJob } from './notice-job.entity';

/**
 * What is stored of an item; what it shows (`done`, `sending` …) also reads its filing's delivery
 * (notice-job.util.ts). `filed`: its filing exists, and the outbox delivers it.
 */
export const ITEM_STATES = ['pending', 'waiting-instruction', 'filed', 'failed'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

/** One controller of a notice job. */
@Entity({ name: 'notice_job_item' })
@Index('ix_notice_job_item_waiting', ['controllerId'], { where: `"state" = 'waiting-instruction'` })
@Check('ck_notice_job_item_state', `"state" IN (${ITEM_STATES.map((s) => `'${s}'`).join(', ')})`)
@Check('ck_notice_job_item_filed', `("state" = 'filed') = ("filing_id" IS NOT NULL)`)
@Check('ck_notice_job_item_failed', `"state" <> 'failed' OR "last_error" IS NOT NULL`)
export class NoticeJobItem {
  @PrimaryColumn({ name: 'job_id', type: 'uuid', primaryKeyConstraintName: 'pk_notice_job_item' })
  jobId: string;

  @PrimaryColumn({ name: 'controller_id', type: 'uuid', primaryKeyConstraintName: 'pk_notice_job_item' })
  controllerId: string;

  @ManyToOne(() => NoticeJob, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'job_id', foreignKeyConstraintName: 'fk_notice_job_item_job' })
  job?: NoticeJob;

  @ManyToOne(() => DataController, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'controller_id', foreignKeyConstraintName: 'fk_notice_job_item_controller' })
  controller?: DataController;

  @Column({ name: 'obligation_id', type: 'uuid' })
  obligationId: string;

  @ManyToOne(() => Obligation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'obligation_id', foreignKeyConstraintName: 'fk_notice_job_item_obligation' })
  obligation?: Obligation;

  @Column({ type: 'varchar', length: 24 })
  state: ItemState;

  @Column({ name: 'filing_id', type: 'uuid', nullable: true })
  filingId: string | null;

  @ManyToOne(() => Filing, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'filing_id', foreignKeyConstraintName: 'fk_notice_job_item_filing' })
  filing?: Filing;

  /** Why it failed, or what it waits for; the last failed try while it is retried. */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /**
   * The outbox message (channel `job`) that files it now; a new one when it is resumed after an instruction. Its
   * attempts and last error are the item's until it is filed.
   */
  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
