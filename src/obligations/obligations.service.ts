import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { type Actor, type AuditActor, auditActor } from '../access/roles';
import { AgreementsService } from '../agreements/agreements.service';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { type Page, pageTotal } from '../common/paging';
import { isUuid } from '../common/uuid.util';
import { ComposedStatement, jsonRows, prepared, runPrepared } from '../database/composed-statement.util';
import { AppConfig } from '../config/config';
import { DataController } from '../data-controllers/data-controller.entity';
import { DecisionRecords } from '../decisions/decision-records.service';
import { Incident } from '../incidents/incident.entity';
import { NOTICE_OUTBOX_KIND, OutboxService } from '../outbox/outbox.service';
import { NewTimelineEntry, TimelineService } from '../timeline/timeline.service';
import { AlertStage, isPastDue } from './deadline.util';
import {
  IncidentObligationQueryDto,
  mapObligation,
  MarkMetDto,
  MarkNotRequiredDto,
  ObligationDto,
  OpenStageDto,
  SetAnchorDto,
} from './dto/obligation.dto';
import { ObligationAlert } from './obligation-alert.entity';
import { type AnchorInput, Obligation, ObligationEvent } from './obligation.entity';
import {
  conservativeAuthorityDueAt,
  type GdprObligation,
  type Hop,
  isGdprHop,
  ObligationStatus,
  planControllerObligations,
  STATUSES,
  StoredStatus,
} from './obligation.util';
import { ObligationException, ObligationExceptionCode } from './obligations.exception';
import {
  closureReasoning,
  decisionAnchors,
  inForceOf,
  type Requirement,
  requirementsOf,
  type RuledDecision,
  type StageRequirement,
  stageRequirementOf,
} from './requirements.util';
import type { AnchorEvent, RegimeDefinition } from '../regimes/regime-definition';
import {
  anchoredOnSubmissionOf,
  type RegimeScope,
  regimeScopes,
  runsFrom,
  stageRule,
  stagesSetOff,
} from '../regimes/regime-plan.util';
import { windowHours } from '../regimes/regime-due.util';
import { type CurrentRegime, RegimesService } from '../regimes/regimes.service';

/** One transition made, with the obligation it was made on. */
export interface ObligationChange {
  obligation: Obligation;
  event: ObligationEvent;
}

/**
 * The one writer of `obligation` rows. Every change that can move a deadline goes through here: an incident logged or
 * corrected, a controller added, a decision made or reversed, a notice delivered or acknowledged, an anchor set by
 * hand, an obligation met or closed. Each loads the rows, calls the entity's guarded transition, saves, and appends the
 * timeline entry the transition implies, in the caller's transaction. What the decisions in force require is
 * worked out by `requirementsOf` and applied by `reconcile` after every change that can alter its answer.
 */
@Injectable()
export class ObligationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly timeline: TimelineService,
    private readonly agreements: AgreementsService,
    private readonly decisions: DecisionRecords,
    private readonly outbox: OutboxService,
    private readonly regimes: RegimesService,
  ) {}

  // ─── Changes made by other modules, inside their transactions ──────────────────────────────────────────────────

  /**
   * The obligations a breach sets off for controllers newly affected, by each one's current agreement version (copied
   * in), then brought in line with the decisions already in force (a controller added after a no-risk decision gets
   * its authority obligation closed, citing it; one added under high risk gets its data-subject obligation).
   */
  async affect(
    em: EntityManager,
    incident: Incident,
    controllers: DataController[],
    actor: AuditActor,
    now: Date,
  ): Promise<Obligation[]> {
    if (controllers.length === 0) return [];
    const rows = await this.plan(em, incident, controllers, false);
    await runPrepared(em, prepared(insertSql('$1::json'), [rowsJson(rows)]));
    await this.reconcile(em, incident, actor, now);
    return rows;
  }

  /**
   * The obligations a breach sets off for these controllers, by each one's current agreement version (copied in),
   * made in memory with their ids and not yet written: nothing is locked. A new incident has no decisions yet, so
   * nothing needs reconciling and the intake writes them as they are (`insertPart`), in its one statement;
   * controllers added later go through `affect`, which reconciles.
   */
  async plan(
    em: EntityManager,
    incident: Incident,
    controllers: DataController[],
    ours = true,
  ): Promise<Obligation[]> {
    const regimes = await this.regimes.current(em);
    const gdpr = regimes.get('gdpr')!;
    const hops = await this.planHops(em, incident, controllers, gdpr);
    const scopes = regimeScopes({
      regimes,
      settings: this.config.regimeSettings,
      controllers,
      ours,
      discoveredAt: incident.discoveredAt,
    });
    return [...hops, ...scopes.flatMap((scope) => this.planStages(incident, scope))];
  }

  /**
   * GDPR's hops for each controller, by its current agreement version (copied in), their windows and sources from the
   * gdpr regime: the processor's from the agreement, the authority's 72 h from the regime's data.
   */
  private async planHops(
    em: EntityManager,
    incident: Incident,
    controllers: DataController[],
    gdpr: CurrentRegime,
  ): Promise<Obligation[]> {
    if (controllers.length === 0) return [];
    const versions = await this.agreements.currentVersions(
      em,
      controllers.map((c) => c.agreementId),
    );
    const authorityStage = gdpr.definition.stages.find((st) => st.id === 'controller-to-authority')!;
    const authorityHours = windowHours(authorityStage.due!.earliestOf[0].window, {})!;
    const rows = controllers.flatMap((controller) => {
      const version = versions.get(controller.agreementId)!;
      const terms = version.profile.breachTerms;
      return planControllerObligations({
        processorAwareAt: incident.processorAwareAt,
        terms,
        targets: this.config.defaultTargets,
        authorityHours,
      }).map((p) =>
        Object.assign(new Obligation(), {
          ...p,
          id: randomUUID(),
          incidentId: incident.id,
          ...this.gdprStage(gdpr, p.hop, controller.timeZone),
          controllerId: controller.id,
          authorityId: p.hop === 'controller-to-authority' ? controller.authorityId : null,
          anchorReason: p.anchorAt ? 'Our awareness of the breach' : null,
          noticeReachedAt: null,
          noticeFilingId: null,
          effectiveDueAt: p.dueAt ?? p.conservativeDueAt,
          metAt: null,
          reasonsForDelay: null,
          notRequiredReasoning: null,
          decidedByKeyId: null,
          decidedByRole: null,
          decidedAt: null,
          closedByDecisionId: null,
          agreementId: version.agreementId,
          agreementVersion: version.version,
          terms,
          ...(p.hop === 'processor-to-controller'
            ? {
                confirmedAt: incident.breachConfirmedAt ?? null,
                calendarCountry: controller.country,
                calendarZone: controller.timeZone,
                dueLimit: null,
              }
            : NO_PROCESSOR_ANCHORS),
          nextAlertAt: null,
        }),
      );
    });
    for (const row of rows.filter((r) => r.anchorAt !== null)) {
      row.anchor({ at: row.anchorAt!, reason: row.anchorReason!, source: 'processor-awareness' }, []);
    }
    return rows;
  }

  /** The regime fields of a GDPR hop: the gdpr regime's stage of that name, as it is now. */
  private gdprStage(gdpr: CurrentRegime, hop: Hop, timeZone: string) {
    const stage = gdpr.definition.stages.find((st) => st.id === hop)!;
    return {
      hop,
      regime: 'gdpr',
      regimeVersion: gdpr.version,
      stage: hop,
      occurrence: 1,
      rule: { ...stage, timeZone, recipientName: null, jurisdiction: null },
      anchors: {},
    };
  }

  /**
   * Another regime's stages for one scope (ours, or one controller's), awaiting their anchors; those that run from
   * our awareness are anchored at once. Decisions made later anchor, close and re-open them (`reconcile`).
   */
  private planStages(incident: Incident, scope: RegimeScope): Obligation[] {
    const rows = stagesSetOff(scope.definition, this.config.regimeSettings.sectors).map((stage) =>
      this.newStageObligation(
        incident.id,
        { regimeId: scope.regimeId, version: scope.version, controllerId: scope.controller?.id ?? null },
        stage.id,
        1,
        stageRule(stage, scope, this.config.DEFAULT_TARGET_HOURS),
      ),
    );
    for (const row of rows.filter((r) => runsFrom(r.rule!, 'processor-awareness'))) {
      row.anchorEvent(
        'processor-awareness',
        {
          at: incident.processorAwareAt,
          reason: 'Our awareness of the incident',
          source: 'processor-awareness',
        },
        [],
      );
    }
    return rows;
  }

  private newStageObligation(
    incidentId: string,
    scope: { regimeId: string; version: number; controllerId: string | null },
    stage: string,
    occurrence: number,
    rule: Obligation['rule'] & object,
  ): Obligation {
    return Object.assign(new Obligation(), {
      id: randomUUID(),
      incidentId,
      hop: null,
      regime: scope.regimeId,
      regimeVersion: scope.version,
      stage,
      occurrence,
      rule,
      anchors: {},
      controllerId: scope.controllerId,
      authorityId: null,
      anchorAt: null,
      anchorReason: null,
      anchorSource: null,
      noticeReachedAt: null,
      noticeFilingId: null,
      dueAt: null,
      conservativeDueAt: null,
      effectiveDueAt: null,
      windowHours:
        rule.due?.earliestOf.length === 1 ? windowHours(rule.due.earliestOf[0].window, rule) : null,
      basis: 'statutory' as const,
      status: 'awaiting-anchor' as const,
      metAt: null,
      reasonsForDelay: null,
      notRequiredReasoning: null,
      decidedByKeyId: null,
      decidedByRole: null,
      decidedAt: null,
      closedByDecisionId: null,
      agreementId: null,
      agreementVersion: null,
      terms: null,
      nextAlertAt: null,
    });
  }

  /** Adds the insert of planned rows (see `plan`) to a statement that writes several tables at once. */
  insertPart(statement: ComposedStatement, rows: readonly Obligation[]): void {
    if (rows.length === 0) return;
    statement.with('obligation_rows', insertSql(statement.param(rowsJson(rows), 'json')));
  }

  /**
   * Planned rows as the API shows them, without a query: new obligations have no alerts and no failed deliveries
   * yet; each controller's zone is given. In the order `forIncidents` reads them back.
   */
  newDtos(rows: readonly Obligation[], zones: ReadonlyMap<string, string>): ObligationDto[] {
    const now = this.clock.now();
    return [...rows].sort(byReadOrder).map((o) => mapObligation(o, { now, timeZone: zoneOf(o, zones) }));
  }

  /**
   * Brings every obligation of the incident in line with what the decisions in force require: closes what is no longer
   * owed (citing the decision), re-opens what a superseded decision closed, opens the data subjects' notice while high
   * risk is in force. Obligations already met, or closed by a person, are left as they are.
   */
  async reconcile(
    em: EntityManager,
    incident: Incident,
    actor: AuditActor,
    now: Date,
  ): Promise<ObligationChange[]> {
    const rows = await this.lockAll(em, incident.id);
    const history = await this.decisions.history(em, incident.id);
    const fired = await this.firedStages(em, rows);
    const hops = rows.filter(isGdprHop);
    const controllerIds = [...new Set(hops.map((r) => r.controllerId))];
    const changes: ObligationChange[] = [];
    const created: Obligation[] = [];

    for (const req of requirementsOf({ history, controllerIds })) {
      const row = hops.find((r) => r.controllerId === req.controllerId && r.hop === req.hop);
      if (!row) {
        if (req.owed && req.hop === 'controller-to-data-subjects' && req.anchor) {
          const template = hops.find((r) => r.controllerId === req.controllerId)!;
          const gdpr = await this.regimes.definitionOf(em, 'gdpr', template.regimeVersion);
          const made = this.newDataSubjectObligation(template, gdpr, req.anchor);
          created.push(made);
          changes.push({
            obligation: made,
            event: {
              kind: 'obligation-opened',
              data: { hop: made.hop, decisionId: req.anchor.decisionId, dueAt: made.dueAt!.toISOString() },
            },
          });
        }
        continue;
      }
      const applied = this.applyRequirement(row, req, history, fired);
      changes.push(...applied);
      const reopened = applied.some((c) => c.event.kind === 'obligation-reopened');
      if (reopened && req.anchor && row.anchorAt?.getTime() !== req.anchor.at.getTime()) {
        changes.push({
          obligation: row,
          event: row.anchor(
            { at: req.anchor.at, reason: req.anchor.reason, source: 'decision' },
            fired.get(row.id) ?? [],
          ),
        });
      }
    }
    changes.push(...this.reconcileStages(rows, history, fired));
    if (created.length) await runPrepared(em, prepared(insertSql('$1::json'), [rowsJson(created)]));
    await this.saveAll(
      em,
      changes.map((c) => c.obligation).filter((o) => !created.includes(o)),
    );
    await this.appendTimeline(em, changes, actor, now);
    return changes;
  }

  /**
   * Closes what the decisions in force no longer require (citing the decision), re-opens what a superseded decision
   * closed. Obligations met, or closed by a person, are left as they are.
   */
  private applyRequirement(
    row: Obligation,
    req: Pick<Requirement, 'owed' | 'liftedBy'> | StageRequirement,
    history: readonly RuledDecision[],
    fired: ReadonlyMap<string, AlertStage[]>,
  ): ObligationChange[] {
    if (!req.owed && req.liftedBy) {
      const closedByAnother = row.status === 'not-required' && row.closedByDecisionId !== null;
      if (row.pending || (closedByAnother && row.closedByDecisionId !== req.liftedBy.id)) {
        return [
          {
            obligation: row,
            event: row.closeNotRequired({
              reasoning: closureReasoning(req.liftedBy),
              decidedAt: req.liftedBy.decidedAt,
              decidedByKeyId: req.liftedBy.decidedByKeyId,
              decidedByRole: req.liftedBy.decidedByRole,
              decisionId: req.liftedBy.id,
            }),
          },
        ];
      }
    } else if (req.owed && row.status === 'not-required' && row.closedByDecisionId !== null) {
      const reopenedBy = history[history.length - 1]?.id ?? null;
      return [{ obligation: row, event: row.reopen(reopenedBy, fired.get(row.id) ?? []) }];
    }
    return [];
  }

  /**
   * Other regimes' stages under the decisions in force: owed or not by their `appliesWhen` (a classification `no`
   * closes, a later `yes` re-opens), and anchored on the decisions they run from (the classification's first `yes`).
   */
  private reconcileStages(
    rows: Obligation[],
    history: readonly RuledDecision[],
    fired: ReadonlyMap<string, AlertStage[]>,
  ): ObligationChange[] {
    const inForce = inForceOf(history);
    const anchors = decisionAnchors(inForce);
    return rows
      .filter((row) => !isGdprHop(row))
      .flatMap((row) => {
        const changes = this.applyRequirement(
          row,
          stageRequirementOf(row.rule!.appliesWhen, inForce),
          history,
          fired,
        );
        for (const a of anchors.filter((x) => runsFrom(row.rule!, x.event))) {
          if (row.anchors[a.event] === a.at.toISOString()) continue;
          const event = row.anchorEvent(
            a.event,
            {
              at: a.at,
              reason:
                `${a.decision.kind}: ${a.decision.value} (decision ${a.decision.id}` +
                (a.decision.effectiveAt ? `, in effect from ${a.decision.effectiveAt.toISOString()})` : ')'),
              source: a.event === 'decision:high-risk' ? 'decision' : 'classification',
            },
            fired.get(row.id) ?? [],
          );
          if (event) changes.push({ obligation: row, event });
        }
        return changes;
      });
  }

  /**
   * Our awareness was corrected: every deadline counted from it moves, met ones included (a notice already given may
   * become late: then the reasons for the delay are needed, else nothing is changed and each obligation is named).
   */
  async moveProcessorAwareness(
    em: EntityManager,
    incident: Incident,
    reasonsForDelay: string | null,
    actor: AuditActor,
    now: Date,
    reason = 'Our awareness of the breach (corrected)',
  ): Promise<ObligationChange[]> {
    const rows = await this.lockAll(em, incident.id);
    // We cannot have become aware after our own notice reached a controller.
    const noticed = rows
      .filter(
        (o) =>
          o.hop === 'processor-to-controller' && o.metAt && isPastDue(o.metAt, incident.processorAwareAt),
      )
      .sort((x, y) => x.metAt!.getTime() - y.metAt!.getTime());
    if (noticed.length) {
      throw new ObligationException(
        ObligationExceptionCode.INVALID_INSTANT,
        `processorAwareAt is later than our notice to a controller (${noticed[0].metAt!.toISOString()})`,
        [
          {
            field: 'processorAwareAt',
            messages: noticed.map(
              (o) => `our notice met obligation ${o.id} at ${o.metAt!.toISOString()}: we were aware by then`,
            ),
          },
        ],
      );
    }
    const fired = await this.firedStages(em, rows);
    const changes: ObligationChange[] = [];
    const refused: Obligation[] = [];
    for (const o of rows) {
      if (!isGdprHop(o)) {
        if (!runsFrom(o.rule!, 'processor-awareness')) continue;
        try {
          const event = o.anchorEvent(
            'processor-awareness',
            {
              at: incident.processorAwareAt,
              reason: 'Our awareness of the incident (corrected)',
              source: 'processor-awareness',
              reasonsForDelay,
            },
            fired.get(o.id) ?? [],
          );
          if (event) changes.push({ obligation: o, event });
        } catch (error) {
          if (!isReasonsRequired(error)) throw error;
          refused.push(o);
        }
        continue;
      }
      if (o.hop === 'controller-to-authority') {
        try {
          const event = o.moveConservativeDue(
            conservativeAuthorityDueAt(incident.processorAwareAt, o.windowHours),
            fired.get(o.id) ?? [],
            reasonsForDelay,
          );
          if (event) changes.push({ obligation: o, event });
        } catch (error) {
          if (!isReasonsRequired(error)) throw error;
          refused.push(o);
        }
        continue;
      }
      if (o.anchorSource !== 'processor-awareness') continue;
      if (o.hop === 'processor-to-controller') o.confirmedAt = incident.breachConfirmedAt ?? null;
      try {
        changes.push({
          obligation: o,
          event: o.anchor(
            {
              at: incident.processorAwareAt,
              reason,
              source: 'processor-awareness',
              reasonsForDelay,
            },
            fired.get(o.id) ?? [],
          ),
        });
      } catch (error) {
        if (!isReasonsRequired(error)) throw error;
        refused.push(o);
      }
    }
    if (refused.length) throw reasonsRequiredFor(refused, incident.processorAwareAt);
    await this.saveAll(em, rows);
    await this.appendTimeline(em, changes, actor, now);
    return changes;
  }

  /**
   * Our notice reached the controller (delivered, or acknowledged): it was aware by then at the latest. The first such
   * instant is kept; it anchors the controller's 72 h unless an earlier awareness was set, whatever the obligation's
   * state (a closed one keeps it for when a reversed decision re-opens it).
   */
  async noticeReachedController(
    em: EntityManager,
    input: {
      incidentId: string;
      controllerId: string;
      at: Date;
      source: 'delivery' | 'acknowledgement';
      filingId: string;
      reason: string;
    },
    actor: AuditActor,
  ): Promise<boolean> {
    await this.lockIncident(em, input.incidentId);
    const o = await this.authorityObligation(em, input.incidentId, input.controllerId, true);
    if (!o) return false;
    if (o.noticeReachedAt === null || isPastDue(input.at, o.noticeReachedAt)) {
      o.noticeReachedAt = input.at;
      o.noticeFilingId = input.filingId;
    }
    const changes: ObligationChange[] = [];
    if (o.anchorAt === null || isPastDue(input.at, o.anchorAt)) {
      const fired = await this.firedStages(em, [o]);
      changes.push({
        obligation: o,
        event: o.anchor({ at: input.at, reason: input.reason, source: input.source }, fired.get(o.id) ?? []),
      });
    }
    await em.save(o);
    if (changes.length > 0) changes.push(...(await this.followUp(em, o)));
    await this.saveAll(
      em,
      changes.map((c) => c.obligation).filter((x) => x !== o),
    );
    await this.appendTimeline(em, changes, actor, input.at);
    return changes.length > 0;
  }

  /** A notice given (a filing delivered, or recorded by hand) meets its obligation, if still pending. */
  async meetByNotice(
    em: EntityManager,
    { incidentId, obligationId }: { incidentId: string; obligationId: string },
    input: { at: Date; reasonsForDelay: string | null; filingId: string },
    actor: AuditActor,
  ): Promise<ObligationChange | null> {
    await this.lockIncident(em, incidentId);
    const o = await em.findOneOrFail(Obligation, {
      where: { id: obligationId, incidentId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!o.meetable) return null;
    const change = { obligation: o, event: o.meet(input) };
    await em.save(o);
    await this.appendTimeline(em, [change], actor, input.at);
    return change;
  }

  // ─── Changes made through the obligation's own routes ──────────────────────────────────────────────────────────

  async get(actor: Actor, incidentId: string, obligationId: string): Promise<ObligationDto> {
    const o = await this.findVisible(this.dataSource.manager, actor, incidentId, obligationId);
    return this.toDto(this.dataSource.manager, o, actor);
  }

  /**
   * The controller's awareness, set by hand with a reason: its 72 h run from here. Never later than our notice
   * reaching it (a delivery or acknowledgement on record); earlier is allowed.
   */
  async setAnchor(
    actor: Actor,
    incidentId: string,
    obligationId: string,
    dto: SetAnchorDto,
  ): Promise<ObligationDto> {
    const anchorAt = new Date(dto.anchorAt);
    return this.change(actor, incidentId, obligationId, async (em, o, now) => {
      if (o.hop !== 'controller-to-authority') {
        throw new ObligationException(
          ObligationExceptionCode.WRONG_STATE,
          `The anchor of a ${o.hop} obligation is not set by hand`,
        );
      }
      if (isPastDue(now, anchorAt)) {
        throw new ObligationException(ObligationExceptionCode.INVALID_INSTANT, 'anchorAt is in the future', [
          { field: 'anchorAt', messages: ['the controller cannot have become aware in the future'] },
        ]);
      }
      if (o.noticeReachedAt && isPastDue(o.noticeReachedAt, anchorAt)) {
        throw new ObligationException(
          ObligationExceptionCode.INVALID_INSTANT,
          `anchorAt is later than our notice reaching the controller (filing ${o.noticeFilingId}, ${o.noticeReachedAt.toISOString()})`,
          [
            {
              field: 'anchorAt',
              messages: [
                `the controller was aware by ${o.noticeReachedAt.toISOString()} at the latest: filing ${o.noticeFilingId} reached it then`,
              ],
            },
          ],
        );
      }
      const fired = await this.firedStages(em, [o]);
      return o.anchor(
        { at: anchorAt, reason: dto.reason.trim(), source: 'manual', reasonsForDelay: dto.reasonsForDelay },
        fired.get(o.id) ?? [],
      );
    });
  }

  /**
   * Opens a stage by hand, due at the date given: a stage the regime leaves to the recipient's request (NIS2's
   * intermediate report, the progress report) or a repeatable stage once more (DORA's intermediate report when the
   * status changes significantly), as the next occurrence. The party (ours, or a controller's) must already owe that
   * regime on this incident; the new obligation is made under the same regime version.
   */
  async openStage(actor: Actor, incidentId: string, dto: OpenStageDto): Promise<ObligationDto> {
    return this.dataSource.transaction(async (em) => {
      const notFound = new ObligationException(
        ObligationExceptionCode.OBLIGATION_NOT_FOUND,
        `Unknown incident: ${incidentId}`,
      );
      if (!isUuid(incidentId)) throw notFound;
      const [found] = await em.query<unknown[]>('SELECT 1 FROM incident WHERE id = $1 FOR NO KEY UPDATE', [
        incidentId,
      ]);
      if (!found) throw notFound;
      const party = dto.controllerId ?? null;
      const same = (await em.find(Obligation, { where: { incidentId, regime: dto.regime } })).filter(
        (o) => o.controllerId === party,
      );
      if (same.length === 0 || dto.regime === 'gdpr') {
        throw new ObligationException(
          ObligationExceptionCode.WRONG_STATE,
          `This incident sets off no ${dto.regime} stages for ${party ? `controller ${party}` : 'us'}`,
          [{ field: 'regime', messages: [`no ${dto.regime} obligation of this party on the incident`] }],
        );
      }
      const definition = await this.regimes.definitionOf(em, dto.regime, same[0].regimeVersion);
      const stage = definition.stages.find((st) => st.id === dto.stage);
      if (!stage || (stage.appliesWhen !== 'manual' && !stage.repeatable)) {
        throw new ObligationException(
          ObligationExceptionCode.WRONG_STATE,
          `${dto.regime} has no stage ${dto.stage} that is opened by hand`,
          [
            {
              field: 'stage',
              messages: [
                `one of ${definition.stages
                  .filter((st) => st.appliesWhen === 'manual' || st.repeatable)
                  .map((st) => st.id)
                  .join(', ')}`,
              ],
            },
          ],
        );
      }
      const now = this.clock.now();
      const occurrence =
        Math.max(0, ...same.filter((o) => o.stage === stage.id).map((o) => o.occurrence)) + 1;
      // Its due time is the one asked for: the stage's own terms are left out, so no later event moves it.
      const { due: _due, ...byHand } = stage;
      const { timeZone, recipientName, jurisdiction, targetHours } = same[0].rule!;
      const o = this.newStageObligation(
        incidentId,
        { regimeId: dto.regime, version: same[0].regimeVersion, controllerId: party },
        stage.id,
        occurrence,
        { ...byHand, timeZone, recipientName, jurisdiction, targetHours },
      );
      const event = o.openByHand({ at: now, dueAt: new Date(dto.dueAt), reason: dto.reason.trim() });
      await runPrepared(em, prepared(insertSql('$1::json'), [rowsJson([o])]));
      const after = await this.toDto(em, o, actor);
      await this.appendTimeline(em, [{ obligation: o, event }], auditActor(actor), now);
      await this.audit.record(em, {
        actor: auditActor(actor),
        action: 'obligation.obligation-opened',
        entityType: 'obligation',
        entityId: o.id,
        after: stripVolatile(after),
      });
      return after;
    });
  }

  async markMet(
    actor: Actor,
    incidentId: string,
    obligationId: string,
    dto: MarkMetDto,
  ): Promise<ObligationDto> {
    return this.change(actor, incidentId, obligationId, (_em, o, now) => {
      const metAt = dto.metAt ? new Date(dto.metAt) : now;
      if (isPastDue(now, metAt)) {
        throw new ObligationException(ObligationExceptionCode.INVALID_INSTANT, 'metAt is in the future', [
          { field: 'metAt', messages: ['a notice cannot have been given in the future'] },
        ]);
      }
      if (o.status === 'awaiting-anchor' && o.hop !== 'controller-to-authority') {
        throw new ObligationException(ObligationExceptionCode.WRONG_STATE, 'Set the anchor first');
      }
      return Promise.resolve(o.meet({ at: metAt, reasonsForDelay: dto.reasonsForDelay }));
    });
  }

  /**
   * Closed by hand, with the reasoning. Not the processor's notice to the controller: Art. 33(2) knows no risk
   * threshold, so only a decision that the incident is not a personal data breach closes it.
   */
  async markNotRequired(
    actor: Actor,
    incidentId: string,
    obligationId: string,
    dto: MarkNotRequiredDto,
  ): Promise<ObligationDto> {
    return this.change(actor, incidentId, obligationId, (_em, o, now) => {
      if (o.hop === 'processor-to-controller') {
        throw new ObligationException(
          ObligationExceptionCode.NOT_CLOSABLE,
          'The processor must tell the controller of every personal data breach (Art. 33(2)); only a decision that ' +
            'this is not a personal data breach (kind not-a-personal-data-breach) closes this notice',
        );
      }
      return Promise.resolve(
        o.closeNotRequired({
          reasoning: dto.reasoning.trim(),
          decidedAt: now,
          decidedByKeyId: actor.keyId,
          decidedByRole: actor.role,
          decisionId: null,
        }),
      );
    });
  }

  // ─── Reads ─────────────────────────────────────────────────────────────────────────────────────────────────────

  /** The obligation, if this actor may see it; another controller's is "not found", like a missing one. */
  async findVisible(
    em: EntityManager,
    actor: Actor,
    incidentId: string,
    obligationId: string,
    lock = false,
  ): Promise<Obligation> {
    const notFound = new ObligationException(
      ObligationExceptionCode.OBLIGATION_NOT_FOUND,
      `Unknown obligation: ${obligationId}`,
    );
    if (!isUuid(incidentId) || !isUuid(obligationId)) throw notFound;
    const o = await em.findOne(Obligation, {
      where: { id: obligationId, incidentId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!o || (actor.role === 'controller' && o.controllerId !== actor.controllerId)) throw notFound;
    return o;
  }

  /** A GDPR hop the actor may see, for what speaks of hops only (filings, letters); another regime's stage is refused. */
  async findVisibleHop(
    em: EntityManager,
    actor: Actor,
    incidentId: string,
    obligationId: string,
    lock = false,
  ): Promise<GdprObligation> {
    const o = await this.findVisible(em, actor, incidentId, obligationId, lock);
    if (!isGdprHop(o)) {
      throw new ObligationException(
        ObligationExceptionCode.NOT_A_GDPR_HOP,
        `Obligation ${o.id} is the ${o.stage} stage of ${o.regime}, not a GDPR notice: it is reported through its stage`,
      );
    }
    return o;
  }

  /**
   * One page of an incident's obligations this actor may see, in the shape `GET /incidents/:id` gives them, soonest
   * effective due time first (then by id, so that pages do not overlap). The incident's id narrows the unique index
   * `uq_obligation_hop` (incident first) to its own rows; only those are sorted.
   */
  async pageOfIncident(
    actor: Actor,
    incidentId: string,
    query: IncidentObligationQueryDto,
  ): Promise<Page<ObligationDto>> {
    const em = this.dataSource.manager;
    await this.assertIncidentVisible(em, actor, incidentId);
    const now = this.clock.now();
    const qb = em
      .getRepository(Obligation)
      .createQueryBuilder('o')
      .where('o.incident_id = :incidentId', { incidentId })
      .orderBy('o.effective_due_at', 'ASC', 'NULLS LAST')
      .addOrderBy('o.id', 'ASC')
      .limit(query.limit)
      .offset(query.offset);
    if (actor.role === 'controller') qb.andWhere('o.controller_id = :own', { own: actor.controllerId });
    if (query.controllerId)
      qb.andWhere('o.controller_id = :controllerId', { controllerId: query.controllerId });
    if (query.hop) qb.andWhere('o.hop = :hop', { hop: query.hop });
    if (query.regime) qb.andWhere('o.regime = :regime', { regime: query.regime });
    if (query.stage) qb.andWhere('o.stage = :stage', { stage: query.stage });
    // As `shownStatus` tells them apart: overdue is open past its due time, and not open.
    if (query.status === 'overdue') qb.andWhere(`o.status = 'open' AND o.due_at < :now`, { now });
    else if (query.status === 'open') qb.andWhere(`o.status = 'open' AND o.due_at >= :now`, { now });
    else if (query.status) qb.andWhere('o.status = :status', { status: query.status });
    const rows = await qb.getMany();
    const page = { limit: query.limit, offset: query.offset };
    return {
      items: await this.toDtos(em, rows, actor),
      total: await pageTotal(qb, rows.length, page),
      ...page,
    };
  }

  /**
   * An incident this actor may see, or "not found", as `GET /incidents/:id` answers. A controller key sees an incident
   * that affects its controller, and every controller affected owes its GDPR hops there (intake and adding a
   * controller make them with the link, in one transaction): so its own obligations are the test, read here
   * without reaching into the incidents module, which depends on this one.
   */
  private async assertIncidentVisible(em: EntityManager, actor: Actor, incidentId: string): Promise<void> {
    const visible =
      isUuid(incidentId) &&
      (actor.role === 'controller'
        ? await em.existsBy(Obligation, { incidentId, controllerId: actor.controllerId! })
        : await em.existsBy(Incident, { id: incidentId }));
    if (!visible) {
      throw new ObligationException(
        ObligationExceptionCode.OBLIGATION_NOT_FOUND,
        `Unknown incident: ${incidentId}`,
      );
    }
  }

  /** The obligations of these incidents (for one controller only, when given), in the order they were made. */
  async forIncidents(
    em: EntityManager,
    incidentIds: readonly string[],
    controllerId?: string,
  ): Promise<Obligation[]> {
    if (incidentIds.length === 0) return [];
    return em.find(Obligation, {
      where: { incidentId: In([...incidentIds]), ...(controllerId ? { controllerId } : {}) },
      // The controller breaks the tie between one hop's obligations made at once (intake makes them in controller
      // order): one order whatever the plan, so the register reads the same however it is batched.
      order: {
        createdAt: 'ASC',
        hop: 'ASC',
        controllerId: 'ASC',
        regime: 'ASC',
        stage: 'ASC',
        occurrence: 'ASC',
      },
    });
  }

  /** One controller's authority obligation on an incident: its anchor is that controller's awareness. */
  async authorityObligation(
    em: EntityManager,
    incidentId: string,
    controllerId: string,
    lock = false,
  ): Promise<Obligation | null> {
    return em.findOne(Obligation, {
      where: { incidentId, controllerId, hop: 'controller-to-authority' },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /**
   * How many obligations are in each status as people see it (`open` past its due time is `overdue`, not `open`), in
   * one grouped query; every status is present, 0 when none. For the metrics.
   */
  async countByStatus(now: Date): Promise<Record<ObligationStatus, number>> {
    const rows = await this.dataSource.query<{ status: StoredStatus; n: string; overdue: string }[]>(
      `SELECT status, count(*) AS n, count(*) FILTER (WHERE status = 'open' AND due_at < $1) AS overdue
         FROM obligation GROUP BY status`,
      [now],
    );
    const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ObligationStatus, number>;
    for (const row of rows) {
      counts[row.status] += Number(row.n) - Number(row.overdue);
      counts.overdue += Number(row.overdue);
    }
    return counts;
  }

  /** @param actor a controller key sees the failed deliveries of its own notices, not our internal alerts. */
  async toDtos(em: EntityManager, rows: Obligation[], actor?: Actor): Promise<ObligationDto[]> {
    if (rows.length === 0) return [];
    const controllerIds = [...new Set(rows.flatMap((r) => (r.controllerId ? [r.controllerId] : [])))];
    const zones = new Map(
      (
        await em.find(DataController, {
          where: { id: In(controllerIds) },
          select: { id: true, timeZone: true },
        })
      ).map((c) => [c.id, c.timeZone]),
    );
    const alerts = await em.find(ObligationAlert, {
      where: { obligationId: In(rows.map((r) => r.id)), superseded: false },
    });
    const failed = (await this.outbox.failed(em, { obligationIds: rows.map((r) => r.id) })).filter(
      (f) => actor?.role !== 'controller' || f.kind === NOTICE_OUTBOX_KIND,
    );
    const now = this.clock.now();
    return rows.map((o) =>
      mapObligation(o, {
        now,
        timeZone: zoneOf(o, zones),
        alerts,
        failedDeliveries: failed,
      }),
    );
  }

  // ─── Inside ────────────────────────────────────────────────────────────────────────────────────────────────────

  private async toDto(em: EntityManager, o: Obligation, actor?: Actor): Promise<ObligationDto> {
    return (await this.toDtos(em, [o], actor))[0];
  }

  /** The data subjects' notice (Art. 34), opened by the decision establishing high risk, under the hops' gdpr version. */
  private newDataSubjectObligation(
    template: GdprObligation,
    gdpr: RegimeDefinition,
    anchor: { at: Date; reason: string; decisionId: string },
  ): Obligation {
    const hours = this.config.DATA_SUBJECT_TARGET_HOURS;
    const o = Object.assign(new Obligation(), {
      id: randomUUID(),
      incidentId: template.incidentId,
      ...this.gdprStage(
        { version: template.regimeVersion, definition: gdpr },
        'controller-to-data-subjects',
        template.rule?.timeZone ?? 'UTC',
      ),
      controllerId: template.controllerId,
      authorityId: null,
      anchorAt: null,
      anchorReason: null,
      anchorSource: null,
      noticeReachedAt: null,
      noticeFilingId: null,
      dueAt: null,
      conservativeDueAt: null,
      effectiveDueAt: null,
      windowHours: hours,
      // Art. 34: "without undue delay" names no number: our target.
      basis: 'target' as const,
      status: 'awaiting-anchor' as const,
      metAt: null,
      reasonsForDelay: null,
      notRequiredReasoning: null,
      decidedByKeyId: null,
      decidedByRole: null,
      decidedAt: null,
      closedByDecisionId: null,
      agreementId: template.agreementId,
      agreementVersion: template.agreementVersion,
      terms: template.terms,
      ...NO_PROCESSOR_ANCHORS,
      nextAlertAt: null,
    });
    o.anchor({ at: anchor.at, reason: anchor.reason, source: 'decision' }, []);
    return o;
  }

  /**
   * What a change to one obligation sets off in the others of its incident (locked already): the controller's
   * awareness (its authority hop anchored) anchors that controller's stages that run from it (DORA's 24 h); a stage
   * submitted (met) anchors the stages of its regime that run from its submission, from the latest one of a
   * repeatable stage (DORA's final report, one month after the last intermediate report).
   */
  private async followUp(em: EntityManager, o: Obligation): Promise<ObligationChange[]> {
    const awareness = o.hop === 'controller-to-authority' && o.anchorAt !== null;
    const submitted = !isGdprHop(o) && o.met;
    if (!awareness && !submitted) return [];
    const others = await em.find(Obligation, {
      where: { incidentId: o.incidentId, regime: Not('gdpr'), id: Not(o.id) },
      order: { createdAt: 'ASC', stage: 'ASC', occurrence: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    const fired = await this.firedStages(em, others);
    const changes: ObligationChange[] = [];
    const follow = (x: Obligation, event: AnchorEvent, input: AnchorInput) => {
      const made = x.anchorEvent(event, input, fired.get(x.id) ?? []);
      if (made) changes.push({ obligation: x, event: made });
    };
    if (awareness) {
      for (const x of others.filter(
        (r) => r.controllerId === o.controllerId && runsFrom(r.rule!, 'controller-awareness'),
      )) {
        follow(x, 'controller-awareness', {
          at: o.anchorAt!,
          reason: `The controller's awareness: ${o.anchorReason}`,
          source: o.anchorSource!,
        });
      }
    }
    if (submitted) {
      const scope = [o, ...others].filter((r) => r.regime === o.regime && r.controllerId === o.controllerId);
      const latest = scope
        .filter((r) => r.stage === o.stage && r.met)
        .reduce((at, r) => (r.metAt! > at ? r.metAt! : at), o.metAt!);
      for (const x of scope.filter((r) => r !== o && anchoredOnSubmissionOf(o.stage, r.rule!))) {
        follow(x, `submission:${o.stage}`, {
          at: latest,
          reason: `${o.stage} submitted${o.occurrence > 1 ? ` (occurrence ${o.occurrence})` : ''}`,
          source: 'submission',
        });
      }
    }
    return changes;
  }

  /**
   * Every transaction that writes an incident's obligations takes the incident's row first (FOR NO KEY UPDATE), so
   * that they run one after another per incident and never lock obligations in different orders (a decision, a
   * delivery and an acknowledgement of the same incident would otherwise deadlock). Taken again in the same
   * transaction, it is free.
   */
  private async lockIncident(em: EntityManager, incidentId: string): Promise<void> {
    await em.query('SELECT 1 FROM incident WHERE id = $1 FOR NO KEY UPDATE', [incidentId]);
  }

  private async lockAll(em: EntityManager, incidentId: string): Promise<Obligation[]> {
    await this.lockIncident(em, incidentId);
    return em.find(Obligation, {
      where: { incidentId },
      order: { createdAt: 'ASC', hop: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  private async saveAll(em: EntityManager, rows: Obligation[]): Promise<void> {
    // One at a time: saving an array makes TypeORM issue its updates in parallel on the transaction's one client.
    for (const row of new Set(rows)) await em.save(row);
  }

  private async appendTimeline(
    em: EntityManager,
    changes: ObligationChange[],
    actor: AuditActor,
    at: Date,
  ): Promise<void> {
    const entries: NewTimelineEntry[] = changes.map(({ obligation, event }) => ({
      incidentId: obligation.incidentId,
      at,
      kind: event.kind,
      actor,
      controllerId: obligation.controllerId,
      data: { obligationId: obligation.id, ...event.data },
    }));
    await this.timeline.append(em, ...entries);
  }

  /**
   * One change to one obligation through its own routes: visibility and permission checked, row locked, the
   * transition applied, a timeline entry and an audit row written, all in one transaction.
   */
  private change(
    actor: Actor,
    incidentId: string,
    obligationId: string,
    apply: (em: EntityManager, o: Obligation, now: Date) => Promise<ObligationEvent>,
  ): Promise<ObligationDto> {
    return this.dataSource.transaction(async (em) => {
      if (isUuid(incidentId)) await this.lockIncident(em, incidentId);
      const o = await this.findVisible(em, actor, incidentId, obligationId, true);
      if (actor.role === 'controller' && o.hop === 'processor-to-controller') {
        throw new ObligationException(
          ObligationExceptionCode.NOT_PERMITTED,
          'A controller key acts on its own authority and data-subject obligations only',
        );
      }
      const now = this.clock.now();
      const before = await this.toDto(em, o, actor);
      const event = await apply(em, o, now);
      await em.save(o);
      const followed = await this.followUp(em, o);
      await this.saveAll(
        em,
        followed.map((c) => c.obligation),
      );
      const after = await this.toDto(em, o, actor);
      await this.appendTimeline(em, [{ obligation: o, event }, ...followed], auditActor(actor), now);
      await this.audit.record(em, {
        actor: auditActor(actor),
        action: `obligation.${event.kind}`,
        entityType: 'obligation',
        entityId: o.id,
        before: stripVolatile(before),
        after: stripVolatile(after),
      });
      return after;
    });
  }

  private async firedStages(em: EntityManager, rows: Obligation[]): Promise<Map<string, AlertStage[]>> {
    const fired = new Map<string, AlertStage[]>();
    const ids = rows.map((r) => r.id).filter((id) => id !== undefined);
    if (ids.length === 0) return fired;
    for (const a of await em.find(ObligationAlert, { where: { obligationId: In(ids) } })) {
      fired.set(a.obligationId, [...(fired.get(a.obligationId) ?? []), a.stage as AlertStage]);
    }
    return fired;
  }
}

/** The order `forIncidents` reads an incident's obligations in, for rows made in one transaction. */
function byReadOrder(a: Obligation, b: Obligation): number {
  return (
    nullsLast(a.hop, b.hop) ||
    nullsLast(a.controllerId, b.controllerId) ||
    nullsLast(a.regime, b.regime) ||
    nullsLast(a.stage, b.stage) ||
    a.occurrence - b.occurrence
  );
}

/** PostgreSQL's ascending order of text under the C collation: byte order, nulls last. */
function nullsLast(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** The zone an obligation's instants are shown in: its controller's, or for a duty of ours its recipient's. */
function zoneOf(o: Obligation, zones: ReadonlyMap<string, string>): string {
  return o.controllerId ? (zones.get(o.controllerId) ?? 'UTC') : (o.rule?.timeZone ?? 'UTC');
}

const COLUMNS = [
  ['id', 'uuid'],
  ['incident_id', 'uuid'],
  ['hop', 'varchar'],
  ['regime', 'varchar'],
  ['regime_version', 'int'],
  ['stage', 'varchar'],
  ['occurrence', 'int'],
  ['rule', 'jsonb'],
  ['anchors', 'jsonb'],
  ['controller_id', 'uuid'],
  ['authority_id', 'varchar'],
  ['anchor_at', 'timestamptz'],
  ['anchor_reason', 'text'],
  ['anchor_source', 'varchar'],
  ['notice_reached_at', 'timestamptz'],
  ['notice_filing_id', 'uuid'],
  ['due_at', 'timestamptz'],
  ['conservative_due_at', 'timestamptz'],
  ['effective_due_at', 'timestamptz'],
  ['window_hours', 'int'],
  ['basis', 'varchar'],
  ['status', 'varchar'],
  ['met_at', 'timestamptz'],
  ['reasons_for_delay', 'text'],
  ['not_required_reasoning', 'text'],
  ['decided_by_key_id', 'uuid'],
  ['decided_by_role', 'varchar'],
  ['decided_at', 'timestamptz'],
  ['closed_by_decision_id', 'uuid'],
  ['agreement_id', 'varchar'],
  ['agreement_version', 'int'],
  ['terms', 'jsonb'],
  ['confirmed_at', 'timestamptz'],
  ['calendar_country', 'varchar'],
  ['calendar_zone', 'varchar'],
  ['due_limit', 'varchar'],
  ['next_alert_at', 'timestamptz'],
] as const;

/** The processor → controller anchors (confirmation, calendar, limit) that the other hops do not have. */
const NO_PROCESSOR_ANCHORS = { confirmedAt: null, calendarCountry: null, calendarZone: null, dueLimit: null };

/** The insert of planned rows given as one JSON parameter (created_at and updated_at: the transaction's now()). */
function insertSql(placeholder: string): string {
  return `INSERT INTO obligation (${COLUMNS.map(([c]) => c).join(', ')}) ${jsonRows(placeholder, COLUMNS)}`;
}

function rowsJson(rows: readonly Obligation[]): string {
  return JSON.stringify(
    rows.map((o) => ({
      id: o.id,
      incident_id: o.incidentId,
      hop: o.hop,
      regime: o.regime,
      regime_version: o.regimeVersion,
      stage: o.stage,
      occurrence: o.occurrence,
      rule: o.rule,
      anchors: o.anchors,
      controller_id: o.controllerId,
      authority_id: o.authorityId,
      anchor_at: o.anchorAt,
      anchor_reason: o.anchorReason,
      anchor_source: o.anchorSource,
      notice_reached_at: o.noticeReachedAt,
      notice_filing_id: o.noticeFilingId,
      due_at: o.dueAt,
      conservative_due_at: o.conservativeDueAt,
      effective_due_at: o.effectiveDueAt,
      window_hours: o.windowHours,
      basis: o.basis,
      status: o.status,
      met_at: o.metAt,
      reasons_for_delay: o.reasonsForDelay,
      not_required_reasoning: o.notRequiredReasoning,
      decided_by_key_id: o.decidedByKeyId,
      decided_by_role: o.decidedByRole,
      decided_at: o.decidedAt,
      closed_by_decision_id: o.closedByDecisionId,
      agreement_id: o.agreementId,
      agreement_version: o.agreementVersion,
      terms: o.terms,
      confirmed_at: o.confirmedAt,
      calendar_country: o.calendarCountry,
      calendar_zone: o.calendarZone,
      due_limit: o.dueLimit,
      next_alert_at: o.nextAlertAt,
    })),
  );
}

function isReasonsRequired(error: unknown): boolean {
  return (
    error instanceof ObligationException && error.code === ObligationExceptionCode.REASONS_FOR_DELAY_REQUIRED
  );
}

/** One refusal naming every obligation that the correction would make late without reasons. */
function reasonsRequiredFor(refused: Obligation[], processorAwareAt: Date): ObligationException {
  return new ObligationException(
    ObligationExceptionCode.REASONS_FOR_DELAY_REQUIRED,
    `With our awareness at ${processorAwareAt.toISOString()}, ${refused.length} notice(s) already given become late: ` +
      `give reasonsForDelay in the same request (Art. 33(1))`,
    [
      {
        field: 'reasonsForDelay',
        messages: refused.map(
          (o) =>
            `obligation ${o.id} (${o.hop}, controller ${o.controllerId}) met at ${o.metAt!.toISOString()} becomes late`,
        ),
        obligationIds: refused.map((o) => o.id),
      },
    ],
  );
}

/** What changes with the clock alone (time left) is no fact: the audit keeps the facts. */
function stripVolatile(dto: ObligationDto): Partial<ObligationDto> {
  const {
    remainingMs: _a,
    remaining: _b,
    conservativeRemainingMs: _c,
    conservativeRemaining: _d,
    fractionUsed: _e,
    ...facts
  } = dto;
  return { ...facts, status: dto.status === 'overdue' ? 'open' : dto.status };
}
