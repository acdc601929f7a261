import { inZone } from '../obligations/deadline.util';
import type { CatalogueField } from './catalogue';
import { enisaScore, EnisaInputs } from './enisa.util';
import type { Answer } from './form.util';

export const TEXT_LANGUAGES = ['en', 'nb', 'de'] as const;
export type TextLanguage = (typeof TEXT_LANGUAGES)[number];

/** Art. 33(4): what is not known yet is said to follow, never left silently empty. */
export const TO_FOLLOW: Record<TextLanguage, string> = {
  en: 'Unknown – to follow',
  nb: 'Ukjent – ettersendes',
  de: 'Unbekannt – wird nachgereicht',
};
export const NOT_APPLICABLE: Record<TextLanguage, string> = {
  en: 'Not applicable',
  nb: 'Ikke relevant',
  de: 'Nicht zutreffend',
};
const YES_NO: Record<TextLanguage, [string, string]> = {
  en: ['Yes', 'No'],
  nb: ['Ja', 'Nei'],
  de: ['Ja', 'Nein'],
};
const OPTION_TEXT: Record<string, Record<TextLanguage, string>> = {
  yes: { en: 'Yes', nb: 'Ja', de: 'Ja' },
  no: { en: 'No', nb: 'Nei', de: 'Nein' },
  planned: { en: 'Planned', nb: 'Planlagt', de: 'Geplant' },
  confidentiality: { en: 'confidentiality', nb: 'konfidensialitet', de: 'Vertraulichkeit' },
  integrity: { en: 'integrity', nb: 'integritet', de: 'Integrität' },
  availability: { en: 'availability', nb: 'tilgjengelighet', de: 'Verfügbarkeit' },
  art9: { en: 'special category, Art. 9', nb: 'særlig kategori, art. 9', de: 'besondere Kategorie, Art. 9' },
  art10: { en: 'criminal offences, Art. 10', nb: 'straffedommer, art. 10', de: 'Straftaten, Art. 10' },
  'national-id': { en: 'national identity number', nb: 'fødselsnummer', de: 'Personenkennziffer' },
  low: { en: 'low', nb: 'lav', de: 'niedrig' },
  medium: { en: 'medium', nb: 'middels', de: 'mittel' },
  high: { en: 'high', nb: 'høy', de: 'hoch' },
  'very-high': { en: 'very high', nb: 'svært høy', de: 'sehr hoch' },
};
const ABOUT: Record<TextLanguage, string> = { en: 'about', nb: 'ca.', de: 'ca.' };

export function optionText(option: string, lang: TextLanguage): string {
  return OPTION_TEXT[option]?.[lang] ?? option;
}

/** An answer as a reader sees it, in one language; instants in `zone` with their offset. */
export function renderAnswer(
  field: CatalogueField,
  answer: Answer | undefined,
  lang: TextLanguage,
  zone: string,
): string {
  if (!answer || answer.state === 'unknown') return TO_FOLLOW[lang];
  if (answer.state === 'not-applicable') return `${NOT_APPLICABLE[lang]}: ${answer.reason ?? ''}`;
  const v = answer.value;
  switch (field.type) {
    case 'text':
      return String(v);
    case 'instant':
      return inZone(new Date(v as string), zone);
    case 'instant-range': {
      const r = v as { from?: string; to?: string };
      const side = (s?: string) => (s ? inZone(new Date(s), zone) : TO_FOLLOW[lang]);
      return `${side(r.from)} – ${side(r.to)}`;
    }
    case 'boolean':
      return YES_NO[lang][v ? 0 : 1];
    case 'enum':
      return optionText(String(v), lang);
    case 'list':
      return (v as string[]).join(', ');
    case 'breach-types':
      return (v as string[]).map((t) => optionText(t, lang)).join(', ');
    case 'approx-number':
      return typeof v === 'number'
        ? `${ABOUT[lang]} ${v}`
        : `${(v as { min: number }).min}–${(v as { max: number }).max}`;
    case 'data-categories':
      return (v as { name: string; flags?: string[] }[])
        .map((c) =>
          c.flags?.length ? `${c.name} (${c.flags.map((f) => optionText(f, lang)).join(', ')})` : c.name,
        )
        .join('; ');
    case 'contact': {
      const c = v as { name: string; email?: string; phone?: string };
      return [c.name, c.email, c.phone].filter(Boolean).join(', ');
    }
    case 'enisa': {
      const { score, band } = enisaScore(v as EnisaInputs);
      return `ENISA SE ${score} (${optionText(band, lang)})`;
    }
  }
}
