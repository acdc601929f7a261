import { FixedClock } from '../src/clock/clock';
import { agreementBody, controllerBody, incidentBody } from './fixtures';
import { client, Client, createKey, createTestApp, resetDatabase, TestApp } from './utils';

/**
 * The obligation lifecycle as a user meets it: decisions reversed, facts corrected, controllers added late, notices
 * recorded. Each `describe` is one behaviour of the clock.
 */
const NOW = '2026-11-22T09:00:00.000Z';
const HOUR = 3_600_000;

interface Obligation {
  id: string;
  hop: string;
  controllerId: string;
  status: string;
  anchorAt: string | null;
  anchorSource: string | null;
  dueAt: string | null;
  conservativeDueAt: string | null;
  metAt: string | null;
  reasonsForDelay: string | null;
  noticeFilingId: string | null;
  notRequired: { reasoning: string; decisionId: string | null } | null;
}

describe('the obligation lifecycle', () => {
  const clock = new FixedClock(new Date(NOW));
  let t: TestApp;
  let admin: Client;
  let dpo: Client;
  let responder: Client;
  let videonor: { id: string };
  let dotnet: { id: string };

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    clock.set(NOW);
    await resetDatabase(t.app);
    admin = client(t, await createKey(t.app, 'admin'));
    dpo = client(t, await createKey(t.app, 'dpo'));
    responder = client(t, await createKey(t.app, 'responder'));
    videonor = (
      await admin
        .post('/controllers')
        .send(controllerBody({ name: 'Fjord Kommune' }))
        .expect(201)
    ).body;
    dotnet = (
      await admin
        .post('/controllers')
        .send(controllerBody({ name: 'Nordlys AS', agreementId: 'dotnet-internals', language: 'en' }))
        .expect(201)
    ).body;
  });

  async function newIncident(controllerIds: string[], overrides: Record<string, unknown> = {}) {
    const { status, body } = await responder
      .post('/incidents')
      .send(incidentBody({ controllerIds, ...overrides }));
    expect(status).toBe(201);
    return body as { id: string; obligations: Obligation[] };
  }

  async function obligations(incidentId: string): Promise<Obligation[]> {
    return (await admin.get(`/incidents/${incidentId}`).expect(200)).body.obligations as Obligation[];
  }

  async function one(incidentId: string, controllerId: string, hop: string): Promise<Obligation> {
    const found = (await obligations(incidentId)).find(
      (o) => o.controllerId === controllerId && o.hop === hop,
    );
    if (!found) throw new Error(`no ${hop} obligation for ${controllerId}`);
    return found;
  }

  function decide(incidentId: string, kind: string, value: string, reasoning = `Decided ${value}`) {
    return dpo.post(`/incidents/${incidentId}/decisions`).send({ kind, value, reasoning });
  }

  /** A notice given and recorded by hand (by post, through a portal, by phone …). */
  function fileManually(incidentId: string, obligationId: string, extra: Record<string, unknown> = {}) {
    return dpo
      .post(`/incidents/${incidentId}/obligations/${obligationId}/filings`)
      .send({ phase: 'initial', channel: 'manual', sentBy: 'Kari Vakt', via: 'registered letter', ...extra });
  }

  describe('1. our awareness, when left out', () => {
    it('defaults to the discovery (the earliest of discovery and the sub-processor notice), never to now, and says so', async () => {
      const { status, body } = await responder.post('/incidents').send(
        incidentBody({
          controllerIds: [videonor.id],
          processorAwareAt: undefined,
          source: 'Mail host GmbH',
          subprocessorNotifiedAt: '2026-11-22T09:05:00+01:00',
        }),
      );
      expect(status).toBe(201);
      expect(body).toMatchObject({
        processorAwareAt: '2026-11-22T08:00:00.000Z',
        processorAwareAtDefaulted: true,
      });
      const p2c = (body.obligations as Obligation[]).find((o) => o.hop === 'processor-to-controller')!;
      expect(p2c).toMatchObject({ anchorAt: '2026-11-22T08:00:00.000Z', dueAt: '2026-11-22T12:00:00.000Z' });
      const created = (await admin.get(`/incidents/${body.id}`)).body.timeline[0];
      expect(created).toMatchObject({
        kind: 'created',
        data: { processorAwareAt: '2026-11-22T08:00:00.000Z', processorAwareAtDefaulted: true },
      });
    });

    it('refuses an awareness later than the sub-processor notice, naming both fields', async () => {
      const { status, body } = await responder.post('/incidents').send(
        incidentBody({
          controllerIds: [videonor.id],
          processorAwareAt: '2026-11-22T09:30:00+01:00',
          subprocessorNotifiedAt: '2026-11-22T09:20:00+01:00',
        }),
      );
      expect(status).toBe(422);
      const fields = (body.details as { field: string }[]).map((d) => d.field).sort();
      expect(fields).toEqual(['processorAwareAt', 'subprocessorNotifiedAt']);
      expect((await admin.get('/incidents')).body.total).toBe(0);
    });
  });

  describe("2. the controller's awareness", () => {
    it('is set by our notice reaching it, and anchors its authority obligation also when re-opened later', async () => {
      const inc = await newIncident([videonor.id]);
      expect((await decide(inc.id, 'risk', 'no-risk')).status).toBe(201);
      expect((await one(inc.id, videonor.id, 'controller-to-authority')).status).toBe('not-required');

      clock.set('2026-11-22T10:00:00Z');
      const p2c = await one(inc.id, videonor.id, 'processor-to-controller');
      const filing = await fileManually(inc.id, p2c.id);
      expect(filing.status).toBe(201);
      const closed = await one(inc.id, videonor.id, 'controller-to-authority');
      // Still not required, but the controller's awareness is on record for when that changes.
      expect(closed).toMatchObject({
        status: 'not-required',
        anchorAt: '2026-11-22T10:00:00.000Z',
        anchorSource: 'delivery',
        noticeFilingId: filing.body.id,
      });

      clock.set('2026-11-23T09:00:00Z');
      expect(
        (await decide(inc.id, 'risk', 'risk', 'The exports held national identity numbers')).status,
      ).toBe(201);
      expect(await one(inc.id, videonor.id, 'controller-to-authority')).toMatchObject({
        status: 'open',
        anchorAt: '2026-11-22T10:00:00.000Z',
        dueAt: '2026-11-25T10:00:00.000Z',
        notRequired: null,
      });
    });

    it('by hand may be earlier than a delivery, never later (422 naming the filing)', async () => {
      const inc = await newIncident([videonor.id]);
      const p2c = await one(inc.id, videonor.id, 'processor-to-controller');
      const filing = (await fileManually(inc.id, p2c.id)).body as { id: string };
      const c2a = await one(inc.id, videonor.id, 'controller-to-authority');
      expect(c2a).toMatchObject({ status: 'open', anchorAt: NOW, anchorSource: 'delivery' });

      const anchorPath = `/incidents/${inc.id}/obligations/${c2a.id}/anchor`;
      clock.set('2026-11-22T10:00:00Z');
      const later = await dpo
        .post(anchorPath)
        .send({ anchorAt: '2026-11-22T09:00:00.001Z', reason: 'Read it later' });
      expect(later.status).toBe(422);
      expect(later.body.details).toEqual([
        { field: 'anchorAt', messages: [expect.stringContaining(`filing ${filing.id}`)] },
      ]);

      const earlier = await dpo
        .post(anchorPath)
        .send({ anchorAt: '2026-11-22T08:30:00Z', reason: 'Its DPO saw our SOC ticket at 09:30 local time' });
      expect(earlier.status).toBe(200);
      expect(earlier.body).toMatchObject({
        anchorAt: '2026-11-22T08:30:00.000Z',
        anchorSource: 'manual',
        dueAt: '2026-11-25T08:30:00.000Z',
      });
      // A later delivery or acknowledgement never moves it back.
      const controllerKey = client(t, await createKey(t.app, 'controller', videonor.id));
      expect((await controllerKey.post(`/notices/${filing.id}/ack`)).status).toBe(200);
      expect((await one(inc.id, videonor.id, 'controller-to-authority')).anchorAt).toBe(
        '2026-11-22T08:30:00.000Z',
      );
    });
  });

  describe('3. an authority notification recorded as delivered', () => {
    it('meets the authority obligation while it still awaits its anchor, and the register shows it notified', async () => {
      const inc = await newIncident([videonor.id]);
      const c2a = await one(inc.id, videonor.id, 'controller-to-authority');
      expect(c2a.status).toBe('awaiting-anchor');
      clock.set('2026-11-23T09:00:00Z');
      const filed = await fileManually(inc.id, c2a.id, { via: 'Altinn portal' });
      expect(filed.status).toBe(201);
      expect(await one(inc.id, videonor.id, 'controller-to-authority')).toMatchObject({
        status: 'met',
        anchorAt: null,
        metAt: '2026-11-23T09:00:00.000Z',
      });
      const [entry] = (await admin.get('/register')).body as { notified: boolean }[];
      expect(entry.notified).toBe(true);
    });

    it('is judged once the anchor is known: on time whenever it was before the conservative due time', async () => {
      const inc = await newIncident([videonor.id]);
      const c2a = await one(inc.id, videonor.id, 'controller-to-authority');
      // 80 h after our awareness: past the conservative 72 h, so the reasons are needed for now.
      clock.set(new Date(Date.parse('2026-11-22T08:12:00Z') + 80 * HOUR));
      expect((await fileManually(inc.id, c2a.id, { via: 'Altinn portal' })).status).toBe(422);
      const filed = await fileManually(inc.id, c2a.id, {
        via: 'Altinn portal',
        reasonsForDelay: 'The controller learnt of it late',
      });
      expect(filed.status).toBe(201);
      expect((await one(inc.id, videonor.id, 'controller-to-authority')).status).toBe('met-late');

      // The controller became aware 20 h after us: its 72 h ran until 92 h, so the notification was on time.
      const anchored = await dpo.post(`/incidents/${inc.id}/obligations/${c2a.id}/anchor`).send({
        anchorAt: new Date(Date.parse('2026-11-22T08:12:00Z') + 20 * HOUR).toISOString(),
        reason: 'Its DPO read our notice the next morning',
      });
      expect(anchored.status).toBe(200);
      expect(anchored.body).toMatchObject({ status: 'met', reasonsForDelay: null });
    });
  });

  describe('4. written form', () => {
    it('a notice given only by phone is recorded but does not meet an agreement that asks for writing', async () => {
      const inc = await newIncident([dotnet.id]);
      const p2c = await one(inc.id, dotnet.id, 'processor-to-controller');
      const byPhone = await fileManually(inc.id, p2c.id, { via: 'phone call to their DPO' });
      expect(byPhone.status).toBe(201);
      expect(byPhone.body).toMatchObject({
        meetsObligation: false,
        notMeetingReason: expect.stringContaining('in writing'),
      });
      expect((await one(inc.id, dotnet.id, 'processor-to-controller')).status).toBe('open');

      const byLetter = await dpo
        .post(`/incidents/${inc.id}/obligations/${p2c.id}/filings`)
        .send({ phase: 'follow-up', channel: 'manual', sentBy: 'Kari Vakt', via: 'letter' });
      expect(byLetter.status).toBe(201);
      expect(byLetter.body.meetsObligation).toBe(true);
      expect((await one(inc.id, dotnet.id, 'processor-to-controller')).status).toBe('met');
    });

    it('where the agreement names no form, a phone call meets it', async () => {
      const inc = await newIncident([videonor.id]);
      const p2c = await one(inc.id, videonor.id, 'processor-to-controller');
      expect((await fileManually(inc.id, p2c.id, { via: 'phone' })).body.meetsObligation).toBe(true);
      expect((await one(inc.id, videonor.id, 'processor-to-controller')).status).toBe('met');
    });
  });

  describe('7. reversed decisions leave no trace in what is sent, and the register keeps the history', () => {
    it('a superseded Art. 34(3) exception is no longer relied on; the history says who decided', async () => {
      const inc = await newIncident([videonor.id]);
      await decide(inc.id, 'risk', 'high-risk').expect(201);
      await decide(inc.id, 'art34-exception', 'unintelligible', 'Encrypted at rest').expect(201);
      expect((await one(inc.id, videonor.id, 'controller-to-data-subjects')).status).toBe('not-required');
      await decide(inc.id, 'risk', 'high-risk', 'The key was in the same export').expect(201);
      expect((await one(inc.id, videonor.id, 'controller-to-data-subjects')).status).toBe('open');

      const [entry] = (await admin.get('/register')).body;
      expect(entry.art34Exception).toBeNull();
      expect(entry.decisions).toEqual([
        expect.objectContaining({ value: 'high-risk', inForce: false, decidedBy: 'test dpo' }),
        expect.objectContaining({ value: 'unintelligible', inForce: false, decidedBy: 'test dpo' }),
        expect.objectContaining({ value: 'high-risk', inForce: true, decidedBy: 'test dpo' }),
      ]);
      const csv = (await admin.get('/register?format=csv')).text;
      expect(csv).toContain('art34-exception=unintelligible by test dpo (superseded): Encrypted at rest');
      const header = csv.split('\r\n')[0].split(',');
      const row = csv.split('\r\n')[1];
      expect(header).toContain('"decision_history"');
      expect(row).not.toContain(',unintelligible,');
    });
  });

  describe('8. controllers added later', () => {
    it('get a data-subject obligation while high risk is in force, anchored at the decision that established it', async () => {
      const inc = await newIncident([videonor.id]);
      clock.set('2026-11-22T10:00:00Z');
      await decide(inc.id, 'risk', 'high-risk').expect(201);
      clock.set('2026-11-22T12:00:00Z');
      const added = await dpo.post(`/incidents/${inc.id}/controllers`).send({ controllerIds: [dotnet.id] });
      expect(added.status).toBe(200);
      expect(await one(inc.id, dotnet.id, 'controller-to-data-subjects')).toMatchObject({
        status: 'open',
        anchorAt: '2026-11-22T10:00:00.000Z',
        anchorSource: 'decision',
      });
    });

    it('get their authority obligation closed as not required, citing the no-risk decision in force', async () => {
      const inc = await newIncident([videonor.id]);
      const decision = (await decide(inc.id, 'risk', 'no-risk', 'Only public data')).body as { id: string };
      await dpo
        .post(`/incidents/${inc.id}/controllers`)
        .send({ controllerIds: [dotnet.id] })
        .expect(200);
      expect(await one(inc.id, dotnet.id, 'controller-to-authority')).toMatchObject({
        status: 'not-required',
        notRequired: { reasoning: 'Only public data', decisionId: decision.id },
      });
      expect((await one(inc.id, dotnet.id, 'processor-to-controller')).status).toBe('open');
    });
  });

  describe('9. corrected awareness', () => {
    it('moves every obligation anchored on it, met ones included; one made late needs the reasons in the same request', async () => {
      const inc = await newIncident([videonor.id, dotnet.id]);
      const p2c = await one(inc.id, videonor.id, 'processor-to-controller');
      await fileManually(inc.id, p2c.id).expect(201); // met at 09:00, due 12:12: on time
      expect((await one(inc.id, videonor.id, 'processor-to-controller')).status).toBe('met');

      // We knew four hours earlier: Videonor's 4 h then ran out at 08:12, before the notice at 09:00.
      const correction = {
        discoveredAt: '2026-11-22T04:00:00Z',
        processorAwareAt: '2026-11-22T04:12:00Z',
      };
      const refused = await admin.patch(`/incidents/${inc.id}`).send(correction);
      expect(refused.status).toBe(422);
      expect(refused.body.details).toEqual([
        expect.objectContaining({ field: 'reasonsForDelay', obligationIds: [p2c.id] }),
      ]);
      expect((await admin.get(`/incidents/${inc.id}`)).body.processorAwareAt).toBe(
        '2026-11-22T08:12:00.000Z',
      );

      const reasons = 'The relay logs showing the earlier forwarding were found only on 23 November';
      const ok = await admin.patch(`/incidents/${inc.id}`).send({ ...correction, reasonsForDelay: reasons });
      expect(ok.status).toBe(200);
      expect(await one(inc.id, videonor.id, 'processor-to-controller')).toMatchObject({
        status: 'met-late',
        anchorAt: '2026-11-22T04:12:00.000Z',
        dueAt: '2026-11-22T08:12:00.000Z',
        reasonsForDelay: reasons,
      });
      expect(await one(inc.id, dotnet.id, 'processor-to-controller')).toMatchObject({
        status: 'open',
        dueAt: '2026-11-23T04:12:00.000Z',
        reasonsForDelay: null,
      });
      expect((await one(inc.id, dotnet.id, 'controller-to-authority')).conservativeDueAt).toBe(
        '2026-11-25T04:12:00.000Z',
      );
    });
  });

  describe('10. agreement versions', () => {
    it('the walk-through reads the version the obligations recorded, whatever the agreement says later', async () => {
      const body = agreementBody();
      await admin.post('/agreements').send(body).expect(201);
      const ctl = (
        await admin
          .post('/controllers')
          .send(controllerBody({ agreementId: body.id }))
          .expect(201)
      ).body;
      const inc = await newIncident([ctl.id]);
      const { id: _id, ...profile } = body;
      // The new version asks for other content, and its 60 h leave the controller too little of its 72 h.
      const edited = {
        ...profile,
        breachTerms: { ...body.breachTerms, hours: 60, requiredContent: [{ item: 'd', when: 'always' }] },
      };
      await admin.put(`/agreements/${body.id}`).send(edited).expect(200);
      const form = (await admin.get(`/incidents/${inc.id}/form`)).body;
      expect(form.controllers).toEqual([
        expect.objectContaining({
          controllerId: ctl.id,
          agreementVersion: 1,
          requiredItems: ['a', 'c'],
          warnings: [],
        }),
      ]);
      const lint = (await admin.get(`/agreements/${body.id}/lint`)).body as { warnings: { code: string }[] };
      expect(lint.warnings.map((w) => w.code)).toEqual(['controller-margin-below-24h']);
    });
  });

  describe('11. not a personal data breach', () => {
    it('the notice to the controller cannot be closed by a risk argument', async () => {
      const inc = await newIncident([videonor.id]);
      const p2c = await one(inc.id, videonor.id, 'processor-to-controller');
      const closed = await dpo
        .post(`/incidents/${inc.id}/obligations/${p2c.id}/not-required`)
        .send({ reasoning: 'Low risk' });
      expect(closed.status).toBe(422);
      await decide(inc.id, 'risk', 'no-risk').expect(201);
      expect((await one(inc.id, videonor.id, 'processor-to-controller')).status).toBe('open');
    });

    it('closes every obligation, can be withdrawn, and the incident stays in the register marked as such', async () => {
      const inc = await newIncident([videonor.id]);
      await decide(inc.id, 'risk', 'high-risk').expect(201);
      const finding = await decide(
        inc.id,
        'not-a-personal-data-breach',
        'no-personal-data',
        'The exports held only synthetic test records',
      );
      expect(finding.status).toBe(201);
      const all = await obligations(inc.id);
      expect(all.map((o) => [o.hop, o.status]).sort()).toEqual([
        ['controller-to-authority', 'not-required'],
        ['controller-to-data-subjects', 'not-required'],
        ['processor-to-controller', 'not-required'],
      ]);
      for (const o of all) {
        expect(o.notRequired).toMatchObject({
          reasoning: expect.stringContaining('synthetic test records'),
          decisionId: finding.body.id,
        });
      }
      const [entry] = (await admin.get('/register')).body;
      expect(entry.notAPersonalDataBreach).toMatchObject({ value: 'no-personal-data', inForce: true });

      await decide(
        inc.id,
        'not-a-personal-data-breach',
        'withdrawn',
        'One file held real customer data',
      ).expect(201);
      expect((await obligations(inc.id)).map((o) => [o.hop, o.status]).sort()).toEqual([
        ['controller-to-authority', 'awaiting-anchor'],
        ['controller-to-data-subjects', 'open'],
        ['processor-to-controller', 'open'],
      ]);
      expect((await admin.get('/register')).body[0].notAPersonalDataBreach).toBeNull();
      expect((await decide(inc.id, 'not-a-personal-data-breach', 'withdrawn')).status).toBe(409);
    });
  });

  describe('13. "immediately" is tighter than "without undue delay"', () => {
    it('each qualitative standard has its own default target, a profile’s own target wins', async () => {
      const immediately = agreementBody({ id: `immediately-${Date.now()}` });
      immediately.breachTerms = {
        ...immediately.breachTerms,
        standard: 'immediately',
        hours: null,
        basis: 'target',
      };
      const undue = agreementBody({ id: `undue-${Date.now()}` });
      undue.breachTerms = {
        ...undue.breachTerms,
        standard: 'without-undue-delay',
        hours: null,
        basis: 'target',
      };
      await admin.post('/agreements').send(immediately).expect(201);
      await admin.post('/agreements').send(undue).expect(201);
      const a = (await admin.post('/controllers').send(controllerBody({ agreementId: immediately.id }))).body;
      const b = (await admin.post('/controllers').send(controllerBody({ agreementId: undue.id }))).body;
      const inc = await newIncident([a.id, b.id, dotnet.id]);
      const hours = async (id: string) =>
        (await one(inc.id, id, 'processor-to-controller')) as Obligation & {
          windowHours: number;
          basis: string;
        };
      expect(await hours(a.id)).toMatchObject({ windowHours: 4, basis: 'target' });
      expect(await hours(b.id)).toMatchObject({ windowHours: 24, basis: 'target' });
      expect(await hours(dotnet.id)).toMatchObject({ windowHours: 24, basis: 'target' });
    });
  });
  describe('recorded notices and corrections, at the edges', () => {
    it('an authority notification given under a no-risk decision is recorded as met, and a reversal keeps it met', async () => {
      const inc = await newIncident([videonor.id]);
      await decide(inc.id, 'risk', 'no-risk').expect(201);
      const c2a = await one(inc.id, videonor.id, 'controller-to-authority');
      expect(c2a.status).toBe('not-required');
      await fileManually(inc.id, c2a.id, { via: 'Altinn portal' }).expect(201);
      expect(await one(inc.id, videonor.id, 'controller-to-authority')).toMatchObject({
        status: 'met',
        metAt: NOW,
        notRequired: null,
      });
      expect(((await admin.get('/register')).body as { notified: boolean }[])[0].notified).toBe(true);
      await decide(inc.id, 'risk', 'risk').expect(201);
      expect((await one(inc.id, videonor.id, 'controller-to-authority')).status).toBe('met');
    });

    it('a defaulted awareness follows a corrected discovery; a given one stays', async () => {
      const created = (
        await responder
          .post('/incidents')
          .send(incidentBody({ controllerIds: [videonor.id], processorAwareAt: undefined }))
          .expect(201)
      ).body as { id: string };
      const patched = await admin
        .patch(`/incidents/${created.id}`)
        .send({ discoveredAt: '2026-11-22T04:00:00Z' });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        processorAwareAt: '2026-11-22T04:00:00.000Z',
        processorAwareAtDefaulted: true,
      });
      expect((await one(created.id, videonor.id, 'processor-to-controller')).dueAt).toBe(
        '2026-11-22T08:00:00.000Z',
      );
      const given = await newIncident([videonor.id]);
      await admin.patch(`/incidents/${given.id}`).send({ discoveredAt: '2026-11-22T04:00:00Z' }).expect(200);
      expect((await admin.get(`/incidents/${given.id}`)).body.processorAwareAt).toBe(
        '2026-11-22T08:12:00.000Z',
      );
    });

    it('refuses our awareness later than our own notice to a controller', async () => {
      const inc = await newIncident([videonor.id]);
      const p2c = await one(inc.id, videonor.id, 'processor-to-controller');
      await fileManually(inc.id, p2c.id).expect(201);
      const later = await admin
        .patch(`/incidents/${inc.id}`)
        .send({ processorAwareAt: '2026-11-22T09:30:00+01:00' });
      expect(later.status).toBe(200);
      const tooLate = await admin
        .patch(`/incidents/${inc.id}`)
        .send({ processorAwareAt: '2026-11-22T08:59:00Z' });
      expect(tooLate.status).toBe(200);
      clock.set('2026-11-22T12:00:00Z');
      const afterNotice = await admin
        .patch(`/incidents/${inc.id}`)
        .send({ processorAwareAt: '2026-11-22T09:00:00.001Z' });
      expect(afterNotice.status).toBe(422);
      expect(afterNotice.body.details).toEqual([
        { field: 'processorAwareAt', messages: [expect.stringContaining(p2c.id)] },
      ]);
    });

    it('names every obligation a correction makes late, and keeps reasons already given', async () => {
      const inc = await newIncident([videonor.id, dotnet.id]);
      const v = await one(inc.id, videonor.id, 'processor-to-controller');
      const d = await one(inc.id, dotnet.id, 'processor-to-controller');
      clock.set('2026-11-22T13:00:00Z'); // Videonor's 4 h ran out at 12:12
      await fileManually(inc.id, v.id, { reasonsForDelay: 'Videonor reasons' }).expect(201);
      await fileManually(inc.id, d.id).expect(201);
      const correction = { discoveredAt: '2026-11-21T08:00:00Z', processorAwareAt: '2026-11-21T08:12:00Z' };
      const refused = await admin.patch(`/incidents/${inc.id}`).send(correction);
      expect(refused.status).toBe(422);
      expect(refused.body.details[0].obligationIds).toEqual([d.id]);
      await admin
        .patch(`/incidents/${inc.id}`)
        .send({ ...correction, reasonsForDelay: 'Found late' })
        .expect(200);
      expect((await one(inc.id, videonor.id, 'processor-to-controller')).reasonsForDelay).toBe(
        'Videonor reasons',
      );
      expect((await one(inc.id, dotnet.id, 'processor-to-controller')).reasonsForDelay).toBe('Found late');
    });

    it('takes only a named written form for writing where the agreement asks for it', async () => {
      for (const [via, meets] of [
        ['phoned their DPO', false],
        ['voicemail', false],
        ['Teams video call', false],
        ['e-mail to dpo@nordlys.example', true],
        ['registered letter', true],
      ] as const) {
        const inc = await newIncident([dotnet.id]);
        const p2c = await one(inc.id, dotnet.id, 'processor-to-controller');
        const filed = await fileManually(inc.id, p2c.id, { via });
        expect([via, filed.body.meetsObligation]).toEqual([via, meets]);
      }
    });

    it('a notice given by hand is dated when it was given, not when it was recorded', async () => {
      const inc = await newIncident([videonor.id]);
      const c2a = await one(inc.id, videonor.id, 'controller-to-authority');
      // Filed through the portal 70 h after our awareness, recorded 5 h later: on time, no reasons needed.
      clock.set(new Date(Date.parse('2026-11-22T08:12:00Z') + 75 * HOUR));
      const sentAt = new Date(Date.parse('2026-11-22T08:12:00Z') + 70 * HOUR).toISOString();
      const future = await fileManually(inc.id, c2a.id, {
        via: 'Altinn portal',
        sentAt: '2026-12-30T00:00:00Z',
      });
      expect(future.status).toBe(422);
      expect(future.body.details).toEqual([{ field: 'sentAt', messages: [expect.any(String)] }]);
      const filed = await fileManually(inc.id, c2a.id, { via: 'Altinn portal', sentAt });
      expect(filed.status).toBe(201);
      expect(filed.body.deliveredAt).toBe(sentAt);
      expect(await one(inc.id, videonor.id, 'controller-to-authority')).toMatchObject({
        status: 'met',
        metAt: sentAt,
      });
    });

    it('a decision and a notice recorded at the same moment on one incident both succeed, one after the other', async () => {
      const inc = await newIncident([videonor.id, dotnet.id]);
      const p2c = await one(inc.id, videonor.id, 'processor-to-controller');
      const d2c = await one(inc.id, dotnet.id, 'processor-to-controller');
      const answers = await Promise.all([
        decide(inc.id, 'risk', 'no-risk'),
        fileManually(inc.id, p2c.id),
        decide(inc.id, 'risk', 'risk'),
        fileManually(inc.id, d2c.id, { via: 'letter' }),
        decide(inc.id, 'risk', 'high-risk'),
      ]);
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
      expect((await one(inc.id, videonor.id, 'controller-to-authority')).anchorSource).toBe('delivery');
      expect((await one(inc.id, dotnet.id, 'processor-to-controller')).status).toBe('met');
    });
  });
});
