import { Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgreementsModule } from '../agreements/agreements.module';
import { ObligationsModule } from '../obligations/obligations.module';
import { DataControllersModule } from '../data-controllers/data-controllers.module';
import { FormsModule } from '../forms/forms.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { LettersService } from '../letters/letters.service';
import { TemplatesService } from '../letters/templates.service';
import { ControllerInstruction } from './controller-instruction.entity';
import { FilingAttempt } from './filing-attempt.entity';
import { FilingDocument } from './filing-document.entity';
import { Filing } from './filing.entity';
import { FilingsController } from './filings.controller';
import { DeliveryWorker } from './delivery.worker';
import { FilingsService } from './filings.service';
import { NoticeEffects } from './notice-effects.service';
import { InstructionsService } from './instructions.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Filing, FilingDocument, FilingAttempt, ControllerInstruction]),
    IncidentsModule,
    ObligationsModule,
    FormsModule,
    DataControllersModule,
    AgreementsModule,
  ],
  controllers: [FilingsController],
  providers: [
    FilingsService,
    DeliveryWorker,
    NoticeEffects,
    InstructionsService,
    LettersService,
    TemplatesService,
  ],
  exports: [FilingsService],
})
export class FilingsModule implements OnApplicationShutdown {
  constructor(private readonly worker: DeliveryWorker) {}

  async onApplicationShutdown(): Promise<void> {
    await this.worker.settled();
  }
}
