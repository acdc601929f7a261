import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiPagedArray, PageParams, sendPage } from '../common/paging';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '../access/access.decorator';
import type { Actor } from '../access/roles';
import { DecisionsService } from './decisions.service';
import { CreateDecisionDto, DecisionDto, DecisionListQueryDto } from './dto/decision.dto';

@ApiTags('decisions')
@Controller('incidents/:id/decisions')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Post()
  @Access('admin', 'dpo')
  @ApiOperation({
    summary:
      'Decide risk (no-risk closes the authority notice; high-risk opens the data-subject notice) or an Art. 34(3) exception; reasoning required',
  })
  @ApiCreatedResponse({ type: DecisionDto })
  decide(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: CreateDecisionDto,
  ): Promise<DecisionDto> {
    return this.decisions.decide(actor, id, dto);
  }

  @Get()
  @Access('admin', 'dpo', 'controller')
  @ApiOperation({ summary: 'Every decision, oldest first; `inForce` marks the latest of each kind' })
  @ApiPagedArray(DecisionDto, undefined, DecisionListQueryDto)
  async list(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @PageParams(DecisionListQueryDto) query: DecisionListQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DecisionDto[]> {
    return sendPage(req, res, await this.decisions.list(actor, id, query));
  }
}
