import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from './access.decorator';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';
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
  @ApiOkResponse({ type: [ApiKeyDto] })
  list(): Promise<ApiKeyDto[]> {
    return this.keys.list();
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('admin')
  @ApiNoContentResponse({ description: 'Revoked; the next request with it gets 401' })
  revoke(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    return this.keys.revoke(actor, id);
  }
}
