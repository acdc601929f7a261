import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FilingsModule } from '../filings/filings.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { ObligationsModule } from '../obligations/obligations.module';
import { NoticeJobItem } from './notice-job-item.entity';
import { NoticeJob } from './notice-job.entity';
import { NoticeJobHandler } from './notice-job.handler';
import { NoticeJobsController } from './notice-jobs.controller';
import { NoticeJobsService } from './notice-jobs.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([NoticeJob, NoticeJobItem]),
    IncidentsModule,
    ObligationsModule,
    FilingsModule,
  ],
  controllers: [NoticeJobsController],
  providers: [NoticeJobsService, NoticeJobHandler],
  exports: [NoticeJobsService],
})
export class NoticeJobsModule {}
