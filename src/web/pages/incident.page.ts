import { Controller, Get, Param } from '@nestjs/common';
import { Access, CurrentActor } from '../../access/access.decorator';
import type { Actor } from '../../access/roles';
import { Clock } from '../../clock/clock';
import { DataControllersService } from '../../data-controllers/data-controllers.service';
import { IncidentsService } from '../../incidents/incidents.service';
import { Page, WebPages } from '../page';
import { incidentTabs, may, obligationsByController, timelineLines } from './incident-view.util';

/**
 * One incident: its facts, every obligation per controller (due in the controller's zone and ours), the timeline,
 * failed deliveries, and the actions this role may take, each a form to the API route that does it.
 */
@WebPages()
@Controller('ui/incidents/:id')
export class IncidentPage {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly controllers: DataControllersService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Access('admin', 'dpo', 'responder')
  async show(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<Page> {
    const incident = await this.incidents.get(actor, id);
    const all = await this.controllers.all(actor);
    const byId = new Map(all.map((c) => [c.id, c]));
    const now = this.clock.now();
    const groups = obligationsByController(incident, byId, actor.role, now);
    return {
      view: 'incident',
      title: 'incident.title',
      titleVars: { reference: incident.reference, title: incident.title },
      model: {
        incident,
        groups,
        tabs: incidentTabs(incident.id, actor.role, 'tabs.incident'),
        timeline: [...(incident.timeline ?? [])].reverse().map((t) => ({ ...t, lines: timelineLines(t) })),
        failed: groups.flatMap((g) =>
          g.rows.flatMap((r) =>
            r.o.failedDeliveries.map((f) => ({
              ...f,
              controllerName: g.controller.name,
              hop: r.o.hop,
              regime: r.o.regime,
              stage: r.o.stage,
              occurrence: r.o.occurrence,
            })),
          ),
        ),
        canNote: may(actor.role, 'note'),
        canAddControllers: may(actor.role, 'addControllers'),
        addable: all
          .filter((c) => !incident.controllerIds.includes(c.id))
          .sort((a, b) => a.name.localeCompare(b.name)),
      },
    };
  }
}
