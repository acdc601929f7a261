import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checkpoint, legacyChainHash, storedInstant } from '../src/audit/audit-chain.util';
import { AuditCheckpointScheduler } from '../src/audit/audit-checkpoint.scheduler';
import { AuditService } from '../src/audit/audit.service';
import { agreementBody, controllerBody } from './fixtures';
import { client, Client, createKey, createTestApp, resetDatabase, TestApp } from './utils';

describe('audit trail', () => {
  let t: TestApp;
  let admin: Client;
  let adminKeyId: string;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    await resetDatabase(t.app);
    const key = await createKey(t.app, 'admin');
    admin = client(t, key);
    adminKeyId = (await admin.get('/keys')).body[0].id;
  });
  afterAll(() => t.close());

  it('records each write with actor, action, before and after', async () => {
    const created = (
      await admin
        .post('/controllers')
        .send(controllerBody({ name: 'Audited AS' }))
        .expect(201)
    ).body;
    await admin.patch(`/controllers/${created.id}`).send({ name: 'Audited ASA' }).expect(200);

    const { status, body } = await admin.get(`/audit?entityType=controller&entityId=${created.id}`);
    expect(status).toBe(200);
    expect(body).toEqual({
      items: [
        {
          seq: expect.any(String),
          at: expect.any(String),
          actor: { keyId: adminKeyId, role: 'admin' },
          action: 'controller.create',
          entityType: 'controller',
          entityId: created.id,
          before: null,
          after: created,
          prevHash: expect.stringMatching(/^[0-9a-f]{64}$/),
          hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        },
        expect.objectContaining({
          action: 'controller.update',
          before: created,
          after: expect.objectContaining({ name: 'Audited ASA' }),
        }),
      ],
      next: null,
    });
    expect(body.items[1].prevHash).toBe(body.items[0].hash);
  });

  it('records the built-in data loaded at start as the system, and agreement versions', async () => {
    const system = (await admin.get('/audit?entityType=agreement&entityId=videonor')).body.items;
    expect(system).toEqual([
      expect.objectContaining({ action: 'agreement.create', actor: { keyId: null, role: 'system' } }),
    ]);
    const input = agreementBody();
    await admin.post('/agreements').send(input).expect(201);
    const rows = (await admin.get(`/audit?entityType=agreement&entityId=${input.id}`)).body.items;
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['agreement.create']);
  });

  it('filters by time and pages with next', async () => {
    const all = (await admin.get('/audit?limit=2')).body;
    expect(all.items).toHaveLength(2);
    expect(all.next).toBe(all.items[1].seq);
    const page2 = (await admin.get(`/audit?limit=2&after=${all.next}`)).body;
    expect(page2.items[0].seq).toBe(String(Number(all.next) + 1));
    const future = (await admin.get('/audit?from=2999-01-01T00:00:00Z')).body;
    expect(future.items).toEqual([]);
  });

  it('refuses a time filter without a zone offset, naming it', async () => {
    const { status, body } = await admin.get('/audit?from=2026-11-22T10:00:00&limit=0');
    expect(status).toBe(400);
    expect(body.details.map((d: { field: string }) => d.field)).toEqual(['from', 'limit']);
  });

  it('is refused UPDATE, DELETE and TRUNCATE by the database itself', async () => {
    await expect(t.dataSource.query(`UPDATE audit_entry SET action = 'x'`)).rejects.toThrow(
      /append-only: UPDATE refused/,
    );
    await expect(t.dataSource.query('DELETE FROM audit_entry')).rejects.toThrow(
      /append-only: DELETE refused/,
    );
    await expect(t.dataSource.query('TRUNCATE audit_entry')).rejects.toThrow(/append-only: TRUNCATE refused/);
    await expect(t.dataSource.query('TRUNCATE data_controller, audit_entry CASCADE')).rejects.toThrow(
      /append-only: TRUNCATE refused/,
    );
    expect((await admin.get('/audit/verify')).body).toEqual({ ok: true, rows: expect.any(Number) });
    expect((await admin.get('/audit/verify')).body.rows).toBeGreaterThan(0);
  });

  it('verifies, and names the first row changed behind the trigger', async () => {
    const created = (await admin.post('/controllers').send(controllerBody()).expect(201)).body;
    await admin.patch(`/controllers/${created.id}`).send({ name: 'Changed' }).expect(200);
    const before = (await admin.get('/audit/verify')).body;
    expect(before).toEqual({ ok: true, rows: expect.any(Number) });

    const [{ seq }] = await t.dataSource.query(
      `SELECT seq FROM audit_entry WHERE entity_id = $1 AND action = 'controller.create'`,
      [created.id],
    );
    await t.dataSource.transaction(async (em) => {
      await em.query('ALTER TABLE audit_entry DISABLE TRIGGER tr_audit_entry_append_only');
      await em.query(
        `UPDATE audit_entry SET after = jsonb_set(after, '{name}', '"Someone Else"') WHERE seq = $1`,
        [seq],
      );
      await em.query('ALTER TABLE audit_entry ENABLE TRIGGER tr_audit_entry_append_only');
    });

    const { status, body } = await admin.get('/audit/verify');
    expect(status).toBe(200);
    expect(body).toEqual({ ok: false, rows: before.rows, firstBrokenAt: String(seq) });
  });

  it('commits a write and its audit row together or not at all', async () => {
    await t.dataSource.query(`
      CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit refused for the test'; END $$;
      CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_entry FOR EACH ROW EXECUTE FUNCTION test_refuse_audit();`);
    try {
      const { status, body } = await admin
        .post('/controllers')
        .send(controllerBody({ name: 'Never Stored' }));
      expect(status).toBe(500);
      expect(body).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Internal server error',
      });
    } finally {
      await t.dataSource.query(
        'DROP TRIGGER test_refuse_audit ON audit_entry; DROP FUNCTION test_refuse_audit();',
      );
    }
    const rows = await t.dataSource.query(`SELECT 1 FROM data_controller WHERE name = 'Never Stored'`);
    expect(rows).toEqual([]);
  });

  it('still verifies after 50 concurrent writes, with no gap in the chain', async () => {
    const created = (await admin.post('/controllers').send(controllerBody()).expect(201)).body;
    const writes = Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0
        ? admin.post('/controllers').send(controllerBody({ name: `Concurrent ${i}` }))
        : admin.patch(`/controllers/${created.id}`).send({ name: `Renamed ${i}` }),
    );
    const statuses = (await Promise.all(writes)).map((r) => r.status);
    expect(statuses.filter((s) => s >= 300)).toEqual([]);

    const verify = (await admin.get('/audit/verify')).body;
    expect(verify.ok).toBe(true);
    const [{ count, max }] = await t.dataSource.query(
      'SELECT count(*)::int AS count, max(seq)::int AS max FROM audit_entry',
    );
    expect(verify.rows).toBe(count);
    expect(max).toBe(count);
    const updates = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE entity_id = $1 AND action = 'controller.update'`,
      [created.id],
    );
    expect(updates[0].n).toBe(25);
  });

  it('refuses to record outside a transaction', async () => {
    await expect(
      t.app.get(AuditService).record(t.dataSource.manager, {
        actor: { keyId: null, role: 'system' },
        action: 'x',
        entityType: 'x',
        entityId: 'x',
      }),
    ).rejects.toThrow(/inside the transaction/);
  });

  describe('checkpoints', () => {
    /** A few writes, then a checkpoint of the head taken on demand. */
    async function givenCheckpoint(): Promise<Checkpoint> {
      const created = (await admin.post('/controllers').send(controllerBody()).expect(201)).body;
      await admin.patch(`/controllers/${created.id}`).send({ name: 'Renamed' }).expect(200);
      const { status, body } = await admin.post('/audit/checkpoints');
      expect(status).toBe(201);
      return body.checkpoint;
    }

    /** Runs SQL on the trail with its append-only triggers off, as someone with the database in hand could. */
    const behindTheTriggers = (sql: string, params: unknown[] = []) =>
      t.dataSource.transaction(async (em) => {
        await em.query('ALTER TABLE audit_entry DISABLE TRIGGER USER');
        await em.query(sql, params);
        await em.query('ALTER TABLE audit_entry ENABLE TRIGGER USER');
      });

    const headSeq = async () =>
      (await t.dataSource.query('SELECT max(seq)::text AS seq FROM audit_entry'))[0].seq as string;

    it('signs the head on demand, and a good chain holds it', async () => {
      const checkpoint = await givenCheckpoint();
      expect(checkpoint).toEqual({
        seq: await headSeq(),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        at: expect.any(String),
        signature: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      await admin.post('/controllers').send(controllerBody()).expect(201); // the chain grows past it
      const { status, body } = await admin.post('/audit/verify').send(checkpoint);
      expect(status).toBe(200);
      expect(body).toEqual({
        ok: true,
        rows: expect.any(Number),
        checkpoint: { seq: checkpoint.seq, holds: true },
      });
    });

    it('detects a cut tail, which verifies on its own', async () => {
      const checkpoint = await givenCheckpoint();
      await behindTheTriggers('DELETE FROM audit_entry WHERE seq > $1', [Number(checkpoint.seq) - 2]);
      expect((await admin.get('/audit/verify')).body).toEqual({ ok: true, rows: Number(checkpoint.seq) - 2 });
      const { body } = await admin.post('/audit/verify').send(checkpoint);
      expect(body).toEqual({
        ok: false,
        rows: Number(checkpoint.seq) - 2,
        checkpoint: { seq: checkpoint.seq, holds: false, reason: 'missing' },
      });
    });

    it('detects a wiped table', async () => {
      const checkpoint = await givenCheckpoint();
      await behindTheTriggers('TRUNCATE audit_entry');
      expect((await admin.get('/audit/verify')).body).toEqual({ ok: true, rows: 0 });
      const { body } = await admin.post('/audit/verify').send(checkpoint);
      expect(body).toEqual({
        ok: false,
        rows: 0,
        checkpoint: { seq: checkpoint.seq, holds: false, reason: 'missing' },
      });
    });

    it.each([1, 2])(
      'detects a row appended with a recomputed unkeyed hash (labelled chain version %i)',
      async (chainVersion) => {
        const checkpoint = await givenCheckpoint();
        const [last] = await t.dataSource.query(
          'SELECT seq::text AS seq, hash FROM audit_entry e ORDER BY e.seq DESC LIMIT 1',
        );
        const forged = {
          seq: String(Number(last.seq) + 1),
          at: storedInstant(new Date()),
          actorKeyId: null,
          actorRole: 'system',
          action: 'controller.delete',
          entityType: 'controller',
          entityId: 'nobody',
          before: null,
          after: null,
        };
        // No trigger stands in the way of an INSERT: the chain itself must refuse it.
        await t.dataSource.query(
          `INSERT INTO audit_entry (seq, at, actor_key_id, actor_role, action, entity_type, entity_id, before, after, prev_hash, hash, chain_version)
           VALUES ($1, $2, NULL, 'system', $3, $4, $5, NULL, NULL, $6, $7, $8)`,
          [
            forged.seq,
            forged.at,
            forged.action,
            forged.entityType,
            forged.entityId,
            last.hash,
            legacyChainHash(last.hash, forged),
            chainVersion,
          ],
        );
        expect((await admin.get('/audit/verify')).body).toEqual({
          ok: false,
          rows: Number(forged.seq),
          firstBrokenAt: forged.seq,
        });
        const { body } = await admin.post('/audit/verify').send(checkpoint);
        expect(body).toEqual({
          ok: false,
          rows: Number(forged.seq),
          firstBrokenAt: forged.seq,
          checkpoint: { seq: checkpoint.seq, holds: true },
        });
      },
    );

    it('verifies rows of before the keyed chain under the unkeyed rule, and the keyed rows that follow', async () => {
      await behindTheTriggers('TRUNCATE audit_entry');
      let prevHash = '0'.repeat(64);
      for (const seq of ['1', '2']) {
        const row = {
          seq,
          at: '2026-01-05T10:00:00.123000Z',
          actorKeyId: null,
          actorRole: 'system',
          action: 'agreement.create',
          entityType: 'agreement',
          entityId: `old-${seq}`,
          before: null,
          after: { id: `old-${seq}` },
        };
        const hash = legacyChainHash(prevHash, row);
        await t.dataSource.query(
          `INSERT INTO audit_entry (seq, at, actor_key_id, actor_role, action, entity_type, entity_id, before, after, prev_hash, hash, chain_version)
           VALUES ($1, $2, NULL, 'system', $3, $4, $5, NULL, $6, $7, $8, 1)`,
          [seq, row.at, row.action, row.entityType, row.entityId, row.after, prevHash, hash],
        );
        prevHash = hash;
      }
      expect((await admin.get('/audit/verify')).body).toEqual({ ok: true, rows: 2 });
      await admin.post('/controllers').send(controllerBody()).expect(201);
      const rows = await t.dataSource.query(
        'SELECT chain_version, prev_hash FROM audit_entry e ORDER BY e.seq',
      );
      expect(rows.map((r: { chain_version: number }) => r.chain_version)).toEqual([1, 1, 3]);
      expect(rows[2].prev_hash).toBe(prevHash);
      expect((await admin.get('/audit/verify')).body).toEqual({ ok: true, rows: 3 });
    });

    it('detects a head rewritten behind the triggers', async () => {
      const checkpoint = await givenCheckpoint();
      await behindTheTriggers(`UPDATE audit_entry SET action = 'controller.delete' WHERE seq = $1`, [
        checkpoint.seq,
      ]);
      const { body } = await admin.post('/audit/verify').send(checkpoint);
      expect(body).toEqual({
        ok: false,
        rows: expect.any(Number),
        firstBrokenAt: checkpoint.seq,
        checkpoint: { seq: checkpoint.seq, holds: false, reason: 'changed' },
      });
    });

    it('refuses a checkpoint it did not sign (422), and a malformed one (400)', async () => {
      const checkpoint = await givenCheckpoint();
      const { status, body } = await admin
        .post('/audit/verify')
        .send({ ...checkpoint, seq: String(Number(checkpoint.seq) - 1) });
      expect(status).toBe(422);
      expect(body).toEqual({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: expect.any(String),
        details: [{ field: 'signature', messages: [expect.any(String)] }],
      });
      const malformed = await admin.post('/audit/verify').send({ ...checkpoint, hash: 'xyz' });
      expect(malformed.status).toBe(400);
      expect(malformed.body.details.map((d: { field: string }) => d.field)).toEqual(['hash']);
    });

    describe('written out', () => {
      let dir: string;
      let receiver: Server;
      let receiverUrl: string;
      const received: unknown[] = [];

      beforeAll(async () => {
        dir = await mkdtemp(join(tmpdir(), 'breach-desk-checkpoints-'));
        receiver = createServer((req, res) => {
          let body = '';
          req.on('data', (c: Buffer) => (body += c.toString()));
          req.on('end', () => {
            received.push(JSON.parse(body));
            res.writeHead(204).end();
          });
        });
        await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
        receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/checkpoints`;
      });
      beforeEach(() => {
        received.length = 0;
      });
      afterAll(async () => {
        await new Promise((r) => receiver.close(r));
        await rm(dir, { recursive: true, force: true });
      });

      const lines = async (file: string) =>
        (await readFile(file, 'utf8'))
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Checkpoint);

      it('to the log, the file (JSON lines) and the URL', async () => {
        const file = join(dir, 'on-demand.jsonl');
        const app = await createTestApp({
          env: { AUDIT_CHECKPOINT_FILE: file, AUDIT_CHECKPOINT_URL: receiverUrl },
        });
        try {
          const dpo = client(app, await createKey(app.app, 'dpo'));
          const { status, body } = await dpo.post('/audit/checkpoints');
          expect(status).toBe(201);
          expect(body.written).toEqual([
            { sink: 'log', ok: true },
            { sink: 'file', ok: true },
            { sink: 'url', ok: true },
          ]);
          expect(await lines(file)).toEqual([body.checkpoint]);
          expect(received).toEqual([{ type: 'breach-desk.audit-checkpoint', checkpoint: body.checkpoint }]);
          // What was written out is what verify takes.
          expect((await dpo.post('/audit/verify').send(body.checkpoint)).body.checkpoint.holds).toBe(true);
        } finally {
          await app.close();
        }
      });

      it('says where it could not be written', async () => {
        const app = await createTestApp({
          env: { AUDIT_CHECKPOINT_FILE: join(dir, 'no-such-folder', 'x.jsonl') },
        });
        try {
          const { body } = await client(app, await createKey(app.app, 'admin')).post('/audit/checkpoints');
          expect(body.written).toEqual([
            { sink: 'log', ok: true },
            { sink: 'file', ok: false, detail: expect.stringMatching(/ENOENT/) },
          ]);
        } finally {
          await app.close();
        }
      });

      it('at start and at each interval, pausable like the alert scan', async () => {
        const file = join(dir, 'scheduled.jsonl');
        const app = await createTestApp({
          env: { AUDIT_CHECKPOINT_FILE: file, AUDIT_CHECKPOINT_INTERVAL_SECONDS: '3600' },
        });
        try {
          const scheduler = app.app.get(AuditCheckpointScheduler);
          await scheduler.pause(); // resolves once the checkpoint of the start is written
          const [atStart, ...more] = await lines(file);
          expect(more).toEqual([]);
          const admin2 = client(app, await createKey(app.app, 'admin'));
          expect((await admin2.post('/audit/verify').send(atStart)).body.checkpoint).toEqual({
            seq: atStart.seq,
            holds: true,
          });
          scheduler.resume(); // one at once, then at each interval
          await scheduler.pause();
          expect(await lines(file)).toHaveLength(2);
        } finally {
          await app.close();
        }
      });
    });
  });
});
