import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiPagedArray, sendPage } from '../common/paging';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '../access/access.decorator';
import type { Actor } from '../access/roles';
import { DeadlineDto, DeadlineQueryDto } from './dto/deadline.dto';
import { DeadlinesService } from './deadlines.service';

@ApiTags('deadlines')
@Controller('deadlines')
export class DeadlinesController {
  constructor(private readonly deadlines: DeadlinesService) {}

  @Get()
  @Access('admin', 'dpo', 'responder', 'controller')
  @ApiOperation({
    summary:
      'Every obligation open, overdue or awaiting its anchor, soonest first (by its conservative due while awaiting)',
  })
  @ApiPagedArray(DeadlineDto)
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: DeadlineQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DeadlineDto[]> {
    return sendPage(req, res, await this.deadlines.list(actor, query));
  }
}
