/** The languages the reader reads. Danish and Swedish agreements are read, though a profile cannot yet be signed in them. */
export const READER_LANGUAGES = ['en', 'nb', 'da', 'sv', 'de'] as const;
export type ReaderLanguage = (typeof READER_LANGUAGES)[number];

export const LANGUAGE_NAMES: Record<ReaderLanguage, string> = {
  en: 'English',
  nb: 'Norwegian bokmål',
  da: 'Danish',
  sv: 'Swedish',
  de: 'German',
};

/**
 * Words frequent in agreements in one of the five languages and rare in the other four. Words the Scandinavian
 * languages share ("og", "ikke", "skal", "den") tell nothing and are left out; the ones that differ ("av"/"af",
 * "etter"/"efter", "uten"/"uden"/"utan") decide.
 */
const MARKERS: Record<ReaderLanguage, readonly string[]> = {
  en: [
    'the',
    'and',
    'of',
    'to',
    'is',
    'shall',
    'be',
    'that',
    'with',
    'by',
    'any',
    'this',
    'which',
    'are',
    'such',
    'its',
    'from',
    'will',
    'must',
    'not',
    'where',
    'has',
    'have',
    'been',
    'an',
    'it',
    'processor',
    'controller',
    'without',
  ],
  nb: [
    'av',
    'etter',
    'uten',
    'mellom',
    'noen',
    'bare',
    'slik',
    'dersom',
    'personopplysninger',
    'opplysninger',
    'behandlingsansvarlige',
    'behandlingsansvarlig',
    'gjelder',
    'sikkerhet',
    'skjer',
    'skjedd',
    'ugrunnet',
    'opphold',
    'hvordan',
    'hennes',
    'ingen',
    'tiltak',
    'avtalen',
    'myndighet',
    'tilsynsmyndigheten',
    'varsle',
    'brudd',
    'bruddet',
    'personopplysningssikkerheten',
    'bistå',
    'ikke',
    'også',
    'informasjon',
    'innen',
    'dager',
    'kreves',
    'personvernforordningen',
    'dokumentert',
    'vedlegg',
    'personvernombud',
  ],
  da: [
    'af',
    'efter',
    'uden',
    'mellem',
    'nogen',
    'hvad',
    'sådan',
    'sådanne',
    'personoplysninger',
    'oplysninger',
    'dataansvarlige',
    'dataansvarlig',
    'gælder',
    'sikkerhed',
    'foranstaltninger',
    'bliver',
    'forsinkelse',
    'unødig',
    'myndighed',
    'tilsynsmyndigheden',
    'aftalen',
    'brud',
    'bruddet',
    'persondatasikkerheden',
    'hvorvidt',
    'ikke',
    'også',
    'være',
    'dage',
    'tredjemand',
    'bare',
    'inden',
    'kræves',
    'dokumenteret',
    'omkostninger',
    'databeskyttelsesforordningen',
    'databeskyttelsesrådgiver',
  ],
  sv: [
    'och',
    'att',
    'är',
    'inte',
    'ska',
    'skall',
    'för',
    'från',
    'också',
    'utan',
    'mellan',
    'någon',
    'hur',
    'endast',
    'enligt',
    'personuppgifter',
    'personuppgiftsansvarige',
    'personuppgiftsansvarig',
    'personuppgiftsbiträdet',
    'säkerhet',
    'åtgärder',
    'dröjsmål',
    'onödigt',
    'personuppgiftsincident',
    'avtalet',
    'detta',
    'inom',
    'dagar',
    'timmar',
    'dataskyddsförordningen',
    'biträdet',
    'underrätta',
    'dataskyddsombud',
    // Spelt alike in Norwegian or Danish: listed so that they count for no language.
    'av',
    'efter',
    'ingen',
    'dem',
  ],
  de: [
    'der',
    'die',
    'das',
    'und',
    'dem',
    'des',
    'ist',
    'nicht',
    'mit',
    'von',
    'zu',
    'auf',
    'für',
    'ein',
    'eine',
    'einer',
    'werden',
    'wird',
    'im',
    'sind',
    'oder',
    'bei',
    'nach',
    'auch',
    'durch',
    'aus',
    'sich',
    'sowie',
    'gemäß',
    'auftragnehmer',
    'auftraggeber',
    'daten',
    'personenbezogener',
    'unverzüglich',
    'an',
  ],
};

/** Words that two of the languages spell alike count for neither. */
const MARKER_SETS: Record<ReaderLanguage, Set<string>> = (() => {
  const counts = new Map<string, number>();
  for (const words of Object.values(MARKERS))
    for (const w of new Set(words)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return Object.fromEntries(
    READER_LANGUAGES.map((l) => [l, new Set(MARKERS[l].filter((w) => counts.get(w) === 1))]),
  ) as Record<ReaderLanguage, Set<string>>;
})();

export interface LanguageReading {
  language: ReaderLanguage;
  /** The share of all marker words that are the chosen language's, 0 to 1. */
  confidence: number;
  /** Marker words counted per language. */
  counts: Record<ReaderLanguage, number>;
}

/** Detects the language of an agreement by counting each language's marker words. */
export function detectLanguage(text: string): LanguageReading {
  const counts = Object.fromEntries(READER_LANGUAGES.map((l) => [l, 0])) as Record<ReaderLanguage, number>;
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    for (const language of READER_LANGUAGES) if (MARKER_SETS[language].has(word)) counts[language]++;
  }
  const total = READER_LANGUAGES.reduce((n, l) => n + counts[l], 0);
  // On a tie, or no marker word at all, the order of READER_LANGUAGES decides: English first.
  const language = READER_LANGUAGES.reduce(
    (best, l) => (counts[l] > counts[best] ? l : best),
    READER_LANGUAGES[0],
  );
  const confidence = total === 0 ? 0 : Math.round((counts[language] / total) * 100) / 100;
  return { language, confidence, counts };
}
