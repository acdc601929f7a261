import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgreementsModule } from '../agreements/agreements.module';
import { ObligationsModule } from '../obligations/obligations.module';
import { DataControllersModule } from '../data-controllers/data-controllers.module';
import { FormsModule } from '../forms/forms.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { LettersService } from '../letters/letters.service';
import { PdfPool } from '../letters/pdf-pool';
import { TemplatesService } from '../letters/templates.service';
import { ControllerInstruction } from './controller-instruction.entity';
import { FilingDocument } from './filing-document.entity';
import { Filing } from './filing.entity';
import { FilingsController } from './filings.controller';
import { FilingsService } from './filings.service';
import { NoticeDeliveryHandler } from './notice-delivery.handler';
import { NoticeEffects } from './notice-effects.service';
import { InstructionsService } from './instructions.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Filing, FilingDocument, ControllerInstruction]),
    IncidentsModule,
    ObligationsModule,
    FormsModule,
    DataControllersModule,
    AgreementsModule,
  ],
  controllers: [FilingsController],
  providers: [
    FilingsService,
    NoticeDeliveryHandler,
    NoticeEffects,
    InstructionsService,
    LettersService,
    PdfPool,
    TemplatesService,
  ],
  exports: [FilingsService, InstructionsService],
})
export class FilingsModule {}
