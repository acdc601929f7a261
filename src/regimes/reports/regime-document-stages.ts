import type { EntityManager } from 'typeorm';
import type { Incident } from '../../incidents/incident.entity';
import { RegimeDocument, ReportStages, ResolvedStage } from './report-stage';
import { unknownContent } from '../../forms/catalogue';

/**
 * Stages read from regime documents, each regime resolved for the country whose law applies to us (`countries`:
 * regime id → country). Until obligations carry `regime` and `stage`, every incident owes every stage of the
 * regimes given: with none given (the default), the walk-through is GDPR's alone.
 */
export class RegimeDocumentStages extends ReportStages {
  private readonly stages: ResolvedStage[];

  constructor(documents: RegimeDocument[], countries: Record<string, string>) {
    super();
    this.stages = documents.flatMap((doc) => {
      const country = countries[doc.id];
      const jurisdiction = country ? doc.jurisdictions[country] : undefined;
      if (!jurisdiction)
        throw new Error(`Regime ${doc.id} has no jurisdiction ${country ?? '(none chosen)'}`);
      for (const s of doc.stages) {
        const unknown = unknownContent(s);
        if (unknown.length)
          throw new Error(`Stage ${doc.id}/${s.id} lists ${unknown.join(', ')}: not in the catalogue`);
      }
      return doc.stages.map((s) => ({ ...s, regime: doc.id, jurisdiction: { ...jurisdiction, country } }));
    });
  }

  find(regime: string, stageId: string): ResolvedStage | undefined {
    return this.stages.find((s) => s.regime === regime && s.id === stageId);
  }

  owedBy(_em: EntityManager, _incident: Incident): Promise<ResolvedStage[]> {
    return Promise.resolve(this.stages);
  }
}
