import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgreementsModule } from '../agreements/agreements.module';
import { DataControllersModule } from '../data-controllers/data-controllers.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { AssistanceEntry } from './assistance-entry.entity';
import { AssistanceController } from './assistance.controller';
import { AssistanceService } from './assistance.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([AssistanceEntry]),
    IncidentsModule,
    DataControllersModule,
    AgreementsModule,
  ],
  controllers: [AssistanceController],
  providers: [AssistanceService],
  exports: [AssistanceService],
})
export class AssistanceModule {}
