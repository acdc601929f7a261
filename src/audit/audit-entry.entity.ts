import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row of the Art. 33(5) trail. Append-only: the database refuses UPDATE and DELETE (a trigger, see the
 * migration), and each row carries the hash of the one before, so a change made behind the trigger's back shows.
 */
@Entity({ name: 'audit_entry' })
@Index('ix_audit_entry_entity', ['entityType', 'entityId', 'seq'])
@Index('ix_audit_entry_at', ['at'])
export class AuditEntry {
  /** Position in the chain: 1, 2, 3 … with no gaps (appends are serialised). */
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_audit_entry' })
  seq: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'actor_key_id', type: 'uuid', nullable: true })
  actorKeyId: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole: string;

  /** What was done, e.g. `agreement.update`. */
  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 64 })
  entityType: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 128 })
  entityId: string;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
