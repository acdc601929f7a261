import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '../access/access.decorator';
import type { Actor } from '../access/roles';
import { DecisionsService } from './decisions.service';
import { CreateDecisionDto, DecisionDto } from './dto/decision.dto';

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
  @ApiOkResponse({ type: [DecisionDto] })
  list(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<DecisionDto[]> {
    return this.decisions.list(actor, id);
  }
}
