import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgreementVersion } from './agreement-version.entity';
import { Agreement } from './agreement.entity';
import { AgreementsController } from './agreements.controller';
import { AgreementsService } from './agreements.service';
import { AgreementDraftsModule } from './drafts/agreement-drafts.module';

@Module({
  imports: [TypeOrmModule.forFeature([Agreement, AgreementVersion]), AgreementDraftsModule],
  controllers: [AgreementsController],
  providers: [AgreementsService],
  exports: [AgreementsService],
})
export class AgreementsModule implements OnApplicationBootstrap {
  constructor(private readonly service: AgreementsService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.service.loadBuiltins();
  }
}
