import type { Page } from 'playwright-core';
import { FixedClock } from '../../src/clock/clock';
import { totpCode } from '../../src/users/totp.util';
import { UsersService } from '../../src/users/users.service';
import { controllerBody, incidentBody } from '../fixtures';
import { createPerson } from '../people';
import { createKey } from '../utils';
import {
  accessibilityViolations,
  browserSuite,
  DESKTOP,
  PHONE,
  screenshot,
  signedInContext,
} from './harness';

const START = new Date('2026-12-01T10:00:00Z');

describe('Signing in, in a browser', () => {
  const clock = new FixedClock(START);

  const suite = browserSuite({ clock });
  beforeEach(() => clock.set(START));

  async function fillSignIn(page: Page, email: string, password: string): Promise<void> {
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  async function expectAccessible(page: Page, name: string): Promise<void> {
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, name);
  }

  it('sends a visitor to sign in and back; a wrong password gets the generic message; sign-out ends the session', async () => {
    const person = await createPerson(suite.served.app, { role: 'responder', name: 'Ola Vakt' });
    const context = await suite.browser.newContext({ baseURL: suite.served.baseUrl, viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto('/ui/account');
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(
      '/ui/sign-in?next=%2Fui%2Faccount',
    );
    await expectAccessible(page, 'sign-in-desktop');

    await fillSignIn(page, person.email, 'not the password at all');
    await page.getByText('The e-mail, password or code is not right').waitFor();
    await fillSignIn(page, person.email, person.password);
    await page.waitForURL('**/ui/account');
    await page.getByText(person.email).first().waitFor();

    // A cookie request that changes something, without the page's CSRF token: refused.
    const refused = await context.request.patch('/auth/me', { data: { locale: 'nb' } });
    expect(refused.status()).toBe(403);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/ui/sign-in');
    await page.goto('/');
    await page.waitForURL('**/ui/sign-in?next=%2F');
    await context.close();
  });

  it('enrols a second factor on the account page, then signs in with the TOTP step; language and zone change the UI', async () => {
    const { context, page, user } = await signedInContext(suite.browser, suite.served, {
      role: 'dpo',
      viewport: PHONE,
    });
    await page.goto('/ui/account');
    await page.getByRole('button', { name: 'Set up a second factor' }).click();
    const secret = (await page
      .locator('#totp-secret')
      .filter({ hasText: /^[A-Z2-7]{16,}$/ })
      .textContent())!;
    expect(await page.locator('#totp-uri').textContent()).toMatch(/^otpauth:\/\/totp\//);
    await page.getByLabel('Code from the app').fill(totpCode(secret, clock.now()));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.locator('.badge.ok').waitFor();
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, 'account-phone');

    await page.getByLabel('Language', { exact: true }).selectOption('nb');
    await page.getByLabel('Time zone (times are shown in it)').selectOption('Europe/Oslo');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Kontoen din' }).waitFor();
    expect(await page.locator('footer').textContent()).toContain('Europe/Oslo');

    await page.getByRole('button', { name: 'Logg ut' }).click();
    await page.waitForURL('**/ui/sign-in');
    clock.advance(30_000);
    await fillSignIn(page, user.email, user.password);
    const code = page.getByLabel('Code from your authenticator app');
    await code.waitFor();
    await code.fill(totpCode(secret, clock.now()));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await context.close();
  });

  it('an admin adds a user and issues a link shown once; the link sets the password; the user is then out when disabled', async () => {
    const { context, page } = await signedInContext(suite.browser, suite.served, { role: 'admin' });
    await page.goto('/ui/users');
    await page.getByLabel('Name', { exact: true }).fill('Kari Nordmann');
    await page.getByLabel('E-mail', { exact: true }).fill('kari@processor.example');
    await page.locator('#new-role').selectOption('dpo');
    await page.getByRole('button', { name: 'Add the user' }).click();
    const row = page.locator('tr', { hasText: 'kari@processor.example' });
    await row.waitFor();
    await row.getByRole('button', { name: 'Issue a set-password link' }).click();
    const link = row.locator('input[data-result="url"]');
    // The script fills the link in, then shows its panel.
    await link.waitFor({ state: 'visible' });
    const url = new URL(await link.inputValue());
    expect(url.pathname).toBe('/ui/set-password');
    await expectAccessible(page, 'users-desktop');
    await page.setViewportSize(PHONE);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      PHONE.width,
    );
    await screenshot(page, 'users-phone');

    const stranger = await suite.browser.newContext({ baseURL: suite.served.baseUrl, viewport: PHONE });
    const their = await stranger.newPage();
    await their.goto(`/ui/set-password${url.search}`);
    await expectAccessible(their, 'set-password-phone');
    await their.getByLabel('New password').fill('kari chooses a long phrase');
    await their.getByRole('button', { name: 'Set the password' }).click();
    await their.waitForURL('**/ui/sign-in');
    await fillSignIn(their, 'kari@processor.example', 'kari chooses a long phrase');
    await their.waitForURL((u) => u.pathname === '/');
    // The link is spent.
    expect((await their.goto(`/ui/set-password${url.search}`))!.status()).toBe(404);

    await page.setViewportSize(DESKTOP);
    await page.reload();
    await page
      .locator('tr', { hasText: 'kari@processor.example' })
      .getByRole('button', { name: 'Disable' })
      .click();
    await page.locator('tr', { hasText: 'kari@processor.example' }).getByText('disabled').waitFor();
    await their.goto('/');
    await their.waitForURL('**/ui/sign-in?next=%2F');
    await stranger.close();
    await context.close();
  });

  it('the first-run link creates the first admin once', async () => {
    const link = (await suite.served.app.get(UsersService).firstRunLink())!;
    const context = await suite.browser.newContext({ baseURL: suite.served.baseUrl, viewport: DESKTOP });
    const page = await context.newPage();
    const path = new URL(link.url);
    await page.goto(`${path.pathname}${path.search}`);
    await expectAccessible(page, 'first-run-desktop');
    await page.getByLabel('Your name').fill('First Admin');
    await page.getByLabel('Your e-mail').fill('first@processor.example');
    await page.getByLabel('Password').fill('the very first pass phrase');
    await page.getByRole('button', { name: 'Create the admin' }).click();
    await page.waitForURL('**/ui/sign-in');
    await fillSignIn(page, 'first@processor.example', 'the very first pass phrase');
    await page.waitForURL((u) => u.pathname === '/');
    expect((await page.goto(`${path.pathname}${path.search}`))!.status()).toBe(404);
    await page.getByText('This first-run link is not valid').waitFor();
    await context.close();
  });

  it("an idle session goes back to sign-in; a controller user lands on its portal and sees another controller's incident as missing", async () => {
    const adminKey = await createKey(suite.served.app, 'admin');
    const api = (path: string, body: unknown) =>
      suite.served
        .api()
        .post(path)
        .set('Authorization', `Bearer ${adminKey}`)
        .send(body as object)
        .expect(201);
    const ours = (await api('/controllers', controllerBody({ name: 'Ours AS' }))).body;
    const theirs = (await api('/controllers', controllerBody({ name: 'Theirs AS' }))).body;
    const incident = (await api('/incidents', incidentBody({ controllerIds: [theirs.id] }))).body;

    const { context, page, user } = await signedInContext(suite.browser, suite.served, {
      role: 'controller',
      controllerId: ours.id,
    });
    const foreign = await context.request.get(`/incidents/${incident.id}`);
    const missing = await context.request.get('/incidents/6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b');
    expect([foreign.status(), missing.status()]).toEqual([404, 404]);

    clock.advance(31 * 60_000);
    await page.goto('/ui/account');
    await page.waitForURL('**/ui/sign-in?next=%2Fui%2Faccount');
    await fillSignIn(page, user.email, user.password);
    await page.waitForURL('**/ui/account');
    await page.goto('/ui/sign-in');
    await fillSignIn(page, user.email, user.password);
    await page.waitForURL('**/ui/portal');
    await context.close();
  });
});
