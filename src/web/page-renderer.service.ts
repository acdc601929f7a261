import { Injectable, OnModuleInit } from '@nestjs/common';
import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Role } from '../access/roles';
import { Clock } from '../clock/clock';
import { humanInstant } from '../letters/human-date.util';
import { templatesDir } from '../letters/templates.service';
import { translate, uiKeys, UiLocale } from './i18n/ui-strings';
import type { Page } from './page';
import type { WebRequest } from './web-request';

/** A place in the navigation: where it leads, its label's key, and who sees it. */
interface NavItem {
  href: string;
  key: string;
  roles: readonly Role[];
}

const STAFF: readonly Role[] = ['admin', 'dpo', 'responder'];

/** What each role finds in the navigation; a page it may not open is not offered. */
const NAV: readonly NavItem[] = [
  { href: '/', key: 'nav.board', roles: STAFF },
  { href: '/ui/incidents/new', key: 'nav.newIncident', roles: STAFF },
  { href: '/ui/incidents', key: 'nav.incidents', roles: STAFF },
  { href: '/ui/register', key: 'nav.register', roles: ['admin', 'dpo'] },
  { href: '/ui/agreements', key: 'nav.agreements', roles: ['admin', 'dpo'] },
  { href: '/ui/controllers', key: 'nav.controllers', roles: ['admin'] },
  { href: '/ui/users', key: 'nav.users', roles: ['admin'] },
  { href: '/ui/keys', key: 'nav.keys', roles: ['admin'] },
  { href: '/ui/portal', key: 'nav.portal', roles: ['controller'] },
];

/** Who is looking, as every template sees it under `app`. */
export interface PageFrame {
  locale: UiLocale;
  timeZone: string;
  title: string;
  user: { name: string; email: string } | null;
  role: Role | null;
  csrfToken: string | null;
  nav: { href: string; key: string; current: boolean }[];
  path: string;
  /** The service's now: countdowns run from it, not from the device's clock, which may be wrong. */
  now: string;
}

/**
 * The pages' templates (templates/web), compiled once at start-up in their own Handlebars instance: the letters'
 * helpers and partials stay the letters' own.
 */
@Injectable()
export class PageRenderer implements OnModuleInit {
  private readonly hbs = Handlebars.create();
  private pages = new Map<string, Handlebars.TemplateDelegate>();
  private layout: Handlebars.TemplateDelegate;

  constructor(private readonly clock: Clock) {}

  onModuleInit(): void {
    this.load(join(templatesDir(), 'web'));
  }

  load(dir: string): void {
    registerHelpers(this.hbs);
    for (const file of readdirSync(join(dir, 'partials'))) {
      this.hbs.registerPartial(basename(file, '.hbs'), readFileSync(join(dir, 'partials', file), 'utf8'));
    }
    this.pages = new Map(
      readdirSync(join(dir, 'pages')).map((file) => [
        basename(file, '.hbs'),
        this.hbs.compile(readFileSync(join(dir, 'pages', file), 'utf8')),
      ]),
    );
    this.layout = this.hbs.compile(readFileSync(join(dir, 'layout.hbs'), 'utf8'));
  }

  /** The page inside the layout, in the language and zone of whoever asked. */
  render(request: WebRequest, page: Page): string {
    const template = this.pages.get(page.view);
    if (!template) throw new Error(`No page template "${page.view}"`);
    const app = frameOf(request, page, this.clock.now());
    const context = { ...(page.model ?? {}), app };
    return this.layout({ app, body: new Handlebars.SafeString(template(context)) });
  }
}

export function frameOf(request: WebRequest, page: Pick<Page, 'title' | 'titleVars'>, now: Date): PageFrame {
  const locale = request.webUser?.locale ?? 'en';
  const role = request.actor?.role ?? null;
  const path = request.path;
  return {
    locale,
    timeZone: request.webUser?.timeZone ?? 'UTC',
    title: translate(locale, page.title, page.titleVars),
    user: request.webUser ? { name: request.webUser.name, email: request.webUser.email } : null,
    role,
    csrfToken: request.csrfToken ?? null,
    nav: NAV.filter((n) => role !== null && n.roles.includes(role)).map((n) => ({
      href: n.href,
      key: n.key,
      current: n.href === '/' ? path === '/' : path === n.href || path.startsWith(`${n.href}/`),
    })),
    path,
    now: now.toISOString(),
  };
}

type HelperOptions = Handlebars.HelperOptions;

/** The frame of the page being rendered, from inside any helper. */
function frame(options: HelperOptions): PageFrame {
  return (options.data as { root: { app: PageFrame } }).root.app;
}

/** What the regime and stage labels need of an obligation. */
interface Labelled {
  hop: string | null;
  regime: string;
  stage: string;
  occurrence: number;
}

/** A regime added through the API has no words in the UI's tables: its own id stands for it. */
function translatedOr(locale: UiLocale, key: string, fallback: string): string {
  return UI_KEYS.has(key) ? translate(locale, key) : fallback;
}

const UI_KEYS = new Set(uiKeys());

function registerHelpers(hbs: typeof Handlebars): void {
  /** {{t "key" name=value}}: the text in the user's language. */
  hbs.registerHelper('t', function (key: string, options: HelperOptions) {
    return translate(frame(options).locale, key, options.hash as Record<string, unknown>);
  });
  /**
   * {{instant iso}} (or {{instant iso zone="Europe/Berlin"}}): the instant on the wall clock of the user's zone (or the
   * given one), always with its offset, in a <time> element that keeps the exact instant for scripts and readers.
   */
  hbs.registerHelper('instant', function (iso: string | null | undefined, options: HelperOptions) {
    if (!iso) return '—';
    const zone = (options.hash as { zone?: string }).zone ?? frame(options).timeZone;
    const text = humanInstant(new Date(iso), zone, frame(options).locale);
    return new Handlebars.SafeString(
      `<time datetime="${Handlebars.escapeExpression(iso)}">${Handlebars.escapeExpression(text)}</time>`,
    );
  });
  /** {{regimeLabel o}}: the regime an obligation is owed under (GDPR, NIS2, DORA; a regime added later by its id). */
  hbs.registerHelper('regimeLabel', function (o: Labelled, options: HelperOptions) {
    return translatedOr(frame(options).locale, `regime.${o.regime}`, o.regime);
  });
  /** {{stageLabel o}}: GDPR's hop, or the regime's stage (by its id where the UI has no words for it). */
  hbs.registerHelper('stageLabel', function (o: Labelled, options: HelperOptions) {
    const locale = frame(options).locale;
    const stage = o.hop
      ? translate(locale, `hop.${o.hop}`)
      : translatedOr(locale, `stage.${o.regime}.${o.stage}`, o.stage);
    return o.occurrence > 1 ? `${stage} #${o.occurrence}` : stage;
  });
  /** {{tOr key fallback}}: the text of a key the UI may lack (a classification a regime added through the API declares). */
  hbs.registerHelper('tOr', function (key: string, fallback: string, options: HelperOptions) {
    return translatedOr(frame(options).locale, key, fallback);
  });
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('not', (a: unknown) => !a);
  hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hbs.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  /** {{concat "status." status}}: builds a string-table key. */
  hbs.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).map(String).join(''));
  /** For data-* attributes a script reads: JSON, escaped by the normal {{ }} output. */
  hbs.registerHelper('json', (value: unknown) => JSON.stringify(value ?? null));
}
