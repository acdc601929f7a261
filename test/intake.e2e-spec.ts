import { FixedClock } from '../src/clock/clock';
import { controllerBody, incidentBody } from './fixtures';
import { client, Client, createKey, createTestApp, resetDatabase, TestApp } from './utils';

/** "Now" for these tests: Sunday 22 November 2026, 10:00 in Oslo. */
const NOW = '2026-11-22T09:00:00.000Z';
const AGREEMENTS = ['videonor', 'alfaview', 'dotnet-internals', 'decision-beacon'];

/**
 * The intake at scale and under concurrency: the response is built in memory before the locks, the rows are written
 * in one statement under them. These tests hold it to what a read from the database gives, and to every guarantee
 * the slow path had: sequential references, a verifying chain, idempotency, one transaction.
 */
describe('intake', () => {
  const clock = new FixedClock(new Date(NOW));
  let t: TestApp;
  let admin: Client;
  let responder: Client;

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  beforeEach(async () => {
    clock.set(NOW);
    await resetDatabase(t.app);
    admin = client(t, await createKey(t.app, 'admin'));
    responder = client(t, await createKey(t.app, 'responder'));
  });
  afterAll(() => t.close());

  /** n controllers spread over the four built-in agreements, made straight in the database (set-up at scale). */
  async function givenControllers(n: number): Promise<string[]> {
    const rows = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO data_controller (name, country, authority_id, time_zone, agreement_id, language, breach_contact, dpo)
       SELECT 'Controller ' || g, 'NO', 'no-datatilsynet', 'Europe/Oslo', ($2::text[])[1 + g % 4], 'en',
              '{"name":"On call","email":"oncall@example.test"}', '{"name":"DPO","email":"dpo@example.test"}'
       FROM generate_series(1, $1) g RETURNING id`,
      [n, AGREEMENTS],
    );
    return rows.map((r) => r.id);
  }

  async function counts(): Promise<Record<string, number>> {
    const [row] = await t.dataSource.query<Record<string, number>[]>(
      `SELECT (SELECT count(*)::int FROM incident) AS incidents,
              (SELECT count(*)::int FROM incident_controller) AS links,
              (SELECT count(*)::int FROM timeline_entry) AS timeline,
              (SELECT count(*)::int FROM obligation) AS obligations,
              (SELECT count(*)::int FROM audit_entry) AS audit,
              (SELECT coalesce(max(last), 0)::int FROM reference_counter) AS reference`,
    );
    return row;
  }

  it('answers exactly what reading the incident back gives, in the same order', async () => {
    const ids = [
      (await admin.post('/controllers').send(controllerBody()).expect(201)).body.id,
      (
        await admin
          .post('/controllers')
          .send(controllerBody({ agreementId: 'decision-beacon', language: 'en' }))
          .expect(201)
      ).body.id,
      (
        await admin
          .post('/controllers')
          .send(controllerBody({ timeZone: 'Europe/Berlin' }))
          .expect(201)
      ).body.id,
    ];
    const { status, body } = await responder
      .post('/incidents')
      .send(incidentBody({ controllerIds: ids, processorAwareAt: undefined, services: ['mail', 'crm'] }));
    expect(status).toBe(201);
    const { timeline, ...read } = (await admin.get(`/incidents/${body.id}`).expect(200)).body;
    expect(JSON.stringify(body)).toBe(JSON.stringify(read));
    expect(timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'created',
      'controller-added',
      'controller-added',
      'controller-added',
    ]);
    expect(timeline[0].data).toEqual({
      reference: 'BR-2026-0001',
      processorAwareAt: '2026-11-22T08:00:00.000Z',
      processorAwareAtDefaulted: true,
    });
    // The audit row records the facts as read back.
    const audit = (await admin.get(`/audit?entityType=incident&entityId=${body.id}`).expect(200)).body.items;
    expect(audit).toHaveLength(1);
    expect(audit[0].after.reference).toBe('BR-2026-0001');
    expect(audit[0].after.controllerIds).toEqual(read.controllerIds);
    expect(audit[0].after.obligations).toHaveLength(6);
  });

  it('32 intakes at once get references 1 to 32 without gap or repeat, and the chain verifies', async () => {
    const ids = await givenControllers(8);
    const responses = await Promise.all(
      Array.from({ length: 32 }, (_, i) =>
        responder.post('/incidents').send(incidentBody({ controllerIds: [ids[i % 8], ids[(i + 3) % 8]] })),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(32).fill(201));
    const references = responses.map((r) => r.body.reference as string).sort();
    expect(references).toEqual(
      Array.from({ length: 32 }, (_, i) => `BR-2026-${String(i + 1).padStart(4, '0')}`),
    );
    expect(await counts()).toMatchObject({
      incidents: 32,
      links: 64,
      timeline: 96,
      obligations: 128,
      reference: 32,
    });
    const { body: verify } = await admin.get('/audit/verify').expect(200);
    expect(verify).toMatchObject({ ok: true });
  });

  it('concurrent twins with one Idempotency-Key make one incident, each getting its response', async () => {
    const [id] = await givenControllers(1);
    const send = (key: string) =>
      responder
        .post('/incidents')
        .set('Idempotency-Key', key)
        .send(incidentBody({ controllerIds: [id] }));
    const responses = await Promise.all([
      ...Array.from({ length: 6 }, () => send('twin-a')),
      ...Array.from({ length: 6 }, () => send('twin-b')),
    ]);
    expect(responses.map((r) => r.status)).toEqual(Array(12).fill(201));
    for (const group of [responses.slice(0, 6), responses.slice(6)]) {
      expect(new Set(group.map((r) => r.body.id)).size).toBe(1);
      expect(new Set(group.map((r) => r.body.reference)).size).toBe(1);
    }
    expect(responses[0].body.id).not.toBe(responses[6].body.id);
    expect(await counts()).toMatchObject({ incidents: 2, obligations: 4, reference: 2 });
    expect((await admin.get('/audit/verify').expect(200)).body).toMatchObject({ ok: true });
  });

  describe('allControllers', () => {
    it('affects every controller, each under its own agreement, with its obligations planned', async () => {
      const ids = await givenControllers(40);
      const { status, body } = await responder
        .post('/incidents')
        .send(incidentBody({ allControllers: true }));
      expect(status).toBe(201);
      expect(body.controllerIds).toEqual([...ids].sort());
      expect(body.obligations).toHaveLength(80);
      for (const id of ids) {
        const own = body.obligations.filter((o: { controllerId: string }) => o.controllerId === id);
        expect(own.map((o: { hop: string }) => o.hop).sort()).toEqual([
          'controller-to-authority',
          'processor-to-controller',
        ]);
      }
      const agreementsUsed = new Set(
        body.obligations.map((o: { agreement: { id: string } }) => o.agreement.id),
      );
      expect([...agreementsUsed].sort()).toEqual([...AGREEMENTS].sort());
      const { timeline, ...read } = (await admin.get(`/incidents/${body.id}`).expect(200)).body;
      expect(JSON.stringify(body)).toBe(JSON.stringify(read));
      expect(timeline).toHaveLength(41);
    });

    it('false or left out affects only the controllers named', async () => {
      const [id] = await givenControllers(3);
      const { body } = await responder
        .post('/incidents')
        .send(incidentBody({ allControllers: false, controllerIds: [id] }))
        .expect(201);
      expect(body.controllerIds).toEqual([id]);
    });

    it('is refused with 400 naming allControllers beside controllerIds or agreementIds, and writes nothing', async () => {
      const [id] = await givenControllers(1);
      for (const extra of [{ controllerIds: [id] }, { agreementIds: ['videonor'] }, { controllerIds: [] }]) {
        const { status, body } = await responder
          .post('/incidents')
          .send(incidentBody({ allControllers: true, ...extra }));
        expect(status).toBe(400);
        expect(body.details).toEqual([
          expect.objectContaining({
            field: 'allControllers',
            messages: [expect.stringContaining('cannot be combined')],
          }),
        ]);
      }
      const { status, body } = await responder
        .post('/incidents')
        .send(incidentBody({ allControllers: 'yes' }));
      expect(status).toBe(400);
      expect(body.details.map((e: { field: string }) => e.field)).toEqual(['allControllers']);
      expect(await counts()).toMatchObject({ incidents: 0, reference: 0 });
    });

    it('is not a fact PATCH corrects', async () => {
      const [id] = await givenControllers(1);
      const { body } = await responder
        .post('/incidents')
        .send(incidentBody({ controllerIds: [id] }))
        .expect(201);
      const { status, body: refused } = await admin
        .patch(`/incidents/${body.id}`)
        .send({ allControllers: true });
      expect(status).toBe(400);
      expect(refused.details.map((e: { field: string }) => e.field)).toEqual(['allControllers']);
    });
  });

  describe('2,000 controllers in one intake', () => {
    it('writes every link, timeline entry and obligation, and the chain verifies', async () => {
      await givenControllers(2000);
      const { status, body } = await responder
        .post('/incidents')
        .send(incidentBody({ agreementIds: AGREEMENTS }));
      expect(status).toBe(201);
      expect(body.controllerIds).toHaveLength(2000);
      expect(body.obligations).toHaveLength(4000);
      expect(await counts()).toEqual({
        incidents: 1,
        links: 2000,
        timeline: 2001,
        obligations: 4000,
        audit: expect.any(Number),
        reference: 1,
      });
      expect((await admin.get('/audit/verify').expect(200)).body).toMatchObject({ ok: true });
    });

    it('is one transaction: a failure on the last obligation row leaves no row, reference or audit entry behind', async () => {
      const ids = (await givenControllers(2000)).sort();
      const before = await counts();
      // A trigger that refuses the obligations of one controller, the last in order: the failure comes after every
      // other row of the intake has been written in the same statement.
      await t.dataSource.query(`
        CREATE FUNCTION test_refuse_obligation() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.controller_id = '${ids[ids.length - 1]}' THEN RAISE EXCEPTION 'refused by the test'; END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER test_refuse_obligation BEFORE INSERT ON obligation
          FOR EACH ROW EXECUTE FUNCTION test_refuse_obligation();`);
      try {
        const { status } = await responder
          .post('/incidents')
          .set('Idempotency-Key', 'mass-1')
          .send(incidentBody({ allControllers: true }));
        expect(status).toBe(500);
      } finally {
        await t.dataSource.query(
          'DROP TRIGGER test_refuse_obligation ON obligation; DROP FUNCTION test_refuse_obligation()',
        );
      }
      expect(await counts()).toEqual(before);
      const [{ n }] = await t.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM idempotency_record',
      );
      expect(n).toBe(0);
      // The retry succeeds, with the number the failed attempt did not keep.
      const { status, body } = await responder
        .post('/incidents')
        .set('Idempotency-Key', 'mass-1')
        .send(incidentBody({ allControllers: true }));
      expect(status).toBe(201);
      expect(body.reference).toBe('BR-2026-0001');
      expect(body.obligations).toHaveLength(4000);
    });
  });
});
