import { Module } from '@nestjs/common';
import { AgreementDraftsController } from './agreement-drafts.controller';
import { AgreementDraftsService } from './agreement-drafts.service';
import { TextExtractionDriver } from './text-extraction.driver';

/** Reads a new agreement: drafts its profile from the DPA's text. Holds no table; saving is POST /agreements. */
@Module({
  controllers: [AgreementDraftsController],
  providers: [AgreementDraftsService, TextExtractionDriver],
})
export class AgreementDraftsModule {}
