import { randomUUID } from 'node:crypto';
import { FixedClock } from '../src/clock/clock';
import { controllerBody, incidentBody } from './fixtures';
import { client, Client, createKey, createTestApp, resetDatabase, TestApp } from './utils';

const NOW = '2026-11-22T09:00:00.000Z';

/** Answers for every field of the scope, impact and response phases. */
const SCOPE = {
  natureOfBreach: { state: 'known', value: 'A relay rule forwarded export files to an outside mailbox' },
  dataSubjectCategories: { state: 'known', value: ['Residents', 'Employees'] },
  approxDataSubjects: { state: 'known', value: { min: 1000, max: 5000 } },
  personalDataCategories: {
    state: 'known',
    value: [{ name: 'Names and addresses' }, { name: 'National identity numbers', flags: ['national-id'] }],
  },
  approxRecords: { state: 'unknown' },
  dataLocationNow: { state: 'known', value: 'An external mailbox; the provider has been asked to delete it' },
  relationToDataSubjects: { state: 'known', value: 'Municipality and its residents' },
};
const IMPACT = {
  likelyConsequences: { state: 'known', value: 'Identity theft using national identity numbers' },
  enisa: {
    state: 'known',
    value: { dpc: 3, ei: 1, confidentiality: 0.5, integrity: 0, availability: 0, malicious: false },
  },
};
const RESPONSE = {
  measuresTaken: { state: 'known', value: 'Rule removed; credentials rotated' },
  measuresProposed: { state: 'not-applicable', reason: 'All measures already taken' },
  mitigation: { state: 'unknown' },
  recurrencePrevention: { state: 'known', value: 'Outbound rules now need four-eyes approval' },
  contactPoint: {
    state: 'known',
    value: { name: 'Ola Personvern', email: 'personvern@fjord.example', phone: '+47 22 00 00 00' },
  },
  reasonsForDelay: { state: 'not-applicable', reason: 'Notified within 72 hours' },
};

describe('the Art. 33(3) walk-through, decisions, the authority form and the register', () => {
  const clock = new FixedClock(new Date(NOW));
  let t: TestApp;
  let dpo: Client;
  let responder: Client;
  let fjord: { id: string };
  let beacon: { id: string };
  let karlsruhe: { id: string };

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  beforeEach(async () => {
    clock.set(NOW);
    await resetDatabase(t.app);
    const admin = client(t, await createKey(t.app, 'admin'));
    dpo = client(t, await createKey(t.app, 'dpo'));
    responder = client(t, await createKey(t.app, 'responder'));
    fjord = (
      await admin
        .post('/controllers')
        .send(controllerBody({ name: 'Fjord Kommune' }))
        .expect(201)
    ).body;
    beacon = (
      await admin
        .post('/controllers')
        .send(controllerBody({ name: 'Beacon Kunde AS', agreementId: 'decision-beacon', language: 'en' }))
        .expect(201)
    ).body;
    karlsruhe = (
      await admin
        .post('/controllers')
        .send(
          controllerBody({
            name: 'Karlsruher Schule',
            country: 'DE',
            authorityId: 'de-bw-lfdi',
            agreementId: 'alfaview',
            language: 'de',
            timeZone: 'Europe/Berlin',
          }),
        )
        .expect(201)
    ).body;
  });
  afterAll(() => t.close());

  const newIncident = async (controllerIds: string[], overrides: Record<string, unknown> = {}) =>
    (
      await responder
        .post('/incidents')
        .send(incidentBody({ controllerIds, ...overrides }))
        .expect(201)
    ).body as {
      id: string;
      obligations: { id: string; hop: string; controllerId: string }[];
    };

  describe('GET /incidents/:id/form', () => {
    it('starts at the first phase, knows what the incident already says, and what each agreement needs', async () => {
      const incident = await newIncident([fjord.id, beacon.id]);
      const { status, body } = await dpo.get(`/incidents/${incident.id}/form`);
      expect(status).toBe(200);
      expect(body.phases.map((p: { key: string; status: string }) => `${p.key}:${p.status}`)).toEqual([
        'initial:not-started',
        'scope:not-started',
        'impact:not-started',
        'response:not-started',
        'communication:not-started',
      ]);
      expect(body.next).toBe('initial');
      expect(body.phases[0].missing).toEqual([
        'whatHappened',
        'occurredSpan',
        'discovery',
        'ongoing',
        'servicesAndSystems',
        'reporter',
      ]);
      expect(body.fields.find((f: { key: string }) => f.key === 'breachTypes')).toMatchObject({
        state: 'known',
        value: ['confidentiality'],
        derived: true,
      });
      expect(body.fields.find((f: { key: string }) => f.key === 'approxDataSubjects')).toMatchObject({
        state: null,
        answered: false,
      });

      const needs = Object.fromEntries(
        body.controllers.map((c: { controllerId: string }) => [c.controllerId, c]),
      );
      // Decision Beacon 8.2: (a), (c), (d) always.
      expect(needs[beacon.id]).toMatchObject({
        agreementId: 'decision-beacon',
        requiredItems: ['a', 'c', 'd'],
        phased: false,
      });
      expect(needs[beacon.id].lacking).toEqual(
        expect.arrayContaining([
          { item: 'a', field: 'natureOfBreach', state: 'missing' },
          { item: 'c', field: 'likelyConsequences', state: 'missing' },
          { item: 'd', field: 'measuresTaken', state: 'missing' },
        ]),
      );
      // Videonor 5.6: (a)–(d) where there is a risk; undecided counts as a risk.
      expect(needs[fjord.id].requiredItems).toEqual(['a', 'b', 'c', 'd']);
    });
  });

  describe('PUT /incidents/:id/form/:phase', () => {
    it('saves partially and records each change, old → new, with who and when', async () => {
      const incident = await newIncident([fjord.id]);
      await dpo
        .put(`/incidents/${incident.id}/form/scope`)
        .send({ fields: { natureOfBreach: { state: 'unknown' } } })
        .expect(200);
      clock.advance(60_000);
      const { status, body } = await dpo
        .put(`/incidents/${incident.id}/form/scope`)
        .send({ fields: { natureOfBreach: SCOPE.natureOfBreach, approxRecords: { state: 'unknown' } } });
      expect(status).toBe(200);
      expect(body.phases[1]).toMatchObject({ status: 'in-progress' });
      expect(body.phases[1].missing).not.toContain('natureOfBreach');

      const timeline = (await dpo.get(`/incidents/${incident.id}`)).body.timeline.filter(
        (e: { kind: string }) => e.kind === 'form-saved',
      );
      expect(timeline).toHaveLength(2);
      expect(timeline[1]).toMatchObject({
        at: '2026-11-22T09:01:00.000Z',
        actorRole: 'dpo',
        data: {
          phase: 'scope',
          changes: [
            {
              key: 'natureOfBreach',
              before: { state: 'unknown', value: null, reason: null },
              after: { state: 'known', value: SCOPE.natureOfBreach.value, reason: null },
            },
            { key: 'approxRecords', before: null, after: { state: 'unknown', value: null, reason: null } },
          ],
        },
      });
    });

    it('names every bad answer with 422 and saves none of them', async () => {
      const incident = await newIncident([fjord.id]);
      const { status, body } = await dpo.put(`/incidents/${incident.id}/form/scope`).send({
        fields: {
          natureOfBreach: { state: 'known', value: 'fine' },
          approxDataSubjects: { state: 'known', value: 'lots' },
          likelyConsequences: { state: 'unknown' },
          nonsense: { state: 'known', value: 1 },
          valueOf: { state: 'unknown' },
          dataLocationNow: { state: 'not-applicable' },
        },
      });
      expect(status).toBe(422);
      expect(body.details.map((d: { field: string }) => d.field).sort()).toEqual(
        [
          'fields.approxDataSubjects',
          'fields.dataLocationNow',
          'fields.likelyConsequences',
          'fields.nonsense',
          'fields.valueOf',
        ].sort(),
      );
      const form = (await dpo.get(`/incidents/${incident.id}/form`)).body;
      expect(form.fields.find((f: { key: string }) => f.key === 'natureOfBreach').state).toBeNull();
      expect((await dpo.put(`/incidents/${incident.id}/form/sideways`).send({ fields: {} })).status).toBe(
        400,
      );
    });

    it('lets a responder fill in the first phase only', async () => {
      const incident = await newIncident([fjord.id]);
      await responder
        .put(`/incidents/${incident.id}/form/initial`)
        .send({ fields: { whatHappened: { state: 'known', value: 'Exports forwarded' } } })
        .expect(200);
      expect((await responder.put(`/incidents/${incident.id}/form/scope`).send({ fields: {} })).status).toBe(
        403,
      );
    });
  });

  describe('POST /incidents/:id/form/:phase/complete', () => {
    it('refuses while anything is missing, listing every missing field, then completes', async () => {
      const incident = await newIncident([fjord.id]);
      const refused = await dpo.post(`/incidents/${incident.id}/form/initial/complete`);
      expect(refused.status).toBe(422);
      expect(refused.body.details.map((d: { field: string }) => d.field)).toEqual([
        'fields.whatHappened',
        'fields.occurredSpan',
        'fields.discovery',
        'fields.ongoing',
        'fields.servicesAndSystems',
        'fields.reporter',
      ]);

      await dpo
        .put(`/incidents/${incident.id}/form/initial`)
        .send({
          fields: {
            whatHappened: { state: 'known', value: 'Exports forwarded to an outside mailbox' },
            discovery: { state: 'known', value: 'Found by the on-call engineer in the relay logs' },
            ongoing: { state: 'known', value: false },
            // "When it occurred (or unknown)": the first phase takes it unknown.
            occurredSpan: { state: 'unknown' },
            servicesAndSystems: { state: 'known', value: ['mail-relay'] },
            reporter: { state: 'known', value: { name: 'Kari Vakt', phone: '+47 99 99 99 99' } },
          },
        })
        .expect(200);
      const { status, body } = await dpo.post(`/incidents/${incident.id}/form/initial/complete`);
      expect(status).toBe(200);
      expect(body.phases[0]).toMatchObject({ status: 'complete', missing: [] });
      expect(body.next).toBe('scope');
    });

    it('counts unknown as answered where information may follow', async () => {
      const incident = await newIncident([fjord.id]);
      const unknownScope = Object.fromEntries(Object.keys(SCOPE).map((k) => [k, { state: 'unknown' }]));
      await dpo.put(`/incidents/${incident.id}/form/scope`).send({ fields: unknownScope }).expect(200);
      expect((await dpo.post(`/incidents/${incident.id}/form/scope/complete`)).status).toBe(200);
    });
  });

  describe('decisions', () => {
    const statusOf = async (incidentId: string, hop: string) =>
      (
        (await dpo.get(`/incidents/${incidentId}`)).body.obligations as {
          hop: string;
          status: string;
          notRequired: unknown;
          dueAt: string;
        }[]
      ).filter((o) => o.hop === hop);

    it('no-risk closes the authority notice with its reasoning; a later risk decision re-opens it', async () => {
      const incident = await newIncident([fjord.id, beacon.id]);
      const { status, body } = await dpo.post(`/incidents/${incident.id}/decisions`).send({
        kind: 'risk',
        value: 'no-risk',
        reasoning: 'The export was encrypted and the key was not exposed',
      });
      expect(status).toBe(201);
      expect(body).toMatchObject({
        kind: 'risk',
        value: 'no-risk',
        decidedByRole: 'dpo',
        decidedAt: NOW,
        inForce: true,
      });
      const closed = await statusOf(incident.id, 'controller-to-authority');
      expect(closed.map((o) => o.status)).toEqual(['not-required', 'not-required']);
      expect(closed[0].notRequired).toMatchObject({
        reasoning: 'The export was encrypted and the key was not exposed',
        decidedByRole: 'dpo',
      });
      // Videonor asks for (a)–(d) only where there is a risk: nothing required now.
      const form = (await dpo.get(`/incidents/${incident.id}/form`)).body;
      expect(
        form.controllers.find((c: { controllerId: string }) => c.controllerId === fjord.id).requiredItems,
      ).toEqual([]);

      await dpo
        .post(`/incidents/${incident.id}/decisions`)
        .send({ kind: 'risk', value: 'risk', reasoning: 'The key was in the same mailbox' })
        .expect(201);
      expect((await statusOf(incident.id, 'controller-to-authority')).map((o) => o.status)).toEqual([
        'awaiting-anchor',
        'awaiting-anchor',
      ]);
      const history = (await dpo.get(`/incidents/${incident.id}/decisions`)).body;
      expect(history.map((d: { value: string; inForce: boolean }) => [d.value, d.inForce])).toEqual([
        ['no-risk', false],
        ['risk', true],
      ]);
      const kinds = (await dpo.get(`/incidents/${incident.id}`)).body.timeline.map(
        (e: { kind: string }) => e.kind,
      );
      expect(kinds.filter((k: string) => k === 'obligation-reopened')).toHaveLength(2);
    });

    it('high-risk opens a data-subject obligation per controller, anchored at the decision; an Art. 34(3) exception closes it', async () => {
      const incident = await newIncident([fjord.id, beacon.id]);
      clock.set('2026-11-22T12:00:00Z');
      await dpo
        .post(`/incidents/${incident.id}/decisions`)
        .send({ kind: 'risk', value: 'high-risk', reasoning: 'National identity numbers exposed' })
        .expect(201);
      const opened = await statusOf(incident.id, 'controller-to-data-subjects');
      expect(opened).toHaveLength(2);
      expect(opened[0]).toMatchObject({
        status: 'open',
        anchorAt: '2026-11-22T12:00:00.000Z',
        dueAt: '2026-11-25T12:00:00.000Z',
        basis: 'target',
      });

      const noComm = await dpo.post(`/incidents/${incident.id}/decisions`).send({
        kind: 'art34-exception',
        value: 'disproportionate-effort',
        reasoning: 'No addresses on file',
      });
      expect(noComm.status).toBe(422);
      expect(noComm.body.details).toEqual([{ field: 'publicCommunication', messages: [expect.any(String)] }]);

      await dpo
        .post(`/incidents/${incident.id}/decisions`)
        .send({
          kind: 'art34-exception',
          value: 'disproportionate-effort',
          reasoning: 'No contact details for most of the people affected',
          publicCommunication: {
            channel: 'Notice on fjord.example and in Fjordposten',
            at: '2026-11-23T08:00:00+01:00',
            description: 'Public notice of the breach',
          },
        })
        .expect(201);
      const exempt = await statusOf(incident.id, 'controller-to-data-subjects');
      expect(exempt.map((o) => o.status)).toEqual(['not-required', 'not-required']);
      expect(exempt[0].notRequired).toMatchObject({ reasoning: expect.stringContaining('Art. 34(3)(c)') });
      expect((await statusOf(incident.id, 'controller-to-authority')).map((o) => o.status)).toEqual([
        'awaiting-anchor',
        'awaiting-anchor',
      ]);

      await dpo
        .post(`/incidents/${incident.id}/decisions`)
        .send({ kind: 'risk', value: 'high-risk', reasoning: 'New facts: contact details found' })
        .expect(201);
      expect((await statusOf(incident.id, 'controller-to-data-subjects')).map((o) => o.status)).toEqual([
        'open',
        'open',
      ]);
    });

    it('refuses an exception with no Art. 34 duty (409), a value of another kind (422), and no reasoning (400)', async () => {
      const incident = await newIncident([fjord.id]);
      expect(
        (
          await dpo
            .post(`/incidents/${incident.id}/decisions`)
            .send({ kind: 'art34-exception', value: 'unintelligible', reasoning: 'Encrypted' })
        ).status,
      ).toBe(409);
      expect(
        (
          await dpo
            .post(`/incidents/${incident.id}/decisions`)
            .send({ kind: 'risk', value: 'unintelligible', reasoning: 'x' })
        ).status,
      ).toBe(422);
      const missing = await dpo
        .post(`/incidents/${incident.id}/decisions`)
        .send({ kind: 'risk', value: 'risk' });
      expect(missing.status).toBe(400);
      expect(missing.body.details.map((d: { field: string }) => d.field)).toEqual(['reasoning']);
      expect(
        (
          await responder
            .post(`/incidents/${incident.id}/decisions`)
            .send({ kind: 'risk', value: 'risk', reasoning: 'x' })
        ).status,
      ).toBe(403);
    });
  });

  describe('GET /incidents/:id/authority-form', () => {
    it('lays the content out in Datatilsynet’s five groups, in Norwegian and English, saying what is to follow', async () => {
      const incident = await newIncident([fjord.id]);
      await dpo.put(`/incidents/${incident.id}/form/scope`).send({ fields: SCOPE }).expect(200);
      await dpo.put(`/incidents/${incident.id}/form/impact`).send({ fields: IMPACT }).expect(200);
      const { status, body } = await dpo.get(
        `/incidents/${incident.id}/authority-form?controllerId=${fjord.id}`,
      );
      expect(status).toBe(200);
      expect(body).toMatchObject({
        authorityId: 'no-datatilsynet',
        languages: ['nb', 'en'],
        timeZone: 'Europe/Oslo',
        firstReport: true,
      });
      expect(body.followUpNote.nb).toContain('Mer informasjon ettersendes');
      expect(body.groups.map((g: { key: string }) => g.key)).toEqual([
        'description',
        'consequences',
        'measures',
        'information',
        'contact',
      ]);
      const field = (group: string, key: string) =>
        body.groups
          .find((g: { key: string }) => g.key === group)
          .fields.find((f: { key: string }) => f.key === key);
      expect(field('description', 'approxDataSubjects')).toMatchObject({
        state: 'known',
        text: { nb: '1000–5000', en: '1000–5000' },
      });
      expect(field('description', 'approxRecords')).toMatchObject({
        state: 'unknown',
        text: { nb: 'Ukjent – ettersendes', en: 'Unknown – to follow' },
      });
      expect(field('description', 'personalDataCategories').text.nb).toBe(
        'Names and addresses; National identity numbers (fødselsnummer)',
      );
      // Instants as Norwegians and English readers write them, with the offset; ISO 8601 stays in the value.
      expect(field('description', 'fact:discoveredAt')).toMatchObject({
        text: { nb: '22. november 2026 kl. 09.00 (UTC+01:00)', en: '22 November 2026, 09:00 (UTC+01:00)' },
        value: '2026-11-22T08:00:00.000Z',
      });
      expect(field('consequences', 'enisa').text.en).toBe('ENISA SE 3.5 (high)');
      // Art. 33(3)(b): nobody answered it in the walk-through, so it is the controller's DPO from its record.
      expect(field('contact', 'contactPoint')).toMatchObject({
        state: 'known',
        text: {
          nb: 'Ola Personvern, personvern@fjord.example',
          en: 'Ola Personvern, personvern@fjord.example',
        },
      });
      expect(body.source).toMatchObject({ order: 'authority' });
    });

    it('follows a German state authority’s order, in German and English', async () => {
      const incident = await newIncident([karlsruhe.id]);
      await dpo.put(`/incidents/${incident.id}/form/response`).send({ fields: RESPONSE }).expect(200);
      const { body } = await dpo.get(`/incidents/${incident.id}/authority-form?controllerId=${karlsruhe.id}`);
      expect(body).toMatchObject({
        authorityId: 'de-bw-lfdi',
        languages: ['de', 'en'],
        timeZone: 'Europe/Berlin',
      });
      expect(body.groups.map((g: { key: string }) => g.key)).toEqual([
        'time-of-incident',
        'time-of-awareness',
        'data-types',
        'number-of-people',
        'risk',
        'measures',
        'art34',
      ]);
      expect(body.groups[0].title).toEqual({ de: 'Zeitpunkt der Verletzung', en: 'Time of the incident' });
      const measures = body.groups.find((g: { key: string }) => g.key === 'measures').fields;
      expect(measures.find((f: { key: string }) => f.key === 'measuresProposed').text.de).toBe(
        'Nicht zutreffend: All measures already taken',
      );
      expect(measures.find((f: { key: string }) => f.key === 'mitigation').text.de).toBe(
        'Unbekannt – wird nachgereicht',
      );
      expect(body.followUpNote.de).toContain('Erstmeldung');
    });

    describe('in the controller’s own authority’s layout and languages', () => {
      /** A controller under each layout: Norway's and Germany's above, Denmark's, Sweden's and one with none known. */
      const givenControllers = async () => {
        const admin = client(t, await createKey(t.app, 'admin'));
        // No built-in authority is left without a known form: one is made here to show the generic layout.
        await t.dataSource.query(
          `INSERT INTO "authority" ("id", "name", "country", "website", "notification_channel", "time_zone", "form_style", "languages", "builtin")
           VALUES ('fi-tietosuoja', 'Tietosuojavaltuutetun toimisto', 'FI', 'https://tietosuoja.fi', '{"kind":"online-form","description":"Ilmoitus tietoturvaloukkauksesta"}', 'Europe/Helsinki', 'generic', '{en}', false)`,
        );
        const make = async (name: string, country: string, authorityId: string, timeZone: string) =>
          (
            await admin
              .post('/controllers')
              .send(controllerBody({ name, country, authorityId, timeZone, language: 'en' }))
              .expect(201)
          ).body as { id: string };
        return {
          datatilsynet: fjord,
          'de-state': karlsruhe,
          'dk-datatilsynet': await make('Fjord Kommune DK', 'DK', 'dk-datatilsynet', 'Europe/Copenhagen'),
          imy: await make('Fjord Kommun SE', 'SE', 'se-imy', 'Europe/Stockholm'),
          generic: await make('Vuono Oy', 'FI', 'fi-tietosuoja', 'Europe/Helsinki'),
        };
      };
      const TO_FOLLOW_IN: Record<string, string> = {
        en: 'Unknown – to follow',
        nb: 'Ukjent – ettersendes',
        de: 'Unbekannt – wird nachgereicht',
        da: 'Ukendt – eftersendes',
        sv: 'Okänt – kompletteras',
      };
      const reasonsField = (form: {
        groups: { fields: { key: string; state: string; text: Record<string, string> }[] }[];
      }) =>
        form.groups.flatMap((g) => g.fields).find((f) => f.key === 'reasonsForDelay') as {
          state: string;
          text: Record<string, string>;
        };

      it('gives the reasons for a delay in every layout once the notification is late, else says they are to follow', async () => {
        const controllers = await givenControllers();
        const ids = Object.values(controllers).map((c) => c.id);
        const incident = await newIncident(ids);
        for (const o of incident.obligations.filter((x) => x.hop === 'controller-to-authority'))
          await dpo
            .post(`/incidents/${incident.id}/obligations/${o.id}/anchor`)
            .send({ anchorAt: '2026-11-22T08:30:00Z', reason: 'Notice read' })
            .expect(200);
        const form = async (id: string) =>
          (await dpo.get(`/incidents/${incident.id}/authority-form?controllerId=${id}`).expect(200)).body;

        // In time: there is no delay to give reasons for, and the field says by when.
        const inTime = reasonsField(await form(fjord.id));
        expect(inTime).toMatchObject({ state: 'not-applicable' });
        expect(inTime.text.nb).toBe(
          'Ikke relevant: innenfor fristen på 72 timer; frist 25. november 2026 kl. 09.30 (UTC+01:00)',
        );

        // Late, nothing known: to follow, in each layout and each of its authority's languages.
        clock.set('2026-11-26T09:00:00Z');
        const expectedLanguages = {
          datatilsynet: ['nb', 'en'],
          'de-state': ['de', 'en'],
          'dk-datatilsynet': ['da', 'en'],
          imy: ['sv', 'en'],
          generic: ['en'],
        };
        for (const [style, c] of Object.entries(controllers)) {
          const body = await form(c.id);
          expect([style, body.languages]).toEqual([
            style,
            expectedLanguages[style as keyof typeof expectedLanguages],
          ]);
          const f = reasonsField(body);
          expect([style, f.state]).toEqual([style, 'unknown']);
          for (const l of body.languages as string[])
            expect([style, f.text[l]]).toEqual([style, TO_FOLLOW_IN[l]]);
          expect(body.firstReport).toBe(true);
        }

        // The walk-through's reasons, then those recorded when the obligation is met late, which win.
        await dpo
          .put(`/incidents/${incident.id}/form/response`)
          .send({ fields: { reasonsForDelay: { state: 'known', value: 'Waited for the hosting provider' } } })
          .expect(200);
        for (const c of Object.values(controllers))
          expect(Object.values(reasonsField(await form(c.id)).text)).toEqual(
            expect.arrayContaining(['Waited for the hosting provider']),
          );
        const dk = incident.obligations.find(
          (o) => o.hop === 'controller-to-authority' && o.controllerId === controllers['dk-datatilsynet'].id,
        )!;
        await dpo
          .post(`/incidents/${incident.id}/obligations/${dk.id}/met`)
          .send({ reasonsForDelay: 'Omfanget tog fire dage at fastslå' })
          .expect(200);
        clock.set('2026-12-01T09:00:00Z');
        expect(reasonsField(await form(controllers['dk-datatilsynet'].id))).toMatchObject({
          state: 'known',
          text: { da: 'Omfanget tog fire dage at fastslå', en: 'Omfanget tog fire dage at fastslå' },
        });
        expect(reasonsField(await form(fjord.id)).text.nb).toBe('Waited for the hosting provider');
      });

      it('writes Denmark’s in Danish and Sweden’s in Swedish, in their own order, citing where it comes from', async () => {
        const controllers = await givenControllers();
        const incident = await newIncident([controllers['dk-datatilsynet'].id, controllers.imy.id]);
        const dk = (
          await dpo.get(
            `/incidents/${incident.id}/authority-form?controllerId=${controllers['dk-datatilsynet'].id}`,
          )
        ).body;
        expect(dk).toMatchObject({
          authorityId: 'dk-datatilsynet',
          languages: ['da', 'en'],
          timeZone: 'Europe/Copenhagen',
          source: {
            url: 'https://www.datatilsynet.dk/sikkerhedsbrud/anmeld-sikkerhedsbrud',
            order: 'art33-3',
          },
        });
        expect(dk.groups.map((g: { title: { da: string } }) => g.title.da)).toEqual([
          'a) Bruddets karakter',
          'b) Databeskyttelsesrådgiver eller andet kontaktpunkt',
          'c) Sandsynlige konsekvenser',
          'd) Trufne eller foreslåede foranstaltninger',
          'Begrundelse for forsinkelse (art. 33, stk. 1)',
          'Underretning af de registrerede (art. 34)',
        ]);
        expect(dk.followUpNote.da).toContain('eftersendes');
        const se = (
          await dpo.get(`/incidents/${incident.id}/authority-form?controllerId=${controllers.imy.id}`)
        ).body;
        expect(se).toMatchObject({
          authorityId: 'se-imy',
          languages: ['sv', 'en'],
          source: { url: 'https://e-tjanster.imy.se/sv/anmalan' },
        });
        expect(se.groups[0].title.sv).toBe('Personuppgiftsansvarig och kontaktuppgifter');
        const discovered = se.groups[1].fields.find((f: { key: string }) => f.key === 'fact:discoveredAt');
        expect(discovered.text.sv).toBe('22 november 2026 kl. 09.00 (UTC+01:00)');
        // The form names its own controller only.
        expect(se.groups[0].fields[0].text.sv).toBe('Fjord Kommun SE');
      });
    });

    it('names the walk-through’s contact point where a person gave one, else the controller’s DPO', async () => {
      const incident = await newIncident([karlsruhe.id]);
      const contact = (body: { groups: { fields: { key: string; text: Record<string, string> }[] }[] }) =>
        body.groups.flatMap((g) => g.fields).find((f) => f.key === 'contactPoint')!.text.de;
      const url = `/incidents/${incident.id}/authority-form?controllerId=${karlsruhe.id}`;
      expect(contact((await dpo.get(url)).body)).toBe('Ola Personvern, personvern@fjord.example');
      await dpo
        .put(`/incidents/${incident.id}/form/response`)
        .send({ fields: { contactPoint: { state: 'unknown' } } })
        .expect(200);
      expect(contact((await dpo.get(url)).body)).toBe('Ola Personvern, personvern@fjord.example');
      await dpo
        .put(`/incidents/${incident.id}/form/response`)
        .send({
          fields: {
            contactPoint: { state: 'known', value: { name: 'Schulleitung', phone: '+49 721 0000' } },
          },
        })
        .expect(200);
      expect(contact((await dpo.get(url)).body)).toBe('Schulleitung, +49 721 0000');
    });

    it('says nothing of a superseded Art. 34(3) exception or risk decision', async () => {
      const incident = await newIncident([fjord.id]);
      const facts = async () => {
        const body = (await dpo.get(`/incidents/${incident.id}/authority-form?controllerId=${fjord.id}`))
          .body;
        const all = body.groups.flatMap((g: { fields: unknown[] }) => g.fields) as {
          key: string;
          state: string;
          text: { en: string };
        }[];
        return {
          risk: all.find((f) => f.key === 'fact:risk')!.text.en,
          exception: all.find((f) => f.key === 'fact:art34Exception')!,
        };
      };
      const decide = (b: Record<string, unknown>) =>
        dpo.post(`/incidents/${incident.id}/decisions`).send(b).expect(201);

      await decide({ kind: 'risk', value: 'no-risk', reasoning: 'Encrypted at rest' });
      expect((await facts()).risk).toBe('unlikely to result in a risk: Encrypted at rest');
      await decide({ kind: 'risk', value: 'high-risk', reasoning: 'The key was in the same mailbox' });
      expect((await facts()).risk).toBe('high risk: The key was in the same mailbox');
      await decide({ kind: 'art34-exception', value: 'unintelligible', reasoning: 'AES-256, key rotated' });
      expect((await facts()).exception).toMatchObject({
        state: 'known',
        text: { en: expect.stringContaining('AES-256, key rotated') },
      });
      // A new risk decision supersedes the exception: the form no longer relies on it.
      await decide({ kind: 'risk', value: 'high-risk', reasoning: 'The key was not rotated after all' });
      const after = await facts();
      expect(after.exception).toMatchObject({ state: 'not-applicable', text: { en: 'None' } });
      expect(after.risk).toBe('high risk: The key was not rotated after all');
      expect(JSON.stringify(after)).not.toContain('AES-256');
      expect(JSON.stringify(after)).not.toContain('Encrypted at rest');
    });

    it('is a controller’s own: another controller’s, or one not affected, is not found', async () => {
      const incident = await newIncident([fjord.id, beacon.id]);
      const fjordKey = client(t, await createKey(t.app, 'controller', fjord.id));
      expect((await fjordKey.get(`/incidents/${incident.id}/authority-form`)).status).toBe(200);
      expect(
        (await fjordKey.get(`/incidents/${incident.id}/authority-form?controllerId=${beacon.id}`)).status,
      ).toBe(404);
      expect(
        (await dpo.get(`/incidents/${incident.id}/authority-form?controllerId=${karlsruhe.id}`)).status,
      ).toBe(404);
      expect((await dpo.get(`/incidents/${incident.id}/authority-form`)).status).toBe(400);
      const body = (await fjordKey.get(`/incidents/${incident.id}/authority-form`)).body;
      expect(JSON.stringify(body)).not.toContain('Beacon');
    });
  });

  describe('GET /register', () => {
    it('records every incident, notified or not, with facts, effects, remedial action, decisions and obligations', async () => {
      const notified = await newIncident([fjord.id]);
      await dpo.put(`/incidents/${notified.id}/form/scope`).send({ fields: SCOPE }).expect(200);
      await dpo.put(`/incidents/${notified.id}/form/response`).send({ fields: RESPONSE }).expect(200);
      const c2a = notified.obligations.find((o) => o.hop === 'controller-to-authority')!;
      await dpo
        .post(`/incidents/${notified.id}/obligations/${c2a.id}/anchor`)
        .send({ anchorAt: '2026-11-22T08:30:00Z', reason: 'Notice read' })
        .expect(200);
      clock.set('2026-11-26T09:00:00Z');
      await dpo
        .post(`/incidents/${notified.id}/obligations/${c2a.id}/met`)
        .send({ reasonsForDelay: 'Scope took four days to establish' })
        .expect(200);

      const quiet = await newIncident([beacon.id], {
        title: '=HYPERLINK("http://evil.example","click")',
        discoveredAt: '2026-11-25T09:00:00Z',
        processorAwareAt: '2026-11-25T09:10:00Z',
      });
      await dpo
        .post(`/incidents/${quiet.id}/decisions`)
        .send({ kind: 'risk', value: 'no-risk', reasoning: 'Data was encrypted' })
        .expect(201);

      const { status, body } = await dpo.get('/register');
      expect(status).toBe(200);
      expect(body.map((e: { reference: string }) => e.reference).sort()).toEqual([
        'BR-2026-0001',
        'BR-2026-0002',
      ]);
      const first = body.find((e: { reference: string }) => e.reference === 'BR-2026-0001');
      expect(first).toMatchObject({
        notified: true,
        facts: {
          natureOfBreach: SCOPE.natureOfBreach.value,
          approxRecords: 'Unknown – to follow',
          approxDataSubjects: '1000–5000',
        },
        effects: { likelyConsequences: 'Unknown – to follow' },
        remedialAction: {
          measuresTaken: 'Rule removed; credentials rotated',
          measuresProposed: 'Not applicable: All measures already taken',
        },
      });
      expect(
        first.obligations.find((o: { hop: string }) => o.hop === 'controller-to-authority'),
      ).toMatchObject({
        status: 'met-late',
        anchorAt: '2026-11-22T08:30:00.000Z',
        dueAt: '2026-11-25T08:30:00.000Z',
        metAt: '2026-11-26T09:00:00.000Z',
        reasonsForDelay: 'Scope took four days to establish',
      });
      const second = body.find((e: { reference: string }) => e.reference === 'BR-2026-0002');
      expect(second).toMatchObject({
        notified: false,
        decisions: [
          { kind: 'risk', value: 'no-risk', reasoning: 'Data was encrypted', decidedByRole: 'dpo' },
        ],
      });
      expect(
        second.obligations.find((o: { hop: string }) => o.hop === 'controller-to-authority'),
      ).toMatchObject({
        status: 'not-required',
        notRequiredReasoning: 'Data was encrypted',
      });
      expect((await dpo.get(`/register?controllerId=${beacon.id}`)).body).toHaveLength(1);
      expect((await dpo.get('/register?from=2026-11-24T00:00:00Z')).body).toHaveLength(1);
      expect(
        (await dpo.get('/register?status=met-late')).body.map((e: { reference: string }) => e.reference),
      ).toEqual(['BR-2026-0001']);
    });

    it('gives CSV, safe to open in a spreadsheet, with ?format=csv or Accept: text/csv', async () => {
      const quiet = await newIncident([beacon.id], { title: '=HYPERLINK("http://evil.example","click")' });
      await dpo
        .post(`/incidents/${quiet.id}/decisions`)
        .send({ kind: 'risk', value: 'no-risk', reasoning: '+1 encrypted, "safe"' })
        .expect(201);
      const byQuery = await dpo.get('/register?format=csv');
      expect(byQuery.status).toBe(200);
      expect(byQuery.headers['content-type']).toBe('text/csv; charset=utf-8');
      const lines = byQuery.text.trim().split('\r\n');
      expect(lines[0]).toContain('"reference","title","discovered_at"');
      expect(lines).toHaveLength(3); // header + one line per obligation (processor and authority)
      expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
      expect(lines[1]).toContain(`"'+1 encrypted, ""safe"""`);
      expect(lines.slice(1).every((l) => !/(^|,)"[=+\-@]/.test(l))).toBe(true);
      const byHeader = await dpo.get('/register').set('Accept', 'text/csv');
      expect(byHeader.text).toBe(byQuery.text);
    });

    it('gives a controller key its own rows only', async () => {
      await newIncident([fjord.id]);
      await newIncident([beacon.id]);
      const both = await newIncident([fjord.id, beacon.id]);
      const mine = client(t, await createKey(t.app, 'controller', beacon.id));
      const { body } = await mine.get('/register');
      expect(body.map((e: { reference: string }) => e.reference).sort()).toEqual([
        'BR-2026-0002',
        'BR-2026-0003',
      ]);
      const shared = body.find((e: { incidentId: string }) => e.incidentId === both.id);
      expect(shared.obligations.every((o: { controllerId: string }) => o.controllerId === beacon.id)).toBe(
        true,
      );
      expect(JSON.stringify(body)).not.toContain(fjord.id);
      expect((await mine.get(`/register?controllerId=${randomUUID()}`)).body).toEqual([]);
    });
  });
});
