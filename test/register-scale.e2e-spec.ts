import { FixedClock } from '../src/clock/clock';
import { Incident } from '../src/incidents/incident.entity';
import { RegisterService } from '../src/register/register.service';
import { controllerBody, incidentBody } from './fixtures';
import { givenCopiesOf } from './scale';
import { client, Client, createKey, createTestApp, resetDatabase, TestApp } from './utils';

const INCIDENTS = 1200;
/** Two controllers, each with a processor and an authority obligation. */
const LINES_PER_INCIDENT = 4;

describe('the register at scale: 1,200 incidents', () => {
  const clock = new FixedClock(new Date('2026-11-22T12:00:00Z'));
  let t: TestApp;
  let dpo: Client;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    await resetDatabase(t.app);
    const admin = client(t, await createKey(t.app, 'admin'));
    dpo = client(t, await createKey(t.app, 'dpo'));
    const ids: string[] = [];
    for (const name of ['Fjord Kommune', 'Beacon Kunde AS']) {
      ids.push((await admin.post('/controllers').send(controllerBody({ name })).expect(201)).body.id);
    }
    const template = (
      await admin
        .post('/incidents')
        .send(incidentBody({ title: '=cmd|"/c calc"', controllerIds: ids }))
        .expect(201)
    ).body;
    await dpo
      .put(`/incidents/${template.id}/form/scope`)
      .send({
        fields: {
          natureOfBreach: { state: 'known', value: 'A relay rule forwarded exports, "nightly"' },
          approxDataSubjects: { state: 'known', value: { min: 1000, max: 5000 } },
          approxRecords: { state: 'unknown' },
        },
      })
      .expect(200);
    await dpo
      .post(`/incidents/${template.id}/decisions`)
      .send({ kind: 'risk', value: 'risk', reasoning: 'National identity numbers, +unencrypted' })
      .expect(201);
    await t.dataSource.transaction((em) => givenCopiesOf(em, template.id, INCIDENTS - 1));
  });
  afterAll(() => t.close());

  /** Every SQL statement the app runs while `work` runs. */
  async function statementsDuring(work: () => Promise<unknown>): Promise<string[]> {
    const logger = t.dataSource.logger;
    const original = logger.logQuery.bind(logger);
    const seen: string[] = [];
    logger.logQuery = (query, parameters, runner) => {
      seen.push(query);
      return original(query, parameters, runner);
    };
    try {
      await work();
    } finally {
      logger.logQuery = original;
    }
    return seen;
  }

  it('streams every incident, byte for byte what computing each incident on its own gives', async () => {
    const res = await dpo.get('/register?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    // Sent as it is made: chunked, with no length known up front.
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-length']).toBeUndefined();
    const lines = res.text.split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(1 + INCIDENTS * LINES_PER_INCIDENT);

    // The reference: each incident's entry computed alone (the old way: its own queries), in the list's order.
    const register = t.app.get(RegisterService);
    const em = t.dataSource.manager;
    const incidents = await em
      .getRepository(Incident)
      .createQueryBuilder('i')
      .orderBy('i.discovered_at', 'DESC')
      .addOrderBy('i.reference', 'DESC')
      .getMany();
    const actor = { keyId: '00000000-0000-0000-0000-000000000000', role: 'dpo' as const, controllerId: null };
    const entries = [];
    for (const incident of incidents)
      entries.push(...(await register.entriesFor(em, actor, [incident], clock.now())));
    expect(res.text).toBe(register.toCsv(entries));
    expect(lines[1]).toContain(`"'=cmd|""/c calc"""`);
    // The reference alone is some 8,000 queries (seven per incident): slow by design on a loaded machine.
  }, 180_000);

  it('runs a fixed number of statements per batch of incidents, not one or more per incident', async () => {
    const small = await statementsDuring(() => dpo.get('/register?format=csv&limit=200').expect(200));
    const all = await statementsDuring(() => dpo.get('/register?format=csv').expect(200));
    // 1,000 more incidents are 5 more batches of 200: a handful of statements each (the batch, its obligations, its
    // content), where a statement per incident would add a thousand or more.
    expect(all.length - small.length).toBeLessThanOrEqual(5 * 8);
    expect(all.length).toBeLessThan(80);
  });

  it('pages the JSON register, with the total and a link to the next page', async () => {
    const first = await dpo.get('/register?limit=500');
    expect(first.status).toBe(200);
    expect(first.body).toHaveLength(500);
    expect(first.headers['x-total-count']).toBe(String(INCIDENTS));
    expect(first.headers.link).toBe('</register?limit=500&offset=500>; rel="next"');
    const last = await dpo.get('/register?limit=500&offset=1000');
    expect(last.body).toHaveLength(200);
    expect(last.headers.link).toBe('</register?limit=500&offset=500>; rel="prev"');
    // The JSON and the CSV give the same record.
    const csvPage = await dpo.get('/register?format=csv&limit=500&offset=1000');
    expect(csvPage.text).toBe(t.app.get(RegisterService).toCsv(last.body));
  });

  it('streams a window of the register with limit and offset, in the same order as the JSON', async () => {
    const csv = (await dpo.get('/register?format=csv&limit=3&offset=201')).text.split('\r\n');
    const json = (await dpo.get('/register?limit=3&offset=201')).body as { reference: string }[];
    expect(csv).toHaveLength(1 + 3 * LINES_PER_INCIDENT + 1);
    expect(csv.slice(1, -1).map((l) => l.split(',')[0])).toEqual(
      json.flatMap((e) => Array(LINES_PER_INCIDENT).fill(`"${e.reference}"`)),
    );
  });
});
