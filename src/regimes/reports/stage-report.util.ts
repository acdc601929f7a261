import { CatalogueField, FieldState, FIELDS_BY_KEY, Labels, unknownContent } from '../../forms/catalogue';
import { Answer, isAnswered } from '../../forms/form.util';
import type { Jurisdiction, ResolvedStage } from './report-stage';

/** A field as a report carries it: answered (known, unknown – to follow, not applicable), or not answered at all. */
export interface StageReportField {
  key: string;
  labels: Labels;
  sources: string[];
  state: FieldState | 'missing';
  value?: unknown;
  reason?: string;
  /** Taken from the incident's own facts, not answered in the walk-through. */
  derived: boolean;
}

/** What one stage's report says now, from the walk-through's answers: its fields, what is to follow, what is missing. */
export interface StageReport {
  regime: string;
  stage: string;
  title: string;
  recipient: string;
  jurisdiction: Jurisdiction;
  incidentId: string;
  reference: string;
  fields: StageReportField[];
  /** Fields answered "unknown, to follow": the report may go, saying they follow. */
  unknown: string[];
  /** Fields not answered, or unknown where the catalogue says they must be known at once. */
  missing: string[];
  /** Nothing missing: the report can be given (phased where something is to follow). */
  ready: boolean;
}

function reportField(field: CatalogueField, answer: Answer | undefined): StageReportField {
  return {
    key: field.key,
    labels: field.labels,
    sources: field.sources,
    state: answer?.state ?? 'missing',
    ...(answer?.value !== undefined ? { value: answer.value } : {}),
    ...(answer?.reason ? { reason: answer.reason } : {}),
    derived: answer?.derived ?? false,
  };
}

/**
 * A stage's report from the walk-through's answers (one set per incident: a field shared by several reports is
 * answered once). Pure: the same answers give the same report.
 */
export function buildStageReport(
  stage: ResolvedStage,
  answers: Map<string, Answer>,
  incident: { id: string; reference: string },
): StageReport {
  const unknownKeys = unknownContent(stage);
  if (unknownKeys.length)
    throw new Error(
      `Stage ${stage.regime}/${stage.id} lists ${unknownKeys.join(', ')}: not in the catalogue`,
    );
  const fields = stage.content.map((key) => FIELDS_BY_KEY.get(key)!);
  const missing = fields.filter((f) => !isAnswered(f, answers.get(f.key))).map((f) => f.key);
  return {
    regime: stage.regime,
    stage: stage.id,
    title: stage.title,
    recipient: stage.recipient,
    jurisdiction: stage.jurisdiction,
    incidentId: incident.id,
    reference: incident.reference,
    fields: fields.map((f) => reportField(f, answers.get(f.key))),
    unknown: fields.filter((f) => answers.get(f.key)?.state === 'unknown').map((f) => f.key),
    missing,
    ready: missing.length === 0,
  };
}
