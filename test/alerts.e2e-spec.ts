import { FixedClock } from '../src/clock/clock';
import { AlertsService } from '../src/obligations/alerts.service';
import { controllerBody, incidentBody } from './fixtures';
import { OutboxWorker } from '../src/outbox/outbox.worker';
import { MailReceiver, startMailReceiver, startWebhookReceiver, WebhookReceiver } from './receivers';
import { client, Client, createKey, createTestApp, resetDatabase, TestApp } from './utils';

/** Videonor's 24 h target from 08:12Z: 50 % at 20:12Z, 80 % at 03:24:48Z next day, 100 % at 08:12Z. */
const AWARE = '2026-11-22T08:12:00.000Z';

describe('deadline alerts', () => {
  const clock = new FixedClock(new Date('2026-11-22T09:00:00Z'));
  let webhook: WebhookReceiver;
  let smtp: MailReceiver;
  /** The alerts the webhook received, as JSON. */
  const webhookCalls = () => webhook.requests.map((r) => JSON.parse(r.body) as unknown);
  let t: TestApp;
  let env: Record<string, string>;
  let admin: Client;
  let controllerId: string;

  beforeAll(async () => {
    webhook = await startWebhookReceiver({ reply: () => 204 });
    smtp = await startMailReceiver();
    env = {
      ALERT_WEBHOOK_URL: `${webhook.origin}/alerts`,
      ALERT_EMAILS: 'oncall@processor.example, dpo@processor.example',
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Breach Desk <alerts@processor.example>',
    };
    t = await createTestApp({ clock, env });
  });
  beforeEach(async () => {
    clock.set('2026-11-22T09:00:00Z');
    await resetDatabase(t.app);
    webhook.requests.length = 0;
    smtp.mails.length = 0;
    admin = client(t, await createKey(t.app, 'admin'));
    controllerId = (
      await admin
        .post('/controllers')
        .send(controllerBody({ name: 'Fjord Kommune', agreementId: 'dotnet-internals', language: 'en' }))
        .expect(201)
    ).body.id;
  });
  afterAll(async () => {
    await t.close();
    await webhook.close();
    await smtp.close();
  });

  const scan = (app: TestApp = t) => app.app.get(AlertsService).scan();
  const alertRows = () =>
    t.dataSource.query<
      { stage: number; late: boolean; superseded: boolean; delivery: Record<string, string> }[]
    >('SELECT stage, late, superseded, delivery FROM obligation_alert ORDER BY stage');
  const timelineAlerts = async (incidentId: string) =>
    (
      (await admin.get(`/incidents/${incidentId}`)).body.timeline as {
        kind: string;
        data: Record<string, unknown>;
      }[]
    ).filter((e) => e.kind === 'alert');

  async function newIncident(overrides: Record<string, unknown> = {}) {
    return (
      await admin
        .post('/incidents')
        .send(incidentBody({ controllerIds: [controllerId], ...overrides }))
        .expect(201)
    ).body;
  }

  it('fires 50, 80 and 100 % each once, when each is reached', async () => {
    const incident = await newIncident();
    clock.set('2026-11-22T20:11:00Z');
    expect(await scan()).toEqual({ alerts: 0, obligations: 0 });
    clock.set('2026-11-22T20:12:00Z');
    expect((await scan()).alerts).toBe(1);
    expect((await scan()).alerts).toBe(0);
    clock.set('2026-11-23T03:24:48Z');
    expect((await scan()).alerts).toBe(1);
    clock.set('2026-11-23T08:12:00Z');
    expect((await scan()).alerts).toBe(1);
    clock.set('2026-11-30T00:00:00Z');
    expect((await scan()).alerts).toBe(0);

    expect((await alertRows()).map((r) => [r.stage, r.late])).toEqual([
      [50, false],
      [80, false],
      [100, false],
    ]);
    const entries = await timelineAlerts(incident.id);
    expect(entries.map((e) => e.data.stage)).toEqual([50, 80, 100]);
    expect(entries[0].data).toMatchObject({
      hop: 'processor-to-controller',
      stages: [50],
      late: false,
      dueAt: '2026-11-23T08:12:00.000Z',
    });
    const o = (await admin.get(`/incidents/${incident.id}`)).body.obligations.find(
      (x: { hop: string }) => x.hop === 'processor-to-controller',
    );
    expect(o.alerts.map((a: { stage: number }) => a.stage)).toEqual([50, 80, 100]);
  });

  it('delivers through the log, the webhook and e-mail', async () => {
    const incident = await newIncident();
    clock.set('2026-11-22T20:12:00Z');
    await scan();
    await t.app.get(OutboxWorker).drain();
    expect(webhookCalls()).toEqual([
      {
        type: 'breach-desk.deadline-alert',
        deliveryId: expect.any(String),
        alert: expect.objectContaining({
          incidentReference: incident.reference,
          hop: 'processor-to-controller',
          controllerName: 'Fjord Kommune',
          stage: 50,
          late: false,
          dueAt: '2026-11-23T08:12:00.000Z',
          dueAtLocal: '2026-11-23T09:12:00+01:00',
          remaining: '+12h 00m',
        }),
      },
    ]);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]).toContain('To: oncall@processor.example, dpo@processor.example');
    expect(smtp.mails[0]).toContain(
      `Subject: [Breach Desk] ${incident.reference}: 50% of the processor-to-controller`,
    );
    expect(smtp.mails[0]).toContain('Fjord Kommune');
    expect((await alertRows())[0].delivery).toEqual({ log: 'ok', webhook: 'ok', email: 'ok' });
  });

  it('fires stages passed while nothing ran at the next scan, marked late', async () => {
    await newIncident();
    clock.set('2026-11-22T20:30:00Z'); // 18 minutes after the 50 % stage
    await scan();
    expect((await alertRows()).map((r) => [r.stage, r.late])).toEqual([[50, true]]);
  });

  it('fires an obligation created already past its stages once, not three times', async () => {
    clock.set('2026-11-26T12:00:00Z');
    const incident = await newIncident({ discoveredAt: '2026-11-22T08:00:00Z', processorAwareAt: AWARE });
    expect((await scan()).alerts).toBe(1);
    expect(await scan()).toEqual({ alerts: 0, obligations: 0 });
    expect((await alertRows()).map((r) => [r.stage, r.late, r.superseded])).toEqual([
      [50, true, true],
      [80, true, true],
      [100, true, false],
    ]);
    const entries = await timelineAlerts(incident.id);
    expect(entries).toHaveLength(1);
    expect(entries[0].data).toMatchObject({ stage: 100, stages: [50, 80, 100], late: true });
    await t.app.get(OutboxWorker).drain();
    expect(webhookCalls()).toHaveLength(1);
  });

  it('does not alert for an obligation already met', async () => {
    const incident = await newIncident();
    const p2c = incident.obligations.find((o: { hop: string }) => o.hop === 'processor-to-controller');
    await admin.post(`/incidents/${incident.id}/obligations/${p2c.id}/met`).send({}).expect(200);
    clock.set('2026-11-30T00:00:00Z');
    expect((await scan()).alerts).toBe(0);
  });

  it('fires each (obligation, stage) exactly once with two instances scanning one database', async () => {
    const other = await createTestApp({ clock, env });
    try {
      const ids: string[] = [controllerId];
      for (let i = 0; i < 24; i++) {
        ids.push(
          (
            await admin
              .post('/controllers')
              .send(controllerBody({ name: `Kommune ${i}` }))
              .expect(201)
          ).body.id,
        );
      }
      const incident = await newIncident({ controllerIds: ids });
      clock.set('2026-11-22T20:12:00Z');
      const results = await Promise.all([scan(), scan(other), scan(), scan(other), scan(other), scan()]);
      expect(results.reduce((n, r) => n + r.alerts, 0)).toBe(25);
      const [{ n }] = await t.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM obligation_alert WHERE stage = 50',
      );
      expect(n).toBe(25);
      expect(await timelineAlerts(incident.id)).toHaveLength(25);
      await Promise.all([t.app.get(OutboxWorker).drain(), other.app.get(OutboxWorker).drain()]);
      expect(webhookCalls()).toHaveLength(25);
      expect((await admin.get('/audit/verify')).body.ok).toBe(true);
    } finally {
      await other.close();
    }
  });
});

describe('deadline alerts: the scheduler', () => {
  it('scans on its own, every interval, and catches up with what passed before it started', async () => {
    const t = await createTestApp({ env: { ALERT_SCAN_INTERVAL_SECONDS: '1' } });
    try {
      await resetDatabase(t.app);
      const admin = client(t, await createKey(t.app, 'admin'));
      const controllerId = (await admin.post('/controllers').send(controllerBody()).expect(201)).body.id;
      const now = Date.now();
      const incident = (
        await admin
          .post('/incidents')
          .send(
            incidentBody({
              controllerIds: [controllerId],
              discoveredAt: new Date(now - 30 * 3_600_000).toISOString(),
              processorAwareAt: new Date(now - 30 * 3_600_000).toISOString(),
            }),
          )
          .expect(201)
      ).body;
      let alerts: unknown[] = [];
      for (let i = 0; i < 50 && alerts.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        alerts = ((await admin.get(`/incidents/${incident.id}`)).body.timeline as { kind: string }[]).filter(
          (e) => e.kind === 'alert',
        );
      }
      expect(alerts).toEqual([
        expect.objectContaining({
          data: expect.objectContaining({ stage: 100, stages: [50, 80, 100], late: true }),
        }),
      ]);
    } finally {
      await t.close();
    }
  });
});
