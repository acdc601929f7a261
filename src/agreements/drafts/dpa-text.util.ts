/**
 * Splits the text of a data processing agreement into clauses and sentences, so that every value the reader takes can
 * be quoted verbatim with the clause it stands in. Pure: text in, structure out.
 */

export interface Sentence {
  /** The sentence as written, whitespace collapsed, without a leading bullet or list marker. */
  text: string;
  /** The clause it stands in ("5.6", "8.1", "Clause 5", "§ 3", "Punkt 4", "C.8"), or null before the first heading. */
  clause: string | null;
  /** The top-level section of that clause ("8" for "8.2", "Appendix C" for "C.8"). */
  section: string | null;
  /** The headings above the sentence, nearest last: the appendix's title, the section's, then the clause's. */
  headings: string[];
  /** A bullet or list item. */
  listItem: boolean;
  /** For a list item: the index of the sentence ending in ":" that the list completes. */
  lead: number | null;
  index: number;
}

export interface StructuredText {
  sentences: Sentence[];
  /** Clause ids in the order they appear. */
  clauses: string[];
}

const BULLET = /^(?:[•●▪◦·∙\u2023\u25E6\uF0B7]\s*|[-–—*]\s+)/u;
const LIST_MARKER =
  /^(?:\(?[a-z]\)|[a-z]\.(?=\s)|\((?:[ivx]{1,4}|\d{1,2})\)|[ivx]{1,4}[.)](?=\s)|\d{1,2}\)|\d{1,2}\.(?=\s))\s*/i;

const CLAUSE_WORDS =
  'Clause|Section|Punkt|Pkt\\.|Klausul|Ziffer|Abschnitt|Afsnit|Avsnitt|Kapittel|Kapitel|Paragraf|Paragraph|Bestemmelse';
const ARTICLE_WORDS = 'Article|Artikel|Artikkel|Art\\.';
const APPENDIX_WORDS = 'Appendix|Annex|Schedule|Exhibit|Attachment|Vedlegg|Bilag|Bilaga|Anlage|Anhang';

const KEYWORD_HEADING = new RegExp(
  `^(${CLAUSE_WORDS}|${ARTICLE_WORDS})\\s*(\\d{1,3}(?:\\.\\d{1,3})*)\\b[.:)]?\\s*(.*)$`,
  'i',
);
const PARAGRAPH_HEADING = /^§\s*(\d{1,3}[a-z]?)\b\.?\s*(.*)$/;
const APPENDIX_HEADING = new RegExp(`^(${APPENDIX_WORDS})\\s+([A-Z]|\\d{1,2})\\b\\s*[-–—:.]?\\s*(.*)$`, 'i');
const NUMBERED = /^(\d{1,3}(?:\.\d{1,3})*)(\.?)\s+(\S.*)$/;
const LETTER_NUMBERED = /^([A-Z])(\.?)(\d{1,2}(?:\.\d{1,2})*)\s+(\S.*)$/;
const LETTER_SECTION = /^([A-Z])\.\s+([A-ZÆØÅÄÖÜ][A-ZÆØÅÄÖÜ0-9 ,'’&\-–—/()]+)$/;
const ROMAN_SECTION = /^((?:X{0,3})(?:IX|IV|V?I{0,3}))\.\s+(\S.*)$/;

interface Heading {
  /** The clause id, or null where the line is a list item that continues the clause it stands in. */
  id: string;
  kind: 'section' | 'clause';
  title: string;
  /** Text on the heading line after the number when it is the clause's first sentence, not a title. */
  body: string;
  /** For a numbered top-level section: its number. */
  topNumber: number | null;
  appendix?: boolean;
  /** A "Clause 5", "§ 5", "Punkt 5" heading: numbered, but the items under it are not new sections. */
  keyword?: boolean;
}

/** A heading title is short and ends without a full stop; anything else on the line is the clause's text. */
function splitTitle(rest: string, maxTitle = 100): { title: string; body: string } {
  const trimmed = rest.trim();
  if (trimmed.length <= maxTitle && !/[.;]$/.test(trimmed)) return { title: trimmed, body: '' };
  return { title: '', body: trimmed };
}

interface ParseState {
  top: string | null;
  topNumber: number | null;
  /** The section is not numbered 1, 2, 3 (a "Clause", an appendix, a roman or letter heading). */
  topIsNumeric: boolean;
  /** The indentation of the first numbered item in the current section; deeper items continue it. */
  itemIndent: number | null;
  /** The appendix or annex the text is in, if any: a roman section inside it is named after it. */
  appendix: string | null;
  /** The longest heading title: in text wrapped at a page's width, a line that fills it is a sentence, not a title. */
  maxTitle: number;
}

function parseHeading(line: string, indent: number, state: ParseState): Heading | null {
  let m = PARAGRAPH_HEADING.exec(line);
  if (m) {
    const { title, body } = splitTitle(m[2], state.maxTitle);
    return { id: `§ ${m[1]}`, kind: 'section', title, body, topNumber: parseInt(m[1], 10), keyword: true };
  }
  m = KEYWORD_HEADING.exec(line);
  if (m) {
    const word = m[1];
    const isArticle = new RegExp(`^(?:${ARTICLE_WORDS})$`, 'i').test(word);
    const rest = m[3];
    // "Article 4 of GDPR will apply ..." is a reference, not a heading.
    if (
      isArticle &&
      (rest.length > 100 || /[.;]$/.test(rest) || /^(of|der|des|i|in|GDPR|DSGVO|\()/i.test(rest))
    ) {
      return null;
    }
    if (!isArticle && /^(of|der|des|herein|above|below|\()/i.test(rest)) return null;
    const normalized = word.replace(/\.$/, '');
    const id = `${normalized[0].toUpperCase()}${normalized.slice(1)} ${m[2]}`;
    const { title, body } = splitTitle(rest, state.maxTitle);
    const dotted = m[2].includes('.');
    // "Punkt 4" then "4.1": the clause 4.1 belongs to the section "Punkt 4".
    return {
      id,
      kind: dotted ? 'clause' : 'section',
      title,
      body,
      topNumber: dotted ? null : Number(m[2]),
      keyword: true,
    };
  }
  m = APPENDIX_HEADING.exec(line);
  if (
    m &&
    line.length <= 120 &&
    !/\.$/.test(line) &&
    !/^(of|to|der|des|til|av|af|till|zu|zum)\b/i.test(m[3])
  ) {
    const word = m[1][0].toUpperCase() + m[1].slice(1).toLowerCase();
    return {
      id: `${word} ${m[2]}`,
      kind: 'section',
      title: m[3].trim(),
      body: '',
      topNumber: null,
      appendix: true,
    };
  }
  m = LETTER_NUMBERED.exec(line);
  if (m && /^[A-ZÆØÅÄÖÜ]/.test(m[4])) {
    const { title, body } = splitTitle(m[4], state.maxTitle);
    return { id: `${m[1]}${m[2]}${m[3]}`, kind: 'clause', title, body, topNumber: null };
  }
  m = LETTER_SECTION.exec(line);
  if (m && line.length <= 120) {
    return {
      id: `Appendix ${m[1]}`,
      kind: 'section',
      title: m[2].trim(),
      body: '',
      topNumber: null,
      appendix: true,
    };
  }
  m = ROMAN_SECTION.exec(line);
  if (m && m[1] && /^[A-ZÆØÅÄÖÜ]/.test(m[2]) && line.length <= 120 && !/\.$/.test(m[2])) {
    const top = state.appendix ? `${state.appendix} ${m[1]}` : m[1];
    return { id: top, kind: 'section', title: m[2].trim(), body: '', topNumber: null };
  }
  m = NUMBERED.exec(line);
  if (m) {
    const parts = m[1].split('.').map(Number);
    const first = parts[0];
    // A section follows the one before; a titled one may skip a few ("8. Assistance", "12. Governing law").
    const step = splitTitle(m[3], state.maxTitle).title ? 10 : 3;
    const sequenceFits =
      state.topNumber === null
        ? first >= 1 && first <= 60
        : first > state.topNumber && first <= state.topNumber + step;
    if (parts.length > 1) {
      // "5.6 Assistance", "8.1 In case of a breach, ...": a clause of section 5 or 8.
      const fits =
        state.topNumber === null || first === state.topNumber || sequenceFits || !state.topIsNumeric;
      if (!fits || parts.some((p) => p > 199)) return null;
      const { title, body } = splitTitle(m[3], state.maxTitle);
      return { id: m[1], kind: 'clause', title, body, topNumber: first };
    }
    // A single number: a new top-level section when it follows the sequence and is not indented under a section.
    const titled = m[2] === '.' || /^[A-ZÆØÅÄÖÜ]/.test(m[3]);
    const underAppendix = state.top !== null && state.top === state.appendix;
    if (titled && underAppendix && first <= 30 && indent === 0 && splitTitle(m[3], state.maxTitle).title) {
      // "Bilaga 3 – Incidenthantering" then "1. Underrättelse": the appendix's own numbered sections.
      return { id: String(first), kind: 'section', title: m[3].trim(), body: '', topNumber: first };
    }
    if (titled && sequenceFits && (indent === 0 || state.top === null) && state.topIsNumeric) {
      const { title, body } = splitTitle(m[3], state.maxTitle);
      return { id: String(first), kind: 'section', title, body, topNumber: first };
    }
    // Sub-items are "1." to "30.", not a postcode or an hour count at the start of a line.
    if (state.top === null || m[2] !== '.' || first > 30) return null;
    if (state.itemIndent !== null && indent > state.itemIndent) return null;
    const { title, body } = splitTitle(m[3], state.maxTitle);
    // An item "1." under "8 Notification of breaches" is clause 8.1, as the agreement's own cross-references say.
    return { id: `${state.top}.${first}`, kind: 'clause', title: '', body: body || title, topNumber: null };
  }
  return null;
}

function indentOf(raw: string): number {
  const lead = /^[ \t\u00A0]*/.exec(raw)?.[0] ?? '';
  return [...lead].reduce((n, c) => n + (c === '\t' ? 4 : 1), 0);
}

function normalizeSpace(text: string): string {
  return text.replace(/[\s\u00A0]+/g, ' ').trim();
}

/** Words after which a full stop does not end a sentence. */
const ABBREVIATIONS = new Set(
  [
    'art',
    'arts',
    'cf',
    'ref',
    'no',
    'nos',
    'nr',
    'e.g',
    'i.e',
    'i.a',
    'jf',
    'jfr',
    'bl.a',
    'f.eks',
    'dvs',
    'mv',
    'osv',
    'inkl',
    'incl',
    'ca',
    'pkt',
    'st',
    'stk',
    'abs',
    'lit',
    'ziff',
    'bzw',
    'ggf',
    'gem',
    'vgl',
    'usw',
    'evt',
    'eks',
    'resp',
    'approx',
    'sec',
    'para',
    'pp',
    'vs',
    'hhv',
    'mfl',
    't.ex',
    'd.v.s',
    'm.m',
    's.k',
    'o.l',
    'ev',
    'kap',
    'ff',
    'u.a',
    'd.h',
    'z.b',
    'i.s.d',
    'z',
    'b',
    'dr',
    'mr',
    'mrs',
    'ms',
    'prof',
    'tel',
    'tlf',
    'org',
    'reg',
    'co',
    'inc',
    'ltd',
    'str',
    'nb',
    'jr',
    'sr',
    'etc.,',
    'bokstav',
    'letter',
    'lov',
    'ab',
    'gmbh',
  ].map((a) => a.toLowerCase()),
);

/** Splits a paragraph into sentences at . ! ? followed by a capital, a digit-less start, or a quote. */
export function splitSentences(paragraph: string): string[] {
  const text = normalizeSpace(paragraph);
  const out: string[] = [];
  let start = 0;
  const boundary = /[.!?](?=["'”’»)]?\s+["'“‘«(]?[A-ZÆØÅÄÖÜ])/g;
  let m: RegExpExecArray | null;
  while ((m = boundary.exec(text))) {
    const end = m.index + 1;
    const before = text.slice(start, m.index);
    const word = /([\p{L}.]+)$/u.exec(before)?.[1]?.toLowerCase() ?? '';
    if (m[0] === '.' && (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word))) continue;
    const sentence = text.slice(start, end).trim();
    if (sentence) out.push(sentence);
    start = end;
  }
  const last = text.slice(start).trim();
  if (last) out.push(last);
  return out;
}

interface Unit {
  text: string;
  listItem: boolean;
  clause: string | null;
  section: string | null;
  headings: string[];
}

/** Splits the agreement into clauses and sentences. */
export function structureText(raw: string): StructuredText {
  const lines = raw.replace(/\r\n?/g, '\n').split('\n');
  // Text from a PDF comes in lines wrapped at the page's width; a text file has one paragraph a line. Only wrapped
  // text has sentences to join across lines: those that fill most of a line.
  const lengths = lines
    .map((l) => normalizeSpace(l).length)
    .filter((n) => n > 0)
    .sort((a, b) => a - b);
  const p90 = lengths[Math.floor(lengths.length * 0.9)] ?? 0;
  const wrapped = p90 > 0 && p90 <= 130;
  const fullLine = Math.floor(p90 * 0.6);
  const state: ParseState = {
    top: null,
    topNumber: null,
    topIsNumeric: true,
    itemIndent: null,
    appendix: null,
    maxTitle: 100,
  };
  let clause: string | null = null;
  let appendixTitle = '';
  let sectionTitle = '';
  let clauseTitle = '';
  const clauses: string[] = [];
  const units: Unit[] = [];
  let open: Unit | null = null;
  let openEnds = true;
  let lastLineLength = 0;

  const close = () => {
    if (open && open.text.trim()) units.push(open);
    open = null;
    openEnds = true;
  };
  const headings = () => [appendixTitle, sectionTitle, clauseTitle].filter((h) => h.length > 0);
  const startUnit = (text: string, listItem: boolean) => {
    close();
    open = { text, listItem, clause, section: state.top, headings: headings() };
    openEnds = /[.!?:;]$/.test(text.trim());
  };

  for (let i = 0; i < lines.length; i++) {
    const rawLine = lines[i];
    const line = normalizeSpace(rawLine);
    if (!line) {
      close();
      continue;
    }
    const indent = indentOf(rawLine);
    // In wrapped text, "111\n22 Stockholm" is an address run on, not a section 22.
    const continuing = open !== null && wrapped && !openEnds && lastLineLength >= fullLine;
    const heading = continuing && /^\d{1,3}\s/.test(line) ? null : parseHeading(line, indent, state);
    if (heading && heading.title && wrapped && line.length >= fullLine) {
      // "7.4 The Processor requires its sub-processor to notify" wrapped onto "breach within 24 hours": a sentence.
      const next = normalizeSpace(lines[i + 1] ?? '');
      // A title seldom fills the line; a sentence that does runs on, in German even onto a capital ("Schutzes").
      const fills = line.length >= Math.floor(p90 * 0.9);
      if (next && (/^[\p{Ll}\d]/u.test(next) || (fills && !BULLET.test(next) && !LIST_MARKER.test(next)))) {
        heading.body = heading.title;
        heading.title = '';
      }
    }
    if (heading) {
      close();
      if (heading.kind === 'section') {
        if (heading.appendix) {
          state.appendix = heading.id;
          appendixTitle = heading.title;
        }
        state.top = heading.id;
        state.topNumber = heading.topNumber;
        state.topIsNumeric = heading.topNumber !== null && !heading.keyword;
        state.itemIndent = null;
        sectionTitle = heading.appendix ? '' : heading.title;
        clauseTitle = '';
      } else {
        if (heading.topNumber !== null && heading.topNumber !== state.topNumber) {
          state.top = String(heading.topNumber);
          state.topNumber = heading.topNumber;
          state.topIsNumeric = true;
          sectionTitle = '';
        }
        if (
          heading.id.startsWith(`${state.top}.`) &&
          heading.topNumber === null &&
          state.itemIndent === null
        ) {
          state.itemIndent = indent;
        }
        clauseTitle = heading.title;
      }
      if (/^[A-Z]\.?\d/.test(heading.id)) {
        state.top = `Appendix ${heading.id[0]}`;
        state.topNumber = null;
        state.topIsNumeric = false;
      }
      clause = heading.id;
      if (!clauses.includes(clause)) clauses.push(clause);
      if (heading.body) startUnit(heading.body, false);
      lastLineLength = line.length;
      continue;
    }
    const bullet = BULLET.exec(line);
    const marker = bullet ? null : LIST_MARKER.exec(line);
    if (bullet || marker) {
      startUnit(line.slice((bullet ?? marker)![0].length), true);
      lastLineLength = line.length;
      continue;
    }
    if (open && wrapped && !openEnds && lastLineLength >= fullLine) {
      // A line wrapped inside a sentence: join it, whatever its first letter (German nouns are capitals). A short
      // line stands alone: it ends its paragraph.
      (open as Unit).text += ` ${line}`;
      openEnds = /[.!?:;]$/.test(line);
      lastLineLength = line.length;
      continue;
    }
    startUnit(line, false);
    lastLineLength = line.length;
  }
  close();

  const sentences: Sentence[] = [];
  let lead: number | null = null;
  let leadClause: string | null = null;
  for (const unit of units) {
    if (!unit.listItem || unit.clause !== leadClause) lead = null;
    for (const text of splitSentences(unit.text)) {
      const index = sentences.length;
      sentences.push({
        text,
        clause: unit.clause,
        section: unit.section,
        headings: unit.headings,
        listItem: unit.listItem,
        lead: unit.listItem ? lead : null,
        index,
      });
      if (text.endsWith(':')) {
        lead = index;
        leadClause = unit.clause;
      }
    }
  }
  return { sentences, clauses };
}

/** The text with its whitespace collapsed: a quote is verbatim when it is a substring of this. */
export function collapsedText(raw: string): string {
  return normalizeSpace(raw);
}
