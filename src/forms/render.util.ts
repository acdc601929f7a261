import { humanInstant } from '../letters/human-date.util';
import { inZone } from '../obligations/deadline.util';
import type { CatalogueField } from './catalogue';
import { enisaScore, EnisaInputs } from './enisa.util';
import type { Answer } from './form.util';

/** Every language a notice, a form or a label can be written in: the one list (types, DTOs, checks derive from it). */
export const TEXT_LANGUAGES = ['en', 'nb', 'de', 'da', 'sv'] as const;
export type TextLanguage = (typeof TEXT_LANGUAGES)[number];

/** Art. 33(4): what is not known yet is said to follow, never left silently empty. */
export const TO_FOLLOW: Record<TextLanguage, string> = {
  en: 'Unknown – to follow',
  nb: 'Ukjent – ettersendes',
  de: 'Unbekannt – wird nachgereicht',
  da: 'Ukendt – eftersendes',
  sv: 'Okänt – kompletteras',
};
export const NOT_APPLICABLE: Record<TextLanguage, string> = {
  en: 'Not applicable',
  nb: 'Ikke relevant',
  de: 'Nicht zutreffend',
  da: 'Ikke relevant',
  sv: 'Ej tillämpligt',
};
const YES_NO: Record<TextLanguage, [string, string]> = {
  en: ['Yes', 'No'],
  nb: ['Ja', 'Nei'],
  de: ['Ja', 'Nein'],
  da: ['Ja', 'Nej'],
  sv: ['Ja', 'Nej'],
};
const OPTION_TEXT: Record<string, Record<TextLanguage, string>> = {
  yes: { en: 'Yes', nb: 'Ja', de: 'Ja', da: 'Ja', sv: 'Ja' },
  no: { en: 'No', nb: 'Nei', de: 'Nein', da: 'Nej', sv: 'Nej' },
  planned: { en: 'Planned', nb: 'Planlagt', de: 'Geplant', da: 'Planlagt', sv: 'Planerat' },
  confidentiality: {
    en: 'confidentiality',
    nb: 'konfidensialitet',
    de: 'Vertraulichkeit',
    da: 'fortrolighed',
    sv: 'konfidentialitet',
  },
  integrity: { en: 'integrity', nb: 'integritet', de: 'Integrität', da: 'integritet', sv: 'riktighet' },
  availability: {
    en: 'availability',
    nb: 'tilgjengelighet',
    de: 'Verfügbarkeit',
    da: 'tilgængelighed',
    sv: 'tillgänglighet',
  },
  art9: {
    en: 'special category, Art. 9',
    nb: 'særlig kategori, art. 9',
    de: 'besondere Kategorie, Art. 9',
    da: 'særlig kategori, art. 9',
    sv: 'känsliga personuppgifter, art. 9',
  },
  art10: {
    en: 'criminal offences, Art. 10',
    nb: 'straffedommer, art. 10',
    de: 'Straftaten, Art. 10',
    da: 'strafbare forhold, art. 10',
    sv: 'lagöverträdelser, art. 10',
  },
  'national-id': {
    en: 'national identity number',
    nb: 'fødselsnummer',
    de: 'Personenkennziffer',
    da: 'CPR-nummer',
    sv: 'personnummer',
  },
  low: { en: 'low', nb: 'lav', de: 'niedrig', da: 'lav', sv: 'låg' },
  medium: { en: 'medium', nb: 'middels', de: 'mittel', da: 'middel', sv: 'medel' },
  high: { en: 'high', nb: 'høy', de: 'hoch', da: 'høj', sv: 'hög' },
  'very-high': { en: 'very high', nb: 'svært høy', de: 'sehr hoch', da: 'meget høj', sv: 'mycket hög' },
  // Risk decisions and Art. 34(3) exceptions, as the authority form and the letters name them.
  'no-risk': {
    en: 'unlikely to result in a risk',
    nb: 'lite sannsynlig at bruddet medfører risiko',
    de: 'voraussichtlich kein Risiko',
    da: 'usandsynligt, at bruddet medfører en risiko',
    sv: 'osannolikt att incidenten medför en risk',
  },
  risk: { en: 'risk', nb: 'risiko', de: 'Risiko', da: 'risiko', sv: 'risk' },
  'high-risk': { en: 'high risk', nb: 'høy risiko', de: 'hohes Risiko', da: 'høj risiko', sv: 'hög risk' },
  unintelligible: {
    en: 'Art. 34(3)(a): the data is unintelligible to others (e.g. encrypted)',
    nb: 'art. 34 nr. 3 bokstav a: opplysningene er uforståelige for uvedkommende (f.eks. kryptert)',
    de: 'Art. 34 Abs. 3 lit. a: die Daten sind für Unbefugte unzugänglich (z. B. verschlüsselt)',
    da: 'art. 34, stk. 3, litra a: oplysningerne er uforståelige for uvedkommende (f.eks. krypteret)',
    sv: 'art. 34.3 a: uppgifterna är obegripliga för obehöriga (t.ex. krypterade)',
  },
  'subsequent-measures': {
    en: 'Art. 34(3)(b): later measures make the high risk no longer likely',
    nb: 'art. 34 nr. 3 bokstav b: senere tiltak gjør at den høye risikoen ikke lenger er sannsynlig',
    de: 'Art. 34 Abs. 3 lit. b: nachfolgende Maßnahmen lassen das hohe Risiko nicht mehr wahrscheinlich sein',
    da: 'art. 34, stk. 3, litra b: efterfølgende foranstaltninger gør, at den høje risiko ikke længere er sandsynlig',
    sv: 'art. 34.3 b: senare åtgärder gör att den höga risken inte längre är sannolik',
  },
  'disproportionate-effort': {
    en: 'Art. 34(3)(c): it would involve disproportionate effort; a public communication instead',
    nb: 'art. 34 nr. 3 bokstav c: det ville kreve uforholdsmessig innsats; offentlig kunngjøring i stedet',
    de: 'Art. 34 Abs. 3 lit. c: unverhältnismäßiger Aufwand; stattdessen öffentliche Bekanntmachung',
    da: 'art. 34, stk. 3, litra c: det vil kræve en uforholdsmæssig indsats; offentlig meddelelse i stedet',
    sv: 'art. 34.3 c: det skulle innebära en oproportionerlig ansträngning; offentligt meddelande i stället',
  },
};
const ABOUT: Record<TextLanguage, string> = { en: 'about', nb: 'ca.', de: 'ca.', da: 'ca.', sv: 'cirka' };

export function optionText(option: string, lang: TextLanguage): string {
  return OPTION_TEXT[option]?.[lang] ?? option;
}

/**
 * How instants are written: `human` for what people read (letters, the authority's form), `iso` for data (the
 * register, the API's own fields).
 */
export type DateStyle = 'human' | 'iso';

/** An instant in `zone` with its offset, in the given style. */
export function instantText(d: Date, zone: string, lang: TextLanguage, dates: DateStyle): string {
  return dates === 'human' ? humanInstant(d, zone, lang) : inZone(d, zone);
}

/** An answer as a reader sees it, in one language; instants in `zone` with their offset. */
export function renderAnswer(
  field: CatalogueField,
  answer: Answer | undefined,
  lang: TextLanguage,
  zone: string,
  dates: DateStyle,
): string {
  if (!answer || answer.state === 'unknown') return TO_FOLLOW[lang];
  if (answer.state === 'not-applicable') return `${NOT_APPLICABLE[lang]}: ${answer.reason ?? ''}`;
  const v = answer.value;
  switch (field.type) {
    case 'text':
      return String(v);
    case 'instant':
      return instantText(new Date(v as string), zone, lang, dates);
    case 'instant-range': {
      const r = v as { from?: string; to?: string };
      const side = (s?: string) => (s ? instantText(new Date(s), zone, lang, dates) : TO_FOLLOW[lang]);
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
