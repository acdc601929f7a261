import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ObligationsModule } from '../obligations/obligations.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { DecisionRecordsModule } from './decision-records.module';
import { RegimesModule } from '../regimes/regimes.module';
import { Decision } from './decision.entity';
import { DecisionsController } from './decisions.controller';
import { DecisionsService } from './decisions.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Decision]),
    IncidentsModule,
    ObligationsModule,
    DecisionRecordsModule,
    RegimesModule,
  ],
  controllers: [DecisionsController],
  providers: [DecisionsService],
  exports: [DecisionsService],
})
export class DecisionsModule {}
