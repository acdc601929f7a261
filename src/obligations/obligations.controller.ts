import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access, CurrentActor } from '../access/access.decorator';
import type { Actor } from '../access/roles';
import { ApiPagedArray, sendPage } from '../common/paging';
import {
  IncidentObligationQueryDto,
  MarkMetDto,
  MarkNotRequiredDto,
  ObligationDto,
  OpenStageDto,
  SetAnchorDto,
} from './dto/obligation.dto';
import { ObligationsService } from './obligations.service';

/** The incident's list of obligations: read a page at a time, or added to by opening a stage by hand. */
@ApiTags('obligations')
@Controller('incidents/:incidentId/obligations')
export class StagesController {
  constructor(private readonly obligations: ObligationsService) {}

  @Get()
  @Access('admin', 'dpo', 'responder', 'controller')
  @ApiOperation({
    summary:
      "The incident's obligations a page at a time, soonest effective due time first (a controller key: its own)",
  })
  @ApiPagedArray(ObligationDto)
  async list(
    @CurrentActor() actor: Actor,
    @Param('incidentId') incidentId: string,
    @Query() query: IncidentObligationQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ObligationDto[]> {
    return sendPage(req, res, await this.obligations.pageOfIncident(actor, incidentId, query));
  }

  @Post()
  @Access('admin', 'dpo')
  @ApiOperation({
    summary:
      "Open a regime's stage by hand: one the recipient asks for (NIS2's intermediate report), or a repeatable one again (DORA's intermediate report), due at the date given",
  })
  @ApiCreatedResponse({ type: ObligationDto })
  open(
    @CurrentActor() actor: Actor,
    @Param('incidentId') incidentId: string,
    @Body() dto: OpenStageDto,
  ): Promise<ObligationDto> {
    return this.obligations.openStage(actor, incidentId, dto);
  }
}

@ApiTags('obligations')
@Controller('incidents/:incidentId/obligations/:obligationId')
export class ObligationsController {
  constructor(private readonly obligations: ObligationsService) {}

  @Get()
  @Access('admin', 'dpo', 'responder', 'controller')
  @ApiOkResponse({ type: ObligationDto })
  get(
    @CurrentActor() actor: Actor,
    @Param('incidentId') incidentId: string,
    @Param('obligationId') id: string,
  ): Promise<ObligationDto> {
    return this.obligations.get(actor, incidentId, id);
  }

  @Post('anchor')
  @HttpCode(200)
  @Access('admin', 'dpo', 'controller')
  @ApiOperation({ summary: "Set the controller's awareness by hand, with a reason: its 72 h run from here" })
  @ApiOkResponse({ type: ObligationDto })
  anchor(
    @CurrentActor() actor: Actor,
    @Param('incidentId') incidentId: string,
    @Param('obligationId') id: string,
    @Body() dto: SetAnchorDto,
  ): Promise<ObligationDto> {
    return this.obligations.setAnchor(actor, incidentId, id, dto);
  }

  @Post('met')
  @HttpCode(200)
  @Access('admin', 'dpo', 'controller')
  @ApiOperation({ summary: 'The notice was given. After the due time only with reasonsForDelay' })
  @ApiOkResponse({ type: ObligationDto })
  met(
    @CurrentActor() actor: Actor,
    @Param('incidentId') incidentId: string,
    @Param('obligationId') id: string,
    @Body() dto: MarkMetDto,
  ): Promise<ObligationDto> {
    return this.obligations.markMet(actor, incidentId, id, dto);
  }

  @Post('not-required')
  @HttpCode(200)
  @Access('admin', 'dpo')
  @ApiOperation({ summary: 'This notice is not owed: the reasoning and who decided are kept' })
  @ApiOkResponse({ type: ObligationDto })
  notRequired(
    @CurrentActor() actor: Actor,
    @Param('incidentId') incidentId: string,
    @Param('obligationId') id: string,
    @Body() dto: MarkNotRequiredDto,
  ): Promise<ObligationDto> {
    return this.obligations.markNotRequired(actor, incidentId, id, dto);
  }
}
