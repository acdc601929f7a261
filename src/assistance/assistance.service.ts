import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, auditActor } from '../access/roles';
import { AgreementsService } from '../agreements/agreements.service';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { loadById } from '../common/by-id.util';
import { DataControllersService } from '../data-controllers/data-controllers.service';
import { IncidentController } from '../incidents/incident-controller.entity';
import { Incident } from '../incidents/incident.entity';
import { IncidentException, IncidentExceptionCode } from '../incidents/incidents.exception';
import { IncidentsService } from '../incidents/incidents.service';
import { csvLine } from '../register/csv.util';
import { TimelineService } from '../timeline/timeline.service';
import { AssistanceEntry } from './assistance-entry.entity';
import {
  AssistanceEntryDto,
  AssistanceQueryDto,
  AssistanceReportDto,
  CreateAssistanceDto,
} from './dto/assistance.dto';

@Injectable()
export class AssistanceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly incidents: IncidentsService,
    private readonly controllers: DataControllersService,
    private readonly agreements: AgreementsService,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
  ) {}

  async log(actor: Actor, incidentId: string, dto: CreateAssistanceDto): Promise<AssistanceEntryDto> {
    return this.dataSource.transaction(async (em) => {
      await this.incidents.findVisible(em, actor, incidentId, false);
      if (!(await em.existsBy(IncidentController, { incidentId, controllerId: dto.controllerId }))) {
        throw new IncidentException(
          IncidentExceptionCode.UNKNOWN_REFERENCE,
          'That controller is not affected by this incident',
          [{ field: 'controllerId', messages: ['not affected by this incident'] }],
        );
      }
      const now = this.clock.now();
      const row = await em.save(
        em.create(AssistanceEntry, {
          incidentId,
          controllerId: dto.controllerId,
          minutes: dto.minutes,
          description: dto.description,
          at: dto.at ? new Date(dto.at) : now,
          byKeyId: actor.keyId,
          byRole: actor.role,
        }),
      );
      const after = map(row);
      await this.timeline.append(em, {
        incidentId,
        at: now,
        kind: 'assistance',
        actor: auditActor(actor),
        controllerId: dto.controllerId,
        data: { ...after },
      });
      await this.audit.record(em, {
        actor: auditActor(actor),
        action: 'assistance.log',
        entityType: 'incident',
        entityId: incidentId,
        after,
      });
      return after;
    });
  }

  /** Time spent per incident for one controller, for billing by its agreement's terms. */
  async report(actor: Actor, controllerId: string, query: AssistanceQueryDto): Promise<AssistanceReportDto> {
    const controller = await this.controllers.findVisible(actor, controllerId);
    const agreement = await this.agreements.findCurrent(controller.agreementId);
    const qb = this.dataSource
      .getRepository(AssistanceEntry)
      .createQueryBuilder('a')
      .where('a.controller_id = :controllerId', { controllerId })
      .orderBy('a.at', 'ASC');
    if (query.from) qb.andWhere('a.at >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('a.at < :to', { to: new Date(query.to) });
    const rows = await qb.getMany();
    const incidentIds = [...new Set(rows.map((r) => r.incidentId))];
    const incidents = await loadById(this.dataSource.manager, Incident, incidentIds);
    return {
      controllerId,
      agreementId: controller.agreementId,
      billing: agreement?.breachTerms.assistance ?? 'none',
      billingClause: agreement?.clauses.assistance ?? null,
      from: query.from ?? null,
      to: query.to ?? null,
      totalMinutes: rows.reduce((n, r) => n + r.minutes, 0),
      incidents: incidentIds.map((incidentId) => {
        const entries = rows.filter((r) => r.incidentId === incidentId).map(map);
        return {
          incidentId,
          reference: incidents.get(incidentId)!.reference,
          minutes: entries.reduce((n, e) => n + e.minutes, 0),
          entries,
        };
      }),
    };
  }

  toCsv(report: AssistanceReportDto): string {
    const lines = [
      csvLine(['reference', 'incident_id', 'at', 'minutes', 'description', 'by_role', 'billing']),
    ];
    for (const i of report.incidents)
      for (const e of i.entries)
        lines.push(
          csvLine([i.reference, i.incidentId, e.at, e.minutes, e.description, e.byRole, report.billing]),
        );
    lines.push(csvLine(['total', '', '', report.totalMinutes, '', '', report.billing]));
    return `${lines.join('\r\n')}\r\n`;
  }
}

function map(row: AssistanceEntry): AssistanceEntryDto {
  return {
    id: row.id,
    incidentId: row.incidentId,
    minutes: row.minutes,
    description: row.description,
    at: row.at.toISOString(),
    byRole: row.byRole,
  };
}
