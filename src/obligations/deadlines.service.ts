import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/roles';
import { DataController } from '../data-controllers/data-controller.entity';
import { Incident } from '../incidents/incident.entity';
import { loadById } from '../common/by-id.util';
import { Clock } from '../clock/clock';
import { type Page, pageTotal } from '../common/paging';
import { DeadlineDto, DeadlineQueryDto, resolveBefore } from './dto/deadline.dto';
import { Obligation } from './obligation.entity';
import { obligationLabel } from './obligation.util';
import { ObligationsService } from './obligations.service';

/** The on-call view: what is still owed, soonest first. */
@Injectable()
export class DeadlinesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly obligations: ObligationsService,
  ) {}

  async list(actor: Actor, query: DeadlineQueryDto): Promise<Page<DeadlineDto>> {
    const page = { limit: query.limit, offset: query.offset };
    // A controller key asking for another controller's deadlines gets what an unknown id gets: nothing.
    if (actor.role === 'controller' && query.controllerId && query.controllerId !== actor.controllerId)
      return { items: [], total: 0, ...page };
    const now = this.clock.now();
    // Reads the partial index ix_obligation_pending_due (effective_due_at, status open or awaiting-anchor).
    const qb = this.dataSource
      .getRepository(Obligation)
      .createQueryBuilder('o')
      .where(`o.status IN ('open', 'awaiting-anchor')`)
      .andWhere('o.effective_due_at IS NOT NULL')
      .orderBy('o.effective_due_at', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(query.limit)
      .offset(query.offset);
    if (query.status === 'open') qb.andWhere(`o.status = 'open' AND o.effective_due_at >= :now`, { now });
    if (query.status === 'overdue') qb.andWhere(`o.status = 'open' AND o.effective_due_at < :now`, { now });
    if (query.status === 'awaiting-anchor') qb.andWhere(`o.status = 'awaiting-anchor'`);
    if (query.before)
      qb.andWhere('o.effective_due_at < :before', { before: resolveBefore(query.before, now) });
    if (actor.role === 'controller') qb.andWhere('o.controller_id = :own', { own: actor.controllerId });
    if (query.controllerId) qb.andWhere('o.controller_id = :filter', { filter: query.controllerId });
    const rows = await qb.getMany();
    const total = await pageTotal(qb, rows.length, page);
    if (rows.length === 0) return { items: [], total, ...page };

    const em = this.dataSource.manager;
    const incidents = await loadById(
      em,
      Incident,
      rows.map((r) => r.incidentId),
    );
    const controllers = await loadById(
      em,
      DataController,
      rows.flatMap((r) => (r.controllerId ? [r.controllerId] : [])),
    );
    const dtos = await this.obligations.toDtos(em, rows, actor);
    const items = dtos.map((dto, i) => ({
      ...dto,
      effectiveDueAt: rows[i].effectiveDueAt!.toISOString(),
      incidentReference: incidents.get(dto.incidentId)!.reference,
      incidentTitle: incidents.get(dto.incidentId)!.title,
      controllerName: dto.controllerId ? controllers.get(dto.controllerId)!.name : null,
      label: obligationLabel(rows[i]),
    }));
    return { items, total, ...page };
  }
}
