import { Body, Controller, Get, Param, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '../access/access.decorator';
import type { Actor } from '../access/roles';
import type { Request, Response } from 'express';
import { ApiPagedArray, PageParams, sendPage } from '../common/paging';
import { DataControllersService } from './data-controllers.service';
import {
  CreateDataControllerDto,
  DataControllerListQueryDto,
  DataControllerResponseDto,
  UpdateDataControllerDto,
} from './dto/data-controller.dto';

/** The controllers (customers) on whose behalf we process personal data. */
@ApiTags('controllers')
@Controller('controllers')
export class DataControllersController {
  constructor(private readonly service: DataControllersService) {}

  @Post()
  @Access('admin')
  @ApiCreatedResponse({ type: DataControllerResponseDto })
  create(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateDataControllerDto,
  ): Promise<DataControllerResponseDto> {
    return this.service.create(actor, dto);
  }

  @Get()
  @Access('admin', 'dpo', 'responder', 'controller')
  @ApiPagedArray(
    DataControllerResponseDto,
    'By name; a controller key gets its own controller only',
    DataControllerListQueryDto,
  )
  async list(
    @CurrentActor() actor: Actor,
    @PageParams(DataControllerListQueryDto) query: DataControllerListQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DataControllerResponseDto[]> {
    return sendPage(req, res, await this.service.list(actor, query));
  }

  @Get(':id')
  @Access('admin', 'dpo', 'responder', 'controller')
  @ApiOkResponse({ type: DataControllerResponseDto })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<DataControllerResponseDto> {
    return this.service.get(actor, id);
  }

  @Post(':id/webhook-secret')
  @Access('admin')
  @ApiOperation({ summary: 'A new secret for signing webhook deliveries (HMAC-SHA256); shown this once' })
  @ApiCreatedResponse({
    schema: { type: 'object', properties: { controllerId: { type: 'string' }, secret: { type: 'string' } } },
  })
  rotateWebhookSecret(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
  ): Promise<{ controllerId: string; secret: string }> {
    return this.service.rotateWebhookSecret(actor, id);
  }

  @Patch(':id')
  @Access('admin')
  @ApiOkResponse({ type: DataControllerResponseDto })
  update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: UpdateDataControllerDto,
  ): Promise<DataControllerResponseDto> {
    return this.service.update(actor, id, dto);
  }
}
