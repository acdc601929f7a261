import { randomUUID } from 'node:crypto';
import { FixedClock } from '../src/clock/clock';
import { controllerBody, incidentBody } from './fixtures';
import { client, Client, createKey, createTestApp, resetDatabase, TestApp } from './utils';

/**
 * A controller key asking a list about another controller gets exactly what it gets for an id that does not exist:
 * it must not learn which incidents, deadlines, filings or assistance another controller has, or that it exists.
 */
describe('isolation: a controller key in lists', () => {
  let t: TestApp;
  let admin: Client;
  let own: Client;
  let ownId: string;
  let otherId: string;
  let shared: { id: string; obligations: { id: string; hop: string; controllerId: string }[] };
  let theirs: { id: string };

  /** The answer with the given id written as <id>, so answers about two ids can be compared. */
  async function answer(as: Client, url: string, id: string, accept = 'application/json') {
    const res = await as.get(url).set('Accept', accept);
    const text = res.text.split(id).join('<id>');
    return { status: res.status, type: res.headers['content-type'], text };
  }

  async function fileManually(incidentId: string, obligationId: string): Promise<string> {
    const { status, body } = await admin
      .post(`/incidents/${incidentId}/obligations/${obligationId}/filings`)
      .send({ phase: 'initial', channel: 'manual', sentBy: 'Kari Vakt', via: 'phone' });
    expect(status).toBe(201);
    return body.id;
  }

  beforeAll(async () => {
    // An hour after the fixtures' incidents were discovered: every deadline still open.
    t = await createTestApp({ clock: new FixedClock(new Date('2026-11-22T09:00:00Z')) });
  });
  beforeEach(async () => {
    await resetDatabase(t.app);
    admin = client(t, await createKey(t.app, 'admin'));
    ownId = (await admin.post('/controllers').send(controllerBody({ name: 'Own AS' }))).body.id;
    otherId = (await admin.post('/controllers').send(controllerBody({ name: 'Other AS' }))).body.id;
    own = client(t, await createKey(t.app, 'controller', ownId));
    shared = (await admin.post('/incidents').send(incidentBody({ controllerIds: [ownId, otherId] }))).body;
    theirs = (await admin.post('/incidents').send(incidentBody({ controllerIds: [otherId] }))).body;
  });
  afterAll(() => t.close());

  it("GET /incidents?controllerId=<another's> is the empty page an unknown id gets", async () => {
    const other = await answer(own, `/incidents?controllerId=${otherId}`, otherId);
    const unknownId = randomUUID();
    const unknown = await answer(own, `/incidents?controllerId=${unknownId}`, unknownId);
    expect(other).toEqual(unknown);
    expect(JSON.parse(other.text)).toEqual({ items: [], total: 0, limit: 50, offset: 0 });

    const mine = (await own.get(`/incidents?controllerId=${ownId}`)).body;
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([shared.id]);
    const byAdmin = (await admin.get(`/incidents?controllerId=${otherId}`)).body;
    expect(byAdmin.items.map((i: { id: string }) => i.id).sort()).toEqual([shared.id, theirs.id].sort());
  });

  it.each([
    ['JSON', 'application/json'],
    ['CSV', 'text/csv'],
  ])("GET /register?controllerId=<another's> in %s is what an unknown id gets", async (_, accept) => {
    const other = await answer(own, `/register?controllerId=${otherId}`, otherId, accept);
    const unknownId = randomUUID();
    const unknown = await answer(own, `/register?controllerId=${unknownId}`, unknownId, accept);
    expect(other).toEqual(unknown);
    expect(other.status).toBe(200);
    if (accept === 'text/csv') expect(other.text.trim().split('\r\n')).toHaveLength(1);
    else expect(JSON.parse(other.text)).toEqual([]);

    const mine = (await own.get(`/register?controllerId=${ownId}`)).body;
    expect(mine.map((e: { incidentId: string }) => e.incidentId)).toEqual([shared.id]);
    expect(new Set(mine[0].obligations.map((o: { controllerId: string }) => o.controllerId))).toEqual(
      new Set([ownId]),
    );
  });

  it("GET /deadlines?controllerId=<another's> is the empty list an unknown id gets", async () => {
    const other = await answer(own, `/deadlines?controllerId=${otherId}`, otherId);
    const unknownId = randomUUID();
    const unknown = await answer(own, `/deadlines?controllerId=${unknownId}`, unknownId);
    expect(other).toEqual(unknown);
    expect(JSON.parse(other.text)).toEqual([]);

    const mine = (await own.get(`/deadlines?controllerId=${ownId}`)).body;
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((d: { controllerId: string }) => d.controllerId))).toEqual(new Set([ownId]));
    // The filter is a filter for staff too.
    const theirsOnly = (await admin.get(`/deadlines?controllerId=${otherId}`)).body;
    expect(theirsOnly.length).toBeGreaterThan(0);
    expect(new Set(theirsOnly.map((d: { controllerId: string }) => d.controllerId))).toEqual(
      new Set([otherId]),
    );
  });

  it("GET /incidents/:id/filings: another's incident is an unknown one; a shared one shows its own filings only", async () => {
    const p2c = (controllerId: string) =>
      shared.obligations.find((o) => o.hop === 'processor-to-controller' && o.controllerId === controllerId)!;
    const ownFiling = await fileManually(shared.id, p2c(ownId).id);
    await fileManually(shared.id, p2c(otherId).id);

    const other = await answer(own, `/incidents/${theirs.id}/filings`, theirs.id);
    const unknownId = randomUUID();
    const unknown = await answer(own, `/incidents/${unknownId}/filings`, unknownId);
    expect(other).toEqual(unknown);
    expect(other.status).toBe(404);

    const mine = (await own.get(`/incidents/${shared.id}/filings`)).body;
    expect(mine.map((f: { id: string }) => f.id)).toEqual([ownFiling]);
    expect((await admin.get(`/incidents/${shared.id}/filings`)).body).toHaveLength(2);
  });

  it.each([
    ['JSON', 'application/json'],
    ['CSV', 'text/csv'],
  ])(
    "GET /controllers/:id/assistance for another's id in %s is what an unknown id gets",
    async (_, accept) => {
      for (const controllerId of [ownId, otherId]) {
        const { status } = await admin
          .post(`/incidents/${shared.id}/assistance`)
          .send({ controllerId, minutes: 30, description: `Help for ${controllerId}` });
        expect(status).toBe(201);
      }
      const other = await answer(own, `/controllers/${otherId}/assistance`, otherId, accept);
      const unknownId = randomUUID();
      const unknown = await answer(own, `/controllers/${unknownId}/assistance`, unknownId, accept);
      expect(other).toEqual(unknown);
      expect(other.status).toBe(404);

      const mine = (await own.get(`/controllers/${ownId}/assistance`)).body;
      expect(mine.totalMinutes).toBe(30);
      expect(JSON.stringify(mine)).not.toContain(otherId);
    },
  );
});
