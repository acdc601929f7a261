import type { FormStyle } from '../authorities/authority.entity';
import { isPastDue } from '../obligations/deadline.util';
import type { StoredStatus } from '../obligations/obligation.util';
import { FIELDS_BY_KEY, Phase, PHASES } from './catalogue';
import { type ContactDetails, controllerContactPoint } from './contact-point.util';
import type { Answer } from './form.util';
import {
  instantText,
  NOT_APPLICABLE,
  optionText,
  renderAnswer,
  TextLanguage,
  TO_FOLLOW,
} from './render.util';

/**
 * The order in which each kind of authority asks for the notification content, as data.
 * `fields` are catalogue keys, or facts of the record itself (prefixed `fact:`).
 */
export interface AuthorityGroup {
  key: string;
  title: Partial<Record<TextLanguage, string>>;
  fields: string[];
}

/** Where a layout's order comes from, and how sure we are of it. */
export interface LayoutSource {
  title: string;
  url?: string;
  /** `authority`: the authority's own form gives the order; `art33-3`: it could not be established, Art. 33(3)'s is used. */
  order: 'authority' | 'art33-3';
  note: string;
}

export interface AuthorityLayout {
  /** The languages this layout has wording for; an authority's own languages are among them. */
  languages: TextLanguage[];
  source: LayoutSource;
  groups: AuthorityGroup[];
}

export const FACT_LABELS: Record<string, Record<TextLanguage, string>> = {
  'fact:discoveredAt': {
    en: 'When the breach was discovered',
    nb: 'Når bruddet ble oppdaget',
    de: 'Zeitpunkt der Entdeckung',
    da: 'Hvornår bruddet blev opdaget',
    sv: 'När incidenten upptäcktes',
  },
  'fact:processorAwareAt': {
    en: 'When the processor became aware',
    nb: 'Når databehandleren ble kjent med bruddet',
    de: 'Kenntnis des Auftragsverarbeiters',
    da: 'Hvornår databehandleren fik kendskab til bruddet',
    sv: 'När personuppgiftsbiträdet fick kännedom om incidenten',
  },
  'fact:controllerAwareAt': {
    en: 'When the controller became aware',
    nb: 'Når den behandlingsansvarlige ble kjent med bruddet',
    de: 'Kenntnis des Verantwortlichen',
    da: 'Hvornår den dataansvarlige fik kendskab til bruddet',
    sv: 'När den personuppgiftsansvarige fick kännedom om incidenten',
  },
  'fact:risk': {
    en: 'Risk assessment (decision and reasoning)',
    nb: 'Risikovurdering (beslutning og begrunnelse)',
    de: 'Risikobewertung (Entscheidung und Begründung)',
    da: 'Risikovurdering (beslutning og begrundelse)',
    sv: 'Riskbedömning (beslut och motivering)',
  },
  'fact:art34Exception': {
    en: 'Art. 34(3) exception relied on',
    nb: 'Unntak etter art. 34(3)',
    de: 'Ausnahme nach Art. 34 Abs. 3',
    da: 'Undtagelse efter art. 34, stk. 3',
    sv: 'Undantag enligt art. 34.3',
  },
};

const NONE: Record<TextLanguage, string> = { en: 'None', nb: 'Ingen', de: 'Keine', da: 'Ingen', sv: 'Inget' };

/** Art. 33(1) asks for reasons only after 72 hours: before then (or when notified in time) there are none to give. */
const IN_TIME: Record<TextLanguage, (due: string) => string> = {
  en: (due) => `within the 72 hours; due by ${due}`,
  nb: (due) => `innenfor fristen på 72 timer; frist ${due}`,
  de: (due) => `innerhalb der 72 Stunden; Frist bis ${due}`,
  da: (due) => `inden for fristen på 72 timer; frist ${due}`,
  sv: (due) => `inom 72 timmar; senast ${due}`,
};

export const AUTHORITY_FORMS: Record<FormStyle, AuthorityLayout> = {
  // Norway's Datatilsynet: its notification form's five groups in their order (DOMAIN.md).
  datatilsynet: {
    languages: ['nb', 'en'],
    source: {
      title: "Datatilsynet's notification form (field groups, in its order), as DOMAIN.md states them",
      order: 'authority',
      note: 'The reasons for a delay (Art. 33(1)) are asked with the times in group 1.',
    },
    groups: [
      {
        key: 'description',
        title: { nb: '1. Beskrivelse av bruddet', en: '1. Description of the breach' },
        fields: [
          'breachTypes',
          'occurredSpan',
          'fact:discoveredAt',
          'discovery',
          'reasonsForDelay',
          'approxDataSubjects',
          'whatHappened',
          'natureOfBreach',
          'personalDataCategories',
          'dataSubjectCategories',
          'approxRecords',
          'relationToDataSubjects',
          'dataLocationNow',
          'ongoing',
        ],
      },
      {
        key: 'consequences',
        title: { nb: '2. Konsekvenser for de berørte', en: '2. Consequences for the people affected' },
        fields: ['likelyConsequences', 'enisa', 'fact:risk'],
      },
      {
        key: 'measures',
        title: { nb: '3. Tiltak', en: '3. Measures' },
        fields: ['measuresTaken', 'measuresProposed', 'mitigation', 'recurrencePrevention'],
      },
      {
        key: 'information',
        title: { nb: '4. Informasjon til de berørte', en: '4. Information to the people affected' },
        fields: ['subjectsInformed', 'communicationMethod', 'communicationAt', 'fact:art34Exception'],
      },
      { key: 'contact', title: { nb: '5. Kontaktinformasjon', en: '5. Contact' }, fields: ['contactPoint'] },
    ],
  },
  // Denmark's Datatilsynet (the same name as Norway's, a form of its own).
  'dk-datatilsynet': {
    languages: ['da', 'en'],
    source: {
      title: 'Anmeld brud på persondatasikkerheden (Datatilsynet)',
      url: 'https://www.datatilsynet.dk/sikkerhedsbrud/anmeld-sikkerhedsbrud',
      order: 'art33-3',
      note:
        'The page says the electronic form on virk.dk asks for what Art. 33(3) requires, and lists it in that order: ' +
        'the nature of the breach; the DPO or other contact point; the likely consequences; the measures taken or ' +
        "proposed. The virk.dk form's own field order could not be established, so the groups follow Art. 33(3) in " +
        'Danish, with the reasons for a delay (Art. 33(1)) and the information to the data subjects (Art. 34) after it.',
    },
    groups: [
      {
        key: 'nature',
        title: { da: 'a) Bruddets karakter', en: '(a) Nature of the breach' },
        fields: [
          'whatHappened',
          'natureOfBreach',
          'breachTypes',
          'occurredSpan',
          'ongoing',
          'fact:discoveredAt',
          'discovery',
          'fact:controllerAwareAt',
          'dataSubjectCategories',
          'approxDataSubjects',
          'personalDataCategories',
          'approxRecords',
          'dataLocationNow',
        ],
      },
      {
        key: 'contact',
        title: {
          da: 'b) Databeskyttelsesrådgiver eller andet kontaktpunkt',
          en: '(b) DPO or other contact point',
        },
        fields: ['contactPoint'],
      },
      {
        key: 'consequences',
        title: { da: 'c) Sandsynlige konsekvenser', en: '(c) Likely consequences' },
        fields: ['likelyConsequences', 'enisa', 'fact:risk'],
      },
      {
        key: 'measures',
        title: { da: 'd) Trufne eller foreslåede foranstaltninger', en: '(d) Measures taken or proposed' },
        fields: ['measuresTaken', 'measuresProposed', 'mitigation', 'recurrencePrevention'],
      },
      {
        key: 'delay',
        title: {
          da: 'Begrundelse for forsinkelse (art. 33, stk. 1)',
          en: 'Reasons for the delay (Art. 33(1))',
        },
        fields: ['reasonsForDelay'],
      },
      {
        key: 'information',
        title: { da: 'Underretning af de registrerede (art. 34)', en: 'Telling the data subjects (Art. 34)' },
        fields: ['subjectsInformed', 'communicationMethod', 'communicationAt', 'fact:art34Exception'],
      },
    ],
  },
  // Sweden's IMY: the order of its e-service's numbered questions.
  imy: {
    languages: ['sv', 'en'],
    source: {
      title: 'Anmäl personuppgiftsincident (IMY e-tjänst)',
      url: 'https://e-tjanster.imy.se/sv/anmalan',
      order: 'authority',
      note:
        "The Swedish e-service's numbered questions give the order of the groups: 1–9 the controller and its contact " +
        'details, 13 when the incident ceased, then the kind of incident, 25 the groups of data subjects, 26 the kinds ' +
        'of personal data, 28 the consequences, 30 how you acted (measures), 32–35 informing the data subjects. The ' +
        'questions between those numbers could not all be read; where a field (the reasons for a delay among them) ' +
        'sits within its group follows Art. 33(3). The English e-service (e-tjanster.imy.se/en/report) numbers its ' +
        'questions differently; the Swedish order is used in both languages.',
    },
    groups: [
      {
        key: 'controller',
        title: {
          sv: 'Personuppgiftsansvarig och kontaktuppgifter',
          en: 'Controller and contact details',
        },
        fields: ['affectedControllers', 'contactPoint'],
      },
      {
        key: 'incident',
        title: { sv: 'Om incidenten', en: 'About the breach' },
        fields: [
          'occurredSpan',
          'ongoing',
          'fact:discoveredAt',
          'discovery',
          'fact:controllerAwareAt',
          'reasonsForDelay',
          'breachTypes',
          'whatHappened',
          'natureOfBreach',
        ],
      },
      {
        key: 'data-subjects',
        title: { sv: 'Registrerade och personuppgifter', en: 'Data subjects and personal data' },
        fields: ['dataSubjectCategories', 'approxDataSubjects', 'personalDataCategories', 'approxRecords'],
      },
      {
        key: 'consequences',
        title: { sv: 'Konsekvenser', en: 'Consequences' },
        fields: ['likelyConsequences', 'enisa', 'fact:risk'],
      },
      {
        key: 'measures',
        title: { sv: 'Vidtagna och planerade åtgärder', en: 'Measures taken and planned' },
        fields: ['measuresTaken', 'measuresProposed', 'mitigation', 'recurrencePrevention'],
      },
      {
        key: 'information',
        title: { sv: 'Information till de registrerade', en: 'Informing the data subjects' },
        fields: ['subjectsInformed', 'communicationAt', 'communicationMethod', 'fact:art34Exception'],
      },
    ],
  },
  // A German state authority's order: time of the incident, time of awareness, data types, number of people,
  // risk, measures, Art. 34.
  'de-state': {
    languages: ['de', 'en'],
    source: {
      title:
        "The German state authorities' notification forms (Meldung einer Datenpanne nach Art. 33 DS-GVO)",
      order: 'authority',
      note: 'Their common order: time of the incident, time of awareness, data types, number of people, risk, measures, Art. 34.',
    },
    groups: [
      {
        key: 'time-of-incident',
        title: { de: 'Zeitpunkt der Verletzung', en: 'Time of the incident' },
        fields: ['occurredSpan', 'ongoing', 'whatHappened', 'natureOfBreach', 'breachTypes'],
      },
      {
        key: 'time-of-awareness',
        title: { de: 'Zeitpunkt der Kenntnisnahme', en: 'Time of awareness' },
        fields: [
          'fact:discoveredAt',
          'discovery',
          'fact:processorAwareAt',
          'fact:controllerAwareAt',
          'reasonsForDelay',
        ],
      },
      {
        key: 'data-types',
        title: { de: 'Datenarten', en: 'Types of data' },
        fields: ['personalDataCategories', 'dataLocationNow'],
      },
      {
        key: 'number-of-people',
        title: { de: 'Zahl der Betroffenen', en: 'Number of people' },
        fields: ['dataSubjectCategories', 'approxDataSubjects', 'approxRecords'],
      },
      {
        key: 'risk',
        title: { de: 'Risiko', en: 'Risk' },
        fields: ['likelyConsequences', 'enisa', 'fact:risk'],
      },
      {
        key: 'measures',
        title: { de: 'Maßnahmen', en: 'Measures' },
        fields: ['measuresTaken', 'measuresProposed', 'mitigation', 'recurrencePrevention'],
      },
      {
        key: 'art34',
        title: {
          de: 'Benachrichtigung der Betroffenen (Art. 34)',
          en: 'Telling the people affected (Art. 34)',
        },
        fields: [
          'subjectsInformed',
          'communicationMethod',
          'communicationAt',
          'fact:art34Exception',
          'contactPoint',
        ],
      },
    ],
  },
  // Any other authority: Art. 33(3) in its own order, in English.
  generic: {
    languages: ['en'],
    source: {
      title: 'GDPR Art. 33(3) and 33(1)',
      order: 'art33-3',
      note: 'No form of the authority is known: the content follows Art. 33(3) (a)–(d), then the reasons for a delay.',
    },
    groups: [
      {
        key: 'nature',
        title: { en: 'Art. 33(3)(a): nature of the breach' },
        fields: [
          'whatHappened',
          'natureOfBreach',
          'breachTypes',
          'occurredSpan',
          'fact:discoveredAt',
          'dataSubjectCategories',
          'approxDataSubjects',
          'personalDataCategories',
          'approxRecords',
        ],
      },
      { key: 'contact', title: { en: 'Art. 33(3)(b): contact point' }, fields: ['contactPoint'] },
      {
        key: 'consequences',
        title: { en: 'Art. 33(3)(c): likely consequences' },
        fields: ['likelyConsequences', 'enisa', 'fact:risk'],
      },
      {
        key: 'measures',
        title: { en: 'Art. 33(3)(d): measures' },
        fields: ['measuresTaken', 'measuresProposed', 'mitigation'],
      },
      { key: 'delay', title: { en: 'Art. 33(1): reasons for delay' }, fields: ['reasonsForDelay'] },
    ],
  },
};

export const FOLLOW_UP_NOTE: Record<TextLanguage, string> = {
  en: 'This is a first report. More information will follow (GDPR Art. 33(4)).',
  nb: 'Dette er en foreløpig melding. Mer informasjon ettersendes (personvernforordningen art. 33 nr. 4).',
  de: 'Dies ist eine Erstmeldung. Weitere Informationen werden nachgereicht (Art. 33 Abs. 4 DS-GVO).',
  da: 'Dette er en foreløbig anmeldelse. Yderligere oplysninger eftersendes (databeskyttelsesforordningens artikel 33, stk. 4).',
  sv: 'Detta är en första anmälan. Kompletterande uppgifter lämnas senare (artikel 33.4 i dataskyddsförordningen).',
};

/** What the lateness of a notification to the authority rests on: the authority obligation as it stands. */
export interface AuthorityObligationInput {
  status: StoredStatus;
  dueAt: Date | null;
  conservativeDueAt: Date | null;
  metAt: Date | null;
  reasonsForDelay: string | null;
}

export interface AuthorityFormInput {
  zone: string;
  /** The authority's languages: every text is given in each. */
  languages: readonly TextLanguage[];
  /** When the form is (or the notification will be) given: lateness is judged at this instant. */
  at: Date;
  answers: Map<string, Answer>;
  completed: Set<Phase>;
  /** The controller whose authority this is: the form names no other affected controller. */
  controllerName: string;
  /** That controller's DPO from its record: the contact point unless the walk-through named one. */
  controllerDpo: ContactDetails | null;
  discoveredAt: Date;
  processorAwareAt: Date;
  controllerAwareAt: Date | null;
  /** The risk decision and the Art. 34(3) exception in force (decisionsInForce), never a superseded one. */
  risk: { value: string; reasoning: string } | null;
  exception: { value: string; reasoning: string } | null;
  obligation: AuthorityObligationInput | null;
  /** The reasons a filing gives for its delay: they are what that notification says. */
  reasonsForDelay?: string | null;
}

export interface LaidOutField {
  key: string;
  label: Record<string, string>;
  state: string;
  text: Record<string, string>;
  /** The value as data (instants in ISO 8601), where the field has one. */
  value?: unknown;
  reason?: string;
}

/**
 * Whether a notification to the authority is (or, given at `at`, would be) late: after the due time, or after the
 * conservative one while the controller's awareness is not yet known. A notification already made is judged at the
 * time it was made, against the due time as it stands now (awareness may have moved since). Null: no due time.
 */
export function isLateNotification(o: AuthorityObligationInput | null, at: Date): boolean | null {
  if (!o) return null;
  if (o.status === 'met-late') return true;
  const due = o.dueAt ?? o.conservativeDueAt;
  if (!due) return o.metAt ? false : null;
  return isPastDue(due, o.metAt ?? at);
}

/**
 * Art. 33(1): the reasons for a delay. Those given with the filing, else those recorded when the obligation was met
 * late, else the walk-through's; a late notification with none says they are to follow (never silently empty,
 * never "not applicable"). One in time needs none, and says by when it is (or was) due.
 */
export function reasonsForDelay(
  input: AuthorityFormInput,
): { answer: Answer | undefined } | { inTimeBy: Date } {
  const given =
    input.reasonsForDelay?.trim() ||
    (input.obligation?.status === 'met-late' ? input.obligation.reasonsForDelay?.trim() : undefined);
  if (given) return { answer: { state: 'known', value: given } };
  const answer = input.answers.get('reasonsForDelay');
  const late = isLateNotification(input.obligation, input.at);
  if (late === true) return { answer: answer?.state === 'known' ? answer : { state: 'unknown' } };
  const due = input.obligation?.dueAt ?? input.obligation?.conservativeDueAt;
  if (late === false && answer?.state !== 'known' && due) return { inTimeBy: due };
  return { answer };
}

/** The content laid out in an authority's order and languages; pure, so letters and the API render the same. */
export function layoutAuthorityForm(
  style: FormStyle,
  input: AuthorityFormInput,
): {
  languages: TextLanguage[];
  source: LayoutSource;
  groups: { key: string; title: Record<string, string>; fields: LaidOutField[] }[];
  somethingToFollow: boolean;
} {
  const layout = AUTHORITY_FORMS[style];
  const languages = [...input.languages];
  const per = (f: (lang: TextLanguage) => string) => Object.fromEntries(languages.map((l) => [l, f(l)]));
  const toFollow = { state: 'unknown', text: per((l) => TO_FOLLOW[l]) };
  const instant = (d: Date | null) =>
    d
      ? { state: 'known', text: per((l) => instantText(d, input.zone, l, 'human')), value: d.toISOString() }
      : toFollow;
  const decision = (d: { value: string; reasoning: string }) => ({
    state: 'known',
    text: per((l) => `${optionText(d.value, l)}: ${d.reasoning}`),
    value: { decision: d.value, reasoning: d.reasoning },
  });
  const fact = (key: string): Omit<LaidOutField, 'key' | 'label'> => {
    switch (key) {
      case 'fact:discoveredAt':
        return instant(input.discoveredAt);
      case 'fact:processorAwareAt':
        return instant(input.processorAwareAt);
      case 'fact:controllerAwareAt':
        return instant(input.controllerAwareAt);
      case 'fact:risk':
        return input.risk ? decision(input.risk) : toFollow;
      case 'fact:art34Exception':
        return input.exception
          ? decision(input.exception)
          : { state: 'not-applicable', text: per((l) => NONE[l]) };
      default:
        throw new Error(`Unknown fact ${key}`);
    }
  };
  const answerFor = (key: string): Answer | undefined => {
    switch (key) {
      case 'affectedControllers':
        return { state: 'known', value: [input.controllerName] };
      case 'contactPoint':
        return controllerContactPoint(input.answers.get(key), input.controllerDpo);
      default:
        return input.answers.get(key);
    }
  };

  let somethingToFollow = PHASES.slice(0, 4).some((p) => !input.completed.has(p));
  const groups = layout.groups.map((g) => ({
    key: g.key,
    title: per((l) => g.title[l] ?? g.title.en ?? g.key),
    fields: g.fields.map((key): LaidOutField => {
      if (key.startsWith('fact:')) {
        const f = fact(key);
        if (f.state === 'unknown') somethingToFollow = true;
        return { key, label: per((l) => FACT_LABELS[key][l]), ...f };
      }
      const field = FIELDS_BY_KEY.get(key)!;
      const label = per((l) => field.labels[l]);
      const delay = key === 'reasonsForDelay' ? reasonsForDelay(input) : null;
      if (delay && 'inTimeBy' in delay) {
        const due = delay.inTimeBy;
        return {
          key,
          label,
          state: 'not-applicable',
          text: per((l) => `${NOT_APPLICABLE[l]}: ${IN_TIME[l](instantText(due, input.zone, l, 'human'))}`),
        };
      }
      const answer = delay ? delay.answer : answerFor(key);
      if (!answer || answer.state === 'unknown') somethingToFollow = true;
      return {
        key,
        label,
        state: answer?.state ?? 'missing',
        text: per((l) => renderAnswer(field, answer, l, input.zone, 'human')),
        ...(answer?.state === 'known' ? { value: answer.value } : {}),
        ...(answer?.state === 'not-applicable' && answer.reason ? { reason: answer.reason } : {}),
      };
    }),
  }));
  return { languages, source: layout.source, groups, somethingToFollow };
}
