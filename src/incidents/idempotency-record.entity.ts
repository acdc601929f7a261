import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The first response to a request sent with an Idempotency-Key, replayed to every retry of it. */
@Entity({ name: 'idempotency_record' })
export class IdempotencyRecord {
  /** The key a client sent, scoped to the API key that sent it. */
  @PrimaryColumn({ name: 'actor_key_id', type: 'uuid', primaryKeyConstraintName: 'pk_idempotency_record' })
  actorKeyId: string;

  @PrimaryColumn({ type: 'varchar', length: 200, primaryKeyConstraintName: 'pk_idempotency_record' })
  key: string;

  @Column({ type: 'varchar', length: 64 })
  scope: string;

  /** sha256 of the request body, so that a key reused for another request is refused. */
  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash: string;

  @Column({ name: 'response_status', type: 'int', nullable: true })
  responseStatus: number | null;

  @Column({ name: 'response_body', type: 'jsonb', nullable: true })
  responseBody: Record<string, unknown> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
