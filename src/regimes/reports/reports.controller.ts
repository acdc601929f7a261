import { Controller, Get, Param, ParseEnumPipe, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, CurrentActor } from '../../access/access.decorator';
import type { Actor } from '../../access/roles';
import { RequestValidationException } from '../../common/validation';
import { StageReportDto } from './dto/stage-report.dto';
import { REPORT_FORMATS, type ReportFormat, ReportsService } from './reports.service';

const formatPipe = new ParseEnumPipe(Object.fromEntries(REPORT_FORMATS.map((f) => [f, f])), {
  exceptionFactory: () =>
    new RequestValidationException([
      { field: 'format', messages: [`must be one of ${REPORT_FORMATS.join(', ')}`] },
    ]),
});

@ApiTags('reports')
@Controller('incidents/:id/reports/:regime')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  // Declared before `:stage` alone, so that "early-warning.html" is a stage and a format, not a stage of that name.
  @Get(':stage.:format')
  @Access('admin', 'dpo')
  @ApiParam({ name: 'format', enum: REPORT_FORMATS })
  @ApiOperation({
    summary:
      "A stage's report rendered from the walk-through now: NIS2 as a letter (html, txt) in the recipient's language and English; DORA as the template's JSON",
  })
  async document(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('regime') regime: string,
    @Param('stage') stage: string,
    @Param('format', formatPipe) format: ReportFormat,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const doc = await this.reports.document(actor, id, regime, stage, format);
    res.setHeader('Content-Type', doc.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-SHA256', doc.sha256);
    return new StreamableFile(doc.content);
  }

  @Get(':stage')
  @Access('admin', 'dpo')
  @ApiOperation({
    summary: "A stage's report: each field it carries with its answer, what is to follow, what is missing",
  })
  @ApiOkResponse({ type: StageReportDto })
  report(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('regime') regime: string,
    @Param('stage') stage: string,
  ): Promise<StageReportDto> {
    return this.reports.report(actor, id, regime, stage);
  }
}
