import { FixedClock } from '../src/clock/clock';
import { validateDoraReport } from '../src/regimes/reports/dora-report.util';
import { controllerBody, incidentBody } from './fixtures';
import { client, Client, createKey, createTestApp, resetDatabase, TestApp } from './utils';

const NOW = '2026-11-22T10:00:00.000Z';
const CONTACT = { name: 'Kari Drift', email: 'kari@nordlys.example', phone: '+47 22 00 00 01' };

/** What DORA's initial notification asks beyond the fields NIS2 and GDPR share with it. */
const DORA_INITIAL = {
  reporter: { state: 'known', value: { name: 'Nordlys Cloud AS', email: 'sec@nordlys.example' } },
  doraSubmittingEntityCode: { state: 'known', value: '5493001KJTIIGC8Y1R12' },
  doraEntityType: { state: 'known', value: 'credit_institution' },
  doraEntityLei: { state: 'known', value: '5493000IBP32UQZ0KL24' },
  doraReportCurrency: { state: 'known', value: 'NOK' },
  doraClassifiedAt: { state: 'known', value: '2026-11-22T10:30:00+01:00' },
  doraDiscoveredBy: { state: 'known', value: 'monitoring_systems' },
  doraThirdPartyOrigin: { state: 'not-applicable', reason: 'Our own relay' },
  businessContinuityActivated: { state: 'known', value: false },
  doraOtherInformation: { state: 'unknown' },
};

/**
 * NIS2 applies to us in Germany (REGIMES, ORG_COUNTRY); DORA to the affected controller, a bank (its `regimes`). The
 * incident owes their stages from intake (awaiting their anchors), so the walk-through asks for their fields at once.
 */
describe('reports per stage, from the one walk-through', () => {
  const clock = new FixedClock(new Date(NOW));
  let t: TestApp;
  let dpo: Client;
  let responder: Client;
  let incidentId: string;
  let reference: string;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { REGIMES: 'gdpr,nis2', ORG_COUNTRY: 'de' } });
  });
  beforeEach(async () => {
    clock.set(NOW);
    await resetDatabase(t.app);
    const admin = client(t, await createKey(t.app, 'admin'));
    dpo = client(t, await createKey(t.app, 'dpo'));
    responder = client(t, await createKey(t.app, 'responder'));
    const controller = (
      await admin
        .post('/controllers')
        .send(controllerBody({ name: 'Fjordbank ASA', regimes: ['dora'] }))
        .expect(201)
    ).body;
    const incident = (
      await dpo
        .post('/incidents')
        .send(incidentBody({ controllerIds: [controller.id], detection: 'EDR alert on the relay host' }))
        .expect(201)
    ).body;
    incidentId = incident.id;
    reference = incident.reference;
  });
  afterAll(() => t.close());

  const answerInitial = (fields: Record<string, unknown>) =>
    responder.put(`/incidents/${incidentId}/form/initial`).send({ fields });

  it('shows the stages’ own fields in the walk-through, and fills every report from one answer', async () => {
    const form = await dpo.get(`/incidents/${incidentId}/form`);
    expect(form.status).toBe(200);
    const keys = form.body.fields.map((f: { key: string }) => f.key);
    expect(keys).toEqual(
      expect.arrayContaining(['whatHappened', 'suspectedMalicious', 'indicatorsOfCompromise']),
    );
    expect(keys).toEqual(expect.arrayContaining(['doraClassificationCriteria', 'threatType']));
    expect(keys.filter((k: string) => k === 'crossBorderImpact')).toHaveLength(1);
    expect(form.body.phases[0].missing).toEqual(
      expect.arrayContaining(['suspectedMalicious', 'doraEntityType']),
    );

    expect(
      (
        await answerInitial({
          whatHappened: { state: 'known', value: 'Ransomware encrypted the relay host' },
          suspectedMalicious: { state: 'known', value: true },
          crossBorderImpact: { state: 'unknown' },
        })
      ).status,
    ).toBe(200);

    const { status, body } = await dpo.get(`/incidents/${incidentId}/reports/nis2/early-warning`);
    expect(status).toBe(200);
    expect(body).toEqual({
      regime: 'nis2',
      stage: 'early-warning',
      title: 'Early warning',
      recipient: 'csirt',
      jurisdiction: {
        country: 'de',
        language: 'de',
        zone: 'Europe/Berlin',
        recipient: { name: 'Bundesamt für Sicherheit in der Informationstechnik (BSI)' },
      },
      incidentId,
      reference,
      fields: [
        expect.objectContaining({
          key: 'whatHappened',
          state: 'known',
          value: 'Ransomware encrypted the relay host',
        }),
        expect.objectContaining({ key: 'discovery', state: 'known', derived: true }),
        expect.objectContaining({ key: 'suspectedMalicious', state: 'known', value: true }),
        expect.objectContaining({ key: 'crossBorderImpact', state: 'unknown' }),
        expect.objectContaining({ key: 'contactPoint', state: 'missing' }),
      ],
      unknown: ['crossBorderImpact'],
      missing: ['contactPoint'],
      ready: false,
    });

    // The DPO answers the contact point once: the early warning and the incident notification both carry it.
    expect(
      (
        await dpo
          .put(`/incidents/${incidentId}/form/response`)
          .send({ fields: { contactPoint: { state: 'known', value: CONTACT } } })
      ).status,
    ).toBe(200);
    const early = await dpo.get(`/incidents/${incidentId}/reports/nis2/early-warning`);
    expect(early.body).toMatchObject({ missing: [], ready: true });
    const notification = await dpo.get(`/incidents/${incidentId}/reports/nis2/incident-notification`);
    expect(notification.body.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'contactPoint', state: 'known', value: CONTACT }),
        expect.objectContaining({ key: 'whatHappened', state: 'known' }),
      ]),
    );
    expect(notification.body.missing).toEqual([
      'initialAssessment',
      'indicatorsOfCompromise',
      'measuresTaken',
    ]);

    const text = await dpo.get(`/incidents/${incidentId}/reports/nis2/early-warning.txt`);
    expect(text.status).toBe(200);
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(text.text).toContain('Frühe Erstmeldung / Early warning');
    expect(text.text).toContain('[de] Was ist passiert: Ransomware encrypted the relay host');
    expect(text.text).toContain('[en] Could the incident have a cross-border impact?: Unknown – to follow');
    expect(text.text).not.toContain('Draft');
    const html = await dpo.get(`/incidents/${incidentId}/reports/nis2/early-warning.html`);
    expect(html.status).toBe(200);
    expect(html.text).toContain('<td lang="de"');
  });

  it('gives DORA’s initial notification as the template’s JSON only once it meets the template', async () => {
    const notReady = await dpo.get(`/incidents/${incidentId}/reports/dora/initial-notification.json`);
    expect(notReady.status).toBe(422);
    expect(notReady.body.details).toEqual(
      expect.arrayContaining([
        { field: 'fields.whatHappened', messages: ['not answered'] },
        { field: 'fields.doraEntityType', messages: ['not answered'] },
        { field: 'fields.contactPoint', messages: ['not answered'] },
      ]),
    );

    expect(
      (
        await answerInitial({
          ...DORA_INITIAL,
          whatHappened: { state: 'known', value: 'Ransomware encrypted the relay host' },
        })
      ).status,
    ).toBe(200);
    await dpo
      .put(`/incidents/${incidentId}/form/response`)
      .send({ fields: { contactPoint: { state: 'known', value: CONTACT } } })
      .expect(200);
    await dpo
      .put(`/incidents/${incidentId}/form/scope`)
      .send({
        fields: {
          doraClassificationCriteria: { state: 'known', value: ['critical_services_affected'] },
          doraMemberStates: { state: 'not-applicable', reason: 'Norway only' },
        },
      })
      .expect(200);

    const { status, body, headers } = await dpo.get(
      `/incidents/${incidentId}/reports/dora/initial-notification.json`,
    );
    expect(status).toBe(200);
    expect(headers['content-type']).toMatch(/^application\/json/);
    expect(validateDoraReport(body)).toBe(true);
    expect(body).toMatchObject({
      incidentSubmission: 'initial_notification',
      affectedEntity: [{ name: 'Fjordbank ASA', affectedEntityType: ['credit_institution'] }],
      incident: {
        financialEntityCode: reference,
        detectionDateTime: '2026-11-22T08:00:00.000Z',
        classificationDateTime: '2026-11-22T10:30:00+01:00',
        classificationTypes: [{ classificationCriterion: 'critical_services_affected' }],
        isBusinessContinuityActivated: false,
      },
    });

    const intermediate = await dpo.get(`/incidents/${incidentId}/reports/dora/intermediate-report.json`);
    expect(intermediate.status).toBe(422);
    expect(intermediate.body.details).toEqual(
      expect.arrayContaining([{ field: 'fields.doraIncidentType', messages: ['not answered'] }]),
    );
  });

  it('gives DORA’s reclassification as non-major with the reasons of the "no" in force, and re-opens the stages on a "yes"', async () => {
    const dora = async () => {
      const { body } = await dpo.get(`/incidents/${incidentId}`);
      return Object.fromEntries(
        (
          body.obligations as {
            id: string;
            regime: string;
            stage: string;
            status: string;
            dueAt: string | null;
          }[]
        )
          .filter((o) => o.regime === 'dora')
          .map((o) => [o.stage, o]),
      );
    };
    const decide = (value: string, reasoning: string) =>
      dpo
        .post(`/incidents/${incidentId}/decisions`)
        .send({ kind: 'major-ict-incident', value, reasoning })
        .expect(201);
    const reclassification = () => dpo.get(`/incidents/${incidentId}/reports/dora/reclassification.json`);

    await decide('yes', 'Payments down for all clients');
    let stages = await dora();
    expect(stages['initial-notification']).toMatchObject({
      status: 'open',
      dueAt: '2026-11-22T14:00:00.000Z',
    });
    await answerInitial({
      ...DORA_INITIAL,
      whatHappened: { state: 'known', value: 'Ransomware encrypted the relay host' },
    }).expect(200);
    await dpo
      .put(`/incidents/${incidentId}/form/response`)
      .send({ fields: { contactPoint: { state: 'known', value: CONTACT } } })
      .expect(200);
    clock.set('2026-11-22T12:00:00Z');
    await dpo
      .post(`/incidents/${incidentId}/obligations/${stages['initial-notification'].id}/met`)
      .send({ metAt: '2026-11-22T12:00:00Z' })
      .expect(200);
    expect((await dora())['intermediate-report']).toMatchObject({ status: 'open' });
    // Still major: there is no reclassification to give.
    const notYet = await reclassification();
    expect(notYet.status).toBe(409);

    clock.set('2026-11-22T16:00:00Z');
    await decide('no', 'Restored in 40 minutes; no threshold of 2024/1772 met after all');
    stages = await dora();
    expect(stages['initial-notification'].status).toBe('met');
    expect(stages['intermediate-report'].status).toBe('not-required');
    expect(stages['final-report'].status).toBe('not-required');
    const { status, body, headers } = await reclassification();
    expect(status).toBe(200);
    expect(headers['content-type']).toMatch(/^application\/json/);
    expect(validateDoraReport(body)).toBe(true);
    expect(body).toMatchObject({
      incidentSubmission: 'major_incident_reclassified_as_non-major',
      affectedEntity: [{ name: 'Fjordbank ASA' }],
      incident: {
        financialEntityCode: reference,
        classificationDateTime: '2026-11-22T10:30:00+01:00',
        otherInformation:
          'Reclassified as non-major: Restored in 40 minutes; no threshold of 2024/1772 met after all',
      },
    });

    clock.set('2026-11-23T09:00:00Z');
    await decide('yes', 'It recurred: payments down again');
    stages = await dora();
    expect(stages['initial-notification'].status).toBe('met');
    expect(stages['intermediate-report']).toMatchObject({
      status: 'open',
      dueAt: '2026-11-25T12:00:00.000Z',
    });
    expect(stages['final-report'].status).toBe('awaiting-anchor');
    expect((await reclassification()).status).toBe(409);
  });

  it('no longer asks for the fields of a stage found not to be required', async () => {
    const decide = (value: string) =>
      dpo
        .post(`/incidents/${incidentId}/decisions`)
        .send({ kind: 'significant-incident', value, reasoning: `significant: ${value}` })
        .expect(201);
    await decide('yes');
    await decide('no');
    const { body } = await dpo.get(`/incidents/${incidentId}`);
    const earlyWarning = (body.obligations as { regime: string; stage: string; status: string }[]).find(
      (o) => o.regime === 'nis2' && o.stage === 'early-warning',
    );
    expect(earlyWarning?.status).toBe('not-required');
    const form = await dpo.get(`/incidents/${incidentId}/form`);
    const keys = form.body.fields.map((f: { key: string }) => f.key);
    // Only NIS2's early warning asks whether malicious acts are suspected; the bank's DORA stages are still owed.
    expect(keys).not.toContain('suspectedMalicious');
    expect(keys).toContain('doraClassificationCriteria');
  });

  it('refuses what is not a stage or not its format, and keeps reports to the letters’ roles', async () => {
    const base = `/incidents/${incidentId}/reports`;
    expect((await dpo.get(`${base}/nis2/no-such-stage`)).status).toBe(404);
    expect((await dpo.get(`${base}/gdpr/controller-to-authority`)).status).toBe(404);
    expect((await dpo.get(`${base}/nis2/early-warning.json`)).status).toBe(404);
    expect((await dpo.get(`${base}/dora/initial-notification.html`)).status).toBe(404);
    const pdf = await dpo.get(`${base}/nis2/early-warning.pdf`);
    expect(pdf.status).toBe(400);
    expect(pdf.body.details).toEqual([{ field: 'format', messages: ['must be one of html, txt, json'] }]);
    expect((await responder.get(`${base}/nis2/early-warning`)).status).toBe(403);
    expect(
      (await dpo.get(`/incidents/00000000-0000-4000-8000-000000000000/reports/nis2/early-warning`)).status,
    ).toBe(404);
  });

  it('refuses an answer to a field no report of the incident asks for', async () => {
    // GDPR alone: an incident made here owes no NIS2 stage, so NIS2's own fields are not in its walk-through.
    const other = await createTestApp({ clock, env: { REGIMES: 'gdpr' } });
    try {
      const admin = client(other, await createKey(other.app, 'admin'));
      const key = await createKey(other.app, 'dpo');
      const controller = (await admin.post('/controllers').send(controllerBody()).expect(201)).body;
      const gdprOnly = (
        await client(other, key)
          .post('/incidents')
          .send(incidentBody({ controllerIds: [controller.id] }))
          .expect(201)
      ).body;
      const res = await client(other, key)
        .put(`/incidents/${gdprOnly.id}/form/initial`)
        .send({ fields: { suspectedMalicious: { state: 'known', value: true } } });
      expect(res.status).toBe(422);
      expect(res.body.details).toEqual([
        { field: 'fields.suspectedMalicious', messages: ['no report this incident owes asks for it'] },
      ]);
      const form = await client(other, key).get(`/incidents/${gdprOnly.id}/form`);
      expect(form.body.fields.map((f: { key: string }) => f.key)).not.toContain('suspectedMalicious');
    } finally {
      await other.close();
    }
  });
});
