import { Controller, Get, Param } from '@nestjs/common';
import { Access, CurrentActor } from '../../access/access.decorator';
import type { Actor } from '../../access/roles';
import { ART34_EXCEPTIONS, BREACH_FINDINGS, RISK_VALUES } from '../../decisions/decision.entity';
import { DecisionsService } from '../../decisions/decisions.service';
import { decisionsInForce, dutiesOwed } from '../../decisions/decisions-in-force.util';
import { FormsService } from '../../forms/forms.service';
import { IncidentsService } from '../../incidents/incidents.service';
import { Page, WebPages } from '../page';
import { incidentTabs } from './incident-view.util';
import { enisaInputs } from './walk-through.page';

/**
 * Decisions on an incident: the ENISA calculator (its inputs are the walk-through's `enisa` answer, saved through
 * PUT /incidents/:id/form/impact), the risk decision with its reasoning, Art. 34(3) exceptions, "not a personal data
 * breach", each regime's classification (with its criteria and when it took effect), and the whole history with what each later decision reversed. Read through the services of the API.
 */
@WebPages()
@Controller('ui/incidents/:id/decisions')
export class DecisionsPage {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly decisions: DecisionsService,
    private readonly forms: FormsService,
  ) {}

  @Get()
  @Access('admin', 'dpo')
  async show(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<Page> {
    const incident = await this.incidents.get(actor, id);
    const [history, view, classifications] = await Promise.all([
      this.decisions.history(actor, id),
      this.forms.view(actor, id),
      this.decisions.classifications(),
    ]);
    const inForce = decisionsInForce(history);
    const enisaField = view.fields.find((f) => f.key === 'enisa');
    return {
      view: 'decisions',
      title: 'decisions.title',
      titleVars: { reference: incident.reference },
      model: {
        incident,
        tabs: incidentTabs(id, actor.role, 'tabs.decisions'),
        enisa: enisaInputs(enisaField?.state === 'known' ? enisaField.value : undefined),
        recorded: view.enisa,
        risk: inForce.risk,
        riskValues: RISK_VALUES,
        exceptions: ART34_EXCEPTIONS,
        findings: BREACH_FINDINGS,
        // An exception needs a high-risk decision in force to exempt from (the API refuses one otherwise).
        mayExempt: dutiesOwed(inForce).dataSubjects,
        notABreach: inForce.notAPersonalDataBreach,
        // Each regime's classification with the decision in force on it (the latest recorded), for NIS2 and DORA.
        classifications: classifications.map((c) => ({
          ...c,
          inForce: [...history].reverse().find((d) => d.kind === c.id) ?? null,
        })),
        history: [...history].reverse(),
      },
    };
  }
}
