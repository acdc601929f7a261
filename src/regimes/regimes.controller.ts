import { Body, Controller, Get, Param, ParseIntPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access, CurrentActor } from '../access/access.decorator';
import type { Actor } from '../access/roles';
import { ApiPagedArray, PageParams, sendPage } from '../common/paging';
import { RegimeListQueryDto, RegimeResponseDto } from './dto/regime.dto';
import { RegimesService } from './regimes.service';

@ApiTags('regimes')
@Controller('regimes')
export class RegimesController {
  constructor(private readonly service: RegimesService) {}

  @Get()
  @Access('admin', 'dpo', 'responder')
  @ApiOperation({ summary: 'Every notification regime, at its current version' })
  @ApiPagedArray(RegimeResponseDto, 'By id', RegimeListQueryDto)
  async list(
    @PageParams(RegimeListQueryDto) query: RegimeListQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RegimeResponseDto[]> {
    return sendPage(req, res, await this.service.list(query));
  }

  @Post()
  @Access('admin')
  @ApiOperation({
    summary:
      'Add a regime (version 1) or its next version; validated against the regime schema, each bad field named',
  })
  @ApiBody({
    schema: {
      type: 'object',
      additionalProperties: true,
      description:
        'A regime file, as src/regimes/regime.schema.json describes it (GET /regimes/nis2 shows one): id, version, ' +
        'title, source, appliesTo, classifications, jurisdictions, stages',
    },
  })
  @ApiCreatedResponse({ type: RegimeResponseDto })
  add(@CurrentActor() actor: Actor, @Body() body: unknown): Promise<RegimeResponseDto> {
    return this.service.add(actor, body);
  }

  @Get(':id')
  @Access('admin', 'dpo', 'responder')
  @ApiOkResponse({ type: RegimeResponseDto })
  get(@Param('id') id: string): Promise<RegimeResponseDto> {
    return this.service.get(id);
  }

  @Get(':id/versions/:version')
  @Access('admin', 'dpo', 'responder')
  @ApiOkResponse({ type: RegimeResponseDto })
  getVersion(
    @Param('id') id: string,
    @Param('version', new ParseIntPipe({ errorHttpStatusCode: 400 })) version: number,
  ): Promise<RegimeResponseDto> {
    return this.service.getVersion(id, version);
  }
}
