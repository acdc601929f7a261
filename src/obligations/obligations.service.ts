import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { type Actor, auditActor } from '../access/roles';
import { AgreementVersion } from '../agreements/agreement-version.entity';
import { Agreement } from '../agreements/agreement.entity';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/config';
import { isUuid } from '../common/uuid.util';
import { DataController } from '../data-controllers/data-controller.entity';
import { Incident } from '../incidents/incident.entity';
import { TimelineService } from '../timeline/timeline.service';
import { Clock } from '../clock/clock';
import { ObligationException, ObligationExceptionCode } from './obligations.exception';
import { AlertStage, dueAt, isPastDue, nextStageAt } from './deadline.util';
import {
  mapObligation,
  MarkMetDto,
  MarkNotRequiredDto,
  ObligationDto,
  SetAnchorDto,
} from './dto/obligation.dto';
import { ObligationAlert } from './obligation-alert.entity';
import { Obligation } from './obligation.entity';
import { AUTHORITY_HOURS, completion, effectiveDueAt, planControllerObligations } from './obligation.util';

@Injectable()
export class ObligationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly timeline: TimelineService,
  ) {}

  /** The obligations a breach sets off for one controller, by its agreement's current version (copied in). */
  async createForController(
    em: EntityManager,
    incident: Incident,
    controller: DataController,
  ): Promise<Obligation[]> {
    const agreement = await em.findOneByOrFail(Agreement, { id: controller.agreementId });
    const version = await em.findOneByOrFail(AgreementVersion, {
      agreementId: agreement.id,
      version: agreement.currentVersion,
    });
    const terms = version.profile.breachTerms;
    const plans = planControllerObligations({
      processorAwareAt: incident.processorAwareAt,
      terms,
      defaultTargetHours: this.config.DEFAULT_TARGET_HOURS,
    });
    const rows = plans.map((p) =>
      em.create(Obligation, {
        ...p,
        incidentId: incident.id,
        controllerId: controller.id,
        authorityId: p.hop === 'controller-to-authority' ? controller.authorityId : null,
        anchorReason: null,
        effectiveDueAt: effectiveDueAt(p),
        metAt: null,
        reasonsForDelay: null,
        notRequiredReasoning: null,
        decidedByKeyId: null,
        decidedByRole: null,
        decidedAt: null,
        closedByDecisionId: null,
        agreementId: agreement.id,
        agreementVersion: version.version,
        terms,
        nextAlertAt:
          p.status === 'open' && p.anchorAt && p.dueAt ? nextStageAt(p.anchorAt, p.dueAt, []) : null,
      }),
    );
    return em.save(rows);
  }

  /** Our awareness moved (a corrected fact): every deadline counted from it moves too; stages fired stay fired. */
  async reanchorOnProcessorAwareness(em: EntityManager, incident: Incident): Promise<void> {
    const rows = await em.find(Obligation, {
      where: { incidentId: incident.id },
      lock: { mode: 'pessimistic_write' },
    });
    const fired = await this.firedStages(
      em,
      rows.map((r) => r.id),
    );
    for (const o of rows) {
      if (o.status !== 'open' && o.status !== 'awaiting-anchor') continue;
      if (o.hop === 'processor-to-controller') {
        o.anchorAt = incident.processorAwareAt;
        o.dueAt = dueAt({ anchor: o.anchorAt, hours: o.windowHours });
      }
      if (o.hop === 'controller-to-authority') {
        o.conservativeDueAt = dueAt({ anchor: incident.processorAwareAt, hours: AUTHORITY_HOURS });
      }
      o.effectiveDueAt = effectiveDueAt(o);
      o.nextAlertAt =
        o.status === 'open' && o.anchorAt && o.dueAt
          ? nextStageAt(o.anchorAt, o.dueAt, fired.get(o.id) ?? [])
          : null;
      await em.save(o);
    }
  }

  async get(actor: Actor, incidentId: string, obligationId: string): Promise<ObligationDto> {
    const o = await this.findVisible(this.dataSource.manager, actor, incidentId, obligationId);
    return this.toDto(this.dataSource.manager, o);
  }

  /** The controller's awareness, set by hand: its 72 h run from here. */
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
      if (o.status !== 'awaiting-anchor' && o.status !== 'open') {
        throw new ObligationException(
          ObligationExceptionCode.WRONG_STATE,
          `The obligation is ${o.status}: its anchor no longer moves`,
        );
      }
      if (isPastDue(now, anchorAt)) {
        throw new ObligationException(ObligationExceptionCode.INVALID_INSTANT, 'anchorAt is in the future', [
          { field: 'anchorAt', messages: ['the controller cannot have become aware in the future'] },
        ]);
      }
      await this.anchor(em, o, anchorAt, dto.reason);
      return {
        kind: 'anchor-set',
        data: { anchorAt: anchorAt.toISOString(), reason: dto.reason, dueAt: o.dueAt!.toISOString() },
      };
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
      if (o.status === 'awaiting-anchor') {
        throw new ObligationException(
          ObligationExceptionCode.WRONG_STATE,
          'Set the anchor (the controller’s awareness) first',
        );
      }
      if (o.status !== 'open')
        throw new ObligationException(ObligationExceptionCode.WRONG_STATE, `The obligation is already ${o.status}`);
      if (isPastDue(now, metAt)) {
        throw new ObligationException(ObligationExceptionCode.INVALID_INSTANT, 'metAt is in the future', [
          { field: 'metAt', messages: ['a notice cannot have been given in the future'] },
        ]);
      }
      const outcome = completion(o.dueAt!, metAt, dto.reasonsForDelay);
      if ('refused' in outcome) {
        throw new ObligationException(
          ObligationExceptionCode.REASONS_FOR_DELAY_REQUIRED,
          `Met after its due time (${o.dueAt!.toISOString()}): the reasons for the delay are required`,
          [
            {
              field: 'reasonsForDelay',
              messages: ['required when the notice is given after its due time (Art. 33(1))'],
            },
          ],
        );
      }
      o.status = outcome.status;
      o.metAt = metAt;
      o.reasonsForDelay = outcome.status === 'met-late' ? dto.reasonsForDelay!.trim() : null;
      o.nextAlertAt = null;
      o.effectiveDueAt = effectiveDueAt(o);
      return Promise.resolve({
        kind: 'obligation-met' as const,
        data: {
          hop: o.hop,
          status: o.status,
          metAt: metAt.toISOString(),
          reasonsForDelay: o.reasonsForDelay,
        },
      });
    });
  }

  async markNotRequired(
    actor: Actor,
    incidentId: string,
    obligationId: string,
    dto: MarkNotRequiredDto,
  ): Promise<ObligationDto> {
    return this.change(actor, incidentId, obligationId, (_em, o, now) => {
      if (o.status !== 'open' && o.status !== 'awaiting-anchor') {
        throw new ObligationException(ObligationExceptionCode.WRONG_STATE, `The obligation is already ${o.status}`);
      }
      o.status = 'not-required';
      o.notRequiredReasoning = dto.reasoning.trim();
      o.decidedByKeyId = actor.keyId;
      o.decidedByRole = actor.role;
      o.decidedAt = now;
      o.nextAlertAt = null;
      return Promise.resolve({
        kind: 'obligation-not-required' as const,
        data: { hop: o.hop, reasoning: o.notRequiredReasoning },
      });
    });
  }

  /** Sets an anchor and everything that follows from it. Used by hand and (later) on delivery of our notice. */
  async anchor(em: EntityManager, o: Obligation, anchorAt: Date, reason: string): Promise<void> {
    const fired = await this.firedStages(em, [o.id]);
    o.anchorAt = anchorAt;
    o.anchorReason = reason;
    o.dueAt = dueAt({ anchor: anchorAt, hours: o.windowHours });
    o.status = 'open';
    o.effectiveDueAt = effectiveDueAt(o);
    o.nextAlertAt = nextStageAt(anchorAt, o.dueAt, fired.get(o.id) ?? []);
    await em.save(o);
  }

  /**
   * Brings the incident's authority and data-subject obligations in line with what the decisions now require.
   * Closes what is no longer owed (not-required, with the decision's reasoning), re-opens what an earlier decision
   * closed and is owed again, and opens a data-subject obligation per controller on high risk (anchored at the
   * decision). Obligations already met, or closed by hand, are left as they are.
   */
  async applyRequirements(
    em: EntityManager,
    incidentId: string,
    required: { authority: boolean; dataSubjects: boolean },
    decision: {
      id: string;
      reasoning: string;
      decidedAt: Date;
      decidedByKeyId: string | null;
      decidedByRole: string;
    },
  ): Promise<{ closed: Obligation[]; reopened: Obligation[]; opened: Obligation[] }> {
    const rows = await em.find(Obligation, { where: { incidentId }, lock: { mode: 'pessimistic_write' } });
    const fired = await this.firedStages(
      em,
      rows.map((r) => r.id),
    );
    const closed: Obligation[] = [];
    const reopened: Obligation[] = [];
    const opened: Obligation[] = [];

    for (const o of rows) {
      if (o.hop === 'processor-to-controller') continue;
      const owed = o.hop === 'controller-to-authority' ? required.authority : required.dataSubjects;
      if (!owed && (o.status === 'open' || o.status === 'awaiting-anchor')) {
        o.status = 'not-required';
        o.notRequiredReasoning = decision.reasoning;
        o.decidedByKeyId = decision.decidedByKeyId;
        o.decidedByRole = decision.decidedByRole;
        o.decidedAt = decision.decidedAt;
        o.closedByDecisionId = decision.id;
        o.nextAlertAt = null;
        closed.push(await em.save(o));
      } else if (owed && o.status === 'not-required' && o.closedByDecisionId) {
        if (o.hop === 'controller-to-data-subjects') {
          // Owed again from this decision: Art. 34 runs from when the high risk is established.
          o.anchorAt = decision.decidedAt;
          o.dueAt = dueAt({ anchor: decision.decidedAt, hours: o.windowHours });
        }
        o.status = o.anchorAt ? 'open' : 'awaiting-anchor';
        o.notRequiredReasoning = null;
        o.decidedByKeyId = null;
        o.decidedByRole = null;
        o.decidedAt = null;
        o.closedByDecisionId = null;
        o.effectiveDueAt = effectiveDueAt(o);
        o.nextAlertAt =
          o.anchorAt && o.dueAt ? nextStageAt(o.anchorAt, o.dueAt, fired.get(o.id) ?? []) : null;
        reopened.push(await em.save(o));
      }
    }

    if (required.dataSubjects) {
      const have = new Set(
        rows.filter((r) => r.hop === 'controller-to-data-subjects').map((r) => r.controllerId),
      );
      const controllerIds = [...new Set(rows.map((r) => r.controllerId))].filter((id) => !have.has(id));
      for (const controllerId of controllerIds) {
        const template =
          rows.find((r) => r.controllerId === controllerId && r.hop === 'controller-to-authority') ??
          rows.find((r) => r.controllerId === controllerId)!;
        const hours = this.config.DATA_SUBJECT_TARGET_HOURS;
        const due = dueAt({ anchor: decision.decidedAt, hours });
        opened.push(
          await em.save(
            em.create(Obligation, {
              incidentId,
              hop: 'controller-to-data-subjects',
              controllerId,
              authorityId: null,
              anchorAt: decision.decidedAt,
              anchorReason: 'High risk established by decision',
              dueAt: due,
              conservativeDueAt: null,
              effectiveDueAt: due,
              windowHours: hours,
              // Art. 34: "without undue delay" names no number: our target.
              basis: 'target',
              status: 'open',
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
              nextAlertAt: nextStageAt(decision.decidedAt, due, []),
            }),
          ),
        );
      }
    }
    return { closed, reopened, opened };
  }

  async toDtos(em: EntityManager, rows: Obligation[]): Promise<ObligationDto[]> {
    if (rows.length === 0) return [];
    const controllerIds = [...new Set(rows.map((r) => r.controllerId))];
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
    const now = this.clock.now();
    return rows.map((o) => mapObligation(o, { now, timeZone: zones.get(o.controllerId) ?? 'UTC', alerts }));
  }

  private async toDto(em: EntityManager, o: Obligation): Promise<ObligationDto> {
    return (await this.toDtos(em, [o]))[0];
  }

  /**
   * One change to one obligation: visibility and permission checked, row locked, the change applied, a timeline entry
   * and an audit row written, all in one transaction.
   */
  private change(
    actor: Actor,
    incidentId: string,
    obligationId: string,
    apply: (
      em: EntityManager,
      o: Obligation,
      now: Date,
    ) => Promise<{
      kind: 'anchor-set' | 'obligation-met' | 'obligation-not-required';
      data: Record<string, unknown>;
    }>,
  ): Promise<ObligationDto> {
    return this.dataSource.transaction(async (em) => {
      const o = await this.findVisible(em, actor, incidentId, obligationId, true);
      if (actor.role === 'controller' && o.hop === 'processor-to-controller') {
        throw new ObligationException(
          ObligationExceptionCode.NOT_PERMITTED,
          'A controller key acts on its own authority and data-subject obligations only',
        );
      }
      const now = this.clock.now();
      const before = await this.toDto(em, o);
      const event = await apply(em, o, now);
      await em.save(o);
      const after = await this.toDto(em, o);
      await this.timeline.append(em, {
        incidentId: o.incidentId,
        at: now,
        kind: event.kind,
        actor: auditActor(actor),
        controllerId: o.controllerId,
        data: { obligationId: o.id, ...event.data },
      });
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

  private async firedStages(em: EntityManager, obligationIds: string[]): Promise<Map<string, AlertStage[]>> {
    const fired = new Map<string, AlertStage[]>();
    if (obligationIds.length === 0) return fired;
    for (const a of await em.find(ObligationAlert, { where: { obligationId: In(obligationIds) } })) {
      fired.set(a.obligationId, [...(fired.get(a.obligationId) ?? []), a.stage as AlertStage]);
    }
    return fired;
  }
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
