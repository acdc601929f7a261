import type { BrowserContext } from 'playwright-core';
import { FixedClock } from '../../src/clock/clock';
import { controllerBody, incidentBody } from '../fixtures';
import { client, Client, createKey } from '../utils';
import { accessibilityViolations, browserSuite, PHONE, screenshot, signedInContext } from './harness';

// A real browser, axe and screenshots on a machine shared with other test runs: slow, never timed.
jest.setTimeout(120_000);

describe('The register in a browser', () => {
  const clock = new FixedClock(new Date('2026-11-24T12:00:00Z'));
  let dpoKey: string;
  let dpo: Client;

  const suite = browserSuite({ clock });
  beforeEach(async () => {
    dpoKey = await createKey(suite.served.app, 'dpo');
    dpo = client(suite.served, dpoKey);
  });

  /** The one place a test says who is in the browser: a DPO, signed in. */
  async function asDpo(viewport?: typeof PHONE): Promise<BrowserContext> {
    return (await signedInContext(suite.browser, suite.served, { role: 'dpo', viewport })).context;
  }

  async function givenIncidents(): Promise<{ fjord: string }> {
    const admin = client(suite.served, await createKey(suite.served.app, 'admin'));
    const fjord = (
      await admin
        .post('/controllers')
        .send(controllerBody({ name: 'Fjord Kommune' }))
        .expect(201)
    ).body;
    const nordlys = (
      await admin
        .post('/controllers')
        .send(controllerBody({ name: 'Nordlys AS', agreementId: 'dotnet-internals', language: 'en' }))
        .expect(201)
    ).body;
    await dpo
      .post('/incidents')
      .send(
        incidentBody({
          title: 'Early: misdirected export',
          discoveredAt: '2026-11-20T09:00:00+01:00',
          processorAwareAt: undefined,
          controllerIds: [fjord.id],
        }),
      )
      .expect(201);
    await dpo
      .post('/incidents')
      .send(
        incidentBody({
          title: 'Late: stolen laptop',
          discoveredAt: '2026-11-23T09:00:00+01:00',
          processorAwareAt: undefined,
          controllerIds: [nordlys.id],
        }),
      )
      .expect(201);
    return { fjord: fjord.id };
  }

  it('lists every breach, filters by controller and by the time of discovery in the user’s zone', async () => {
    const { fjord } = await givenIncidents();
    const context = await asDpo();
    const page = await context.newPage();
    expect((await page.goto('/ui/register'))!.status()).toBe(200);
    expect(await page.locator('tr[data-incident]').count()).toBe(2);
    await page.locator('time[datetime]').first().waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'register-desktop');

    await page.getByLabel('Controller').selectOption(fjord);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/controllerId=/);
    expect(await page.locator('tr[data-incident]').count()).toBe(1);
    expect(await page.locator('tr[data-incident]').textContent()).toContain('Early: misdirected export');

    await page.goto('/ui/register');
    // The user's zone is UTC until people sign in with their own; the instant is sent with its offset.
    await page.getByLabel('Discovered from').fill('2026-11-22T00:00');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/from=/);
    expect(new URL(page.url()).searchParams.get('from')).toBe('2026-11-22T00:00:00+00:00');
    expect(await page.locator('tr[data-incident]').count()).toBe(1);
    expect(await page.locator('tr[data-incident]').textContent()).toContain('Late: stolen laptop');
    // The filter stays in the form, on the user's wall clock.
    expect(await page.getByLabel('Discovered from').inputValue()).toBe('2026-11-22T00:00');
    await context.close();
  });

  it('downloads the register as filtered, as CSV, and fits a phone', async () => {
    const { fjord } = await givenIncidents();
    const context = await asDpo(PHONE);
    const page = await context.newPage();
    await page.goto(`/ui/register?controllerId=${fjord}`);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      PHONE.width,
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'register-phone');

    // The link as the browser follows it, with the context's credentials (a key now, the session once sign-in
    // lands). Chromium's own download manager cancels downloads under Playwright's per-request headers, so the
    // response is fetched through the context rather than saved by the browser.
    const href = (await page.locator('#register-csv').getAttribute('href'))!;
    expect(href).toBe(`/register?controllerId=${fjord}&format=csv&limit=5000`);
    const response = await page.request.get(href);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('text/csv');
    expect(response.headers()['content-disposition']).toBe('attachment; filename="breach-register.csv"');
    const csv = await response.text();
    const lines = csv.trim().split(/\r?\n/);
    // The header, then a row per obligation of Fjord's one incident (to the controller, to its authority).
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).every((l) => l.startsWith('"BR-2026-0001"'))).toBe(true);
    expect(csv).toContain('Early: misdirected export');
    expect(csv).not.toContain('Late: stolen laptop');
    expect(await page.locator('#register-json').getAttribute('href')).toBe(
      `/register?controllerId=${fjord}&format=json&limit=5000`,
    );
    await context.close();
  });
});
