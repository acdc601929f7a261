import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '../access/access.decorator';
import type { Actor } from '../access/roles';
import { RequestValidationException } from '../common/validation';
import {
  AddControllersDto,
  AddNoteDto,
  CreateIncidentDto,
  IncidentDto,
  IncidentPageDto,
  IncidentQueryDto,
  UpdateIncidentDto,
} from './dto/incident.dto';
import { IncidentsService } from './incidents.service';

@ApiTags('incidents')
@Controller('incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Post()
  @Access('admin', 'dpo', 'responder')
  @ApiOperation({ summary: 'Log a breach; every deadline it sets off comes back in `obligations`' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key gets the first response',
  })
  @ApiCreatedResponse({ type: IncidentDto })
  create(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateIncidentDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<IncidentDto> {
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,200}$/.test(idempotencyKey)) {
      throw new RequestValidationException([
        { field: 'Idempotency-Key', messages: ['must be 1 to 200 visible ASCII characters'] },
      ]);
    }
    return this.incidents.create(actor, dto, idempotencyKey);
  }

  @Get()
  @Access('admin', 'dpo', 'responder', 'controller')
  @ApiOkResponse({ type: IncidentPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: IncidentQueryDto): Promise<IncidentPageDto> {
    return this.incidents.list(actor, query);
  }

  @Get(':id')
  @Access('admin', 'dpo', 'responder', 'controller')
  @ApiOkResponse({ type: IncidentDto, description: 'With obligations and timeline' })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<IncidentDto> {
    return this.incidents.get(actor, id);
  }

  @Patch(':id')
  @Access('admin', 'dpo')
  @ApiOperation({
    summary: 'Correct facts; each change is a timeline entry. Moving processorAwareAt moves its deadlines',
  })
  @ApiOkResponse({ type: IncidentDto })
  update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: UpdateIncidentDto,
  ): Promise<IncidentDto> {
    return this.incidents.update(actor, id, dto);
  }

  @Post(':id/controllers')
  @HttpCode(200)
  @Access('admin', 'dpo')
  @ApiOperation({ summary: 'Controllers found affected later; their clocks still start at processorAwareAt' })
  @ApiOkResponse({ type: IncidentDto })
  addControllers(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: AddControllersDto,
  ): Promise<IncidentDto> {
    return this.incidents.addControllers(actor, id, dto);
  }

  @Post(':id/timeline')
  @Access('admin', 'dpo', 'responder')
  @ApiCreatedResponse({ type: IncidentDto })
  addNote(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: AddNoteDto,
  ): Promise<IncidentDto> {
    return this.incidents.addNote(actor, id, dto);
  }
}
