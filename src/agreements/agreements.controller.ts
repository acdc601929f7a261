import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiPagedArray, PageParams, sendPage } from '../common/paging';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '../access/access.decorator';
import type { Actor } from '../access/roles';
import { AgreementsService } from './agreements.service';
import { AgreementProfileDto, UpdateAgreementDto } from './dto/agreement-profile.dto';
import { AgreementLintDto, AgreementListQueryDto, AgreementResponseDto } from './dto/agreement-response.dto';

@ApiTags('agreements')
@Controller('agreements')
export class AgreementsController {
  constructor(private readonly service: AgreementsService) {}

  @Get()
  @Access('admin', 'dpo', 'responder')
  @ApiOperation({ summary: 'Every agreement profile, at its current version' })
  @ApiPagedArray(AgreementResponseDto, 'By id', AgreementListQueryDto)
  async list(
    @PageParams(AgreementListQueryDto) query: AgreementListQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AgreementResponseDto[]> {
    return sendPage(req, res, await this.service.list(query));
  }

  @Post()
  @Access('admin')
  @ApiOperation({ summary: 'Add an agreement profile (version 1)' })
  @ApiCreatedResponse({ type: AgreementResponseDto })
  create(@CurrentActor() actor: Actor, @Body() dto: AgreementProfileDto): Promise<AgreementResponseDto> {
    return this.service.create(actor, dto);
  }

  @Get(':id')
  @Access('admin', 'dpo', 'responder')
  @ApiOkResponse({ type: AgreementResponseDto })
  get(@Param('id') id: string): Promise<AgreementResponseDto> {
    return this.service.get(id);
  }

  @Put(':id')
  @Access('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace the terms: makes a new version; earlier versions stay readable' })
  @ApiOkResponse({ type: AgreementResponseDto })
  update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: UpdateAgreementDto,
  ): Promise<AgreementResponseDto> {
    return this.service.update(actor, id, dto);
  }

  @Get(':id/versions/:version')
  @Access('admin', 'dpo', 'responder')
  @ApiOkResponse({ type: AgreementResponseDto })
  getVersion(
    @Param('id') id: string,
    @Param('version', new ParseIntPipe({ errorHttpStatusCode: 400 })) version: number,
  ): Promise<AgreementResponseDto> {
    return this.service.getVersion(id, version);
  }

  @Get(':id/lint')
  @Access('admin', 'dpo', 'responder')
  @ApiOperation({ summary: 'Warnings about the agreement itself, before any breach happens' })
  @ApiOkResponse({ type: AgreementLintDto })
  lint(@Param('id') id: string): Promise<AgreementLintDto> {
    return this.service.lint(id);
  }
}
