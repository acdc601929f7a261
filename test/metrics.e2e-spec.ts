import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { FixedClock } from '../src/clock/clock';
import { MetricsServer } from '../src/metrics/metrics.server';
import { AlertsService } from '../src/obligations/alerts.service';
import { OutboxWorker } from '../src/outbox/outbox.worker';
import { controllerBody, incidentBody } from './fixtures';
import { client, Client, createKey, createTestApp, resetDatabase, TestApp } from './utils';

/** The value of one sample of the Prometheus text format, by name and exact labels; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort()
    .join(',');
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? '')
      .split(/,(?=\w+=")/)
      .filter(Boolean)
      .sort()
      .join(',');
    if (have === wanted) return Number(match[3]);
  }
  return undefined;
}

const STATUSES = ['awaiting-anchor', 'open', 'overdue', 'met', 'met-late', 'not-required'];

/** Dotnet Internals: 24 h from our awareness at 08:12Z, so due 2026-11-23T08:12Z. */
const NOW = '2026-11-22T09:00:00Z';

describe('GET /metrics on the main port', () => {
  const clock = new FixedClock(new Date(NOW));
  let receiver: Server;
  let t: TestApp;
  let admin: Client;
  let controllerId: string;

  beforeAll(async () => {
    // Every alert delivery fails at once (one attempt allowed), so the outbox's failures can be counted.
    receiver = createServer((_req, res) => res.writeHead(500).end());
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    t = await createTestApp({
      clock,
      env: {
        ALERT_WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts`,
        DELIVERY_MAX_ATTEMPTS: '1',
      },
    });
  });
  beforeEach(async () => {
    clock.set(NOW);
    await resetDatabase(t.app);
    admin = client(t, await createKey(t.app, 'admin'));
    controllerId = (
      await admin
        .post('/controllers')
        .send(controllerBody({ agreementId: 'dotnet-internals', language: 'en' }))
        .expect(201)
    ).body.id;
  });
  afterAll(async () => {
    await t.close();
    await new Promise((r) => receiver.close(r));
  });

  async function scrape(): Promise<string> {
    const { status, headers, text } = await admin.get('/metrics');
    expect(status).toBe(200);
    // Express puts the charset first; the parameters are what Prometheus reads.
    expect(headers['content-type']).toBe('text/plain; charset=utf-8; version=0.0.4');
    return text;
  }
  const obligations = (text: string) =>
    Object.fromEntries(STATUSES.map((s) => [s, sample(text, 'breach_desk_obligations', { status: s })]));
  const outbox = (text: string) =>
    Object.fromEntries(
      ['pending', 'sending', 'failed'].map((s) => [
        s,
        sample(text, 'breach_desk_outbox_messages', { status: s }),
      ]),
    );

  it('is for an admin key only, sent as a bearer token', async () => {
    const none = await client(t).get('/metrics');
    expect(none.status).toBe(401);
    expect(none.headers['content-type']).toMatch(/^application\/json/);
    expect(none.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.any(String) });
    expect((await client(t, await createKey(t.app, 'dpo')).get('/metrics')).status).toBe(403);
    expect((await client(t, await createKey(t.app, 'controller', controllerId)).get('/metrics')).status).toBe(
      403,
    );
    expect((await admin.get('/metrics')).status).toBe(200);
  });

  it('counts obligations by status as shown, overdue apart from open, from the rows as they are', async () => {
    expect(obligations(await scrape())).toEqual({
      'awaiting-anchor': 0,
      open: 0,
      overdue: 0,
      met: 0,
      'met-late': 0,
      'not-required': 0,
    });
    await admin
      .post('/incidents')
      .send(incidentBody({ controllerIds: [controllerId] }))
      .expect(201);
    await admin
      .post('/incidents')
      .send(incidentBody({ controllerIds: [controllerId], processorAwareAt: '2026-11-22T08:30:00Z' }))
      .expect(201);
    // Each incident: processor → controller open (24 h), controller → authority awaiting the controller's awareness.
    expect(obligations(await scrape())).toMatchObject({ 'awaiting-anchor': 2, open: 2, overdue: 0 });

    clock.set('2026-11-23T08:20:00Z'); // past the first's due time (08:12Z), not the second's (08:30Z)
    expect(obligations(await scrape())).toMatchObject({ 'awaiting-anchor': 2, open: 1, overdue: 1 });
    clock.set('2026-11-23T08:31:00Z');
    expect(obligations(await scrape())).toMatchObject({ 'awaiting-anchor': 2, open: 0, overdue: 2 });
  });

  it('shows the outbox depth and its failures, and how late the alert scan fired each stage', async () => {
    await admin
      .post('/incidents')
      .send(incidentBody({ controllerIds: [controllerId] }))
      .expect(201);
    const before = await scrape();
    expect(outbox(before)).toEqual({ pending: 0, sending: 0, failed: 0 });
    expect(sample(before, 'breach_desk_alert_lag_seconds_count', { stage: '100' })).toBeUndefined();

    // The scan fires 100 % 48 minutes after its instant (08:12Z); the worker is held, so its webhook stays pending.
    const worker = t.app.get(OutboxWorker);
    await worker.pause();
    clock.set('2026-11-23T09:00:00Z');
    expect(await t.app.get(AlertsService).scan()).toEqual({ alerts: 1, obligations: 1 });
    const fired = await scrape();
    expect(outbox(fired)).toEqual({ pending: 1, sending: 0, failed: 0 });
    expect(sample(fired, 'breach_desk_alert_lag_seconds_count', { stage: '100' })).toBe(1);
    expect(sample(fired, 'breach_desk_alert_lag_seconds_sum', { stage: '100' })).toBe(48 * 60);
    expect(sample(fired, 'breach_desk_alert_lag_seconds_bucket', { stage: '100', le: '900' })).toBe(0);
    expect(sample(fired, 'breach_desk_alert_lag_seconds_bucket', { stage: '100', le: '3600' })).toBe(1);

    worker.resume();
    await worker.drain();
    expect(outbox(await scrape())).toEqual({ pending: 0, sending: 0, failed: 1 });
  });

  it('shows the length of the audit chain', async () => {
    const [{ n }] = await t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM audit_entry');
    expect(Number(n)).toBeGreaterThan(0);
    expect(sample(await scrape(), 'breach_desk_audit_chain_length')).toBe(Number(n));
    await admin.post('/controllers').send(controllerBody()).expect(201);
    expect(sample(await scrape(), 'breach_desk_audit_chain_length')).toBe(Number(n) + 1);
  });

  it('times requests by method, route template and status class, never by their URL', async () => {
    // The counts add up over the app's life: what these requests add is the difference between two scrapes.
    const count = (text: string, [method, route, statusClass]: readonly string[]) =>
      sample(text, 'breach_desk_http_request_duration_seconds_count', {
        method,
        route,
        status_class: statusClass,
      }) ?? 0;
    const series: (readonly string[])[] = [
      ['GET', '/incidents/:id', '4xx'],
      ['GET', '/controllers/:id', '2xx'],
      ['GET', '/agreements', '4xx'],
      ['GET', 'unmatched', '4xx'],
      ['GET', '/metrics', '2xx'],
    ];
    const before = await scrape();
    const id = randomUUID();
    await admin.get(`/incidents/${id}?limit=5`).expect(404);
    await admin.get(`/controllers/${controllerId}`).expect(200);
    await admin.get(`/controllers/${controllerId}`).expect(200);
    await client(t).get('/agreements').expect(401);
    await admin.get('/no-such-route').expect(404);
    const after = await scrape();

    expect(series.map((s) => [...s, count(after, s) - count(before, s)])).toEqual([
      ['GET', '/incidents/:id', '4xx', 1],
      ['GET', '/controllers/:id', '2xx', 2],
      ['GET', '/agreements', '4xx', 1],
      ['GET', 'unmatched', '4xx', 1],
      ['GET', '/metrics', '2xx', 1], // the first scrape, timed once it was answered
    ]);
    expect(after).not.toContain(id);
    expect(after).not.toContain(controllerId);
    expect(after).not.toContain('no-such-route');
    expect(after).toMatch(/^# TYPE breach_desk_http_request_duration_seconds histogram$/m);
  });

  it('carries the default process metrics', async () => {
    const text = await scrape();
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect({ name, present: new RegExp(`^# TYPE ${name} `, 'm').test(text) }).toEqual({
        name,
        present: true,
      });
    }
  });
});

describe('GET /metrics on METRICS_PORT', () => {
  let t: TestApp;
  let admin: Client;
  let url: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { METRICS_PORT: '0' } });
    url = `http://127.0.0.1:${t.app.get(MetricsServer).port}`;
  });
  beforeEach(async () => {
    await resetDatabase(t.app);
    admin = client(t, await createKey(t.app, 'admin'));
  });
  afterAll(() => t.close());

  it('is served there without a key, counting the rows as they are', async () => {
    const first = await fetch(`${url}/metrics`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(sample(await first.text(), 'breach_desk_obligations', { status: 'awaiting-anchor' })).toBe(0);

    const controllerId = (await admin.post('/controllers').send(controllerBody()).expect(201)).body.id;
    await admin
      .post('/incidents')
      .send(incidentBody({ controllerIds: [controllerId] }))
      .expect(201);
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(sample(text, 'breach_desk_obligations', { status: 'awaiting-anchor' })).toBe(1);
    expect(sample(text, 'breach_desk_outbox_messages', { status: 'pending' })).toBe(0);
  });

  it('is not on the main port, even for an admin key', async () => {
    expect((await admin.get('/metrics')).status).toBe(404);
  });

  it('answers nothing but GET /metrics', async () => {
    expect((await fetch(`${url}/`)).status).toBe(404);
    expect((await fetch(`${url}/health`)).status).toBe(404);
    const post = await fetch(`${url}/metrics`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('binds METRICS_HOST and closes with the app', async () => {
    const other = await createTestApp({ env: { METRICS_PORT: '0', METRICS_HOST: '127.0.0.1' } });
    const server = other.app.get(MetricsServer);
    const port = server.port;
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
    await other.close();
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
  });
});
