import { DataControllerListQueryDto } from '../../data-controllers/dto/data-controller.dto';
import { Controller, Get, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Access, CurrentActor } from '../../access/access.decorator';
import type { Actor } from '../../access/roles';
import { DataControllersService } from '../../data-controllers/data-controllers.service';
import { RegisterQueryDto } from '../../register/dto/register.dto';
import { RegisterService } from '../../register/register.service';
import { STATUSES } from '../../obligations/obligation.util';
import { Page, WebPages } from '../page';

/**
 * GET /register's filters, with a page a person reads: 25 rows unless asked for more (the API's maximum stands). 25, not
 * the API's 500: each entry is read whole (facts, decisions) by RegisterService, and bench:ui keeps a page within 100 ms.
 */
export class RegisterPageQueryDto extends RegisterQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  override limit: number = 25;
}

/** The filters as a query string, for the download links and the next page: the API reads the same names. */
export function registerQueryString(
  query: RegisterQueryDto,
  extra: Record<string, string | number> = {},
): string {
  const params = new URLSearchParams();
  for (const key of ['status', 'controllerId', 'from', 'to'] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, String(value));
  return params.toString();
}

interface ObligationLike {
  hop: string | null;
  regime: string;
  stage: string;
  occurrence: number;
  status: string;
}

/**
 * An entry's obligations as the page lists them: by regime, stage and status, each with how many (a breach on a shared
 * platform owes GDPR's two hops to each of thousands of controllers; the page says so in one line each).
 */
export function obligationGroups<O extends ObligationLike>(
  obligations: readonly O[],
): (ObligationLike & { count: number; one: boolean })[] {
  const groups = new Map<string, ObligationLike & { count: number; one: boolean }>();
  for (const o of obligations) {
    const key = [o.regime, o.stage, o.occurrence, o.status].join('\u0000');
    const group = groups.get(key);
    if (group) {
      group.count += 1;
      group.one = false;
    } else {
      const { hop, regime, stage, occurrence, status } = o;
      groups.set(key, { hop, regime, stage, occurrence, status, count: 1, one: true });
    }
  }
  return [...groups.values()];
}

/** The Art. 33(5) register, filtered like GET /register and read through the same service. */
@WebPages()
@Controller('ui/register')
export class RegisterPage {
  constructor(
    private readonly register: RegisterService,
    private readonly controllers: DataControllersService,
  ) {}

  @Get()
  @Access('admin', 'dpo', 'controller')
  async list(@CurrentActor() actor: Actor, @Query() query: RegisterPageQueryDto): Promise<Page> {
    const { items: entries, total } = await this.register.page(actor, query);
    const filters = registerQueryString(query);
    const next = query.offset + query.limit < total ? query.offset + query.limit : null;
    return {
      view: 'register',
      title: 'register.title',
      model: {
        entries: entries.map((e) => ({
          ...e,
          obligationGroups: obligationGroups(e.obligations),
          openObligations: e.obligations.filter((o) => o.status === 'open' || o.status === 'awaiting-anchor')
            .length,
        })),
        query,
        statuses: STATUSES,
        controllers:
          actor.role === 'controller'
            ? []
            : (await this.controllers.list(actor, new DataControllerListQueryDto())).items,
        csvHref: `/register?${registerQueryString(query, { format: 'csv', limit: 5000 })}`,
        jsonHref: `/register?${registerQueryString(query, { format: 'json', limit: 5000 })}`,
        filtered: filters !== '',
        previousHref:
          query.offset > 0
            ? `/ui/register?${registerQueryString(query, { offset: Math.max(0, query.offset - query.limit), limit: query.limit })}`
            : null,
        nextHref:
          next !== null
            ? `/ui/register?${registerQueryString(query, { offset: next, limit: query.limit })}`
            : null,
      },
    };
  }
}
