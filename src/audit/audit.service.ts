import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { AuditActor } from '../access/roles';
import { Clock } from '../clock/clock';
import { ServiceKeys } from '../config/service-keys';
import {
  ChainVerifier,
  Checkpoint,
  chainHash,
  CURRENT_CHAIN_VERSION,
  GENESIS_HASH,
  isSignedCheckpoint,
  StoredRow,
  storedInstant,
  VerifyResult,
} from './audit-chain.util';
import { ComposedStatement, jsonRows } from '../database/composed-statement.util';
import { AuditEntry } from './audit-entry.entity';
import { AuditQueryDto } from './dto/audit-query.dto';
import { AuditEntryDto, AuditPageDto, mapAuditEntry } from './dto/audit-entry.dto';
import { AuditException, AuditExceptionCode } from './audit.exception';

/** Serialises appends, so that each row links to the one committed before it. Held until the write commits. */
const AUDIT_LOCK = 0x42_44_61_75; // "BDau"
const VERIFY_BATCH = 5000;

// Ordered by the column (e.seq), not by its text alias: as text, '9' would come after '10'.
const CHAIN_HEAD_SQL = 'SELECT e.seq::text AS seq, e.hash FROM audit_entry e ORDER BY e.seq DESC LIMIT 1';
const AUDIT_COLUMNS = [
  ['seq', 'bigint'],
  ['at', 'timestamptz'],
  ['actor_key_id', 'uuid'],
  ['actor_user_id', 'uuid'],
  ['actor_role', 'varchar'],
  ['action', 'varchar'],
  ['entity_type', 'varchar'],
  ['entity_id', 'varchar'],
  ['before', 'jsonb'],
  ['after', 'jsonb'],
  ['prev_hash', 'char(64)'],
  ['hash', 'char(64)'],
  ['chain_version', 'smallint'],
] as const;

/** The last row of the chain: its seq and hash. */
export interface ChainHead {
  seq: string;
  hash: string;
}

export interface AuditRecord {
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly keys: ServiceKeys,
  ) {}

  /**
   * Appends rows to the trail inside the caller's transaction: the write and its record commit together or not at
   * all. Call it once, after the write's own changes, so that the chain lock is held as briefly as possible.
   */
  async record(em: EntityManager, ...records: AuditRecord[]): Promise<void> {
    if (!em.queryRunner?.isTransactionActive) {
      throw new Error('AuditService.record must run inside the transaction of the write it records');
    }
    if (records.length === 0) return;
    await em.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
    const [last] = await em.query<ChainHead[]>(CHAIN_HEAD_SQL);
    const rows = this.chain(last, this.clock.now(), records);
    // jsonb columns typed as records do not fit TypeORM's deep-partial type; the rows are complete entities.
    await em.insert(
      AuditEntry,
      rows.map((row) => em.create(AuditEntry, row)) as QueryDeepPartialEntity<AuditEntry>[],
    );
  }

  /**
   * For a write that appends in its own last statement (the intake, see IncidentsService.create): the statements that
   * take the chain's lock and read its head, to be sent in one simple query after the write's other locks. Separate
   * statements, not one: each statement reads its own snapshot, so the head is read after the lock is granted and is
   * the row the previous holder committed.
   */
  readonly chainLockStatement = `SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`;
  readonly chainHeadStatement = CHAIN_HEAD_SQL;

  /** The rows these records make after the head read under the lock, hashed in order (seq, link, keyed hash). */
  chain(head: ChainHead | undefined, at: Date, records: readonly AuditRecord[]): AuditEntry[] {
    let seq = head ? BigInt(head.seq) : 0n;
    let prevHash = head?.hash ?? GENESIS_HASH;
    return records.map((r) => {
      seq += 1n;
      const row = {
        seq: seq.toString(),
        at: storedInstant(at),
        // A person's Actor carries their id as keyId too (see Actor); the trail keeps it apart, as the person.
        actorKeyId: r.actor.userId ? null : r.actor.keyId,
        actorUserId: r.actor.userId ?? null,
        actorRole: r.actor.role,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        // Stored as the JSON it will be read back as, so that the hash verifies after the round trip.
        before: toJson(r.before),
        after: toJson(r.after),
      };
      const hash = chainHash(this.keys.auditChain, prevHash, row);
      const entry = Object.assign(new AuditEntry(), {
        ...row,
        at,
        prevHash,
        hash,
        chainVersion: CURRENT_CHAIN_VERSION,
      });
      prevHash = hash;
      return entry;
    });
  }

  /** Adds the insert of rows made by `chain` to a statement that writes several tables at once. */
  appendPart(statement: ComposedStatement, rows: readonly AuditEntry[]): void {
    if (rows.length === 0) return;
    const json = JSON.stringify(
      rows.map((r) => ({
        seq: r.seq,
        at: r.at,
        actor_key_id: r.actorKeyId,
        actor_user_id: r.actorUserId,
        actor_role: r.actorRole,
        action: r.action,
        entity_type: r.entityType,
        entity_id: r.entityId,
        before: r.before,
        after: r.after,
        prev_hash: r.prevHash,
        hash: r.hash,
        chain_version: r.chainVersion,
      })),
    );
    statement.with(
      'audit_rows',
      `INSERT INTO audit_entry (${AUDIT_COLUMNS.map(([c]) => c).join(', ')}) ${jsonRows(statement.param(json, 'json'), AUDIT_COLUMNS)}`,
    );
  }

  async find(query: AuditQueryDto): Promise<AuditPageDto> {
    const qb = this.dataSource
      .getRepository(AuditEntry)
      .createQueryBuilder('e')
      .orderBy('e.seq', 'ASC')
      .limit(query.limit + 1);
    if (query.entityType) qb.andWhere('e.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: query.entityId });
    if (query.from) qb.andWhere('e.at >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('e.at < :to', { to: new Date(query.to) });
    if (query.after) qb.andWhere('e.seq > :after', { after: query.after });
    const rows = await qb.getMany();
    const items: AuditEntryDto[] = rows.slice(0, query.limit).map(mapAuditEntry);
    return { items, next: rows.length > query.limit ? items[items.length - 1].seq : null };
  }

  /** The last row's seq and hash ('0' and GENESIS_HASH for an empty chain). Appends commit in seq order. */
  async head(): Promise<{ seq: string; hash: string }> {
    const [last] = await this.dataSource.query<{ seq: string; hash: string }[]>(
      'SELECT seq::text AS seq, hash FROM audit_entry e ORDER BY e.seq DESC LIMIT 1',
    );
    return last ?? { seq: '0', hash: GENESIS_HASH };
  }

  /**
   * Recomputes the whole chain in order and reports the first row that does not hold. Given a checkpoint, also says
   * whether the chain still holds that head unchanged: a cut tail or a wiped table verifies on its own, not against
   * a checkpoint taken before. A checkpoint not signed with this service's key is refused.
   */
  async verify(checkpoint?: Checkpoint): Promise<VerifyResult> {
    if (checkpoint && !isSignedCheckpoint(this.keys.auditCheckpoint, checkpoint)) {
      throw new AuditException(
        AuditExceptionCode.CHECKPOINT_NOT_SIGNED,
        "The checkpoint is not signed with this service's audit key",
        [{ field: 'signature', messages: ['does not match: not a checkpoint of this trail, or altered'] }],
      );
    }
    const verifier = new ChainVerifier(this.keys.auditChain, checkpoint);
    let after = '0';
    for (;;) {
      // The instant as text at the stored precision (microseconds), as it was hashed; jsonb comes back parsed.
      const batch = await this.dataSource.query<StoredRow[]>(
        `SELECT seq::text AS seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at,
                actor_key_id AS "actorKeyId", actor_user_id AS "actorUserId", actor_role AS "actorRole", action, entity_type AS "entityType",
                entity_id AS "entityId", before, after, chain_version AS "chainVersion", prev_hash AS "prevHash", hash
           FROM audit_entry e WHERE e.seq > $1 ORDER BY e.seq LIMIT $2`,
        [after, VERIFY_BATCH],
      );
      batch.forEach((row) => verifier.add(row));
      if (batch.length < VERIFY_BATCH) return verifier.result();
      after = batch[batch.length - 1].seq;
    }
  }
}

function toJson(value: unknown): Record<string, unknown> | null {
  return value == null ? null : (JSON.parse(JSON.stringify(value)) as Record<string, unknown>);
}
