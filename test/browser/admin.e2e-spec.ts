import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { FixedClock } from '../../src/clock/clock';
import { docxOf } from '../dpa-documents';
import { createKey } from '../utils';
import { accessibilityViolations, browserSuite, PHONE, screenshot, signedInContext } from './harness';

// A real browser, axe and screenshots on a machine shared with other test runs: slow, never timed.
jest.setTimeout(120_000);

describe('Agreements, controllers and API keys in a browser (admin)', () => {
  const clock = new FixedClock(new Date('2026-11-22T09:30:00Z'));

  const suite = browserSuite({ clock });

  /** The one place a test says who is in the browser: an admin, signed in. */
  async function asAdmin(viewport?: typeof PHONE): Promise<BrowserContext> {
    return (await signedInContext(suite.browser, suite.served, { role: 'admin', viewport })).context;
  }

  /** Waits for the page a saved form goes to; if it never comes, fails with what the form and the page said. */
  async function savedTo(page: Page, form: Locator, url: RegExp): Promise<void> {
    try {
      await page.waitForURL(url);
    } catch (error) {
      await screenshot(page, 'save-failed');
      const said = await form
        .locator('[data-form-status]')
        .textContent()
        .catch(() => null);
      const invalid = await form
        .locator(':invalid')
        .evaluateAll((els) => els.map((e) => e.getAttribute('name')));
      throw new Error(
        `${(error as Error).message}\nstill at ${page.url()}; the form says ${JSON.stringify(said)}; ` +
          `fields the browser holds invalid: ${JSON.stringify(invalid)}`,
      );
    }
  }

  async function checked(page: Page, name: string): Promise<void> {
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, name);
  }

  it('adds a controller, refusing a bad field beside it, then changes it', async () => {
    const context = await asAdmin();
    const page = await context.newPage();
    expect((await page.goto('/ui/controllers'))!.status()).toBe(200);
    await checked(page, 'controllers-desktop');

    const form = page.locator('#controller-form');
    await form.getByLabel('Name', { exact: true }).first().fill('Nordlys AS');
    await form.getByLabel('Agreement', { exact: true }).selectOption('dotnet-internals');
    await form.getByLabel('Language of our notices').fill('en');
    const contact = form.locator('fieldset', { hasText: 'Breach contact' });
    await contact.getByLabel('Name', { exact: true }).fill('Kari Vakt');
    await contact.getByLabel('E-mail').fill('vakt@nordlys.example');
    const dpo = form.locator('fieldset', { hasText: 'Data protection officer' });
    await dpo.getByLabel('Name', { exact: true }).fill('Ola Personvern');
    await dpo.getByLabel('E-mail').fill('not an address');
    await form.getByRole('button', { name: 'Add the controller' }).click();
    await form.locator('[data-error-for="dpo.email"]').filter({ hasText: /email/ }).waitFor();
    expect(await dpo.getByLabel('E-mail').getAttribute('aria-invalid')).toBe('true');

    await dpo.getByLabel('E-mail').fill('personvern@nordlys.example');
    await form.getByRole('button', { name: 'Add the controller' }).click();
    await page.waitForURL(/\/ui\/controllers\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    expect(await page.locator('h1').textContent()).toContain('Nordlys AS');
    await checked(page, 'controller-desktop');

    await page.locator('#controller-form').getByLabel('Time zone').fill('Europe/Berlin');
    const patched = page.waitForResponse(
      (r) => r.url().endsWith(`/controllers/${id}`) && r.request().method() === 'PATCH',
    );
    await page.getByRole('button', { name: 'Save the changes' }).click();
    expect((await patched).status()).toBe(200);
    // The page is shown again from the service after the save.
    await page.waitForLoadState();
    await page.locator('#c-zone[value="Europe/Berlin"]').waitFor();
    const admin = await createKey(suite.served.app, 'admin');
    const { body } = await suite.served
      .api()
      .get(`/controllers/${id}`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(body).toMatchObject({
      name: 'Nordlys AS',
      agreementId: 'dotnet-internals',
      timeZone: 'Europe/Berlin',
      dpo: { name: 'Ola Personvern', email: 'personvern@nordlys.example' },
      webhookUrl: null,
    });
    await context.close();
  });

  it('makes a key shown once with a copy button, which works until it is revoked', async () => {
    const context = await asAdmin(PHONE);
    const page = await context.newPage();
    await page.goto('/ui/keys');
    const form = page.locator('#key-form');
    await form.getByLabel('Role', { exact: true }).selectOption('responder');
    await form.getByLabel('Label', { exact: true }).fill('on-call laptop, Kari');
    await form.getByRole('button', { name: 'Make the key' }).click();
    const shown = page.locator('#key-created');
    await shown.waitFor({ state: 'visible' });
    const key = await shown.locator('#key-value').inputValue();
    expect(key).toMatch(/^bd_/);
    expect(await shown.locator('[data-copy="#key-value"]').count()).toBe(1);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      PHONE.width,
    );
    await checked(page, 'keys-created-phone');
    await suite.served.api().get('/agreements').set('Authorization', `Bearer ${key}`).expect(200);

    // Shown once: the page never has it again.
    await page.goto('/ui/keys');
    expect(await page.content()).not.toContain(key);
    const row = page.locator('tr[data-key]', { hasText: 'on-call laptop, Kari' });
    expect(await row.textContent()).toContain(key.slice(0, 8));
    await row.getByRole('button', { name: /Revoke/ }).click();
    await page.locator('#keys-revoked').waitFor();
    expect(await page.locator('tr[data-key]', { hasText: 'on-call laptop, Kari' }).count()).toBe(0);
    await suite.served.api().get('/agreements').set('Authorization', `Bearer ${key}`).expect(401);
    await checked(page, 'keys-phone');
    await context.close();
  });

  it('shows a profile with each term beside its clause, and adds a version: a bad field is named beside it', async () => {
    const context = await asAdmin();
    const page = await context.newPage();
    await page.goto('/ui/agreements');
    expect(await page.locator('tr[data-agreement]').count()).toBe(4);
    await checked(page, 'agreements-desktop');

    await page.locator('a[href="/ui/agreements/dotnet-internals"]').click();
    await page.waitForURL(/dotnet-internals$/);
    const standard = page.locator('tr[data-term="standard"]');
    expect(await standard.locator('td').nth(1).textContent()).toBe('8.1');
    expect(await standard.textContent()).toContain('notify the Data Controller in writing of the breach');
    expect(await page.locator('tr[data-term="thirdPartyDisclosure"] td').nth(1).textContent()).toBe('8.4');
    await checked(page, 'agreement-desktop');

    const form = page.locator('#agreement-form');
    const hours = form.getByLabel(/^Hours/);
    expect(await hours.inputValue()).toBe('24');
    await hours.fill('0');
    await form.getByRole('button', { name: 'Save as a new version' }).click();
    await form
      .locator('[data-error-for="breachTerms.hours"]')
      .filter({ hasText: /less than 1/ })
      .waitFor();
    expect(await hours.getAttribute('aria-invalid')).toBe('true');

    await hours.fill('12');
    await form.getByRole('button', { name: 'Save as a new version' }).click();
    await page.locator('h1', { hasText: 'version 2' }).waitFor();
    expect(await page.locator('tr[data-term="hours"] td').first().textContent()).toBe('12');
    // The rest of version 1 is carried over unchanged; version 1 stays readable.
    expect(await page.locator('tr[data-term="standard"]').textContent()).toContain(
      'in writing of the breach',
    );
    await page.locator('a[href="/ui/agreements/dotnet-internals?version=1"]').click();
    await page.locator('h1', { hasText: 'version 1' }).waitFor();
    expect(await page.locator('tr[data-term="hours"] td').first().textContent()).toBe('24');
    await context.close();
  });

  it('drafts a profile from a DPA’s text, quoting each value, and saves it as a new agreement', async () => {
    const text = readFileSync(join(__dirname, '..', 'fixtures', 'dpa', 'en-01-backstop.txt'), 'utf8');
    const context = await asAdmin();
    const page = await context.newPage();
    await page.goto('/ui/agreements/drafts');
    await checked(page, 'agreement-draft-desktop');
    await page.getByLabel('The agreement’s text'.replace('’', "'")).fill(text);
    await page.getByRole('button', { name: 'Read it' }).click();
    const standard = page.locator('#draft-result tr[data-field="breachTerms.standard"]');
    await standard.waitFor();
    expect(await standard.textContent()).toContain('7.1');
    expect(await standard.locator('q').first().textContent()).toContain('without undue delay');
    const form = page.locator('#agreement-form');
    // Issue 15 part 3: "without undue delay and in any event within 36 hours" is the standard and its backstop.
    expect(await form.getByLabel(/^Hours/).inputValue()).toBe('');
    expect(await form.getByLabel(/^Backstop/).inputValue()).toBe('36');
    // The text beside the draft: the quoted sentence highlighted, linked to its value, and the value back to it.
    const mark = page.locator('[data-draft-text] a.quote', { hasText: 'in any event within 36 hours' });
    expect(await mark.getAttribute('data-fields')).toContain('breachTerms.backstopHours');
    const backstopRow = page.locator('#draft-result tr[data-field="breachTerms.backstopHours"]');
    const back = backstopRow.locator('a[href^="#draft-quote-"]');
    expect(await back.getAttribute('href')).toBe(`#${await mark.getAttribute('id')}`);
    await mark.click();
    expect(page.url()).toMatch(/#draft-field-breachTerms-/);
    await checked(page, 'agreement-draft-read-desktop');

    await form.getByLabel(/^Id/).fill('nordlys-cloud');
    await form.getByRole('button', { name: 'Add the agreement' }).click();
    await page.waitForURL(/\/ui\/agreements\/nordlys-cloud$/);
    expect(await page.locator('tr[data-term="backstopHours"] td').first().textContent()).toBe('36');

    await page.goto('/ui/agreements/new');
    await checked(page, 'agreement-new-desktop');
    await context.close();
  });

  it('reads an uploaded DOCX, corrects a value and saves it as a new version of an existing agreement', async () => {
    const text = readFileSync(join(__dirname, '..', 'fixtures', 'dpa', 'en-02-business-days.txt'), 'utf8');
    const context = await asAdmin();
    const page = await context.newPage();
    await page.goto('/ui/agreements/drafts');
    await page.getByLabel(/^Or upload the agreement/).setInputFiles({
      name: 'dpa.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: docxOf(text),
    });
    await page.getByRole('button', { name: 'Read it' }).click();
    const row = page.locator('#draft-result tr[data-field="breachTerms.businessDays"]');
    await row.waitFor();
    expect(await page.locator('[data-draft-text] mark', { hasText: 'two (2) business days' }).count()).toBe(
      1,
    );
    const form = page.locator('#agreement-form');
    expect(await form.getByLabel(/^Deadline standard/).inputValue()).toBe('within-business-days');
    expect(await form.getByLabel(/^Business days/).inputValue()).toBe('2');
    await form.getByLabel(/^Business days/).fill('3');
    await form.getByLabel(/^After confirming/).fill('24');

    await page.getByLabel('Save as').selectOption('dotnet-internals');
    expect(await form.getByLabel(/^Id/).isDisabled()).toBe(true);
    await checked(page, 'agreement-draft-upload-desktop');
    await form.getByRole('button', { name: 'Add the agreement' }).click();
    await savedTo(page, form, /\/ui\/agreements\/dotnet-internals$/);
    expect(await page.locator('tr[data-term="businessDays"] td').first().textContent()).toBe('3');
    expect(await page.locator('tr[data-term="confirmationHours"] td').first().textContent()).toBe('24');
    expect(await page.getByText('Version 2').count()).toBeGreaterThan(0);
    await context.close();
  });
});
