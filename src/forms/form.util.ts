import { isInstant } from '../common/instant.validator';
import { BREACH_TYPES } from '../incidents/incident.entity';
import { CATALOGUE, CatalogueField, FieldState, Phase, walkThroughFields } from './catalogue';
import { enisaProblems } from './enisa.util';

/** An answer to one field: known (with its value), unknown (to follow) or not applicable (with the reason). */
export interface Answer {
  state: FieldState;
  value?: unknown;
  reason?: string;
  /** Taken from the incident's own facts, not answered in the form. */
  derived?: boolean;
}

export const DATA_FLAGS = ['art9', 'art10', 'national-id'] as const;

const nonEmpty = (v: unknown) => typeof v === 'string' && v.trim().length > 0 && v.length <= 20_000;
const count = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;

/** What is wrong with a value for a field of this type; empty when it fits. */
export function valueProblems(field: CatalogueField, v: unknown): string[] {
  switch (field.type) {
    case 'text':
      return nonEmpty(v) ? [] : ['must be non-empty text'];
    case 'instant':
      return isInstant(v) ? [] : ['must be an instant with a zone offset'];
    case 'instant-range': {
      const r = v as { from?: unknown; to?: unknown } | null;
      if (typeof r !== 'object' || r === null || (r.from === undefined && r.to === undefined))
        return ['must be { from?, to? } with at least one'];
      const bad = (['from', 'to'] as const).filter((k) => r[k] !== undefined && !isInstant(r[k]));
      if (bad.length) return bad.map((k) => `${k} must be an instant with a zone offset`);
      return r.from && r.to && Date.parse(r.from as string) > Date.parse(r.to as string)
        ? ['from must not be after to']
        : [];
    }
    case 'boolean':
      return typeof v === 'boolean' ? [] : ['must be true or false'];
    case 'enum':
      return field.options?.includes(v as string) ? [] : [`must be one of ${field.options?.join(', ')}`];
    case 'list':
      if (!(Array.isArray(v) && v.length > 0 && v.every(nonEmpty)))
        return ['must be a non-empty list of text'];
      return !field.options || v.every((item) => field.options!.includes(item as string))
        ? []
        : [`each item must be one of ${field.options.join(', ')}`];
    case 'breach-types':
      return Array.isArray(v) &&
        v.length > 0 &&
        v.every((t) => (BREACH_TYPES as readonly unknown[]).includes(t)) &&
        new Set(v).size === v.length
        ? []
        : [`must be a non-empty list of ${BREACH_TYPES.join(', ')}`];
    case 'approx-number': {
      if (count(v)) return [];
      const r = v as { min?: unknown; max?: unknown } | null;
      return typeof r === 'object' &&
        r !== null &&
        count(r.min) &&
        count(r.max) &&
        (r.min as number) <= (r.max as number)
        ? []
        : ['must be a whole number, or a range { min, max }'];
    }
    case 'data-categories':
      return Array.isArray(v) &&
        v.length > 0 &&
        v.every(
          (c: { name?: unknown; flags?: unknown }) =>
            typeof c === 'object' &&
            c !== null &&
            nonEmpty(c.name) &&
            (c.flags === undefined ||
              (Array.isArray(c.flags) &&
                c.flags.every((f) => (DATA_FLAGS as readonly unknown[]).includes(f)))),
        )
        ? []
        : [`must be a non-empty list of { name, flags? } with flags from ${DATA_FLAGS.join(', ')}`];
    case 'contact': {
      const c = v as { name?: unknown; email?: unknown; phone?: unknown } | null;
      return typeof c === 'object' &&
        c !== null &&
        nonEmpty(c.name) &&
        (nonEmpty(c.email) || nonEmpty(c.phone))
        ? []
        : ['must be { name, email?, phone? } with an e-mail address or a phone number'];
    }
    case 'enisa':
      return enisaProblems(v);
  }
}

/** What is wrong with an answer to a field. */
export function answerProblems(field: CatalogueField, a: Answer): string[] {
  switch (a.state) {
    case 'known':
      return a.value === undefined || a.value === null
        ? ['a known field needs its value']
        : valueProblems(field, a.value);
    case 'unknown':
      return a.value !== undefined ? ['an unknown field has no value: it is to follow'] : [];
    case 'not-applicable':
      if (!field.allowsNotApplicable) return [`${field.key} cannot be "not applicable"`];
      return nonEmpty(a.reason) ? [] : ['"not applicable" needs the reason'];
  }
}

/**
 * Whether an answer counts. "Unknown, to follow" (Art. 33(4)) counts only for a field that allows it: the later
 * phases' content may follow, but what happened, how it was found and who reports must be known from the start.
 */
export function isAnswered(field: CatalogueField, a: Answer | undefined): boolean {
  if (!a) return false;
  return a.state !== 'unknown' || field.allowsUnknown;
}

export type PhaseStatus = 'not-started' | 'in-progress' | 'complete';

export interface PhaseView {
  key: Phase;
  status: PhaseStatus;
  missing: string[];
}

/**
 * Each phase's status and what it still misses, in order; and the phase to work on next.
 * @param fields the walk-through's fields: GDPR's, and those the incident's other regimes' stages ask for.
 */
export function walkThrough(
  answers: Map<string, Answer>,
  completed: Set<Phase>,
  fields: CatalogueField[] = walkThroughFields(),
): { phases: PhaseView[]; next: Phase | null } {
  const phases = CATALOGUE.phases.map((p) => {
    const inPhase = fields.filter((f) => f.phase === p.key);
    const missing = inPhase.filter((f) => !isAnswered(f, answers.get(f.key))).map((f) => f.key);
    const touched = inPhase.some((f) => answers.get(f.key) && !answers.get(f.key)!.derived);
    const status: PhaseStatus =
      completed.has(p.key) && missing.length === 0
        ? 'complete'
        : touched || completed.has(p.key)
          ? 'in-progress'
          : 'not-started';
    return { key: p.key, status, missing };
  });
  return { phases, next: phases.find((p) => p.status !== 'complete')?.key ?? null };
}
