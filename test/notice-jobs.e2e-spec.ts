import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { DataSource } from 'typeorm';
import { ApiKeysService } from '../src/access/api-keys.service';
import { FixedClock } from '../src/clock/clock';
import { FilingsService, type RenderedNotice } from '../src/filings/filings.service';
import { OutboxWorker } from '../src/outbox/outbox.worker';
import { controllerBody, incidentBody } from './fixtures';
import { MailReceiver, startMailReceiver, startWebhookReceiver, WebhookReceiver } from './receivers';
import { client, Client, createKey, createTestApp, resetDatabase, TestApp } from './utils';

const NOW = '2026-11-22T09:00:00.000Z';

interface Item {
  controllerId: string;
  status: string;
  filingId: string | null;
  channel: string | null;
  attempts: number;
  lastError: string | null;
}

describe('notice jobs: one notice to many controllers, in the background', () => {
  const clock = new FixedClock(new Date(NOW));
  /** What the webhook receiver answers: 500 while failing. */
  let hookStatus = 200;
  let webhook: WebhookReceiver;
  let webhookUrl: string;
  let smtp: MailReceiver;
  let env: Record<string, string>;
  let t: TestApp;
  let admin: Client;
  let dpo: Client;
  let keys: { admin: string; dpo: string };
  let fjord: { id: string };
  let nordlys: { id: string };
  let karlsruhe: { id: string };

  beforeAll(async () => {
    webhook = await startWebhookReceiver({ reply: () => hookStatus });
    webhookUrl = `${webhook.origin}/breach-notices`;
    smtp = await startMailReceiver();
    env = {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Breach Desk <breach@processor.example>',
      DELIVERY_MAX_ATTEMPTS: '3',
      DELIVERY_BACKOFF_MS: '20',
    };
    t = await createTestApp({ clock, env });
  });

  beforeEach(async () => {
    clock.set(NOW);
    await resetDatabase(t.app);
    webhook.requests.length = 0;
    smtp.mails.length = 0;
    hookStatus = 200;
    keys = { admin: await createKey(t.app, 'admin'), dpo: await createKey(t.app, 'dpo') };
    admin = client(t, keys.admin);
    dpo = client(t, keys.dpo);
    fjord = await givenController({ name: 'Fjord Kommune', webhookUrl });
    await admin.post(`/controllers/${fjord.id}/webhook-secret`).expect(201);
    nordlys = await givenController({
      name: 'Nordlys AS',
      agreementId: 'dotnet-internals',
      language: 'en',
      breachContact: { name: 'Nora', email: 'security@nordlys.example' },
    });
    karlsruhe = await givenController({
      name: 'Karlsruher Schule',
      country: 'DE',
      authorityId: 'de-bw-lfdi',
      agreementId: 'alfaview',
      language: 'de',
      timeZone: 'Europe/Berlin',
      breachContact: { name: 'Klaus', email: 'datenschutz@schule.example' },
    });
  });

  afterAll(async () => {
    await t.app.get(OutboxWorker).drain();
    await t.close();
    await webhook.close();
    await smtp.close();
  });

  async function givenController(overrides: Parameters<typeof controllerBody>[0]): Promise<{ id: string }> {
    return (await admin.post('/controllers').send(controllerBody(overrides)).expect(201)).body;
  }
  async function givenIncident(controllerIds: string[]): Promise<string> {
    return (await dpo.post('/incidents').send(incidentBody({ controllerIds })).expect(201)).body.id;
  }
  const settled = () => t.app.get(OutboxWorker).drain(60_000);
  const itemOf = (job: { items: Item[] }, controllerId: string) =>
    job.items.find((i) => i.controllerId === controllerId)!;
  async function parsedMails() {
    return Promise.all(smtp.mails.map((m) => simpleParser(m)));
  }

  it('answers 202 at once, then notifies every controller by its own channel, in its own language', async () => {
    const incidentId = await givenIncident([fjord.id, nordlys.id, karlsruhe.id]);
    const { status, body } = await dpo.post(`/incidents/${incidentId}/notices`).send({ phase: 'initial' });
    expect(status).toBe(202);
    expect(body).toMatchObject({
      id: expect.any(String),
      incidentId,
      kind: 'controller-notice',
      phase: 'initial',
      total: 3,
      done: 0,
      failed: 0,
      waiting: 0,
    });
    await settled();

    const job = (await dpo.get(`/incidents/${incidentId}/notices/${body.id}`).expect(200)).body;
    expect(job).toMatchObject({
      total: 3,
      done: 3,
      failed: 0,
      pending: 0,
      waiting: 0,
      percentDone: 100,
      settled: true,
    });
    expect(itemOf(job, fjord.id)).toMatchObject({
      status: 'done',
      channel: 'webhook',
      attempts: 1,
      lastError: null,
    });
    expect(itemOf(job, nordlys.id)).toMatchObject({ status: 'done', channel: 'email', attempts: 1 });
    expect(itemOf(job, karlsruhe.id)).toMatchObject({ status: 'done', channel: 'email', attempts: 1 });

    // Each item is the filing a single request would have made: its language, its documents, its obligation met.
    const filings = (await dpo.get(`/incidents/${incidentId}/filings`).expect(200)).body as {
      id: string;
      controllerId: string;
      language: string;
      status: string;
      documents: { format: string }[];
    }[];
    expect(filings).toHaveLength(3);
    const languageOf = (id: string) => filings.find((f) => f.controllerId === id)!.language;
    expect([languageOf(fjord.id), languageOf(nordlys.id), languageOf(karlsruhe.id)]).toEqual([
      'nb',
      'en',
      'de',
    ]);
    for (const f of filings) {
      expect(f.status).toBe('delivered');
      expect(f.documents.map((d) => d.format)).toEqual(['html', 'txt', 'pdf', 'json']);
    }
    expect(webhook.requests).toHaveLength(1);
    expect(JSON.parse(webhook.requests[0].body)).toMatchObject({ noticeId: itemOf(job, fjord.id).filingId });
    const subjects = Object.fromEntries(
      (await parsedMails()).map((m) => [(m.to as { text: string }).text, m.subject]),
    );
    expect(subjects).toEqual({
      'security@nordlys.example': '[BR-2026-0001] Notification of a personal data breach',
      'datenschutz@schule.example':
        '[BR-2026-0001] Meldung einer Verletzung des Schutzes personenbezogener Daten',
    });
    const incident = (await dpo.get(`/incidents/${incidentId}`).expect(200)).body;
    const p2c = incident.obligations.filter((o: { hop: string }) => o.hop === 'processor-to-controller');
    expect(p2c.map((o: { status: string }) => o.status)).toEqual(['met', 'met', 'met']);

    const list = (await dpo.get(`/incidents/${incidentId}/notices`).expect(200)).body;
    expect(list).toEqual([
      expect.objectContaining({ id: body.id, total: 3, done: 3, percentDone: 100, settled: true }),
    ]);
    expect(list[0].items).toBeUndefined();
  });

  it('stores the notice rendered before the locks only while the facts still say the same, else renders anew', async () => {
    const filings = t.app.get(FilingsService);
    const dataSource = t.app.get(DataSource);
    const { id: keyId } = await t.app.get(ApiKeysService).create(null, { role: 'dpo', label: 'job' });
    const actor = { keyId, role: 'dpo' as const, controllerId: null };
    const incidentId = await givenIncident([nordlys.id, karlsruhe.id]);
    const incident = (await dpo.get(`/incidents/${incidentId}`).expect(200)).body;
    const p2c = (controllerId: string) =>
      incident.obligations.find(
        (o: { hop: string; controllerId: string }) =>
          o.hop === 'processor-to-controller' && o.controllerId === controllerId,
      ).id as string;
    const dto = { phase: 'initial' as const, channel: 'email' as const };
    const say = (value: string) =>
      dpo
        .put(`/incidents/${incidentId}/form/initial`)
        .send({ fields: { whatHappened: { state: 'known', value } } })
        .expect(200);
    const fileWith = (obligationId: string, rendered: RenderedNotice) =>
      dataSource.transaction((em) => filings.fileIn(em, actor, incidentId, obligationId, dto, rendered));
    const stored = async (filingId: string) =>
      Object.fromEntries(
        (
          (await dpo.get(`/filings/${filingId}`).expect(200)).body.documents as {
            format: string;
            sha256: string;
          }[]
        ).map((d) => [d.format, d.sha256]),
      );
    const rendered = (r: RenderedNotice) =>
      Object.fromEntries(r.composed.documents.map((d) => [d.format, d.sha256]));
    await say('Exports forwarded to an outside mailbox');

    // Nothing changed between rendering and filing: the rendering is stored as it is, under its own id.
    const unchanged = await filings.prepare(actor, incidentId, p2c(nordlys.id), dto);
    const kept = await fileWith(p2c(nordlys.id), unchanged);
    expect(kept.id).toBe(unchanged.noticeId);
    expect(await stored(kept.id)).toEqual(rendered(unchanged));

    // The walk-through changed after rendering: the notice filed says what the facts say now, not what was rendered.
    const stale = await filings.prepare(actor, incidentId, p2c(karlsruhe.id), dto);
    await say('Exports forwarded to an outside mailbox for nine days');
    const renewed = await fileWith(p2c(karlsruhe.id), stale);
    expect(renewed.id).toBe(stale.noticeId);
    expect((await stored(renewed.id)).txt).not.toBe(rendered(stale).txt);
    const txt = await dpo.get(`/filings/${renewed.id}/document.txt`).expect(200);
    expect(txt.text).toContain('for nine days');
  });

  it('gives only the chosen controllers their notice', async () => {
    const incidentId = await givenIncident([fjord.id, nordlys.id, karlsruhe.id]);
    const { body } = await dpo
      .post(`/incidents/${incidentId}/notices`)
      .send({ phase: 'initial', controllerIds: [nordlys.id] })
      .expect(202);
    await settled();
    const job = (await dpo.get(`/incidents/${incidentId}/notices/${body.id}`).expect(200)).body;
    expect(job.items.map((i: Item) => [i.controllerId, i.status])).toEqual([[nordlys.id, 'done']]);
    expect(smtp.mails).toHaveLength(1);
    expect(webhook.requests).toHaveLength(0);
  });

  it('retries a failing channel, then lists it failed with its error while the others complete', async () => {
    hookStatus = 500;
    const incidentId = await givenIncident([fjord.id, nordlys.id, karlsruhe.id]);
    const { body } = await dpo
      .post(`/incidents/${incidentId}/notices`)
      .send({ phase: 'initial' })
      .expect(202);
    await settled();
    const job = (await dpo.get(`/incidents/${incidentId}/notices/${body.id}`).expect(200)).body;
    expect(job).toMatchObject({ total: 3, done: 2, failed: 1, pending: 0, percentDone: 66, settled: true });
    expect(itemOf(job, fjord.id)).toEqual({
      controllerId: fjord.id,
      obligationId: expect.any(String),
      status: 'failed',
      filingId: expect.any(String),
      channel: 'webhook',
      attempts: 3,
      lastError: 'HTTP 500',
      updatedAt: expect.any(String),
    });
    expect(webhook.requests).toHaveLength(3);
    expect(new Set(webhook.requests.map((h) => h.headers['x-breach-desk-delivery-id']))).toEqual(
      new Set([itemOf(job, fjord.id).filingId]),
    );
    expect(smtp.mails).toHaveLength(2);
  });

  it('gives a late notice the job’s reasons for the delay, and an on-time one none', async () => {
    const incidentId = await givenIncident([fjord.id, nordlys.id]);
    // Videonor's "immediately" is a 4 h target from our awareness (09:12 +01:00); Dotnet Internals' is 24 h.
    clock.set('2026-11-22T18:00:00Z');
    const first = (await dpo.post(`/incidents/${incidentId}/notices`).send({ phase: 'initial' }).expect(202))
      .body;
    await settled();
    const job = (await dpo.get(`/incidents/${incidentId}/notices/${first.id}`).expect(200)).body;
    expect(job).toMatchObject({ done: 1, failed: 1 });
    expect(itemOf(job, fjord.id)).toMatchObject({
      status: 'failed',
      filingId: null,
      lastError: expect.stringContaining('reasonsForDelay: required'),
    });

    const retry = (
      await dpo
        .post(`/incidents/${incidentId}/notices`)
        .send({
          phase: 'initial',
          controllerIds: [fjord.id],
          reasonsForDelay: 'The relay logs were read only at 17:00.',
        })
        .expect(202)
    ).body;
    await settled();
    const done = (await dpo.get(`/incidents/${incidentId}/notices/${retry.id}`).expect(200)).body;
    expect(itemOf(done, fjord.id)).toMatchObject({ status: 'done' });
    const filing = (await dpo.get(`/filings/${itemOf(done, fjord.id).filingId}`).expect(200)).body;
    expect(filing.reasonsForDelay).toBe('The relay logs were read only at 17:00.');
    const onTime = (await dpo.get(`/filings/${itemOf(job, nordlys.id).filingId}`).expect(200)).body;
    expect(onTime.reasonsForDelay).toBeNull();
  });

  it('lists a controller that needs an instruction as waiting, and files it once the instruction is recorded', async () => {
    const incidentId = await givenIncident([fjord.id, nordlys.id, karlsruhe.id]);
    const { body } = await dpo
      .post(`/incidents/${incidentId}/notices`)
      .send({ phase: 'initial', kind: 'authority-notification' })
      .expect(202);
    await settled();
    let job = (await dpo.get(`/incidents/${incidentId}/notices/${body.id}`).expect(200)).body;
    expect(job).toMatchObject({ total: 3, done: 1, waiting: 2, pending: 0, settled: true });
    expect(itemOf(job, nordlys.id)).toMatchObject({
      status: 'waiting-instruction',
      filingId: null,
      lastError: expect.stringContaining('Clause 8.4'),
    });
    expect(itemOf(job, karlsruhe.id)).toMatchObject({
      status: 'waiting-instruction',
      lastError: expect.stringContaining('Clause 5'),
    });

    await dpo
      .post(`/controllers/${nordlys.id}/instructions`)
      .send({
        scope: 'authority-notification',
        givenBy: 'Nora, DPO of Nordlys',
        givenAt: '2026-11-22T09:30:00+01:00',
        reference: 'E-mail of 22 November, 09:30',
      })
      .expect(201);
    await settled();
    job = (await dpo.get(`/incidents/${incidentId}/notices/${body.id}`).expect(200)).body;
    expect(job).toMatchObject({ done: 2, waiting: 1 });
    expect(itemOf(job, nordlys.id)).toMatchObject({
      status: 'done',
      filingId: expect.any(String),
      lastError: null,
    });
    expect(itemOf(job, karlsruhe.id).status).toBe('waiting-instruction');
    const filings = (await dpo.get(`/incidents/${incidentId}/filings`).expect(200)).body;
    expect(filings.filter((f: { controllerId: string }) => f.controllerId === nordlys.id)).toHaveLength(1);
  });

  it('refuses a second job while the first is still giving the same notice to a controller', async () => {
    const incidentId = await givenIncident([fjord.id, nordlys.id]);
    const worker = t.app.get(OutboxWorker);
    await worker.pause();
    try {
      const first = (
        await dpo.post(`/incidents/${incidentId}/notices`).send({ phase: 'initial' }).expect(202)
      ).body;
      const { status, body } = await dpo
        .post(`/incidents/${incidentId}/notices`)
        .send({ phase: 'initial', controllerIds: [nordlys.id] });
      expect(status).toBe(409);
      expect(body.details).toEqual([
        { field: 'controllerIds', messages: [expect.stringContaining(first.id)] },
      ]);
    } finally {
      worker.resume();
    }
    await settled();
    expect(smtp.mails).toHaveLength(1);
  });

  it('refuses bad input with a 4xx naming each field, and writes nothing', async () => {
    const incidentId = await givenIncident([fjord.id, nordlys.id]);
    const stranger = randomUUID();
    let res = await dpo
      .post(`/incidents/${incidentId}/notices`)
      .send({ phase: 'initial', controllerIds: [nordlys.id, karlsruhe.id, stranger] });
    expect(res.status).toBe(422);
    expect(res.body.details).toEqual([
      {
        field: 'controllerIds',
        messages: [expect.stringMatching(new RegExp(`${karlsruhe.id}, ${stranger}$`))],
      },
    ]);

    res = await dpo
      .post(`/incidents/${incidentId}/notices`)
      .send({ phase: 'first', controllerIds: ['nope'], x: 1 });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'controllerIds',
      'phase',
      'x',
    ]);

    res = await dpo
      .post(`/incidents/${incidentId}/notices`)
      .send({ phase: 'initial', kind: 'data-subject-notice' });
    expect(res.status).toBe(422); // no high-risk decision: no data-subject obligation to give
    expect(res.body.details).toEqual([{ field: 'controllerIds', messages: [expect.any(String)] }]);

    await dpo.post(`/incidents/${randomUUID()}/notices`).send({ phase: 'initial' }).expect(404);
    await dpo.get(`/incidents/${incidentId}/notices/${randomUUID()}`).expect(404);
    await dpo.get(`/incidents/${incidentId}/notices/not-a-uuid`).expect(404);

    const controllerKey = client(t, await createKey(t.app, 'controller', nordlys.id));
    await controllerKey.post(`/incidents/${incidentId}/notices`).send({ phase: 'initial' }).expect(403);
    await controllerKey.get(`/incidents/${incidentId}/notices`).expect(403);

    expect((await dpo.get(`/incidents/${incidentId}/notices`).expect(200)).body).toEqual([]);
    expect((await dpo.get(`/incidents/${incidentId}/filings`).expect(200)).body).toEqual([]);
  });

  it('survives a restart mid-job: the new instance completes it, every controller notified exactly once', async () => {
    const many: string[] = [];
    // More than one outbox batch (20): closing stops after the batch under way, so some are left for the next instance.
    for (let i = 0; i < 30; i++)
      many.push(
        (
          await givenController({
            name: `Kommune ${i}`,
            breachContact: { name: 'Vakt', email: `vakt${i}@kommune.example` },
          })
        ).id,
      );
    const incidentId = await givenIncident(many);
    const { body } = await dpo
      .post(`/incidents/${incidentId}/notices`)
      .send({ phase: 'initial' })
      .expect(202);
    // Closing waits for the sends under way (one batch of the outbox), hands back its leases and stops.
    await t.close();
    const fresh = await createTestApp({ clock, env });
    t = fresh;
    admin = client(t, keys.admin);
    dpo = client(t, keys.dpo);
    const [{ pending }] = await fresh.dataSource.query<{ pending: number }[]>(
      `SELECT count(*)::int AS pending FROM notice_job_item WHERE job_id = $1 AND state = 'pending'`,
      [body.id],
    );
    expect(pending).toBeGreaterThan(0); // it did stop mid-job

    await fresh.app.get(OutboxWorker).drain(60_000);
    const job = (await dpo.get(`/incidents/${incidentId}/notices/${body.id}`).expect(200)).body;
    expect(job).toMatchObject({ total: 30, done: 30, failed: 0, pending: 0, percentDone: 100 });
    const recipients = (await parsedMails()).map((m) => (m.to as { text: string }).text).sort();
    expect(recipients).toEqual(many.map((_, i) => `vakt${i}@kommune.example`).sort());
    const filings = (await dpo.get(`/incidents/${incidentId}/filings`).expect(200)).body;
    expect(filings).toHaveLength(30);
    const verify = (await admin.get('/audit/verify').expect(200)).body;
    expect(verify.ok).toBe(true);
  }, 180_000); // a bound for a loaded machine, not a timing
});
