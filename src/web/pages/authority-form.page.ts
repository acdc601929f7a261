import { Controller, Get, Param, Query } from '@nestjs/common';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { Access, CurrentActor } from '../../access/access.decorator';
import type { Actor } from '../../access/roles';
import { DataControllersService } from '../../data-controllers/data-controllers.service';
import { AuthorityFormService } from '../../forms/authority-form.service';
import { TEXT_LANGUAGES, type TextLanguage } from '../../forms/render.util';
import { IncidentsService } from '../../incidents/incidents.service';
import { Page, WebPages } from '../page';
import { incidentTabs } from './incident-view.util';

export class AuthorityFormPageQuery {
  @IsOptional() @IsUUID() controllerId?: string;
  @IsOptional() @IsIn(TEXT_LANGUAGES) language?: TextLanguage;
}

/**
 * The content laid out in the order and language of the controller's own authority (GET …/authority-form), a copy
 * button beside each field, for pasting into the authority's portal.
 */
@WebPages()
@Controller('ui/incidents/:id/authority-form')
export class AuthorityFormPage {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly authorityForms: AuthorityFormService,
    private readonly controllers: DataControllersService,
  ) {}

  @Get()
  @Access('admin', 'dpo')
  async show(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Query() query: AuthorityFormPageQuery,
  ): Promise<Page> {
    const incident = await this.incidents.get(actor, id);
    const names = new Map((await this.controllers.all(actor)).map((c) => [c.id, c.name]));
    const controllerId = query.controllerId ?? incident.controllerIds[0];
    const form = controllerId ? await this.authorityForms.build(actor, id, controllerId) : null;
    const language =
      form && query.language && form.languages.includes(query.language)
        ? query.language
        : (form?.languages[0] ?? 'en');
    return {
      view: 'authority-form',
      title: 'authorityForm.title',
      titleVars: { reference: incident.reference },
      model: {
        incident,
        tabs: incidentTabs(id, actor.role, 'tabs.authorityForm'),
        controllers: incident.controllerIds
          .map((c) => ({ id: c, name: names.get(c) ?? c, selected: c === controllerId }))
          .sort((a, b) => a.name.localeCompare(b.name)),
        form: form && {
          ...form,
          languages: form.languages.map((l) => ({ value: l, selected: l === language })),
          followUpNote: form.followUpNote?.[language] ?? null,
          groups: form.groups.map((g, gi) => ({
            key: g.key,
            title: g.title[language] ?? g.title.en,
            number: gi + 1,
            fields: g.fields.map((f) => ({
              key: f.key,
              id: `af-${g.key}-${f.key}`,
              label: f.label[language] ?? f.label.en,
              text: f.text[language] ?? f.text.en ?? '',
              state: f.state,
              missing: f.state === 'missing',
            })),
          })),
        },
        language,
      },
    };
  }
}
