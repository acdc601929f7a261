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

  it('is refused UPDATE and DELETE by the database itself', async () => {
    await expect(t.dataSource.query(`UPDATE audit_entry SET action = 'x'`)).rejects.toThrow(
      /append-only: UPDATE refused/,
    );
    await expect(t.dataSource.query('DELETE FROM audit_entry')).rejects.toThrow(
      /append-only: DELETE refused/,
    );
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
});
