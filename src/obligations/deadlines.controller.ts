import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @ApiOkResponse({ type: [DeadlineDto] })
  list(@CurrentActor() actor: Actor, @Query() query: DeadlineQueryDto): Promise<DeadlineDto[]> {
    return this.deadlines.list(actor, query);
  }
}
