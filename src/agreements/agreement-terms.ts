/** The vocabulary of an agreement's breach terms. Kept in one place: DTOs, rules and the clock all use it. */

export const LANGUAGES = ['en', 'nb', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

/** How soon the processor must notify the controller. */
export const STANDARDS = [
  'immediately',
  'without-undue-delay',
  'within-hours',
  'within-business-days',
] as const;
export type Standard = (typeof STANDARDS)[number];

/** `contractual`: a number written in the agreement. `target`: our internal target for a standard with no number. */
export const BASES = ['contractual', 'target'] as const;
export type Basis = (typeof BASES)[number];

/** `art33-34-conditions`: the processor informs only when the Art. 33/34 conditions are met (alfaview Clause 5). */
export const TRIGGERS = ['any-breach', 'art33-34-conditions'] as const;
export type Trigger = (typeof TRIGGERS)[number];

/** Art. 33(3)(a)–(d). */
export const CONTENT_ITEMS = ['a', 'b', 'c', 'd'] as const;
export type ContentItem = (typeof CONTENT_ITEMS)[number];

/** Whether a content item is owed in every notice, or only where the breach involves a risk. */
export const CONTENT_CONDITIONS = ['always', 'if-risk'] as const;
export type ContentCondition = (typeof CONTENT_CONDITIONS)[number];

export const THIRD_PARTY_DISCLOSURES = ['forbidden-without-instruction', 'allowed'] as const;
export type ThirdPartyDisclosure = (typeof THIRD_PARTY_DISCLOSURES)[number];

export const ASSISTANCE_TERMS = ['hourly-rates', 'documented-costs', 'none'] as const;
export type AssistanceTerms = (typeof ASSISTANCE_TERMS)[number];
