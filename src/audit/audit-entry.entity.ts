import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row of the Art. 33(5) trail. Append-only: the database refuses UPDATE, DELETE and TRUNCATE (triggers, see the
 * migrations), and each row carries the keyed hash of the one before, so a change made behind the triggers' back
 * shows; checkpoints kept outside the database show a cut tail or a wiped table.
 */
@Entity({ name: 'audit_entry' })
@Check('ck_audit_entry_chain_version', `"chain_version" IN (1, 2, 3)`)
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

  /** The person signed in who did it (chain version 3 on); null for an API key or the system. */
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

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

  /** How `hash` is made (audit-chain.util ChainVersion): 1 unkeyed (rows from before the keyed chain), 2 keyed, 3 keyed with the person. */
  @Column({ name: 'chain_version', type: 'smallint' })
  chainVersion: number;
}
