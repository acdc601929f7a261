import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { FieldError } from '../common/error-body';
import { isKnownTimeZone } from '../common/time-zone.util';
import { unknownContent } from '../forms/catalogue';
import type { AppliesWhen, RegimeDefinition, Stage } from './regime-definition';
import schema from './regime.schema.json';

export const REGIME_SCHEMA = schema;

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validateShape = ajv.compile<RegimeDefinition>(schema);

/** What each `oneOf` accepts, said once instead of one complaint per alternative. */
const ONE_OF_HINTS: Record<string, string> = {
  window: 'must be one of { "hours": n }, { "months": n }, { "fromAgreement": true }, { "target": true }',
  appliesWhen:
    'must be "always", "manual", { "classification": id }, { "decision": "high-risk" }, { "sector": id }, ' +
    '{ "notSector": id } or { "allOf": [ … ] }',
};

/**
 * Every problem of a regime file or request body, one entry per field (dotted path, like the agreements'): first its
 * shape (the JSON schema), then what the schema cannot say (ids unique, anchors naming a stage or classification of
 * the regime, content naming catalogue fields, no stage waiting on itself, zones known).
 */
export function regimeProblems(plain: unknown): FieldError[] {
  if (!validateShape(plain)) return shapeProblems(validateShape.errors ?? []);
  return meaningProblems(plain);
}

function shapeProblems(errors: ErrorObject[]): FieldError[] {
  const oneOfPaths = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  const byField = new Map<string, string[]>();
  for (const e of errors) {
    // An alternative's complaint under a failed oneOf says less than the oneOf itself.
    if (e.keyword !== 'oneOf' && [...oneOfPaths].some((p) => e.instancePath.startsWith(p))) continue;
    const field = fieldOf(e);
    const last = field.split('.').pop()!;
    const hint = e.keyword === 'oneOf' ? (ONE_OF_HINTS[last] ?? e.message) : e.message;
    byField.set(field, [...(byField.get(field) ?? []), hint ?? 'is invalid']);
  }
  return [...byField].map(([field, messages]) => ({ field, messages: [...new Set(messages)] }));
}

function fieldOf(e: ErrorObject): string {
  const path = e.instancePath.split('/').slice(1);
  if (e.keyword === 'required') path.push(String((e.params as { missingProperty: string }).missingProperty));
  if (e.keyword === 'additionalProperties')
    path.push(String((e.params as { additionalProperty: string }).additionalProperty));
  return path.join('.') || '(body)';
}

function meaningProblems(r: RegimeDefinition): FieldError[] {
  const problems: FieldError[] = [];
  const add = (field: string, message: string) => problems.push({ field, messages: [message] });
  const stageIds = r.stages.map((s) => s.id);
  const classificationIds = r.classifications.map((c) => c.id);
  duplicates(stageIds).forEach((i) => add(`stages.${i}.id`, `stage id ${stageIds[i]} is used twice`));
  duplicates(classificationIds).forEach((i) =>
    add(`classifications.${i}.id`, `classification id ${classificationIds[i]} is used twice`),
  );
  const countries = (r.jurisdictions ?? []).map((j) => j.country);
  duplicates(countries).forEach((i) => add(`jurisdictions.${i}.country`, `${countries[i]} is listed twice`));
  (r.jurisdictions ?? []).forEach((j, i) => {
    if (j.timeZone !== undefined && !isKnownTimeZone(j.timeZone))
      add(`jurisdictions.${i}.timeZone`, `${j.timeZone} is not a known IANA time zone`);
    if (j.transposed && !j.recipient)
      add(`jurisdictions.${i}.recipient`, 'a jurisdiction that has transposed the law names its recipient');
  });
  r.stages.forEach((stage, i) => {
    appliesWhenProblems(stage.appliesWhen, classificationIds).forEach((m) =>
      add(`stages.${i}.appliesWhen`, m),
    );
    const unknown = new Set(unknownContent(stage));
    stage.content.forEach((key, k) => {
      if (unknown.has(key)) add(`stages.${i}.content.${k}`, `${key} is not a field of the catalogue`);
    });
    if (!stage.due && stage.appliesWhen !== 'manual')
      add(
        `stages.${i}.due`,
        'required: only a stage opened by hand ("manual") may leave its due time to the request',
      );
    (stage.due?.earliestOf ?? []).forEach((term, t) => {
      const field = `stages.${i}.due.earliestOf.${t}`;
      const [kind, ref] = splitAnchor(term.anchor);
      if (kind === 'classification' && !classificationIds.includes(ref))
        add(
          `${field}.anchor`,
          `names no classification of this regime (${classificationIds.join(', ') || 'none'})`,
        );
      if (kind === 'submission' && (!stageIds.includes(ref) || ref === stage.id))
        add(`${field}.anchor`, `names no other stage of this regime`);
      if (
        'fromAgreement' in term.window &&
        (r.appliesTo !== 'controller' || stage.recipient !== 'controller')
      )
        add(
          `${field}.window`,
          "only a notice to the controller takes its window from the controller's agreement",
        );
    });
  });
  cycleMembers(r.stages).forEach((i) =>
    add(`stages.${i}.due`, `waits on its own submission through the stages it is anchored on`),
  );
  if (r.id === 'gdpr') problems.push(...gdprProblems(r));
  return problems;
}

/**
 * GDPR's three stages as the code plans them (ObligationsService.planHops, the decisions, the letters, the filings):
 * their ids, recipients, conditions and anchors are the code's, and so is each window's kind. A version of `gdpr` may
 * change what the data drives: titles, content, sources, and the hours of the authority's window.
 */
const GDPR_STAGES: readonly {
  id: string;
  recipient: string;
  appliesWhen: AppliesWhen;
  anchor: string;
  window: 'fromAgreement' | 'hours' | 'target';
}[] = [
  {
    id: 'processor-to-controller',
    recipient: 'controller',
    appliesWhen: 'always',
    anchor: 'processor-awareness',
    window: 'fromAgreement',
  },
  {
    id: 'controller-to-authority',
    recipient: 'supervisory-authority',
    appliesWhen: 'always',
    anchor: 'controller-awareness',
    window: 'hours',
  },
  {
    id: 'controller-to-data-subjects',
    recipient: 'data-subjects',
    appliesWhen: { decision: 'high-risk' },
    anchor: 'decision:high-risk',
    window: 'target',
  },
];

const GDPR_CHANGEABLE =
  "gdpr's stages are planned in code: only their titles, content and sources, and the authority's hours, may change";

function gdprProblems(r: RegimeDefinition): FieldError[] {
  const problems: FieldError[] = [];
  const add = (field: string, message: string) => problems.push({ field, messages: [message] });
  if (r.appliesTo !== 'controller') add('appliesTo', `must be controller: ${GDPR_CHANGEABLE}`);
  const ids = GDPR_STAGES.map((g) => g.id);
  r.stages.forEach((stage, i) => {
    const fixed = GDPR_STAGES.find((g) => g.id === stage.id);
    if (!fixed) {
      add(`stages.${i}.id`, `must be one of ${ids.join(', ')}: ${GDPR_CHANGEABLE}`);
      return;
    }
    if (stage.recipient !== fixed.recipient)
      add(`stages.${i}.recipient`, `must be ${fixed.recipient}: ${GDPR_CHANGEABLE}`);
    if (JSON.stringify(stage.appliesWhen) !== JSON.stringify(fixed.appliesWhen))
      add(`stages.${i}.appliesWhen`, `must be ${JSON.stringify(fixed.appliesWhen)}: ${GDPR_CHANGEABLE}`);
    if (stage.repeatable) add(`stages.${i}.repeatable`, `must not be set: ${GDPR_CHANGEABLE}`);
    const terms = stage.due?.earliestOf ?? [];
    if (terms.length !== 1) {
      add(`stages.${i}.due.earliestOf`, `must be one term, anchored on ${fixed.anchor}: ${GDPR_CHANGEABLE}`);
      return;
    }
    if (terms[0].anchor !== fixed.anchor)
      add(`stages.${i}.due.earliestOf.0.anchor`, `must be ${fixed.anchor}: ${GDPR_CHANGEABLE}`);
    if (!(fixed.window in terms[0].window))
      add(
        `stages.${i}.due.earliestOf.0.window`,
        `must be { "${fixed.window}": ${fixed.window === 'hours' ? 'n' : 'true'} }: ${GDPR_CHANGEABLE}`,
      );
  });
  ids
    .filter((id) => !r.stages.some((s) => s.id === id))
    .forEach((id) => add('stages', `must keep the stage ${id}: ${GDPR_CHANGEABLE}`));
  return problems;
}

function appliesWhenProblems(when: AppliesWhen, classifications: readonly string[]): string[] {
  if (typeof when === 'string') return [];
  if ('allOf' in when) return when.allOf.flatMap((w) => appliesWhenProblems(w, classifications));
  if ('classification' in when && !classifications.includes(when.classification))
    return [`names no classification of this regime: ${when.classification}`];
  return [];
}

/** `classification:major` → ['classification', 'major']; an event without a reference → [event, '']. */
export function splitAnchor(anchor: string): [string, string] {
  const at = anchor.indexOf(':');
  return at < 0 ? [anchor, ''] : [anchor.slice(0, at), anchor.slice(at + 1)];
}

function duplicates(ids: readonly string[]): number[] {
  return ids.flatMap((id, i) => (ids.indexOf(id) < i ? [i] : []));
}

/** Stages whose submission anchors lead back to themselves: their clock could never start. */
function cycleMembers(stages: readonly Stage[]): number[] {
  const after = new Map(
    stages.map((s) => [
      s.id,
      (s.due?.earliestOf ?? [])
        .map((t) => splitAnchor(t.anchor))
        .filter(([kind]) => kind === 'submission')
        .map(([, ref]) => ref),
    ]),
  );
  const reaches = (from: string, target: string, seen: Set<string>): boolean =>
    (after.get(from) ?? []).some(
      (next) => next === target || (!seen.has(next) && (seen.add(next), reaches(next, target, seen))),
    );
  return stages.flatMap((s, i) => (reaches(s.id, s.id, new Set()) ? [i] : []));
}
