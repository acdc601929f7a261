import { FixedClock } from '../src/clock/clock';
import { AlertsService } from '../src/obligations/alerts.service';
import { controllerBody, incidentBody } from './fixtures';
import { client, Client, createKey, createTestApp, resetDatabase, TestApp } from './utils';

interface O {
  id: string;
  hop: string | null;
  regime: string;
  stage: string;
  controllerId: string | null;
  status: string;
  anchorAt: string | null;
  dueAt: string | null;
  recipient: string | null;
  recipientName: string | null;
  anchors: Record<string, string>;
  notRequired: { reasoning: string; decisionId: string | null } | null;
  local: { timeZone: string; dueAt: string | null };
}

/** One app with its clock, keys and the helpers every regime test uses. */
function given(env: Record<string, string>, start: string) {
  const clock = new FixedClock(new Date(start));
  const w = {
    clock,
    t: undefined as unknown as TestApp,
    admin: undefined as unknown as Client,
    dpo: undefined as unknown as Client,
    /** The incident's obligations under one regime, by stage. */
    async stages(incidentId: string, regime: string): Promise<Record<string, O>> {
      const { body } = await w.dpo.get(`/incidents/${incidentId}`);
      return Object.fromEntries(
        (body.obligations as O[]).filter((o) => o.regime === regime).map((o) => [o.stage, o]),
      );
    },
    async incident(
      controllerIds: string[],
      processorAwareAt: string,
    ): Promise<{ id: string; reference: string }> {
      const { status, body } = await w.dpo
        .post('/incidents')
        .send(incidentBody({ controllerIds, discoveredAt: processorAwareAt, processorAwareAt }));
      expect(status).toBe(201);
      return body as { id: string; reference: string };
    },
    async controller(overrides: Record<string, unknown> = {}): Promise<string> {
      const { status, body } = await w.admin.post('/controllers').send(controllerBody(overrides));
      expect(status).toBe(201);
      return (body as { id: string }).id;
    },
    decide(incidentId: string, kind: string, value: string, reasoning = `${kind}: ${value}`) {
      return w.dpo.post(`/incidents/${incidentId}/decisions`).send({ kind, value, reasoning });
    },
    met(incidentId: string, obligationId: string, metAt: string) {
      return w.dpo.post(`/incidents/${incidentId}/obligations/${obligationId}/met`).send({ metAt });
    },
  };
  beforeAll(async () => {
    w.t = await createTestApp({ clock, env });
  });
  afterAll(() => w.t.close());
  beforeEach(async () => {
    clock.set(start);
    await resetDatabase(w.t.app);
    w.admin = client(w.t, await createKey(w.t.app, 'admin'));
    w.dpo = client(w.t, await createKey(w.t.app, 'dpo'));
  });
  return w;
}

/** A made-up regime: a notice due 48 h after our awareness, a report one calendar month after it was submitted. */
function madeUpRegime(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'made-up',
    version: 1,
    title: 'A made-up regime',
    source: { citation: 'Made-up Act § 1' },
    appliesTo: 'us',
    classifications: [],
    stages: [
      {
        id: 'notice',
        title: 'Notice',
        recipient: 'competent-authority',
        appliesWhen: 'always',
        due: { earliestOf: [{ anchor: 'processor-awareness', window: { hours: 48 } }] },
        content: ['whatHappened'],
        sources: [{ about: 'notice', citation: 'Made-up Act § 2' }],
      },
      {
        id: 'report',
        title: 'Report',
        recipient: 'competent-authority',
        appliesWhen: 'always',
        due: { earliestOf: [{ anchor: 'submission:notice', window: { months: 1 } }] },
        content: ['whatHappened', 'measuresTaken'],
        sources: [{ about: 'report', citation: 'Made-up Act § 3' }],
      },
    ],
    ...overrides,
  };
}

describe('regimes', () => {
  describe('the API', () => {
    const w = given({}, '2026-11-22T09:00:00Z');
    const admin = { post: (url: string) => w.admin.post(url) };
    const dpo = { get: (url: string) => w.dpo.get(url), post: (url: string) => w.dpo.post(url) };

    it('lists the built-in regimes gdpr, nis2 and dora', async () => {
      const { status, body } = await dpo.get('/regimes');
      expect(status).toBe(200);
      expect((body as { id: string }[]).map((r) => r.id)).toEqual(['dora', 'gdpr', 'nis2']);
      const gdpr = (await dpo.get('/regimes/gdpr')).body as { definition: { stages: { id: string }[] } };
      expect(gdpr.definition.stages.map((s) => s.id)).toEqual([
        'processor-to-controller',
        'controller-to-authority',
        'controller-to-data-subjects',
      ]);
    });

    it('adds a regime and its next version (admin only); earlier versions stay readable', async () => {
      expect((await dpo.post('/regimes').send(madeUpRegime())).status).toBe(403);
      const created = await admin.post('/regimes').send(madeUpRegime());
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: 'made-up',
        version: 1,
        currentVersion: 1,
        source: 'api',
        builtin: false,
        definition: madeUpRegime(),
        versionCreatedAt: expect.any(String),
      });
      const again = await admin.post('/regimes').send(madeUpRegime());
      expect(again.status).toBe(201);
      expect(again.body).toMatchObject({ version: 1, currentVersion: 1 });

      const skipped = await admin.post('/regimes').send(madeUpRegime({ version: 3 }));
      expect(skipped.status).toBe(409);
      expect(skipped.body.details).toEqual([
        { field: 'version', messages: ['must be 2 (the regime is at version 1)'] },
      ]);
      const v2 = await admin.post('/regimes').send(madeUpRegime({ version: 2, title: 'Renamed' }));
      expect(v2.status).toBe(201);
      expect((await dpo.get('/regimes/made-up')).body).toMatchObject({ version: 2, currentVersion: 2 });
      expect((await dpo.get('/regimes/made-up/versions/1')).body).toMatchObject({
        version: 1,
        definition: { title: 'A made-up regime' },
      });
      expect((await dpo.get('/regimes/nope')).status).toBe(404);
    });

    it('refuses a bad regime with 400 naming each bad field, and writes nothing', async () => {
      const { status, body } = await admin.post('/regimes').send(
        madeUpRegime({
          appliesTo: 'everyone',
          stages: [
            {
              id: 'report',
              title: 'Report',
              recipient: 'the press',
              appliesWhen: 'always',
              due: { earliestOf: [{ anchor: 'submission:nothing', window: { weeks: 2 } }] },
              content: ['whatHappened'],
              sources: [{ about: 'report', citation: 'x' }],
            },
          ],
        }),
      );
      expect(status).toBe(400);
      expect((body.details as { field: string }[]).map((d) => d.field).sort()).toEqual([
        'appliesTo',
        'stages.0.due.earliestOf.0.window',
        'stages.0.recipient',
      ]);
      const meaning = await admin.post('/regimes').send(
        madeUpRegime({
          stages: [
            {
              id: 'report',
              title: 'Report',
              recipient: 'csirt',
              appliesWhen: 'always',
              due: { earliestOf: [{ anchor: 'submission:nothing', window: { months: 1 } }] },
              content: ['whatHappened'],
              sources: [{ about: 'report', citation: 'x' }],
            },
          ],
        }),
      );
      expect(meaning.status).toBe(400);
      expect(meaning.body.details).toEqual([
        { field: 'stages.0.due.earliestOf.0.anchor', messages: ['names no other stage of this regime'] },
      ]);
      const regime = madeUpRegime() as { stages: { content: string[] }[] };
      regime.stages[1].content = ['whatHappened', 'rootCause'];
      const content = await admin.post('/regimes').send(regime);
      expect(content.status).toBe(400);
      expect(content.body.details).toEqual([
        { field: 'stages.1.content.1', messages: ['rootCause is not a field of the catalogue'] },
      ]);
      expect((await dpo.get('/regimes/made-up')).status).toBe(404);
    });
    it("refuses a gdpr version that changes what the code plans (its three stages, their anchors and kinds of window), naming the field; its authority's hours may change", async () => {
      type Def = { version: number; title: string; stages: Record<string, unknown>[] };
      const current = async () =>
        structuredClone(((await dpo.get('/regimes/gdpr')).body as { definition: Def }).definition);
      const post = (def: Def) => admin.post('/regimes').send({ ...def, version: 2 });
      const fields = (body: { details: { field: string }[] }) => body.details.map((d) => d.field).sort();

      const removed = await current();
      removed.stages.pop();
      const noDataSubjects = await post(removed);
      expect(noDataSubjects.status).toBe(400);
      expect(noDataSubjects.body.details).toEqual([
        {
          field: 'stages',
          messages: [
            "must keep the stage controller-to-data-subjects: gdpr's stages are planned in code: only their titles, content and sources, and the authority's hours, may change",
          ],
        },
      ]);

      const renamed = await current();
      renamed.stages[1].id = 'controller-to-dpa';
      const rename = await post(renamed);
      expect(rename.status).toBe(400);
      expect(fields(rename.body)).toEqual(['stages', 'stages.1.id']);

      const reshaped = await current();
      reshaped.stages[1].due = { earliestOf: [{ anchor: 'controller-awareness', window: { months: 1 } }] };
      reshaped.stages[0].due = { earliestOf: [{ anchor: 'processor-awareness', window: { hours: 24 } }] };
      reshaped.stages[2].appliesWhen = 'always';
      const windows = await post(reshaped);
      expect(windows.status).toBe(400);
      expect(fields(windows.body)).toEqual([
        'stages.0.due.earliestOf.0.window',
        'stages.1.due.earliestOf.0.window',
        'stages.2.appliesWhen',
      ]);
      expect((await dpo.get('/regimes/gdpr')).body).toMatchObject({ currentVersion: 1 });

      // What the data drives may change: the authority's hours (and titles, content, sources) are honoured.
      const before = await w.incident([await w.controller()], '2026-11-22T09:00:00Z');
      const hours = await current();
      hours.title = 'GDPR, with a national 48 h rule';
      hours.stages[1].due = { earliestOf: [{ anchor: 'controller-awareness', window: { hours: 48 } }] };
      const accepted = await post(hours);
      expect(accepted.status).toBe(201);
      expect(accepted.body).toMatchObject({ version: 2, currentVersion: 2 });
      const after = await w.incident([await w.controller()], '2026-11-22T09:00:00Z');
      const authority = async (id: string) => (await w.stages(id, 'gdpr'))['controller-to-authority'];
      expect(await authority(after.id)).toMatchObject({
        regimeVersion: 2,
        windowHours: 48,
        conservativeDueAt: '2026-11-24T09:00:00.000Z',
      });
      expect(await authority(before.id)).toMatchObject({
        regimeVersion: 1,
        windowHours: 72,
        conservativeDueAt: '2026-11-25T09:00:00.000Z',
      });
    });
  });

  describe('NIS2, a duty of ours in Germany (REGIMES=gdpr,nis2, ORG_COUNTRY=de)', () => {
    const w = given({ REGIMES: 'gdpr,nis2', ORG_COUNTRY: 'de' }, '2027-01-28T12:00:00Z');

    it('sets off its stages once per incident, with no controller, to the BSI, counted in Berlin', async () => {
      const a = await w.controller();
      const b = await w.controller();
      const incident = await w.incident([a, b], '2027-01-28T08:00:00Z');
      const nis2 = await w.stages(incident.id, 'nis2');
      expect(Object.keys(nis2).sort()).toEqual(['early-warning', 'final-report', 'incident-notification']);
      expect(nis2['early-warning']).toMatchObject({
        hop: null,
        controllerId: null,
        status: 'awaiting-anchor',
        recipient: 'csirt',
        recipientName: 'Bundesamt für Sicherheit in der Informationstechnik (BSI)',
        local: { timeZone: 'Europe/Berlin' },
      });
      // GDPR's hops are as ever: two per controller.
      expect((await w.stages(incident.id, 'gdpr'))['processor-to-controller']).toMatchObject({
        status: 'open',
      });
    });

    it('sets off nothing for an incident discovered before the German law was in force (6 Dec 2025, Berlin)', async () => {
      const controller = await w.controller();
      const early = await w.incident([controller], '2025-12-05T20:00:00Z');
      expect(await w.stages(early.id, 'nis2')).toEqual({});
      expect((await w.stages(early.id, 'gdpr'))['processor-to-controller']).toBeDefined();
      const inForce = await w.incident([controller], '2025-12-05T23:00:00Z');
      expect(Object.keys(await w.stages(inForce.id, 'nis2')).sort()).toEqual([
        'early-warning',
        'final-report',
        'incident-notification',
      ]);
    });

    it('runs early warning (24 h) and notification (72 h) from the classification, the final report one calendar month after the notification was submitted (31 Jan → 28 Feb)', async () => {
      const incident = await w.incident([await w.controller()], '2027-01-28T08:00:00Z');
      const yes = await w.decide(
        incident.id,
        'significant-incident',
        'yes',
        'Service down for all tenants for 6 h',
      );
      expect(yes.status).toBe(201);
      let nis2 = await w.stages(incident.id, 'nis2');
      expect(nis2['early-warning']).toMatchObject({ status: 'open', dueAt: '2027-01-29T12:00:00.000Z' });
      expect(nis2['incident-notification']).toMatchObject({
        status: 'open',
        anchorAt: '2027-01-28T12:00:00.000Z',
        dueAt: '2027-01-31T12:00:00.000Z',
      });
      expect(nis2['final-report']).toMatchObject({ status: 'awaiting-anchor', dueAt: null });

      w.clock.set('2027-01-31T09:30:00Z');
      expect(
        (await w.met(incident.id, nis2['incident-notification'].id, '2027-01-31T10:00:00+01:00')).status,
      ).toBe(200);
      nis2 = await w.stages(incident.id, 'nis2');
      expect(nis2['incident-notification'].status).toBe('met');
      expect(nis2['final-report']).toMatchObject({
        status: 'open',
        anchors: { 'submission:incident-notification': '2027-01-31T09:00:00.000Z' },
        dueAt: '2027-02-28T09:00:00.000Z',
        local: { timeZone: 'Europe/Berlin', dueAt: '2027-02-28T10:00:00+01:00' },
      });

      const { body } = await w.dpo.get('/deadlines');
      const ours = (body as (O & { controllerName: string | null; label: string })[]).filter(
        (d) => d.regime === 'nis2',
      );
      expect(ours.map((d) => [d.label, d.controllerName])).toEqual([
        ['nis2 · early-warning', null],
        ['nis2 · final-report', null],
      ]);
    });

    it('runs early warning and notification from when the significant incident took effect (effectiveAt), recorded 3 h later; a later "yes" saying it was earlier still moves them', async () => {
      const incident = await w.incident([await w.controller()], '2027-01-28T08:00:00Z');
      const { status, body } = await w.dpo.post(`/incidents/${incident.id}/decisions`).send({
        kind: 'significant-incident',
        value: 'yes',
        reasoning: 'On call at 10:00 Berlin: all tenants down',
        effectiveAt: '2027-01-28T10:00:00+01:00',
      });
      expect(status).toBe(201);
      expect(body).toMatchObject({
        decidedAt: '2027-01-28T12:00:00.000Z',
        effectiveAt: '2027-01-28T09:00:00.000Z',
        inForce: true,
      });
      let nis2 = await w.stages(incident.id, 'nis2');
      expect(nis2['early-warning']).toMatchObject({
        status: 'open',
        anchorAt: '2027-01-28T09:00:00.000Z',
        dueAt: '2027-01-29T09:00:00.000Z',
      });
      expect(nis2['incident-notification']).toMatchObject({
        anchorAt: '2027-01-28T09:00:00.000Z',
        dueAt: '2027-01-31T09:00:00.000Z',
      });

      // The audit keeps it, as the decision was returned.
      const audit = await w.admin.get(`/audit?entityType=incident&entityId=${incident.id}`);
      expect(
        (audit.body.items as { action: string; after: { decision: unknown } }[]).find(
          (r) => r.action === 'decision.significant-incident',
        )?.after.decision,
      ).toMatchObject({ id: body.id, effectiveAt: '2027-01-28T09:00:00.000Z' });

      // We learn we knew even earlier: the deadlines move with the awareness; which decision is in force goes by the record.
      w.clock.set('2027-01-28T13:00:00Z');
      const earlier = await w.dpo.post(`/incidents/${incident.id}/decisions`).send({
        kind: 'significant-incident',
        value: 'yes',
        reasoning: 'The night shift knew at 08:30 UTC',
        effectiveAt: '2027-01-28T08:30:00Z',
      });
      expect(earlier.status).toBe(201);
      nis2 = await w.stages(incident.id, 'nis2');
      expect(nis2['early-warning']).toMatchObject({ dueAt: '2027-01-29T08:30:00.000Z' });
      expect(nis2['incident-notification']).toMatchObject({ dueAt: '2027-01-31T08:30:00.000Z' });
      const history = (await w.dpo.get(`/incidents/${incident.id}/decisions`)).body as {
        id: string;
        inForce: boolean;
      }[];
      expect(history.map((d) => [d.id, d.inForce])).toEqual([
        [body.id, false],
        [earlier.body.id, true],
      ]);
    });

    it('refuses an effectiveAt in the future, before the discovery, without a zone offset, or on a GDPR decision, naming it', async () => {
      const incident = await w.incident([await w.controller()], '2027-01-28T08:00:00Z');
      const post = (body: Record<string, unknown>) =>
        w.dpo
          .post(`/incidents/${incident.id}/decisions`)
          .send({ kind: 'significant-incident', value: 'yes', reasoning: 'x', ...body });

      const future = await post({ effectiveAt: '2027-01-28T12:00:01Z' });
      expect(future.status).toBe(422);
      expect(future.body.details).toEqual([
        { field: 'effectiveAt', messages: [expect.stringContaining('later than now')] },
      ]);
      const beforeDiscovery = await post({ effectiveAt: '2027-01-28T08:59:59+01:00' });
      expect(beforeDiscovery.status).toBe(422);
      expect(beforeDiscovery.body.details).toEqual([
        { field: 'effectiveAt', messages: [expect.stringContaining('discoveredAt')] },
      ]);
      const noOffset = await post({ effectiveAt: '2027-01-28T10:00:00' });
      expect(noOffset.status).toBe(400);
      expect(noOffset.body.details).toEqual([{ field: 'effectiveAt', messages: [expect.any(String)] }]);
      const onRisk = await w.dpo.post(`/incidents/${incident.id}/decisions`).send({
        kind: 'risk',
        value: 'high-risk',
        reasoning: 'x',
        effectiveAt: '2027-01-28T10:00:00Z',
      });
      expect(onRisk.status).toBe(422);
      expect(onRisk.body.details).toEqual([{ field: 'effectiveAt', messages: [expect.any(String)] }]);

      // Nothing was recorded; at the discovery itself and at now it is taken.
      expect((await w.dpo.get(`/incidents/${incident.id}/decisions`)).body).toEqual([]);
      expect((await post({ effectiveAt: '2027-01-28T08:00:00Z' })).status).toBe(201);
      expect((await post({ effectiveAt: '2027-01-28T12:00:00Z' })).status).toBe(201);
    });

    it('is reclassified: a later "no" closes the stages with its reasoning, a later "yes" re-opens them from itself', async () => {
      const incident = await w.incident([await w.controller()], '2027-01-28T08:00:00Z');
      await w.decide(incident.id, 'significant-incident', 'yes').expect(201);
      w.clock.set('2027-01-28T15:00:00Z');
      const no = await w.decide(
        incident.id,
        'significant-incident',
        'no',
        'Restored within the hour; thresholds of 2024/2690 not met',
      );
      expect(no.status).toBe(201);
      let nis2 = await w.stages(incident.id, 'nis2');
      for (const stage of ['early-warning', 'incident-notification', 'final-report']) {
        expect(nis2[stage]).toMatchObject({
          status: 'not-required',
          notRequired: {
            reasoning:
              'Classification significant-incident: no: Restored within the hour; thresholds of 2024/2690 not met',
            decisionId: no.body.id,
          },
        });
      }
      expect((await w.stages(incident.id, 'gdpr'))['processor-to-controller'].status).not.toBe(
        'not-required',
      );

      w.clock.set('2027-01-29T08:00:00Z');
      await w
        .decide(incident.id, 'significant-incident', 'yes', 'It recurred: data of 40 tenants exposed')
        .expect(201);
      w.clock.set('2027-01-29T09:00:00Z');
      await w.decide(incident.id, 'significant-incident', 'yes', 'Confirmed').expect(201);
      nis2 = await w.stages(incident.id, 'nis2');
      expect(nis2['early-warning']).toMatchObject({ status: 'open', dueAt: '2027-01-30T08:00:00.000Z' });
      expect(nis2['incident-notification']).toMatchObject({
        status: 'open',
        dueAt: '2027-02-01T08:00:00.000Z',
      });
      expect(nis2['final-report'].status).toBe('awaiting-anchor');
      const decisions = (await w.dpo.get(`/incidents/${incident.id}/decisions`)).body as {
        inForce: boolean;
      }[];
      expect(decisions.map((d) => d.inForce)).toEqual([false, false, false, true]);
    });

    it("opens the intermediate report on the CSIRT's request, due at the date asked for, again and again", async () => {
      const incident = await w.incident([await w.controller()], '2027-01-28T08:00:00Z');
      await w.decide(incident.id, 'significant-incident', 'yes').expect(201);
      const open = (dueAt: string) =>
        w.dpo.post(`/incidents/${incident.id}/obligations`).send({
          regime: 'nis2',
          stage: 'intermediate-report',
          dueAt,
          reason: 'BSI asked for a status update',
        });
      const first = await open('2027-01-29T12:00:00+01:00');
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        regime: 'nis2',
        stage: 'intermediate-report',
        occurrence: 1,
        status: 'open',
        anchorAt: '2027-01-28T12:00:00.000Z',
        dueAt: '2027-01-29T11:00:00.000Z',
        controllerId: null,
      });
      expect((await open('2027-02-02T12:00:00+01:00')).body).toMatchObject({ occurrence: 2 });
      const notByHand = await w.dpo
        .post(`/incidents/${incident.id}/obligations`)
        .send({ regime: 'nis2', stage: 'early-warning', dueAt: '2027-02-02T12:00:00Z', reason: 'x' });
      expect(notByHand.status).toBe(409);
      expect(notByHand.body.details).toEqual([
        { field: 'stage', messages: ['one of intermediate-report, progress-report'] },
      ]);
      const past = await open('2027-01-28T11:00:00Z');
      expect(past.status).toBe(422);
      expect(past.body.details).toEqual([{ field: 'dueAt', messages: [expect.any(String)] }]);
    });

    it('shows every regime side by side on the board and the incident page, labelled by regime and stage', async () => {
      const bank = await w.controller({ regimes: ['dora'], name: 'Fjord Sparebank' });
      const incident = await w.incident([bank], '2027-01-28T08:00:00Z');
      await w.decide(incident.id, 'significant-incident', 'yes').expect(201);
      await w.decide(incident.id, 'major-ict-incident', 'yes').expect(201);
      const board = await w.dpo.get('/');
      expect(board.status).toBe(200);
      expect(board.text).toContain('NIS2</span> Early warning');
      expect(board.text).toContain('DORA</span> Initial notification');
      expect(board.text).toContain('GDPR</span> Processor → controller');
      expect(board.text).toContain('Our own duties (a regime that applies to us) · To Bundesamt');
      const page = await w.dpo.get(`/ui/incidents/${incident.id}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Our own duties (a regime that applies to us)');
      expect(page.text).toContain('data-regime="nis2" data-stage="final-report"');
      expect(page.text).toContain('data-regime="dora" data-stage="initial-notification"');
      expect((await w.dpo.get(`/ui/incidents/${incident.id}/letters`)).status).toBe(200);
      const decisions = await w.dpo.get(`/ui/incidents/${incident.id}/decisions`);
      expect(decisions.status).toBe(200);
      expect(decisions.text).toContain('NIS2: significant incident');
      expect(decisions.text).toContain('DORA: major ICT-related incident');
    });

    it("refuses a decision of a kind no regime declares, and criteria that are not the classification's", async () => {
      const incident = await w.incident([await w.controller()], '2027-01-28T08:00:00Z');
      const unknown = await w.decide(incident.id, 'catastrophic', 'yes');
      expect(unknown.status).toBe(422);
      expect(unknown.body.details).toEqual([
        { field: 'kind', messages: [expect.stringContaining('significant-incident')] },
      ]);
      const bad = await w.dpo
        .post(`/incidents/${incident.id}/decisions`)
        .send({ kind: 'significant-incident', value: 'maybe', reasoning: 'x' });
      expect(bad.status).toBe(400);
      const criteria = await w.dpo.post(`/incidents/${incident.id}/decisions`).send({
        kind: 'significant-incident',
        value: 'yes',
        reasoning: 'x',
        criteria: { severeOperationalDisruption: true, colour: 'red' },
      });
      expect(criteria.status).toBe(422);
      expect(criteria.body.details).toEqual([{ field: 'criteria.colour', messages: [expect.any(String)] }]);
      const onRisk = await w.dpo
        .post(`/incidents/${incident.id}/decisions`)
        .send({ kind: 'risk', value: 'yes', reasoning: 'x' });
      expect(onRisk.status).toBe(422);
      expect((await w.stages(incident.id, 'nis2'))['early-warning'].status).toBe('awaiting-anchor');
    });
  });

  describe('NIS2 for a trust service provider in Denmark (ORG_SECTORS=trust-service, ORG_COUNTRY=dk)', () => {
    const w = given(
      { REGIMES: 'gdpr,nis2', ORG_COUNTRY: 'dk', ORG_SECTORS: 'trust-service' },
      '2027-01-28T12:00:00Z',
    );

    it('owes the notification within 24 h (Art. 23(4)(b) second subparagraph), to Styrelsen for Samfundssikkerhed', async () => {
      const incident = await w.incident([await w.controller()], '2027-01-28T08:00:00Z');
      await w.decide(incident.id, 'significant-incident', 'yes').expect(201);
      const nis2 = await w.stages(incident.id, 'nis2');
      expect(Object.keys(nis2).sort()).toEqual([
        'early-warning',
        'final-report',
        'incident-notification-trust-service',
      ]);
      expect(nis2['incident-notification-trust-service']).toMatchObject({
        dueAt: '2027-01-29T12:00:00.000Z',
        recipientName: expect.stringContaining('Styrelsen for Samfundssikkerhed'),
        local: { timeZone: 'Europe/Copenhagen' },
      });
    });
  });

  describe("DORA, a financial entity's duty (the controller lists dora)", () => {
    const w = given({}, '2028-01-26T08:00:00Z');
    /** The bank's awareness, set by hand on its authority notice (as our notice reaching it would set it). */
    const awareAnchor = async (incidentId: string, at: string, bank: string) => {
      const { body } = await w.dpo.get(`/incidents/${incidentId}`);
      const authority = (body.obligations as O[]).find(
        (o) => o.hop === 'controller-to-authority' && o.controllerId === bank,
      )!;
      const { status } = await w.dpo
        .post(`/incidents/${incidentId}/obligations/${authority.id}/anchor`)
        .send({ anchorAt: at, reason: 'The bank confirmed our notice reached its CISO' });
      expect(status).toBe(200);
    };

    it("refuses on a controller a regime that is not a controller's, or none at all", async () => {
      const { status, body } = await w.admin
        .post('/controllers')
        .send(controllerBody({ regimes: ['nis2', 'nope', 'dora'] }));
      expect(status).toBe(422);
      expect((body.details as { field: string }[]).map((d) => d.field)).toEqual(['regimes.0', 'regimes.1']);
    });

    it('is due 24 h after the entity became aware until classified, then at the earliest of classification + 4 h and awareness + 24 h', async () => {
      const bank = await w.controller({ regimes: ['dora'] });
      const other = await w.controller();
      const incident = await w.incident([bank, other], '2028-01-26T08:00:00Z');
      let dora = await w.stages(incident.id, 'dora');
      expect(Object.keys(dora).sort()).toEqual([
        'final-report',
        'initial-notification',
        'intermediate-report',
      ]);
      expect(dora['initial-notification']).toMatchObject({
        controllerId: bank,
        status: 'awaiting-anchor',
        recipient: 'competent-authority',
      });

      w.clock.set('2028-01-26T09:30:00Z');
      await awareAnchor(incident.id, '2028-01-26T09:00:00Z', bank);
      dora = await w.stages(incident.id, 'dora');
      expect(dora['initial-notification']).toMatchObject({
        status: 'open',
        dueAt: '2028-01-27T09:00:00.000Z',
      });

      w.clock.set('2028-01-26T11:00:00Z');
      await w.decide(incident.id, 'major-ict-incident', 'yes').expect(201);
      dora = await w.stages(incident.id, 'dora');
      expect(dora['initial-notification']).toMatchObject({
        anchorAt: '2028-01-26T09:00:00.000Z',
        dueAt: '2028-01-26T15:00:00.000Z',
      });
    });

    it('keeps the 24 h when the classification comes late (22 h after awareness)', async () => {
      const bank = await w.controller({ regimes: ['dora'] });
      const incident = await w.incident([bank], '2028-01-26T08:00:00Z');
      w.clock.set('2028-01-26T09:30:00Z');
      await awareAnchor(incident.id, '2028-01-26T09:00:00Z', bank);
      w.clock.set('2028-01-27T07:00:00Z');
      const { status } = await w.dpo.post(`/incidents/${incident.id}/decisions`).send({
        kind: 'major-ict-incident',
        value: 'yes',
        reasoning: 'Payments down for 26 h',
        criteria: { durationAndDowntime: '26 h', criticalServicesAffected: true, clientsAffected: '12 %' },
      });
      expect(status).toBe(201);
      expect((await w.stages(incident.id, 'dora'))['initial-notification'].dueAt).toBe(
        '2028-01-27T09:00:00.000Z',
      );
    });

    it('runs from when the classification as major took effect (effectiveAt 3 h before it was recorded): the earliest of that + 4 h and awareness + 24 h', async () => {
      const bank = await w.controller({ regimes: ['dora'] });
      const incident = await w.incident([bank], '2028-01-26T08:00:00Z');
      w.clock.set('2028-01-26T09:30:00Z');
      await awareAnchor(incident.id, '2028-01-26T09:00:00Z', bank);

      // Classified on call at 11:00, recorded at 14:00: due 15:00, not 18:00.
      w.clock.set('2028-01-26T14:00:00Z');
      const { status, body } = await w.dpo.post(`/incidents/${incident.id}/decisions`).send({
        kind: 'major-ict-incident',
        value: 'yes',
        reasoning: 'Payments down; classified on the bridge call',
        effectiveAt: '2028-01-26T12:00:00+01:00',
      });
      expect(status).toBe(201);
      expect(body).toMatchObject({
        decidedAt: '2028-01-26T14:00:00.000Z',
        effectiveAt: '2028-01-26T11:00:00.000Z',
      });
      expect((await w.stages(incident.id, 'dora'))['initial-notification']).toMatchObject({
        anchors: { 'classification:major-ict-incident': '2028-01-26T11:00:00.000Z' },
        dueAt: '2028-01-26T15:00:00.000Z',
      });

      // Classified late at night, recorded 3 h later: awareness + 24 h comes first.
      const late = await w.incident([bank], '2028-01-26T08:00:00Z');
      await awareAnchor(late.id, '2028-01-26T09:00:00Z', bank);
      w.clock.set('2028-01-27T10:00:00Z');
      await w.dpo
        .post(`/incidents/${late.id}/decisions`)
        .send({
          kind: 'major-ict-incident',
          value: 'yes',
          reasoning: 'Classified at 07:00',
          effectiveAt: '2028-01-27T07:00:00Z',
        })
        .expect(201);
      expect((await w.stages(late.id, 'dora'))['initial-notification'].dueAt).toBe(
        '2028-01-27T09:00:00.000Z',
      );
    });

    it('anchors the final report on the latest intermediate report, also one opened again by hand', async () => {
      const bank = await w.controller({ regimes: ['dora'] });
      const incident = await w.incident([bank], '2028-01-26T08:00:00Z');
      w.clock.set('2028-01-26T11:00:00Z');
      await w.decide(incident.id, 'major-ict-incident', 'yes').expect(201);
      let dora = await w.stages(incident.id, 'dora');
      await w.met(incident.id, dora['initial-notification'].id, '2028-01-26T10:30:00Z').expect(200);
      dora = await w.stages(incident.id, 'dora');
      w.clock.set('2028-01-27T10:00:00Z');
      await w.met(incident.id, dora['intermediate-report'].id, '2028-01-27T09:00:00Z').expect(200);
      expect((await w.stages(incident.id, 'dora'))['final-report'].dueAt).toBe('2028-02-27T09:00:00.000Z');
      const again = await w.dpo.post(`/incidents/${incident.id}/obligations`).send({
        regime: 'dora',
        stage: 'intermediate-report',
        controllerId: bank,
        dueAt: '2028-02-03T10:00:00Z',
        reason: 'Status changed significantly: a second data centre failed',
      });
      expect(again.status).toBe(201);
      expect(again.body).toMatchObject({
        occurrence: 2,
        controllerId: bank,
        dueAt: '2028-02-03T10:00:00.000Z',
      });
      w.clock.set('2028-02-02T10:00:00Z');
      await w.met(incident.id, again.body.id, '2028-02-02T09:00:00Z').expect(200);
      expect((await w.stages(incident.id, 'dora'))['final-report']).toMatchObject({
        dueAt: '2028-03-02T09:00:00.000Z',
        anchors: { 'submission:intermediate-report': '2028-02-02T09:00:00.000Z' },
      });
    });

    it("runs the intermediate report from the initial one's submission, the final report from the last intermediate one: a month on, to the leap day", async () => {
      const incident = await w.incident([await w.controller({ regimes: ['dora'] })], '2028-01-26T08:00:00Z');
      w.clock.set('2028-01-26T11:00:00Z');
      await w.decide(incident.id, 'major-ict-incident', 'yes').expect(201);
      let dora = await w.stages(incident.id, 'dora');
      expect(dora['initial-notification'].dueAt).toBe('2028-01-26T15:00:00.000Z');
      w.clock.set('2028-01-26T14:30:00Z');
      await w.met(incident.id, dora['initial-notification'].id, '2028-01-26T14:00:00Z').expect(200);
      dora = await w.stages(incident.id, 'dora');
      expect(dora['intermediate-report']).toMatchObject({
        status: 'open',
        dueAt: '2028-01-29T14:00:00.000Z',
      });
      expect(dora['final-report'].status).toBe('awaiting-anchor');

      w.clock.set('2028-01-29T12:00:00Z');
      await w.met(incident.id, dora['intermediate-report'].id, '2028-01-29T12:00:00+01:00').expect(200);
      dora = await w.stages(incident.id, 'dora');
      expect(dora['final-report']).toMatchObject({
        status: 'open',
        dueAt: '2028-02-29T11:00:00.000Z',
        local: { timeZone: 'Europe/Oslo', dueAt: '2028-02-29T12:00:00+01:00' },
      });
    });
  });

  describe('a regime added through POST /regimes, with no code', () => {
    const w = given({}, '2027-03-08T09:00:00Z');

    it('keeps an obligation under way to the version it was made under (its due time and rule), while a new incident gets the new version', async () => {
      expect((await w.admin.post('/regimes').send(madeUpRegime({ appliesTo: 'controller' }))).status).toBe(
        201,
      );
      const controller = await w.controller({ regimes: ['made-up'] });
      const before = await w.incident([controller], '2027-03-08T09:00:00Z');
      const v1 = await w.stages(before.id, 'made-up');
      expect(v1.notice).toMatchObject({
        status: 'open',
        regimeVersion: 1,
        windowHours: 48,
        dueAt: '2027-03-10T09:00:00.000Z',
      });

      // Version 2: the notice within 24 h, the report 10 days (240 h) after it.
      const v2 = madeUpRegime({ appliesTo: 'controller', version: 2 }) as {
        stages: { due: { earliestOf: { window: unknown }[] } }[];
      };
      v2.stages[0].due.earliestOf[0].window = { hours: 24 };
      v2.stages[1].due.earliestOf[0].window = { hours: 240 };
      expect((await w.admin.post('/regimes').send(v2)).status).toBe(201);

      w.clock.set('2027-03-08T12:00:00Z');
      const after = await w.incident([controller], '2027-03-08T12:00:00Z');
      // A change on the older incident reconciles it again: its obligations stay as they were made.
      await w.decide(before.id, 'risk', 'risk', 'Exports of one tenant').expect(201);
      let old = await w.stages(before.id, 'made-up');
      let fresh = await w.stages(after.id, 'made-up');
      expect(old.notice).toMatchObject({
        regimeVersion: 1,
        windowHours: 48,
        dueAt: '2027-03-10T09:00:00.000Z',
      });
      expect(fresh.notice).toMatchObject({
        status: 'open',
        regimeVersion: 2,
        windowHours: 24,
        dueAt: '2027-03-09T12:00:00.000Z',
      });

      // Each report runs by its own version's rule from its notice's submission: a calendar month, or 240 h.
      w.clock.set('2027-03-09T10:00:00Z');
      await w.met(before.id, old.notice.id, '2027-03-09T10:00:00Z').expect(200);
      await w.met(after.id, fresh.notice.id, '2027-03-09T10:00:00Z').expect(200);
      old = await w.stages(before.id, 'made-up');
      fresh = await w.stages(after.id, 'made-up');
      expect(old.report).toMatchObject({ regimeVersion: 1, dueAt: '2027-04-09T09:00:00.000Z' });
      expect(fresh.report).toMatchObject({ regimeVersion: 2, dueAt: '2027-03-19T10:00:00.000Z' });
    });

    it('shows its deadlines, fires its alerts and fills the register; its monthly report keeps the wall-clock time over the change to summer time', async () => {
      expect((await w.admin.post('/regimes').send(madeUpRegime({ appliesTo: 'controller' }))).status).toBe(
        201,
      );
      const controller = await w.controller({ regimes: ['made-up'] });
      const incident = await w.incident([controller], '2027-03-08T09:00:00Z');
      let made = await w.stages(incident.id, 'made-up');
      expect(made.notice).toMatchObject({
        status: 'open',
        controllerId: controller,
        anchorAt: '2027-03-08T09:00:00.000Z',
        dueAt: '2027-03-10T09:00:00.000Z',
      });
      expect(made.report).toMatchObject({ status: 'awaiting-anchor', dueAt: null });

      const deadlines = (await w.dpo.get('/deadlines')).body as (O & { label: string })[];
      expect(deadlines.map((d) => d.label)).toContain('made-up · notice');

      w.clock.set('2027-03-09T09:00:00Z');
      expect((await w.t.app.get(AlertsService).scan()).alerts).toBeGreaterThanOrEqual(1);
      const { body } = await w.dpo.get(`/incidents/${incident.id}`);
      const notice = (body.obligations as (O & { alerts: { stage: number }[] })[]).find(
        (o) => o.regime === 'made-up' && o.stage === 'notice',
      )!;
      expect(notice.alerts.map((a) => a.stage)).toEqual([50]);
      const alertEntries = (body.timeline as { kind: string; data: Record<string, unknown> }[]).filter(
        (e) => e.kind === 'alert' && e.data.regime === 'made-up',
      );
      expect(alertEntries).toEqual([
        expect.objectContaining({
          data: expect.objectContaining({ stage: 50, regime: 'made-up', hop: null }),
        }),
      ]);

      w.clock.set('2027-03-10T07:30:00Z');
      await w.met(incident.id, made.notice.id, '2027-03-10T08:00:00+01:00').expect(200);
      made = await w.stages(incident.id, 'made-up');
      // 10 March 08:00 CET + 1 month = 10 April 08:00 CEST: 743 elapsed hours, not 744.
      expect(made.report).toMatchObject({
        status: 'open',
        dueAt: '2027-04-10T06:00:00.000Z',
        local: { timeZone: 'Europe/Oslo', dueAt: '2027-04-10T08:00:00+02:00' },
      });

      const register = (await w.dpo.get('/register')).body as {
        obligations: { regime: string; stage: string; status: string }[];
      }[];
      expect(register[0].obligations).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ regime: 'made-up', stage: 'notice', status: 'met' }),
          expect.objectContaining({ regime: 'made-up', stage: 'report', status: 'open' }),
          expect.objectContaining({
            regime: 'gdpr',
            stage: 'processor-to-controller',
            hop: 'processor-to-controller',
          }),
        ]),
      );
      const csv = (await w.dpo.get('/register?format=csv')).text.trim().split('\r\n');
      expect(csv[0].endsWith('"regime","stage"')).toBe(true);
      expect(csv.filter((l) => l.endsWith('"made-up","report"'))).toHaveLength(1);
    });
  });
});
