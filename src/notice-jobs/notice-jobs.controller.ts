import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '../access/access.decorator';
import type { Actor } from '../access/roles';
import { NoticeJobDto, NoticeJobSummaryDto, StartNoticeJobDto } from './dto/notice-job.dto';
import { NoticeJobsService } from './notice-jobs.service';

/** The processor's own work: a controller key files nothing on other controllers' behalf, nor sees their progress. */
@ApiTags('notice jobs')
@Controller('incidents/:id/notices')
export class NoticeJobsController {
  constructor(private readonly jobs: NoticeJobsService) {}

  @Post()
  @HttpCode(202)
  @Access('admin', 'dpo')
  @ApiOperation({
    summary:
      'Give the notice of a phase to every affected controller (or a chosen set), each by its own channel, in its ' +
      'own language, under its own agreement; runs in the background',
  })
  @ApiAcceptedResponse({ type: NoticeJobDto })
  start(
    @CurrentActor() actor: Actor,
    @Param('id') incidentId: string,
    @Body() dto: StartNoticeJobDto,
  ): Promise<NoticeJobDto> {
    return this.jobs.start(actor, incidentId, dto);
  }

  @Get()
  @Access('admin', 'dpo')
  @ApiOkResponse({ type: [NoticeJobSummaryDto] })
  list(@CurrentActor() actor: Actor, @Param('id') incidentId: string): Promise<NoticeJobSummaryDto[]> {
    return this.jobs.list(actor, incidentId);
  }

  @Get(':jobId')
  @Access('admin', 'dpo')
  @ApiOperation({
    summary: 'Progress: counts, percentDone, and per controller its status, filing, attempts, error',
  })
  @ApiOkResponse({ type: NoticeJobDto })
  get(
    @CurrentActor() actor: Actor,
    @Param('id') incidentId: string,
    @Param('jobId') jobId: string,
  ): Promise<NoticeJobDto> {
    return this.jobs.get(actor, incidentId, jobId);
  }
}
