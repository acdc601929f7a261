import { Body, Controller, Get, HttpCode, Param, ParseEnumPipe, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '../access/access.decorator';
import type { Actor } from '../access/roles';
import { RequestValidationException } from '../common/validation';
import { AuthorityFormService } from './authority-form.service';
import { PHASES, type Phase } from './catalogue';
import { AuthorityFormDto, AuthorityFormQueryDto } from './dto/authority-form.dto';
import { FormViewDto, SavePhaseDto } from './dto/form.dto';
import { FormsService } from './forms.service';

const phasePipe = new ParseEnumPipe(Object.fromEntries(PHASES.map((p) => [p, p])), {
  exceptionFactory: () =>
    new RequestValidationException([{ field: 'phase', messages: [`must be one of ${PHASES.join(', ')}`] }]),
});

@ApiTags('forms')
@Controller('incidents/:id')
export class FormsController {
  constructor(
    private readonly forms: FormsService,
    private readonly authorityForms: AuthorityFormService,
  ) {}

  @Get('form')
  @Access('admin', 'dpo', 'responder')
  @ApiOperation({
    summary: 'The Art. 33(3) walk-through: each phase, what it misses, what each agreement still needs',
  })
  @ApiOkResponse({ type: FormViewDto })
  view(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<FormViewDto> {
    return this.forms.view(actor, id);
  }

  @Put('form/:phase')
  @Access('admin', 'dpo', 'responder')
  @ApiParam({ name: 'phase', enum: PHASES })
  @ApiOperation({
    summary:
      'Save answers (partial saves allowed): known with a value, unknown (to follow), or not-applicable with a reason',
  })
  @ApiOkResponse({ type: FormViewDto })
  save(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('phase', phasePipe) phase: Phase,
    @Body() dto: SavePhaseDto,
  ): Promise<FormViewDto> {
    return this.forms.save(actor, id, phase, dto);
  }

  @Post('form/:phase/complete')
  @HttpCode(200)
  @Access('admin', 'dpo', 'responder')
  @ApiParam({ name: 'phase', enum: PHASES })
  @ApiOperation({ summary: 'Declare a phase complete; 422 listing every missing field while any is missing' })
  @ApiOkResponse({ type: FormViewDto })
  complete(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('phase', phasePipe) phase: Phase,
  ): Promise<FormViewDto> {
    return this.forms.complete(actor, id, phase);
  }

  @Get('authority-form')
  @Access('admin', 'dpo', 'controller')
  @ApiOperation({
    summary: "The content in the order and languages of the controller's own authority, ready to paste",
  })
  @ApiOkResponse({ type: AuthorityFormDto })
  authorityForm(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Query() query: AuthorityFormQueryDto,
  ): Promise<AuthorityFormDto> {
    const controllerId = query.controllerId ?? (actor.role === 'controller' ? actor.controllerId : null);
    if (!controllerId)
      throw new RequestValidationException([
        { field: 'controllerId', messages: ['name the controller whose authority it is'] },
      ]);
    return this.authorityForms.build(actor, id, controllerId);
  }
}
