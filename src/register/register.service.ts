import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../access/roles';
import { Clock } from '../clock/clock';
import { shownStatus } from '../obligations/obligation.util';
import { ObligationsService } from '../obligations/obligations.service';
import { isoOrNull } from '../common/iso.util';
import type { Page } from '../common/paging';
import type { Incident } from '../incidents/incident.entity';
import type { Obligation } from '../obligations/obligation.entity';
import { DecisionsInForce, decisionsInForce } from '../decisions/decisions-in-force.util';
import { Decision } from '../decisions/decision.entity';
import { FIELDS_BY_KEY } from '../forms/catalogue';
import { FormsService, type IncidentContent } from '../forms/forms.service';
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

/** A page of the JSON record unless `limit` says otherwise. */
const REGISTER_PAGE = 500;
/** Incidents read and written per step of the CSV: a few hundred rows held at a time, a handful of queries each. */
const CSV_BATCH = 200;

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

  /** One page of the record, as JSON. */
  async page(actor: Actor, query: RegisterQueryDto): Promise<Page<RegisterEntryDto>> {
    const em = this.dataSource.manager;
    const limit = query.limit ?? REGISTER_PAGE;
    const page = await this.incidents.findPage(em, actor, { ...query, limit, offset: query.offset });
    return { ...page, items: await this.entriesFor(em, actor, page.items, this.clock.now()) };
  }

  /**
   * The record as CSV, a piece at a time: the header, then the lines of each batch of incidents as soon as it is
   * computed, so memory holds one batch whatever the register's size. The whole register unless `limit` is given.
   * Read in one REPEATABLE READ transaction: the file is one snapshot, never half of a change made during the
   * download. Its connection is given back when the last piece is read or the reader goes away.
   */
  async *csv(actor: Actor, query: RegisterQueryDto): AsyncGenerator<string> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      const now = this.clock.now();
      yield `${csvLine(CSV_HEADER)}\r\n`;
      for await (const batch of this.incidents.batches(runner.manager, actor, query, CSV_BATCH)) {
        const entries = await this.entriesFor(runner.manager, actor, batch, now);
        yield entries
          .map((e) =>
            csvRows(e)
              .map((line) => `${line}\r\n`)
              .join(''),
          )
          .join('');
      }
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }

  /** The whole record of these entries as one CSV text (header and every line, each ended by CRLF). */
  toCsv(entries: RegisterEntryDto[]): string {
    const lines = [csvLine(CSV_HEADER), ...entries.flatMap(csvRows)];
    return `${lines.join('\r\n')}\r\n`;
  }

  /**
   * The record of these incidents (already filtered to what the actor may see), in their order, in a fixed number of
   * queries however many there are: their obligations in one, their content in five (FormsService.contents).
   */
  async entriesFor(
    em: EntityManager,
    actor: Actor,
    incidents: Incident[],
    now: Date,
  ): Promise<RegisterEntryDto[]> {
    if (incidents.length === 0) return [];
    const own = actor.role === 'controller' ? actor.controllerId! : undefined;
    const obligations = new Map<string, Obligation[]>();
    for (const o of await this.obligations.forIncidents(
      em,
      incidents.map((i) => i.id),
      own,
    )) {
      const list = obligations.get(o.incidentId);
      if (list) list.push(o);
      else obligations.set(o.incidentId, [o]);
    }
    const contents = await this.forms.contents(em, incidents);
    return contents.map((content) => entryOf(content, obligations.get(content.incident.id) ?? [], now));
  }
}

/** One incident's entry in the record: facts, effects, remedial action, every decision, and its obligations. */
function entryOf(content: IncidentContent, mine: Obligation[], now: Date): RegisterEntryDto {
  const incident = content.incident;
  const inForce = decisionsInForce(content.decisions);
  const text = (keys: string[]) =>
    Object.fromEntries(
      keys.map((k) => [k, renderAnswer(FIELDS_BY_KEY.get(k)!, content.answers.get(k), 'en', 'UTC', 'iso')]),
    );
  return {
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
    decisions: content.decisions.map((d) => registerDecision(d, inForce)),
    art34Exception: inForce.art34Exception ? registerDecision(inForce.art34Exception, inForce) : null,
    obligations: mine.map((o) => ({
      id: o.id,
      hop: o.hop,
      regime: o.regime,
      stage: o.stage,
      occurrence: o.occurrence,
      recipient: o.rule?.recipient ?? null,
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
  };
}

const CSV_HEADER = [
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
  'regime',
  'stage',
];

/** An entry's CSV lines: one per obligation (an incident without any still has its line), every cell spreadsheet-safe. */
function csvRows(e: RegisterEntryDto): string[] {
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
  return rows.map((o) =>
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
      o?.regime,
      o?.stage,
    ]),
  );
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
