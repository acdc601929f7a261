import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ObligationsModule } from '../obligations/obligations.module';
import { IdempotencyRecord } from './idempotency-record.entity';
import { IncidentController } from './incident-controller.entity';
import { Incident } from './incident.entity';
import { IncidentsController } from './incidents.controller';
import { IncidentsService } from './incidents.service';
import { ReferenceCounter } from './reference-counter.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([Incident, IncidentController, ReferenceCounter, IdempotencyRecord]),
    ObligationsModule,
  ],
  controllers: [IncidentsController],
  providers: [IncidentsService],
  exports: [IncidentsService],
})
export class IncidentsModule {}
