import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { DataSource } from 'typeorm';
import { AlertsService } from '../src/obligations/alerts.service';
import { OutboxWorker } from '../src/outbox/outbox.worker';
import { controllerBody, incidentBody } from './fixtures';
import { MailReceiver, startMailReceiver, startWebhookReceiver, WebhookReceiver } from './receivers';
import { client, createKey, createTestApp, resetDatabase, TEST_KEYS, testDatabaseUrl } from './utils';

/**
 * Nothing lost when an instance dies mid-send: two real service processes on one database, a local HTTP receiver and
 * SMTP server that answer slowly, alerts and notices due, one instance SIGKILLed while it holds messages. Every
 * message must arrive at least once within 60 s, and any duplicate must carry the same delivery id.
 */
const ROOT = join(__dirname, '..');
const HOUR = 3_600_000;

interface Received {
  deliveryId: string;
  what: string;
}

function startInstance(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('the outbox: an instance killed while it sends', () => {
  let hooks: WebhookReceiver;
  let smtp: MailReceiver;
  /** The delivery ids of the mails received (their Message-ID). */
  const mailIds: string[] = [];
  /** Everything received, webhook calls and mails, by delivery id. */
  const received = (): Received[] => [
    ...hooks.requests.map((r) => ({
      deliveryId: String(r.headers['x-breach-desk-delivery-id']),
      what: `webhook ${r.url}`,
    })),
    ...mailIds.map((deliveryId) => ({ deliveryId, what: 'email' })),
  ];
  let hookUrl: string;
  let smtpUrl: string;
  const instances: ChildProcess[] = [];

  beforeAll(async () => {
    // Slow answers keep sends under way long enough for the kill to land in the middle of them; the killed
    // instance's connections are cut mid-conversation, which is expected here and not the mail server's failure.
    hooks = await startWebhookReceiver({ answerAfterMs: 700 });
    hookUrl = hooks.origin;
    smtp = await startMailReceiver({
      answerAfterMs: 700,
      toleratesResets: true,
      onMail: async (raw) => {
        const mail = await simpleParser(raw);
        mailIds.push((mail.messageId ?? '').replace(/^<|@breach-desk>$/g, ''));
      },
    });
    smtpUrl = smtp.url;
  });

  afterAll(async () => {
    for (const p of instances) if (p.exitCode === null) p.kill('SIGKILL');
    await hooks.close();
    await smtp.close();
  });

  it('delivers every alert and notice at least once, duplicates only under the same delivery id, within 60 s', async () => {
    // The world: ten controllers with webhooks, an incident long past its processor deadlines, and each
    // controller's notice filed by webhook and by e-mail. Nothing is sent yet: this process's worker is paused.
    const setup = await createTestApp({
      env: {
        SMTP_URL: smtpUrl,
        ALERT_WEBHOOK_URL: `${hookUrl}/alerts`,
        ALERT_EMAILS: 'oncall@processor.example',
      },
    });
    try {
      await resetDatabase(setup.app);
      await setup.app.get(OutboxWorker).pause();
      const admin = client(setup, await createKey(setup.app, 'admin'));
      const dpo = client(setup, await createKey(setup.app, 'dpo'));
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) {
        const c = (
          await admin
            .post('/controllers')
            .send(controllerBody({ name: `Kommune ${i}`, webhookUrl: `${hookUrl}/notices` }))
            .expect(201)
        ).body as { id: string };
        await admin.post(`/controllers/${c.id}/webhook-secret`).expect(201);
        ids.push(c.id);
      }
      const aware = new Date(Date.now() - 30 * HOUR).toISOString();
      const incident = (
        await admin
          .post('/incidents')
          .send(incidentBody({ controllerIds: ids, discoveredAt: aware, processorAwareAt: aware }))
          .expect(201)
      ).body as { id: string; obligations: { id: string; hop: string }[] };
      for (const o of incident.obligations.filter((x) => x.hop === 'processor-to-controller')) {
        for (const channel of ['webhook', 'email']) {
          await dpo
            .post(`/incidents/${incident.id}/obligations/${o.id}/filings`)
            .send({
              phase: channel === 'webhook' ? 'initial' : 'follow-up',
              channel,
              reasonsForDelay: 'Test',
            })
            .expect(201);
        }
      }
      // The alert stages all passed long ago: one alert per processor obligation, enqueued for both channels.
      expect((await setup.app.get(AlertsService).scan()).alerts).toBe(10);
    } finally {
      await setup.close();
    }

    const db = await new DataSource({ type: 'postgres', url: testDatabaseUrl() }).initialize();
    try {
      const env = {
        DATABASE_URL: testDatabaseUrl(),
        LOG_LEVEL: 'error',
        ...TEST_KEYS,
        SMTP_URL: smtpUrl,
        ALERT_WEBHOOK_URL: `${hookUrl}/alerts`,
        ALERT_EMAILS: 'oncall@processor.example',
        ALERT_SCAN_INTERVAL_SECONDS: '1',
        OUTBOX_SWEEP_SECONDS: '1',
        OUTBOX_LEASE_SECONDS: '3',
        DELIVERY_BACKOFF_MS: '200',
        WEBHOOK_ALLOW_HTTP: 'true',
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
        AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0',
      };
      const a = startInstance({ ...env, PORT: '0', HOST: '127.0.0.1' });
      const b = startInstance({ ...env, PORT: '0', HOST: '127.0.0.1' });
      instances.push(a, b);
      const started = Date.now();

      // Kill A in the middle of sending: it holds messages, and the receivers have begun to get them.
      const held = await waitFor(
        'instance A to be sending',
        async () => {
          const rows = await db.query<{ id: string }[]>(
            `SELECT id FROM outbox_message WHERE status = 'sending' AND leased_by LIKE $1`,
            [`${a.pid}-%`],
          );
          const arrived = new Set(received().map((r) => r.deliveryId));
          return rows.some((r) => arrived.has(r.id)) ? rows.length : undefined;
        },
        60_000,
      );
      a.kill('SIGKILL');
      await new Promise((r) => a.once('exit', r));

      const due = await waitFor(
        'every message delivered',
        async () => {
          const rows = await db.query<{ status: string; n: number }[]>(
            `SELECT status, count(*)::int AS n FROM outbox_message GROUP BY status`,
          );
          const waiting = rows.filter((r) => r.status !== 'delivered').reduce((s, r) => s + r.n, 0);
          const total = rows.reduce((s, r) => s + r.n, 0);
          // 10 notices by webhook, 10 by e-mail; one alert per processor obligation on each of two channels.
          return waiting === 0 && total === 40 ? total : undefined;
        },
        60_000,
      );
      const seconds = (Date.now() - started) / 1000;

      const messages = await db.query<{ id: string; kind: string; channel: string; payload: unknown }[]>(
        `SELECT id, kind, channel, payload FROM outbox_message`,
      );
      const receivedIds = new Set(received().map((r) => r.deliveryId));
      const missing = messages.filter((m) => !receivedIds.has(m.id));
      expect(missing).toEqual([]);
      // Every arrival is one of the messages: a duplicate repeats a delivery id, it never brings a new one.
      const known = new Set(messages.map((m) => m.id));
      expect(received().filter((r) => !known.has(r.deliveryId))).toEqual([]);
      // One alert per (obligation, stage, channel): the scans of two instances fired each stage once.
      const alertKeys = messages
        .filter((m) => m.kind === 'deadline-alert')
        .map((m) => {
          const alert = (m.payload as { alert: { obligationId: string; stage: number } }).alert;
          return `${alert.obligationId}/${alert.stage}/${m.channel}`;
        });
      expect(new Set(alertKeys).size).toBe(alertKeys.length);
      expect(seconds).toBeLessThan(60);

      const duplicates = received().length - receivedIds.size;
      console.log(
        `outbox crash: ${due} deliveries due, ${held} held by the killed instance, ${received().length} received ` +
          `(${receivedIds.size} distinct), ${duplicates} duplicate(s) under the same delivery id, all in ${seconds.toFixed(1)} s`,
      );
      b.kill('SIGTERM');
      expect(await new Promise((r) => b.once('exit', r))).toBe(0);
    } finally {
      await db.destroy();
    }
  }, 150_000);
});
