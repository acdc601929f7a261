import { Module } from '@nestjs/common';
import { RegimesModule } from '../regimes.module';
import { RegistryReportStages } from './registry-report-stages';
import { ReportStages } from './report-stage';

/** The stages the reports and the walk-through read: the regime registry's, as the incident's obligations owe them. */
@Module({
  imports: [RegimesModule],
  providers: [{ provide: ReportStages, useClass: RegistryReportStages }],
  exports: [ReportStages],
})
export class ReportStagesModule {}
