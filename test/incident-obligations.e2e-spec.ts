import { randomUUID } from 'node:crypto';
import { FixedClock } from '../src/clock/clock';
import { controllerBody, incidentBody } from './fixtures';
import { client, Client, createKey, createTestApp, resetDatabase, TestApp } from './utils';

interface ObligationBody {
  id: string;
  status: string;
  hop: string | null;
  regime: string;
  stage: string;
  controllerId: string | null;
  dueAt: string | null;
  conservativeDueAt: string | null;
}

/** Late enough that every processor → controller notice is overdue, while the authority's await their anchor. */
const NOW = new Date('2026-11-26T12:00:00Z');

/** The list's order: effective due time (the real one, else the conservative one), then id. */
function byEffectiveDue(a: ObligationBody, b: ObligationBody): number {
  const due = (o: ObligationBody) => Date.parse(o.dueAt ?? o.conservativeDueAt ?? '9999-12-31T00:00:00Z');
  return due(a) - due(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * GET /incidents/:incidentId/obligations against what GET /incidents/:id shows inline: the same items, in due order,
 * a page at a time, filtered, and only a controller's own for its key.
 */
describe('GET /incidents/:incidentId/obligations', () => {
  let t: TestApp;
  let admin: Client;
  let controllerIds: string[];
  let incidentId: string;
  let otherIncidentId: string;
  /** The incident's obligations as GET /incidents/:id gives them, in the list's order. */
  let inline: ObligationBody[];

  beforeAll(async () => {
    t = await createTestApp({ clock: new FixedClock(NOW) });
    await resetDatabase(t.app);
    admin = client(t, await createKey(t.app, 'admin'));
    controllerIds = [];
    for (const name of ['Fjord Kommune', 'Beacon Kunde AS', 'Nordlys Helse']) {
      controllerIds.push((await admin.post('/controllers').send(controllerBody({ name })).expect(201)).body.id);
    }
    incidentId = (
      await admin
        .post('/incidents')
        .send(incidentBody({ controllerIds }))
        .expect(201)
    ).body.id;
    otherIncidentId = (
      await admin
        .post('/incidents')
        .send(incidentBody({ controllerIds: [controllerIds[1]] }))
        .expect(201)
    ).body.id;
    inline = ((await admin.get(`/incidents/${incidentId}`).expect(200)).body.obligations as ObligationBody[]).sort(
      byEffectiveDue,
    );
  });
  afterAll(() => t.close());

  /** Every page of `url` by its Link header, with the total each page said. */
  async function walk(caller: Client, url: string): Promise<{ items: ObligationBody[]; totals: string[] }> {
    const items: ObligationBody[] = [];
    const totals: string[] = [];
    let next: string | null = url;
    while (next) {
      const res: { body: ObligationBody[]; headers: Record<string, string | undefined> } = await caller
        .get(next)
        .expect(200);
      items.push(...res.body);
      totals.push(res.headers['x-total-count'] ?? 'none');
      next = /<([^>]+)>; rel="next"/.exec(res.headers.link ?? '')?.[1] ?? null;
    }
    return { items, totals };
  }

  it("gives the incident's obligations as GET /incidents/:id does, soonest due first, in one default page", async () => {
    const { status, body, headers } = await admin.get(`/incidents/${incidentId}/obligations`);
    expect(status).toBe(200);
    expect(inline.length).toBeGreaterThanOrEqual(6);
    expect(body).toEqual(inline);
    expect(headers['x-total-count']).toBe(String(inline.length));
    expect(headers.link).toBeUndefined();
  });

  it('walks the pages by the Link header, each saying the total, none overlapping', async () => {
    const { items, totals } = await walk(admin, `/incidents/${incidentId}/obligations?limit=2`);
    expect(items).toEqual(inline);
    expect(totals).toEqual(Array(Math.ceil(inline.length / 2)).fill(String(inline.length)));
    const { headers } = await admin.get(`/incidents/${incidentId}/obligations?limit=2&offset=2`).expect(200);
    expect(headers.link).toBe(
      `</incidents/${incidentId}/obligations?limit=2&offset=4>; rel="next", ` +
        `</incidents/${incidentId}/obligations?limit=2&offset=0>; rel="prev"`,
    );
  });

  it.each<[string, (o: ObligationBody) => boolean]>([
    ['status=overdue', (o) => o.status === 'overdue'],
    ['status=awaiting-anchor', (o) => o.status === 'awaiting-anchor'],
    ['status=open', (o) => o.status === 'open'],
    ['status=met', (o) => o.status === 'met'],
    ['hop=controller-to-authority', (o) => o.hop === 'controller-to-authority'],
    ['regime=gdpr', (o) => o.regime === 'gdpr'],
    ['regime=nis2', (o) => o.regime === 'nis2'],
    ['stage=processor-to-controller', (o) => o.stage === 'processor-to-controller'],
    ['controllerId=<second>', (o) => o.controllerId === controllerIds[1]],
    ['hop=processor-to-controller&controllerId=<first>', (o) => o.hop === 'processor-to-controller' && o.controllerId === controllerIds[0]],
  ])('filters by %s', async (filter, keep) => {
    const query = filter.replace('<first>', controllerIds[0]).replace('<second>', controllerIds[1]);
    const { status, body, headers } = await admin.get(`/incidents/${incidentId}/obligations?${query}`);
    const expected = inline.filter(keep);
    expect({ status, body }).toEqual({ status: 200, body: expected });
    expect(headers['x-total-count']).toBe(String(expected.length));
  });

  it('has something to show for the filters that are not empty here', () => {
    const statuses = new Set(inline.map((o) => o.status));
    expect([...statuses].sort()).toEqual(['awaiting-anchor', 'overdue']);
  });

  it('refuses a bad filter or page, naming each field', async () => {
    const { status, body } = await admin.get(
      `/incidents/${incidentId}/obligations?status=late&hop=controller-to-police&regime=GDPR&stage=&controllerId=nope&limit=1001`,
    );
    expect(status).toBe(400);
    expect(body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'controllerId',
      'hop',
      'limit',
      'regime',
      'stage',
      'status',
    ]);
  });

  it('answers an unknown or malformed incident id as not found', async () => {
    for (const id of [randomUUID(), 'not-an-id']) {
      const { status, body } = await admin.get(`/incidents/${id}/obligations`);
      expect({ status, code: body.error }).toEqual({ status: 404, code: expect.any(String) });
    }
  });

  describe('with a controller key', () => {
    let own: Client;

    beforeAll(async () => {
      own = client(t, await createKey(t.app, 'controller', controllerIds[0]));
    });

    it('sees only its own controller’s obligations, paged', async () => {
      const { items, totals } = await walk(own, `/incidents/${incidentId}/obligations?limit=1`);
      const mine = inline.filter((o) => o.controllerId === controllerIds[0]);
      expect(mine.length).toBeGreaterThanOrEqual(2);
      expect(items.map((o) => o.id)).toEqual(mine.map((o) => o.id));
      expect(new Set(totals)).toEqual(new Set([String(mine.length)]));
    });

    it("gets nothing when it asks for another controller's", async () => {
      const { status, body, headers } = await own.get(
        `/incidents/${incidentId}/obligations?controllerId=${controllerIds[1]}`,
      );
      expect({ status, body, total: headers['x-total-count'] }).toEqual({ status: 200, body: [], total: '0' });
    });

    it('gets a 404 for an incident that does not concern it, as GET /incidents/:id does', async () => {
      expect((await own.get(`/incidents/${otherIncidentId}`)).status).toBe(404);
      const { status } = await own.get(`/incidents/${otherIncidentId}/obligations`);
      expect(status).toBe(404);
    });
  });
});
