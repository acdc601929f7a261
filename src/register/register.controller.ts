import { Controller, Get, Headers, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Readable } from 'node:stream';
import { Access, CurrentActor } from '../access/access.decorator';
import type { Actor } from '../access/roles';
import { ApiPagedArray, sendPage } from '../common/paging';
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
      'The Art. 33(5) record of every breach, notified or not; CSV with ?format=csv or Accept: text/csv (streamed, the whole register unless limit is given)',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiPagedArray(RegisterEntryDto, 'JSON: newest discovery first')
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: RegisterQueryDto,
    @Headers('accept') accept: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RegisterEntryDto[] | StreamableFile> {
    const csv = query.format === 'csv' || (query.format === undefined && /\btext\/csv\b/.test(accept ?? ''));
    if (!csv) return sendPage(req, res, await this.register.page(actor, query));
    // The first piece is read before the answer starts: a database that fails at once gets the usual error
    // answer, not a 200 with an empty file.
    const pieces = this.register.csv(actor, query);
    const first = await pieces.next();
    // A failure part-way is logged and the connection cut (StreamableFile's own handling once headers are sent), so
    // the client sees a broken download, never a file that looks complete.
    return new StreamableFile(Readable.from(resume(first, pieces)), {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="breach-register.csv"',
    });
  }
}

async function* resume<T>(first: IteratorResult<T>, rest: AsyncGenerator<T>): AsyncGenerator<T> {
  if (first.done) return;
  yield first.value;
  yield* rest;
}
