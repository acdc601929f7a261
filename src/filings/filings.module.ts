import { Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
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
import { FilingsService } from './filings.service';
import { InstructionsService } from './instructions.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Filing, FilingDocument, FilingAttempt, ControllerInstruction]),
    IncidentsModule,
    ObligationsModule,
    FormsModule,
    DataControllersModule,
  ],
  controllers: [FilingsController],
  providers: [FilingsService, InstructionsService, LettersService, TemplatesService],
  exports: [FilingsService],
})
export class FilingsModule implements OnApplicationShutdown {
  constructor(private readonly filings: FilingsService) {}

  async onApplicationShutdown(): Promise<void> {
    await this.filings.settled();
  }
}
