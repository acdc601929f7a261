import type { EntityManager } from 'typeorm';
import type { TextLanguage } from '../../forms/render.util';
import type { Incident } from '../../incidents/incident.entity';

/**
 * The little this module needs of a regime's stage: who gets the report and which catalogue fields it carries.
 * The regime registry (src/regimes) holds much more (anchors, windows, conditions); the reports read only this.
 */
export interface ReportStage {
  regime: string;
  id: string;
  title: string;
  /** The recipient kind: csirt, competent-authority, supervisory-authority, controller, data-subjects. */
  recipient: string;
  /** Field keys of src/forms/field-catalogue.json, in the order the report lists them. */
  content: string[];
}

/** Where a regime's report goes in the jurisdiction that applies to us: its language, zone and recipient. */
export interface Jurisdiction {
  /** The country whose law applies; null for a regime without jurisdictions (DORA: the financial entity's own). */
  country: string | null;
  language: TextLanguage;
  /** Instants in the report are shown in this zone, with their offset. */
  zone: string;
  recipient: { name: string; url?: string };
}

/** A stage as a report is written for it: the stage, and the jurisdiction whose recipient reads it. */
export interface ResolvedStage extends ReportStage {
  jurisdiction: Jurisdiction;
}

/**
 * Where the reports find their stages: which stage a report is asked for, and which stages an incident owes.
 * Provided by `RegistryReportStages` (the regime registry and the obligations carrying `regime` and `stage`).
 */
export abstract class ReportStages {
  /** The stage `regime`/`stageId` resolved for our jurisdiction; undefined when there is no such stage. */
  abstract find(regime: string, stageId: string): Promise<ResolvedStage | undefined>;
  /** The stages (beyond GDPR's hops) whose reports this incident owes. */
  abstract owedBy(em: EntityManager, incident: Incident): Promise<ResolvedStage[]>;
}
