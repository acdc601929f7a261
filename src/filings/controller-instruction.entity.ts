import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DataController } from '../data-controllers/data-controller.entity';

export const INSTRUCTION_SCOPES = ['authority-notification', 'data-subject-notice'] as const;
export type InstructionScope = (typeof INSTRUCTION_SCOPES)[number];

/**
 * A controller's written instruction that we may communicate on its behalf (Dotnet Internals 8.4, alfaview Clause 5).
 */
@Entity({ name: 'controller_instruction' })
@Index('ix_controller_instruction_controller', ['controllerId', 'scope'])
@Check('ck_controller_instruction_scope', `"scope" IN ('authority-notification', 'data-subject-notice')`)
export class ControllerInstruction {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_controller_instruction' })
  id: string;

  @Column({ name: 'controller_id', type: 'uuid' })
  controllerId: string;

  @ManyToOne(() => DataController, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'controller_id', foreignKeyConstraintName: 'fk_controller_instruction_controller' })
  controller?: DataController;

  @Column({ type: 'varchar', length: 32 })
  scope: InstructionScope;

  /** Who at the controller gave it. */
  @Column({ name: 'given_by', type: 'varchar', length: 200 })
  givenBy: string;

  @Column({ name: 'given_at', type: 'timestamptz' })
  givenAt: Date;

  /** Where it is written down: an e-mail, a letter, a ticket. */
  @Column({ type: 'varchar', length: 500 })
  reference: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  @Column({ name: 'recorded_by_key_id', type: 'uuid', nullable: true })
  recordedByKeyId: string | null;
}
