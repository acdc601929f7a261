import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiPagedArray, PageParams, sendPage } from '../common/paging';
import { ApiCreatedResponse, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from './access.decorator';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyDto, ApiKeyListQueryDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';
import type { Actor } from './roles';

@ApiTags('keys')
@Controller('keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @Access('admin')
  @ApiCreatedResponse({ type: CreatedApiKeyDto, description: 'The key is in the response this once' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.keys.create(actor, dto);
  }

  @Get()
  @Access('admin')
  @ApiPagedArray(ApiKeyDto, 'Oldest first, revoked ones too', ApiKeyListQueryDto)
  async list(
    @PageParams(ApiKeyListQueryDto) query: ApiKeyListQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ApiKeyDto[]> {
    return sendPage(req, res, await this.keys.list(query));
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('admin')
  @ApiNoContentResponse({ description: 'Revoked; the next request with it gets 401' })
  revoke(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    return this.keys.revoke(actor, id);
  }
}
