import { Module } from '@nestjs/common';
import { RegimeDocumentStages } from './regime-document-stages';
import { ReportStages } from './report-stage';

/**
 * The stages the reports and the walk-through read. No regime documents yet: GDPR's walk-through alone, as before.
 * Point this provider at the regime registry to let NIS2's and DORA's stages in.
 */
@Module({
  providers: [{ provide: ReportStages, useValue: new RegimeDocumentStages([], {}) }],
  exports: [ReportStages],
})
export class ReportStagesModule {}
