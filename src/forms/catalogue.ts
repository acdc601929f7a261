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
  /** The values an `enum` may take, or each item of a `list` (when given). */
  options?: string[];
  /** Known from the incident's own facts until someone answers it in the form. */
  derivedFrom?: string;
  /**
   * The regimes whose reports ask for it. GDPR's walk-through fields (`CATALOGUE.fields`) are asked by `gdpr`; a field
   * that only another regime asks for (`CATALOGUE.regimeFields`) joins the walk-through when an incident has a stage
   * whose report carries it.
   */
  regimes?: string[];
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
  /** GDPR's walk-through: what the authority form and the letters read. */
  fields: CatalogueField[];
  /** What NIS2's and DORA's reports ask for beyond GDPR's fields; each names its regimes. */
  regimeFields: (CatalogueField & { regimes: string[] })[];
};

/** Every field of the catalogue, GDPR's and the other regimes'. */
export const ALL_FIELDS: CatalogueField[] = [...CATALOGUE.fields, ...CATALOGUE.regimeFields];

export const FIELDS_BY_KEY = new Map(ALL_FIELDS.map((f) => [f.key, f]));

/** A stage's content keys the catalogue does not know: a regime naming one is refused (its report could not be written). */
export function unknownContent(stage: { content: readonly string[] }): string[] {
  return stage.content.filter((key) => !FIELDS_BY_KEY.has(key));
}

/** The keys of GDPR's walk-through: what the form shows when no other regime's stage asks for more. */
export const GDPR_FIELD_KEYS: ReadonlySet<string> = new Set(CATALOGUE.fields.map((f) => f.key));

/**
 * The walk-through's fields for a set of keys, in catalogue order: GDPR's always, and each regime field some stage
 * of the incident asks for. A shared field appears once, however many reports use it.
 */
export function walkThroughFields(keys: ReadonlySet<string> = GDPR_FIELD_KEYS): CatalogueField[] {
  return ALL_FIELDS.filter((f) => GDPR_FIELD_KEYS.has(f.key) || keys.has(f.key));
}

/** Art. 33(3)'s items (a)–(d) and the catalogue fields that carry each. */
export function fieldsForContentItem(item: 'a' | 'b' | 'c' | 'd'): CatalogueField[] {
  return CATALOGUE.fields.filter((f) => f.sources.includes(`art33-3-${item}`));
}
