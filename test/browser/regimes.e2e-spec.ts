import type { Page } from 'playwright-core';
import { FixedClock } from '../../src/clock/clock';
import { controllerBody, incidentBody } from '../fixtures';
import { client, type Client, createKey } from '../utils';
import { accessibilityViolations, browserSuite, screenshot, signedInContext } from './harness';

// A real browser, axe and screenshots on a machine shared with other test runs: slow, never timed.
jest.setTimeout(120_000);

/**
 * NIS2 applies to us in Germany (REGIMES, ORG_COUNTRY), DORA to the affected bank (its `regimes`): one incident owes
 * stages under all three regimes, and every page that lists obligations says which regime and stage each is.
 */
describe('Regimes in a browser', () => {
  const clock = new FixedClock(new Date('2026-11-22T10:00:00Z'));
  const suite = browserSuite({ clock, env: { REGIMES: 'gdpr,nis2', ORG_COUNTRY: 'de' } });

  /** An incident at a bank (a financial entity under DORA), not classified yet; and the DPO's API client. */
  async function givenBankIncident(): Promise<{ incident: { id: string; reference: string }; dpo: Client }> {
    const admin = client(suite.served, await createKey(suite.served.app, 'admin'));
    const dpo = client(suite.served, await createKey(suite.served.app, 'dpo'));
    const bank = (
      await admin
        .post('/controllers')
        .send(controllerBody({ name: 'Fjordbank ASA', regimes: ['dora'] }))
        .expect(201)
    ).body as { id: string };
    const incident = (
      await dpo
        .post('/incidents')
        .send(incidentBody({ controllerIds: [bank.id] }))
        .expect(201)
    ).body as { id: string; reference: string };
    return { incident, dpo };
  }

  /** An incident at a bank, classified significant (NIS2) and major (DORA): their first stages open. */
  async function givenClassifiedIncident(): Promise<{ id: string; reference: string }> {
    const { incident, dpo } = await givenBankIncident();
    for (const kind of ['significant-incident', 'major-ict-incident'])
      await dpo
        .post(`/incidents/${incident.id}/decisions`)
        .send({ kind, value: 'yes', reasoning: `${kind}: payments down for all clients` })
        .expect(201);
    return incident;
  }

  /** The text of what a locator finds once it is there: the page is read when it shows it, never after a pause. */
  async function textOf(page: Page, selector: string): Promise<string> {
    const found = page.locator(selector).first();
    await found.waitFor();
    return ((await found.textContent()) ?? '').replace(/\s+/g, ' ').trim();
  }

  it('labels each obligation by regime and stage on the board, the incident page and the register, NIS2 and DORA next to GDPR', async () => {
    const incident = await givenClassifiedIncident();
    const { context, page } = await signedInContext(suite.browser, suite.served, { role: 'dpo' });

    expect((await page.goto('/'))!.status()).toBe(200);
    const board = page.locator('table.board tbody tr', { hasText: incident.reference });
    expect(await textOf(page, 'table.board tbody tr:has(.regime-nis2)')).toContain('NIS2 Early warning');
    expect(await board.filter({ hasText: 'DORA Initial notification' }).count()).toBe(1);
    expect(await board.filter({ hasText: 'GDPR Processor → controller' }).count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'regimes-board');

    expect((await page.goto(`/ui/incidents/${incident.id}`))!.status()).toBe(200);
    expect(await textOf(page, 'article[data-regime="nis2"][data-stage="early-warning"] h4')).toContain(
      'NIS2 Early warning',
    );
    expect(await textOf(page, 'article[data-regime="dora"][data-stage="initial-notification"] h4')).toContain(
      'DORA Initial notification',
    );
    expect(
      await textOf(page, 'article[data-regime="gdpr"][data-stage="processor-to-controller"] h4'),
    ).toContain('GDPR Processor → controller');
    expect(await accessibilityViolations(page)).toEqual([]);

    expect((await page.goto('/ui/register'))!.status()).toBe(200);
    const row = `tr[data-incident="${incident.id}"]`;
    expect(await textOf(page, 'table.register thead')).toContain('Obligations by regime and stage');
    expect(await textOf(page, `${row} li[data-regime="nis2"][data-stage="early-warning"]`)).toBe(
      'NIS2 Early warning: open',
    );
    expect(await textOf(page, `${row} li[data-regime="nis2"][data-stage="final-report"]`)).toBe(
      'NIS2 Final report: awaiting anchor',
    );
    expect(await textOf(page, `${row} li[data-regime="dora"][data-stage="initial-notification"]`)).toBe(
      'DORA Initial notification: open',
    );
    expect(await textOf(page, `${row} li[data-regime="gdpr"][data-stage="processor-to-controller"]`)).toBe(
      'GDPR Processor → controller: open',
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'regimes-register');
    await context.close();
  });

  it('labels them in bokmål for a user who reads it', async () => {
    const incident = await givenClassifiedIncident();
    const { context, page } = await signedInContext(suite.browser, suite.served, {
      role: 'dpo',
      locale: 'nb',
    });
    expect((await page.goto('/ui/register'))!.status()).toBe(200);
    const row = `tr[data-incident="${incident.id}"]`;
    expect(await textOf(page, 'table.register thead')).toContain('Plikter etter regelverk og trinn');
    expect(await textOf(page, `${row} li[data-regime="nis2"][data-stage="early-warning"]`)).toBe(
      'NIS2 Tidlig varsling: åpen',
    );
    expect(await textOf(page, `${row} li[data-regime="gdpr"][data-stage="processor-to-controller"]`)).toBe(
      'GDPR Databehandler → behandlingsansvarlig: åpen',
    );
    await context.close();
  });
  it('classifies from the decisions page: when it took effect and its criteria are kept, and the deadline runs from then', async () => {
    const { incident, dpo } = await givenBankIncident();
    const { context, page } = await signedInContext(suite.browser, suite.served, {
      role: 'dpo',
      timeZone: 'Europe/Oslo',
    });
    expect((await page.goto(`/ui/incidents/${incident.id}/decisions`))!.status()).toBe(200);
    const major = page.locator('section[aria-labelledby="classification-major-ict-incident-title"]');
    expect(await textOf(page, '#classification-major-ict-incident-title')).toBe(
      'DORA: major ICT-related incident',
    );
    expect(await major.getByText('Not classified yet.').count()).toBe(1);
    await major.getByLabel('yes', { exact: true }).check();
    // 10:00 in Oslo (09:00Z), an hour before it is recorded (the service's clock says 10:00Z).
    await major.getByLabel(/^When it took effect/).fill('2026-11-22T10:00');
    await major.getByLabel('Critical services affected').fill('payments');
    await major.getByLabel(/^Reasoning/).fill('Payments down for all clients since 10:00.');
    await major.getByRole('button', { name: 'Record the classification' }).click();
    // The page is shown again from the service once the decision is recorded.
    const inForce = major.locator('p', { hasText: /^In force: yes/ });
    await inForce.waitFor();
    expect(await inForce.textContent()).toMatch(/^In force: yes\. Took effect .*10:00/);
    expect(await inForce.locator('time').getAttribute('datetime')).toBe('2026-11-22T09:00:00.000Z');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'decisions-classified');
    await context.close();

    const decisions = (await dpo.get(`/incidents/${incident.id}/decisions`).expect(200)).body as {
      kind: string;
      effectiveAt: string | null;
      criteria: Record<string, unknown> | null;
    }[];
    expect(decisions.find((d) => d.kind === 'major-ict-incident')).toMatchObject({
      effectiveAt: '2026-11-22T09:00:00.000Z',
      criteria: { criticalServicesAffected: 'payments' },
    });
    // DORA's initial notification: the earliest of 4 h after the classification took effect and 24 h after awareness.
    const initial = (
      await dpo
        .get(`/incidents/${incident.id}/obligations?regime=dora&stage=initial-notification`)
        .expect(200)
    ).body as { dueAt: string }[];
    expect(initial.map((o) => o.dueAt)).toEqual(['2026-11-22T13:00:00.000Z']);
  });
});
