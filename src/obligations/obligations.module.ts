import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgreementsModule } from '../agreements/agreements.module';
import { AppConfig } from '../config/config';
import { DecisionRecordsModule } from '../decisions/decision-records.module';
import { ALERT_CHANNELS, alertChannels } from './alert-channels.driver';
import { AlertScheduler } from './alert.scheduler';
import { AlertsService } from './alerts.service';
import { DeadlinesController } from './deadlines.controller';
import { DeadlinesService } from './deadlines.service';
import { ObligationAlert } from './obligation-alert.entity';
import { Obligation } from './obligation.entity';
import { ObligationsController } from './obligations.controller';
import { ObligationsService } from './obligations.service';

@Module({
  imports: [TypeOrmModule.forFeature([Obligation, ObligationAlert]), AgreementsModule, DecisionRecordsModule],
  controllers: [ObligationsController, DeadlinesController],
  providers: [
    ObligationsService,
    DeadlinesService,
    AlertsService,
    AlertScheduler,
    { provide: ALERT_CHANNELS, useFactory: alertChannels, inject: [AppConfig] },
  ],
  exports: [ObligationsService, AlertsService],
})
export class ObligationsModule {}
