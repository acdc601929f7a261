import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { FixedClock } from '../src/clock/clock';
import { OutboxWorker } from '../src/outbox/outbox.worker';
import { controllerBody, incidentBody } from './fixtures';
import { MailReceiver, startMailReceiver, startWebhookReceiver, WebhookReceiver } from './receivers';
import { client, Client, createKey, createTestApp, resetDatabase, TestApp } from './utils';
// pdf-parse's index runs a self-test when required without a parent; its library file does not.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (data: Buffer) => Promise<{ text: string }>;

const NOW = '2026-11-22T09:00:00.000Z';

describe('filings: letters per agreement, delivery and acknowledgement', () => {
  const clock = new FixedClock(new Date(NOW));
  /** Status codes the webhook receiver answers with, in turn; then 200. */
  const hookReplies: number[] = [];
  let webhook: WebhookReceiver;
  let webhookUrl: string;
  let smtp: MailReceiver;
  let t: TestApp;
  let admin: Client;
  let dpo: Client;
  let fjord: { id: string };
  let dotnet: { id: string };
  let karlsruhe: { id: string };

  beforeAll(async () => {
    webhook = await startWebhookReceiver({ reply: () => hookReplies.shift() ?? 200 });
    webhookUrl = `${webhook.origin}/breach-notices`;
    smtp = await startMailReceiver();
    t = await createTestApp({
      clock,
      env: {
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Breach Desk <breach@processor.example>',
        DELIVERY_MAX_ATTEMPTS: '3',
        DELIVERY_BACKOFF_MS: '20',
        ORG_DPO_NAME: 'Per Ombud',
        ORG_DPO_EMAIL: 'personvern@processor.example',
        ORG_BREACH_EMAIL: 'avvik@processor.example',
        ORG_BREACH_PHONE: '+47 21 00 00 00',
      },
    });
  });
  beforeEach(async () => {
    clock.set(NOW);
    await resetDatabase(t.app);
    webhook.requests.length = 0;
    hookReplies.length = 0;
    smtp.mails.length = 0;
    admin = client(t, await createKey(t.app, 'admin'));
    dpo = client(t, await createKey(t.app, 'dpo'));
    fjord = (
      await admin
        .post('/controllers')
        .send(controllerBody({ name: 'Fjord Kommune', webhookUrl }))
        .expect(201)
    ).body;
    dotnet = (
      await admin
        .post('/controllers')
        .send(controllerBody({ name: 'Nordlys AS', agreementId: 'dotnet-internals', language: 'en' }))
        .expect(201)
    ).body;
    karlsruhe = (
      await admin
        .post('/controllers')
        .send(
          controllerBody({
            name: 'Karlsruher Schule',
            country: 'DE',
            authorityId: 'de-bw-lfdi',
            agreementId: 'alfaview',
            language: 'de',
            timeZone: 'Europe/Berlin',
          }),
        )
        .expect(201)
    ).body;
  });
  afterAll(async () => {
    await t.app.get(OutboxWorker).drain();
    await t.close();
    await webhook.close();
    await smtp.close();
  });

  const settled = () => t.app.get(OutboxWorker).drain();
  async function incidentFor(controllerId: string) {
    const body = (
      await dpo
        .post('/incidents')
        .send(incidentBody({ controllerIds: [controllerId] }))
        .expect(201)
    ).body;
    const find = (hop: string) => body.obligations.find((o: { hop: string }) => o.hop === hop);
    return {
      id: body.id as string,
      p2c: find('processor-to-controller'),
      c2a: find('controller-to-authority'),
    };
  }
  const fileOn = (incidentId: string, obligationId: string, body: Record<string, unknown>) =>
    dpo.post(`/incidents/${incidentId}/obligations/${obligationId}/filings`).send(body);

  it('e-mails the controller notice with the PDF attached; delivery meets the obligation and starts the controller’s 72 h', async () => {
    const inc = await incidentFor(fjord.id);
    clock.set('2026-11-22T10:00:00Z');
    const { status, body } = await fileOn(inc.id, inc.p2c.id, { phase: 'initial', channel: 'email' });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      kind: 'controller-notice',
      phase: 'initial',
      language: 'nb',
      channel: 'email',
      recipient: 'vakt@fjord.example',
    });
    expect(body.documents.map((d: { format: string }) => d.format)).toEqual(['html', 'txt', 'pdf', 'json']);
    await settled();

    const filing = (await dpo.get(`/filings/${body.id}`)).body;
    expect(filing).toMatchObject({
      status: 'delivered',
      deliveredAt: '2026-11-22T10:00:00.000Z',
      attempts: [{ attempt: 1, ok: true }],
    });
    expect(smtp.mails).toHaveLength(1);
    const mail = await simpleParser(smtp.mails[0]);
    expect(mail.to).toMatchObject({ text: 'vakt@fjord.example' });
    expect(mail.subject).toBe('[BR-2026-0001] Varsel om brudd på personopplysningssikkerheten');
    expect(mail.text).toContain('Første varsel');
    expect(mail.html).toContain('<h1>Varsel om brudd på personopplysningssikkerheten</h1>');
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['BR-2026-0001-controller-notice-initial.pdf', 'application/pdf'],
    ]);
    const pdf = filing.documents.find((d: { format: string }) => d.format === 'pdf');
    expect(createHash('sha256').update(mail.attachments[0].content).digest('hex')).toBe(pdf.sha256);

    const obligations = (await dpo.get(`/incidents/${inc.id}`)).body.obligations;
    expect(obligations.find((o: { hop: string }) => o.hop === 'processor-to-controller')).toMatchObject({
      status: 'met',
      metAt: '2026-11-22T10:00:00.000Z',
    });
    expect(obligations.find((o: { hop: string }) => o.hop === 'controller-to-authority')).toMatchObject({
      status: 'open',
      anchorAt: '2026-11-22T10:00:00.000Z',
      dueAt: '2026-11-25T10:00:00.000Z',
      anchorReason: expect.stringContaining('delivered by email'),
    });
  });

  it('previews a notice as it would be filed now, storing and sending nothing', async () => {
    const inc = await incidentFor(fjord.id);
    const preview = await dpo
      .get(`/incidents/${inc.id}/obligations/${inc.p2c.id}/preview.html?phase=initial&language=en`)
      .expect(200);
    expect(preview.type).toBe('text/html');
    expect(preview.text).toContain('lang="en"');
    const json = await dpo
      .get(`/incidents/${inc.id}/obligations/${inc.p2c.id}/preview.json?phase=initial`)
      .expect(200);
    // The language file would choose: the one the controller signed.
    expect(JSON.parse(json.text)).toMatchObject({ language: 'nb' });
    const bad = await dpo
      .get(`/incidents/${inc.id}/obligations/${inc.p2c.id}/preview.html?phase=initial&language=sv`)
      .expect(422);
    expect(bad.body.details).toEqual([{ field: 'language', messages: [expect.stringContaining('en, nb')] }]);
    await dpo.get(`/incidents/${inc.id}/obligations/${inc.p2c.id}/preview.html`).expect(400);
    const responder = client(t, await createKey(t.app, 'responder'));
    await responder
      .get(`/incidents/${inc.id}/obligations/${inc.p2c.id}/preview.html?phase=initial`)
      .expect(403);
    expect((await dpo.get(`/incidents/${inc.id}/filings`).expect(200)).body).toEqual([]);
    await settled();
    expect(smtp.mails).toHaveLength(0);
  });

  it('stores each document exactly as sent, with its sha256, and the database keeps it so', async () => {
    const inc = await incidentFor(fjord.id);
    const { body } = await fileOn(inc.id, inc.p2c.id, {
      phase: 'initial',
      channel: 'manual',
      sentBy: 'Kari Vakt',
      via: 'phone',
    });
    for (const d of body.documents as {
      format: string;
      sha256: string;
      contentType: string;
      href: string;
    }[]) {
      const res = await dpo
        .get(d.href)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(d.contentType);
      expect(
        createHash('sha256')
          .update(res.body as Buffer)
          .digest('hex'),
      ).toBe(d.sha256);
    }
    expect((await dpo.get(`/filings/${body.id}/document.xml`)).status).toBe(400);
    await expect(
      t.dataSource.query(`UPDATE filing_document SET content = 'x' WHERE filing_id = $1`, [body.id]),
    ).rejects.toThrow(/append-only/);
  });

  it('posts the JSON notice to the webhook, signed, retrying with backoff; the notice validates against the published schema', async () => {
    const { secret } = (await admin.post(`/controllers/${fjord.id}/webhook-secret`).expect(201)).body;
    expect(secret).toMatch(/^whsec_/);
    expect(JSON.stringify((await admin.get(`/controllers/${fjord.id}`)).body)).not.toContain(secret);
    const inc = await incidentFor(fjord.id);
    hookReplies.push(503);
    const { body } = await fileOn(inc.id, inc.p2c.id, {
      phase: 'initial',
      channel: 'webhook',
      language: 'en',
    });
    await settled();

    const filing = (await dpo.get(`/filings/${body.id}`)).body;
    expect(filing.status).toBe('delivered');
    expect(filing.attempts.map((a: { ok: boolean; detail: string }) => [a.ok, a.detail])).toEqual([
      [false, 'HTTP 503'],
      [true, 'HTTP 200'],
    ]);
    expect(webhook.requests).toHaveLength(2);
    const { headers, body: raw } = webhook.requests[1];
    const [, ts, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(headers['x-breach-desk-signature'] as string)!;
    expect(createHmac('sha256', secret).update(`${ts}.${raw}`).digest('hex')).toBe(v1);
    expect(createHmac('sha256', 'wrong').update(`${ts}.${raw}`).digest('hex')).not.toBe(v1);
    expect(headers['x-breach-desk-notice-id']).toBe(body.id);

    const schema = (await t.api().get('/schemas/breach-notice-v1.json').expect(200)).body;
    const ajv = new Ajv2020({ allErrors: true });
    addFormats(ajv);
    const notice = JSON.parse(raw);
    expect(ajv.validate(schema, notice)).toBe(true);
    expect(notice).toMatchObject({
      schema: 'breach-notice-v1',
      noticeId: body.id,
      kind: 'controller-notice',
      language: 'en',
      agreement: { id: 'videonor', breachNoticeClause: '5.6' },
    });
    expect(notice.toFollow).toEqual(expect.arrayContaining(['natureOfBreach', 'likelyConsequences']));
  });

  it('marks a delivery failed after its last attempt, and the obligation stays open', async () => {
    await admin.post(`/controllers/${fjord.id}/webhook-secret`).expect(201);
    const inc = await incidentFor(fjord.id);
    hookReplies.push(500, 500, 500);
    const { body } = await fileOn(inc.id, inc.p2c.id, { phase: 'initial', channel: 'webhook' });
    await settled();
    const filing = (await dpo.get(`/filings/${body.id}`)).body;
    expect(filing.status).toBe('failed');
    expect(filing.attempts).toHaveLength(3);
    const p2c = (await dpo.get(`/incidents/${inc.id}/obligations/${inc.p2c.id}`)).body;
    expect(p2c.status).toBe('open');
    // The failure shows where people look: on the obligation in the incident, and in the on-call view.
    const failed = [
      expect.objectContaining({
        deliveryId: body.id,
        kind: 'breach-notice',
        channel: 'webhook',
        attempts: 3,
      }),
    ];
    expect(p2c.failedDeliveries).toEqual(failed);
    const incident = (await dpo.get(`/incidents/${inc.id}`)).body;
    expect(incident.obligations.find((o: { id: string }) => o.id === inc.p2c.id).failedDeliveries).toEqual(
      failed,
    );
    const onCall = (await dpo.get('/deadlines')).body as { id: string; failedDeliveries: unknown[] }[];
    expect(onCall.find((d) => d.id === inc.p2c.id)!.failedDeliveries).toEqual(failed);
  });

  it('needs sentBy and via for a manual filing, and the reasons for a delay after the due time', async () => {
    const inc = await incidentFor(fjord.id);
    const unnamed = await fileOn(inc.id, inc.p2c.id, { phase: 'initial', channel: 'manual' });
    expect(unnamed.status).toBe(422);
    expect(unnamed.body.details.map((d: { field: string }) => d.field)).toEqual(['sentBy', 'via']);

    clock.set('2026-11-23T12:00:00Z'); // Videonor's 24 h target ran out at 08:12Z
    const late = await fileOn(inc.id, inc.p2c.id, {
      phase: 'initial',
      channel: 'manual',
      sentBy: 'Kari Vakt',
      via: 'phone',
    });
    expect(late.status).toBe(422);
    expect(late.body.details).toEqual([{ field: 'reasonsForDelay', messages: [expect.any(String)] }]);
    const withReasons = await fileOn(inc.id, inc.p2c.id, {
      phase: 'initial',
      channel: 'manual',
      sentBy: 'Kari Vakt',
      via: 'phone',
      reasonsForDelay: 'The breach reached us through a sub-processor only this morning',
    });
    expect(withReasons.status).toBe(201);
    expect(withReasons.body).toMatchObject({ status: 'delivered', deliveredAt: '2026-11-23T12:00:00.000Z' });
    const p2c = (await dpo.get(`/incidents/${inc.id}/obligations/${inc.p2c.id}`)).body;
    expect(p2c).toMatchObject({
      status: 'met-late',
      reasonsForDelay: 'The breach reached us through a sub-processor only this morning',
    });
    const txt = (await dpo.get(`/filings/${withReasons.body.id}/document.txt`)).text;
    expect(txt).toContain('Begrunnelse for forsinkelsen');
  });

  it('lists what changed in a follow-up, and keeps the phases in order', async () => {
    const inc = await incidentFor(dotnet.id);
    expect(
      (
        await fileOn(inc.id, inc.p2c.id, {
          phase: 'follow-up',
          channel: 'manual',
          sentBy: 'Kari',
          via: 'post',
        })
      ).status,
    ).toBe(409);
    await fileOn(inc.id, inc.p2c.id, {
      phase: 'initial',
      channel: 'manual',
      sentBy: 'Kari',
      via: 'post',
    }).expect(201);
    expect(
      (await fileOn(inc.id, inc.p2c.id, { phase: 'initial', channel: 'manual', sentBy: 'Kari', via: 'post' }))
        .status,
    ).toBe(409);
    await dpo
      .put(`/incidents/${inc.id}/form/scope`)
      .send({
        fields: {
          natureOfBreach: { state: 'known', value: 'A forwarding rule sent exports to an outside mailbox' },
        },
      })
      .expect(200);
    const followUp = await fileOn(inc.id, inc.p2c.id, {
      phase: 'follow-up',
      channel: 'manual',
      sentBy: 'Kari',
      via: 'post',
    });
    expect(followUp.status).toBe(201);
    const txt = (await dpo.get(`/filings/${followUp.body.id}/document.txt`)).text;
    expect(txt).toContain('What has changed since our previous notice');
    expect(txt).toContain(
      'Nature of the breach: its cause and how it arose: before "Unknown – to follow", now "A forwarding rule sent exports to an outside mailbox"',
    );
    const final = await fileOn(inc.id, inc.p2c.id, {
      phase: 'final',
      channel: 'manual',
      sentBy: 'Kari',
      via: 'post',
    });
    expect((await dpo.get(`/filings/${final.body.id}/document.txt`)).text).toContain(
      'This is our final notice',
    );
  });

  it('writes each notice in a language it may be written in', async () => {
    const inc = await incidentFor(fjord.id);
    const german = await fileOn(inc.id, inc.p2c.id, {
      phase: 'initial',
      channel: 'manual',
      sentBy: 'Kari',
      via: 'post',
      language: 'de',
    });
    expect(german.status).toBe(422);
    expect(german.body.details).toEqual([
      { field: 'language', messages: [expect.stringContaining('en, nb')] },
    ]);
    const de = await incidentFor(karlsruhe.id);
    const ok = await fileOn(de.id, de.p2c.id, {
      phase: 'initial',
      channel: 'manual',
      sentBy: 'Kari',
      via: 'post',
    });
    expect(ok.body.language).toBe('de');
    expect((await dpo.get(`/filings/${ok.body.id}/document.txt`)).text).toContain(
      'Unbekannt – wird nachgereicht',
    );
  });

  const documents = async (filingId: string) => {
    const get = async (format: string) => {
      const res = await dpo
        .get(`/filings/${filingId}/document.${format}`)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      return res.body as Buffer;
    };
    return {
      html: (await get('html')).toString('utf8'),
      txt: (await get('txt')).toString('utf8'),
      pdf: (await pdfParse(await get('pdf'))).text.replace(/\s+/g, ' '),
      json: JSON.parse((await get('json')).toString('utf8')) as {
        language: string;
        issuedAt: string;
        reasonsForDelay: string | null;
        processor: { breachContact?: Record<string, string> };
        content: { key: string; state: string; value?: unknown; text: string }[];
      },
    };
  };
  const givenDanishController = async () =>
    (
      await admin
        .post('/controllers')
        .send(
          controllerBody({
            name: 'Fjord Kommune DK',
            country: 'DK',
            authorityId: 'dk-datatilsynet',
            timeZone: 'Europe/Copenhagen',
            language: 'en',
          }),
        )
        .expect(201)
    ).body as { id: string };

  describe('what a notice says', () => {
    it('gives the reasons for a late authority notification in every format (Art. 33(1)), in the authority’s language', async () => {
      const dk = await givenDanishController();
      const inc = await incidentFor(dk.id);
      await dpo
        .post(`/incidents/${inc.id}/obligations/${inc.c2a.id}/anchor`)
        .send({ anchorAt: '2026-11-22T08:30:00Z', reason: 'Notice read' })
        .expect(200);
      clock.set('2026-11-26T09:00:00Z');
      const manual = { phase: 'initial', channel: 'manual', sentBy: 'Kari', via: 'portal' };
      expect((await fileOn(inc.id, inc.c2a.id, manual)).status).toBe(422);
      const reasons = 'Omfanget tog fire dage at fastslå';
      const { status, body } = await fileOn(inc.id, inc.c2a.id, { ...manual, reasonsForDelay: reasons });
      expect(status).toBe(201);
      expect(body).toMatchObject({ kind: 'authority-notification', language: 'da' });

      const d = await documents(body.id);
      const label = 'Begrundelse for forsinkelsen, hvis anmeldelsen sker efter 72 timer';
      expect(d.txt).toContain(`${label}:\n  ${reasons}`);
      expect(d.txt).toContain('== Begrundelse for forsinkelse (art. 33, stk. 1) ==');
      expect(d.html).toContain(reasons);
      expect(d.pdf).toContain(reasons);
      expect(d.json.reasonsForDelay).toBe(reasons);
      expect(d.json.content.find((f) => f.key === 'reasonsForDelay')).toMatchObject({
        state: 'known',
        value: reasons,
        text: reasons,
      });
    });

    it('says the reasons are to follow in a late authority notification that gives none', async () => {
      const inc = await incidentFor(fjord.id);
      await dpo
        .post(`/incidents/${inc.id}/obligations/${inc.c2a.id}/anchor`)
        .send({ anchorAt: '2026-11-22T08:30:00Z', reason: 'Notice read' })
        .expect(200);
      clock.set('2026-11-26T09:00:00Z');
      // By e-mail the notification does not meet the obligation, so nothing refused it for want of reasons.
      const { body } = await fileOn(inc.id, inc.c2a.id, { phase: 'initial', channel: 'email' }).expect(201);
      await settled();
      const d = await documents(body.id);
      expect(d.txt).toContain(
        'Begrunnelse for forsinkelsen, dersom meldingen kommer etter 72 timer:\n  Ukjent – ettersendes',
      );
      expect(d.json.content.find((f) => f.key === 'reasonsForDelay')).toMatchObject({ state: 'unknown' });
      expect(d.json.reasonsForDelay).toBeNull();
    });

    it('names us as the contact point to the controller, and the controller’s DPO to its authority and data subjects', async () => {
      const inc = await incidentFor(dotnet.id);
      const notice = await fileOn(inc.id, inc.p2c.id, {
        phase: 'initial',
        channel: 'manual',
        sentBy: 'Kari',
        via: 'post',
      }).expect(201);
      const ours = await documents(notice.body.id);
      // Appendix C.8's phone comes before the configured one; the rest is configured once for the organisation.
      expect(ours.txt).toContain(
        'Dotnet Internals AS – data protection officer: Per Ombud, personvern@processor.example; breach contact: avvik@processor.example, 63 01 67 10',
      );
      expect(ours.txt).not.toMatch(/contact point:\n {2}Unknown – to follow/);
      expect(ours.json.processor.breachContact).toEqual({
        email: 'avvik@processor.example',
        phone: '63 01 67 10',
      });

      const own = await incidentFor(fjord.id);
      await dpo
        .post(`/incidents/${own.id}/decisions`)
        .send({ kind: 'risk', value: 'high-risk', reasoning: 'National identity numbers exposed' })
        .expect(201);
      const c2ds = (await dpo.get(`/incidents/${own.id}`)).body.obligations.find(
        (o: { hop: string }) => o.hop === 'controller-to-data-subjects',
      );
      for (const obligationId of [own.c2a.id, c2ds.id]) {
        const filed = await fileOn(own.id, obligationId, {
          phase: 'initial',
          channel: 'manual',
          sentBy: 'Kari',
          via: 'post',
        }).expect(201);
        const d = await documents(filed.body.id);
        expect(d.txt).toContain('Ola Personvern, personvern@fjord.example');
        expect(d.txt).not.toContain('Per Ombud');
      }
    });

    it('writes instants as the reader’s language does, in the reader’s zone with the offset; the JSON keeps ISO 8601', async () => {
      const inc = await incidentFor(fjord.id);
      clock.set('2026-12-01T07:51:00Z');
      const { body } = await fileOn(inc.id, inc.p2c.id, {
        phase: 'initial',
        channel: 'manual',
        sentBy: 'Kari',
        via: 'post',
        reasonsForDelay: 'Late',
      }).expect(201);
      const d = await documents(body.id);
      for (const out of [d.txt, d.html, d.pdf]) {
        expect(out).toContain('1. desember 2026 kl. 08.51 (UTC+01:00)');
        expect(out).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
      }
      expect(d.json.issuedAt).toBe('2026-12-01T07:51:00.000Z');
    });

    it('writes a notice to the data subjects in any of our languages, by default that of the controller’s country', async () => {
      const dk = await givenDanishController();
      const inc = await incidentFor(dk.id);
      await dpo
        .post(`/incidents/${inc.id}/decisions`)
        .send({ kind: 'risk', value: 'high-risk', reasoning: 'CPR numbers exposed' })
        .expect(201);
      const c2ds = (await dpo.get(`/incidents/${inc.id}`)).body.obligations.find(
        (o: { hop: string }) => o.hop === 'controller-to-data-subjects',
      );
      const manual = { phase: 'initial', channel: 'manual', sentBy: 'Kari', via: 'post' };
      const danish = await fileOn(inc.id, c2ds.id, manual).expect(201);
      expect(danish.body.language).toBe('da');
      const d = await documents(danish.body.id);
      expect(d.txt).toContain('Vigtig information om dine personoplysninger');
      expect(d.txt).toContain('22. november 2026 kl. 09.00 (UTC+01:00)'); // discovered, Copenhagen time
      expect(d.txt).not.toMatch(/\d{4}-\d{2}-\d{2}T/); // plain language: no ISO 8601 (Art. 34(2))
      const swedish = await fileOn(inc.id, c2ds.id, { ...manual, phase: 'follow-up', language: 'sv' }).expect(
        201,
      );
      expect((await documents(swedish.body.id)).txt).toContain('Viktig information om dina personuppgifter');
    });

    it('relies on no Art. 34(3) exception a later decision superseded', async () => {
      const inc = await incidentFor(fjord.id);
      const decide = (b: Record<string, unknown>) =>
        dpo.post(`/incidents/${inc.id}/decisions`).send(b).expect(201);
      await decide({ kind: 'risk', value: 'high-risk', reasoning: 'National identity numbers exposed' });
      await decide({ kind: 'art34-exception', value: 'unintelligible', reasoning: 'AES-256 at rest' });
      await decide({ kind: 'risk', value: 'high-risk', reasoning: 'The key leaked as well' });
      const { body } = await fileOn(inc.id, inc.c2a.id, {
        phase: 'initial',
        channel: 'manual',
        sentBy: 'Kari',
        via: 'portal',
      }).expect(201);
      const d = await documents(body.id);
      expect(d.txt).toContain('Unntak etter art. 34(3):\n  Ingen');
      expect(d.txt).toContain('høy risiko: The key leaked as well');
      for (const out of [d.txt, d.html, d.pdf, JSON.stringify(d.json)]) expect(out).not.toContain('AES-256');
    });
  });

  describe('agreement rules: communicating on the controller’s behalf', () => {
    it('Dotnet Internals 8.4: nothing to the authority without the controller’s recorded instruction', async () => {
      const inc = await incidentFor(dotnet.id);
      const refused = await fileOn(inc.id, inc.c2a.id, {
        phase: 'initial',
        channel: 'manual',
        sentBy: 'Kari',
        via: 'portal',
      });
      expect(refused.status).toBe(409);
      expect(refused.body.message).toContain('Clause 8.4');

      await dpo
        .post(`/controllers/${dotnet.id}/instructions`)
        .send({
          scope: 'authority-notification',
          givenBy: 'Nordlys DPO',
          givenAt: '2026-11-22T09:30:00+01:00',
          reference: 'E-mail 2026-11-22 09:30',
        })
        .expect(201);
      const allowed = await fileOn(inc.id, inc.c2a.id, {
        phase: 'initial',
        channel: 'manual',
        sentBy: 'Kari',
        via: 'portal',
        language: 'nb',
      });
      expect(allowed.status).toBe(201);
      expect(allowed.body.kind).toBe('authority-notification');
      expect((await dpo.get(`/controllers/${dotnet.id}/instructions`)).body).toHaveLength(1);
    });

    it('alfaview Clause 5: the notice to the controller is owed only when the Art. 33/34 conditions are met', async () => {
      const inc = await incidentFor(karlsruhe.id);
      expect(inc.p2c).toMatchObject({ dueOnlyIf: 'art33-34-conditions', agreement: { id: 'alfaview' } });
      expect(inc.c2a.dueOnlyIf).toBeNull();
      const other = await incidentFor(fjord.id);
      expect(other.p2c.dueOnlyIf).toBeNull();
    });

    it('alfaview Clause 5: while "no risk" is in force no letter says the Art. 33/34 conditions are met; Art. 33(2) is the basis', async () => {
      const inc = await incidentFor(karlsruhe.id);
      await dpo
        .post(`/incidents/${inc.id}/decisions`)
        .send({ kind: 'risk', value: 'no-risk', reasoning: 'Only pseudonymous meeting IDs' })
        .expect(201);
      const manual = { channel: 'manual', sentBy: 'Kari', via: 'post' };
      const first = await fileOn(inc.id, inc.p2c.id, { ...manual, phase: 'initial' }).expect(201);
      const met = 'weil die Voraussetzungen der Art. 33 und 34 DS-GVO erfüllt sind';
      let d = await documents(first.body.id);
      for (const out of [d.txt, d.html, d.pdf]) {
        expect(out).not.toContain(met);
        expect(out).toContain('verpflichtet den Auftragsverarbeiter, dem Verantwortlichen jede Verletzung');
      }
      // Reversed: now the conditions are met, and the next notice says so.
      await dpo
        .post(`/incidents/${inc.id}/decisions`)
        .send({ kind: 'risk', value: 'risk', reasoning: 'The IDs can be linked to the school’s pupils' })
        .expect(201);
      const next = await fileOn(inc.id, inc.p2c.id, { ...manual, phase: 'follow-up' }).expect(201);
      d = await documents(next.body.id);
      expect(d.txt).toContain(met);
      expect(d.txt).not.toContain('Art. 33 Abs. 2 DS-GVO verpflichtet');
    });

    it('alfaview Clause 5: the same for the data subjects; the controller key itself may file', async () => {
      const inc = await incidentFor(karlsruhe.id);
      await dpo
        .post(`/incidents/${inc.id}/decisions`)
        .send({ kind: 'risk', value: 'high-risk', reasoning: 'Video recordings exposed' })
        .expect(201);
      const c2ds = (await dpo.get(`/incidents/${inc.id}`)).body.obligations.find(
        (o: { hop: string }) => o.hop === 'controller-to-data-subjects',
      );
      const refused = await fileOn(inc.id, c2ds.id, {
        phase: 'initial',
        channel: 'manual',
        sentBy: 'Kari',
        via: 'post',
      });
      expect(refused.status).toBe(409);
      expect(refused.body.message).toContain('Clause 5');
      const mine = client(t, await createKey(t.app, 'controller', karlsruhe.id));
      const own = await mine
        .post(`/incidents/${inc.id}/obligations/${c2ds.id}/filings`)
        .send({ phase: 'initial', channel: 'manual', sentBy: 'Schulleitung', via: 'post' });
      expect(own.status).toBe(201);
      expect(own.body.kind).toBe('data-subject-notice');
    });
  });

  describe('POST /notices/:filingId/ack', () => {
    it('records receipt; if nothing set the controller’s awareness yet, it does', async () => {
      await admin.post(`/controllers/${fjord.id}/webhook-secret`).expect(201);
      const inc = await incidentFor(fjord.id);
      hookReplies.push(500, 500, 500);
      const filed = (await fileOn(inc.id, inc.p2c.id, { phase: 'initial', channel: 'webhook' })).body;
      await settled();
      const mine = client(t, await createKey(t.app, 'controller', fjord.id));
      clock.set('2026-11-22T11:30:00Z');
      const { status, body } = await mine.post(`/notices/${filed.id}/ack`);
      expect(status).toBe(200);
      expect(body.acknowledgedAt).toBe('2026-11-22T11:30:00.000Z');
      const c2a = (await dpo.get(`/incidents/${inc.id}/obligations/${inc.c2a.id}`)).body;
      expect(c2a).toMatchObject({
        status: 'open',
        anchorAt: '2026-11-22T11:30:00.000Z',
        dueAt: '2026-11-25T11:30:00.000Z',
      });
      clock.set('2026-11-22T12:00:00Z');
      expect((await mine.post(`/notices/${filed.id}/ack`)).body.acknowledgedAt).toBe(
        '2026-11-22T11:30:00.000Z',
      );
    });

    it('is the controller’s own: another controller’s notice is not found, and staff keys may not', async () => {
      const inc = await incidentFor(fjord.id);
      const filed = (
        await fileOn(inc.id, inc.p2c.id, { phase: 'initial', channel: 'manual', sentBy: 'Kari', via: 'post' })
      ).body;
      const other = client(t, await createKey(t.app, 'controller', dotnet.id));
      expect((await other.post(`/notices/${filed.id}/ack`)).status).toBe(404);
      expect((await other.get(`/filings/${filed.id}`)).status).toBe(404);
      expect((await other.post(`/notices/${randomUUID()}/ack`)).status).toBe(404);
      expect((await dpo.post(`/notices/${filed.id}/ack`)).status).toBe(403);
    });
  });

  describe('assistance', () => {
    it('logs time per incident and totals it per controller, CSV too', async () => {
      const a = await incidentFor(fjord.id);
      const b = await incidentFor(fjord.id);
      await dpo
        .post(`/incidents/${a.id}/assistance`)
        .send({ controllerId: fjord.id, minutes: 90, description: 'Collected relay logs' })
        .expect(201);
      await dpo
        .post(`/incidents/${a.id}/assistance`)
        .send({ controllerId: fjord.id, minutes: 30, description: '=call with DPO' })
        .expect(201);
      await dpo
        .post(`/incidents/${b.id}/assistance`)
        .send({ controllerId: fjord.id, minutes: 45, description: 'Drafted notice' })
        .expect(201);
      const notAffected = await dpo
        .post(`/incidents/${a.id}/assistance`)
        .send({ controllerId: dotnet.id, minutes: 5, description: 'x' });
      expect(notAffected.status).toBe(422);

      const { body } = await dpo.get(
        `/controllers/${fjord.id}/assistance?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z`,
      );
      expect(body).toMatchObject({ billing: 'hourly-rates', billingClause: '5.6', totalMinutes: 165 });
      expect(
        body.incidents.map((i: { reference: string; minutes: number }) => [i.reference, i.minutes]),
      ).toEqual([
        ['BR-2026-0001', 120],
        ['BR-2026-0002', 45],
      ]);
      const csv = (await dpo.get(`/controllers/${fjord.id}/assistance?format=csv`)).text;
      expect(csv).toContain(`"'=call with DPO"`);
      expect(csv.trim().split('\r\n').at(-1)).toBe('"total","","","165","","","hourly-rates"');
      const mine = client(t, await createKey(t.app, 'controller', dotnet.id));
      expect((await mine.get(`/controllers/${fjord.id}/assistance`)).status).toBe(404);
    });
  });
});
