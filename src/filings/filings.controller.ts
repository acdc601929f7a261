import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseEnumPipe,
  Post,
  Req,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiPagedArray, PageParams, sendPage } from '../common/paging';
import { Access, CurrentActor, Public } from '../access/access.decorator';
import type { Actor } from '../access/roles';
import { RequestValidationException } from '../common/validation';
import { BREACH_NOTICE_SCHEMA } from '../letters/notice-json.util';
import {
  CreateFilingDto,
  CreateInstructionDto,
  FilingDto,
  FilingListQueryDto,
  InstructionDto,
  InstructionListQueryDto,
  PreviewQueryDto,
} from './dto/filing.dto';
import { DOCUMENT_FORMATS, type DocumentFormat } from './filing-document.entity';
import { FilingsService } from './filings.service';
import { InstructionsService } from './instructions.service';

const formatPipe = new ParseEnumPipe(Object.fromEntries(DOCUMENT_FORMATS.map((f) => [f, f])), {
  exceptionFactory: () =>
    new RequestValidationException([
      { field: 'format', messages: [`must be one of ${DOCUMENT_FORMATS.join(', ')}`] },
    ]),
});

@ApiTags('filings')
@Controller()
export class FilingsController {
  constructor(
    private readonly filings: FilingsService,
    private readonly instructions: InstructionsService,
  ) {}

  @Post('incidents/:id/obligations/:obligationId/filings')
  @Access('admin', 'dpo', 'controller')
  @ApiOperation({
    summary:
      'Render the notice this obligation calls for from the current facts, store it as sent, and deliver it',
  })
  @ApiCreatedResponse({ type: FilingDto })
  file(
    @CurrentActor() actor: Actor,
    @Param('id') incidentId: string,
    @Param('obligationId') obligationId: string,
    @Body() dto: CreateFilingDto,
  ): Promise<FilingDto> {
    return this.filings.file(actor, incidentId, obligationId, dto);
  }

  @Get('incidents/:id/obligations/:obligationId/preview.:format')
  @Access('admin', 'dpo')
  @ApiParam({ name: 'format', enum: DOCUMENT_FORMATS })
  @ApiOperation({
    summary:
      'The notice this obligation calls for, rendered now from the current facts; nothing stored or sent',
  })
  async preview(
    @CurrentActor() actor: Actor,
    @Param('id') incidentId: string,
    @Param('obligationId') obligationId: string,
    @Param('format', formatPipe) format: DocumentFormat,
    @Query() query: PreviewQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const doc = await this.filings.preview(actor, incidentId, obligationId, query, format);
    res.setHeader('Content-Type', doc.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-SHA256', doc.sha256);
    return new StreamableFile(doc.content);
  }

  @Get('incidents/:id/filings')
  @Access('admin', 'dpo', 'controller')
  @ApiPagedArray(FilingDto, 'Oldest first', FilingListQueryDto)
  async forIncident(
    @CurrentActor() actor: Actor,
    @Param('id') incidentId: string,
    @PageParams(FilingListQueryDto) query: FilingListQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FilingDto[]> {
    return sendPage(req, res, await this.filings.forIncident(actor, incidentId, query));
  }

  @Get('filings/:id')
  @Access('admin', 'dpo', 'controller')
  @ApiOperation({ summary: 'Metadata, documents with their sha256, and the delivery log' })
  @ApiOkResponse({ type: FilingDto })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<FilingDto> {
    return this.filings.get(actor, id);
  }

  @Get('filings/:id/document.:format')
  @Access('admin', 'dpo', 'controller')
  @ApiParam({ name: 'format', enum: DOCUMENT_FORMATS })
  @ApiOperation({ summary: 'The document exactly as sent' })
  async document(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('format', formatPipe) format: DocumentFormat,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const doc = await this.filings.document(actor, id, format);
    res.setHeader('Content-Type', doc.contentType);
    res.setHeader('ETag', `"${doc.sha256}"`);
    res.setHeader('X-Content-SHA256', doc.sha256);
    return new StreamableFile(doc.content);
  }

  @Post('notices/:filingId/ack')
  @HttpCode(200)
  @Access('controller')
  @ApiOperation({
    summary: 'The controller acknowledges receipt; sets its awareness if nothing set it before',
  })
  @ApiOkResponse({ type: FilingDto })
  acknowledge(@CurrentActor() actor: Actor, @Param('filingId') id: string): Promise<FilingDto> {
    return this.filings.acknowledge(actor, id);
  }

  @Post('controllers/:id/instructions')
  @Access('admin', 'dpo', 'controller')
  @ApiOperation({
    summary:
      'Record a controller’s instruction to communicate on its behalf (Dotnet Internals 8.4, alfaview Clause 5)',
  })
  @ApiCreatedResponse({ type: InstructionDto })
  instruct(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: CreateInstructionDto,
  ): Promise<InstructionDto> {
    return this.instructions.record(actor, id, dto);
  }

  @Get('controllers/:id/instructions')
  @Access('admin', 'dpo', 'controller')
  @ApiPagedArray(InstructionDto, 'Oldest first', InstructionListQueryDto)
  async listInstructions(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @PageParams(InstructionListQueryDto) query: InstructionListQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<InstructionDto[]> {
    return sendPage(req, res, await this.instructions.list(actor, id, query));
  }

  @Get('schemas/breach-notice-v1.json')
  @Public()
  @ApiOperation({ summary: 'The published JSON Schema of the structured breach notice, version 1' })
  schema(): typeof BREACH_NOTICE_SCHEMA {
    return BREACH_NOTICE_SCHEMA;
  }
}
