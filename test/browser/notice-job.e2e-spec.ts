import { FixedClock } from '../../src/clock/clock';
import { controllerBody } from '../fixtures';
import { MailReceiver, startMailReceiver } from '../receivers';
import { createKey } from '../utils';
import { accessibilityViolations, browserSuite, DESKTOP, screenshot, signedInContext } from './harness';

/** The notice to every controller of an incident at once, started from its letters page, its progress followed. */
// A real browser on a shared machine: more time than an API test, never a sleep.
jest.setTimeout(120_000);

describe('A notice job in a browser', () => {
  const clock = new FixedClock(new Date('2026-12-01T10:00:00Z'));
  let smtp: MailReceiver;
  let adminKey: string;

  const suite = browserSuite(async () => {
    smtp = await startMailReceiver();
    return { clock, env: { SMTP_URL: smtp.url, MAIL_FROM: 'Breach Desk <breach@processor.example>' } };
  });
  afterAll(async () => {
    await smtp?.close();
  });
  beforeEach(async () => {
    adminKey = await createKey(suite.served.app, 'admin');
    smtp.mails.length = 0;
    smtp.recipients.length = 0;
  });

  async function givenIncidentOf(names: string[]): Promise<{ id: string }> {
    const ids = [];
    for (const [i, name] of names.entries()) {
      const res = await suite.served
        .api()
        .post('/controllers')
        .set('Authorization', `Bearer ${adminKey}`)
        .send(
          controllerBody({
            name,
            agreementId: i % 2 ? 'dotnet-internals' : 'videonor',
            language: i % 2 ? 'en' : 'nb',
            breachContact: { name: 'On call', email: `oncall${i}@controller.example` },
          }),
        )
        .expect(201);
      ids.push(res.body.id as string);
    }
    const incident = await suite.served
      .api()
      .post('/incidents')
      .set('Authorization', `Bearer ${adminKey}`)
      .send({
        title: 'Shared platform: recordings exposed',
        description: 'A bucket of the shared platform was world-readable.',
        discoveredAt: '2026-12-01T09:00:00Z',
        breachTypes: ['confidentiality'],
        controllerIds: ids,
      })
      .expect(201);
    return incident.body as { id: string };
  }

  it('a DPO gives the initial notice to every controller with one button and sees the bar reach done', async () => {
    const incident = await givenIncidentOf(['Fjord Kommune', 'Nordlys AS', 'Vik Kommune']);
    const { page } = await signedInContext(suite.browser, suite.served, { role: 'dpo', viewport: DESKTOP });
    await page.goto(`/ui/incidents/${incident.id}/letters`);
    const section = page.getByRole('region', { name: 'Every controller at once' });
    await section.getByLabel('Notice', { exact: true }).selectOption('controller-notice');
    await section.getByLabel('Phase').selectOption('initial');
    await section.getByRole('button', { name: 'Give the notice to every controller' }).click();

    const progress = page.locator('#job-progress');
    await page.locator('#job-progress[data-job-settled="true"]').waitFor();
    expect(
      await progress.locator('progress').evaluate((el) => (el as unknown as { value: number }).value),
    ).toBe(100);
    expect(await progress.locator('[data-job-summary]').textContent()).toBe(
      'Finished: nothing more happens by itself: 3 of 3 done, 0 failed, 0 waiting for an instruction, 0 under way',
    );
    expect(await progress.locator('[data-job-list]').evaluateAll((els) => els.map((e) => e.hidden))).toEqual([
      true,
      true,
    ]);
    expect([...smtp.recipients].sort()).toEqual([
      'oncall0@controller.example',
      'oncall1@controller.example',
      'oncall2@controller.example',
    ]);
    expect(await accessibilityViolations(page, { iframes: false })).toEqual([]);
    await screenshot(page, 'notice-job-desktop');

    // Back on the page later, it shows the latest job where it stands.
    await page.reload();
    expect(await progress.isVisible()).toBe(true);
    expect(await progress.locator('.pct').textContent()).toBe('100%');
  });

  it('lists the controllers that wait for their instruction, by name, with the clause that says why', async () => {
    const incident = await givenIncidentOf(['Fjord Kommune', 'Nordlys AS']);
    const { page } = await signedInContext(suite.browser, suite.served, { role: 'dpo', viewport: DESKTOP });
    await page.goto(`/ui/incidents/${incident.id}/letters`);
    const section = page.getByRole('region', { name: 'Every controller at once' });
    await section.getByLabel('Notice', { exact: true }).selectOption('authority-notification');
    await section.getByRole('button', { name: 'Give the notice to every controller' }).click();

    const progress = page.locator('#job-progress');
    await page.locator('#job-progress[data-job-settled="true"]').waitFor();
    const waiting = progress.locator('[data-job-list="waiting-instruction"]');
    expect(await waiting.isVisible()).toBe(true);
    expect(await waiting.locator('li').allTextContents()).toEqual([
      expect.stringMatching(/^Nordlys AS: Clause .*instruction/),
    ]);
    expect(await progress.locator('[data-job-summary]').textContent()).toContain(
      '1 waiting for an instruction',
    );
  });
});
