import { FIELDS_BY_KEY } from '../../forms/catalogue';
import type { Answer } from '../../forms/form.util';
import { instantText, renderAnswer, type TextLanguage } from '../../forms/render.util';
import type { StageReport, StageReportField } from './stage-report.util';

/** One language's column of a report letter: its headings and notes. */
export interface LetterColumn {
  language: TextLanguage;
  regimeLine: string;
  stageTitle: string;
  issued: string;
  draftNote: string;
  toFollowNote: string;
  labels: { to: string; reference: string; issued: string };
}

/** What the stage-report templates read (templates/html/stage-report.hbs, templates/text/stage-report.hbs). */
export interface LetterContext {
  language: TextLanguage;
  title: string;
  reference: string;
  recipientName: string;
  draft: boolean;
  hasToFollow: boolean;
  columns: LetterColumn[];
  rows: { cells: { language: TextLanguage; label: string; text: string; pending: boolean }[] }[];
}

/**
 * The recipient's language and English, side by side (NIS2 reports go to a national CSIRT in its language; English
 * lets ENISA, the single point of contact and our own staff read the same page). English alone where that is the
 * recipient's language.
 */
export function letterLanguages(recipientLanguage: TextLanguage): TextLanguage[] {
  return recipientLanguage === 'en' ? ['en'] : [recipientLanguage, 'en'];
}

function answerOf(field: StageReportField): Answer | undefined {
  if (field.state === 'missing') return undefined;
  return { state: field.state, value: field.value, reason: field.reason };
}

/** A report as the letter templates read it; `strings` gives each language's string table. */
export function buildLetterContext(
  report: StageReport,
  strings: (language: TextLanguage) => Record<string, string>,
  issuedAt: Date,
): LetterContext {
  const languages = letterLanguages(report.jurisdiction.language);
  const zone = report.jurisdiction.zone;
  const columns = languages.map((language) => {
    const s = strings(language);
    return {
      language,
      regimeLine: s[`report.${report.regime}`] ?? report.regime,
      stageTitle: s[`report.${report.regime}.${report.stage}`] ?? report.title,
      issued: instantText(issuedAt, zone, language, 'human'),
      draftNote: s['report.draft'],
      toFollowNote: s['report.toFollow'],
      labels: { to: s['label.to'], reference: s['label.reference'], issued: s['label.issued'] },
    };
  });
  const rows = report.fields.map((field) => ({
    cells: columns.map(({ language }) => ({
      language,
      label: field.labels[language],
      text:
        field.state === 'missing'
          ? strings(language)['report.notAnswered']
          : renderAnswer(FIELDS_BY_KEY.get(field.key)!, answerOf(field), language, zone, 'human'),
      pending: field.state === 'missing' || field.state === 'unknown',
    })),
  }));
  return {
    language: languages[0],
    title: columns[0].stageTitle,
    reference: report.reference,
    recipientName: report.jurisdiction.recipient.name,
    draft: !report.ready,
    hasToFollow: report.unknown.length > 0,
    columns,
    rows,
  };
}
