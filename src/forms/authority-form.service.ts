import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/roles';
import { Authority } from '../authorities/authority.entity';
import { Clock } from '../clock/clock';
import { isUuid } from '../common/uuid.util';
import { IncidentsService } from '../incidents/incidents.service';
import { FOLLOW_UP_NOTE } from './authority-form';
import { AuthorityFormDto } from './dto/authority-form.dto';
import { FormException, FormExceptionCode } from './forms.exception';
import { FormsService } from './forms.service';

/** The walk-through's content laid out as the controller's own authority asks for it, ready to paste. */
@Injectable()
export class AuthorityFormService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly incidents: IncidentsService,
    private readonly forms: FormsService,
    private readonly clock: Clock,
  ) {}

  /** @param controllerId whose authority; a controller key may only name its own. */
  async build(actor: Actor, incidentId: string, controllerId: string): Promise<AuthorityFormDto> {
    const em = this.dataSource.manager;
    const notAffected = new FormException(
      FormExceptionCode.CONTROLLER_NOT_AFFECTED,
      `Controller ${controllerId} is not affected by this incident`,
    );
    if (actor.role === 'controller' && controllerId !== actor.controllerId) throw notAffected;
    const incident = await this.incidents.findVisible(em, actor, incidentId, false);
    if (!isUuid(controllerId)) throw notAffected;
    const content = await this.forms.contentFor(em, incident, controllerId);
    const controller = content.controllers.find((c) => c.id === controllerId);
    if (!controller) throw notAffected;
    const authority = await em.findOneByOrFail(Authority, { id: controller.authorityId });
    const { layout } = await this.forms.authorityLayout(em, content, controller, authority, {
      zone: authority.timeZone,
      at: this.clock.now(),
    });
    const { languages, source, groups, somethingToFollow } = layout;
    return {
      authorityId: authority.id,
      authorityName: authority.name,
      controllerId,
      languages,
      timeZone: authority.timeZone,
      firstReport: somethingToFollow,
      followUpNote: somethingToFollow
        ? Object.fromEntries(languages.map((l) => [l, FOLLOW_UP_NOTE[l]]))
        : null,
      source,
      groups,
    };
  }
}
