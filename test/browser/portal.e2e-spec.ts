import { randomUUID } from 'node:crypto';
import type { BrowserContext } from 'playwright-core';
import { FixedClock } from '../../src/clock/clock';
import { controllerBody, incidentBody } from '../fixtures';
import { client, Client, createKey } from '../utils';
import { accessibilityViolations, browserSuite, PHONE, screenshot, signedInContext } from './harness';

interface Obligation {
  id: string;
  hop: string;
  controllerId: string;
}

// A real browser, axe and screenshots on a machine shared with other test runs: slow, never timed.
jest.setTimeout(120_000);

describe('The controller portal in a browser', () => {
  const clock = new FixedClock(new Date('2026-11-22T09:30:00Z'));
  let dpo: Client;
  let nordlys: { id: string; name: string };
  let fjord: { id: string; name: string };

  const suite = browserSuite({ clock });
  beforeEach(async () => {
    clock.set('2026-11-22T09:30:00Z');
    const admin = client(suite.served, await createKey(suite.served.app, 'admin'));
    dpo = client(suite.served, await createKey(suite.served.app, 'dpo'));
    nordlys = (
      await admin
        .post('/controllers')
        .send(controllerBody({ name: 'Nordlys AS', agreementId: 'dotnet-internals', language: 'en' }))
        .expect(201)
    ).body;
    fjord = (
      await admin
        .post('/controllers')
        .send(controllerBody({ name: 'Fjord Kommune' }))
        .expect(201)
    ).body;
  });

  /** The one place a test says who is in the browser: the controller's own user, signed in. */
  async function asController(controllerId: string, viewport?: typeof PHONE): Promise<BrowserContext> {
    return (
      await signedInContext(suite.browser, suite.served, { role: 'controller', controllerId, viewport })
    ).context;
  }

  async function givenIncident(
    controllerId: string,
    title: string,
  ): Promise<{ id: string; reference: string; obligations: Obligation[] }> {
    return (
      await dpo
        .post('/incidents')
        .send(incidentBody({ title, controllerIds: [controllerId] }))
        .expect(201)
    ).body;
  }

  /** Our notice to the controller, given by hand (e-mail from a person) and so delivered at once. */
  async function givenNotice(
    incident: { id: string; obligations: Obligation[] },
    controllerId: string,
  ): Promise<{ id: string }> {
    const p2c = incident.obligations.find(
      (o) => o.hop === 'processor-to-controller' && o.controllerId === controllerId,
    )!;
    return (
      await dpo
        .post(`/incidents/${incident.id}/obligations/${p2c.id}/filings`)
        .send({ phase: 'initial', channel: 'manual', sentBy: 'Per Ombud', via: 'e-mail' })
        .expect(201)
    ).body;
  }

  it('shows the controller its notice, which it acknowledges, its deadlines, and records its instruction', async () => {
    const incident = await givenIncident(nordlys.id, 'Relay forwarded exports');
    const notice = await givenNotice(incident, nordlys.id);
    await givenNotice(await givenIncident(fjord.id, 'Fjord only: a lost laptop'), fjord.id);
    const context = await asController(nordlys.id);
    const page = await context.newPage();

    expect((await page.goto('/ui/portal'))!.status()).toBe(200);
    expect(await page.title()).toContain('Notices to Nordlys AS');
    // Nothing of the other controller: not its incident, not its notice.
    expect(await page.locator('body').textContent()).not.toContain('Fjord');
    const row = page.locator(`tr[data-notice="${notice.id}"]`);
    expect(await page.locator('tr[data-notice]').count()).toBe(1);
    expect(await row.locator('a[href$="/document.pdf"]').count()).toBe(1);

    // Twenty minutes on: inside the session's idle timeout (30 min), as a person reading the portal would be.
    clock.set('2026-11-22T09:50:00Z');
    await row.getByRole('button', { name: 'Acknowledge receipt' }).click();
    await row.locator('.badge.ok').waitFor();
    expect(await row.locator('time').last().getAttribute('datetime')).toBe('2026-11-22T09:50:00.000Z');
    const filed = (await dpo.get(`/filings/${notice.id}`).expect(200)).body;
    expect(filed.acknowledgedAt).toBe('2026-11-22T09:50:00.000Z');

    // Its 72 hours run from our notice reaching it (delivered when given by hand at 09:30 UTC).
    const c2a = incident.obligations.find((o) => o.hop === 'controller-to-authority')!;
    const deadline = page.locator(`tr[data-deadline="${c2a.id}"]`);
    expect(await deadline.locator('time').getAttribute('datetime')).toBe('2026-11-25T09:30:00.000Z');
    expect(await deadline.textContent()).toContain('Controller → authority');
    expect(await deadline.textContent()).toContain('statutory');

    const form = page.locator('#instruction-form');
    await form.getByLabel('We may, on your behalf').selectOption('authority-notification');
    await form.getByLabel('Given by (name and role)').fill('Ola Personvern, DPO');
    await form.getByLabel('Reference').fill('E-mail of 22 November, ticket SEC-1234');
    await form.getByRole('button', { name: 'Record the instruction' }).click();
    await page.locator('li[data-instruction]').waitFor();
    expect(await page.locator('li[data-instruction]').textContent()).toContain('ticket SEC-1234');
    const instructions = (await dpo.get(`/controllers/${nordlys.id}/instructions`).expect(200)).body;
    expect(instructions).toEqual([
      expect.objectContaining({
        scope: 'authority-notification',
        givenBy: 'Ola Personvern, DPO',
        // Pre-filled with the service's now, on the user's wall clock, sent with its offset.
        givenAt: '2026-11-22T09:50:00.000Z',
      }),
    ]);

    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'portal-desktop');
    await context.close();
  });

  it('shows a bad instruction field beside it', async () => {
    const context = await asController(nordlys.id);
    const page = await context.newPage();
    await page.goto('/ui/portal');
    const form = page.locator('#instruction-form');
    await form.getByLabel('Given by (name and role)').fill('');
    await form.getByRole('button', { name: 'Record the instruction' }).click();
    await form.locator('[data-error-for="givenBy"]').filter({ hasText: /.+/ }).waitFor();
    expect(await form.locator('[data-error-for="reference"]').textContent()).not.toBe('');
    expect(await form.getByLabel('Given by (name and role)').getAttribute('aria-invalid')).toBe('true');
    await context.close();
  });

  it('shows its incident in its zone and ours, fits a phone, and answers another controller’s incident as a missing one', async () => {
    const mine = await givenIncident(nordlys.id, 'Relay forwarded exports');
    await givenNotice(mine, nordlys.id);
    const theirs = await givenIncident(fjord.id, 'Fjord only: a lost laptop');
    const context = await asController(nordlys.id, PHONE);
    const page = await context.newPage();

    expect((await page.goto(`/ui/portal/incidents/${mine.id}`))!.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toContain(
      `Incident ${(mine as { reference: string }).reference}`,
    );
    expect(await page.locator('tr[data-obligation]').count()).toBe(
      mine.obligations.filter((o) => o.controllerId === nordlys.id).length,
    );
    expect(await page.locator('tr[data-notice]').count()).toBe(1);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      PHONE.width,
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'portal-incident-phone');

    await page.goto('/ui/portal');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      PHONE.width,
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'portal-phone');

    const foreign = await page.goto(`/ui/portal/incidents/${theirs.id}`);
    const foreignBody = await page.locator('main').innerHTML();
    const missing = await page.goto(`/ui/portal/incidents/${randomUUID()}`);
    const missingBody = await page.locator('main').innerHTML();
    expect(foreign!.status()).toBe(404);
    expect(missing!.status()).toBe(404);
    expect(foreignBody).toBe(missingBody);
    expect(foreignBody).not.toContain('lost laptop');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'portal-not-found-phone');
    await context.close();
  });
});
