import type { FormStyle } from '../authorities/authority.entity';
import type { TextLanguage } from './render.util';

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
