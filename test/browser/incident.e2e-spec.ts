import type { Page } from 'playwright-core';
import { FixedClock } from '../../src/clock/clock';
import { controllerBody } from '../fixtures';
import { createKey } from '../utils';
import {
  accessibilityViolations,
  browserSuite,
  DESKTOP,
  PHONE,
  screenshot,
  signedInContext,
} from './harness';

/** Logging an incident, the list of incidents and one incident's page, as a responder and a DPO use them. */
// A real browser on a shared machine: more time than an API test, never a sleep.
jest.setTimeout(90_000);

describe('Incidents in a browser', () => {
  const clock = new FixedClock(new Date('2026-12-01T10:00:00Z'));
  let adminKey: string;

  const suite = browserSuite({ clock });
  beforeEach(async () => {
    adminKey = await createKey(suite.served.app, 'admin');
  });

  async function givenController(name: string): Promise<string> {
    const res = await suite.served
      .api()
      .post('/controllers')
      .set('Authorization', `Bearer ${adminKey}`)
      .send(controllerBody({ name, agreementId: 'videonor' }))
      .expect(201);
    return res.body.id as string;
  }

  /** Who is looking: one place per test, a person signed in with this role. */
  async function pageAs(role: 'responder' | 'dpo', viewport = DESKTOP): Promise<Page> {
    return (await signedInContext(suite.browser, suite.served, { role, viewport })).page;
  }

  async function expectFitsAndAccessible(page: Page, name: string, viewport = DESKTOP): Promise<void> {
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      viewport.width,
    );
    await screenshot(page, name);
  }

  it('a responder logs an incident on a phone; a double submit makes one incident', async () => {
    await givenController('Fjord Kommune');
    await givenController('Vik Kommune');
    const page = await pageAs('responder', PHONE);
    await page.goto('/ui/incidents/new');
    await expectFitsAndAccessible(page, 'incident-new-phone', PHONE);

    await page.getByLabel('Short title').fill('Export sent to the wrong tenant');
    await page.getByLabel('What happened').fill('A scheduled export went to another customer.');
    // The user's zone is UTC here (no person signed in): 09:30 on the wall clock is sent as 09:30+00:00.
    await page.getByLabel(/^Discovered at/).fill('2026-12-01T09:30');
    await page.getByRole('checkbox', { name: /Confidentiality/ }).check();
    await page.getByLabel('Filter by name').fill('vik');
    expect(await page.getByRole('checkbox', { name: /Fjord Kommune/ }).isHidden()).toBe(true);
    await page.getByRole('checkbox', { name: /Vik Kommune/ }).check();
    await page.getByRole('button', { name: 'Log the incident' }).dblclick();
    await page.waitForURL(/\/ui\/incidents\/[0-9a-f-]{36}$/);

    const list = await suite.served
      .api()
      .get('/incidents')
      .set('Authorization', `Bearer ${adminKey}`)
      .expect(200);
    expect(list.body.total).toBe(1);
    const incident = list.body.items[0];
    expect(incident.discoveredAt).toBe('2026-12-01T09:30:00.000Z');
    expect(page.url()).toContain(`/ui/incidents/${incident.id}`);
    await page.locator('h1', { hasText: incident.reference }).waitFor();
    // Videonor: "straks", our 4 h target from our awareness at 09:30 UTC; Oslo is UTC+1 in December.
    const notice = page.locator('[data-hop="processor-to-controller"]');
    expect(await notice.locator('[data-field="dueAt"] time').first().getAttribute('datetime')).toBe(
      '2026-12-01T13:30:00.000Z',
    );
    expect(await notice.locator('[data-field="dueAt"]').textContent()).toMatch(/14:30.*\+01:00.*13:30/s);
    // The countdown runs on from the service's (fixed) now, so it shows 3h 30m, a second less once it has ticked.
    await notice
      .locator('.countdown')
      .filter({ hasText: /^3h (30m 00s|29m 5\ds)$/ })
      .waitFor();
    await expectFitsAndAccessible(page, 'incident-phone', PHONE);
    await page.context().close();
  });

  it('lists incidents a page at a time, filtered by status and discovery', async () => {
    const controllerId = await givenController('Fjord Kommune');
    const responderKey = await createKey(suite.served.app, 'responder');
    for (const [i, at] of [
      '2026-11-28T08:00:00Z',
      '2026-11-30T08:00:00Z',
      '2026-12-01T09:00:00Z',
    ].entries()) {
      await suite.served
        .api()
        .post('/incidents')
        .set('Authorization', `Bearer ${responderKey}`)
        .send({
          title: `Incident ${i + 1}`,
          description: 'x',
          discoveredAt: at,
          breachTypes: ['availability'],
          controllerIds: [controllerId],
        })
        .expect(201);
    }
    const page = await pageAs('responder');
    await page.goto('/ui/incidents?limit=2');
    expect(await page.locator('table.stack tbody tr').count()).toBe(2);
    await page.getByRole('link', { name: 'Older →' }).click();
    expect(await page.locator('table.stack tbody tr').allTextContents()).toEqual([
      expect.stringContaining('Incident 1'),
    ]);
    // The filter sends the instant typed in the user's zone with its offset.
    await page.goto('/ui/incidents');
    await page.getByLabel('Discovered from').fill('2026-11-29T00:00');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/from=2026-11-29T00%3A00%3A00%2B00%3A00/);
    expect(await page.locator('table.stack tbody tr').count()).toBe(2);
    // The two older ones are overdue (their 4 h windows ended); the one discovered at 09:00 is due at 13:00.
    await page.goto('/ui/incidents?status=overdue');
    expect(await page.locator('tbody tr.overdue').count()).toBe(2);
    expect(await page.locator('tbody tr').count()).toBe(2);
    await expectFitsAndAccessible(page, 'incidents-desktop');
    await page.context().close();
  });

  it("shows the anchor moving and the countdown when the controller's awareness is set, and takes notes", async () => {
    const controllerId = await givenController('Fjord Kommune');
    const created = await suite.served
      .api()
      .post('/incidents')
      .set('Authorization', `Bearer ${adminKey}`)
      .send({
        title: 'Misdirected export',
        description: 'An export went to the wrong tenant',
        discoveredAt: '2026-12-01T05:00:00Z',
        breachTypes: ['confidentiality'],
        controllerIds: [controllerId],
      })
      .expect(201);
    const page = await pageAs('dpo');
    await page.goto(`/ui/incidents/${created.body.id}`);
    const authority = page.locator('[data-hop="controller-to-authority"]');
    expect(await authority.getAttribute('data-status')).toBe('awaiting-anchor');
    expect(await authority.locator('[data-field="anchorAt"]').textContent()).toContain('Not known yet');
    // The processor's 4 h notice ran out at 09:00: overdue, and said so in words.
    expect(await page.locator('[data-hop="processor-to-controller"] .badge.overdue').textContent()).toBe(
      'OVERDUE',
    );
    await expectFitsAndAccessible(page, 'incident-desktop');

    async function setAnchor(at: string, reason: string): Promise<void> {
      await authority.getByText("Set the controller's awareness").click();
      await authority.getByLabel(/^The controller became aware at/).fill(at);
      await authority.getByLabel('How we know').fill(reason);
      await Promise.all([
        page.waitForEvent('load'),
        authority.getByRole('button', { name: 'Set awareness' }).click(),
      ]);
    }
    await setAnchor('2026-12-01T09:00', 'Their DPO confirmed by phone at 09:00');
    expect(await authority.getAttribute('data-status')).toBe('open');
    expect(await authority.locator('[data-field="dueAt"] time').first().getAttribute('datetime')).toBe(
      '2026-12-04T09:00:00.000Z',
    );
    await authority
      .locator('.countdown')
      .filter({ hasText: /^2d (23h 00m 00s|22h 59m 5\ds)$/ })
      .waitFor();
    await setAnchor('2026-12-01T07:15', 'Their ticket shows our call reached them at 07:15');
    expect(await authority.locator('[data-field="dueAt"] time').first().getAttribute('datetime')).toBe(
      '2026-12-04T07:15:00.000Z',
    );
    await authority
      .locator('.countdown')
      .filter({ hasText: /^2d 21h (15m 00s|14m 5\ds)$/ })
      .waitFor();

    await page.getByLabel('Add a note').fill('Relay credentials rotated.');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Add note' }).click()]);
    expect(await page.locator('ol.timeline li[data-kind="note"]').first().textContent()).toContain(
      'Relay credentials rotated.',
    );
    expect(await page.locator('ol.timeline li[data-kind="anchor-set"]').count()).toBe(2);
    await page.context().close();
  });

  it('offers a responder only what a responder may do', async () => {
    const controllerId = await givenController('Fjord Kommune');
    const created = await suite.served
      .api()
      .post('/incidents')
      .set('Authorization', `Bearer ${adminKey}`)
      .send({
        title: 'T',
        description: 'D',
        discoveredAt: '2026-12-01T09:00:00Z',
        breachTypes: ['integrity'],
        controllerIds: [controllerId],
      })
      .expect(201);
    const page = await pageAs('responder');
    await page.goto(`/ui/incidents/${created.body.id}`);
    expect(
      await page
        .locator('form[data-api$="/anchor"], form[data-api$="/met"], form[data-api$="/not-required"]')
        .count(),
    ).toBe(0);
    expect(await page.locator('form[data-api$="/controllers"]').count()).toBe(0);
    expect(await page.locator('form[data-api$="/timeline"]').count()).toBe(1);
    expect(await page.locator('.tabs a').allTextContents()).toEqual(['Overview', 'Walk-through']);
    const missing = await page.goto('/ui/incidents/00000000-0000-4000-8000-000000000000');
    expect(missing!.status()).toBe(404);
    await page.context().close();
  });
});
