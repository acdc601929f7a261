import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, auditActor } from '../access/roles';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import type { Page } from '../common/paging';
import { isPastDue } from '../obligations/deadline.util';
import { ObligationsService } from '../obligations/obligations.service';
import { enisaScore, EnisaInputs } from '../forms/enisa.util';
import { FormAnswer } from '../forms/form-answer.entity';
import { IncidentsService } from '../incidents/incidents.service';
import { TimelineService } from '../timeline/timeline.service';
import { decisionsInForce, dutiesOwed } from './decisions-in-force.util';
import {
  ART34_EXCEPTIONS,
  BREACH_FINDINGS,
  CLASSIFICATION_VALUES,
  Decision,
  DECISION_KINDS,
  type DecisionKind,
  RISK_VALUES,
} from './decision.entity';
import type { Classification } from '../regimes/regime-definition';
import { RegimesService } from '../regimes/regimes.service';
import { DecisionException, DecisionExceptionCode } from './decisions.exception';
import { CreateDecisionDto, DecisionDto, DecisionListQueryDto, mapDecision } from './dto/decision.dto';

/** The values each kind of decision takes. */
const VALUES: Record<DecisionKind, readonly string[]> = {
  risk: RISK_VALUES,
  'art34-exception': ART34_EXCEPTIONS,
  'not-a-personal-data-breach': BREACH_FINDINGS,
};

function isGdprKind(kind: string): kind is DecisionKind {
  return (DECISION_KINDS as readonly string[]).includes(kind);
}

/** A classification took effect between the discovery and now: neither in the future nor before we knew of anything. */
function checkEffectiveAt(effectiveAt: Date, at: { now: Date; discoveredAt: Date }): void {
  const messages = [
    ...(isPastDue(at.now, effectiveAt)
      ? [`is later than now (${at.now.toISOString()}): a classification cannot take effect in the future`]
      : []),
    ...(isPastDue(effectiveAt, at.discoveredAt)
      ? [
          `is earlier than discoveredAt (${at.discoveredAt.toISOString()}): nothing was classified before the incident was discovered`,
        ]
      : []),
  ];
  if (messages.length) {
    throw new DecisionException(DecisionExceptionCode.INVALID_DECISION, 'effectiveAt is out of range', [
      { field: 'effectiveAt', messages },
    ]);
  }
}

@Injectable()
export class DecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly incidents: IncidentsService,
    private readonly obligations: ObligationsService,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    private readonly regimes: RegimesService,
  ) {}

  /** The classifications the current regimes declare (NIS2's significant incident, DORA's major ICT-related incident, …). */
  async classifications(): Promise<Classification[]> {
    const declared = [...(await this.regimes.current(this.dataSource.manager)).values()].flatMap(
      (r) => r.definition.classifications,
    );
    return declared.filter((c, i) => declared.findIndex((d) => d.id === c.id) === i);
  }

  /**
   * The classification a decision of this kind makes (NIS2's significant incident, DORA's major ICT-related
   * incident, or one a regime added through the API declares), its criteria checked against the regime's inputs.
   */
  private async classification(dto: CreateDecisionDto): Promise<Classification> {
    const declared = await this.classifications();
    const found = declared.find((c) => c.id === dto.kind);
    if (!found) {
      throw new DecisionException(
        DecisionExceptionCode.INVALID_DECISION,
        `Unknown decision kind: ${dto.kind}`,
        [
          {
            field: 'kind',
            messages: [
              `one of ${[...DECISION_KINDS, ...declared.map((c) => c.id)].join(', ')} (a regime's classification, see GET /regimes)`,
            ],
          },
        ],
      );
    }
    const unknown = Object.keys(dto.criteria ?? {}).filter((k) => !found.criteria.includes(k));
    const badValue = Object.entries(dto.criteria ?? {}).filter(
      ([, v]) =>
        !['string', 'number', 'boolean'].includes(typeof v) || (typeof v === 'string' && v.length > 2000),
    );
    if (unknown.length || badValue.length) {
      throw new DecisionException(DecisionExceptionCode.INVALID_DECISION, 'Invalid criteria', [
        ...unknown.map((k) => ({
          field: `criteria.${k}`,
          messages: [`not a criterion of ${found.id}: ${found.criteria.join(', ')}`],
        })),
        ...badValue.map(([k]) => ({
          field: `criteria.${k}`,
          messages: ['a criterion is a text (up to 2,000 characters), a number or true/false'],
        })),
      ]);
    }
    return found;
  }

  async list(actor: Actor, incidentId: string, query: DecisionListQueryDto): Promise<Page<DecisionDto>> {
    await this.incidents.findVisible(this.dataSource.manager, actor, incidentId, false);
    // Which decision is in force is judged over the whole history (a later one supersedes), so the history is read
    // whole and the page cut from it: an incident's decisions are a handful, not thousands.
    const all = await this.dataSource.manager.find(Decision, {
      where: { incidentId },
      order: { seq: 'ASC' },
    });
    const items = all.slice(query.offset, query.offset + query.limit).map((d) => mapDecision(d, all));
    return { items, total: all.length, limit: query.limit, offset: query.offset };
  }

  /** The whole history, oldest first: what a page shows beside the decision in force. */
  async history(actor: Actor, incidentId: string): Promise<DecisionDto[]> {
    await this.incidents.findVisible(this.dataSource.manager, actor, incidentId, false);
    const all = await this.dataSource.manager.find(Decision, {
      where: { incidentId },
      order: { seq: 'ASC' },
    });
    return all.map((d) => mapDecision(d, all));
  }

  /** Records a decision with its reasoning, and brings the authority and data-subject obligations in line with it. */
  async decide(actor: Actor, incidentId: string, dto: CreateDecisionDto): Promise<DecisionDto> {
    const classification = isGdprKind(dto.kind) ? null : await this.classification(dto);
    const allowed = isGdprKind(dto.kind) ? VALUES[dto.kind] : CLASSIFICATION_VALUES;
    if (!allowed.includes(dto.value)) {
      throw new DecisionException(
        DecisionExceptionCode.INVALID_DECISION,
        `${dto.value} is not a ${dto.kind} decision`,
        [{ field: 'value', messages: [`a ${dto.kind} decision is one of ${allowed.join(', ')}`] }],
      );
    }
    if (!classification && dto.criteria !== undefined) {
      throw new DecisionException(
        DecisionExceptionCode.INVALID_DECISION,
        'criteria go with a classification',
        [{ field: 'criteria', messages: ["only a regime's classification decision records criteria"] }],
      );
    }
    if (!classification && dto.effectiveAt !== undefined) {
      throw new DecisionException(
        DecisionExceptionCode.INVALID_DECISION,
        'effectiveAt goes with a classification',
        [
          {
            field: 'effectiveAt',
            messages: ["only a regime's classification decision records when it took effect"],
          },
        ],
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
      const incident = await this.incidents.findVisible(em, actor, incidentId, true);
      const history = await em.find(Decision, { where: { incidentId }, order: { seq: 'ASC' } });
      if (dto.kind === 'art34-exception' && !dutiesOwed(decisionsInForce(history)).dataSubjects) {
        throw new DecisionException(
          DecisionExceptionCode.NOTHING_TO_EXEMPT,
          'No Art. 34 notice is owed (no high-risk decision in force, or an exception already made): there is nothing to exempt',
        );
      }
      if (dto.kind === 'not-a-personal-data-breach' && dto.value === 'withdrawn') {
        if (!decisionsInForce(history).notAPersonalDataBreach) {
          throw new DecisionException(
            DecisionExceptionCode.NOTHING_TO_WITHDRAW,
            'No finding that this is not a personal data breach is in force: there is nothing to withdraw',
          );
        }
      }
      const now = this.clock.now();
      const effectiveAt = dto.effectiveAt === undefined ? null : new Date(dto.effectiveAt);
      if (effectiveAt) checkEffectiveAt(effectiveAt, { now, discoveredAt: incident.discoveredAt });
      const enisaAnswer = await em.findOneBy(FormAnswer, { incidentId, key: 'enisa', state: 'known' });
      const decision = await em.save(
        em.create(Decision, {
          incidentId,
          kind: dto.kind,
          value: dto.value as Decision['value'],
          reasoning: dto.reasoning.trim(),
          criteria: classification ? (dto.criteria ?? {}) : null,
          publicCommunication: dto.publicCommunication ? { ...dto.publicCommunication } : null,
          enisa: enisaAnswer ? enisaScore(enisaAnswer.value as EnisaInputs) : null,
          decidedAt: now,
          effectiveAt,
          decidedByKeyId: actor.keyId,
          decidedByRole: actor.role,
          decidedByLabel: actor.label ?? null,
        }),
      );
      const all = [...history, decision];
      await this.timeline.append(em, {
        incidentId,
        at: now,
        kind: 'decision',
        actor: auditActor(actor),
        data: {
          decisionId: decision.id,
          kind: dto.kind,
          value: dto.value,
          reasoning: decision.reasoning,
          ...(classification ? { criteria: decision.criteria } : {}),
          ...(effectiveAt ? { effectiveAt: effectiveAt.toISOString() } : {}),
        },
      });
      const changes = await this.obligations.reconcile(em, incident, auditActor(actor), now);
      const ids = (kind: string) => [
        ...new Set(changes.filter((c) => c.event.kind === kind).map((c) => c.obligation.id)),
      ];
      const after = mapDecision(decision, all);
      await this.audit.record(em, {
        actor: auditActor(actor),
        action: `decision.${dto.kind}`,
        entityType: 'incident',
        entityId: incidentId,
        after: {
          decision: after,
          closed: ids('obligation-not-required'),
          reopened: ids('obligation-reopened'),
          opened: ids('obligation-opened'),
        },
      });
      return after;
    });
  }
}
