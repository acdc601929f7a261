import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DecisionRecords } from './decision-records.service';
import { Decision } from './decision.entity';

/** The read side of the decisions, on its own so that the obligations module can depend on it. */
@Module({
  imports: [TypeOrmModule.forFeature([Decision])],
  providers: [DecisionRecords],
  exports: [DecisionRecords],
})
export class DecisionRecordsModule {}
