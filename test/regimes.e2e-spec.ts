import { FixedClock } from '../src/clock/clock';
import { client, Client, createKey, createTestApp, resetDatabase, TestApp } from './utils';

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
  const clock = new FixedClock(new Date('2026-11-22T09:00:00Z'));
  let t: TestApp;
  let admin: Client;
  let dpo: Client;

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    await resetDatabase(t.app);
    admin = client(t, await createKey(t.app, 'admin'));
    dpo = client(t, await createKey(t.app, 'dpo'));
  });

  describe('the API', () => {
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
      expect((await dpo.get('/regimes/made-up')).status).toBe(404);
    });
  });
});
