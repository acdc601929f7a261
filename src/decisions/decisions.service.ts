import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, auditActor } from '../access/roles';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { ObligationsService } from '../obligations/obligations.service';
import { enisaScore, EnisaInputs } from '../forms/enisa.util';
import { FormAnswer } from '../forms/form-answer.entity';
import { IncidentsService } from '../incidents/incidents.service';
import { NewTimelineEntry, TimelineService } from '../timeline/timeline.service';
import { decisionsInForce, dutiesOwed } from './decisions-in-force.util';
import { ART34_EXCEPTIONS, BREACH_FINDINGS, Decision, RISK_VALUES } from './decision.entity';
import { DecisionException, DecisionExceptionCode } from './decisions.exception';
import { CreateDecisionDto, DecisionDto, mapDecision } from './dto/decision.dto';

const EXCEPTION_CLAUSE: Record<string, string> = {
  unintelligible: 'Art. 34(3)(a)',
  'subsequent-measures': 'Art. 34(3)(b)',
  'disproportionate-effort': 'Art. 34(3)(c)',
};

@Injectable()
export class DecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly incidents: IncidentsService,
    private readonly obligations: ObligationsService,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, incidentId: string): Promise<DecisionDto[]> {
    await this.incidents.findVisible(this.dataSource.manager, actor, incidentId, false);
    const all = await this.dataSource.manager.find(Decision, {
      where: { incidentId },
      order: { seq: 'ASC' },
    });
    return all.map((d) => mapDecision(d, all));
  }

  /** Records a decision with its reasoning, and brings the authority and data-subject obligations in line with it. */
  async decide(actor: Actor, incidentId: string, dto: CreateDecisionDto): Promise<DecisionDto> {
    const allowed: readonly string[] =
      dto.kind === 'risk' ? RISK_VALUES : dto.kind === 'art34-exception' ? ART34_EXCEPTIONS : BREACH_FINDINGS;
    if (!allowed.includes(dto.value)) {
      throw new DecisionException(
        DecisionExceptionCode.INVALID_DECISION,
        `${dto.value} is not a ${dto.kind} decision`,
        [{ field: 'value', messages: [`a ${dto.kind} decision is one of ${allowed.join(', ')}`] }],
      );
    }
    if ((dto.value === 'disproportionate-effort') !== (dto.publicCommunication !== undefined)) {
      throw new DecisionException(
        DecisionExceptionCode.INVALID_DECISION,
        'publicCommunication goes with disproportionate-effort',
        [
          {
            field: 'publicCommunication',
            messages: [
              dto.value === 'disproportionate-effort'
                ? 'Art. 34(3)(c): a public communication must replace the individual notices; record it'
                : 'only a disproportionate-effort exception records a public communication',
            ],
          },
        ],
      );
    }

    return this.dataSource.transaction(async (em) => {
      await this.incidents.findVisible(em, actor, incidentId, true);
      const history = await em.find(Decision, { where: { incidentId }, order: { seq: 'ASC' } });
      if (dto.kind === 'art34-exception' && !dutiesOwed(decisionsInForce(history)).dataSubjects) {
        throw new DecisionException(
          DecisionExceptionCode.NOTHING_TO_EXEMPT,
          'No Art. 34 notice is owed (no high-risk decision in force, or an exception already made): there is nothing to exempt',
        );
      }
      const now = this.clock.now();
      const enisaAnswer = await em.findOneBy(FormAnswer, { incidentId, key: 'enisa', state: 'known' });
      const decision = await em.save(
        em.create(Decision, {
          incidentId,
          kind: dto.kind,
          value: dto.value as Decision['value'],
          reasoning: dto.reasoning.trim(),
          publicCommunication: dto.publicCommunication ? { ...dto.publicCommunication } : null,
          enisa: enisaAnswer ? enisaScore(enisaAnswer.value as EnisaInputs) : null,
          decidedAt: now,
          decidedByKeyId: actor.keyId,
          decidedByRole: actor.role,
        }),
      );
      const all = [...history, decision];
      const reasoning =
        dto.kind === 'art34-exception'
          ? `${EXCEPTION_CLAUSE[dto.value]} (${dto.value}): ${decision.reasoning}`
          : decision.reasoning;
      const effects = await this.obligations.applyRequirements(em, incidentId, dutiesOwed(decisionsInForce(all)), {
        ...decision,
        reasoning,
      });

      const entries: NewTimelineEntry[] = [
        {
          incidentId,
          at: now,
          kind: 'decision',
          actor: auditActor(actor),
          data: { decisionId: decision.id, kind: dto.kind, value: dto.value, reasoning: decision.reasoning },
        },
        ...effects.closed.map((o) => ({
          incidentId,
          at: now,
          kind: 'obligation-not-required' as const,
          actor: auditActor(actor),
          controllerId: o.controllerId,
          data: { obligationId: o.id, hop: o.hop, decisionId: decision.id },
        })),
        ...effects.reopened.map((o) => ({
          incidentId,
          at: now,
          kind: 'obligation-reopened' as const,
          actor: auditActor(actor),
          controllerId: o.controllerId,
          data: { obligationId: o.id, hop: o.hop, decisionId: decision.id, status: o.status },
        })),
        ...effects.opened.map((o) => ({
          incidentId,
          at: now,
          kind: 'obligation-opened' as const,
          actor: auditActor(actor),
          controllerId: o.controllerId,
          data: { obligationId: o.id, hop: o.hop, decisionId: decision.id, dueAt: o.dueAt?.toISOString() },
        })),
      ];
      await this.timeline.append(em, ...entries);
      const after = mapDecision(decision, all);
      await this.audit.record(em, {
        actor: auditActor(actor),
        action: `decision.${dto.kind}`,
        entityType: 'incident',
        entityId: incidentId,
        after: {
          decision: after,
          closed: effects.closed.map((o) => o.id),
          reopened: effects.reopened.map((o) => o.id),
          opened: effects.opened.map((o) => o.id),
        },
      });
      return after;
    });
  }
}
