import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OutboxMessage } from './outbox-message.entity';

/** One try at sending an outbox message: when, by which instance, how it went. */
@Entity({ name: 'outbox_attempt' })
export class OutboxAttempt {
  @PrimaryColumn({ name: 'message_id', type: 'uuid', primaryKeyConstraintName: 'pk_outbox_attempt' })
  messageId: string;

  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'pk_outbox_attempt' })
  attempt: number;

  @ManyToOne(() => OutboxMessage, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'message_id', foreignKeyConstraintName: 'fk_outbox_attempt_message' })
  message?: OutboxMessage;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'boolean' })
  ok: boolean;

  /** "250 OK", "HTTP 503", a network error … */
  @Column({ type: 'text' })
  detail: string;

  @Column({ name: 'instance_id', type: 'varchar', length: 64 })
  instanceId: string;
}
