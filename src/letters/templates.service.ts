import { Injectable, OnModuleInit } from '@nestjs/common';
import Handlebars from 'handlebars';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { TextLanguage } from '../forms/render.util';
import { NOTICE_KINDS, NoticeContext, NoticeKind } from './notice-context.util';

/** templates/ beside src/ (in a checkout) or beside dist/ (in a build). */
export function templatesDir(): string {
  const candidates = [
    join(__dirname, '..', '..', 'templates'),
    join(__dirname, '..', '..', '..', 'templates'),
  ];
  const found = candidates.find((c) => existsSync(join(c, 'strings')));
  if (!found) throw new Error(`No templates/ directory in ${candidates.join(' or ')}`);
  return found;
}

/** The string tables of `dir`/strings, by language (`en.json` → `en`): the letters' and the stage reports' words. */
export function loadStringTables(dir: string): Record<string, Record<string, string>> {
  return Object.fromEntries(
    readdirSync(join(dir, 'strings')).map((f) => [
      basename(f, '.json'),
      JSON.parse(readFileSync(join(dir, 'strings', f), 'utf8')) as Record<string, string>,
    ]),
  );
}

type Compiled = Record<NoticeKind, Handlebars.TemplateDelegate<NoticeContext>>;

/**
 * Every template compiled once at start-up, in strict mode: a template that names something the context lacks fails
 * at once (and in the spec that renders them all), never as a letter that went out with a blank.
 */
@Injectable()
export class TemplatesService implements OnModuleInit {
  private html: Compiled;
  private text: Compiled;
  private strings: Record<string, Record<string, string>>;
  private agreementStrings: Record<string, Record<string, Record<string, string>>>;

  onModuleInit(): void {
    this.load(templatesDir());
  }

  load(dir: string): void {
    this.html = this.compile(dir, 'html', false);
    this.text = this.compile(dir, 'text', true);
    this.strings = loadStringTables(dir);
    this.agreementStrings = {};
    for (const agreement of readdirSync(join(dir, 'agreements'))) {
      this.agreementStrings[agreement] = Object.fromEntries(
        readdirSync(join(dir, 'agreements', agreement)).map((f) => [
          basename(f, '.json'),
          JSON.parse(readFileSync(join(dir, 'agreements', agreement, f), 'utf8')) as Record<string, string>,
        ]),
      );
    }
  }

  /** The string table for a language: the shared one, with what this agreement words differently laid over it. */
  stringsFor(language: TextLanguage, agreementId: string): Record<string, string> {
    const base = this.strings[language];
    if (!base) throw new Error(`No strings for language ${language}`);
    return { ...base, ...(this.agreementStrings[agreementId]?.[language] ?? {}) };
  }

  renderHtml(context: NoticeContext): string {
    return this.html[context.kind](context);
  }

  renderText(context: NoticeContext): string {
    return (
      this.text[context.kind](context)
        .replace(/\n{3,}/g, '\n\n')
        .trim() + '\n'
    );
  }

  private compile(dir: string, format: 'html' | 'text', noEscape: boolean): Compiled {
    const env = Handlebars.create();
    const partials = join(dir, 'partials', format);
    for (const f of readdirSync(partials)) {
      env.registerPartial(
        basename(f, '.hbs'),
        env.compile(readFileSync(join(partials, f), 'utf8'), { strict: true, noEscape }),
      );
    }
    return Object.fromEntries(
      NOTICE_KINDS.map((kind) => [
        kind,
        env.compile<NoticeContext>(readFileSync(join(dir, format, `${kind}.hbs`), 'utf8'), {
          strict: true,
          noEscape,
        }),
      ]),
    ) as Compiled;
  }
}
