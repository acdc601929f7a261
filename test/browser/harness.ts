import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { createPerson, Person, PersonOptions } from '../people';
import { createTestApp, resetDatabase, TestApp, TestAppOptions } from '../utils';

/** Where a browser may be: CHROMIUM_PATH first, then Debian's and other distributions' usual places. */
const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
].filter((p): p is string => !!p);

/** The browser to drive, or an error that says exactly how to get one. */
export function chromiumPath(): string {
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      'The browser tests need Chromium and found none (looked at ' +
        `${CANDIDATES.join(', ')}). On Debian or Ubuntu: sudo apt-get update && sudo apt-get install -y chromium. ` +
        'Elsewhere install Chromium or Chrome and set CHROMIUM_PATH to its executable.',
    );
  }
  return found;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** The app as the tests build it, listening on a free port of 127.0.0.1 for the browser. */
export interface ServedApp extends TestApp {
  baseUrl: string;
}

export async function serveApp(options: TestAppOptions = {}): Promise<ServedApp> {
  const t = await createTestApp(options);
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return { ...t, baseUrl: `http://127.0.0.1:${port}` };
}

/** What a browser spec works with: the app it serves and the browser that drives it. */
export interface BrowserSuite {
  readonly served: ServedApp;
  readonly browser: Browser;
}

/**
 * The set-up every browser spec shares: the app served and a browser launched once for the file, both closed after
 * it, and the database emptied before each test. Call it in the `describe`; a spec's own `beforeEach` runs after.
 * `options` may be a function when it needs something started first (a mail server to point SMTP_URL at).
 */
export function browserSuite(options: TestAppOptions | (() => Promise<TestAppOptions>)): BrowserSuite {
  const suite: { served?: ServedApp; browser?: Browser } = {};
  beforeAll(async () => {
    suite.served = await serveApp(typeof options === 'function' ? await options() : options);
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.served?.close();
  });
  beforeEach(async () => {
    await resetDatabase(suite.served!.app);
  });
  return {
    get served() {
      return suite.served!;
    },
    get browser() {
      return suite.browser!;
    },
  };
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/** A context whose requests carry an API key: for pages tested before anyone signs in. */
export async function contextWithKey(
  browser: Browser,
  baseUrl: string,
  key: string,
  viewport = DESKTOP,
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseUrl,
    viewport,
    extraHTTPHeaders: { Authorization: `Bearer ${key}` },
  });
}

/** Screenshots are kept as test artifacts under test-artifacts/screenshots (one per page and viewport). */
export const SCREENSHOT_DIR = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  // Not `fullPage: true`: Chromium takes that by resizing the page behind its back and scrolls it back some frames
  // after the screenshot returns, so a click made next could be scrolled away half-way (its mousedown on the button,
  // its mouseup elsewhere, and no click: a form never sent, seen in CI). The viewport is made as tall as the page
  // instead, through Playwright, which waits for each resize; every later action scrolls to its element itself.
  const viewport = page.viewportSize() ?? DESKTOP;
  const height = await page.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { scrollHeight: number } } }).document
        .documentElement.scrollHeight,
  );
  if (height <= viewport.height) {
    await page.screenshot({ path });
    return path;
  }
  await page.setViewportSize({ width: viewport.width, height });
  try {
    await page.screenshot({ path });
  } finally {
    await page.setViewportSize(viewport);
  }
  return path;
}

/** The page's serious and critical accessibility violations under WCAG 2.1 A and AA. */
export async function accessibilityViolations(
  page: Page,
  options: { iframes?: boolean } = {},
): Promise<string[]> {
  // iframes: false for a page that frames a document of its own in a sandbox without scripts (a letter's preview):
  // axe cannot run inside it and would wait for it; the letters are checked by their own template specs.
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  // Legacy mode gives up injecting into a frame after a second, where the default mode waits for it for ever.
  if (options.iframes === false) builder = builder.options({ iframes: false }).setLegacyMode(true);
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Who a browser test signs in as: a user made for the test with this role (and controller, language, zone). */
export interface SignedInOptions extends PersonOptions {
  viewport?: { width: number; height: number };
}

/**
 * A browser context signed in as a new user: the user is made through UsersService (test set-up), then signed in
 * through the real sign-in API, whose session cookie the context keeps (a context's request shares its cookies).
 * Pages then carry the session's CSRF token in their <meta>, as for a person. For a user with a second factor, sign in
 * through the page instead.
 */
export async function signedInContext(
  browser: Browser,
  served: ServedApp,
  options: SignedInOptions,
): Promise<{ context: BrowserContext; page: Page; user: Person }> {
  const user = await createPerson(served.app, options);
  const context = await browser.newContext({
    baseURL: served.baseUrl,
    viewport: options.viewport ?? DESKTOP,
  });
  const res = await context.request.post('/auth/sign-in', {
    data: { email: user.email, password: user.password },
  });
  if (!res.ok()) throw new Error(`Sign-in for the test failed: ${res.status()} ${await res.text()}`);
  return { context, page: await context.newPage(), user };
}
