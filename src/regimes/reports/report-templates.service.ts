import { Injectable, OnModuleInit } from '@nestjs/common';
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TextLanguage } from '../../forms/render.util';
import { loadStringTables, templatesDir } from '../../letters/templates.service';
import type { LetterContext } from './report-letter.util';

/**
 * The stage-report letter, compiled once at start-up in strict mode like the notices' templates (a name the context
 * lacks fails at once, never as a report with a blank), with the letters' layout and their string tables.
 */
@Injectable()
export class ReportTemplatesService implements OnModuleInit {
  private html: Handlebars.TemplateDelegate<LetterContext>;
  private text: Handlebars.TemplateDelegate<LetterContext>;
  private strings: Record<string, Record<string, string>>;

  onModuleInit(): void {
    this.load(templatesDir());
  }

  load(dir: string): void {
    this.html = this.compile(dir, 'html', false);
    this.text = this.compile(dir, 'text', true);
    this.strings = loadStringTables(dir);
  }

  stringsFor = (language: TextLanguage): Record<string, string> => {
    const table = this.strings[language];
    if (!table) throw new Error(`No strings for language ${language}`);
    return table;
  };

  renderHtml(context: LetterContext): string {
    return this.html(context);
  }

  renderText(context: LetterContext): string {
    return (
      this.text(context)
        .replace(/\n{3,}/g, '\n\n')
        .trim() + '\n'
    );
  }

  private compile(dir: string, format: 'html' | 'text', noEscape: boolean) {
    const env = Handlebars.create();
    if (format === 'html') {
      const layout = readFileSync(join(dir, 'partials', 'html', 'layout.hbs'), 'utf8');
      env.registerPartial('layout', env.compile(layout, { strict: true, noEscape }));
    }
    return env.compile<LetterContext>(readFileSync(join(dir, format, 'stage-report.hbs'), 'utf8'), {
      strict: true,
      noEscape,
    });
  }
}
