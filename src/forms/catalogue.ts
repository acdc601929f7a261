import catalogue from './field-catalogue.json';
import type { TextLanguage } from './render.util';

export const PHASES = ['initial', 'scope', 'impact', 'response', 'communication'] as const;
export type Phase = (typeof PHASES)[number];

export const FIELD_STATES = ['known', 'unknown', 'not-applicable'] as const;
export type FieldState = (typeof FIELD_STATES)[number];

export type FieldType =
  | 'text'
  | 'instant'
  | 'instant-range'
  | 'boolean'
  | 'enum'
  | 'list'
  | 'breach-types'
  | 'approx-number'
  | 'data-categories'
  | 'contact'
  | 'enisa';

export type Labels = Record<TextLanguage, string>;

/** One item of the notification content: what it is, where the law asks for it, and in which phase it is filled in. */
export interface CatalogueField {
  key: string;
  phase: Phase;
  type: FieldType;
  labels: Labels;
  /** Keys into CATALOGUE.sources: the article or form group that asks for it. */
  sources: string[];
  /** "Unknown, to follow" (Art. 33(4)) counts as an answer. */
  allowsUnknown: boolean;
  /** May be "not applicable", with a reason. */
  allowsNotApplicable: boolean;
  options?: string[];
  /** Known from the incident's own facts until someone answers it in the form. */
  derivedFrom?: string;
}

export interface CataloguePhase {
  key: Phase;
  labels: Labels;
  /** Art. 33(4): this phase's content may follow in a later notice (its fields allow "unknown"). */
  allowsToFollow: boolean;
}

/** The notification content, as data (src/forms/field-catalogue.json). */
export const CATALOGUE = catalogue as {
  version: number;
  phases: CataloguePhase[];
  sources: Record<string, string>;
  fields: CatalogueField[];
};

export const FIELDS_BY_KEY = new Map(CATALOGUE.fields.map((f) => [f.key, f]));

/** Art. 33(3)'s items (a)–(d) and the catalogue fields that carry each. */
export function fieldsForContentItem(item: 'a' | 'b' | 'c' | 'd'): CatalogueField[] {
  return CATALOGUE.fields.filter((f) => f.sources.includes(`art33-3-${item}`));
}
