import { FixedClock } from '../src/clock/clock';
import { agreementBody, controllerBody, incidentBody } from './fixtures';
import { client, Client, createKey, createTestApp, resetDatabase, TestApp } from './utils';

/**
 * The deadlines real agreements use (issue 15 part 3): business days in the controller's calendar, hours from the
 * breach's confirmation, and a backstop beside a standard with no number; through the API, on a real PostgreSQL.
 */

/** "Now": Saturday 5 December 2026, 11:00 in Oslo. We became aware on the Friday evening before, at 18:00. */
const NOW = '2026-12-05T10:00:00.000Z';
const AWARE = '2026-12-04T18:00:00+01:00';

type Terms = Record<string, unknown>;

describe('deadlines in business days, from confirmation and with a backstop', () => {
  const clock = new FixedClock(new Date(NOW));
  let t: TestApp;
  let admin: Client;
  let dpo: Client;

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  beforeEach(async () => {
    clock.set(NOW);
    await resetDatabase(t.app);
    admin = client(t, await createKey(t.app, 'admin'));
    dpo = client(t, await createKey(t.app, 'dpo'));
  });
  afterAll(() => t.close());

  async function givenAgreement(terms: Terms): Promise<string> {
    const base = agreementBody();
    const { status, body } = await admin
      .post('/agreements')
      .send({ ...base, breachTerms: { ...base.breachTerms, ...terms } });
    expect({ status, body: status === 201 ? 'created' : body }).toEqual({ status: 201, body: 'created' });
    return body.id as string;
  }

  /** A Norwegian controller under the agreement, an incident for it, and its processor → controller obligation. */
  async function givenIncident(agreementId: string) {
    const controller = (
      await admin
        .post('/controllers')
        .send(controllerBody({ agreementId, language: 'en' }))
        .expect(201)
    ).body;
    const incident = (
      await admin
        .post('/incidents')
        .send(incidentBody({ controllerIds: [controller.id], discoveredAt: AWARE, processorAwareAt: AWARE }))
        .expect(201)
    ).body;
    const p2c = incident.obligations.find((o: { hop: string }) => o.hop === 'processor-to-controller');
    return { incident, p2c };
  }

  const BUSINESS_DAYS: Terms = {
    standard: 'within-business-days',
    hours: null,
    businessDays: 2,
    basis: 'contractual',
    confirmationHours: 24,
  };

  it('counts two business days from Friday evening to Tuesday evening, in the controller calendar', async () => {
    const { p2c } = await givenIncident(await givenAgreement(BUSINESS_DAYS));
    expect(p2c).toMatchObject({
      status: 'open',
      basis: 'contractual',
      anchorAt: '2026-12-04T17:00:00.000Z',
      dueAt: '2026-12-08T17:00:00.000Z',
      dueLimit: 'business-days',
      confirmedAt: null,
      local: { timeZone: 'Europe/Oslo', dueAt: '2026-12-08T18:00:00+01:00' },
      agreement: { terms: { standard: 'within-business-days', businessDays: 2, confirmationHours: 24 } },
    });
  });

  it('moves the due time earlier once the confirmation is recorded, with a timeline entry and an audit row', async () => {
    const { incident, p2c } = await givenIncident(await givenAgreement(BUSINESS_DAYS));
    const { status, body } = await admin
      .patch(`/incidents/${incident.id}`)
      .send({ breachConfirmedAt: '2026-12-05T09:00:00+01:00' });
    expect(status).toBe(200);
    expect(body.breachConfirmedAt).toBe('2026-12-05T08:00:00.000Z');
    const moved = body.obligations.find((o: { id: string }) => o.id === p2c.id);
    expect(moved).toMatchObject({
      anchorAt: '2026-12-04T17:00:00.000Z',
      confirmedAt: '2026-12-05T08:00:00.000Z',
      dueAt: '2026-12-06T08:00:00.000Z',
      dueLimit: 'confirmation',
      basis: 'contractual',
    });
    const kinds = body.timeline.map((e: { kind: string; data: { field?: string } }) => [
      e.kind,
      e.data.field,
    ]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['change', 'breachConfirmedAt'],
        ['anchor-set', undefined],
      ]),
    );
    const audit = (await admin.get(`/audit?entityType=incident&entityId=${incident.id}`).expect(200)).body
      .items;
    expect(audit.map((a: { action: string }) => a.action)).toContain('incident.update');

    // Cleared again: the business days decide.
    const cleared = await admin
      .patch(`/incidents/${incident.id}`)
      .send({ breachConfirmedAt: null })
      .expect(200);
    expect(cleared.body.obligations.find((o: { id: string }) => o.id === p2c.id)).toMatchObject({
      dueAt: '2026-12-08T17:00:00.000Z',
      dueLimit: 'business-days',
    });
  });

  it("keeps the controller's 72 h to the authority in elapsed hours under an agreement in business days", async () => {
    const { incident, p2c } = await givenIncident(await givenAgreement(BUSINESS_DAYS));
    const c2a = incident.obligations.find((o: { hop: string }) => o.hop === 'controller-to-authority');
    // Aware on Friday at 18:00 in Oslo: the processor's two business days run to Tuesday 18:00, the controller's
    // Art. 33(1) 72 hours to Monday 18:00, exactly 72 elapsed hours, over the weekend.
    expect(p2c.dueAt).toBe('2026-12-08T17:00:00.000Z');
    expect(c2a).toMatchObject({ windowHours: 72, conservativeDueAt: '2026-12-07T17:00:00.000Z' });
    expect(Date.parse(c2a.conservativeDueAt) - Date.parse(AWARE)).toBe(72 * 3_600_000);
    // The controller's own awareness, once known, starts the same 72 elapsed hours.
    const anchored = await admin.post(`/incidents/${incident.id}/obligations/${c2a.id}/anchor`).send({
      anchorAt: '2026-12-04T19:30:00+01:00',
      reason: 'Our notice read by its DPO on Friday evening',
    });
    expect(anchored.status).toBe(200);
    expect(anchored.body).toMatchObject({
      anchorAt: '2026-12-04T18:30:00.000Z',
      dueAt: '2026-12-07T18:30:00.000Z',
      windowHours: 72,
    });
  });

  it('refuses a controller whose country has no holiday calendar under an agreement in business days', async () => {
    const business = await givenAgreement(BUSINESS_DAYS);
    const refusal = {
      field: 'country',
      messages: [
        `agreement ${business} counts business days in the controller's public holidays, and there is no holiday ` +
          'calendar for QA: its business days cannot be counted',
      ],
    };
    const { status, body } = await admin
      .post('/controllers')
      .send(controllerBody({ agreementId: business, language: 'en', country: 'QA' }));
    expect(status).toBe(422);
    expect(body.details).toEqual([refusal]);

    // Under an agreement in hours the country is no matter; moving the controller to business days is refused alike.
    const hours = await givenAgreement({});
    const created = (
      await admin
        .post('/controllers')
        .send(controllerBody({ agreementId: hours, language: 'en', country: 'QA' }))
        .expect(201)
    ).body;
    const moved = await admin.patch(`/controllers/${created.id}`).send({ agreementId: business });
    expect(moved.status).toBe(422);
    expect(moved.body.details).toEqual([refusal]);
    expect((await admin.get(`/controllers/${created.id}`).expect(200)).body.agreementId).toBe(hours);

    // A country whose holidays are known is accepted under business days.
    await admin
      .patch(`/controllers/${created.id}`)
      .send({ agreementId: business, country: 'SE', timeZone: 'Europe/Stockholm' })
      .expect(200);
  });

  it('refuses a confirmation before our awareness or in the future, naming the field, and changes nothing', async () => {
    const { incident } = await givenIncident(await givenAgreement(BUSINESS_DAYS));
    for (const at of ['2026-12-04T17:00:00+01:00', '2026-12-06T10:00:00+01:00']) {
      const { status, body } = await admin.patch(`/incidents/${incident.id}`).send({ breachConfirmedAt: at });
      expect(status).toBe(422);
      expect(body.details.map((d: { field: string }) => d.field)).toEqual(['breachConfirmedAt']);
    }
    const read = (await admin.get(`/incidents/${incident.id}`).expect(200)).body;
    expect(read.breachConfirmedAt).toBeNull();
  });

  it('takes the backstop where it comes before our target for "without undue delay"', async () => {
    const { p2c } = await givenIncident(
      await givenAgreement({
        standard: 'without-undue-delay',
        hours: 24,
        basis: 'target',
        backstopHours: 12,
      }),
    );
    expect(p2c).toMatchObject({
      windowHours: 24,
      dueAt: '2026-12-05T05:00:00.000Z',
      dueLimit: 'backstop',
      basis: 'contractual',
    });
  });

  it('keeps the hours of an agreement without the new fields exactly as before', async () => {
    const { p2c } = await givenIncident(await givenAgreement({}));
    expect(p2c).toMatchObject({ dueAt: '2026-12-06T05:00:00.000Z', dueLimit: 'hours', basis: 'contractual' });
  });

  it('refuses combinations that cannot stand, naming each field', async () => {
    const base = agreementBody();
    const { status, body } = await admin.post('/agreements').send({
      ...base,
      breachTerms: { ...base.breachTerms, standard: 'within-business-days', hours: 36, backstopHours: 0 },
    });
    expect(status).toBe(400);
    expect(body.details.map((d: { field: string }) => d.field)).toEqual(['breachTerms.backstopHours']);
    const combined = await admin.post('/agreements').send({
      ...base,
      breachTerms: { ...base.breachTerms, standard: 'within-business-days', hours: 36 },
    });
    expect(combined.status).toBe(422);
    expect(combined.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'breachTerms.businessDays',
      'breachTerms.hours',
    ]);
    const aim = await admin.post('/agreements').send({
      ...base,
      breachTerms: {
        ...base.breachTerms,
        standard: 'immediately',
        hours: null,
        basis: 'target',
        firm: false,
      },
    });
    expect(aim.status).toBe(422);
    expect(aim.body.details.map((d: { field: string }) => d.field)).toEqual(['breachTerms.firm']);
  });

  it('warns of business days past 72 h over Easter, a backstop beyond the standard, a confirmation without one', async () => {
    const business = await givenAgreement(BUSINESS_DAYS);
    const lint = (await admin.get(`/agreements/${business}/lint`).expect(200)).body;
    expect(lint.warnings).toEqual([
      expect.objectContaining({
        code: 'business-days-exceed-72h',
        figures: expect.objectContaining({ businessDays: 2, longestHours: 167, country: 'NO' }),
      }),
    ]);
    const loose = await givenAgreement({
      standard: 'without-undue-delay',
      hours: 24,
      basis: 'target',
      backstopHours: 36,
    });
    expect((await admin.get(`/agreements/${loose}/lint`).expect(200)).body.warnings).toEqual([
      expect.objectContaining({ code: 'backstop-beyond-standard' }),
    ]);
    const confirmed = await givenAgreement({
      standard: 'without-undue-delay',
      hours: 24,
      basis: 'target',
      confirmationHours: 24,
    });
    expect((await admin.get(`/agreements/${confirmed}/lint`).expect(200)).body.warnings).toEqual([
      expect.objectContaining({ code: 'confirmation-without-backstop' }),
    ]);
  });

  it('says the business days, whose holidays, and the hours after confirming in the notice', async () => {
    const { incident, p2c } = await givenIncident(await givenAgreement(BUSINESS_DAYS));
    const url = `/incidents/${incident.id}/obligations/${p2c.id}/preview.html?phase=initial`;
    const en = (await dpo.get(`${url}&language=en`).expect(200)).text;
    expect(en).toContain(
      'within 2 business days of becoming aware of the breach (public holidays in Norway)',
    );
    expect(en).toContain('At the latest 24 hours after confirming the breach.');
    const nb = (await dpo.get(`${url}&language=nb`).expect(200)).text;
    expect(nb).toContain('innen 2 virkedager etter at vi ble kjent med bruddet (helligdager i Norge)');
  });
});
