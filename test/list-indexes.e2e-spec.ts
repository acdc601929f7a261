import { FixedClock } from '../src/clock/clock';
import { controllerBody, incidentBody } from './fixtures';
import { givenCopiesOf } from './scale';
import { client, Client, createKey, createTestApp, resetDatabase, TestApp } from './utils';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** Every node of a plan, depth first. */
function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/**
 * The lists' filters use indexes: each request's own SQL, as the service issues it (caught from TypeORM's logger
 * with its parameters), is EXPLAINed, and no statement may read a table whole.
 * The world is a few thousand rows (1,000 incidents, 4,000 obligations): at that size the planner may still rightly
 * prefer a sequential scan of a small table, so the EXPLAINs run with `enable_seqscan = off` (SET LOCAL, in their own
 * transaction). That does not forbid a sequential scan; it makes it cost so much that the planner takes one only
 * where no index can serve the statement at all, which is exactly what this test is to catch. Where a list has an
 * index of its own, the test also names it, so a full scan of some other index does not pass for a filter.
 */
describe('the lists use indexes', () => {
  let t: TestApp;
  let admin: Client;
  let controllerId: string;
  let incidentId: string;

  beforeAll(async () => {
    t = await createTestApp({ clock: new FixedClock(new Date('2026-11-22T12:00:00Z')) });
    await resetDatabase(t.app);
    admin = client(t, await createKey(t.app, 'admin'));
    const ids: string[] = [];
    for (const name of ['Fjord Kommune', 'Beacon Kunde AS']) {
      ids.push((await admin.post('/controllers').send(controllerBody({ name })).expect(201)).body.id);
    }
    controllerId = ids[0];
    const incident = (
      await admin
        .post('/incidents')
        .send(incidentBody({ controllerIds: ids }))
        .expect(201)
    ).body;
    incidentId = incident.id;
    const p2c = incident.obligations.find((o: { hop: string }) => o.hop === 'processor-to-controller');
    await admin
      .post(`/incidents/${incidentId}/obligations/${p2c.id}/filings`)
      .send({ phase: 'initial', channel: 'manual', sentBy: 'Kari Vakt', via: 'registered letter' })
      .expect(201);
    await t.dataSource.transaction((em) => givenCopiesOf(em, incidentId, 999));
  });
  afterAll(() => t.close());

  /** The SELECTs the app runs to answer `url`, with their parameters. */
  async function selectsFor(url: string): Promise<{ query: string; parameters: unknown[] }[]> {
    const logger = t.dataSource.logger;
    const original = logger.logQuery.bind(logger);
    const seen: { query: string; parameters: unknown[] }[] = [];
    logger.logQuery = (query, parameters, runner) => {
      if (/^\s*SELECT/i.test(query)) seen.push({ query, parameters: parameters ?? [] });
      return original(query, parameters, runner);
    };
    try {
      await admin.get(url).expect(200);
    } finally {
      logger.logQuery = original;
    }
    return seen;
  }

  async function plansFor(url: string): Promise<PlanNode[]> {
    const statements = await selectsFor(url);
    expect(statements.length).toBeGreaterThan(0);
    return t.dataSource.transaction(async (em) => {
      await em.query('SET LOCAL enable_seqscan = off');
      const plans: PlanNode[] = [];
      for (const s of statements) {
        const [{ 'QUERY PLAN': plan }] = await em.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }[]>(
          `EXPLAIN (FORMAT JSON) ${s.query}`,
          s.parameters,
        );
        plans.push(...nodes(plan[0].Plan));
      }
      return plans;
    });
  }

  it.each([
    ['/incidents', 'ix_incident_discovered_reference'],
    ['/incidents?from=2026-11-01T00:00:00Z&to=2026-11-20T00:00:00Z', 'ix_incident_discovered_reference'],
    ['/incidents?status=overdue', 'ix_obligation_status_due'],
    ['/incidents?status=met', 'ix_obligation_status_due'],
    ['/incidents?controllerId=<controller>', 'ix_incident_controller_controller'],
    ['/register?limit=50', 'ix_incident_discovered_reference'],
    ['/register?format=csv&limit=300', 'ix_incident_discovered_reference'],
    ['/deadlines', 'ix_obligation_pending_due'],
    ['/deadlines?before=%2B6h', 'ix_obligation_pending_due'],
    ['/deadlines?controllerId=<controller>', 'ix_obligation_controller_pending_due'],
    ['/controllers', 'ix_data_controller_name'],
    ['/incidents/<incident>/filings', 'ix_filing_incident'],
    ['/incidents/<incident>/obligations', 'uq_obligation_hop'],
    ['/audit?entityType=incident&entityId=<incident>', 'ix_audit_entry_entity'],
  ])('GET %s reads no table whole, and uses %s', async (path, index) => {
    const url = path.replace('<controller>', controllerId).replace('<incident>', incidentId);
    const plans = await plansFor(url);
    const seqScans = plans.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name']);
    expect({ url, seqScans }).toEqual({ url, seqScans: [] });
    expect(plans.map((n) => n['Index Name']).filter(Boolean)).toContain(index);
  });
});
