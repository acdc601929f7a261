import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_PROFILES_DIR } from '../agreements/agreements.service';
import type { AgreementProfileDto } from '../agreements/dto/agreement-profile.dto';
import { FORM_STYLES, type FormStyle } from '../authorities/authority.entity';
import { type AuthorityObligationInput, AUTHORITY_FORMS, layoutAuthorityForm } from '../forms/authority-form';
import { CATALOGUE, FIELDS_BY_KEY, PHASES } from '../forms/catalogue';
import type { OurContact } from '../forms/contact-point.util';
import type { Answer } from '../forms/form.util';
import { TEXT_LANGUAGES, type TextLanguage, TO_FOLLOW } from '../forms/render.util';
import {
  buildNoticeContext,
  fieldTexts,
  NOTICE_KINDS,
  NOTICE_PHASES,
  NoticeKind,
  NoticePhase,
} from './notice-context.util';
import { buildNoticeJson, validateBreachNotice } from './notice-json.util';
import { AppConfig } from '../config/config';
import { PdfPool } from './pdf-pool';
import { TemplatesService, templatesDir } from './templates.service';
// pdf-parse's index runs a self-test when required without a parent; its library file does not.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (data: Buffer) => Promise<{ text: string }>;

/**
 * Every real template, for every agreement, language and phase, once with a complete incident and once with a
 * minimal one (most fields unknown). No renderer is mocked: mails that go out empty are the failure this prevents.
 */
const profiles = readdirSync(BUILTIN_PROFILES_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(BUILTIN_PROFILES_DIR, f), 'utf8')) as AgreementProfileDto);

const sut = new TemplatesService();
// The PDFs render on the service's own pool of worker threads, as every notice does.
const pdfs = new PdfPool(new AppConfig());
afterAll(() => pdfs.onApplicationShutdown());
sut.load(templatesDir());
const strings = (lang: TextLanguage) =>
  JSON.parse(readFileSync(join(templatesDir(), 'strings', `${lang}.json`), 'utf8')) as Record<string, string>;

const COMPLETE: Record<string, unknown> = {
  whatHappened: 'Eksportfiler ble videresendt til en ekstern postkasse; Schäden möglich',
  occurredSpan: { from: '2026-11-20T22:00:00+01:00', to: '2026-11-21T06:00:00+01:00' },
  discovery: 'Found by on-call in the relay logs',
  ongoing: false,
  breachTypes: ['confidentiality'],
  servicesAndSystems: ['mail-relay'],
  affectedControllers: ['Fjord Kommune'],
  reporter: { name: 'Kari Vakt', phone: '+47 99 99 99 99' },
  natureOfBreach: 'Misconfigured forwarding rule',
  dataSubjectCategories: ['Residents'],
  approxDataSubjects: { min: 1000, max: 5000 },
  personalDataCategories: [{ name: 'National identity numbers', flags: ['national-id'] }],
  approxRecords: 12000,
  dataLocationNow: 'External mailbox, deletion requested',
  relationToDataSubjects: 'Municipality and residents',
  likelyConsequences: 'Identity theft; Größe des Risikos hoch',
  enisa: { dpc: 3, ei: 1, confidentiality: 0.5, integrity: 0, availability: 0, malicious: false },
  measuresTaken: 'Rule removed; credentials rotated',
  mitigation: 'Residents offered credit monitoring',
  recurrencePrevention: 'Four-eyes approval for outbound rules',
  contactPoint: { name: 'Åse Ærlig Sørensen / Jürgen Weiß', email: 'personvern@fjord.example' },
  subjectsInformed: 'planned',
  communicationMethod: 'Letter by post',
  communicationAt: '2026-11-24T12:00:00+01:00',
  adviceToDataSubjects: 'Watch for unexpected credit applications',
};
const NOT_APPLICABLE: Record<string, string> = {
  measuresProposed: 'All measures already taken',
  reasonsForDelay: 'Within 72 hours',
};

function answers(kind: 'complete' | 'minimal'): Map<string, Answer> {
  const m = new Map<string, Answer>();
  m.set('breachTypes', { state: 'known', value: ['confidentiality'], derived: true });
  if (kind === 'minimal') {
    m.set('whatHappened', { state: 'known', value: 'Exports forwarded to an outside mailbox' });
    m.set('approxDataSubjects', { state: 'unknown' });
    return m;
  }
  for (const [key, value] of Object.entries(COMPLETE)) m.set(key, { state: 'known', value });
  for (const [key, reason] of Object.entries(NOT_APPLICABLE)) m.set(key, { state: 'not-applicable', reason });
  return m;
}

interface Case {
  profile: AgreementProfileDto;
  kind: NoticeKind;
  language: TextLanguage;
  phase: NoticePhase;
  content: 'complete' | 'minimal';
  style: FormStyle;
}

/** Every kind in every language; an authority notification in each layout, in each language it has wording for. */
const cases: Case[] = [];
for (const profile of profiles) {
  const own: FormStyle = profile.id === 'alfaview' ? 'de-state' : 'datatilsynet';
  for (const kind of NOTICE_KINDS)
    for (const style of kind === 'authority-notification' ? FORM_STYLES : [own])
      for (const language of kind === 'authority-notification'
        ? AUTHORITY_FORMS[style].languages
        : TEXT_LANGUAGES)
        for (const phase of NOTICE_PHASES)
          for (const content of ['complete', 'minimal'] as const)
            cases.push({ profile, kind, language, phase, content, style });
}

const ISSUED = new Date('2026-11-22T10:00:00Z');
const DUE = new Date('2026-11-25T09:00:00Z');
const US: OurContact = {
  organisation: 'Processor Org AS',
  dpo: { name: 'Per Ombud', email: 'dpo@processor.example' },
  breach: { email: 'soc@processor.example', phone: '+47 21 00 00 00' },
};
const CONTROLLER_DPO = { name: 'Ola Personvern', email: 'personvern@fjord.example' };

interface Options {
  risk?: string | null;
  exception?: { value: string; reasoning: string } | null;
  issuedAt?: Date;
  obligation?: AuthorityObligationInput;
  reasonsForDelay?: string | null;
  answers?: Map<string, Answer>;
}

function context(c: Case, o: Options = {}) {
  const a = o.answers ?? answers(c.content);
  const issuedAt = o.issuedAt ?? ISSUED;
  const processorAwareAt = new Date('2026-11-22T08:12:00Z');
  const hours = c.profile.breachTerms.hours ?? 24;
  const risk = o.risk === undefined ? 'high-risk' : o.risk;
  const laidOut = layoutAuthorityForm(c.style, {
    zone: 'Europe/Oslo',
    languages: AUTHORITY_FORMS[c.style].languages,
    at: issuedAt,
    answers: a,
    completed: new Set(c.content === 'complete' ? PHASES : []),
    controllerName: 'Fjord Kommune',
    controllerDpo: CONTROLLER_DPO,
    discoveredAt: new Date('2026-11-22T08:00:00Z'),
    processorAwareAt,
    controllerAwareAt: new Date('2026-11-22T09:00:00Z'),
    risk: risk ? { value: risk, reasoning: 'National identity numbers exposed' } : null,
    exception: o.exception ?? null,
    obligation: o.obligation ?? {
      status: 'open',
      dueAt: DUE,
      conservativeDueAt: new Date('2026-11-25T08:12:00Z'),
      metAt: null,
      reasonsForDelay: null,
    },
    reasonsForDelay: o.reasonsForDelay,
  });
  return buildNoticeContext({
    kind: c.kind,
    phase: c.phase,
    language: c.language,
    strings: sut.stringsFor(c.language, c.profile.id),
    reference: 'BR-2026-0042',
    issuedAt,
    zone: 'Europe/Oslo',
    processor: c.profile.processor,
    controllerName: 'Fjord Kommune',
    recipientName: c.kind === 'authority-notification' ? 'Datatilsynet' : 'Fjord Kommune',
    agreement: {
      title: c.profile.title,
      version: 1,
      clauses: c.profile.clauses,
      breachTerms: c.profile.breachTerms,
    },
    obligation:
      c.kind === 'controller-notice'
        ? {
            dueAt: new Date(processorAwareAt.getTime() + hours * 3_600_000),
            conservativeDueAt: null,
            basis: c.profile.breachTerms.basis,
            windowHours: hours,
            calendarCountry: 'NO',
          }
        : {
            dueAt: DUE,
            conservativeDueAt: new Date('2026-11-25T08:12:00Z'),
            basis: c.kind === 'authority-notification' ? 'statutory' : 'target',
            windowHours: 72,
          },
    discoveredAt: new Date('2026-11-22T08:00:00Z'),
    processorAwareAt,
    controllerAwareAt: new Date('2026-11-22T09:00:00Z'),
    answers: a,
    risk,
    ourContact: US,
    controllerDpo: CONTROLLER_DPO,
    authorityGroups: laidOut.groups,
    previous:
      c.phase === 'follow-up' ? { natureOfBreach: 'Earlier wording', measuresTaken: 'Rule removed' } : null,
    reasonsForDelay: o.reasonsForDelay ?? null,
  });
}

function json(c: Case, ctx: ReturnType<typeof context>) {
  return buildNoticeJson(ctx, {
    noticeId: '6f1c4b0e-0000-4000-8000-000000000042',
    issuedAt: ISSUED,
    incident: {
      reference: 'BR-2026-0042',
      discoveredAt: new Date('2026-11-22T08:00:00Z'),
      processorAwareAt: new Date('2026-11-22T08:12:00Z'),
      breachTypes: ['confidentiality'],
    },
    controllerAwareAt: null,
    processor: c.profile.processor,
    controller: { id: '6f1c4b0e-0000-4000-8000-000000000001', name: 'Fjord Kommune' },
    agreement: { id: c.profile.id, version: 1, breachNoticeClause: c.profile.clauses.breachNotice },
    obligation: {
      id: '6f1c4b0e-0000-4000-8000-000000000002',
      hop: 'processor-to-controller',
      basis: 'contractual',
      windowHours: 48,
      dueAt: null,
      conservativeDueAt: null,
    },
  });
}

const DEADLINE: Record<string, Record<TextLanguage, string>> = {
  immediately: {
    en: 'notify you immediately',
    nb: 'varsler dere straks',
    de: 'unverzügliche Meldung',
    da: 'underretter jer straks',
    sv: 'underrättar er omedelbart',
  },
  'without-undue-delay': {
    en: 'without undue delay',
    nb: 'uten ugrunnet opphold',
    de: 'ohne schuldhaftes Zögern',
    da: 'uden unødig forsinkelse',
    sv: 'utan onödigt dröjsmål',
  },
  'within-hours': {
    en: 'within 48 hours',
    nb: 'innen 48 timer',
    de: 'innerhalb von 48 Stunden',
    da: 'inden for 48 timer',
    sv: 'inom 48 timmar',
  },
};

/** The issue date as each language writes it (10:00Z is 11:00 in Oslo in November). */
const ISSUED_TEXT: Record<TextLanguage, string> = {
  en: '22 November 2026, 11:00 (UTC+01:00)',
  nb: '22. november 2026 kl. 11.00 (UTC+01:00)',
  de: '22. November 2026, 11:00 Uhr (UTC+01:00)',
  da: '22. november 2026 kl. 11.00 (UTC+01:00)',
  sv: '22 november 2026 kl. 11.00 (UTC+01:00)',
};
const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

const byId = (id: string) => profiles.find((p) => p.id === id)!;
const one = (over: Partial<Case>): Case => ({
  profile: byId('videonor'),
  kind: 'controller-notice',
  language: 'en',
  phase: 'initial',
  content: 'complete',
  style: 'datatilsynet',
  ...over,
});
const fieldOf = (ctx: ReturnType<typeof context>, key: string) =>
  ctx.sections.flatMap((x) => x.fields).find((f) => f.key === key);

describe('every notice template', () => {
  it('covers the agreements, kinds, languages, layouts and phases', () => {
    expect(new Set(cases.map((c) => c.profile.id)).size).toBe(4);
    expect(new Set(cases.map((c) => c.language))).toEqual(new Set(TEXT_LANGUAGES));
    // Per agreement: the controller's and the data subjects' notices in all five languages, the authority's in each
    // layout's languages (2 + 2 + 2 + 2 + 1); × 3 phases × 2 contents.
    expect(cases).toHaveLength(4 * (5 + 5 + 9) * 3 * 2);
  });

  it.each(
    cases.map(
      (c) => [`${c.profile.id} ${c.kind} ${c.style} ${c.language} ${c.phase} ${c.content}`, c] as const,
    ),
  )('%s', (_name, c) => {
    const ctx = context(c);
    const html = sut.renderHtml(ctx);
    const text = sut.renderText(ctx);
    const s = strings(c.language);
    for (const out of [html, text]) {
      expect(out).toContain(s[`kind.${c.kind}`].replace(/"/g, '&quot;').slice(0, 20));
      expect(out).toContain('BR-2026-0042');
      expect(out).not.toMatch(/\{\{|\[object Object\]|undefined/);
      // Instants are written for people, in the language, with the offset; never ISO 8601 in a letter.
      expect(out).toContain(ISSUED_TEXT[c.language]);
      expect(out).not.toMatch(ISO_INSTANT);
    }

    if (c.kind === 'controller-notice') {
      // The agreement's own clause and deadline, with its basis.
      expect(text).toContain(c.profile.clauses.breachNotice);
      expect(text).toContain(DEADLINE[c.profile.breachTerms.standard][c.language]);
      expect(text).toContain(s[`basis.${c.profile.breachTerms.basis}`]);
      // The content items this agreement requires, and only those (all four where it names none).
      const required = c.profile.breachTerms.requiredContent.map((r) => r.item);
      for (const item of ['a', 'b', 'c', 'd']) {
        const expected = required.length === 0 || required.includes(item as 'a');
        expect([item, text.includes(s[`item.${item}`])]).toEqual([item, expected]);
      }
      if (c.profile.breachTerms.trigger === 'art33-34-conditions')
        expect(text).toContain(s['trigger.art33-34-conditions']);
      if (c.profile.breachTerms.thirdPartyDisclosure === 'forbidden-without-instruction')
        expect(text).toContain('8.4');
      // Art. 33(3)(b) in our notice is us, whatever the walk-through says.
      if (text.includes(s['item.b'])) {
        expect(text).toContain('Processor Org AS');
        expect(text).toContain('soc@processor.example');
        expect(text).not.toContain('Åse Ærlig Sørensen');
      }
    }
    if (c.kind === 'authority-notification') {
      const layout = AUTHORITY_FORMS[c.style];
      for (const g of layout.groups) expect(text).toContain(g.title[c.language]);
      // Art. 33(1): every layout asks for the reasons for a delay; this notice is in time and says so.
      expect(text).toContain(FIELDS_BY_KEY.get('reasonsForDelay')!.labels[c.language]);
      expect(fieldOf(ctx, 'reasonsForDelay')).toMatchObject({ state: 'not-applicable', toFollow: false });
    }
    if (c.kind === 'data-subject-notice') {
      for (const key of ['ds.whatHappened', 'ds.consequences', 'ds.measures', 'ds.advice', 'ds.contact'])
        expect(text).toContain(s[key]);
      // The walk-through's contact point where it is known, else the controller's DPO from its record.
      expect(text).toContain(c.content === 'complete' ? 'Åse Ærlig Sørensen' : 'Ola Personvern');
    }

    // Unknown items are marked as to follow (Art. 33(4)); a complete notice has none.
    if (c.content === 'minimal') {
      expect(text).toContain(s.toFollow);
      expect(text).toContain(s.toFollowNote);
      expect(html).toContain('class="to-follow"');
    } else {
      expect(text).not.toContain(s.toFollowNote);
    }
    if (c.phase === 'follow-up') expect(text).toContain(s['label.changes']);
    if (c.phase === 'final') expect(text).toContain(s.finalNote);
    else expect(text).not.toContain(s.finalNote);

    const notice = json(c, ctx);
    expect(validateBreachNotice(notice)).toBe(true);
    expect((notice.toFollow as string[]).length > 0).toBe(c.content === 'minimal');
    expect(notice.issuedAt).toBe('2026-11-22T10:00:00.000Z');
  });

  it('lists what changed since the previous notice in a follow-up', () => {
    const ctx = context(one({ profile: byId('dotnet-internals'), phase: 'follow-up' }));
    expect(ctx.changes).toEqual([
      {
        key: 'natureOfBreach',
        label: expect.any(String),
        before: 'Earlier wording',
        after: 'Misconfigured forwarding rule',
      },
      {
        key: 'measuresTaken',
        label: expect.any(String),
        before: 'Rule removed',
        after: 'Rule removed; credentials rotated',
      },
    ]);
    expect(fieldTexts(ctx).natureOfBreach).toBe('Misconfigured forwarding rule');
  });

  describe('a late authority notification (Art. 33(1))', () => {
    const late = new Date('2026-11-26T12:00:00Z');
    const layouts = FORM_STYLES.flatMap((style) =>
      AUTHORITY_FORMS[style].languages.map((language) => [style, language] as const),
    );

    it.each(layouts)('gives the filing’s reasons in every format (%s, %s)', async (style, language) => {
      const c = one({ kind: 'authority-notification', style, language });
      const reasons = 'Scope took four days to establish – Umfang erst nach vier Tagen klar';
      const ctx = context(c, { issuedAt: late, reasonsForDelay: reasons });
      expect(fieldOf(ctx, 'reasonsForDelay')).toMatchObject({
        state: 'known',
        text: reasons,
        value: reasons,
      });
      expect(sut.renderHtml(ctx)).toContain(reasons.replace('–', '–'));
      const text = sut.renderText(ctx);
      expect(text.split(reasons)).toHaveLength(2); // once: among the fields, not again in the closing
      const { text: pdfText } = await pdfParse(await pdfs.render(ctx, late));
      expect(pdfText.replace(/\s+/g, ' ')).toContain('Scope took four days to establish');
      const notice = json(c, ctx);
      expect(notice.reasonsForDelay).toBe(reasons);
      expect(
        (notice.content as { key: string; value?: unknown }[]).find((f) => f.key === 'reasonsForDelay'),
      ).toMatchObject({ state: 'known', value: reasons });
    });

    it.each(layouts)('says the reasons are to follow where none are known (%s, %s)', (style, language) => {
      const a = answers('complete'); // its reasonsForDelay says "not applicable: within 72 hours"
      const ctx = context(one({ kind: 'authority-notification', style, language }), {
        issuedAt: late,
        answers: a,
      });
      expect(fieldOf(ctx, 'reasonsForDelay')).toMatchObject({
        state: 'unknown',
        toFollow: true,
        text: TO_FOLLOW[language],
      });
      expect(sut.renderText(ctx)).toContain(strings(language).toFollowNote);
    });

    it('takes the reasons recorded when the obligation was met late, in a later notice', () => {
      const ctx = context(one({ kind: 'authority-notification', phase: 'follow-up', language: 'nb' }), {
        issuedAt: late,
        obligation: {
          status: 'met-late',
          dueAt: DUE,
          conservativeDueAt: null,
          metAt: new Date('2026-11-26T09:00:00Z'),
          reasonsForDelay: 'Omfanget tok fire dager å fastslå',
        },
      });
      expect(fieldOf(ctx, 'reasonsForDelay')).toMatchObject({
        state: 'known',
        text: 'Omfanget tok fire dager å fastslå',
      });
      expect(ctx.reasonsForDelay).toBe('Omfanget tok fire dager å fastslå');
    });
  });

  describe('alfaview Clause 5: the Art. 33/34 conditions', () => {
    const alfaview = (language: TextLanguage) =>
      one({ profile: byId('alfaview'), language, style: 'de-state' });

    it.each(TEXT_LANGUAGES)(
      'are never said to be met while "no risk" is in force; Art. 33(2) is the basis (%s)',
      (l) => {
        const s = strings(l);
        const text = sut.renderText(context(alfaview(l), { risk: 'no-risk' }));
        expect(text).not.toContain(s['trigger.art33-34-conditions']);
        expect(text).toContain(s['trigger.art33-2-no-risk']);
        expect(s['trigger.art33-2-no-risk']).toMatch(/33(\(2\)| nr\. 2| Abs\. 2|, stk\. 2|\.2)/);
      },
    );

    it.each(TEXT_LANGUAGES)('are not claimed before the risk is assessed (%s)', (l) => {
      const s = strings(l);
      const text = sut.renderText(context(alfaview(l), { risk: null }));
      expect(text).not.toContain(s['trigger.art33-34-conditions']);
      expect(text).toContain(s['trigger.art33-2-undecided']);
    });

    it('are met once a risk is in force', () => {
      const text = sut.renderText(context(alfaview('de'), { risk: 'risk' }));
      expect(text).toContain(strings('de')['trigger.art33-34-conditions']);
    });

    it('say nothing of the conditions for an agreement that owes every breach', () => {
      for (const risk of ['no-risk', null, 'high-risk'])
        expect(context(one({}), { risk }).triggerSentence).toBe('');
    });
  });

  describe('the contact point (Art. 33(3)(b))', () => {
    it('is us in our notice to a controller: organisation, DPO and breach contact', () => {
      const ctx = context(one({ profile: byId('dotnet-internals'), language: 'nb' }));
      expect(fieldOf(ctx, 'contactPoint')).toMatchObject({
        state: 'known',
        text: 'Processor Org AS – personvernombud: Per Ombud, dpo@processor.example; kontakt for avvik: soc@processor.example, +47 21 00 00 00',
      });
    });

    it('is the controller’s DPO in its notifications where the walk-through named none', () => {
      const minimal = answers('minimal');
      for (const c of [
        one({ kind: 'authority-notification', language: 'nb', content: 'minimal' }),
        one({ kind: 'data-subject-notice', language: 'da', content: 'minimal' }),
      ])
        expect(fieldOf(context(c, { answers: minimal }), 'contactPoint')).toMatchObject({
          state: 'known',
          text: 'Ola Personvern, personvern@fjord.example',
        });
    });
  });

  describe('decisions in force', () => {
    it('names no Art. 34(3) exception when none is in force, and the one relied on when it is', () => {
      const c = one({ kind: 'authority-notification', language: 'en' });
      expect(fieldOf(context(c, { exception: null }), 'fact:art34Exception')).toMatchObject({
        state: 'not-applicable',
        text: 'None',
      });
      expect(
        fieldOf(
          context(c, { exception: { value: 'unintelligible', reasoning: 'AES-256, key not exposed' } }),
          'fact:art34Exception',
        ),
      ).toMatchObject({ state: 'known', text: expect.stringContaining('Art. 34(3)(a)') });
    });
  });

  it.each([
    [
      'videonor',
      'data-subject-notice',
      'datatilsynet',
      'nb',
      ['Viktig informasjon', 'Åse Ærlig Sørensen', 'Hva som har skjedd', '22. november 2026 kl. 11.00'],
    ],
    [
      'alfaview',
      'controller-notice',
      'de-state',
      'de',
      ['Erstmeldung', 'Größe des Risikos', 'Schäden möglich', 'Maßnahmen', 'Uhr'],
    ],
    [
      'videonor',
      'authority-notification',
      'dk-datatilsynet',
      'da',
      ['Første underretning', 'Åse Ærlig Sørensen', 'Bruddets karakter', 'Sandsynlige konsekvenser'],
    ],
    [
      'videonor',
      'authority-notification',
      'imy',
      'sv',
      ['Första underrättelse', 'Åse Ærlig Sørensen', 'Vidtagna och planerade åtgärder', 'Om incidenten'],
    ],
  ] as const)(
    'renders a PDF whose text keeps æøå and äöüß (%s %s, %s, %s)',
    async (id, kind, style, language, words) => {
      const ctx = context(one({ profile: byId(id), kind, style, language }));
      const pdf = await pdfs.render(ctx, ISSUED);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const { text } = await pdfParse(pdf);
      for (const word of words) expect(text).toContain(word);
    },
  );

  it('has the catalogue labels in every language', () => {
    for (const f of CATALOGUE.fields)
      for (const l of TEXT_LANGUAGES) expect([f.key, l, f.labels[l]]).toEqual([f.key, l, expect.any(String)]);
  });

  it('has every string in every language', () => {
    const keys = Object.keys(strings('en')).sort();
    for (const l of TEXT_LANGUAGES) expect([l, Object.keys(strings(l)).sort()]).toEqual([l, keys]);
  });
});

describe('the deadline line for the deadlines real agreements use', () => {
  const beacon = byId('decision-beacon');
  const variant = (terms: Partial<AgreementProfileDto['breachTerms']>): AgreementProfileDto => ({
    ...beacon,
    breachTerms: { ...beacon.breachTerms, ...terms },
  });
  const line = (profile: AgreementProfileDto, language: TextLanguage) =>
    context(one({ profile, language, kind: 'controller-notice' })).deadlineSentence;

  it.each([
    ['en', 'within 3 business days of becoming aware of the breach (public holidays in Norway)'],
    ['nb', 'innen 3 virkedager etter at vi ble kjent med bruddet (helligdager i Norge)'],
    [
      'de',
      'innerhalb von 3 Werktagen nach Kenntnis der Verletzung (landesweite gesetzliche Feiertage in Norwegen)',
    ],
  ] as const)('says business days and whose holidays in %s', (language, words) => {
    const profile = variant({ standard: 'within-business-days', hours: null, businessDays: 3 });
    expect(line(profile, language)).toContain(words);
  });

  it.each([
    [
      'en',
      'without undue delay',
      'In any event no later than 36 hours',
      'At the latest 24 hours after confirming the breach',
    ],
    [
      'nb',
      'uten ugrunnet opphold',
      'Under alle omstendigheter senest 36 timer',
      'Senest 24 timer etter at bruddet er bekreftet',
    ],
    [
      'de',
      'ohne schuldhaftes Zögern',
      'In jedem Fall spätestens 36 Stunden',
      'Spätestens 24 Stunden nach Bestätigung',
    ],
  ] as const)(
    'says the backstop and the hours after confirming in %s',
    (language, standard, backstop, confirmation) => {
      const profile = variant({
        standard: 'without-undue-delay',
        hours: 24,
        basis: 'target',
        backstopHours: 36,
        confirmationHours: 24,
      });
      const text = line(profile, language);
      expect(text).toContain(standard);
      expect(text).toContain(backstop);
      expect(text).toContain(confirmation);
    },
  );

  it.each([
    ['en', 'if possible within 48 hours'],
    ['nb', 'om mulig innen 48 timer'],
    ['de', 'möglichst innerhalb von 48 Stunden'],
  ] as const)('says "if possible" for a number that is an aim in %s', (language, words) => {
    expect(line(variant({ firm: false }), language)).toContain(words);
  });
});
