import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgreementsModule } from '../agreements/agreements.module';
import { RegimesModule } from '../regimes/regimes.module';
import { DecisionRecordsModule } from '../decisions/decision-records.module';
import { AlertDeliveryHandler } from './alert-delivery.handler';
import { AlertScheduler } from './alert.scheduler';
import { AlertsService } from './alerts.service';
import { DeadlinesController } from './deadlines.controller';
import { DeadlinesService } from './deadlines.service';
import { ObligationAlert } from './obligation-alert.entity';
import { Obligation } from './obligation.entity';
import { ObligationsController, StagesController } from './obligations.controller';
import { ObligationsService } from './obligations.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Obligation, ObligationAlert]),
    AgreementsModule,
    DecisionRecordsModule,
    RegimesModule,
  ],
  controllers: [StagesController, ObligationsController, DeadlinesController],
  providers: [ObligationsService, DeadlinesService, AlertsService, AlertScheduler, AlertDeliveryHandler],
  exports: [ObligationsService, AlertsService, DeadlinesService],
})
export class ObligationsModule {}
