import { Controller, Get, Param, Req } from '@nestjs/common';
import { Access, CurrentActor } from '../../access/access.decorator';
import type { Actor } from '../../access/roles';
import { DataControllersService } from '../../data-controllers/data-controllers.service';
import { CATALOGUE, FIELDS_BY_KEY } from '../../forms/catalogue';
import { DATA_FLAGS } from '../../forms/form.util';
import { CB_VALUES, EI_VALUES, ENISA_MODEL } from '../../forms/enisa.util';
import { FormsService } from '../../forms/forms.service';
import type { FormViewDto } from '../../forms/dto/form.dto';
import { IncidentsService } from '../../incidents/incidents.service';
import { BREACH_TYPES } from '../../incidents/incident.entity';
import type { UiLocale } from '../i18n/ui-strings';
import { Page, WebPages } from '../page';
import type { WebRequest } from '../web-request';
import { incidentTabs } from './incident-view.util';

/** The ENISA calculator's choices and the model it computes with; shared by the walk-through and the decisions. */
export function enisaInputs(value: unknown): Record<string, unknown> {
  const v = (value ?? {}) as Record<string, unknown>;
  const opts = (values: readonly number[], current: unknown) =>
    values.map((x) => ({ value: x, selected: x === current }));
  return {
    dpc: opts([1, 2, 3, 4], v.dpc),
    ei: opts(EI_VALUES, v.ei),
    confidentiality: opts(CB_VALUES, v.confidentiality),
    integrity: opts(CB_VALUES, v.integrity),
    availability: opts(CB_VALUES, v.availability),
    malicious: v.malicious === true,
    maliciousKnown: typeof v.malicious === 'boolean',
    model: ENISA_MODEL,
  };
}

/**
 * The Art. 33(3) content in its five phases, read through the same service as GET /incidents/:id/form. Each phase is
 * one form that saves itself on every change (PUT /incidents/:id/form/:phase); completing a phase is the API's
 * POST …/complete, which names every field still missing.
 */
@WebPages()
@Controller('ui/incidents/:id/walk-through')
export class WalkThroughPage {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly forms: FormsService,
    private readonly controllers: DataControllersService,
  ) {}

  @Get()
  @Access('admin', 'dpo', 'responder')
  async show(@CurrentActor() actor: Actor, @Param('id') id: string, @Req() req: WebRequest): Promise<Page> {
    const incident = await this.incidents.get(actor, id);
    const view = await this.forms.view(actor, id);
    const names = new Map((await this.controllers.all(actor)).map((c) => [c.id, c.name]));
    const locale = req.webUser?.locale ?? 'en';
    return {
      view: 'walk-through',
      title: 'walk.title',
      titleVars: { reference: incident.reference },
      model: {
        incident,
        tabs: incidentTabs(id, actor.role, 'tabs.walkThrough'),
        next: view.next,
        phases: phasesOf(view, locale, actor.role),
        controllers: view.controllers.map((c) => ({
          ...c,
          name: names.get(c.controllerId) ?? c.controllerId,
          lacking: c.lacking.map((l) => ({ ...l, label: labelOf(l.field, locale) })),
        })),
        enisa: view.enisa,
      },
    };
  }
}

function labelOf(key: string, locale: UiLocale): string {
  const f = FIELDS_BY_KEY.get(key);
  return f ? (f.labels[locale] ?? f.labels.en) : key;
}

/** Each phase with its fields as the form shows them: the answer, the inputs its type needs, and whether it is missing. */
function phasesOf(view: FormViewDto, locale: UiLocale, role: Actor['role']) {
  return view.phases.map((p) => {
    const catalogue = CATALOGUE.phases.find((c) => c.key === p.key)!;
    const fields = view.fields
      .filter((f) => f.phase === p.key)
      .map((f) => {
        const field = FIELDS_BY_KEY.get(f.key)!;
        const value = f.value as Record<string, unknown> | undefined;
        return {
          ...f,
          label: f.labels[locale] ?? f.labels.en,
          allowsUnknown: field.allowsUnknown,
          allowsNotApplicable: field.allowsNotApplicable,
          missing: p.missing.includes(f.key),
          isKnown: f.state === 'known',
          isUnknown: f.state === 'unknown',
          isNotApplicable: f.state === 'not-applicable',
          is: { [f.type]: true },
          text: typeof f.value === 'string' ? f.value : '',
          lines:
            Array.isArray(f.value) && f.value.every((x) => typeof x === 'string') ? f.value.join('\n') : '',
          number: typeof f.value === 'number' ? f.value : '',
          jsonText: f.value === undefined ? '' : JSON.stringify(f.value),
          from: value && typeof value.from === 'string' ? value.from : null,
          to: value && typeof value.to === 'string' ? value.to : null,
          contact: f.type === 'contact' ? (value ?? {}) : {},
          breachTypes: BREACH_TYPES.map((t) => ({
            value: t,
            checked: Array.isArray(f.value) && (f.value as string[]).includes(t),
          })),
          options: (field.options ?? []).map((o) => ({ value: o, selected: f.value === o })),
          boolTrue: f.value === true,
          boolFalse: f.value === false,
          enisa: f.type === 'enisa' ? enisaInputs(f.value) : null,
          flags: DATA_FLAGS.join(', '),
        };
      });
    return {
      ...p,
      label: catalogue.labels[locale] ?? catalogue.labels.en,
      allowsToFollow: catalogue.allowsToFollow,
      fields,
      missingFields: fields.filter((f) => f.missing),
      // PUT and complete: a responder works the initial phase only (the API refuses the others).
      editable: role !== 'responder' || p.key === 'initial',
    };
  });
}
