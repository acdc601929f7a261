import { Module } from '@nestjs/common';
import { FormsModule } from '../../forms/forms.module';
import { IncidentsModule } from '../../incidents/incidents.module';
import { ReportStagesModule } from './report-stages.module';
import { ReportTemplatesService } from './report-templates.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [FormsModule, IncidentsModule, ReportStagesModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportTemplatesService],
})
export class ReportsModule {}
