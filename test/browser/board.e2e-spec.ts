import { FixedClock } from '../../src/clock/clock';
import { controllerBody } from '../fixtures';
import { createKey } from '../utils';
import { accessibilityViolations, browserSuite, PHONE, screenshot, signedInContext } from './harness';

describe('The on-call board in a browser', () => {
  const clock = new FixedClock(new Date('2026-12-01T10:00:00Z'));
  let responderKey: string;

  const suite = browserSuite({ clock });
  beforeEach(async () => {
    responderKey = await createKey(suite.served.app, 'responder');
  });

  async function logIncident(discoveredAt: string): Promise<{ id: string; reference: string }> {
    const adminKey = await createKey(suite.served.app, 'admin');
    const controller = await suite.served
      .api()
      .post('/controllers')
      .set('Authorization', `Bearer ${adminKey}`)
      .send(controllerBody({ name: 'Kommune AS', agreementId: 'videonor' }))
      .expect(201);
    const incident = await suite.served
      .api()
      .post('/incidents')
      .set('Authorization', `Bearer ${responderKey}`)
      .send({
        title: 'Misdirected export',
        description: 'An export went to the wrong tenant',
        discoveredAt,
        breachTypes: ['confidentiality'],
        controllerIds: [controller.body.id],
      })
      .expect(201);
    return incident.body as { id: string; reference: string };
  }

  it('lists what is owed soonest first with a live countdown, and marks the overdue unmistakably', async () => {
    const incident = await logIncident('2026-12-01T04:00:00+01:00');
    const { context } = await signedInContext(suite.browser, suite.served, { role: 'responder' });
    const page = await context.newPage();
    const response = await page.goto('/');
    expect(response!.status()).toBe(200);
    expect(await page.title()).toContain('On-call board');
    const rows = page.locator('table.board tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    // The script fills the countdown in; it reads the real time, so only its form is checked.
    await rows
      .first()
      .locator('.countdown')
      .filter({ hasText: /\d+m \d\ds/ })
      .waitFor();
    expect(await page.locator(`a[href="/ui/incidents/${incident.id}"]`).first().textContent()).toBe(
      incident.reference,
    );
    // Videonor's processor window is 4 h from our awareness at 03:00 UTC: overdue at 10:00 UTC.
    expect(await page.locator('tr.overdue .badge.overdue').count()).toBeGreaterThan(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'board-desktop');
    await context.close();
  });

  it('fits a phone, filters by status, and gives a controller key no board', async () => {
    await logIncident('2026-12-01T09:00:00+01:00');
    const { context } = await signedInContext(suite.browser, suite.served, {
      role: 'responder',
      viewport: PHONE,
    });
    const page = await context.newPage();
    await page.goto('/?status=overdue');
    expect(await page.locator('table.board tbody tr').count()).toBe(0);
    expect(await page.locator('.empty').count()).toBe(1);
    await page.goto('/');
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(PHONE.width);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'board-phone');
    await context.close();

    const controllerKey = await createKey(
      suite.served.app,
      'controller',
      (
        await suite.served
          .api()
          .get('/controllers')
          .set('Authorization', `Bearer ${await createKey(suite.served.app, 'admin')}`)
      ).body[0].id,
    );
    const refused = await suite.served
      .api()
      .get('/')
      .set('Authorization', `Bearer ${controllerKey}`)
      .expect(403);
    expect(refused.type).toBe('text/html');
  });
});
