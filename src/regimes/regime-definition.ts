/**
 * A regime as data: the stages of notification one law sets off, each with its recipient, the events that anchor it,
 * its window and the legal source of every value. Validated by `regime-validation.util.ts`; stored as immutable
 * versions (`regime_version`), and each obligation it creates keeps a copy of its stage (`obligation.rule`).
 */

/** Whose duty it is: ours (the processor / NIS2 entity), or each affected controller's, which we support. */
export const APPLIES_TO = ['us', 'controller'] as const;
export type AppliesTo = (typeof APPLIES_TO)[number];

export const RECIPIENTS = [
  'controller',
  'supervisory-authority',
  'csirt',
  'competent-authority',
  'data-subjects',
] as const;
export type Recipient = (typeof RECIPIENTS)[number];

/**
 * The events a stage's clock can run from:
 * - `processor-awareness`: our awareness of the incident;
 * - `controller-awareness`: the controller's (our notice reaching it, or set by hand on its authority obligation);
 * - `classification:<id>`: the classification decision "yes" in force;
 * - `submission:<stageId>`: an earlier stage submitted (its obligation met; the latest one, for a repeatable stage);
 * - `decision:high-risk`: GDPR's high risk established (Art. 34).
 */
export type AnchorEvent =
  | 'processor-awareness'
  | 'controller-awareness'
  | 'decision:high-risk'
  | `classification:${string}`
  | `submission:${string}`;

/**
 * A window: elapsed hours; calendar months in the recipient's zone; the controller's agreement (GDPR's processor
 * hop); or our configured target for a duty that names no number ("without undue delay").
 */
export type Window = { hours: number } | { months: number } | { fromAgreement: true } | { target: true };

export interface DueTerm {
  anchor: AnchorEvent;
  window: Window;
}

/** When a stage applies; `manual`: opened by hand (on the recipient's request), never by itself. */
export type AppliesWhen =
  | 'always'
  | 'manual'
  | { classification: string }
  | { decision: 'high-risk' }
  | { sector: string }
  | { notSector: string }
  | { allOf: AppliesWhen[] };

export interface LegalSource {
  /** What this source is the source of: a stage id, `due`, a window, a jurisdiction… */
  about: string;
  citation: string;
  url?: string;
  note?: string;
}

export interface Stage {
  id: string;
  title: string;
  recipient: Recipient;
  appliesWhen: AppliesWhen;
  /** Due at the earliest of these, over the anchors known so far. Absent for a stage opened by hand with its date. */
  due?: { earliestOf: DueTerm[] };
  /** Opened again and again (an intermediate report); the latest submission anchors the stages that follow it. */
  repeatable?: boolean;
  /** Field keys of the phased form's catalogue that the report must carry. */
  content: string[];
  sources: LegalSource[];
}

export interface Classification {
  id: string;
  title: string;
  /** The inputs a person weighs before deciding (recorded with the decision). */
  criteria: string[];
  source: LegalSource;
}

export interface Jurisdiction {
  /** ISO 3166-1 alpha-2, lower case. */
  country: string;
  transposed: boolean;
  /** The national law (or, when not transposed, what applies instead), with its source. */
  law: LegalSource;
  recipient?: { name: string; contact?: string; language?: string };
  /** The recipient's zone: calendar months are counted here. */
  timeZone?: string;
  inForceFrom?: string;
}

export interface RegimeDefinition {
  id: string;
  version: number;
  title: string;
  source: LegalSource;
  appliesTo: AppliesTo;
  classifications: Classification[];
  jurisdictions?: Jurisdiction[];
  stages: Stage[];
}

/**
 * A stage as an obligation keeps it: the stage of the regime version it was made under, with what was resolved when
 * it was made (the zone its months are counted in, the recipient, our target hours). Editing the regime later
 * changes no obligation.
 */
export interface StageRule extends Stage {
  timeZone: string;
  recipientName: string | null;
  /** The country whose law it is, for a regime with jurisdictions. */
  jurisdiction: string | null;
  /** Our target hours, for a window that names no number. */
  targetHours?: number;
}
