import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '../common/canonical-json.util';

/** The hash the first row chains to. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * How a row's hash is made. 1: sha256, unkeyed: the rows written before the chain was keyed, which verify under the
 * rule they were written with. 2: HMAC-SHA256 under the audit key. 3: as 2, and the row's person (`actorUserId`, a
 * user signed in) is hashed too: every row written since people sign in. A row of a lower version after one of a
 * higher does not verify, so a forger cannot fall back to an older rule (one that leaves a field out of the hash).
 */
export type ChainVersion = 1 | 2 | 3;
export const CURRENT_CHAIN_VERSION: ChainVersion = 3;

export interface ChainedFields {
  seq: string;
  /** The instant at the precision PostgreSQL stores (timestamptz: microseconds), in UTC: see storedInstant. */
  at: string;
  actorKeyId: string | null;
  /** The person signed in (version 3 on); null for a key or the system. Not part of a version 1 or 2 row's hash. */
  actorUserId?: string | null;
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/**
 * A JS instant (milliseconds) as PostgreSQL gives it back with six fractional digits, so that the instant hashed on
 * write is the one read back on verify, whoever wrote the row.
 */
export function storedInstant(date: Date): string {
  return date.toISOString().replace(/Z$/, '000Z');
}

function payload(row: ChainedFields, at: string, withUser = false): string {
  return canonicalJson({
    seq: row.seq,
    at,
    actorKeyId: row.actorKeyId,
    ...(withUser ? { actorUserId: row.actorUserId ?? null } : {}),
    actorRole: row.actorRole,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before ?? null,
    after: row.after ?? null,
  });
}

/** Version 1: sha256 over the previous hash and the canonical row (sorted keys, instants in milliseconds). */
export function legacyChainHash(prevHash: string, row: ChainedFields): string {
  const at = row.at.replace(/(\.\d{3})\d*Z$/, '$1Z');
  return createHash('sha256').update(prevHash).update('\n').update(payload(row, at)).digest('hex');
}

/**
 * Versions 2 and 3: HMAC-SHA256 under the audit chain key over the previous hash and the canonical row (instants in
 * microseconds); version 3 includes actorUserId. Without the key no one can make a row that verifies, even with the
 * database in hand.
 */
export function chainHash(
  key: Buffer,
  prevHash: string,
  row: ChainedFields,
  version: 2 | 3 = CURRENT_CHAIN_VERSION as 3,
): string {
  return createHmac('sha256', key)
    .update(prevHash)
    .update('\n')
    .update(payload(row, row.at, version === 3))
    .digest('hex');
}

export interface StoredRow extends ChainedFields {
  chainVersion: number;
  prevHash: string;
  hash: string;
}

/** The head of the chain at an instant, signed: kept outside the database, it is what the chain must still hold. */
export interface Checkpoint {
  /** seq of the last row ('0' for an empty chain). */
  seq: string;
  /** Its hash (GENESIS_HASH for an empty chain). */
  hash: string;
  /** When the checkpoint was made (ISO 8601). */
  at: string;
  /** HMAC-SHA256 under the audit checkpoint key, hex. */
  signature: string;
}

function checkpointMessage(head: Omit<Checkpoint, 'signature'>): string {
  return `breach-desk.audit-checkpoint.v1\n${head.seq}\n${head.hash}\n${head.at}`;
}

export function signCheckpoint(key: Buffer, head: Omit<Checkpoint, 'signature'>): Checkpoint {
  const signature = createHmac('sha256', key).update(checkpointMessage(head)).digest('hex');
  return { seq: head.seq, hash: head.hash, at: head.at, signature };
}

export function isSignedCheckpoint(key: Buffer, checkpoint: Checkpoint): boolean {
  const expected = Buffer.from(signCheckpoint(key, checkpoint).signature, 'hex');
  const given = Buffer.from(checkpoint.signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface CheckpointOutcome {
  seq: string;
  /** The chain still holds that row, with that hash, and every row up to it verifies. */
  holds: boolean;
  /** `missing`: the chain no longer reaches that row (a cut tail, a wiped table); `changed`: it or a row before it is not what it was. */
  reason?: 'missing' | 'changed';
}

export interface VerifyResult {
  ok: boolean;
  rows: number;
  /** seq of the first row whose hash, link, version or position does not hold. */
  firstBrokenAt?: string;
  checkpoint?: CheckpointOutcome;
}

/** Checks rows in order, carrying the state across batches; with a checkpoint, also that the chain still holds it. */
export class ChainVerifier {
  private prevHash = GENESIS_HASH;
  private expectedSeq = 1n;
  /** The highest version seen so far: a row of a lower one after it does not verify. */
  private highestVersion = 0;
  private count = 0;
  private broken: string | undefined;
  /** The hash found at the checkpoint's seq, and whether every row up to it verified. */
  private atCheckpoint: { hash: string; intact: boolean } | undefined;

  constructor(
    private readonly key: Buffer,
    private readonly checkpoint?: Pick<Checkpoint, 'seq' | 'hash'>,
  ) {}

  add(row: StoredRow): void {
    this.count++;
    if (this.broken === undefined && !this.fits(row)) this.broken = row.seq;
    this.highestVersion = Math.max(this.highestVersion, row.chainVersion);
    if (this.checkpoint && row.seq === this.checkpoint.seq) {
      this.atCheckpoint = { hash: row.hash, intact: this.broken === undefined };
    }
    this.prevHash = row.hash;
    this.expectedSeq = BigInt(row.seq) + 1n;
  }

  private fits(row: StoredRow): boolean {
    if (BigInt(row.seq) !== this.expectedSeq || row.prevHash !== this.prevHash) return false;
    if (row.chainVersion < this.highestVersion) return false;
    if (row.chainVersion === 2 || row.chainVersion === 3)
      return chainHash(this.key, row.prevHash, row, row.chainVersion) === row.hash;
    if (row.chainVersion === 1) return legacyChainHash(row.prevHash, row) === row.hash;
    return false;
  }

  result(): VerifyResult {
    const checkpoint = this.checkpoint && this.checkpointOutcome(this.checkpoint);
    const ok = this.broken === undefined && (checkpoint?.holds ?? true);
    return {
      ok,
      rows: this.count,
      ...(this.broken !== undefined ? { firstBrokenAt: this.broken } : {}),
      ...(checkpoint ? { checkpoint } : {}),
    };
  }

  private checkpointOutcome(checkpoint: Pick<Checkpoint, 'seq' | 'hash'>): CheckpointOutcome {
    const { seq } = checkpoint;
    if (seq === '0') {
      return checkpoint.hash === GENESIS_HASH
        ? { seq, holds: true }
        : { seq, holds: false, reason: 'changed' };
    }
    if (!this.atCheckpoint) return { seq, holds: false, reason: 'missing' };
    return this.atCheckpoint.intact && this.atCheckpoint.hash === checkpoint.hash
      ? { seq, holds: true }
      : { seq, holds: false, reason: 'changed' };
  }
}
