import type { FormStyle } from '../authorities/authority.entity';
import { inZone } from '../obligations/deadline.util';
import { FIELDS_BY_KEY, Phase, PHASES } from './catalogue';
import type { Answer } from './form.util';
import { optionText, renderAnswer, TextLanguage, TO_FOLLOW } from './render.util';

/**
 * The order in which each kind of authority asks for the notification content, as data.
 * `fields` are catalogue keys, or facts of the record itself (prefixed `fact:`).
 */
export interface AuthorityGroup {
  key: string;
  title: Partial<Record<TextLanguage, string>>;
  fields: string[];
}

export const FACT_LABELS: Record<string, Record<TextLanguage, string>> = {
  'fact:discoveredAt': {
    en: 'When the breach was discovered',
    nb: 'Når bruddet ble oppdaget',
    de: 'Zeitpunkt der Entdeckung',
  },
  'fact:processorAwareAt': {
    en: 'When the processor became aware',
    nb: 'Når databehandleren ble kjent med bruddet',
    de: 'Kenntnis des Auftragsverarbeiters',
  },
  'fact:controllerAwareAt': {
    en: 'When the controller became aware',
    nb: 'Når den behandlingsansvarlige ble kjent med bruddet',
    de: 'Kenntnis des Verantwortlichen',
  },
  'fact:risk': {
    en: 'Risk assessment (decision and reasoning)',
    nb: 'Risikovurdering (beslutning og begrunnelse)',
    de: 'Risikobewertung (Entscheidung und Begründung)',
  },
  'fact:art34Exception': {
    en: 'Art. 34(3) exception relied on',
    nb: 'Unntak etter art. 34(3)',
    de: 'Ausnahme nach Art. 34 Abs. 3',
  },
};

export const AUTHORITY_FORMS: Record<FormStyle, { languages: TextLanguage[]; groups: AuthorityGroup[] }> = {
  // Datatilsynet's notification form, its five groups in its order (DOMAIN.md).
  datatilsynet: {
    languages: ['nb', 'en'],
    groups: [
      {
        key: 'description',
        title: { nb: '1. Beskrivelse av bruddet', en: '1. Description of the breach' },
        fields: [
          'breachTypes',
          'occurredSpan',
          'fact:discoveredAt',
          'discovery',
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
  // A German state authority's order: time of the incident, time of awareness, data types, number of people,
  // risk, measures, Art. 34.
  'de-state': {
    languages: ['de', 'en'],
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
};

export interface AuthorityFormInput {
  zone: string;
  answers: Map<string, Answer>;
  completed: Set<Phase>;
  /** The controller whose authority this is: the form names no other affected controller. */
  controllerName: string;
  discoveredAt: Date;
  processorAwareAt: Date;
  controllerAwareAt: Date | null;
  risk: { value: string; reasoning: string } | null;
  exception: { value: string; reasoning: string } | null;
}

export interface LaidOutField {
  key: string;
  label: Record<string, string>;
  state: string;
  text: Record<string, string>;
}

/** The content laid out in an authority's order and languages; pure, so letters and the API render the same. */
export function layoutAuthorityForm(
  style: FormStyle,
  input: AuthorityFormInput,
): {
  languages: TextLanguage[];
  groups: { key: string; title: Record<string, string>; fields: LaidOutField[] }[];
  somethingToFollow: boolean;
} {
  const layout = AUTHORITY_FORMS[style];
  const per = (f: (lang: TextLanguage) => string) =>
    Object.fromEntries(layout.languages.map((l) => [l, f(l)]));
  const toFollow = { state: 'unknown', text: per((l) => TO_FOLLOW[l]) };
  const instant = (d: Date | null) =>
    d ? { state: 'known', text: per(() => inZone(d, input.zone)) } : toFollow;
  const fact = (key: string): { state: string; text: Record<string, string> } => {
    switch (key) {
      case 'fact:discoveredAt':
        return instant(input.discoveredAt);
      case 'fact:processorAwareAt':
        return instant(input.processorAwareAt);
      case 'fact:controllerAwareAt':
        return instant(input.controllerAwareAt);
      case 'fact:risk':
        return input.risk
          ? {
              state: 'known',
              text: per((l) => `${optionText(input.risk!.value, l)}: ${input.risk!.reasoning}`),
            }
          : toFollow;
      case 'fact:art34Exception':
        return input.exception
          ? { state: 'known', text: per(() => `${input.exception!.value}: ${input.exception!.reasoning}`) }
          : { state: 'not-applicable', text: per((l) => ({ en: 'None', nb: 'Ingen', de: 'Keine' })[l]) };
      default:
        throw new Error(`Unknown fact ${key}`);
    }
  };

  let somethingToFollow = PHASES.slice(0, 4).some((p) => !input.completed.has(p));
  const groups = layout.groups.map((g) => ({
    key: g.key,
    title: per((l) => g.title[l] ?? g.title.en ?? g.key),
    fields: g.fields.map((key) => {
      if (key.startsWith('fact:')) {
        const f = fact(key);
        if (f.state === 'unknown') somethingToFollow = true;
        return { key, label: per((l) => FACT_LABELS[key][l]), ...f };
      }
      const field = FIELDS_BY_KEY.get(key)!;
      const answer =
        key === 'affectedControllers'
          ? { state: 'known' as const, value: [input.controllerName] }
          : input.answers.get(key);
      if (!answer || answer.state === 'unknown') somethingToFollow = true;
      return {
        key,
        label: per((l) => field.labels[l]),
        state: answer?.state ?? 'missing',
        text: per((l) => renderAnswer(field, answer, l, input.zone)),
      };
    }),
  }));
  return { languages: layout.languages, groups, somethingToFollow };
}
