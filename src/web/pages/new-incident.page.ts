import { AgreementListQueryDto } from '../../agreements/dto/agreement-response.dto';
import { Controller, Get } from '@nestjs/common';
import { Access, CurrentActor } from '../../access/access.decorator';
import type { Actor } from '../../access/roles';
import { AgreementsService } from '../../agreements/agreements.service';
import { DataControllersService } from '../../data-controllers/data-controllers.service';
import { BREACH_TYPES } from '../../incidents/incident.entity';
import { Page, WebPages } from '../page';

/**
 * Log an incident: the few facts a responder under stress needs, sent to POST /incidents. The controllers to pick
 * from are read through the same service as GET /controllers, so the list is exactly what this actor may see.
 */
@WebPages()
@Controller('ui/incidents/new')
export class NewIncidentPage {
  constructor(
    private readonly controllers: DataControllersService,
    private readonly agreements: AgreementsService,
  ) {}

  @Get()
  @Access('admin', 'dpo', 'responder')
  async form(@CurrentActor() actor: Actor): Promise<Page> {
    const [controllers, agreements] = await Promise.all([
      this.controllers.all(actor),
      this.agreements.list(new AgreementListQueryDto()).then((page) => page.items),
    ]);
    const titles = new Map(agreements.map((a) => [a.id, a.title]));
    return {
      view: 'incident-new',
      title: 'incidentNew.title',
      model: {
        breachTypes: BREACH_TYPES,
        controllers: [...controllers]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((c) => ({ id: c.id, name: c.name, agreement: titles.get(c.agreementId) ?? c.agreementId })),
        agreements: agreements.map((a) => ({
          id: a.id,
          title: a.title,
          count: controllers.filter((c) => c.agreementId === a.id).length,
        })),
      },
    };
  }
}
