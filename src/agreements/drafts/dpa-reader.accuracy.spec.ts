import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_PROFILES_DIR } from '../agreements.service';
import { READER_LANGUAGES, type ReaderLanguage } from './dpa-language.util';
import { PATTERNS } from './dpa-patterns';
import { type AgreementReading, readAgreement } from './dpa-reader.util';
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

/** Every hour count a draft carries is quoted from the text: its quote names the number. */
function deadlineIsQuoted(reading: AgreementReading): boolean {
  const hours = reading.profile.breachTerms.hours;
  if (hours === null) return true;
  const report = reading.values.find((v) => v.field === 'breachTerms.hours');
  const amount = reading.deadline.amount;
  if (report === undefined || report.status === 'not-found' || report.quote === null || amount === null)
    return false;
  const spelled = Object.values(PATTERNS).flatMap((p) =>
    Object.entries(p.numberWords)
      .filter(([, n]) => n === amount)
      .map(([w]) => w),
  );
  const named = new RegExp(
    `(?<![\\p{L}\\d])(?:${[String(amount), ...spelled].join('|')})(?![\\p{L}\\d])`,
    'iu',
  );
  return (hours === amount || hours === amount * 24) && named.test(report.quote);
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
  misses: string[];
}

function table(title: string, rows: Row[]): string {
  const lines = [title, 'language  terms right/total  wrong deadlines'];
  for (const language of READER_LANGUAGES) {
    const of = rows.filter((r) => r.language === language);
    if (of.length === 0) continue;
    const r = of.reduce((a, b) => ({
      ...a,
      right: a.right + b.right,
      total: a.total + b.total,
      wrongDeadlines: a.wrongDeadlines + b.wrongDeadlines,
    }));
    lines.push(
      `${language.padEnd(9)} ${`${r.right}/${r.total}`.padStart(17)}  ${String(r.wrongDeadlines).padStart(15)}`,
    );
  }
  const all = rows.reduce((a, b) => ({
    ...a,
    right: a.right + b.right,
    total: a.total + b.total,
    wrongDeadlines: a.wrongDeadlines + b.wrongDeadlines,
  }));
  lines.push(
    `${'all'.padEnd(9)} ${`${all.right}/${all.total}`.padStart(17)}  ${String(all.wrongDeadlines).padStart(15)}`,
  );
  const misses = rows.flatMap((r) => r.misses);
  if (misses.length > 0) lines.push('misses:', ...misses.map((m) => `  ${m}`));
  return lines.join('\n');
}

function measure(name: string, text: string, expected: Expected): Row {
  const reading = readAgreement(text);
  const terms = termsOf(expected, reading);
  return {
    language: expected.language,
    right: terms.filter(right).length,
    total: terms.length,
    wrongDeadlines: wrongDeadline(terms, reading) ? 1 : 0,
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
      expect(deadlineIsQuoted(reading)).toBe(true);
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
