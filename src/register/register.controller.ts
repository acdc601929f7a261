import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, CurrentActor } from '../access/access.decorator';
import type { Actor } from '../access/roles';
import { RegisterEntryDto, RegisterQueryDto } from './dto/register.dto';
import { RegisterService } from './register.service';

@ApiTags('register')
@Controller('register')
export class RegisterController {
  constructor(private readonly register: RegisterService) {}

  @Get()
  @Access('admin', 'dpo', 'controller')
  @ApiOperation({
    summary:
      'The Art. 33(5) record of every breach, notified or not; CSV with ?format=csv or Accept: text/csv',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: [RegisterEntryDto] })
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: RegisterQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RegisterEntryDto[] | string> {
    const entries = await this.register.entries(actor, query);
    const csv = query.format === 'csv' || (query.format === undefined && /\btext\/csv\b/.test(accept ?? ''));
    if (!csv) return entries;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="breach-register.csv"');
    return this.register.toCsv(entries);
  }
}
