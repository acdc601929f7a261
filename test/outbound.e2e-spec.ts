import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { FixedClock } from '../src/clock/clock';
import { OutboxWorker } from '../src/outbox/outbox.worker';
import { controllerBody, incidentBody } from './fixtures';
import { client, Client, createKey, createTestApp, resetDatabase, TestApp } from './utils';

/** Outbound requests go only where the policy allows: checked when a URL is set and again at each delivery. */
describe('outbound requests', () => {
  const clock = new FixedClock(new Date('2026-11-22T09:00:00Z'));
  const received: string[] = [];
  /** Replies of the receiver, in turn; then 200. */
  const replies: { status: number; location?: string }[] = [];
  let receiver: Server;
  let port: number;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received.push(req.url ?? '');
        const reply = replies.shift() ?? { status: 200 };
        res.writeHead(reply.status, reply.location ? { location: reply.location } : {}).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    port = (receiver.address() as AddressInfo).port;
  });
  beforeEach(() => {
    received.length = 0;
    replies.length = 0;
  });
  afterAll(() => new Promise((r) => receiver.close(r)));

  /** An app with its own outbound settings; the body runs with an admin client on a fresh database. */
  async function withApp(env: Record<string, string>, body: (t: TestApp, admin: Client) => Promise<void>) {
    const t = await createTestApp({
      clock,
      env: { DELIVERY_MAX_ATTEMPTS: '2', DELIVERY_BACKOFF_MS: '10', ...env },
    });
    try {
      await resetDatabase(t.app);
      await body(t, client(t, await createKey(t.app, 'admin')));
    } finally {
      await t.app.get(OutboxWorker).drain();
      await t.close();
    }
  }

  /** A controller with a webhook and its secret, an incident, and the webhook filing of its notice, settled. */
  async function deliverTo(t: TestApp, admin: Client, webhookUrl: string) {
    const controller = (await admin.post('/controllers').send(controllerBody({ webhookUrl })).expect(201))
      .body;
    await admin.post(`/controllers/${controller.id}/webhook-secret`).expect(201);
    const incident = (
      await admin
        .post('/incidents')
        .send(incidentBody({ controllerIds: [controller.id] }))
        .expect(201)
    ).body;
    const p2c = incident.obligations.find((o: { hop: string }) => o.hop === 'processor-to-controller');
    const filed = await admin
      .post(`/incidents/${incident.id}/obligations/${p2c.id}/filings`)
      .send({ phase: 'initial', channel: 'webhook' })
      .expect(201);
    await t.app.get(OutboxWorker).drain();
    return (await admin.get(`/filings/${filed.body.id}`).expect(200)).body as {
      status: string;
      attempts: { ok: boolean; detail: string }[];
    };
  }

  it('refuses a webhookUrl with a private, loopback, link-local or IPv4-mapped address when it is set (422)', async () => {
    await withApp({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' }, async (_t, admin) => {
      const cases: [string, RegExp][] = [
        ['https://10.0.0.5/hook', /10\.0\.0\.5 is a private address/],
        ['https://127.0.0.1:8443/hook', /127\.0\.0\.1 is a loopback address/],
        ['https://[::1]/hook', /::1 is a loopback address/],
        ['https://[fd00::1]/hook', /fd00::1 is a private address/],
        ['https://169.254.169.254/latest/meta-data', /169\.254\.169\.254 is a link-local address/],
        ['https://[::ffff:127.0.0.1]/hook', /is an ipv4-mapped address/],
        ['https://user:secret@hooks.example/hook', /must not carry credentials/],
      ];
      for (const [webhookUrl, message] of cases) {
        const { status, body } = await admin.post('/controllers').send(controllerBody({ webhookUrl }));
        expect({ webhookUrl, status }).toEqual({ webhookUrl, status: 422 });
        expect(body.details).toEqual([{ field: 'webhookUrl', messages: [expect.stringMatching(message)] }]);
      }
      const ok = (
        await admin
          .post('/controllers')
          .send(controllerBody({ webhookUrl: 'https://hooks.example/breach' }))
          .expect(201)
      ).body;
      const patched = await admin
        .patch(`/controllers/${ok.id}`)
        .send({ webhookUrl: 'https://192.168.1.20/x' });
      expect(patched.status).toBe(422);
      expect(patched.body.details).toEqual([{ field: 'webhookUrl', messages: [expect.any(String)] }]);
      expect((await admin.get(`/controllers/${ok.id}`)).body.webhookUrl).toBe('https://hooks.example/breach');
    });
  });

  it('checks the webhookUrl when it is set, not on an unrelated change', async () => {
    await withApp({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' }, async (t, admin) => {
      const { id } = (await admin.post('/controllers').send(controllerBody()).expect(201)).body;
      // Set while the rules allowed it (an on-premises receiver, before the setting was turned off).
      await t.dataSource.query(
        `UPDATE data_controller SET webhook_url = 'https://10.0.0.9/hook' WHERE id = $1`,
        [id],
      );
      await admin.patch(`/controllers/${id}`).send({ name: 'Renamed AS' }).expect(200);
      const again = await admin.patch(`/controllers/${id}`).send({ webhookUrl: 'https://10.0.0.9/hook' });
      expect(again.status).toBe(422);
      expect(again.body.details).toEqual([{ field: 'webhookUrl', messages: [expect.any(String)] }]);
    });
  });

  it('refuses http unless WEBHOOK_ALLOW_HTTP=true', async () => {
    await withApp({ WEBHOOK_ALLOW_HTTP: 'false' }, async (_t, admin) => {
      const { status, body } = await admin
        .post('/controllers')
        .send(controllerBody({ webhookUrl: 'http://hooks.example/breach' }));
      expect(status).toBe(422);
      expect(body.details).toEqual([
        { field: 'webhookUrl', messages: ['must use https (http only with WEBHOOK_ALLOW_HTTP=true)'] },
      ]);
    });
    await withApp({ WEBHOOK_ALLOW_HTTP: 'true' }, async (_t, admin) => {
      await admin
        .post('/controllers')
        .send(controllerBody({ webhookUrl: 'http://hooks.example/breach' }))
        .expect(201);
    });
  });

  it('refuses at delivery a host name that resolves to loopback, and sends nothing', async () => {
    await withApp({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' }, async (t, admin) => {
      // A name is not looked up when it is set: it may point elsewhere by the time of the delivery.
      const filing = await deliverTo(t, admin, `http://localhost:${port}/hook`);
      expect(filing.status).toBe('failed');
      expect(filing.attempts).toEqual([
        expect.objectContaining({
          ok: false,
          detail: expect.stringMatching(
            /^OutboundRefusedError: refused: localhost resolves to .*loopback address/,
          ),
        }),
        expect.objectContaining({ ok: false }),
      ]);
      expect(received).toEqual([]);
    });
  });

  it('counts a redirect as a failed attempt and does not follow it', async () => {
    await withApp({}, async (t, admin) => {
      replies.push({ status: 302, location: `http://127.0.0.1:${port}/elsewhere` });
      const filing = await deliverTo(t, admin, `http://127.0.0.1:${port}/hook`);
      expect(filing.attempts.map((a) => [a.ok, a.detail])).toEqual([
        [false, 'HTTP 302 (redirects are not followed)'],
        [true, 'HTTP 200'],
      ]);
      expect(filing.status).toBe('delivered');
      expect(received).toEqual(['/hook', '/hook']);
    });
  });
});
