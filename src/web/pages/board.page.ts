import { Controller, Get, Query } from '@nestjs/common';
import { Access, CurrentActor } from '../../access/access.decorator';
import type { Actor } from '../../access/roles';
import { Clock } from '../../clock/clock';
import { DeadlineDto, DeadlineQueryDto } from '../../obligations/dto/deadline.dto';
import { DeadlinesService } from '../../obligations/deadlines.service';
import { Page, WebPages } from '../page';

const HOUR_MS = 3_600_000;

/** One row of the board: the deadline as the API gives it, and what the eye needs at a glance. */
export interface BoardRow {
  deadline: DeadlineDto;
  overdue: boolean;
  /** How much of the window has gone, 0 to 100 (more when overdue, shown capped). */
  usedPercent: number;
  windowStartAt: string;
}

/** The on-call board: what is owed, soonest first, read through the same service as GET /deadlines. */
@WebPages()
@Controller()
export class BoardPage {
  constructor(
    private readonly deadlines: DeadlinesService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Access('admin', 'dpo', 'responder')
  async board(@CurrentActor() actor: Actor, @Query() query: DeadlineQueryDto): Promise<Page> {
    const now = this.clock.now();
    const rows = (await this.deadlines.list(actor, query)).items.map((d) => boardRow(d, now));
    return {
      view: 'board',
      title: 'board.title',
      model: {
        rows,
        status: query.status ?? '',
        failed: rows.flatMap((r) =>
          r.deadline.failedDeliveries.map((f) => ({ ...f, incidentReference: r.deadline.incidentReference })),
        ),
        now: now.toISOString(),
      },
    };
  }
}

export function boardRow(deadline: DeadlineDto, now: Date): BoardRow {
  const due = new Date(deadline.effectiveDueAt).getTime();
  // While the anchor is unknown the window shown is the conservative one, counted back from its due time.
  const start = deadline.anchorAt
    ? new Date(deadline.anchorAt).getTime()
    : due - (deadline.windowHours ?? 0) * HOUR_MS;
  const span = Math.max(due - start, 1);
  return {
    deadline,
    overdue: deadline.status === 'overdue' || (deadline.status === 'open' && due < now.getTime()),
    usedPercent: Math.max(0, Math.min(100, Math.round(((now.getTime() - start) / span) * 100))),
    windowStartAt: new Date(start).toISOString(),
  };
}
