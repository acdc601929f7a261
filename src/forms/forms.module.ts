import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgreementsModule } from '../agreements/agreements.module';
import { ObligationsModule } from '../obligations/obligations.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { ReportStagesModule } from '../regimes/reports/report-stages.module';
import { AuthorityFormService } from './authority-form.service';
import { FormAnswer } from './form-answer.entity';
import { FormPhase } from './form-phase.entity';
import { FormsController } from './forms.controller';
import { FormsService } from './forms.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([FormAnswer, FormPhase]),
    IncidentsModule,
    ObligationsModule,
    AgreementsModule,
    ReportStagesModule,
  ],
  controllers: [FormsController],
  providers: [FormsService, AuthorityFormService],
  exports: [FormsService, AuthorityFormService],
})
export class FormsModule {}
