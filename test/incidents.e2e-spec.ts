import { randomUUID } from 'node:crypto';
import { FixedClock } from '../src/clock/clock';
import { controllerBody, incidentBody, termsOf } from './fixtures';
import { client, Client, createKey, createTestApp, resetDatabase, TestApp } from './utils';

/** "Now" for these tests: Sunday 22 November 2026, 10:00 in Oslo. */
const NOW = '2026-11-22T09:00:00.000Z';

describe('incidents and the clock', () => {
  const clock = new FixedClock(new Date(NOW));
  let t: TestApp;
  let admin: Client;
  let responder: Client;
  let videonorCtl: { id: string };
  let beaconCtl: { id: string };

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  beforeEach(async () => {
    clock.set(NOW);
    await resetDatabase(t.app);
    admin = client(t, await createKey(t.app, 'admin'));
    responder = client(t, await createKey(t.app, 'responder'));
    videonorCtl = (
      await admin
        .post('/controllers')
        .send(controllerBody({ name: 'Fjord Kommune' }))
        .expect(201)
    ).body;
    beaconCtl = (
      await admin
        .post('/controllers')
        .send(controllerBody({ name: 'Beacon Kunde AS', agreementId: 'decision-beacon', language: 'en' }))
        .expect(201)
    ).body;
  });
  afterAll(() => t.close());

  describe('POST /incidents', () => {
    it('logs a breach in one call and returns every deadline it sets off, each by its own agreement', async () => {
      const { status, body } = await responder
        .post('/incidents')
        .send(incidentBody({ controllerIds: [videonorCtl.id, beaconCtl.id] }));
      expect(status).toBe(201);
      expect(body).toMatchObject({
        reference: 'BR-2026-0001',
        discoveredAt: '2026-11-22T08:00:00.000Z',
        processorAwareAt: '2026-11-22T08:12:00.000Z',
        source: 'own-systems',
        breachTypes: ['confidentiality'],
        controllerIds: [videonorCtl.id, beaconCtl.id].sort(),
      });
      const byKey = Object.fromEntries(
        body.obligations.map((o: { controllerId: string; hop: string }) => [
          `${o.controllerId === beaconCtl.id ? 'beacon' : 'videonor'}:${o.hop}`,
          o,
        ]),
      );
      expect(Object.keys(byKey).sort()).toEqual([
        'beacon:controller-to-authority',
        'beacon:processor-to-controller',
        'videonor:controller-to-authority',
        'videonor:processor-to-controller',
      ]);
      expect(byKey['beacon:processor-to-controller']).toMatchObject({
        status: 'open',
        basis: 'contractual',
        windowHours: 48,
        anchorAt: '2026-11-22T08:12:00.000Z',
        dueAt: '2026-11-24T08:12:00.000Z',
        agreement: { id: 'decision-beacon', version: 1, terms: { standard: 'within-hours', hours: 48 } },
        local: {
          timeZone: 'Europe/Oslo',
          anchorAt: '2026-11-22T09:12:00+01:00',
          dueAt: '2026-11-24T09:12:00+01:00',
        },
        remainingMs: (47 * 60 + 12) * 60_000,
        remaining: '+47h 12m',
      });
      // Videonor 5.6 says "immediately" ("straks"): our target for it is 4 h, tighter than "without undue delay".
      expect(byKey['videonor:processor-to-controller']).toMatchObject({
        basis: 'target',
        windowHours: 4,
        dueAt: '2026-11-22T12:12:00.000Z',
        dueOnlyIf: null,
      });
      expect(byKey['videonor:controller-to-authority']).toMatchObject({
        status: 'awaiting-anchor',
        basis: 'statutory',
        authorityId: 'no-datatilsynet',
        anchorAt: null,
        dueAt: null,
        conservativeDueAt: '2026-11-25T08:12:00.000Z',
        conservativeRemaining: '+71h 12m',
        local: { conservativeDueAt: '2026-11-25T09:12:00+01:00' },
      });
    });

    it('takes our awareness, when not given, to be the discovery, never now, and says so; allows no controllers yet', async () => {
      const { status, body } = await responder
        .post('/incidents')
        .send(incidentBody({ processorAwareAt: undefined }));
      expect(status).toBe(201);
      expect(body.processorAwareAt).toBe('2026-11-22T08:00:00.000Z');
      expect(body.processorAwareAtDefaulted).toBe(true);
      expect(body.obligations).toEqual([]);
      const created = (await admin.get(`/incidents/${body.id}`)).body.timeline[0];
      expect(created).toMatchObject({ kind: 'created', data: { processorAwareAtDefaulted: true } });
    });

    it('makes every controller under the given agreements affected', async () => {
      const { body } = await responder
        .post('/incidents')
        .send(incidentBody({ agreementIds: ['decision-beacon'] }));
      expect(body.controllerIds).toEqual([beaconCtl.id]);
    });

    it('refuses an instant without a zone offset, and every other bad field, with 400', async () => {
      const { status, body } = await responder.post('/incidents').send(
        incidentBody({
          discoveredAt: '2026-11-22T09:00:00',
          breachTypes: ['loss'],
          controllerIds: ['nope'],
          title: '',
        }),
      );
      expect(status).toBe(400);
      expect(body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'breachTypes',
        'controllerIds',
        'discoveredAt',
        'title',
      ]);
      expect(body.details.find((d: { field: string }) => d.field === 'discoveredAt').messages[0]).toContain(
        'zone offset',
      );
      expect((await responder.post('/incidents').send(incidentBody({ breachTypes: [] }))).status).toBe(400);
    });

    it('refuses awareness in the future or before discovery with 422, naming the fields, and writes nothing', async () => {
      const future = await responder
        .post('/incidents')
        .send(incidentBody({ processorAwareAt: '2026-11-22T11:00:00+01:00' }));
      expect(future.status).toBe(422);
      expect(future.body.details).toEqual([
        { field: 'processorAwareAt', messages: [expect.stringContaining('future')] },
      ]);
      const early = await responder
        .post('/incidents')
        .send(incidentBody({ processorAwareAt: '2026-11-22T08:00:00+01:00' }));
      expect(early.status).toBe(422);
      expect(early.body.details).toEqual([
        { field: 'processorAwareAt', messages: [expect.stringContaining('before it was discovered')] },
      ]);
      expect((await admin.get('/incidents')).body.total).toBe(0);
    });

    it('refuses an unknown controller or agreement with 422 and writes nothing', async () => {
      const missing = randomUUID();
      const { status, body } = await responder
        .post('/incidents')
        .send(incidentBody({ controllerIds: [videonorCtl.id, missing], agreementIds: ['no-such'] }));
      expect(status).toBe(422);
      expect(body.details).toEqual([
        { field: 'controllerIds', messages: [`unknown controller: ${missing}`] },
        { field: 'agreementIds', messages: ['unknown agreement: no-such'] },
      ]);
      expect((await admin.get('/incidents')).body.total).toBe(0);
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM obligation');
      expect(n).toBe(0);
    });

    it('numbers incidents sequentially per year, uniquely under concurrent creates', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, () => responder.post('/incidents').send(incidentBody())),
      );
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
      const refs = results.map((r) => r.body.reference).sort();
      expect(refs).toEqual(Array.from({ length: 20 }, (_, i) => `BR-2026-${String(i + 1).padStart(4, '0')}`));
      clock.set('2027-01-01T00:00:30Z');
      const next = await responder
        .post('/incidents')
        .send(incidentBody({ discoveredAt: '2027-01-01T00:00:00Z', processorAwareAt: undefined }));
      expect(next.body.reference).toBe('BR-2027-0001');
    });
  });

  describe('Idempotency-Key', () => {
    it('returns the first response to a retry and never makes a second incident', async () => {
      const body = incidentBody({ controllerIds: [videonorCtl.id] });
      const first = await responder.post('/incidents').set('Idempotency-Key', 'retry-1').send(body);
      clock.advance(60_000);
      const second = await responder.post('/incidents').set('Idempotency-Key', 'retry-1').send(body);
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      expect((await admin.get('/incidents')).body.total).toBe(1);
    });

    it('makes one incident from concurrent twins', async () => {
      const body = incidentBody({ controllerIds: [videonorCtl.id] });
      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          responder.post('/incidents').set('Idempotency-Key', 'twin').send(body),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(5).fill(201));
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      expect((await admin.get('/incidents')).body.total).toBe(1);
    });

    it('refuses a key reused for another request with 422', async () => {
      await responder.post('/incidents').set('Idempotency-Key', 'k').send(incidentBody()).expect(201);
      const { status, body } = await responder
        .post('/incidents')
        .set('Idempotency-Key', 'k')
        .send(incidentBody({ title: 'Another' }));
      expect(status).toBe(422);
      expect(body.details).toEqual([{ field: 'Idempotency-Key', messages: [expect.any(String)] }]);
    });
  });

  describe('reading', () => {
    it('GET /incidents filters by status, controller and time, and pages', async () => {
      await responder
        .post('/incidents')
        .send(incidentBody({ controllerIds: [videonorCtl.id] }))
        .expect(201);
      await responder
        .post('/incidents')
        .send(
          incidentBody({
            controllerIds: [beaconCtl.id],
            discoveredAt: '2026-11-20T09:00:00+01:00',
            processorAwareAt: '2026-11-20T09:00:00+01:00',
          }),
        )
        .expect(201);

      const all = (await admin.get('/incidents')).body;
      expect(all).toMatchObject({ total: 2, limit: 50, offset: 0 });
      expect(all.items.map((i: { reference: string }) => i.reference)).toEqual([
        'BR-2026-0001',
        'BR-2026-0002',
      ]);
      expect(
        (await admin.get(`/incidents?controllerId=${beaconCtl.id}`)).body.items.map(
          (i: { reference: string }) => i.reference,
        ),
      ).toEqual(['BR-2026-0002']);
      // Beacon's 48 h from 20 Nov 08:00Z ran out on 22 Nov 08:00Z: overdue now.
      expect(
        (await admin.get('/incidents?status=overdue')).body.items.map(
          (i: { reference: string }) => i.reference,
        ),
      ).toEqual(['BR-2026-0002']);
      expect((await admin.get('/incidents?from=2026-11-21T00:00:00Z')).body.total).toBe(1);
      expect((await admin.get('/incidents?limit=1&offset=1')).body.items).toHaveLength(1);
      expect((await admin.get('/incidents?from=yesterday')).status).toBe(400);
    });

    it('GET /incidents/:id gives obligations and the timeline', async () => {
      const created = (
        await responder.post('/incidents').send(incidentBody({ controllerIds: [videonorCtl.id] }))
      ).body;
      const { status, body } = await responder.get(`/incidents/${created.id}`);
      expect(status).toBe(200);
      expect(body.obligations).toHaveLength(2);
      expect(body.timeline.map((e: { kind: string }) => e.kind)).toEqual(['created', 'controller-added']);
      expect((await responder.get(`/incidents/${randomUUID()}`)).status).toBe(404);
    });
  });

  describe('changing', () => {
    it('PATCH records each changed fact in the timeline with who, when, before and after', async () => {
      const created = (
        await responder.post('/incidents').send(incidentBody({ controllerIds: [videonorCtl.id] }))
      ).body;
      clock.advance(3_600_000);
      const { status, body } = await admin.patch(`/incidents/${created.id}`).send({
        title: 'Relay misrouting',
        breachTypes: ['confidentiality', 'availability'],
        services: ['mail-relay'],
      });
      expect(status).toBe(200);
      const changes = body.timeline.filter((e: { kind: string }) => e.kind === 'change');
      expect(changes).toEqual([
        expect.objectContaining({
          at: '2026-11-22T10:00:00.000Z',
          actorRole: 'admin',
          actorKeyId: expect.any(String),
          data: { field: 'title', before: created.title, after: 'Relay misrouting' },
        }),
        expect.objectContaining({
          data: {
            field: 'breachTypes',
            before: ['confidentiality'],
            after: ['confidentiality', 'availability'],
          },
        }),
        expect.objectContaining({ data: { field: 'services', before: [], after: ['mail-relay'] } }),
      ]);
    });

    it('moving our awareness moves the deadlines counted from it', async () => {
      const created = (
        await responder.post('/incidents').send(incidentBody({ controllerIds: [beaconCtl.id] }))
      ).body;
      const { body } = await admin
        .patch(`/incidents/${created.id}`)
        .send({ processorAwareAt: '2026-11-22T08:30:00Z' });
      const p2c = body.obligations.find((o: { hop: string }) => o.hop === 'processor-to-controller');
      const c2a = body.obligations.find((o: { hop: string }) => o.hop === 'controller-to-authority');
      expect(p2c.dueAt).toBe('2026-11-24T08:30:00.000Z');
      expect(c2a.conservativeDueAt).toBe('2026-11-25T08:30:00.000Z');
    });

    it('PATCH refuses contradicting facts with 422 and changes nothing', async () => {
      const created = (await responder.post('/incidents').send(incidentBody())).body;
      const { status, body } = await admin
        .patch(`/incidents/${created.id}`)
        .send({ discoveredAt: '2026-11-22T10:00:00Z', title: 'x' });
      expect(status).toBe(422);
      expect(body.details.map((d: { field: string }) => d.field)).toEqual([
        'discoveredAt',
        'processorAwareAt',
      ]);
      expect((await admin.get(`/incidents/${created.id}`)).body.title).toBe(created.title);
      expect((await admin.patch(`/incidents/${created.id}`).send({ title: null })).status).toBe(400);
    });

    it('a controller found affected later still counts from our awareness (and may be overdue at once)', async () => {
      const created = (await responder.post('/incidents').send(incidentBody())).body;
      clock.set('2026-11-23T12:00:00Z');
      const { status, body } = await admin
        .post(`/incidents/${created.id}/controllers`)
        .send({ controllerIds: [videonorCtl.id] });
      expect(status).toBe(200);
      const p2c = body.obligations.find((o: { hop: string }) => o.hop === 'processor-to-controller');
      expect(p2c).toMatchObject({
        anchorAt: '2026-11-22T08:12:00.000Z',
        dueAt: '2026-11-22T12:12:00.000Z',
        status: 'overdue',
      });
      const again = await admin
        .post(`/incidents/${created.id}/controllers`)
        .send({ controllerIds: [videonorCtl.id] });
      expect(again.body.obligations).toHaveLength(2);
    });

    it('POST /incidents/:id/timeline adds a note', async () => {
      const created = (await responder.post('/incidents').send(incidentBody())).body;
      const { status, body } = await responder
        .post(`/incidents/${created.id}/timeline`)
        .send({ text: 'Relay credentials rotated.' });
      expect(status).toBe(201);
      expect(body.timeline.at(-1)).toMatchObject({
        kind: 'note',
        actorRole: 'responder',
        data: { text: 'Relay credentials rotated.' },
      });
    });
  });

  describe('obligations', () => {
    async function incidentFor(controllerId: string) {
      const body = (await responder.post('/incidents').send(incidentBody({ controllerIds: [controllerId] })))
        .body;
      const find = (hop: string) => body.obligations.find((o: { hop: string }) => o.hop === hop);
      return {
        id: body.id as string,
        p2c: find('processor-to-controller'),
        c2a: find('controller-to-authority'),
      };
    }

    it('keeps the agreement terms it was made with, whatever the agreement says later', async () => {
      const inc = await incidentFor(beaconCtl.id);
      const terms = termsOf((await admin.get('/agreements/decision-beacon')).body);
      await admin
        .put('/agreements/decision-beacon')
        .send({ ...terms, breachTerms: { ...(terms.breachTerms as object), hours: 36 } })
        .expect(200);
      const o = (await admin.get(`/incidents/${inc.id}/obligations/${inc.p2c.id}`)).body;
      expect(o).toMatchObject({
        dueAt: '2026-11-24T08:12:00.000Z',
        agreement: { version: 1, terms: { hours: 48 } },
      });
      const later = await incidentFor(beaconCtl.id);
      expect(later.p2c).toMatchObject({ windowHours: 36, agreement: { version: 2 } });
    });

    it('the controller’s awareness set by hand starts its 72 h', async () => {
      const inc = await incidentFor(videonorCtl.id);
      const { status, body } = await admin
        .post(`/incidents/${inc.id}/obligations/${inc.c2a.id}/anchor`)
        .send({ anchorAt: '2026-11-22T09:30:00+01:00', reason: 'Controller DPO confirmed receipt by phone' });
      expect(status).toBe(200);
      expect(body).toMatchObject({
        status: 'open',
        anchorAt: '2026-11-22T08:30:00.000Z',
        anchorReason: 'Controller DPO confirmed receipt by phone',
        dueAt: '2026-11-25T08:30:00.000Z',
        conservativeDueAt: '2026-11-25T08:12:00.000Z',
      });
      const future = await admin
        .post(`/incidents/${inc.id}/obligations/${inc.c2a.id}/anchor`)
        .send({ anchorAt: '2026-11-23T00:00:00Z', reason: 'x' });
      expect(future.status).toBe(422);
      const noReason = await admin
        .post(`/incidents/${inc.id}/obligations/${inc.c2a.id}/anchor`)
        .send({ anchorAt: '2026-11-22T08:30:00Z' });
      expect(noReason.status).toBe(400);
    });

    it('met in time is met; after its due time only with the reasons for the delay', async () => {
      const inc = await incidentFor(beaconCtl.id);
      const path = `/incidents/${inc.id}/obligations/${inc.p2c.id}/met`;
      clock.set('2026-11-24T08:13:00Z'); // a minute past the contractual 48 h
      const refused = await admin.post(path).send({});
      expect(refused.status).toBe(422);
      expect(refused.body.details).toEqual([{ field: 'reasonsForDelay', messages: [expect.any(String)] }]);

      const onTime = await admin.post(path).send({ metAt: '2026-11-24T08:12:00Z' });
      expect(onTime.status).toBe(200);
      expect(onTime.body).toMatchObject({
        status: 'met',
        metAt: '2026-11-24T08:12:00.000Z',
        reasonsForDelay: null,
        remainingMs: null,
      });
      expect((await admin.post(path).send({})).status).toBe(409);

      const other = await incidentFor(beaconCtl.id);
      const late = await admin
        .post(`/incidents/${other.id}/obligations/${other.p2c.id}/met`)
        .send({ reasonsForDelay: 'Scope was unclear until the relay logs were restored' });
      expect(late.body).toMatchObject({
        status: 'met-late',
        reasonsForDelay: 'Scope was unclear until the relay logs were restored',
      });
    });

    it('an authority obligation met before its anchor is known is judged against the conservative due time', async () => {
      const inc = await incidentFor(videonorCtl.id);
      const met = await admin.post(`/incidents/${inc.id}/obligations/${inc.c2a.id}/met`).send({});
      expect(met.status).toBe(200);
      expect(met.body).toMatchObject({ status: 'met', anchorAt: null, metAt: NOW });
    });

    it('not-required needs the reasoning, and keeps who decided', async () => {
      const inc = await incidentFor(videonorCtl.id);
      const path = `/incidents/${inc.id}/obligations/${inc.c2a.id}/not-required`;
      expect((await admin.post(path).send({})).status).toBe(400);
      const { body } = await admin.post(path).send({ reasoning: 'Encrypted export; key not exposed' });
      expect(body).toMatchObject({
        status: 'not-required',
        notRequired: {
          reasoning: 'Encrypted export; key not exposed',
          decidedByRole: 'admin',
          decidedAt: NOW,
        },
      });
    });
  });

  describe('a controller key', () => {
    it('sees its own part of an incident only, and not other controllers’ incidents at all', async () => {
      const both = (
        await responder
          .post('/incidents')
          .send(incidentBody({ controllerIds: [videonorCtl.id, beaconCtl.id] }))
      ).body;
      const beaconOnly = (
        await responder.post('/incidents').send(incidentBody({ controllerIds: [beaconCtl.id] }))
      ).body;
      await responder
        .post(`/incidents/${both.id}/timeline`)
        .send({ text: `Also affects ${beaconCtl.id}` })
        .expect(201);
      const mine = client(t, await createKey(t.app, 'controller', videonorCtl.id));

      const { status, body } = await mine.get(`/incidents/${both.id}`);
      expect(status).toBe(200);
      expect(body.controllerIds).toEqual([videonorCtl.id]);
      expect(body.obligations.every((o: { controllerId: string }) => o.controllerId === videonorCtl.id)).toBe(
        true,
      );
      expect(JSON.stringify(body)).not.toContain(beaconCtl.id);
      expect(JSON.stringify(body)).not.toContain('Beacon Kunde');

      expect((await mine.get(`/incidents/${beaconOnly.id}`)).status).toBe(404);
      expect((await mine.get('/incidents')).body.items.map((i: { id: string }) => i.id)).toEqual([both.id]);
      const beaconObligation = both.obligations.find(
        (o: { controllerId: string }) => o.controllerId === beaconCtl.id,
      );
      expect((await mine.get(`/incidents/${both.id}/obligations/${beaconObligation.id}`)).status).toBe(404);
      expect(JSON.stringify((await mine.get('/deadlines')).body)).not.toContain(beaconCtl.id);
    });

    it('works on its own authority obligation, not on the processor’s', async () => {
      const inc = (await responder.post('/incidents').send(incidentBody({ controllerIds: [videonorCtl.id] })))
        .body;
      const mine = client(t, await createKey(t.app, 'controller', videonorCtl.id));
      const c2a = inc.obligations.find((o: { hop: string }) => o.hop === 'controller-to-authority');
      const p2c = inc.obligations.find((o: { hop: string }) => o.hop === 'processor-to-controller');
      const anchored = await mine
        .post(`/incidents/${inc.id}/obligations/${c2a.id}/anchor`)
        .send({ anchorAt: NOW, reason: 'Read the notice' });
      expect(anchored.status).toBe(200);
      expect((await mine.post(`/incidents/${inc.id}/obligations/${c2a.id}/met`).send({})).status).toBe(200);
      expect((await mine.post(`/incidents/${inc.id}/obligations/${p2c.id}/met`).send({})).status).toBe(403);
    });
  });

  describe('GET /deadlines', () => {
    it('lists what is owed, soonest first by due (conservative while awaiting), with time left', async () => {
      await responder
        .post('/incidents')
        .send(incidentBody({ controllerIds: [videonorCtl.id, beaconCtl.id] }))
        .expect(201);
      const { status, body } = await admin.get('/deadlines');
      expect(status).toBe(200);
      const rows = body.map(
        (d: { hop: string; controllerName: string; effectiveDueAt: string; status: string }) =>
          [d.controllerName, d.hop, d.effectiveDueAt, d.status].join(' | '),
      );
      expect(rows.slice(0, 2)).toEqual([
        'Fjord Kommune | processor-to-controller | 2026-11-22T12:12:00.000Z | open',
        'Beacon Kunde AS | processor-to-controller | 2026-11-24T08:12:00.000Z | open',
      ]);
      // Both authority obligations share the conservative due time.
      expect(rows.slice(2).sort()).toEqual([
        'Beacon Kunde AS | controller-to-authority | 2026-11-25T08:12:00.000Z | awaiting-anchor',
        'Fjord Kommune | controller-to-authority | 2026-11-25T08:12:00.000Z | awaiting-anchor',
      ]);
      expect(body[0]).toMatchObject({
        incidentReference: 'BR-2026-0001',
        remaining: '+3h 12m',
        fractionUsed: 0.2,
      });
    });

    it('filters with before=+Nh and by status', async () => {
      await responder
        .post('/incidents')
        .send(incidentBody({ controllerIds: [videonorCtl.id, beaconCtl.id] }))
        .expect(201);
      expect((await admin.get('/deadlines?before=+24h')).body).toHaveLength(1);
      expect((await admin.get('/deadlines?before=%2B48h')).body).toHaveLength(2);
      expect((await admin.get('/deadlines?before=2026-11-30T00:00:00%2B01:00')).body).toHaveLength(4);
      expect((await admin.get('/deadlines?status=awaiting-anchor')).body).toHaveLength(2);
      clock.set('2026-11-23T09:00:00Z');
      expect(
        (await admin.get('/deadlines?status=overdue')).body.map(
          (d: { controllerName: string }) => d.controllerName,
        ),
      ).toEqual(['Fjord Kommune']);
      expect((await admin.get('/deadlines?before=soon')).status).toBe(400);
    });
  });
});
