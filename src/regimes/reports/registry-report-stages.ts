import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../config/config';
import { TEXT_LANGUAGES, type TextLanguage } from '../../forms/render.util';
import type { Incident } from '../../incidents/incident.entity';
import type { RegimeDefinition } from '../regime-definition';
import { ourJurisdiction } from '../regime-plan.util';
import { RegimesService } from '../regimes.service';
import { Jurisdiction, ReportStages, ResolvedStage } from './report-stage';

/**
 * Where a regime without jurisdictions reports. DORA is the one built in: each financial entity (the controller)
 * reports to its own competent authority, which the regime file cannot name; the report says so, in English, with
 * its instants in UTC.
 */
const NO_JURISDICTION: Jurisdiction = {
  country: null,
  language: 'en',
  zone: 'UTC',
  recipient: { name: "the financial entity's competent authority" },
};

function textLanguage(language: string | undefined): TextLanguage {
  return TEXT_LANGUAGES.find((l) => l === language) ?? 'en';
}

/**
 * A stage of a regime version resolved for our country (config ORG_COUNTRY): undefined when the regime has no such
 * stage, or lists jurisdictions and ours has not transposed it (no report is owed there).
 */
export function resolveStage(
  regime: RegimeDefinition,
  stageId: string,
  country: string | null,
): ResolvedStage | undefined {
  const stage = regime.stages.find((s) => s.id === stageId);
  const found = ourJurisdiction(regime, country);
  if (!stage || found === 'not-applicable') return undefined;
  const jurisdiction: Jurisdiction = found
    ? {
        country: found.country,
        language: textLanguage(found.recipient?.language),
        zone: found.timeZone ?? 'UTC',
        recipient: { name: found.recipient?.name ?? '' },
      }
    : NO_JURISDICTION;
  const { id, title, recipient, content } = stage;
  return { regime: regime.id, id, title, recipient, content, jurisdiction };
}

/**
 * The reports' stages from the regime registry: a report asked for is written to the regime's current version; the
 * stages an incident owes are those of its obligations, each under the version it was made under.
 */
@Injectable()
export class RegistryReportStages extends ReportStages {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regimes: RegimesService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async find(regime: string, stageId: string): Promise<ResolvedStage | undefined> {
    if (regime === 'gdpr') return undefined; // GDPR's hops are written as letters (src/letters), not reports
    const current = (await this.regimes.current(this.dataSource.manager)).get(regime);
    return current ? resolveStage(current.definition, stageId, this.country) : undefined;
  }

  /** Each stage once (however many controllers or occurrences), but not one found not to be required. */
  async owedBy(em: EntityManager, incident: Incident): Promise<ResolvedStage[]> {
    const owed = await em.query<{ regime: string; version: number; stage: string }[]>(
      `SELECT DISTINCT regime, regime_version AS version, stage FROM obligation
        WHERE incident_id = $1 AND regime <> 'gdpr' AND status <> 'not-required'
        ORDER BY regime, version, stage`,
      [incident.id],
    );
    const definitions = new Map<string, RegimeDefinition>();
    const stages: ResolvedStage[] = [];
    for (const o of owed) {
      const key = `${o.regime}\n${o.version}`;
      if (!definitions.has(key))
        definitions.set(key, await this.regimes.definitionOf(em, o.regime, o.version));
      const stage = resolveStage(definitions.get(key)!, o.stage, this.country);
      if (stage) stages.push(stage);
    }
    return stages;
  }

  private get country(): string | null {
    return this.config.regimeSettings.country;
  }
}
