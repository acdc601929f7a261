import type { Page } from 'playwright-core';
import { FixedClock } from '../../src/clock/clock';
import { controllerBody } from '../fixtures';
import { MailReceiver, startMailReceiver } from '../receivers';
import { createKey } from '../utils';
import { accessibilityViolations, browserSuite, DESKTOP, screenshot, signedInContext } from './harness';

// A real browser on a shared machine: more time than an API test, never a sleep.
jest.setTimeout(120_000);

/** A DPO's work on one incident: the walk-through, the risk decision, the notice previewed and sent, the authority form. */
describe('The DPO in a browser', () => {
  const clock = new FixedClock(new Date('2026-12-01T10:00:00Z'));
  let smtp: MailReceiver;
  let adminKey: string;

  const suite = browserSuite(async () => {
    smtp = await startMailReceiver();
    return {
      clock,
      env: {
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Breach Desk <breach@processor.example>',
        ORG_NAME: 'Processor AS',
        ORG_DPO_NAME: 'Per Ombud',
        ORG_DPO_EMAIL: 'personvern@processor.example',
      },
    };
  });
  afterAll(async () => {
    await smtp?.close();
  });
  beforeEach(async () => {
    adminKey = await createKey(suite.served.app, 'admin');
    smtp.mails.length = 0;
  });

  async function givenIncident(): Promise<{ id: string; reference: string }> {
    const controller = await suite.served
      .api()
      .post('/controllers')
      .set('Authorization', `Bearer ${adminKey}`)
      .send(controllerBody({ name: 'Fjord Kommune', agreementId: 'videonor' }))
      .expect(201);
    const incident = await suite.served
      .api()
      .post('/incidents')
      .set('Authorization', `Bearer ${adminKey}`)
      .send({
        title: 'Misdirected export',
        description: 'An export went to the wrong tenant',
        discoveredAt: '2026-12-01T09:00:00Z',
        breachTypes: ['confidentiality'],
        services: ['Export service'],
        controllerIds: [controller.body.id],
      })
      .expect(201);
    return incident.body as { id: string; reference: string };
  }

  /** Who is looking: one place per test, a DPO signed in. */
  async function pageAsDpo(): Promise<Page> {
    const { context } = await signedInContext(suite.browser, suite.served, {
      role: 'dpo',
      viewport: DESKTOP,
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.served.baseUrl });
    return context.newPage();
  }

  async function expectAccessible(page: Page, name: string, iframes = true): Promise<void> {
    expect(await accessibilityViolations(page, { iframes })).toEqual([]);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      DESKTOP.width,
    );
    await screenshot(page, name);
  }

  async function formOf(id: string): Promise<{
    phases: { key: string; status: string }[];
    fields: { key: string; state: string | null; value?: unknown }[];
  }> {
    return (
      await suite.served
        .api()
        .get(`/incidents/${id}/form`)
        .set('Authorization', `Bearer ${adminKey}`)
        .expect(200)
    ).body;
  }

  it('walks the phases: saves as it goes, names what is missing, completes the first phase', async () => {
    const incident = await givenIncident();
    const page = await pageAsDpo();
    await page.goto(`/ui/incidents/${incident.id}/walk-through`);
    await expectAccessible(page, 'walk-through-desktop');

    // Completing the scope phase now is refused, each missing field named beside it.
    const scopeComplete = page.locator('#phase-scope form.complete');
    await scopeComplete.getByRole('button').click();
    await scopeComplete
      .locator('[data-error-for="fields.natureOfBreach"]')
      .filter({ hasText: 'not answered' })
      .waitFor();

    const initial = page.locator('#phase-form-initial');
    const saved = () => initial.locator('[data-form-status]').filter({ hasText: 'Saved' }).waitFor();
    const discovery = initial.locator('[data-answer="discovery"]');
    await discovery.getByLabel('Known').check();
    await discovery.getByLabel('Value').fill('Our monitoring flagged the export.');
    await discovery.getByLabel('Value').blur();
    const what = initial.locator('[data-answer="whatHappened"]');
    await what.getByLabel('Known').check();
    await saved();
    await what.getByLabel('Value').fill('A scheduled export was sent to another tenant.');
    await what.getByLabel('Value').blur();
    await initial.locator('[data-missing-for="whatHappened"]').first().waitFor({ state: 'hidden' });
    const reporter = initial.locator('[data-answer="reporter"]');
    await reporter.getByLabel('Known').check();
    await reporter.getByLabel('Name').fill('Kari Vakt');
    await reporter.getByLabel('E-mail').fill('kari@processor.example');
    await reporter.getByLabel('E-mail').blur();
    for (const key of ['occurredSpan', 'ongoing']) {
      const answer = initial.locator(`[data-answer="${key}"]`);
      await answer.getByLabel('Unknown, to follow').check();
      // An unknown answer sends no value: its value inputs are hidden and skipped.
      expect(await answer.locator('[data-state-part="known"]').isHidden()).toBe(true);
    }
    await initial.locator('[data-missing-for="reporter"]').first().waitFor({ state: 'hidden' });
    // Saved as it goes: the last change reaches the API after the saves before it (the test's timeout bounds this).
    let answers = new Map<string, { state: string | null; value?: unknown }>();
    while (answers.get('ongoing')?.state !== 'unknown' || answers.get('occurredSpan')?.state !== 'unknown') {
      answers = new Map((await formOf(incident.id)).fields.map((f) => [f.key, f]));
    }
    expect(answers.get('whatHappened')).toMatchObject({
      state: 'known',
      value: 'A scheduled export was sent to another tenant.',
    });
    expect(answers.get('reporter')).toMatchObject({
      state: 'known',
      value: { name: 'Kari Vakt', email: 'kari@processor.example' },
    });
    expect(answers.get('ongoing')).toMatchObject({ state: 'unknown' });

    await Promise.all([
      page.waitForEvent('load'),
      page.locator('#phase-initial form.complete').getByRole('button').click(),
    ]);
    expect(await page.locator('[data-phase-status="initial"]').textContent()).toBe('complete');
    expect((await formOf(incident.id)).phases.find((p) => p.key === 'initial')!.status).toBe('complete');
    await page.context().close();
  });

  it('decides risk with the live ENISA band the server records, previews and e-mails the notice, and copies the authority form', async () => {
    const incident = await givenIncident();
    const page = await pageAsDpo();
    await page.goto(`/ui/incidents/${incident.id}/decisions`);
    const enisa = page.locator('[data-enisa]');
    await enisa.getByLabel('Data processing context (DPC)').selectOption('3');
    await enisa.getByLabel('Ease of identification (EI)').selectOption('0.75');
    await enisa.getByLabel('Loss of confidentiality').selectOption('0.5');
    await enisa.getByLabel('Loss of integrity').selectOption('0');
    await enisa.getByLabel('Loss of availability').selectOption('0');
    expect(await enisa.locator('[data-enisa-band]').getAttribute('data-band')).toBeNull();
    await enisa.getByLabel('Malicious intent').selectOption('true');
    // 3 × 0.75 + 0.5 + 0.5 = 3.25: high, computed in the page as the inputs change.
    expect(await enisa.locator('[data-enisa-score]').textContent()).toBe('3.25');
    const liveBand = await enisa.locator('[data-enisa-band]').getAttribute('data-band');
    expect(liveBand).toBe('high');
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Save the inputs' }).click(),
    ]);

    const risk = page.locator('form', { has: page.locator('input[name="kind"][value="risk"]') });
    // Refused without reasoning: the API names the field, nothing is recorded.
    await risk.getByLabel('high risk').check();
    await risk.getByRole('button').click();
    await risk.locator('[data-error-for="reasoning"]').filter({ hasText: /\S/ }).waitFor();
    await risk
      .getByLabel(/^Reasoning/)
      .fill('Sensitive exports read by another tenant; identification easy.');
    await Promise.all([page.waitForEvent('load'), risk.getByRole('button').click()]);
    const recorded = page.locator('tr[data-in-force="true"] [data-recorded-band]');
    expect(await recorded.getAttribute('data-recorded-band')).toBe(liveBand);
    const decisions = await suite.served
      .api()
      .get(`/incidents/${incident.id}/decisions`)
      .set('Authorization', `Bearer ${adminKey}`)
      .expect(200);
    expect(decisions.body).toEqual([
      expect.objectContaining({ value: 'high-risk', enisa: { score: 3.25, band: liveBand } }),
    ]);
    await expectAccessible(page, 'decisions-desktop');

    await page.goto(`/ui/incidents/${incident.id}/letters`);
    const notice = page.locator('[data-hop="processor-to-controller"]');
    // The preview is the API's own rendering in a sandboxed frame: the notice as it would be sent now.
    const frame = (await (await notice.locator('iframe.preview').elementHandle()).contentFrame())!;
    await frame.waitForLoadState();
    expect(await frame.content()).toContain(incident.reference);
    await expectAccessible(page, 'letters-desktop', false);
    const arrived = smtp.next();
    await notice.getByText('Send or record').click();
    await Promise.all([
      page.waitForEvent('load'),
      notice.getByRole('button', { name: 'Send the notice' }).click(),
    ]);
    await arrived;
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]).toContain(incident.reference);
    // The delivery is recorded after the mail server's answer: the page shows it once it is.
    const filingId = await notice.locator('[data-filing]').getAttribute('data-filing');
    for (let status = ''; status !== 'delivered';) {
      status = (
        await suite.served
          .api()
          .get(`/filings/${filingId}`)
          .set('Authorization', `Bearer ${adminKey}`)
          .expect(200)
      ).body.status;
    }
    await page.reload();
    expect(await notice.locator('[data-filing]').getAttribute('data-status')).toBe('delivered');
    expect(await notice.locator('ol.attempts li').first().textContent()).toContain('delivered');

    await page.goto(`/ui/incidents/${incident.id}/authority-form`);
    expect(await page.locator('.af-group h2').first().textContent()).toMatch(/^1\. /);
    const field = page.locator('[data-af-field]').first();
    await field.getByRole('button', { name: /Copy/ }).click();
    await page.locator('[data-copy-status]').filter({ hasText: 'Copied.' }).waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(
      (await field.locator('pre').textContent())!.trim(),
    );
    await expectAccessible(page, 'authority-form-desktop');
    await page.context().close();
  });
});
