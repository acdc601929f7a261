import { createHash } from 'node:crypto';
import { canonicalJson } from '../common/canonical-json.util';

/** The hash the first row chains to. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  seq: string;
  at: Date;
  actorKeyId: string | null;
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** sha256 over the previous hash and a canonical serialisation (sorted keys, ISO instants) of the row. */
export function chainHash(prevHash: string, row: ChainedFields): string {
  const payload = canonicalJson({
    seq: row.seq,
    at: row.at.toISOString(),
    actorKeyId: row.actorKeyId,
    actorRole: row.actorRole,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before ?? null,
    after: row.after ?? null,
  });
  return createHash('sha256').update(prevHash).update('\n').update(payload).digest('hex');
}

export interface VerifyResult {
  ok: boolean;
  rows: number;
  /** seq of the first row whose hash, link or position does not hold. */
  firstBrokenAt?: string;
}

/** Checks rows in order, carrying the state across batches. */
export class ChainVerifier {
  private prevHash = GENESIS_HASH;
  private expectedSeq = 1n;
  private count = 0;
  private broken: string | undefined;

  add(row: ChainedFields & { prevHash: string; hash: string }): void {
    this.count++;
    if (this.broken !== undefined) return;
    const fits =
      BigInt(row.seq) === this.expectedSeq &&
      row.prevHash === this.prevHash &&
      chainHash(row.prevHash, row) === row.hash;
    if (!fits) this.broken = row.seq;
    this.prevHash = row.hash;
    this.expectedSeq = BigInt(row.seq) + 1n;
  }

  result(): VerifyResult {
    return this.broken === undefined
      ? { ok: true, rows: this.count }
      : { ok: false, rows: this.count, firstBrokenAt: this.broken };
  }
}
