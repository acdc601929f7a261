import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { classificationsInForce } from '../../decisions/decisions-in-force.util';
import type { Answer } from '../../forms/form.util';
import schema from './dora-incident-report.schema.json';

// Each type of submission lays its `required` over the properties defined once in $defs: strict, but not strictRequired.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
addFormats(ajv);
/** The template's structure (src/regimes/reports/dora-incident-report.schema.json), one set of requirements per type. */
export const validateDoraReport = ajv.compile(schema);

/**
 * Field 1.1: the type of each submission, by the stage's id in the regime (builtin/dora.json), and by
 * `reclassification` the one no stage sets off: a major incident reclassified as non-major (the template's fourth
 * type), given while a later "no" on the classification is in force.
 */
export const DORA_SUBMISSIONS = {
  'initial-notification': 'initial_notification',
  'intermediate-report': 'intermediate_report',
  'final-report': 'final_report',
  reclassification: 'major_incident_reclassified_as_non-major',
} as const;
export type DoraSubmission = keyof typeof DORA_SUBMISSIONS;
export type DoraStage = Exclude<DoraSubmission, 'reclassification'>;

export function isDoraStage(stage: string): stage is DoraStage {
  return stage in DORA_SUBMISSIONS && stage !== 'reclassification';
}

/** The classification (DORA Art. 18) whose reversal the reclassification reports. */
export const DORA_MAJOR = 'major-ict-incident';

/**
 * The catalogue fields a reclassification carries: the general ones (fields 1.x) and the incident's identification
 * (2.1–2.3); the reasons come from the decision. The content of the reports before it is not asked again.
 */
export const DORA_RECLASSIFICATION_CONTENT = [
  'reporter',
  'doraSubmittingEntityCode',
  'affectedControllers',
  'doraEntityType',
  'doraEntityLei',
  'contactPoint',
  'doraReportCurrency',
  'incidentReference',
  'detectedAt',
  'doraClassifiedAt',
];

export interface DoraReclassification {
  /** The reasoning of the "no" in force: the reasons for the reclassification. */
  reason: string;
  decidedAt: Date;
}

/**
 * Whether the incident stands reclassified as non-major: the decision in force on the major classification is "no"
 * and an earlier one said "yes" (a "no" with no "yes" before it classified nothing down). Null otherwise.
 */
export function doraReclassification(
  history: readonly { kind: string; value: string; reasoning: string; decidedAt: Date }[],
): DoraReclassification | null {
  const inForce = classificationsInForce(history).get(DORA_MAJOR)?.decision;
  if (inForce?.value !== 'no') return null;
  const before = history.slice(0, history.indexOf(inForce));
  if (!before.some((d) => d.kind === DORA_MAJOR && d.value === 'yes')) return null;
  return { reason: inForce.reasoning, decidedAt: inForce.decidedAt };
}

type Json = Record<string, unknown>;

/** Drops what is not known (undefined, or an object left empty): the template lists what is provided. */
function compact(o: Json): Json | undefined {
  const out = Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  );
  return Object.keys(out).length ? out : undefined;
}

/** An approximate number as the template's single figure: a range gives its upper bound (a conservative estimate). */
function figure(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  return v && typeof v === 'object' && 'max' in v ? (v as { max: number }).max : undefined;
}

/** The data-loss thresholds (field 3.20) our breach types name. */
const DATA_LOSS_OF: Record<string, string> = {
  confidentiality: 'confidentiality',
  integrity: 'integrity',
  availability: 'availability',
};

/**
 * The DORA report for one stage from the walk-through's answers, in the template's structure. Only known answers go
 * in; what is unknown is left out (Art. 1(3) of 2025/302 asks for estimates where figures are not yet available, which
 * an "approximate number" answer carries). Fields a later stage asks for go in when known (Art. 1(1)(a) and (b)).
 */
export function buildDoraReport(
  stage: DoraSubmission,
  answers: Map<string, Answer>,
  reclassification?: DoraReclassification,
): Json {
  const known = <T>(key: string): T | undefined => {
    const a = answers.get(key);
    return a?.state === 'known' ? (a.value as T) : undefined;
  };
  const reporter = known<{ name: string }>('reporter');
  const contact = known<{ name: string; email?: string; phone?: string }>('contactPoint');
  const controllers = known<string[]>('affectedControllers') ?? [];
  const entityType = known<string>('doraEntityType');
  const lei = known<string>('doraEntityLei');
  const criteria = known<string[]>('doraClassificationCriteria') ?? [];
  const breachTypes = known<string[]>('breachTypes') ?? [];
  const measures = known<string>('measuresTaken');
  const otherInformation = known<string>('doraOtherInformation');
  const count = (key: string) => {
    const n = figure(known(key));
    return n === undefined ? undefined : { number: n };
  };
  const criterion = (c: string) =>
    compact({
      classificationCriterion: c,
      countryCodeMaterialityThresholds: c === 'geographical_spread' ? known('doraMemberStates') : undefined,
      dataLosseMaterialityThresholds:
        c === 'data_losses' ? breachTypes.map((t) => DATA_LOSS_OF[t]).filter(Boolean) : undefined,
      dataLossesDescription: c === 'data_losses' ? known('doraDataLosses') : undefined,
      reputationalImpactDescription:
        c === 'reputational_impact' ? known('doraReputationalImpact') : undefined,
    });
  return compact({
    incidentSubmission: DORA_SUBMISSIONS[stage],
    reportCurrency: known('doraReportCurrency'),
    submittingEntity: compact({
      entityType: 'SUBMITTING_ENTITY',
      name: reporter?.name,
      code: known('doraSubmittingEntityCode'),
    }),
    // One entry per affected controller (the financial entities); the LEI only where there is one of them.
    affectedEntity: controllers.map((name) =>
      compact({
        entityType: 'AFFECTED_ENTITY',
        name,
        affectedEntityType: entityType ? [entityType] : undefined,
        LEI: controllers.length === 1 ? lei : undefined,
      }),
    ),
    primaryContact: contact
      ? compact({ name: contact.name, email: contact.email, phone: contact.phone })
      : undefined,
    incident: compact({
      financialEntityCode: known('incidentReference'),
      detectionDateTime: known('detectedAt'),
      classificationDateTime: known('doraClassifiedAt'),
      incidentDescription: known('whatHappened'),
      classificationTypes: criteria.map(criterion),
      incidentDiscovery: known('doraDiscoveredBy'),
      originatesFromThirdPartyProvider: known('doraThirdPartyOrigin'),
      isBusinessContinuityActivated: known('businessContinuityActivated'),
      // The template has no field of its own for the reasons of a reclassification: they go in 2.10, first.
      otherInformation: reclassification
        ? [`Reclassified as non-major: ${reclassification.reason}`, otherInformation]
            .filter(Boolean)
            .join('\n\n')
        : otherInformation,
      incidentOccurrenceDateTime: known<{ from?: string }>('occurredSpan')?.from,
      incidentType: compact({
        incidentClassification: known('doraIncidentType'),
        indicatorsOfCompromise: known('indicatorsOfCompromise'),
      }),
      rootCauseHLClassification: known('doraRootCauseTypes'),
      rootCausesInformation: known('threatType'),
      incidentResolutionSummary: known('mitigationApplied'),
      incidentResolutionDateTime: known('doraResolvedAt'),
      grossAmountIndirectDirectCosts: figure(known('doraCostsAndLosses')),
      financialRecoveriesAmount: figure(known('doraFinancialRecoveries')),
      recurringNonMajorIncidentsDescription: known('doraRecurringIncidents'),
    }),
    impactAssessment: compact({
      affectedAssets: compact({
        affectedClients: count('doraClientsAffected'),
        affectedFinancialCounterparts: count('doraCounterpartsAffected'),
        affectedTransactions: count('doraTransactionsAffected'),
      }),
      criticalServicesAffected: known<string[]>('servicesAndSystems')?.join(', '),
      serviceImpact: compact({
        serviceRestorationDateTime: known('doraRecoveredAt'),
        isTemporaryActionsMeasuresForRecovery: measures === undefined ? undefined : true,
        descriptionOfTemporaryActionsMeasuresForRecovery: measures,
      }),
    }),
    reportingToOtherAuthorities: known('doraOtherAuthorities'),
  })!;
}

/** Where the report falls short of its template: each JSON path with what is wrong (empty when it validates). */
export function doraProblems(report: Json): { field: string; messages: string[] }[] {
  if (validateDoraReport(report)) return [];
  const byPath = new Map<string, string[]>();
  for (const e of validateDoraReport.errors ?? []) {
    if (e.keyword === 'if') continue;
    const path =
      e.keyword === 'required'
        ? `${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}`
        : e.instancePath;
    const field = path.replace(/^\//, '').replace(/\//g, '.') || '(report)';
    byPath.set(field, [...(byPath.get(field) ?? []), e.message ?? e.keyword]);
  }
  return [...byPath].map(([field, messages]) => ({ field, messages: [...new Set(messages)] }));
}
