import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/roles';
import { Clock } from '../clock/clock';
import { shownStatus } from '../obligations/obligation.util';
import { ObligationsService } from '../obligations/obligations.service';
import { isoOrNull } from '../common/iso.util';
import { DecisionsInForce, decisionsInForce } from '../decisions/decisions-in-force.util';
import { Decision } from '../decisions/decision.entity';
import { FIELDS_BY_KEY } from '../forms/catalogue';
import { FormsService } from '../forms/forms.service';
import { renderAnswer } from '../forms/render.util';
import { IncidentsService } from '../incidents/incidents.service';
import { csvLine } from './csv.util';
import { RegisterEntryDto, RegisterQueryDto } from './dto/register.dto';

const FACTS = [
  'whatHappened',
  'natureOfBreach',
  'dataSubjectCategories',
  'approxDataSubjects',
  'personalDataCategories',
  'approxRecords',
];
const EFFECTS = ['likelyConsequences', 'enisa'];
const REMEDIAL = ['measuresTaken', 'measuresProposed', 'mitigation', 'recurrencePrevention'];

/** The Art. 33(5) record: every incident, notified or not, with its facts, effects, remedial action and decisions. */
@Injectable()
export class RegisterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly incidents: IncidentsService,
    private readonly forms: FormsService,
    private readonly obligations: ObligationsService,
  ) {}

  async entries(actor: Actor, query: RegisterQueryDto): Promise<RegisterEntryDto[]> {
    const em = this.dataSource.manager;
    const now = this.clock.now();
    const page = await this.incidents.list(actor, { ...query, limit: query.limit, offset: query.offset });
    const ids = page.items.map((i) => i.id);
    if (ids.length === 0) return [];
    const own = actor.role === 'controller' ? actor.controllerId! : undefined;
    const obligations = await this.obligations.forIncidents(em, ids, own);
    const entries: RegisterEntryDto[] = [];
    for (const item of page.items) {
      const incident = await this.incidents.findVisible(em, actor, item.id, false);
      const content = await this.forms.content(em, incident);
      const inForce = decisionsInForce(content.decisions);
      const text = (keys: string[]) =>
        Object.fromEntries(
          keys.map((k) => [
            k,
            renderAnswer(FIELDS_BY_KEY.get(k)!, content.answers.get(k), 'en', 'UTC', 'iso'),
          ]),
        );
      const decisions = content.decisions.map((d) => registerDecision(d, inForce));
      const mine = obligations.filter((o) => o.incidentId === incident.id);
      entries.push({
        incidentId: incident.id,
        reference: incident.reference,
        title: incident.title,
        discoveredAt: incident.discoveredAt.toISOString(),
        processorAwareAt: incident.processorAwareAt.toISOString(),
        occurredFrom: isoOrNull(incident.occurredFrom),
        occurredTo: isoOrNull(incident.occurredTo),
        breachTypes: incident.breachTypes,
        notified: mine.some((o) => o.hop === 'controller-to-authority' && o.met),
        notAPersonalDataBreach: inForce.notAPersonalDataBreach
          ? registerDecision(inForce.notAPersonalDataBreach, inForce)
          : null,
        facts: text(FACTS),
        effects: text(EFFECTS),
        remedialAction: text(REMEDIAL),
        decisions,
        art34Exception: inForce.art34Exception ? registerDecision(inForce.art34Exception, inForce) : null,
        obligations: mine.map((o) => ({
          id: o.id,
          hop: o.hop,
          controllerId: o.controllerId,
          status: shownStatus(o.status, o.dueAt, now),
          basis: o.basis,
          anchorAt: isoOrNull(o.anchorAt),
          dueAt: isoOrNull(o.dueAt),
          conservativeDueAt: isoOrNull(o.conservativeDueAt),
          metAt: isoOrNull(o.metAt),
          reasonsForDelay: o.reasonsForDelay,
          notRequiredReasoning: o.notRequiredReasoning,
        })),
      });
    }
    return entries;
  }

  /** One line per obligation (an incident without any still has its line), every cell spreadsheet-safe. */
  toCsv(entries: RegisterEntryDto[]): string {
    const header = [
      'reference',
      'title',
      'discovered_at',
      'processor_aware_at',
      'breach_types',
      'nature_of_breach',
      'approx_data_subjects',
      'personal_data_categories',
      'likely_consequences',
      'measures_taken',
      'risk_decision',
      'risk_reasoning',
      'art34_exception',
      'art34_reasoning',
      'notified',
      'not_a_personal_data_breach',
      'decision_history',
      'controller_id',
      'hop',
      'status',
      'due_at',
      'conservative_due_at',
      'met_at',
      'reasons_for_delay',
      'not_required_reasoning',
    ];
    const lines = [csvLine(header)];
    for (const e of entries) {
      const risk = e.decisions.find((d) => d.kind === 'risk' && d.inForce);
      const incident = [
        e.reference,
        e.title,
        e.discoveredAt,
        e.processorAwareAt,
        e.breachTypes.join(' '),
        e.facts.natureOfBreach,
        e.facts.approxDataSubjects,
        e.facts.personalDataCategories,
        e.effects.likelyConsequences,
        e.remedialAction.measuresTaken,
        risk?.value,
        risk?.reasoning,
        e.art34Exception?.value,
        e.art34Exception?.reasoning,
        e.notified ? 'yes' : 'no',
        e.notAPersonalDataBreach
          ? `${e.notAPersonalDataBreach.value}: ${e.notAPersonalDataBreach.reasoning}`
          : 'no',
        e.decisions
          .map(
            (d) =>
              `${d.decidedAt} ${d.kind}=${d.value} by ${d.decidedBy}${d.inForce ? '' : ' (superseded)'}: ${d.reasoning}`,
          )
          .join(' | '),
      ];
      const rows = e.obligations.length ? e.obligations : [null];
      for (const o of rows) {
        lines.push(
          csvLine([
            ...incident,
            o?.controllerId,
            o?.hop,
            o?.status,
            o?.dueAt,
            o?.conservativeDueAt,
            o?.metAt,
            o?.reasonsForDelay,
            o?.notRequiredReasoning,
          ]),
        );
      }
    }
    return `${lines.join('\r\n')}\r\n`;
  }
}

/** A decision as the record keeps it: what, why, when, who (by name where known), and whether it is still in force. */
function registerDecision(d: Decision, inForce: DecisionsInForce<Decision>) {
  return {
    kind: d.kind,
    value: d.value,
    reasoning: d.reasoning,
    decidedAt: d.decidedAt.toISOString(),
    decidedByRole: d.decidedByRole,
    decidedBy: d.decidedByLabel ?? d.decidedByRole,
    inForce: !inForce.superseded.includes(d),
    publicCommunication: d.publicCommunication,
  };
}
