import { AgreementListQueryDto } from '../../agreements/dto/agreement-response.dto';
import { DataControllerListQueryDto } from '../../data-controllers/dto/data-controller.dto';
import { Controller, Get, Param } from '@nestjs/common';
import { Access, CurrentActor } from '../../access/access.decorator';
import type { Actor } from '../../access/roles';
import { AgreementsService } from '../../agreements/agreements.service';
import { AuthoritiesService } from '../../authorities/authorities.service';
import { DataControllersService } from '../../data-controllers/data-controllers.service';
import type { DataControllerResponseDto } from '../../data-controllers/dto/data-controller.dto';
import { Page, WebPages } from '../page';

/** The controllers, for admins: listed and read through DataControllersService, made and changed by /controllers. */
@WebPages()
@Controller('ui/controllers')
export class ControllersPage {
  constructor(
    private readonly controllers: DataControllersService,
    private readonly agreements: AgreementsService,
    private readonly authorities: AuthoritiesService,
  ) {}

  @Get()
  @Access('admin')
  async list(@CurrentActor() actor: Actor): Promise<Page> {
    return {
      view: 'controllers',
      title: 'controllers.title',
      model: {
        controllers: (await this.controllers.list(actor, new DataControllerListQueryDto())).items,
        form: await this.form(null),
      },
    };
  }

  @Get(':id')
  @Access('admin')
  async edit(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<Page> {
    const controller = await this.controllers.get(actor, id);
    return {
      view: 'controller',
      title: 'controllers.edit.title',
      titleVars: { name: controller.name },
      model: { controller, form: await this.form(controller) },
    };
  }

  /** The form's values and choices: the agreements and authorities as the API knows them. */
  private async form(controller: DataControllerResponseDto | null): Promise<Record<string, unknown>> {
    const agreements = (await this.agreements.list(new AgreementListQueryDto())).items;
    const authorities = await this.authorities.list();
    return {
      values: controller ?? { country: 'NO', timeZone: 'Europe/Oslo', language: 'nb' },
      agreements: agreements.map((a) => ({
        value: a.id,
        label: a.title,
        selected: a.id === controller?.agreementId,
      })),
      authorities: authorities.map((a) => ({
        value: a.id,
        label: a.name,
        selected: a.id === (controller?.authorityId ?? 'no-datatilsynet'),
      })),
    };
  }
}
