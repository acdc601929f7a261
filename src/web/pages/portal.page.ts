import { DeadlineQueryDto } from '../../obligations/dto/deadline.dto';
import { FilingListQueryDto, InstructionListQueryDto } from '../../filings/dto/filing.dto';
import { Controller, Get, Param } from '@nestjs/common';
import { Access, CurrentActor } from '../../access/access.decorator';
import type { Actor } from '../../access/roles';
import { AssistanceService } from '../../assistance/assistance.service';
import { DataControllersService } from '../../data-controllers/data-controllers.service';
import { INSTRUCTION_SCOPES } from '../../filings/controller-instruction.entity';
import { FilingsService } from '../../filings/filings.service';
import { InstructionsService } from '../../filings/instructions.service';
import { IncidentsService } from '../../incidents/incidents.service';
import { DeadlinesService } from '../../obligations/deadlines.service';
import { Page, WebPages } from '../page';

/** Incidents shown on the portal's first page; older ones are in the register. */
const PORTAL_INCIDENTS = 50;

/**
 * The controller's portal: what we told it and what it owes, read through the services of the API with the controller's
 * own actor, so each of them keeps to that controller (another controller's incident is not found, as a missing one).
 */
@WebPages()
@Controller('ui/portal')
export class PortalPage {
  constructor(
    private readonly controllers: DataControllersService,
    private readonly incidents: IncidentsService,
    private readonly filings: FilingsService,
    private readonly instructions: InstructionsService,
    private readonly deadlines: DeadlinesService,
    private readonly assistance: AssistanceService,
  ) {}

  @Get()
  @Access('controller')
  async portal(@CurrentActor() actor: Actor): Promise<Page> {
    const controllerId = actor.controllerId!;
    const controller = await this.controllers.get(actor, controllerId);
    const page = await this.incidents.list(actor, { limit: PORTAL_INCIDENTS, offset: 0 });
    const references = new Map(page.items.map((i) => [i.id, i.reference]));
    const notices = (
      await this.filings.forIncidents(
        actor,
        page.items.map((i) => i.id),
      )
    ).map((f) => ({ ...f, reference: references.get(f.incidentId) ?? '' }));
    return {
      view: 'portal',
      title: 'portal.title',
      titleVars: { name: controller.name },
      model: {
        controller,
        incidents: page.items,
        total: page.total,
        notices,
        unacknowledged: notices.filter((n) => !n.acknowledgedAt).length,
        deadlines: (await this.deadlines.list(actor, Object.assign(new DeadlineQueryDto(), { limit: 100 })))
          .items,
        instructions: (await this.instructions.list(actor, controllerId, new InstructionListQueryDto()))
          .items,
        scopes: INSTRUCTION_SCOPES,
        assistance: await this.assistance.report(actor, controllerId, {}),
      },
    };
  }

  @Get('incidents/:id')
  @Access('controller')
  async incident(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<Page> {
    const incident = await this.incidents.get(actor, id);
    const controller = await this.controllers.get(actor, actor.controllerId!);
    return {
      view: 'portal-incident',
      title: 'portal.incident.title',
      titleVars: { reference: incident.reference },
      model: {
        incident,
        controller,
        controllerZone: controller.timeZone,
        obligations: incident.obligations.filter((o) => o.controllerId === controller.id),
        notices: (await this.filings.forIncident(actor, id, new FilingListQueryDto())).items,
      },
    };
  }
}
