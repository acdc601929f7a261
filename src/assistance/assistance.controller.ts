import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, CurrentActor } from '../access/access.decorator';
import type { Actor } from '../access/roles';
import { AssistanceService } from './assistance.service';
import {
  AssistanceEntryDto,
  AssistanceQueryDto,
  AssistanceReportDto,
  CreateAssistanceDto,
} from './dto/assistance.dto';

@ApiTags('assistance')
@Controller()
export class AssistanceController {
  constructor(private readonly assistance: AssistanceService) {}

  @Post('incidents/:id/assistance')
  @Access('admin', 'dpo')
  @ApiOperation({
    summary:
      'Log time spent assisting a controller (billed at hourly rates or documented cost by its agreement)',
  })
  @ApiCreatedResponse({ type: AssistanceEntryDto })
  log(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: CreateAssistanceDto,
  ): Promise<AssistanceEntryDto> {
    return this.assistance.log(actor, id, dto);
  }

  @Get('controllers/:id/assistance')
  @Access('admin', 'dpo', 'controller')
  @ApiOperation({ summary: 'Assistance per incident in a period; CSV with ?format=csv or Accept: text/csv' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: AssistanceReportDto })
  async report(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Query() query: AssistanceQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AssistanceReportDto | string> {
    const report = await this.assistance.report(actor, id, query);
    if (query.format !== 'csv' && !(query.format === undefined && /\btext\/csv\b/.test(accept ?? '')))
      return report;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    return this.assistance.toCsv(report);
  }
}
