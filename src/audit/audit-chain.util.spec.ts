import { randomBytes } from 'node:crypto';
import {
  ChainedFields,
  ChainVerifier,
  chainHash,
  GENESIS_HASH,
  isSignedCheckpoint,
  legacyChainHash,
  signCheckpoint,
  StoredRow,
  storedInstant,
} from './audit-chain.util';

const KEY = randomBytes(32);

function fields(seq: number, overrides: Partial<ChainedFields> = {}): ChainedFields {
  return {
    seq: String(seq),
    at: '2026-11-22T09:00:00.123000Z',
    actorKeyId: null,
    actorRole: 'system',
    action: 'controller.update',
    entityType: 'controller',
    entityId: 'c1',
    before: { name: 'A' },
    after: { name: 'B', at: '2026-11-22T09:00:00.000Z' },
    ...overrides,
  };
}

/** A chain of `legacy` unkeyed rows followed by `keyed` keyed ones, as the service writes them. */
function chain(legacy: number, keyed: number, key = KEY): StoredRow[] {
  const rows: StoredRow[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 1; i <= legacy + keyed; i++) {
    const row = fields(i);
    const chainVersion = i <= legacy ? 1 : 2;
    const hash = chainVersion === 1 ? legacyChainHash(prevHash, row) : chainHash(key, prevHash, row, 2);
    rows.push({ ...row, chainVersion, prevHash, hash });
    prevHash = hash;
  }
  return rows;
}

function verify(rows: StoredRow[], checkpoint?: { seq: string; hash: string }) {
  const sut = new ChainVerifier(KEY, checkpoint);
  rows.forEach((r) => sut.add(r));
  return sut.result();
}

describe(ChainVerifier.name, () => {
  it('verifies a keyed chain, and not under another key', () => {
    expect(verify(chain(0, 5))).toEqual({ ok: true, rows: 5 });
    expect(verify(chain(0, 5, randomBytes(32)))).toEqual({ ok: false, rows: 5, firstBrokenAt: '1' });
  });

  it('verifies the unkeyed rows of before the keyed chain under their own rule, then the keyed ones', () => {
    expect(verify(chain(3, 3))).toEqual({ ok: true, rows: 6 });
    expect(verify(chain(3, 0))).toEqual({ ok: true, rows: 3 });
  });

  it('refuses an unkeyed row after a keyed one: a forger cannot fall back to the old rule', () => {
    const rows = chain(0, 3);
    const forged = fields(4, { action: 'controller.delete' });
    rows.push({
      ...forged,
      chainVersion: 1,
      prevHash: rows[2].hash,
      hash: legacyChainHash(rows[2].hash, forged),
    });
    expect(verify(rows)).toEqual({ ok: false, rows: 4, firstBrokenAt: '4' });
  });

  it('refuses a row rehashed without the key, and a version it does not know', () => {
    const rows = chain(0, 3);
    rows[1] = { ...rows[1], after: { name: 'C' } };
    expect(verify(rows).firstBrokenAt).toBe('2');
    expect(verify(chain(0, 2).map((r, i) => (i === 1 ? { ...r, chainVersion: 4 } : r))).firstBrokenAt).toBe(
      '2',
    );
  });

  it('hashes the person in version 3 rows, which follow version 2 ones, and refuses a version 2 row after them', () => {
    const rows = chain(0, 2);
    const person = fields(3, { actorKeyId: null, actorUserId: '8a3e2f1c-5b7d-4e9a-9c1f-2d6b8e4a7c30' });
    const v3 = {
      ...person,
      chainVersion: 3,
      prevHash: rows[1].hash,
      hash: chainHash(KEY, rows[1].hash, person, 3),
    };
    expect(verify([...rows, v3])).toEqual({ ok: true, rows: 3 });
    // Another person written into the row does not verify: the person is in the hash.
    expect(
      verify([...rows, { ...v3, actorUserId: '11111111-2222-4333-8444-555555555555' }]).firstBrokenAt,
    ).toBe('3');
    // A version 2 row (whose hash leaves the person out) after a version 3 one: refused.
    const downgraded = fields(4, { actorUserId: '11111111-2222-4333-8444-555555555555' });
    const v2 = {
      ...downgraded,
      chainVersion: 2,
      prevHash: v3.hash,
      hash: chainHash(KEY, v3.hash, downgraded, 2),
    };
    expect(verify([...rows, v3, v2]).firstBrokenAt).toBe('4');
  });

  it('hashes the instant at microseconds: a row PostgreSQL stored with them verifies as written', () => {
    const row = fields(1, { at: '2026-11-22T09:00:00.123456Z' });
    const hash = chainHash(KEY, GENESIS_HASH, row);
    expect(verify([{ ...row, chainVersion: 3, prevHash: GENESIS_HASH, hash }]).ok).toBe(true);
    const truncated = { ...row, at: '2026-11-22T09:00:00.123000Z' };
    expect(chainHash(KEY, GENESIS_HASH, truncated)).not.toBe(hash);
    expect(storedInstant(new Date('2026-11-22T09:00:00.123Z'))).toBe('2026-11-22T09:00:00.123000Z');
  });

  describe('against a checkpoint', () => {
    const rows = chain(0, 5);

    it('holds while the chain still has that head', () => {
      expect(verify(rows, { seq: '3', hash: rows[2].hash })).toEqual({
        ok: true,
        rows: 5,
        checkpoint: { seq: '3', holds: true },
      });
      expect(verify([], { seq: '0', hash: GENESIS_HASH })).toEqual({
        ok: true,
        rows: 0,
        checkpoint: { seq: '0', holds: true },
      });
    });

    it('finds a cut tail and a wiped chain: the head is missing', () => {
      expect(verify(rows.slice(0, 2), { seq: '5', hash: rows[4].hash })).toEqual({
        ok: false,
        rows: 2,
        checkpoint: { seq: '5', holds: false, reason: 'missing' },
      });
      expect(verify([], { seq: '5', hash: rows[4].hash }).checkpoint).toEqual({
        seq: '5',
        holds: false,
        reason: 'missing',
      });
    });

    it('finds a head that has another hash, or a changed row before it', () => {
      expect(verify(rows, { seq: '5', hash: rows[3].hash }).checkpoint).toEqual({
        seq: '5',
        holds: false,
        reason: 'changed',
      });
      const changed = rows.map((r, i) => (i === 1 ? { ...r, after: { name: 'X' } } : r));
      expect(verify(changed, { seq: '5', hash: rows[4].hash })).toEqual({
        ok: false,
        rows: 5,
        firstBrokenAt: '2',
        checkpoint: { seq: '5', holds: false, reason: 'changed' },
      });
    });
  });
});

describe(signCheckpoint.name, () => {
  const head = { seq: '5', hash: 'ab'.repeat(32), at: '2026-11-22T09:00:00.000Z' };

  it('signs the head so that only the same key accepts it, unchanged', () => {
    const sut = signCheckpoint(KEY, head);
    expect(sut).toEqual({ ...head, signature: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(isSignedCheckpoint(KEY, sut)).toBe(true);
    expect(isSignedCheckpoint(randomBytes(32), sut)).toBe(false);
    expect(isSignedCheckpoint(KEY, { ...sut, seq: '4' })).toBe(false);
    expect(isSignedCheckpoint(KEY, { ...sut, at: '2026-11-22T09:00:01.000Z' })).toBe(false);
  });
});
