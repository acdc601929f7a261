import type { AgreementProfileDto } from '../agreements/dto/agreement-profile.dto';
import type { LaidOutField } from '../forms/authority-form';
import { CATALOGUE, FIELDS_BY_KEY, fieldsForContentItem } from '../forms/catalogue';
import {
  type ContactDetails,
  controllerContactPoint,
  type OurContact,
  ourContactAnswer,
  renderOurContact,
} from '../forms/contact-point.util';
import type { Answer } from '../forms/form.util';
import { renderAnswer, TextLanguage } from '../forms/render.util';
import { humanInstant } from './human-date.util';

export const NOTICE_KINDS = ['controller-notice', 'authority-notification', 'data-subject-notice'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const NOTICE_PHASES = ['initial', 'follow-up', 'final'] as const;
export type NoticePhase = (typeof NOTICE_PHASES)[number];

export interface NoticeField {
  key: string;
  item: string | null;
  label: string;
  text: string;
  state: 'known' | 'unknown' | 'not-applicable' | 'missing';
  toFollow: boolean;
  /** The value as data (for the JSON notice), where the field has one. */
  value?: unknown;
  reason?: string;
}

export interface NoticeSection {
  title: string;
  fields: NoticeField[];
}

/** Everything a notice says, in one language: the templates, the PDF and the JSON notice all render this. */
export interface NoticeContext {
  kind: NoticeKind;
  phase: NoticePhase;
  language: TextLanguage;
  title: string;
  phaseTitle: string;
  reference: string;
  issuedAt: string;
  facts: { label: string; value: string }[];
  intro: string;
  clauseSentence: string;
  deadlineSentence: string;
  triggerSentence: string;
  thirdPartyNote: string;
  sections: NoticeSection[];
  hasToFollow: boolean;
  toFollowNote: string;
  isFollowUp: boolean;
  changes: { key: string; label: string; before: string; after: string }[];
  isFinal: boolean;
  finalNote: string;
  /** Art. 33(1): the reasons this notice gives for its delay; empty where it gives none. */
  reasonsForDelay: string;
  /** Whether the closing shows them (an authority notification has them among its fields instead). */
  showReasonsForDelay: boolean;
  closingText: string;
  labels: Record<'changes' | 'noChanges' | 'before' | 'now' | 'reasonsForDelay', string>;
}

/** An authority form group, as the authority-form service lays it out (see forms/authority-form.ts). */
export interface AuthorityGroupInput {
  key: string;
  title: Record<string, string>;
  fields: LaidOutField[];
}

export interface NoticeInput {
  kind: NoticeKind;
  phase: NoticePhase;
  language: TextLanguage;
  strings: Record<string, string>;
  reference: string;
  issuedAt: Date;
  zone: string;
  processor: AgreementProfileDto['processor'];
  controllerName: string;
  recipientName: string;
  agreement: {
    title: string;
    version: number;
    clauses: AgreementProfileDto['clauses'];
    breachTerms: AgreementProfileDto['breachTerms'];
  };
  obligation: {
    dueAt: Date | null;
    conservativeDueAt: Date | null;
    basis: string;
    windowHours: number;
    /** Processor → controller: the controller's country, whose public holidays its business days skip. */
    calendarCountry?: string | null;
  };
  discoveredAt: Date;
  processorAwareAt: Date;
  controllerAwareAt: Date | null;
  answers: Map<string, Answer>;
  /** The risk decision in force: content owed "only where there is a risk" is left out after "no-risk". */
  risk: string | null;
  /** Art. 33(3)(b) in our notice to a controller: us. */
  ourContact: OurContact;
  /** Art. 33(3)(b) in the data subjects' notice: the controller's DPO, unless the walk-through named a contact. */
  controllerDpo: ContactDetails | null;
  /** For the authority notification: the content in the authority's own order. */
  authorityGroups?: AuthorityGroupInput[];
  /** The texts of the previous notice on this obligation, by field key: a follow-up lists what changed. */
  previous: Record<string, string> | null;
  reasonsForDelay: string | null;
}

/** `{{name}}` placeholders in a string table entry, filled from `values`. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`No value for {{${name}}} in "${template}"`);
    return String(values[name]);
  });
}

const ITEMS = ['a', 'b', 'c', 'd'] as const;

/** Art. 34(2): plain language, with at least 33(3)(b), (c) and (d), and what the person can do. */
const DATA_SUBJECT_SECTIONS: [string, string[]][] = [
  ['ds.whatHappened', ['whatHappened', 'natureOfBreach']],
  ['ds.consequences', ['likelyConsequences']],
  ['ds.measures', ['measuresTaken', 'mitigation']],
  ['ds.advice', ['adviceToDataSubjects']],
  ['ds.contact', ['contactPoint']],
];

export function buildNoticeContext(input: NoticeInput): NoticeContext {
  const s = (key: string, values: Record<string, string | number> = {}) => {
    const entry = input.strings[key];
    if (entry === undefined) throw new Error(`No string "${key}" for ${input.language}`);
    return fill(entry, values);
  };
  const local = (d: Date) => humanInstant(d, input.zone, input.language);
  const answerFor = (key: string): Answer | undefined => {
    if (key !== 'contactPoint') return input.answers.get(key);
    // Our notice to a controller names us; the data subjects' notice names the controller (Art. 33(3)(b), 34(2)).
    return input.kind === 'controller-notice'
      ? ourContactAnswer(input.ourContact)
      : controllerContactPoint(input.answers.get(key), input.controllerDpo);
  };
  const field = (key: string, item: string | null): NoticeField => {
    const def = FIELDS_BY_KEY.get(key)!;
    const answer = answerFor(key);
    const state = answer?.state ?? 'missing';
    const ours = key === 'contactPoint' && input.kind === 'controller-notice' && state === 'known';
    return {
      key,
      item,
      label: def.labels[input.language],
      text: ours
        ? renderOurContact(answer!.value as Parameters<typeof renderOurContact>[0], input.language)
        : renderAnswer(def, answer, input.language, input.zone, 'human'),
      state,
      toFollow: state === 'unknown' || state === 'missing',
      ...(answer?.state === 'known' ? { value: answer.value } : {}),
      ...(answer?.state === 'not-applicable' && answer.reason ? { reason: answer.reason } : {}),
    };
  };

  let sections: NoticeSection[];
  if (input.kind === 'controller-notice') {
    // The content items this agreement requires; one that names none gets all of Art. 33(3), which the controller needs.
    const required = input.agreement.breachTerms.requiredContent
      .filter((r) => r.when === 'always' || input.risk !== 'no-risk')
      .map((r) => r.item);
    const items = input.agreement.breachTerms.requiredContent.length
      ? ITEMS.filter((i) => required.includes(i))
      : [...ITEMS];
    sections = items.map((item) => ({
      title: s(`item.${item}`),
      fields: fieldsForContentItem(item).map((f) => field(f.key, item)),
    }));
  } else if (input.kind === 'authority-notification') {
    sections = (input.authorityGroups ?? []).map((g) => ({
      title: g.title[input.language] ?? g.title.en,
      fields: g.fields.map((f) => ({
        key: f.key,
        item: null,
        label: f.label[input.language] ?? f.label.en,
        text: f.text[input.language] ?? f.text.en,
        state: f.state as NoticeField['state'],
        toFollow: f.state === 'unknown' || f.state === 'missing',
        ...(f.value !== undefined ? { value: f.value } : {}),
        ...(f.reason ? { reason: f.reason } : {}),
      })),
    }));
  } else {
    sections = DATA_SUBJECT_SECTIONS.map(([title, keys]) => ({
      title: s(title),
      fields: keys.map((k) => field(k, null)),
    }));
  }

  const terms = input.agreement.breachTerms;
  const basis = s(`basis.${input.obligation.basis}`);
  const due = input.obligation.dueAt ?? input.obligation.conservativeDueAt;
  const deadlineSentence =
    input.kind === 'controller-notice'
      ? processorDeadlineLine(terms, {
          s,
          basis,
          hours: input.obligation.windowHours,
          dueAt: due ? local(due) : '',
          country: countryName(input.obligation.calendarCountry ?? null, input.language),
        })
      : input.kind === 'authority-notification'
        ? s('deadline.authority', { dueAt: due ? local(due) : '' })
        : '';

  const facts = [
    { label: s('label.reference'), value: input.reference },
    { label: s('label.issued'), value: local(input.issuedAt) },
    { label: s('label.to'), value: input.recipientName },
    {
      label: s('label.from'),
      value: [input.processor.name, input.processor.address].filter(Boolean).join(', '),
    },
    ...(input.kind === 'controller-notice'
      ? [
          {
            label: s('label.agreement'),
            value: `${input.agreement.title} (${s('label.version')} ${input.agreement.version})`,
          },
        ]
      : []),
    { label: s('label.discovered'), value: local(input.discoveredAt) },
    { label: s('label.processorAware'), value: local(input.processorAwareAt) },
    ...(input.kind === 'authority-notification' && input.controllerAwareAt
      ? [{ label: s('label.controllerAware'), value: local(input.controllerAwareAt) }]
      : []),
    ...(due && input.kind !== 'data-subject-notice'
      ? [{ label: s('label.deadline'), value: `${local(due)}, ${basis}` }]
      : []),
  ];

  const all = sections.flatMap((x) => x.fields);
  // An authority notification carries its reasons (the filing's, or those recorded when it was met late) as a field.
  const delayField = all.find((f) => f.key === 'reasonsForDelay' && f.state === 'known');
  const reasonsForDelay =
    input.reasonsForDelay?.trim() ||
    (input.kind === 'authority-notification' && delayField ? String(delayField.value) : '');
  const changes =
    input.phase === 'follow-up' && input.previous
      ? all
          .filter((f) => input.previous![f.key] !== undefined && input.previous![f.key] !== f.text)
          .map((f) => ({ key: f.key, label: f.label, before: input.previous![f.key], after: f.text }))
      : [];

  return {
    kind: input.kind,
    phase: input.phase,
    language: input.language,
    title: s(`kind.${input.kind}`),
    phaseTitle: s(`phase.${input.phase}`),
    reference: input.reference,
    issuedAt: local(input.issuedAt),
    facts,
    intro: s(`intro.${input.kind}`),
    clauseSentence:
      input.kind === 'controller-notice'
        ? s('clauseSentence', { clause: input.agreement.clauses.breachNotice, title: input.agreement.title })
        : '',
    deadlineSentence,
    triggerSentence: input.kind === 'controller-notice' ? triggerSentence(terms.trigger, input.risk, s) : '',
    thirdPartyNote:
      input.kind === 'controller-notice' && terms.thirdPartyDisclosure === 'forbidden-without-instruction'
        ? s('thirdParty.note', {
            clause: input.agreement.clauses.thirdParties ?? input.agreement.clauses.breachNotice,
          })
        : '',
    sections,
    hasToFollow: all.some((f) => f.toFollow),
    toFollowNote: s('toFollowNote'),
    isFollowUp: input.phase === 'follow-up',
    changes,
    isFinal: input.phase === 'final',
    finalNote: s('finalNote'),
    reasonsForDelay,
    showReasonsForDelay: reasonsForDelay !== '' && input.kind !== 'authority-notification',
    closingText: input.kind === 'data-subject-notice' ? s('ds.closing') : '',
    labels: {
      changes: s('label.changes'),
      noChanges: s('label.noChanges'),
      before: s('label.before'),
      now: s('label.now'),
      reasonsForDelay: s('label.reasonsForDelay'),
    },
  };
}

/**
 * alfaview Clause 5 owes the notice "when the conditions of Art. 33, 34 are met". While "no risk" is in force they
 * are not, and no letter may say they are; the processor's own duty (Art. 33(2)) knows no risk threshold and
 * stays, so the letter names that as its basis. Before anyone has assessed the risk, neither is claimed.
 */
function triggerSentence(
  trigger: AgreementProfileDto['breachTerms']['trigger'],
  risk: string | null,
  s: (key: string) => string,
): string {
  if (trigger !== 'art33-34-conditions') return '';
  if (risk === 'no-risk') return s('trigger.art33-2-no-risk');
  if (risk === null) return s('trigger.art33-2-undecided');
  return s('trigger.art33-34-conditions');
}

/** The text each field had in a notice: kept with the filing, so that the next one can list what changed. */
export function fieldTexts(context: NoticeContext): Record<string, string> {
  return Object.fromEntries(context.sections.flatMap((s) => s.fields).map((f) => [f.key, f.text]));
}

export const CATALOGUE_VERSION = CATALOGUE.version;

/**
 * Our notice's deadline line: the agreement's standard, then what stands beside it — the backstop ("and in any
 * event no later than 36 hours"), the hours from confirming the breach — each as the agreement says it.
 */
function processorDeadlineLine(
  terms: AgreementProfileDto['breachTerms'],
  v: {
    s: (key: string, values?: Record<string, string | number>) => string;
    basis: string;
    hours: number;
    dueAt: string;
    country: string;
  },
): string {
  const key =
    terms.standard === 'within-hours' && terms.firm === false
      ? 'deadline.within-hours.if-possible'
      : `deadline.${terms.standard}`;
  const parts = [
    v.s(key, {
      hours: v.hours,
      days: terms.businessDays ?? 0,
      country: v.country,
      basis: v.basis,
      dueAt: v.dueAt,
    }),
  ];
  if (terms.backstopHours != null) parts.push(v.s('deadline.backstop', { hours: terms.backstopHours }));
  if (terms.confirmationHours != null)
    parts.push(v.s('deadline.confirmation', { hours: terms.confirmationHours }));
  return parts.join(' ');
}

/** The country's name in the letter's language ("Norge", "Deutschland"); empty where none is known. */
function countryName(country: string | null, language: string): string {
  if (!country) return '';
  return new Intl.DisplayNames([language], { type: 'region' }).of(country.toUpperCase()) ?? country;
}
