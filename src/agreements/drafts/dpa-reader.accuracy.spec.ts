import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_PROFILES_DIR } from '../agreements.service';
import { READER_LANGUAGES, type ReaderLanguage } from './dpa-language.util';
import { PATTERNS } from './dpa-patterns';
import { type AgreementReading, readAgreement, type ValueStatus } from './dpa-reader.util';
import { collapsedText } from './dpa-text.util';

/**
 * Measured accuracy of the reader: the five seed agreements against the four built-in profiles, and our own corpus of
 * DPA breach sections (test/fixtures/dpa/) in the five languages against their expected readings.
 */

const ROOT = join(__dirname, '..', '..', '..');
/** The repository is cloned next to shared/ (here and in CI). */
const SEEDS_DIR = join(ROOT, '..', 'shared', 'seeds');
const CORPUS_DIR = join(ROOT, 'test', 'fixtures', 'dpa');

const SEEDS: { file: string; profile: string; language: ReaderLanguage }[] = [
  { file: '000_a19d2238bd3a1f38.txt', profile: 'videonor', language: 'en' },
  { file: '001_530068f4bc2ea69c.txt', profile: 'videonor', language: 'nb' },
  { file: '002_8cae71615494c375.txt', profile: 'dotnet-internals', language: 'en' },
  { file: '003_00abeaf8b47e7793.txt', profile: 'decision-beacon', language: 'en' },
  { file: '004_3160e7d59a5a6658.txt', profile: 'alfaview', language: 'en' },
];

interface Expected {
  language: ReaderLanguage;
  breachTerms: Record<string, unknown>;
  clauses?: Record<string, unknown>;
  processor?: { name?: string; address?: string; breachContact?: Record<string, string> };
  law?: string;
  languages?: string[];
  subprocessors?: unknown[];
  deadline?: Record<string, unknown>;
  /** Fields whose report must carry a note that the profile cannot express what the text says. */
  unsupported?: string[];
}

interface Term {
  term: string;
  expected: unknown;
  actual: unknown;
}

const DEADLINE_TERMS = [
  'breachTerms.standard',
  'breachTerms.hours',
  'breachTerms.basis',
  'breachTerms.businessDays',
  'breachTerms.backstopHours',
  'breachTerms.confirmationHours',
  'breachTerms.firm',
];

function get(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);
}

function flatten(prefix: string, value: Record<string, unknown>): [string, unknown][] {
  return Object.entries(value).map(([k, v]) => [`${prefix}.${k}`, v]);
}

function termsOf(expected: Expected, reading: AgreementReading): Term[] {
  const pairs: [string, unknown][] = [
    ...flatten('breachTerms', expected.breachTerms),
    ...flatten('clauses', expected.clauses ?? {}),
  ];
  if (expected.processor) {
    const { breachContact, ...rest } = expected.processor;
    pairs.push(...flatten('processor', rest), ...flatten('processor.breachContact', breachContact ?? {}));
  }
  for (const key of ['law', 'languages', 'subprocessors'] as const) {
    if (expected[key] !== undefined) pairs.push([key, expected[key]]);
  }
  const terms: Term[] = pairs.map(([term, value]) => ({
    term,
    expected: value,
    actual: get(reading.profile, term) ?? (term.startsWith('processor.') ? '' : null),
  }));
  terms.push({ term: 'language', expected: expected.language, actual: reading.language.read });
  for (const [k, v] of Object.entries(expected.deadline ?? {})) {
    terms.push({
      term: `deadline.${k}`,
      expected: v,
      actual: reading.deadline[k as keyof typeof reading.deadline],
    });
  }
  for (const field of expected.unsupported ?? []) {
    const report = reading.values.find((v) => v.field === field);
    terms.push({ term: `unsupported ${field}`, expected: true, actual: Boolean(report?.unsupported) });
  }
  return terms;
}

const right = (t: Term) => JSON.stringify(t.actual) === JSON.stringify(t.expected);

/** A deadline the draft states (not a default marked not-found) that is not the expected one. */
function wrongDeadline(terms: Term[], reading: AgreementReading): boolean {
  const standard = reading.values.find((v) => v.field === 'breachTerms.standard');
  return (
    standard?.status !== 'not-found' &&
    terms.filter((t) => DEADLINE_TERMS.includes(t.term)).some((t) => !right(t))
  );
}

const NUMBER_FIELDS = ['hours', 'businessDays', 'backstopHours', 'confirmationHours'] as const;

/** The number, in digits or as a word of the language: "36", "two (2)", "zwei", "to", "två". */
function statesNumber(quote: string, n: number, language: ReaderLanguage): boolean {
  const spelled = Object.entries(PATTERNS[language].numberWords)
    .filter(([, v]) => v === n)
    .map(([w]) => w.replace(/[-\s]/g, '[-\\s]'));
  return new RegExp(`(?<![\\p{L}\\d])(?:${[String(n), ...spelled].join('|')})(?![\\p{L}\\d])`, 'iu').test(
    quote,
  );
}

/**
 * The deadline numbers a draft carries that are not quoted from the text: each value's report must quote a sentence
 * that states its number (hours counted from days: the days), and a confirmationHours quote must say "confirm".
 */
function unquotedDeadlines(reading: AgreementReading): string[] {
  const language = reading.language.read;
  const problems: string[] = [];
  for (const field of NUMBER_FIELDS) {
    const value = reading.profile.breachTerms[field];
    if (value === null || value === undefined) continue;
    const report = reading.values.find((v) => v.field === `breachTerms.${field}`);
    const quote = report && report.status !== 'not-found' ? report.quote : null;
    if (quote === null) {
      problems.push(`${field} ${value}: no quote`);
      continue;
    }
    const stated =
      statesNumber(quote, value, language) || (value % 24 === 0 && statesNumber(quote, value / 24, language));
    if (!stated) problems.push(`${field} ${value}: the quote does not state it: "${quote}"`);
    if (field === 'confirmationHours' && !PATTERNS[language].confirmation.test(quote))
      problems.push(`${field} ${value}: the quote names no confirmation: "${quote}"`);
  }
  return problems;
}

function loadCorpus(): { name: string; text: string; expected: Expected }[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({
      name: f.replace(/\.txt$/, ''),
      text: readFileSync(join(CORPUS_DIR, f), 'utf8'),
      expected: JSON.parse(
        readFileSync(join(CORPUS_DIR, f.replace(/\.txt$/, '.expected.json')), 'utf8'),
      ) as Expected,
    }));
}

function seedExpected(profile: string, language: ReaderLanguage): Expected {
  const p = JSON.parse(readFileSync(join(BUILTIN_PROFILES_DIR, `${profile}.json`), 'utf8')) as {
    breachTerms: Record<string, unknown>;
    clauses: { breachNotice: string };
  };
  // A built-in profile's hours for "immediately" or "without undue delay" are our target, not the text's: a draft
  // leaves them empty for the reader of the draft to set.
  const hours = p.breachTerms.basis === 'target' ? null : p.breachTerms.hours;
  return {
    language,
    breachTerms: { ...p.breachTerms, hours },
    clauses: { breachNotice: p.clauses.breachNotice },
  };
}

interface Row {
  language: ReaderLanguage;
  right: number;
  total: number;
  wrongDeadlines: number;
  /** The values of the draft by status: found, inferred, not-found (the default kept). */
  statuses: Record<ValueStatus, number>;
  misses: string[];
}

function sum(rows: Row[]): Omit<Row, 'language' | 'misses'> {
  return rows.reduce(
    (a, b) => ({
      right: a.right + b.right,
      total: a.total + b.total,
      wrongDeadlines: a.wrongDeadlines + b.wrongDeadlines,
      statuses: {
        found: a.statuses.found + b.statuses.found,
        inferred: a.statuses.inferred + b.statuses.inferred,
        'not-found': a.statuses['not-found'] + b.statuses['not-found'],
      },
    }),
    { right: 0, total: 0, wrongDeadlines: 0, statuses: { found: 0, inferred: 0, 'not-found': 0 } },
  );
}

function table(title: string, rows: Row[]): string {
  const lines = [
    title,
    'language  terms right/total  wrong deadlines  values found  inferred  not-found (default)',
  ];
  const line = (name: string, r: Omit<Row, 'language' | 'misses'>) =>
    `${name.padEnd(9)} ${`${r.right}/${r.total}`.padStart(17)}  ${String(r.wrongDeadlines).padStart(15)}  ${String(r.statuses.found).padStart(12)}  ${String(r.statuses.inferred).padStart(8)}  ${String(r.statuses['not-found']).padStart(19)}`;
  for (const language of READER_LANGUAGES) {
    const of = rows.filter((r) => r.language === language);
    if (of.length > 0) lines.push(line(language, sum(of)));
  }
  lines.push(line('all', sum(rows)));
  const misses = rows.flatMap((r) => r.misses);
  if (misses.length > 0) lines.push('misses:', ...misses.map((m) => `  ${m}`));
  return lines.join('\n');
}

function measure(name: string, text: string, expected: Expected): Row {
  const reading = readAgreement(text);
  const terms = termsOf(expected, reading);
  const statuses: Record<ValueStatus, number> = { found: 0, inferred: 0, 'not-found': 0 };
  for (const v of reading.values) statuses[v.status] += 1;
  return {
    language: expected.language,
    right: terms.filter(right).length,
    total: terms.length,
    wrongDeadlines: wrongDeadline(terms, reading) ? 1 : 0,
    statuses,
    misses: terms
      .filter((t) => !right(t))
      .map(
        (t) => `${name} ${t.term}: expected ${JSON.stringify(t.expected)}, read ${JSON.stringify(t.actual)}`,
      ),
  };
}

describe('the reader, measured', () => {
  it('finds the seed agreements beside the repository', () => {
    // The seeds are not in this repository: it is cloned next to shared/, locally and in CI.
    expect(existsSync(SEEDS_DIR)).toBe(true);
  });

  it('reads every breach term of the four built-in profiles from the five seed texts', () => {
    const rows = SEEDS.map((seed) =>
      measure(
        seed.file,
        readFileSync(join(SEEDS_DIR, seed.file), 'utf8'),
        seedExpected(seed.profile, seed.language),
      ),
    );
    console.log(table('Seeds (shared/seeds) against the built-in profiles', rows));
    expect(rows.flatMap((r) => r.misses)).toEqual([]);
  });

  it('reads our own corpus in five languages, with no wrong deadline', () => {
    const corpus = loadCorpus();
    expect(corpus.length).toBeGreaterThanOrEqual(10);
    expect(new Set(corpus.map((c) => c.expected.language))).toEqual(new Set(READER_LANGUAGES));
    const rows = corpus.map((c) => measure(c.name, c.text, c.expected));
    console.log(table('Corpus (test/fixtures/dpa) against the expected readings', rows));
    expect(rows.reduce((n, r) => n + r.wrongDeadlines, 0)).toBe(0);
    expect(rows.flatMap((r) => r.misses)).toEqual([]);
  });

  it('never carries a deadline that is not quoted from the text, and quotes verbatim', () => {
    const texts = [
      ...SEEDS.map((s) => readFileSync(join(SEEDS_DIR, s.file), 'utf8')),
      ...loadCorpus().map((c) => c.text),
    ];
    for (const text of texts) {
      const reading = readAgreement(text);
      expect(unquotedDeadlines(reading)).toEqual([]);
      const haystack = collapsedText(text);
      for (const v of reading.values) {
        for (const q of [v.quote, ...(v.more ?? []).map((m) => m.quote)]) {
          if (q !== null)
            expect({ field: v.field, quoted: haystack.includes(q) }).toEqual({
              field: v.field,
              quoted: true,
            });
        }
      }
    }
  });
});

/** How a breach section is written in each language, in parts a generator can put together. */
interface Phrasing {
  heading: string;
  /** The clause numbers of the section: its first clause holds the duty. */
  clauses: [string, string, string, string];
  duty: string;
  standard: Record<'immediately' | 'without-undue-delay', string>;
  within: string;
  ifPossible: string;
  units: { hours: string; 'business-days': string };
  anchors: { awareness: string; confirmation: string };
  /** A second firm number of hours in the same sentence, from awareness (a backstop) or from confirmation. */
  second: (hours: number, anchor: string) => string;
  /** The same, in a sentence of its own after the duty. */
  siblingBackstop: (hours: number) => string;
  /** Sentences with numbers that are not the processor's deadline. */
  noise: { authority: string; retention: string; audit: string };
  words: Record<number, string>;
}

const PHRASINGS: Record<ReaderLanguage, Phrasing> = {
  en: {
    heading: '7. Personal data breaches',
    clauses: ['7.1', '7.2', '7.3', '7.4'],
    duty: 'The Processor shall notify the Controller of any personal data breach',
    standard: { immediately: 'immediately', 'without-undue-delay': 'without undue delay' },
    within: 'within',
    ifPossible: 'if possible',
    units: { hours: 'hours', 'business-days': 'business days' },
    anchors: { awareness: 'after becoming aware of it', confirmation: 'after confirming the breach' },
    second: (h, anchor) => `, and in any event no later than ${h} hours ${anchor}`,
    siblingBackstop: (h) => `In any event, the notification shall be made within ${h} hours.`,
    noise: {
      authority: 'The Controller shall notify the supervisory authority within 72 hours.',
      retention: 'Records of each notification are retained for 90 days.',
      audit: "The Controller shall give the Processor 30 days' notice of an audit.",
    },
    words: {
      2: 'two',
      3: 'three',
      5: 'five',
      6: 'six',
      8: 'eight',
      12: 'twelve',
      24: 'twenty-four',
      36: 'thirty-six',
      48: 'forty-eight',
    },
  },
  nb: {
    heading: '7. Brudd på personopplysningssikkerheten',
    clauses: ['7.1', '7.2', '7.3', '7.4'],
    duty: 'Databehandler skal varsle behandlingsansvarlig om brudd på personopplysningssikkerheten',
    standard: { immediately: 'straks', 'without-undue-delay': 'uten ugrunnet opphold' },
    within: 'innen',
    ifPossible: 'om mulig',
    units: { hours: 'timer', 'business-days': 'virkedager' },
    anchors: {
      awareness: 'etter at Databehandler ble kjent med bruddet',
      confirmation: 'etter at bruddet er bekreftet',
    },
    second: (h, anchor) => `, og senest innen ${h} timer ${anchor}`,
    siblingBackstop: (h) => `Varselet skal under enhver omstendighet gis innen ${h} timer.`,
    noise: {
      authority: 'Behandlingsansvarlig skal melde bruddet til Datatilsynet innen 72 timer.',
      retention: 'Logger over varslene oppbevares i 90 dager.',
      audit: 'Behandlingsansvarlig skal varsle revisjoner 30 dager i forveien.',
    },
    words: {
      2: 'to',
      3: 'tre',
      5: 'fem',
      6: 'seks',
      8: 'åtte',
      12: 'tolv',
      24: 'tjuefire',
      36: 'trettiseks',
      48: 'førtiåtte',
    },
  },
  da: {
    heading: '7. Brud på persondatasikkerheden',
    clauses: ['7.1', '7.2', '7.3', '7.4'],
    duty: 'Databehandleren skal underrette den dataansvarlige om ethvert brud på persondatasikkerheden',
    standard: { immediately: 'straks', 'without-undue-delay': 'uden unødig forsinkelse' },
    within: 'inden for',
    ifPossible: 'om muligt',
    units: { hours: 'timer', 'business-days': 'arbejdsdage' },
    anchors: {
      awareness: 'efter, at databehandleren er blevet bekendt med bruddet',
      confirmation: 'efter, at bruddet er bekræftet',
    },
    second: (h, anchor) => `, og under alle omstændigheder senest ${h} timer ${anchor}`,
    siblingBackstop: (h) => `Underretningen skal under alle omstændigheder gives senest ${h} timer.`,
    noise: {
      authority: 'Den dataansvarlige anmelder bruddet til Datatilsynet inden for 72 timer.',
      retention: 'Logfiler over underretningerne opbevares i 90 dage.',
      audit: 'Den dataansvarlige skal varsle en revision 30 dage i forvejen.',
    },
    words: {
      2: 'to',
      3: 'tre',
      5: 'fem',
      6: 'seks',
      8: 'otte',
      12: 'tolv',
      24: 'fireogtyve',
      36: 'seksogtredive',
      48: 'otteogfyrre',
    },
  },
  sv: {
    heading: '7. Personuppgiftsincidenter',
    clauses: ['7.1', '7.2', '7.3', '7.4'],
    duty: 'Leverantören ska underrätta Kunden om en personuppgiftsincident',
    standard: { immediately: 'omedelbart', 'without-undue-delay': 'utan onödigt dröjsmål' },
    within: 'inom',
    ifPossible: 'om möjligt',
    units: { hours: 'timmar', 'business-days': 'arbetsdagar' },
    anchors: {
      awareness: 'från det att Leverantören fick kännedom om incidenten',
      confirmation: 'efter att incidenten har bekräftats',
    },
    second: (h, anchor) => `, och senast inom ${h} timmar ${anchor}`,
    siblingBackstop: (h) => `Underrättelsen ska i varje fall ske inom ${h} timmar.`,
    noise: {
      authority:
        'Den personuppgiftsansvarige ska anmäla incidenten till Integritetsskyddsmyndigheten inom 72 timmar.',
      retention: 'Loggar över underrättelserna sparas i 90 dagar.',
      audit: 'Den personuppgiftsansvarige ska meddela en granskning 30 dagar i förväg.',
    },
    words: {
      2: 'två',
      3: 'tre',
      5: 'fem',
      6: 'sex',
      8: 'åtta',
      12: 'tolv',
      24: 'tjugofyra',
      36: 'trettiosex',
      48: 'fyrtioåtta',
    },
  },
  de: {
    heading: '§ 7 Meldung von Datenschutzverletzungen',
    clauses: ['(1)', '(2)', '(3)', '(4)'],
    duty: 'Der Auftragnehmer benachrichtigt den Auftraggeber über jede Verletzung des Schutzes personenbezogener Daten',
    standard: { immediately: 'sofort', 'without-undue-delay': 'unverzüglich' },
    within: 'innerhalb von',
    ifPossible: 'möglichst',
    units: { hours: 'Stunden', 'business-days': 'Werktagen' },
    anchors: { awareness: 'nach Kenntnis', confirmation: 'nach Bestätigung der Verletzung' },
    second: (h, anchor) => `, spätestens jedoch innerhalb von ${h} Stunden ${anchor}`,
    siblingBackstop: (h) => `Die Meldung hat in jedem Fall innerhalb von ${h} Stunden zu erfolgen.`,
    noise: {
      authority: 'Der Auftraggeber meldet die Verletzung der Aufsichtsbehörde innerhalb von 72 Stunden.',
      retention: 'Protokolle der Meldungen werden 90 Tage aufbewahrt.',
      audit: 'Der Auftraggeber kündigt eine Prüfung 30 Tage im Voraus an.',
    },
    words: {
      2: 'zwei',
      3: 'drei',
      5: 'fünf',
      6: 'sechs',
      8: 'acht',
      12: 'zwölf',
      24: 'vierundzwanzig',
      36: 'sechsunddreißig',
      48: 'achtundvierzig',
    },
  },
};

interface Section {
  language: ReaderLanguage;
  standard: 'immediately' | 'without-undue-delay' | null;
  amount: number;
  /** "24", "twenty-four", "twenty-four (24)", "24 (twenty-four)". */
  written: 'digits' | 'word' | 'word-digits' | 'digits-word';
  unit: 'hours' | 'business-days';
  anchor: 'awareness' | 'confirmation';
  ifPossible: boolean;
  /** A second limit: in the same sentence from awareness or confirmation, or a backstop in a sentence of its own. */
  second: {
    hours: number;
    where: 'same-sentence' | 'own-sentence';
    anchor: 'awareness' | 'confirmation';
  } | null;
  noise: { kind: keyof Phrasing['noise']; sameClause: boolean }[];
}

const sectionArb: fc.Arbitrary<Section> = fc
  .record({
    language: fc.constantFrom(...READER_LANGUAGES),
    standard: fc.constantFrom('immediately' as const, 'without-undue-delay' as const, null),
    unit: fc.constantFrom('hours' as const, 'business-days' as const),
    written: fc.constantFrom(
      'digits' as const,
      'word' as const,
      'word-digits' as const,
      'digits-word' as const,
    ),
    anchor: fc.constantFrom('awareness' as const, 'confirmation' as const),
    ifPossible: fc.boolean(),
    second: fc.option(
      fc
        .record({
          hours: fc.constantFrom(4, 12, 24, 36, 48, 72),
          where: fc.constantFrom('same-sentence' as const, 'own-sentence' as const),
          anchor: fc.constantFrom('awareness' as const, 'confirmation' as const),
        })
        // A sentence of its own names no anchor: "In any event, the notification shall be made within 36 hours."
        .map((b) => (b.where === 'own-sentence' ? { ...b, anchor: 'awareness' as const } : b)),
      { nil: null },
    ),
    noise: fc.uniqueArray(
      fc.record({
        kind: fc.constantFrom('authority' as const, 'retention' as const, 'audit' as const),
        sameClause: fc.boolean(),
      }),
      { selector: (n) => n.kind, maxLength: 3 },
    ),
  })
  .chain((s) =>
    fc
      .constantFrom(...(s.unit === 'hours' ? [2, 3, 5, 6, 8, 12, 24, 36, 48] : [2, 3, 5]))
      .map((amount) => ({ ...s, amount })),
  );

function writeSection(s: Section): { text: string; noise: string[] } {
  const p = PHRASINGS[s.language];
  const word = p.words[s.amount];
  const number = {
    digits: String(s.amount),
    word,
    'word-digits': `${word} (${s.amount})`,
    'digits-word': `${s.amount} (${word})`,
  }[s.written];
  const limit = `${s.ifPossible ? `${p.ifPossible} ` : ''}${p.within} ${number} ${p.units[s.unit]} ${p.anchors[s.anchor]}`;
  const duty = `${p.duty}${s.standard ? ` ${p.standard[s.standard]},` : ''} ${limit}${
    s.second?.where === 'same-sentence' ? p.second(s.second.hours, p.anchors[s.second.anchor]) : ''
  }.`;
  const first = [duty];
  if (s.second?.where === 'own-sentence') first.push(p.siblingBackstop(s.second.hours));
  const others: string[] = [];
  for (const n of s.noise) (n.sameClause ? first : others).push(p.noise[n.kind]);
  const clauses = [first.join(' '), ...others].map((c, i) => `${p.clauses[i]} ${c}`);
  return { text: [p.heading, ...clauses].join('\n\n'), noise: s.noise.map((n) => p.noise[n.kind]) };
}

/** Where the reader should put the generated duty's own number, when it is a firm number of hours. */
function fieldOfFirmHours(s: Section): (typeof NUMBER_FIELDS)[number] | null {
  if (s.unit !== 'hours' || s.ifPossible) return null;
  if (s.anchor === 'confirmation') return 'confirmationHours';
  return s.standard ? 'backstopHours' : 'hours';
}

describe('the reader, on generated breach sections', () => {
  it('never takes a number its quote does not state, nor one from a sentence about another matter', () => {
    fc.assert(
      fc.property(sectionArb, (s) => {
        const { text, noise } = writeSection(s);
        const reading = readAgreement(text, { language: s.language });
        expect(unquotedDeadlines(reading)).toEqual([]);
        for (const field of NUMBER_FIELDS) {
          const report = reading.values.find((v) => v.field === `breachTerms.${field}`);
          if (reading.profile.breachTerms[field] != null) expect(noise).not.toContain(report?.quote);
        }
        // Nor lists one as a limit the profile cannot hold.
        for (const v of reading.values.filter(
          (x) => x.unsupported && x.field.startsWith('breachTerms.limits.'),
        ))
          expect(noise).not.toContain(v.quote);
      }),
      { numRuns: 400 },
    );
  });

  it('finds a firm number of hours where it belongs, never a different number', () => {
    fc.assert(
      fc.property(sectionArb, (s) => {
        const field = fieldOfFirmHours(s);
        fc.pre(field !== null);
        const reading = readAgreement(writeSection(s).text, { language: s.language });
        // Not found (the default kept, marked not-found) would be allowed and a different number never; on these
        // phrasings the reader finds every one, so the test holds it to that.
        expect(reading.profile.breachTerms[field]).toBe(s.amount);
        // A second limit from confirmation after one from awareness: "36 hours of becoming aware, and no later
        // than 12 hours after confirming the breach".
        if (s.second?.anchor === 'confirmation' && field !== 'confirmationHours')
          expect(reading.profile.breachTerms.confirmationHours).toBe(s.second.hours);
      }),
      { numRuns: 400 },
    );
  });

  it('drops no firm limit in silence: each is in a field or listed as unsupported', () => {
    fc.assert(
      fc.property(sectionArb, (s) => {
        const reading = readAgreement(writeSection(s).text, { language: s.language });
        const held = NUMBER_FIELDS.map((f) => reading.profile.breachTerms[f]);
        const listed = reading.values.filter(
          (v) => v.unsupported && v.field.startsWith('breachTerms.limits.'),
        );
        const firm = [...(s.ifPossible ? [] : [s.amount]), ...(s.second ? [s.second.hours] : [])];
        for (const n of firm) {
          const accounted =
            held.includes(n) || listed.some((v) => statesNumber(v.quote ?? '', n, s.language));
          expect({ n, accounted }).toEqual({ n, accounted: true });
        }
      }),
      { numRuns: 400 },
    );
  });
});
