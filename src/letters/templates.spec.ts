import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_PROFILES_DIR } from '../agreements/agreements.service';
import type { AgreementProfileDto } from '../agreements/dto/agreement-profile.dto';
import type { FormStyle } from '../authorities/authority.entity';
import { layoutAuthorityForm } from '../forms/authority-form';
import { CATALOGUE, PHASES } from '../forms/catalogue';
import type { Answer } from '../forms/form.util';
import type { TextLanguage } from '../forms/render.util';
import {
  buildNoticeContext,
  fieldTexts,
  NOTICE_PHASES,
  NoticeKind,
  NoticePhase,
} from './notice-context.util';
import { buildNoticeJson, validateBreachNotice } from './notice-json.util';
import { renderPdf } from './pdf.renderer';
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

const cases: Case[] = [];
for (const profile of profiles) {
  const german = profile.id === 'alfaview';
  const style: FormStyle = german ? 'de-state' : 'datatilsynet';
  const kinds: [NoticeKind, TextLanguage[]][] = [
    ['controller-notice', german ? ['en', 'nb', 'de'] : ['en', 'nb']],
    ['authority-notification', german ? ['de', 'en'] : ['nb', 'en']],
    ['data-subject-notice', german ? ['en', 'nb', 'de'] : ['en', 'nb']],
  ];
  for (const [kind, languages] of kinds)
    for (const language of languages)
      for (const phase of NOTICE_PHASES)
        for (const content of ['complete', 'minimal'] as const)
          cases.push({ profile, kind, language, phase, content, style });
}

function context(c: Case) {
  const a = answers(c.content);
  const issuedAt = new Date('2026-11-22T10:00:00Z');
  const processorAwareAt = new Date('2026-11-22T08:12:00Z');
  const hours = c.profile.breachTerms.hours ?? 24;
  const laidOut = layoutAuthorityForm(c.style, {
    zone: 'Europe/Oslo',
    answers: a,
    completed: new Set(c.content === 'complete' ? PHASES : []),
    controllerName: 'Fjord Kommune',
    discoveredAt: new Date('2026-11-22T08:00:00Z'),
    processorAwareAt,
    controllerAwareAt: new Date('2026-11-22T09:00:00Z'),
    risk: { value: 'high-risk', reasoning: 'National identity numbers exposed' },
    exception: null,
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
          }
        : {
            dueAt: new Date('2026-11-25T09:00:00Z'),
            conservativeDueAt: new Date('2026-11-25T08:12:00Z'),
            basis: c.kind === 'authority-notification' ? 'statutory' : 'target',
            windowHours: 72,
          },
    discoveredAt: new Date('2026-11-22T08:00:00Z'),
    processorAwareAt,
    controllerAwareAt: new Date('2026-11-22T09:00:00Z'),
    answers: a,
    risk: 'high-risk',
    authorityGroups: laidOut.groups,
    previous:
      c.phase === 'follow-up' ? { natureOfBreach: 'Earlier wording', measuresTaken: 'Rule removed' } : null,
    reasonsForDelay: null,
  });
}

const DEADLINE: Record<string, Partial<Record<TextLanguage, string>>> = {
  immediately: { en: 'notify you immediately', nb: 'varsler dere straks', de: 'unverzügliche Meldung' },
  'without-undue-delay': {
    en: 'without undue delay',
    nb: 'uten ugrunnet opphold',
    de: 'ohne schuldhaftes Zögern',
  },
  'within-hours': { en: 'within 48 hours', nb: 'innen 48 timer', de: 'innerhalb von 48 Stunden' },
};

describe('every notice template', () => {
  it('covers the agreements, kinds, languages and phases', () => {
    expect(new Set(cases.map((c) => c.profile.id)).size).toBe(4);
    // Per agreement 2 + 2 + 2 languages × 3 phases × 2 contents; alfaview has German too in two of the kinds.
    expect(cases).toHaveLength(4 * 6 * 3 * 2 + 2 * 3 * 2);
  });

  it.each(cases.map((c) => [`${c.profile.id} ${c.kind} ${c.language} ${c.phase} ${c.content}`, c] as const))(
    '%s',
    (_name, c) => {
      const ctx = context(c);
      const html = sut.renderHtml(ctx);
      const text = sut.renderText(ctx);
      const s = strings(c.language);
      for (const out of [html, text]) {
        expect(out).toContain(s[`kind.${c.kind}`].replace(/"/g, '&quot;').slice(0, 20));
        expect(out).toContain('BR-2026-0042');
        expect(out).not.toMatch(/\{\{|\[object Object\]|undefined/);
      }

      if (c.kind === 'controller-notice') {
        // The agreement's own clause and deadline, with its basis.
        expect(text).toContain(c.profile.clauses.breachNotice);
        expect(text).toContain(
          DEADLINE[c.profile.breachTerms.standard][c.language] ?? DEADLINE[c.profile.breachTerms.standard].en,
        );
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
      }
      if (c.kind === 'authority-notification')
        expect(text).toContain(
          c.style === 'de-state'
            ? c.language === 'de'
              ? 'Zeitpunkt der Verletzung'
              : 'Time of the incident'
            : c.language === 'nb'
              ? '1. Beskrivelse av bruddet'
              : '1. Description of the breach',
        );
      if (c.kind === 'data-subject-notice') {
        for (const key of ['ds.whatHappened', 'ds.consequences', 'ds.measures', 'ds.advice', 'ds.contact'])
          expect(text).toContain(s[key]);
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

      const json = buildNoticeJson(ctx, {
        noticeId: '6f1c4b0e-0000-4000-8000-000000000042',
        issuedAt: new Date('2026-11-22T10:00:00Z'),
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
        answers: answers(c.content),
      });
      expect(validateBreachNotice(json)).toBe(true);
      expect((json.toFollow as string[]).length > 0).toBe(c.content === 'minimal');
    },
  );

  it('lists what changed since the previous notice in a follow-up', () => {
    const ctx = context({
      profile: profiles.find((p) => p.id === 'dotnet-internals')!,
      kind: 'controller-notice',
      language: 'en',
      phase: 'follow-up',
      content: 'complete',
      style: 'datatilsynet',
    });
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

  it.each([
    [
      'videonor',
      'nb',
      [
        'Første varsel',
        'Åse Ærlig Sørensen',
        'Bistand til den behandlingsansvarlige',
        'personopplysningssikkerheten',
      ],
    ],
    ['alfaview', 'de', ['Erstmeldung', 'Jürgen Weiß', 'Größe des Risikos', 'Schäden möglich', 'Maßnahmen']],
  ] as const)('renders a PDF whose text keeps æøå and äöüß (%s, %s)', async (id, language, words) => {
    const ctx = context({
      profile: profiles.find((p) => p.id === id)!,
      kind: 'controller-notice',
      language,
      phase: 'initial',
      content: 'complete',
      style: 'datatilsynet',
    });
    const pdf = await renderPdf(ctx, new Date('2026-11-22T10:00:00Z'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text } = await pdfParse(pdf);
    for (const word of words) expect(text).toContain(word);
  });

  it('has the catalogue labels in every language the letters use', () => {
    for (const f of CATALOGUE.fields)
      for (const l of ['en', 'nb', 'de'] as const) expect(f.labels[l]).toEqual(expect.any(String));
  });
});
