import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { DataController } from '../data-controllers/data-controller.entity';
import type { Role } from './roles';

/** An API key. Only its sha256 is stored; the key itself is shown once, at creation. */
@Entity({ name: 'api_key' })
@Check('ck_api_key_role', `"role" IN ('admin', 'responder', 'dpo', 'controller')`)
@Check('ck_api_key_controller_binding', `("role" = 'controller') = ("controller_id" IS NOT NULL)`)
export class ApiKey {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_api_key' })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ name: 'controller_id', type: 'uuid', nullable: true })
  controllerId: string | null;

  @ManyToOne(() => DataController, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'controller_id', foreignKeyConstraintName: 'fk_api_key_controller' })
  controller?: DataController;

  @Column({ type: 'varchar', length: 200, nullable: true })
  label: string | null;

  /** The first characters of the key, to recognise it in a list without revealing it. */
  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  /** sha256 of the key, hex. Keys are 256 random bits, so a fast hash is enough. */
  @Index('uq_api_key_hash', { unique: true })
  @Column({ name: 'key_hash', type: 'char', length: 64 })
  keyHash: string;

  /** The key that created this one; null for the bootstrap key and keys made on the command line. */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
