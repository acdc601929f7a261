import { Controller, Get, Query } from '@nestjs/common';
import { Access, CurrentActor } from '../../access/access.decorator';
import type { Actor } from '../../access/roles';
import { IncidentQueryDto } from '../../incidents/dto/incident.dto';
import { IncidentsService } from '../../incidents/incidents.service';
import { STATUSES } from '../../obligations/obligation.util';
import { Page, WebPages } from '../page';

/** The incidents, newest first, a page at a time: read through the same service and query as GET /incidents. */
@WebPages()
@Controller('ui/incidents')
export class IncidentsPage {
  constructor(private readonly incidents: IncidentsService) {}

  @Get()
  @Access('admin', 'dpo', 'responder')
  async list(@CurrentActor() actor: Actor, @Query() query: IncidentQueryDto): Promise<Page> {
    const page = await this.incidents.list(actor, query);
    const link = (offset: number) =>
      '/ui/incidents?' +
      new URLSearchParams({
        ...(query.status ? { status: query.status } : {}),
        ...(query.from ? { from: query.from } : {}),
        ...(query.to ? { to: query.to } : {}),
        limit: String(query.limit),
        offset: String(offset),
      }).toString();
    return {
      view: 'incidents',
      title: 'incidents.title',
      model: {
        items: page.items.map((i) => ({
          ...i,
          open: i.obligations.filter((o) => ['open', 'overdue', 'awaiting-anchor'].includes(o.status)).length,
          overdue: i.obligations.some((o) => o.status === 'overdue'),
        })),
        total: page.total,
        first: page.total === 0 ? 0 : page.offset + 1,
        last: page.offset + page.items.length,
        previous: page.offset > 0 ? link(Math.max(0, page.offset - page.limit)) : null,
        next: page.offset + page.limit < page.total ? link(page.offset + page.limit) : null,
        statuses: STATUSES,
        filter: { status: query.status ?? '', from: query.from ?? '', to: query.to ?? '' },
      },
    };
  }
}
