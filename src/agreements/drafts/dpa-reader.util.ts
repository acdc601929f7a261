import {
  type AssistanceTerms,
  type ContentCondition,
  type ContentItem,
  CONTENT_ITEMS,
  type Language,
  LANGUAGES,
  type Standard,
  type ThirdPartyDisclosure,
  type Trigger,
} from '../agreement-terms';
import {
  detectLanguage,
  LANGUAGE_NAMES,
  type LanguageReading,
  type ReaderLanguage,
} from './dpa-language.util';
import {
  ART_33_34,
  COMPANY,
  EMAIL,
  LIMIT_BREAK,
  NATIONS,
  PATTERNS,
  PHONE,
  type TermPatterns,
} from './dpa-patterns';
import { type Sentence, structureText } from './dpa-text.util';

/**
 * `found`: the text says it, in the sentence quoted. `inferred`: worked out from what the text says (or from its
 * silence where a duty is stated without the qualifier), with the sentence it rests on where there is one.
 * `not-found`: the text does not give it; the value is the default, to be checked.
 */
export type ValueStatus = 'found' | 'inferred' | 'not-found';

export interface Evidence {
  quote: string;
  clause: string | null;
}

export interface ValueReport {
  /** The field's path in the profile, as in `sources`: `breachTerms.standard`, `processor.breachContact.email`. */
  field: string;
  status: ValueStatus;
  value: unknown;
  /** The sentence the value comes from, verbatim; null where nothing was found. */
  quote: string | null;
  clause: string | null;
  /** Further sentences the value rests on. */
  more?: Evidence[];
  note?: string;
  /** What the text says that the profile cannot express yet. */
  unsupported?: string;
}

/**
 * What the agreement says about the processor's deadline, beyond what a profile can hold today. Where the duty names
 * several numbers this is the first that the profile holds, in this order: business days, the standard's hours, the
 * backstop, the hours from confirmation; each number's own value, quote and anchor are in `values`.
 */
export interface DeadlineReading {
  /** The qualitative standard named, if any. */
  qualitative: 'immediately' | 'without-undue-delay' | null;
  /** The number named, in its own unit, if any. */
  amount: number | null;
  unit: 'hours' | 'days' | 'business-days' | null;
  /** The number as elapsed hours, where it can be counted so (not for business days). */
  hours: number | null;
  /** False for "if possible within 48 hours"; null where no number is named. */
  firm: boolean | null;
  /** What the time runs from. */
  anchor: 'awareness' | 'confirmation' | 'unstated';
  /** A firm number beside a qualitative standard: "without undue delay and in any event within 36 hours". */
  backstop: boolean;
  quote: string | null;
  clause: string | null;
}

export interface DraftProfile {
  id: string;
  title: string;
  processor: {
    name: string;
    address?: string;
    breachContact: { name?: string; email?: string; phone?: string };
  };
  languages: Language[];
  law: string;
  clauses: {
    breachNotice: string;
    noticeContent: string | null;
    phases: string | null;
    thirdParties: string | null;
    assistance: string | null;
  };
  breachTerms: DeadlineTerms & {
    trigger: Trigger;
    coversSubprocessors: boolean;
    requiredContent: { item: ContentItem; when: ContentCondition }[];
    phased: boolean;
    writtenForm: boolean;
    thirdPartyDisclosure: ThirdPartyDisclosure;
    actsForControllerOnlyOnInstruction: boolean;
    assistance: AssistanceTerms;
  };
  subprocessors: { name: string; noticeHours: number | null }[];
  sources: Record<string, string>;
}

export interface AgreementReading {
  profile: DraftProfile;
  language: LanguageReading & { name: string; read: ReaderLanguage };
  values: ValueReport[];
  deadline: DeadlineReading;
}

export interface ReadOptions {
  /** Read the text in this language instead of the one detected. */
  language?: ReaderLanguage;
}

/** The defaults a value keeps where the text does not give it. */
export const DRAFT_DEFAULTS = {
  standard: 'without-undue-delay' as Standard,
  law: 'GDPR (Regulation (EU) 2016/679)',
  languages: ['en'] as Language[],
};

/** The deadline fields of a draft's breach terms. */
interface DeadlineTerms {
  standard: Standard;
  hours: number | null;
  basis: 'contractual' | 'target';
  businessDays?: number;
  backstopHours?: number;
  confirmationHours?: number;
  firm?: false;
}

interface Duration {
  amount: number;
  unit: 'hours' | 'days' | 'business-days';
  firm: boolean;
  anchor: 'awareness' | 'confirmation' | 'unstated';
  sentence: Sentence;
}

/** Where the draft puts each limit the duty names; `unmapped`: those a profile cannot hold, with why. */
interface LimitPlan {
  business?: Duration;
  hours?: Duration;
  backstop?: Duration;
  confirmation?: Duration;
  unmapped: { d: Duration; why: string }[];
}

/** A duration as elapsed hours; null for business days, whose instant the calendar decides. */
function elapsedHours(d: Duration): number | null {
  return d.unit === 'hours' ? d.amount : d.unit === 'days' ? d.amount * 24 : null;
}

function said(d: Duration): string {
  return `${d.amount} ${d.unit === 'business-days' ? 'business days' : d.unit}`;
}

/** Where one number's part of a sentence ends: at the last break between it and the next number, else at the next. */
function limitBreak(text: string, from: number, to: number): number {
  let at = to;
  for (const m of text.slice(from, to).matchAll(LIMIT_BREAK)) at = from + m.index;
  return at;
}

function evidence(s: Sentence): Evidence {
  return { quote: s.text, clause: s.clause };
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** Reads a DPA's breach terms into a draft profile. Pure: every value carries the sentence it comes from. */
export function readAgreement(text: string, options: ReadOptions = {}): AgreementReading {
  const detected = detectLanguage(text);
  const read = options.language ?? detected.language;
  const p = PATTERNS[read];
  const { sentences } = structureText(text);
  const r = new Reader(p, sentences);
  return r.read(detected, read);
}

class Reader {
  private readonly values: ValueReport[] = [];
  /** The section of the primary notice sentence: its sibling clauses say more about the same notice. */
  private noticeSection: string | null = null;
  /** A number and its unit: "36 hours", "two (2) business days", "achtundvierzig Stunden". */
  private readonly durationPattern: RegExp;

  constructor(
    private readonly p: TermPatterns,
    private readonly sentences: Sentence[],
  ) {
    const numberAlternation = Object.keys(p.numberWords)
      .sort((a, b) => b.length - a.length)
      .map((w) => w.replace(/[-\s]/g, '[-\\s]'))
      .join('|');
    const { hours, days, businessDays } = p.units;
    this.durationPattern = new RegExp(
      `(?<![\\p{L}\\d])(\\d{1,3}|${numberAlternation})(?:\\s*\\((\\d{1,3}|${numberAlternation})\\))?[\\s-]*(?:(${businessDays})|(${hours})|(${days}))(?![\\p{L}])`,
      'giu',
    );
  }

  read(detected: LanguageReading, read: ReaderLanguage): AgreementReading {
    const notices = this.noticeSentences();
    const primary = this.primary(notices);
    const duty = primary ? this.dutySentences(primary, notices) : [];
    const noticeClauses = new Set(notices.map((s) => s.clause));
    if (primary) this.noticeSection = primary.section;
    const { reading: deadline, plan } = this.readDeadline(duty, primary);

    const breachTerms = {
      ...this.standardAndHours(deadline, plan, duty, primary),
      trigger: this.trigger(duty, primary),
      coversSubprocessors: this.coversSubprocessors(duty, primary),
      requiredContent: this.requiredContent(noticeClauses),
      phased: this.flag('breachTerms.phased', this.p.phases, (s) => this.inBreachScope(s, noticeClauses)),
      writtenForm: this.writtenForm(duty, primary, noticeClauses),
      thirdPartyDisclosure: this.thirdPartyDisclosure(noticeClauses),
      actsForControllerOnlyOnInstruction: this.actsOnlyOnInstruction(),
      assistance: this.assistance(),
    };
    const subprocessors = this.subprocessorDeadlines(duty);
    const processor = this.processor();
    const title = this.title();
    const id = this.id(processor.name, title);
    const languages = this.languages(read);
    const law = this.law();
    const clauses = {
      breachNotice: this.clauseValue('clauses.breachNotice', primary ? [primary] : [], ''),
      noticeContent: this.clauseOf('clauses.noticeContent', 'breachTerms.requiredContent'),
      phases: this.clauseOf('clauses.phases', 'breachTerms.phased'),
      thirdParties: this.clauseOf(
        'clauses.thirdParties',
        'breachTerms.thirdPartyDisclosure',
        'breachTerms.actsForControllerOnlyOnInstruction',
      ),
      assistance: this.clauseOf('clauses.assistance', 'breachTerms.assistance'),
    };

    const profile: DraftProfile = {
      id,
      title,
      processor,
      languages,
      law,
      clauses: clauses,
      breachTerms,
      subprocessors,
      sources: this.sources(),
    };
    return {
      profile,
      language: { ...detected, name: LANGUAGE_NAMES[read], read },
      values: this.values,
      deadline,
    };
  }

  // ---- where the duty is -------------------------------------------------------------------------------------

  private headingBreach(s: Sentence): boolean {
    return s.headings.some((h) => this.p.breachStrong.test(h) || this.p.breachWeak.test(h));
  }

  private leadOf(s: Sentence): Sentence | null {
    return s.lead === null ? null : this.sentences[s.lead];
  }

  /** A sentence is about a personal data breach: it says so, or says "breach" under Art. 33 or a breach heading. */
  private breachContext(s: Sentence): boolean {
    if (this.p.breachStrong.test(s.text)) return true;
    const weak = this.p.breachWeak.test(s.text);
    if (weak && ART_33_34.test(s.text)) return true;
    return this.headingBreach(s);
  }

  private notifiesController(text: string): boolean {
    return this.p.notifyController.some((rx) => {
      const m = rx.exec(text);
      return m !== null && !this.p.authority.test(m[0]);
    });
  }

  /** Sentences in which the processor tells the controller of a breach. */
  private noticeSentences(): Sentence[] {
    return this.sentences.filter(
      (s) =>
        this.notifiesController(s.text) && this.breachContext(s) && !this.p.instructionConflict.test(s.text),
    );
  }

  private score(s: Sentence): number {
    let score = 0;
    if (this.durations(s).length > 0) score += 3;
    if (this.qualitative(s.text)) score += 2;
    if (this.p.breachStrong.test(s.text)) score += 2;
    if (this.headingBreach(s)) score += 1;
    return score;
  }

  private primary(notices: Sentence[]): Sentence | null {
    let best: Sentence | null = null;
    let bestScore = -1;
    for (const s of notices) {
      const score = this.score(s);
      if (score > bestScore) {
        best = s;
        bestScore = score;
      }
    }
    return best;
  }

  /**
   * The sentences that set the duty, the primary first: the notice sentences of its clause, and those there that
   * name the notice's time ("This notification shall take place within 24 hours").
   */
  private dutySentences(primary: Sentence, notices: Sentence[]): Sentence[] {
    const timed = (s: Sentence) => this.durations(s).length > 0 || this.qualitative(s.text) !== null;
    // A sub-processor's own duty to tell us ("Our sub-processor shall notify the processor within 12 hours") is not ours.
    const ownTime = (s: Sentence) =>
      this.p.noticeWord.test(s.text) &&
      this.durations(s).length > 0 &&
      !this.p.subprocessor.test(s.text) &&
      !this.p.otherMatter.test(s.text);
    const others = this.sentences.filter(
      (s) =>
        s !== primary &&
        ((s.clause === primary.clause && (notices.includes(s) || ownTime(s))) ||
          // "9.1 ... without undue delay" then "9.2 The notification shall if possible take place within 48 hours".
          (s.section === primary.section && notices.includes(s) && timed(s))),
    );
    return [primary, ...others];
  }

  // ---- the deadline ------------------------------------------------------------------------------------------

  private qualitative(
    text: string,
  ): { standard: 'immediately' | 'without-undue-delay'; like: boolean } | null {
    // "without undue delay" first: it contains no "without delay", but "unverzüglich" and "straks" must not both win.
    if (this.p.withoutUndueDelay.test(text)) return { standard: 'without-undue-delay', like: false };
    if (this.p.immediately.test(text)) return { standard: 'immediately', like: false };
    if (this.p.withoutUndueDelayLike.test(text)) return { standard: 'without-undue-delay', like: true };
    return null;
  }

  private toNumber(token: string): number | null {
    if (/^\d+$/.test(token)) return Number(token);
    const key = token.toLowerCase().replace(/\s+/g, ' ');
    return this.p.numberWords[key] ?? this.p.numberWords[key.replace(' ', '-')] ?? null;
  }

  /**
   * Every duration in a sentence that is the processor's: not after a purpose clause, not the authority's. One
   * sentence may set several limits ("within 36 hours of becoming aware, and no later than 12 hours after confirming
   * the breach"): each number owns its part of the sentence, which ends at the last break (a comma, a semicolon, a
   * conjunction) before the next number, and takes the anchor that follows it nearest there and the "if possible"
   * said there.
   */
  durations(s: Sentence): Duration[] {
    const purpose = this.p.purpose.exec(s.text);
    const text = purpose ? s.text.slice(0, purpose.index) : s.text;
    const numbers = [...text.matchAll(this.durationPattern)].map((m) => ({
      m,
      start: m.index,
      end: m.index + m[0].length,
    }));
    const found: Duration[] = [];
    numbers.forEach(({ m, start, end }, i) => {
      // "two (2)", "24 (twenty-four)": both must say the same number, else the number is not read.
      const said = [m[1], m[2]].filter((x) => x !== undefined).map((x) => this.toNumber(x));
      const amount = said[0];
      if (amount === null || amount === 0 || said.some((n) => n !== amount)) return;
      const previousEnd = i === 0 ? 0 : numbers[i - 1].end;
      if (this.p.authority.test(text.slice(Math.max(previousEnd, start - 60), start))) return;
      const from = i === 0 ? 0 : limitBreak(text, previousEnd, start);
      const to = i === numbers.length - 1 ? text.length : limitBreak(text, end, numbers[i + 1].start);
      const unit = m[3] ? 'business-days' : m[4] ? 'hours' : 'days';
      const near = text.slice(Math.max(from, start - 80), Math.min(to, end + 30));
      found.push({
        amount,
        unit,
        firm: !this.p.ifPossible.test(near),
        anchor: this.anchorOf(
          text.slice(end, Math.min(to, end + 80)),
          text.slice(Math.max(from, start - 80), start),
        ),
        sentence: s,
      });
    });
    return found;
  }

  /**
   * What a number's time runs from: the anchor phrase that follows it nearest in its part of the sentence; where none
   * follows, the one nearest before it there ("Once the breach is confirmed, ... within 12 hours").
   */
  private anchorOf(after: string, before: string): Duration['anchor'] {
    const last = (rx: RegExp, text: string) =>
      [...text.matchAll(new RegExp(rx.source, 'giu'))].reduce((at, m) => m.index, -1);
    const confirmation = this.p.confirmation.exec(after)?.index ?? Infinity;
    const awareness = this.p.awareness.exec(after)?.index ?? Infinity;
    if (confirmation !== Infinity || awareness !== Infinity)
      return confirmation < awareness ? 'confirmation' : 'awareness';
    const confirmedBefore = last(this.p.confirmation, before);
    const awareBefore = last(this.p.awareness, before);
    if (confirmedBefore < 0 && awareBefore < 0) return 'unstated';
    return confirmedBefore > awareBefore ? 'confirmation' : 'awareness';
  }

  /** The limits of the duty: every number of its sentences, save those beside it that concern another matter. */
  private limits(duty: Sentence[]): Duration[] {
    return duty.flatMap((s, i) => (i > 0 && this.p.otherMatter.test(s.text) ? [] : this.durations(s)));
  }

  /**
   * Where each limit goes; a profile holds one of each kind. Business days set the standard where they are the first
   * limit not counted from confirmation ("within 24 hours ... and a full report within 5 business days" keeps the 24
   * hours, the business days unsupported). Beside them, or beside "without undue delay" or "immediately", the first
   * firm number of hours from our awareness is the backstop; with neither, the first firm number of hours (else the
   * first aim) is the standard's own. The first firm number from confirming the breach (else its first aim) is
   * `confirmationHours`. Any other number is listed as unsupported, never put into a field it is not.
   */
  private plan(limits: Duration[], qualitative: boolean): LimitPlan {
    const timed = limits.filter((d) => d.unit !== 'business-days');
    const fromAwareness = timed.filter((d) => d.anchor !== 'confirmation');
    const fromConfirmation = timed.filter((d) => d.anchor === 'confirmation');
    const firstFirm = (ds: Duration[]) => ds.find((d) => d.firm) ?? ds[0];
    const first = limits.find((d) => d.unit === 'business-days' || d.anchor !== 'confirmation');
    const plan: LimitPlan = { business: first?.unit === 'business-days' ? first : undefined, unmapped: [] };
    if (plan.business || qualitative) {
      plan.backstop = fromAwareness.find((d) => d.firm);
      // "unverzüglich, möglichst innerhalb von 48 Stunden": the aim is the number the text names.
      if (!plan.business && !plan.backstop) plan.hours = fromAwareness[0];
    } else {
      plan.hours = firstFirm(fromAwareness);
    }
    plan.confirmation = firstFirm(fromConfirmation);
    const placed = [plan.business, plan.hours, plan.backstop, plan.confirmation];
    for (const d of limits) {
      if (placed.includes(d)) continue;
      const why =
        d.unit === 'business-days'
          ? plan.business
            ? 'a further number of business days: a profile holds one'
            : 'business days after a limit in hours: a profile counts the standard in one or the other'
          : !d.firm
            ? 'an aim ("if possible") beside another limit of its kind: a profile holds one, a firm one first'
            : d.anchor === 'confirmation'
              ? 'a further limit from confirming the breach: a profile holds one'
              : plan.hours && !plan.business && !qualitative
                ? 'a further limit from our awareness beside a number of hours: a profile holds one (a backstop stands beside a standard with no number)'
                : 'a further limit from our awareness: a profile holds one';
      plan.unmapped.push({ d, why });
    }
    return plan;
  }

  private readDeadline(
    duty: Sentence[],
    primary: Sentence | null,
  ): { reading: DeadlineReading; plan: LimitPlan } {
    const qualitativeSentence = duty.find((s) => this.qualitative(s.text));
    const qualitative = qualitativeSentence ? this.qualitative(qualitativeSentence.text)!.standard : null;
    const plan = this.plan(this.limits(duty), qualitative !== null);
    const principal = plan.business ?? plan.hours ?? plan.backstop ?? plan.confirmation;
    if (principal) {
      return {
        plan,
        reading: {
          qualitative,
          amount: principal.amount,
          unit: principal.unit,
          hours: elapsedHours(principal),
          firm: principal.firm,
          anchor: principal.anchor,
          backstop: qualitative !== null && principal.firm,
          quote: principal.sentence.text,
          clause: principal.sentence.clause,
        },
      };
    }
    const s = qualitativeSentence ?? primary;
    return {
      plan,
      reading: {
        qualitative,
        amount: null,
        unit: null,
        hours: null,
        firm: null,
        anchor: s && this.p.awareness.test(s.text) ? 'awareness' : 'unstated',
        backstop: false,
        quote: s?.text ?? null,
        clause: s?.clause ?? null,
      },
    };
  }

  /**
   * A deadline that names numbers, each value quoting the sentence of its own number. Business days become
   * `within-business-days`; a firm number beside them or beside "without undue delay" or "immediately" is the
   * backstop (`backstopHours`), the standard staying the word; hours counted from confirming the breach are
   * `confirmationHours`, beside the standard; "if possible" is `firm: false`.
   */
  private numberedDeadline(plan: LimitPlan, qualitativeSentence: Sentence | undefined): DeadlineTerms {
    const q = qualitativeSentence ? this.qualitative(qualitativeSentence.text)! : null;
    const main = plan.business ?? plan.hours;
    const principal = (main ?? plan.backstop ?? plan.confirmation)!;
    const at = (d: Duration) => evidence(d.sentence);
    const more = (d: Duration) =>
      qualitativeSentence && qualitativeSentence !== d.sentence
        ? { more: [evidence(qualitativeSentence)] }
        : {};
    const inDays = (d: Duration) =>
      d.unit === 'days' ? `${said(d)} counted as ${elapsedHours(d)} elapsed hours` : undefined;
    const aim = (d: Duration) =>
      d.firm
        ? undefined
        : 'the number is qualified ("if possible"): the text names it as an aim, not a firm limit';
    const notes = (...parts: (string | undefined)[]) => parts.filter(Boolean).join('; ') || undefined;
    const found = (
      field: string,
      d: Duration,
      value: unknown,
      note?: string,
      status: ValueStatus = 'found',
    ) => this.push({ field, status: d.unit === 'days' ? 'inferred' : status, value, ...at(d), note });

    if (plan.business) {
      this.push({
        field: 'breachTerms.standard',
        status: 'found',
        value: 'within-business-days',
        ...at(plan.business),
        ...more(plan.business),
      });
    } else if (plan.hours) {
      this.push({
        field: 'breachTerms.standard',
        status: plan.hours.unit === 'hours' ? 'found' : 'inferred',
        value: 'within-hours',
        ...at(plan.hours),
        ...more(plan.hours),
      });
    } else if (q && qualitativeSentence) {
      this.push({
        field: 'breachTerms.standard',
        status: q.like ? 'inferred' : 'found',
        value: q.standard,
        ...evidence(qualitativeSentence),
        note: q.like ? `read as "${q.standard}": the text's word is not the standard's own` : undefined,
      });
    } else {
      // Only a number counted from the confirmation: from our awareness, no number is named.
      this.push({
        field: 'breachTerms.standard',
        status: 'inferred',
        value: DRAFT_DEFAULTS.standard,
        ...at(principal),
        note: 'the text counts only from confirming the breach: until the confirmation is recorded the clock runs on "without undue delay" (Art. 33(2) GDPR) and our target',
      });
    }

    if (plan.business) {
      this.push({
        field: 'breachTerms.hours',
        status: 'inferred',
        value: null,
        ...at(plan.business),
        note: 'counted in business days, not hours',
      });
    } else if (plan.hours) {
      found(
        'breachTerms.hours',
        plan.hours,
        elapsedHours(plan.hours),
        notes(
          aim(plan.hours),
          q && !plan.hours.firm
            ? `the text also says "${q.standard}"; the profile holds the number`
            : undefined,
          inDays(plan.hours),
        ),
      );
    } else {
      this.push({
        field: 'breachTerms.hours',
        status: 'not-found',
        value: null,
        quote: null,
        clause: null,
        note: q
          ? `"${q.standard}" names no number: set the target you hold, or leave it empty for the default target`
          : undefined,
      });
    }

    this.push({
      field: 'breachTerms.basis',
      status: 'inferred',
      value: main ? 'contractual' : 'target',
      ...at(principal),
      note: main
        ? 'a number written in the agreement'
        : q
          ? 'the standard names no number: its hours are our target'
          : 'no number from our awareness: its hours are our target',
    });

    const terms: DeadlineTerms = plan.business
      ? {
          standard: 'within-business-days',
          hours: null,
          basis: 'contractual',
          businessDays: plan.business.amount,
        }
      : plan.hours
        ? { standard: 'within-hours', hours: elapsedHours(plan.hours), basis: 'contractual' }
        : { standard: q?.standard ?? DRAFT_DEFAULTS.standard, hours: null, basis: 'target' };

    if (plan.business) {
      const fromConfirmation = plan.business.anchor === 'confirmation';
      found(
        'breachTerms.businessDays',
        plan.business,
        plan.business.amount,
        notes(
          fromConfirmation
            ? 'the text counts them from confirming the breach; the profile counts business days from our awareness, the earlier and so the stricter anchor'
            : undefined,
          q ? `the text also says "${q.standard}"` : undefined,
          aim(plan.business),
        ),
        fromConfirmation ? 'inferred' : 'found',
      );
    }
    if (plan.backstop) {
      const beside = plan.business ? said(plan.business) : `"${q!.standard}"`;
      found(
        'breachTerms.backstopHours',
        plan.backstop,
        elapsedHours(plan.backstop),
        notes(`${beside} and in any event ${said(plan.backstop)}`, inDays(plan.backstop)),
      );
      terms.backstopHours = elapsedHours(plan.backstop)!;
    }
    if (plan.confirmation) {
      found(
        'breachTerms.confirmationHours',
        plan.confirmation,
        elapsedHours(plan.confirmation),
        notes(
          `${said(plan.confirmation)} after confirming the breach`,
          inDays(plan.confirmation),
          aim(plan.confirmation),
        ),
      );
      terms.confirmationHours = elapsedHours(plan.confirmation)!;
    }
    if (main && !main.firm) {
      this.push({
        field: 'breachTerms.firm',
        status: 'found',
        value: false,
        ...at(main),
        note: '"if possible": an aim, not a firm limit',
      });
      terms.firm = false;
    }
    // One report per number, each its own path (a page lists them by field).
    plan.unmapped.forEach(({ d, why }, i) => {
      this.push({
        field: `breachTerms.limits.${i}`,
        status: 'not-found',
        value: null,
        ...at(d),
        unsupported: `${said(d)}${d.anchor === 'confirmation' ? ' after confirming the breach' : d.anchor === 'awareness' ? ' from our awareness' : ''}${d.firm ? '' : ' (if possible)'}: ${why}`,
      });
    });
    return terms;
  }

  private standardAndHours(
    d: DeadlineReading,
    plan: LimitPlan,
    duty: Sentence[],
    primary: Sentence | null,
  ): DeadlineTerms {
    const qualitativeSentence = duty.find((s) => this.qualitative(s.text));
    if (d.amount !== null) return this.numberedDeadline(plan, qualitativeSentence);
    if (d.qualitative && qualitativeSentence) {
      const q = this.qualitative(qualitativeSentence.text)!;
      this.push({
        field: 'breachTerms.standard',
        status: q.like ? 'inferred' : 'found',
        value: d.qualitative,
        ...evidence(qualitativeSentence),
        note: q.like ? `read as "${d.qualitative}": the text's word is not the standard's own` : undefined,
      });
      this.push({
        field: 'breachTerms.hours',
        status: 'not-found',
        value: null,
        quote: null,
        clause: null,
        note: `"${d.qualitative}" names no number: set the target you hold, or leave it empty for the default target`,
      });
      this.push({
        field: 'breachTerms.basis',
        status: 'inferred',
        value: 'target',
        ...evidence(qualitativeSentence),
        note: 'no number in the agreement: any hours are our target',
      });
      return { standard: d.qualitative, hours: null, basis: 'target' };
    }
    this.push({
      field: 'breachTerms.standard',
      status: 'not-found',
      value: DRAFT_DEFAULTS.standard,
      quote: primary?.text ?? null,
      clause: primary?.clause ?? null,
      note: primary
        ? 'the duty to notify names no time: "without undue delay" (Art. 33(2) GDPR) is kept as the default'
        : 'no duty to notify the controller of a breach was found: "without undue delay" (Art. 33(2) GDPR) is kept as the default',
    });
    this.push({ field: 'breachTerms.hours', status: 'not-found', value: null, quote: null, clause: null });
    this.push({
      field: 'breachTerms.basis',
      status: 'not-found',
      value: 'target',
      quote: null,
      clause: null,
    });
    return { standard: DRAFT_DEFAULTS.standard, hours: null, basis: 'target' };
  }

  // ---- what triggers it, whom it covers -----------------------------------------------------------------------

  private trigger(duty: Sentence[], primary: Sentence | null): Trigger {
    const s = duty.find((x) => this.p.art3334Conditions.test(x.text));
    if (s) {
      this.push({
        field: 'breachTerms.trigger',
        status: 'found',
        value: 'art33-34-conditions',
        ...evidence(s),
      });
      return 'art33-34-conditions';
    }
    this.push({
      field: 'breachTerms.trigger',
      status: primary ? 'inferred' : 'not-found',
      value: 'any-breach',
      quote: primary?.text ?? null,
      clause: primary?.clause ?? null,
      note: primary ? 'the duty names no condition: every breach' : undefined,
    });
    return 'any-breach';
  }

  private coversSubprocessors(duty: Sentence[], primary: Sentence | null): boolean {
    const s = duty.find((x) => this.p.subprocessor.test(x.text));
    if (s) {
      this.push({ field: 'breachTerms.coversSubprocessors', status: 'found', value: true, ...evidence(s) });
      return true;
    }
    this.push({
      field: 'breachTerms.coversSubprocessors',
      status: primary ? 'inferred' : 'not-found',
      value: false,
      quote: primary?.text ?? null,
      clause: primary?.clause ?? null,
      note: primary ? 'the duty names breaches at the processor only' : undefined,
    });
    return false;
  }

  private subprocessorDeadlines(duty: Sentence[]): DraftProfile['subprocessors'] {
    const found: DraftProfile['subprocessors'] = [];
    const quotes: Evidence[] = [];
    const general: Sentence[] = [];
    for (const s of this.sentences) {
      if (duty.includes(s)) continue;
      const lead = this.leadOf(s);
      const aboutSubs =
        this.p.subprocessor.test(s.text) ||
        (lead !== null && this.p.subprocessor.test(lead.text)) ||
        s.headings.some((h) => this.p.subprocessor.test(h));
      if (!aboutSubs) continue;
      const context = this.breachContext(s) || (lead !== null && this.breachContext(lead));
      if (!context) continue;
      const d = this.durations(s)[0];
      if (!d || d.unit === 'business-days') continue;
      const hours = d.unit === 'hours' ? d.amount : d.amount * 24;
      const name = COMPANY.exec(s.text)?.[0]?.replace(/^,\s*/, '').trim();
      if (name) {
        found.push({ name, noticeHours: hours });
        quotes.push(evidence(s));
      } else {
        general.push(s);
      }
    }
    if (found.length > 0) {
      this.push({
        field: 'subprocessors',
        status: 'found',
        value: found,
        quote: quotes[0].quote,
        clause: quotes[0].clause,
        more: quotes.slice(1),
        note: 'only the sub-processors whose breach deadline is stated; add the others by hand',
      });
    } else if (general.length > 0) {
      this.push({
        field: 'subprocessors',
        status: 'not-found',
        value: [],
        ...evidence(general[0]),
        unsupported: 'a breach deadline for every sub-processor: list them with their noticeHours',
      });
    } else {
      this.push({
        field: 'subprocessors',
        status: 'not-found',
        value: [],
        quote: null,
        clause: null,
        note: 'no sub-processor breach deadline stated; list the sub-processors by hand',
      });
    }
    return found;
  }

  // ---- what the notice carries, and how ----------------------------------------------------------------------

  /** A sentence under the breach duty: under a breach heading, or about a breach in a clause that states the duty. */
  private inBreachScope(s: Sentence, noticeClauses: Set<string | null>): boolean {
    if (this.headingBreach(s)) return true;
    const lead = this.leadOf(s);
    const near =
      noticeClauses.has(s.clause) || (this.noticeSection !== null && s.section === this.noticeSection);
    return near && (this.breachContext(s) || (lead !== null && this.breachContext(lead)));
  }

  /** A sentence on what the notice carries: under the duty, and about the notice (or completing a list that is). */
  private aboutNotice(s: Sentence, noticeClauses: Set<string | null>): boolean {
    if (!this.inBreachScope(s, noticeClauses)) return false;
    const lead = this.leadOf(s);
    return (
      this.p.noticeWord.test(s.text) ||
      (lead !== null && this.p.noticeWord.test(lead.text)) ||
      this.p.art333.test(s.text)
    );
  }

  private requiredContent(noticeClauses: Set<string | null>): DraftProfile['breachTerms']['requiredContent'] {
    const when = new Map<ContentItem, ContentCondition>();
    const used: Sentence[] = [];
    for (const s of this.sentences) {
      if (!this.aboutNotice(s, noticeClauses)) continue;
      const lead = this.leadOf(s);
      const items = new Set<ContentItem>();
      for (const item of CONTENT_ITEMS) if (this.p.contentItems[item].test(s.text)) items.add(item);
      for (const item of this.art333Items(s.text)) items.add(item);
      if (items.size === 0) continue;
      const condition: ContentCondition =
        this.p.riskCondition.test(s.text) || (lead !== null && this.p.riskCondition.test(lead.text))
          ? 'if-risk'
          : 'always';
      for (const item of items) if (when.get(item) !== 'always') when.set(item, condition);
      used.push(s);
    }
    const value = CONTENT_ITEMS.filter((i) => when.has(i)).map((item) => ({ item, when: when.get(item)! }));
    if (used.length === 0) {
      this.push({
        field: 'breachTerms.requiredContent',
        status: 'not-found',
        value: [],
        quote: null,
        clause: null,
        note: 'the agreement names no content for the notice',
      });
    } else {
      this.push({
        field: 'breachTerms.requiredContent',
        status: 'found',
        value,
        ...evidence(used[0]),
        more: used.slice(1).map(evidence),
      });
    }
    return value;
  }

  /** Art. 33(3) named: all four items, or those its letters name ("33(3)(c) and (d)", "33. 3 . letter c) and d)"). */
  private art333Items(text: string): ContentItem[] {
    const m = this.p.art333.exec(text);
    if (!m) return [];
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 60);
    const letters =
      /^\s*\.?\s*(?:(?:letters?|lit|litra|bokstav|bokstäverna|Buchst|Buchstabe|punkt|point)\.?\s*)?\(?([a-d])\)?(?![\p{L}])((?:\s*(?:,|and|og|och|und|or|eller|oder|to|til|till|bis|–|-)\s*\(?[a-d]\)?(?![\p{L}]))*)/iu.exec(
        after,
      );
    if (!letters) return [...CONTENT_ITEMS];
    const named = [letters[1], ...(letters[2].match(/(?<![\p{L}])[a-d](?![\p{L}])/giu) ?? [])].map(
      (l) => l.toLowerCase() as ContentItem,
    );
    const range = /(?:to|til|till|bis|–|-)\s*\(?([a-d])\)/i.exec(letters[0]);
    if (range) {
      const from = CONTENT_ITEMS.indexOf(named[0]);
      const to = CONTENT_ITEMS.indexOf(range[1].toLowerCase() as ContentItem);
      return CONTENT_ITEMS.slice(from, to + 1);
    }
    return unique(named);
  }

  private writtenForm(
    duty: Sentence[],
    primary: Sentence | null,
    noticeClauses: Set<string | null>,
  ): boolean {
    const candidates = this.sentences.filter(
      (s) => duty.includes(s) || (noticeClauses.has(s.clause) && this.notifiesController(s.text)),
    );
    const s = candidates.find((x) =>
      this.p.writtenForm.test(x.text.replace(new RegExp(this.p.writtenNotForm.source, 'giu'), '')),
    );
    if (s) {
      this.push({ field: 'breachTerms.writtenForm', status: 'found', value: true, ...evidence(s) });
      return true;
    }
    this.push({
      field: 'breachTerms.writtenForm',
      status: primary ? 'inferred' : 'not-found',
      value: false,
      quote: primary?.text ?? null,
      clause: primary?.clause ?? null,
      note: primary ? 'the duty names no form' : undefined,
    });
    return false;
  }

  private flag(field: string, rx: RegExp, scope: (s: Sentence) => boolean): boolean {
    const s = this.sentences.find((x) => scope(x) && rx.test(x.text));
    this.push(
      s
        ? { field, status: 'found', value: true, ...evidence(s) }
        : { field, status: 'not-found', value: false, quote: null, clause: null },
    );
    return s !== undefined;
  }

  private thirdPartyDisclosure(noticeClauses: Set<string | null>): ThirdPartyDisclosure {
    const s = this.sentences.find(
      (x) => this.p.thirdParties.test(x.text) && (this.breachContext(x) || noticeClauses.has(x.clause)),
    );
    if (s) {
      this.push({
        field: 'breachTerms.thirdPartyDisclosure',
        status: 'found',
        value: 'forbidden-without-instruction',
        ...evidence(s),
      });
      return 'forbidden-without-instruction';
    }
    this.push({
      field: 'breachTerms.thirdPartyDisclosure',
      status: 'not-found',
      value: 'allowed',
      quote: null,
      clause: null,
      note: 'the agreement does not forbid telling third parties of a breach',
    });
    return 'allowed';
  }

  private actsOnlyOnInstruction(): boolean {
    const s = this.sentences.find(
      (x) =>
        this.p.onBehalf.onBehalf.test(x.text) &&
        this.p.onBehalf.only.test(x.text) &&
        this.p.onBehalf.instruction.test(x.text) &&
        (ART_33_34.test(x.text) || this.p.authority.test(x.text) || this.breachContext(x)),
    );
    if (s) {
      this.push({
        field: 'breachTerms.actsForControllerOnlyOnInstruction',
        status: 'found',
        value: true,
        ...evidence(s),
      });
      return true;
    }
    this.push({
      field: 'breachTerms.actsForControllerOnlyOnInstruction',
      status: 'not-found',
      value: false,
      quote: null,
      clause: null,
    });
    return false;
  }

  /** How breach assistance is paid: a sentence on assistance in a breach (or Art. 32–36) sentence, clause or section. */
  private assistance(): AssistanceTerms {
    const about = (s: Sentence) =>
      this.p.breachContext.test(s.text) ||
      this.p.breachStrong.test(s.text) ||
      this.p.breachWeak.test(s.text) ||
      ART_33_34.test(s.text);
    const withContext = this.sentences.filter(about);
    const clausesWithContext = new Set(withContext.map((s) => s.clause));
    const sectionsWithContext = new Set(withContext.map((s) => s.section));
    const contextIds = [...clausesWithContext, ...sectionsWithContext];
    // "Assistance under § 5", "bistand efter punkt 9": the clause referred to is about breaches.
    const refersToContext = (s: Sentence) =>
      referencedClauses(s.text).some((ref) => contextIds.some((c) => sameClause(c, ref)));
    const level = (s: Sentence): number =>
      about(s)
        ? 0
        : (s.clause !== null && clausesWithContext.has(s.clause)) || refersToContext(s)
          ? 1
          : s.section !== null && sectionsWithContext.has(s.section)
            ? 2
            : 3;
    const kinds: AssistanceTerms[] = ['hourly-rates', 'documented-costs', 'none'];
    const matches: { s: Sentence; kind: AssistanceTerms; level: number }[] = [];
    for (const s of this.sentences) {
      if (!this.p.assistance.test(s.text) || this.p.assistanceElsewhere.test(s.text)) continue;
      const l = level(s);
      if (l === 3) continue;
      const kind = kinds.find((k) => this.p.pay[k].test(s.text));
      if (kind) matches.push({ s, kind, level: l });
    }
    if (matches.length === 0) {
      this.push({
        field: 'breachTerms.assistance',
        status: 'not-found',
        value: 'none',
        quote: null,
        clause: null,
        note: 'the agreement sets no price for breach assistance',
      });
      return 'none';
    }
    matches.sort((a, b) => a.level - b.level || a.s.index - b.s.index);
    const chosen = matches[0];
    const same = matches.filter((m) => m.kind === chosen.kind).sort((a, b) => a.s.index - b.s.index);
    this.push({
      field: 'breachTerms.assistance',
      status: 'found',
      value: chosen.kind,
      ...evidence(chosen.s),
      more: same.filter((m) => m !== chosen).map((m) => evidence(m.s)),
    });
    return chosen.kind;
  }

  // ---- the parties, the law, the languages -------------------------------------------------------------------

  private processor(): DraftProfile['processor'] {
    const contact = this.breachContact();
    let name = '';
    let address: string | undefined;
    let at: Evidence | null = null;
    let status: ValueStatus = 'not-found';
    const role = this.sentences.findIndex((s) => this.p.processorRole.test(s.text));
    if (role >= 0) {
      const own = this.sentences[role].text
        .slice(0, this.p.processorRole.exec(this.sentences[role].text)!.index)
        .trim();
      const candidates = [
        own,
        ...this.sentences
          .slice(Math.max(0, role - 4), role)
          .reverse()
          .map((s) => s.text),
      ];
      const line = candidates.find(
        (c) =>
          c.length > 1 &&
          !/^\(.*\)$/.test(c) &&
          !/^(and|og|och|und|samt|between|mellom|mellem|mellan|zwischen)$/i.test(c),
      );
      if (line) {
        const party = secondParty(line, this.p);
        const [first, ...rest] = party.split(/,\s*/);
        name = first.replace(/[,\s]+$/, '');
        if (rest.length > 0 && /\d/.test(rest.join(', '))) address = rest.join(', ');
        at = { quote: party, clause: this.sentences[role].clause };
        status = 'found';
      }
    }
    if (!name) {
      const between = this.sentences.find(
        (s) => this.p.between.test(s.text) && COMPANY.test(s.text.slice(s.text.search(this.p.between))),
      );
      if (between) {
        const tail = between.text.slice(between.text.search(this.p.between));
        const companies = [...tail.matchAll(new RegExp(COMPANY.source, 'gu'))].map((m) => m[0]);
        name = secondParty(companies[companies.length - 1], this.p).trim();
        at = evidence(between);
        status = 'inferred';
      }
    }
    this.push({
      field: 'processor.name',
      status,
      value: name,
      quote: at?.quote ?? null,
      clause: at?.clause ?? null,
      note:
        status === 'inferred'
          ? 'the second party named: check that it is the processor'
          : status === 'not-found'
            ? 'the processor is not named: fill it in'
            : undefined,
    });
    this.push(
      address
        ? {
            field: 'processor.address',
            status: 'found',
            value: address,
            quote: at!.quote,
            clause: at!.clause,
          }
        : { field: 'processor.address', status: 'not-found', value: null, quote: null, clause: null },
    );
    return { name, ...(address ? { address } : {}), breachContact: contact };
  }

  /** The processor's channel for breaches: "Security breach: Phone: ..." (Dotnet Internals C.8), or inline. */
  private breachContact(): DraftProfile['processor']['breachContact'] {
    const contact: { email?: string; phone?: string } = {};
    const quotes: Record<'email' | 'phone', Evidence | null> = { email: null, phone: null };
    const notes: string[] = [];
    const labels = this.p.contactLabels;
    const take = (kind: 'email' | 'phone', s: Sentence) => {
      if (contact[kind]) return;
      const label = labels.phone.exec(s.text);
      const afterLabel = label ? s.text.slice(label.index + label[0].length) : s.text;
      const value = kind === 'email' ? EMAIL.exec(s.text)?.[0] : PHONE.exec(afterLabel)?.[0]?.trim();
      if (value) {
        contact[kind] = value;
        quotes[kind] = evidence(s);
      } else if (kind === 'email' && labels.email.test(s.text)) {
        notes.push(`an e-mail address is named but not legible in the text: "${s.text}"`);
      }
    };
    for (let i = 0; i < this.sentences.length; i++) {
      const s = this.sentences[i];
      const aboutBreach =
        this.p.breachStrong.test(s.text) ||
        this.p.breachWeak.test(s.text) ||
        /security|sikkerhet|sikkerhed|säkerhet|Sicherheit/i.test(s.text);
      if (!aboutBreach && !(this.headingBreach(s) && (EMAIL.test(s.text) || labels.phone.test(s.text))))
        continue;
      // A label line ("Security breach:") heads the lines that follow it in the clause.
      if (/:$/.test(s.text) && s.text.length < 60) {
        for (let j = i + 1; j < this.sentences.length && this.sentences[j].clause === s.clause; j++) {
          const line = this.sentences[j];
          if (/:$/.test(line.text)) break;
          if (labels.phone.test(line.text)) take('phone', line);
          else if (labels.email.test(line.text) || EMAIL.test(line.text)) take('email', line);
          else break;
        }
        continue;
      }
      // An address in a sentence about breaches is ours, unless the sentence gives it as the controller's.
      if (this.p.notifyController.some((rx) => rx.test(s.text))) continue;
      if (
        /(?:controller|customer)'s|behandlingsansvarliges|dataansvarliges|personuppgiftsansvariges|des Auftraggebers|des Kunden/i.test(
          s.text,
        )
      )
        continue;
      if (EMAIL.test(s.text)) take('email', s);
      if (labels.phone.test(s.text)) take('phone', s);
    }
    for (const kind of ['email', 'phone'] as const) {
      const q = quotes[kind];
      this.push(
        q
          ? { field: `processor.breachContact.${kind}`, status: 'found', value: contact[kind], ...q }
          : {
              field: `processor.breachContact.${kind}`,
              status: 'not-found',
              value: null,
              quote: null,
              clause: null,
              note: kind === 'email' && notes.length > 0 ? notes[0] : undefined,
            },
      );
    }
    return contact;
  }

  private title(): string {
    const head = this.sentences.slice(0, 8);
    const i = head.findIndex((s) => this.p.agreementWord.test(s.text) && s.text.length <= 150);
    if (i < 0) {
      const first = head[0]?.text ?? '';
      this.push({
        field: 'title',
        status: 'not-found',
        value: first.slice(0, 300),
        quote: first || null,
        clause: null,
      });
      return first.slice(0, 300);
    }
    const s = head[i];
    const prefix =
      i > 0 && head[i - 1].text.length <= 40 && head[i - 1].clause === null ? `${head[i - 1].text} ` : '';
    const title = `${prefix}${s.text}`.replace(/[.:]$/, '').slice(0, 300);
    this.push({
      field: 'title',
      status: 'inferred',
      value: title,
      ...evidence(s),
      note: 'the heading of the agreement',
    });
    return title;
  }

  private id(name: string, title: string): string {
    const base = (name.replace(COMPANY_SUFFIX, '') || title)
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/æ/gi, 'ae')
      .replace(/ø/gi, 'o')
      .replace(/å/gi, 'a')
      .replace(/ß/g, 'ss')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '');
    const id = base.length >= 2 ? base : 'new-agreement';
    this.push({
      field: 'id',
      status: 'inferred',
      value: id,
      quote: null,
      clause: null,
      note: "made from the processor's name: choose the id you want",
    });
    return id;
  }

  private languages(read: ReaderLanguage): Language[] {
    const names = Object.keys(this.p.languageNames).join('|');
    const name = `(?<![\\p{L}])(?:${names})(?![\\p{L}])`;
    // A list of language names right before a word for versions ("English and Norwegian versions", "norsk og engelsk
    // språkversjon"), or after "in" in a sentence about versions ("signed in English and German").
    const list = `${name}(?:\\s*(?:,|and|or|og|eller|och|und|oder|&)\\s*${name})*`;
    const before = new RegExp(`${list}(?=[\\s-]{0,3}${this.p.languageVersions.source})`, 'iu');
    const after = new RegExp(`(?<![\\p{L}])(?:in|into|på|i|auf)\\s+(?:the\\s+)?${list}`, 'iu');
    for (const s of this.sentences) {
      if (!this.p.languageVersions.test(s.text)) continue;
      const m = before.exec(s.text) ?? after.exec(s.text);
      if (!m) continue;
      const found = unique(
        (m[0].match(new RegExp(name, 'giu')) ?? []).map((n) => this.p.languageNames[n.toLowerCase()]),
      );
      if (found.length === 0) continue;
      const supported = found.filter((l): l is Language => (LANGUAGES as readonly string[]).includes(l));
      const other = found.filter((l) => !(LANGUAGES as readonly string[]).includes(l));
      const value = supported.length > 0 ? supported : DRAFT_DEFAULTS.languages;
      this.push({
        field: 'languages',
        status: supported.length > 0 ? 'found' : 'not-found',
        value,
        ...evidence(s),
        unsupported:
          other.length > 0
            ? `signed in ${other.map((l) => LANGUAGE_NAMES[l]).join(', ')}: a profile's languages are ${LANGUAGES.join(', ')}`
            : undefined,
      });
      return value;
    }
    if ((LANGUAGES as readonly string[]).includes(read)) {
      this.push({
        field: 'languages',
        status: 'inferred',
        value: [read],
        quote: null,
        clause: null,
        note: `the text is written in ${LANGUAGE_NAMES[read]}; add the other language versions signed`,
      });
      return [read as Language];
    }
    this.push({
      field: 'languages',
      status: 'not-found',
      value: DRAFT_DEFAULTS.languages,
      quote: null,
      clause: null,
      unsupported: `the text is written in ${LANGUAGE_NAMES[read]}: a profile's languages are ${LANGUAGES.join(', ')}`,
    });
    return DRAFT_DEFAULTS.languages;
  }

  private law(): string {
    for (const s of this.sentences) {
      const m = this.p.governingLaw.exec(s.text);
      const word = m?.slice(1).find((g) => g !== undefined);
      const nation = word ? NATIONS[word.toLowerCase()] : undefined;
      if (nation) {
        const law = `${nation} law (${s.clause ?? 'the agreement'})`;
        this.push({ field: 'law', status: 'found', value: law, ...evidence(s) });
        return law;
      }
    }
    const act = this.sentences.find((s) => this.p.dataProtectionAct.test(s.text));
    if (act) {
      const named = this.p.dataProtectionAct.exec(act.text)![0];
      const law = `GDPR (Regulation (EU) 2016/679) and ${named}`.slice(0, 300);
      this.push({
        field: 'law',
        status: 'inferred',
        value: law,
        ...evidence(act),
        note: 'no governing-law clause; the data protection law the agreement names',
      });
      return law;
    }
    this.push({
      field: 'law',
      status: 'not-found',
      value: DRAFT_DEFAULTS.law,
      quote: null,
      clause: null,
      note: 'no governing-law clause found',
    });
    return DRAFT_DEFAULTS.law;
  }

  // ---- bookkeeping -------------------------------------------------------------------------------------------

  private push(report: ValueReport): void {
    const clean = Object.fromEntries(
      Object.entries(report).filter(([, v]) => v !== undefined),
    ) as unknown as ValueReport;
    if (clean.more?.length === 0) delete clean.more;
    this.values.push(clean);
  }

  private find(field: string): ValueReport | undefined {
    return this.values.find((v) => v.field === field);
  }

  private clauseValue(field: string, from: Sentence[], fallback: string): string {
    const s = from[0];
    this.push(
      s?.clause
        ? { field, status: 'found', value: s.clause, ...evidence(s) }
        : {
            field,
            status: 'not-found',
            value: fallback,
            quote: null,
            clause: null,
            note: 'no clause found: fill it in',
          },
    );
    return s?.clause ?? fallback;
  }

  /** The clause(s) the given values were found in. */
  private clauseOf(field: string, ...of: string[]): string | null {
    const found = of
      .map((f) => this.find(f))
      .filter((v): v is ValueReport => v !== undefined && v.status === 'found');
    const clauses = unique(
      found
        .flatMap((v) => [v.clause, ...(v.more ?? []).map((m) => m.clause)])
        .filter((c): c is string => c !== null),
    );
    if (clauses.length === 0) {
      this.push({ field, status: 'not-found', value: null, quote: null, clause: null });
      return null;
    }
    const value = clauses.join(', ').slice(0, 50);
    this.push({ field, status: 'found', value, quote: found[0].quote, clause: found[0].clause });
    return value;
  }

  private sources(): Record<string, string> {
    const sources: Record<string, string> = {};
    for (const v of this.values) {
      if (v.status === 'not-found' || !v.quote || v.field.startsWith('clauses.')) continue;
      sources[v.field] = `${v.clause ?? 'the agreement'}: "${v.quote}"`;
    }
    return sources;
  }
}

/** Clause numbers a sentence refers to: "§ 5", "punkt 9", "clause 7", "section 8.1", "6.3". */
function referencedClauses(text: string): string[] {
  const refs: string[] = [];
  const rx =
    /(?:§\s*(\d+)|(?<![\p{L}])(?:clauses?|sections?|punkt|pkt\.|afsnit|avsnitt|ziffer|klausul|paragraph|point)\s+(\d+(?:\.\d+)*)|(?<![\d.])(\d{1,2}\.\d{1,2})(?![\d.]))/giu;
  for (const m of text.matchAll(rx)) refs.push(m[1] ?? m[2] ?? m[3]);
  return refs;
}

/** A clause id ("§ 5", "Punkt 9", "8.1", "8") is the one referred to ("5", "9", "8.1"), or contains it. */
function sameClause(id: string | null, ref: string): boolean {
  if (id === null) return false;
  const number = /(\d+(?:\.\d+)*)[a-z]?$/i.exec(id)?.[1];
  return number === ref || (number !== undefined && ref.startsWith(`${number}.`));
}

/** "between the Customer (the Controller) and Nordlys Cloud AS, Storgata 12": the party after the last "and". */
function secondParty(line: string, p: TermPatterns): string {
  let party = line;
  if (p.between.test(line) || /(?:^|\s)(?:and|og|och|und|samt)\s/i.test(line)) {
    const parts = line.split(/\s(?:and|og|och|und|samt|&)\s/i);
    party = parts[parts.length - 1];
  }
  return party
    .replace(/^[^:]{1,20}:\s*/, '')
    .replace(/^(?:the|der|die|dem|den|det)\s+/i, '')
    .trim();
}

const COMPANY_SUFFIX =
  /[,\s]+(?:AS|ASA|AB|ApS|A\/S|GmbH|AG|SE|Ltd\.?|Limited|Inc\.?|LLC|Oy|BV|B\.V\.|SA|S\.A\.|KG|UG|plc)$/i;
