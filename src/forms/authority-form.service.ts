import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/roles';
import { Authority } from '../authorities/authority.entity';
import { inZone } from '../clock/deadline.util';
import { Obligation } from '../clock/obligation.entity';
import { IncidentsService } from '../incidents/incidents.service';
import { AUTHORITY_FORMS, FACT_LABELS, FOLLOW_UP_NOTE } from './authority-form';
import { FIELDS_BY_KEY, PHASES } from './catalogue';
import { AuthorityFormDto } from './dto/authority-form.dto';
import { FormException, FormExceptionCode } from './forms.exception';
import { FormsService } from './forms.service';
import { optionText, renderAnswer, TextLanguage, TO_FOLLOW } from './render.util';

/** The walk-through's content laid out as the controller's own authority asks for it, ready to paste. */
@Injectable()
export class AuthorityFormService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly incidents: IncidentsService,
    private readonly forms: FormsService,
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
    const content = await this.forms.content(em, incident);
    const controller = content.controllers.find((c) => c.id === controllerId);
    if (!controller) throw notAffected;
    const authority = await em.findOneByOrFail(Authority, { id: controller.authorityId });
    const layout = AUTHORITY_FORMS[authority.formStyle];
    const zone = authority.timeZone;
    const authorityObligation = await em.findOneBy(Obligation, {
      incidentId,
      controllerId,
      hop: 'controller-to-authority',
    });
    const risk = [...content.decisions].reverse().find((d) => d.kind === 'risk');
    const exception = [...content.decisions].reverse().find((d) => d.kind === 'art34-exception');
    const per = (f: (lang: TextLanguage) => string) =>
      Object.fromEntries(layout.languages.map((l) => [l, f(l)]));

    const fact = (key: string): { state: string; text: Record<string, string> } => {
      const instant = (d: Date | null | undefined) =>
        d
          ? { state: 'known', text: per(() => inZone(d, zone)) }
          : { state: 'unknown', text: per((l) => TO_FOLLOW[l]) };
      switch (key) {
        case 'fact:discoveredAt':
          return instant(incident.discoveredAt);
        case 'fact:processorAwareAt':
          return instant(incident.processorAwareAt);
        case 'fact:controllerAwareAt':
          return instant(authorityObligation?.anchorAt);
        case 'fact:risk':
          return risk
            ? { state: 'known', text: per((l) => `${optionText(risk.value, l)}: ${risk.reasoning}`) }
            : { state: 'unknown', text: per((l) => TO_FOLLOW[l]) };
        case 'fact:art34Exception':
          return exception
            ? { state: 'known', text: per(() => `${exception.value}: ${exception.reasoning}`) }
            : { state: 'not-applicable', text: per((l) => ({ en: 'None', nb: 'Ingen', de: 'Keine' })[l]) };
        default:
          throw new Error(`Unknown fact ${key}`);
      }
    };

    let somethingToFollow = PHASES.slice(0, 4).some((p) => !content.completed.has(p));
    const groups = layout.groups.map((g) => ({
      key: g.key,
      title: Object.fromEntries(layout.languages.map((l) => [l, g.title[l] ?? g.title.en ?? g.key])),
      fields: g.fields.map((key) => {
        if (key.startsWith('fact:')) {
          const f = fact(key);
          if (f.state === 'unknown') somethingToFollow = true;
          return { key, label: per((l) => FACT_LABELS[key][l]), ...f };
        }
        const field = FIELDS_BY_KEY.get(key)!;
        // The authority form is one controller's: it names no other affected controller.
        const answer =
          key === 'affectedControllers'
            ? { state: 'known' as const, value: [controller.name] }
            : content.answers.get(key);
        if (!answer || answer.state === 'unknown') somethingToFollow = true;
        return {
          key,
          label: per((l) => field.labels[l]),
          state: answer?.state ?? 'missing',
          text: per((l) => renderAnswer(field, answer, l, zone)),
        };
      }),
    }));
    return {
      authorityId: authority.id,
      authorityName: authority.name,
      controllerId,
      languages: layout.languages,
      timeZone: zone,
      firstReport: somethingToFollow,
      followUpNote: somethingToFollow ? per((l) => FOLLOW_UP_NOTE[l]) : null,
      groups,
    };
  }
}
