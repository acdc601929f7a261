import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { type Actor, auditActor } from '../access/roles';
import { AuditService } from '../audit/audit.service';
import type { Authority } from '../authorities/authority.entity';
import { lintAgreement } from '../agreements/agreement-lint.util';
import { AgreementsService } from '../agreements/agreements.service';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/config';
import { decisionsInForce } from '../decisions/decisions-in-force.util';
import { isGdprHop } from '../obligations/obligation.util';
import { ObligationsService } from '../obligations/obligations.service';
import { canonicalJson } from '../common/canonical-json.util';
import { FieldError } from '../common/error-body';
import { DataController } from '../data-controllers/data-controller.entity';
import { Decision } from '../decisions/decision.entity';
import { IncidentController } from '../incidents/incident-controller.entity';
import { Incident } from '../incidents/incident.entity';
import { IncidentsService } from '../incidents/incidents.service';
import { ReportStages } from '../regimes/reports/report-stage';
import { TimelineService } from '../timeline/timeline.service';
import { layoutAuthorityForm } from './authority-form';
import {
  CATALOGUE,
  CatalogueField,
  FIELDS_BY_KEY,
  fieldsForContentItem,
  Phase,
  walkThroughFields,
} from './catalogue';
import { FormViewDto, SavePhaseDto } from './dto/form.dto';
import { enisaScore, EnisaInputs } from './enisa.util';
import { FormAnswer } from './form-answer.entity';
import { FormPhase } from './form-phase.entity';
import { Answer, answerProblems, isAnswered, walkThrough } from './form.util';
import { FormException, FormExceptionCode } from './forms.exception';
import type { TextLanguage } from './render.util';

/** Everything known about an incident's notification content, for the form, the authority's form and the register. */
export interface IncidentContent {
  incident: Incident;
  controllers: DataController[];
  answers: Map<string, Answer>;
  completed: Set<Phase>;
  decisions: Decision[];
}

@Injectable()
export class FormsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly incidents: IncidentsService,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    private readonly obligations: ObligationsService,
    private readonly agreements: AgreementsService,
    private readonly config: AppConfig,
    private readonly stages: ReportStages,
  ) {}

  async view(actor: Actor, incidentId: string): Promise<FormViewDto> {
    const em = this.dataSource.manager;
    const incident = await this.incidents.findVisible(em, actor, incidentId, false);
    return this.toView(em, await this.content(em, incident), await this.fieldsOf(em, incident));
  }

  /**
   * The walk-through's fields for this incident: GDPR's, and what the reports of the other regimes' stages it owes
   * carry (NIS2's indicators of compromise, DORA's classification criteria). A field shared by several reports is
   * asked once and fills them all.
   */
  async fieldsOf(em: EntityManager, incident: Incident): Promise<CatalogueField[]> {
    const owed = await this.stages.owedBy(em, incident);
    return walkThroughFields(new Set(owed.flatMap((s) => s.content)));
  }

  /** Saves answers for one phase (partial saves allowed). Each change is in the timeline: who, when, old → new. */
  async save(actor: Actor, incidentId: string, phase: Phase, dto: SavePhaseDto): Promise<FormViewDto> {
    this.assertMayWork(actor, phase);
    const problems: FieldError[] = [];
    for (const [key, answer] of Object.entries(dto.fields)) {
      const field = FIELDS_BY_KEY.get(key);
      if (!field) problems.push({ field: `fields.${key}`, messages: ['no such field in the catalogue'] });
      else if (field.phase !== phase)
        problems.push({ field: `fields.${key}`, messages: [`belongs to the ${field.phase} phase`] });
      else if (
        typeof answer !== 'object' ||
        answer === null ||
        !['known', 'unknown', 'not-applicable'].includes(answer.state)
      ) {
        problems.push({
          field: `fields.${key}`,
          messages: ['must be { state: known | unknown | not-applicable, value?, reason? }'],
        });
      } else {
        const extra = Object.keys(answer).filter((k) => !['state', 'value', 'reason'].includes(k));
        const found = [
          ...answerProblems(field, answer),
          ...(extra.length ? [`unexpected: ${extra.join(', ')}`] : []),
        ];
        if (found.length) problems.push({ field: `fields.${key}`, messages: found });
      }
    }
    if (problems.length) {
      throw new FormException(
        FormExceptionCode.INVALID_ANSWERS,
        `Invalid answers: ${problems.map((p) => p.field).join(', ')}`,
        problems,
      );
    }

    return this.dataSource.transaction(async (em) => {
      const incident = await this.incidents.findVisible(em, actor, incidentId, true);
      const fields = await this.fieldsOf(em, incident);
      const asked = new Set(fields.map((f) => f.key));
      const notAsked = Object.keys(dto.fields).filter((key) => !asked.has(key));
      if (notAsked.length) {
        throw new FormException(
          FormExceptionCode.INVALID_ANSWERS,
          `Invalid answers: ${notAsked.map((k) => `fields.${k}`).join(', ')}`,
          notAsked.map((key) => ({
            field: `fields.${key}`,
            messages: ['no report this incident owes asks for it'],
          })),
        );
      }
      const now = this.clock.now();
      const existing = new Map((await em.find(FormAnswer, { where: { incidentId } })).map((a) => [a.key, a]));
      const changes: { key: string; before: unknown; after: unknown }[] = [];
      for (const [key, answer] of Object.entries(dto.fields)) {
        const before = existing.get(key);
        const next = {
          state: answer.state,
          value: answer.state === 'known' ? answer.value : null,
          reason: answer.state === 'not-applicable' ? answer.reason!.trim() : null,
        };
        const old = before
          ? { state: before.state, value: before.value ?? null, reason: before.reason }
          : null;
        if (old && canonicalJson(old) === canonicalJson(next)) continue;
        await em.save(
          em.create(FormAnswer, {
            incidentId,
            key,
            ...next,
            updatedAt: now,
            updatedByKeyId: actor.keyId,
            updatedByRole: actor.role,
          }),
        );
        changes.push({ key, before: old, after: next });
      }
      if (changes.length) {
        await this.timeline.append(em, {
          incidentId,
          at: now,
          kind: 'form-saved',
          actor: auditActor(actor),
          data: { phase, changes },
        });
        await this.audit.record(em, {
          actor: auditActor(actor),
          action: 'form.save',
          entityType: 'incident',
          entityId: incidentId,
          before: { phase, answers: Object.fromEntries(changes.map((c) => [c.key, c.before])) },
          after: { phase, answers: Object.fromEntries(changes.map((c) => [c.key, c.after])) },
        });
      }
      return this.toView(em, await this.content(em, incident), fields);
    });
  }

  /** Declares a phase complete; refused (422, listing every missing field) while anything is missing. */
  async complete(actor: Actor, incidentId: string, phase: Phase): Promise<FormViewDto> {
    this.assertMayWork(actor, phase);
    return this.dataSource.transaction(async (em) => {
      const incident = await this.incidents.findVisible(em, actor, incidentId, true);
      const content = await this.content(em, incident);
      const fields = await this.fieldsOf(em, incident);
      const view = walkThrough(content.answers, content.completed, fields).phases.find(
        (p) => p.key === phase,
      )!;
      if (view.missing.length) {
        throw new FormException(
          FormExceptionCode.PHASE_INCOMPLETE,
          `The ${phase} phase still misses ${view.missing.join(', ')}`,
          view.missing.map((key) => ({
            field: `fields.${key}`,
            messages: [
              content.answers.get(key)?.state === 'unknown'
                ? 'unknown is not enough in this phase'
                : 'not answered',
            ],
          })),
        );
      }
      if (!content.completed.has(phase)) {
        const now = this.clock.now();
        await em.insert(FormPhase, {
          incidentId,
          phase,
          completedAt: now,
          completedByKeyId: actor.keyId,
          completedByRole: actor.role,
        });
        await this.timeline.append(em, {
          incidentId,
          at: now,
          kind: 'phase-completed',
          actor: auditActor(actor),
          data: { phase },
        });
        await this.audit.record(em, {
          actor: auditActor(actor),
          action: 'form.complete-phase',
          entityType: 'incident',
          entityId: incidentId,
          after: { phase },
        });
        content.completed.add(phase);
      }
      return this.toView(em, content, fields);
    });
  }

  /** Answers saved in the form, and what the incident's own facts already say for fields nobody has answered. */
  async content(em: EntityManager, incident: Incident): Promise<IncidentContent> {
    return (await this.contents(em, [incident]))[0];
  }

  /**
   * The content as one controller's notice or authority form reads it: that controller only, not the thousands of
   * others a breach on a shared platform can affect (a notice to one controller names none of the others). Given the
   * controller itself (a letter, whose obligation shows it affected), in three queries; given its id, it is among the
   * content's controllers only if the incident affects it.
   */
  async contentFor(
    em: EntityManager,
    incident: Incident,
    controller: string | DataController,
  ): Promise<IncidentContent> {
    if (typeof controller === 'string') return (await this.contents(em, [incident], controller))[0];
    const facts = await this.factsOf(em, [incident.id]);
    return this.contentOf(
      incident,
      [controller],
      facts.answers(incident.id),
      facts.phases(incident.id),
      facts.decisions(incident.id),
    );
  }

  /**
   * `content` for many incidents at once, in the same five queries however many there are (the register reads
   * them a batch at a time). The ids go as one array parameter, so no batch meets PostgreSQL's limit on parameters.
   */
  async contents(
    em: EntityManager,
    incidents: Incident[],
    controllerId?: string,
  ): Promise<IncidentContent[]> {
    if (incidents.length === 0) return [];
    const ids = incidents.map((i) => i.id);
    const links = byIncident(
      await em
        .getRepository(IncidentController)
        .createQueryBuilder('ic')
        .where('ic.incident_id = ANY(:ids)', { ids })
        .andWhere(controllerId ? 'ic.controller_id = :controllerId' : 'TRUE', { controllerId })
        .getMany(),
    );
    const controllers = await em
      .getRepository(DataController)
      .createQueryBuilder('c')
      .where(
        'c.id IN (SELECT ic.controller_id FROM incident_controller ic WHERE ic.incident_id = ANY(:ids))',
        {
          ids,
        },
      )
      .andWhere(controllerId ? 'c.id = :controllerId' : 'TRUE', { controllerId })
      .orderBy('c.name', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getMany();
    const facts = await this.factsOf(em, ids);
    return incidents.map((incident) => {
      const affected = new Set(links(incident.id).map((l) => l.controllerId));
      return this.contentOf(
        incident,
        controllers.filter((c) => affected.has(c.id)),
        facts.answers(incident.id),
        facts.phases(incident.id),
        facts.decisions(incident.id),
      );
    });
  }

  /** The saved answers, completed phases and decisions of these incidents, each looked up by incident. */
  private async factsOf(em: EntityManager, ids: string[]) {
    const answers = byIncident(
      await em
        .getRepository(FormAnswer)
        .createQueryBuilder('a')
        .where('a.incident_id = ANY(:ids)', { ids })
        .getMany(),
    );
    const phases = byIncident(
      await em
        .getRepository(FormPhase)
        .createQueryBuilder('p')
        .where('p.incident_id = ANY(:ids)', { ids })
        .getMany(),
    );
    const decisions = byIncident(
      await em
        .getRepository(Decision)
        .createQueryBuilder('d')
        .where('d.incident_id = ANY(:ids)', { ids })
        .orderBy('d.seq', 'ASC')
        .getMany(),
    );
    return { answers, phases, decisions };
  }

  private contentOf(
    incident: Incident,
    controllers: DataController[],
    saved: FormAnswer[],
    phases: FormPhase[],
    decisions: Decision[],
  ): IncidentContent {
    const answers = new Map<string, Answer>();
    const derived: Record<string, unknown> = {
      occurredSpan:
        incident.occurredFrom || incident.occurredTo
          ? { from: incident.occurredFrom?.toISOString(), to: incident.occurredTo?.toISOString() }
          : undefined,
      discovery: incident.detection ?? undefined,
      breachTypes: incident.breachTypes,
      servicesAndSystems: incident.services.length ? incident.services : undefined,
      affectedControllers: controllers.length ? controllers.map((c) => c.name) : undefined,
      // Asked only by other regimes' reports (DORA's fields 2.1 and 2.2): our reference and when we detected it.
      incidentReference: incident.reference,
      detectedAt: incident.discoveredAt.toISOString(),
    };
    for (const [key, value] of Object.entries(derived))
      if (value !== undefined) answers.set(key, { state: 'known', value, derived: true });
    for (const a of saved) {
      answers.set(a.key, {
        state: a.state,
        ...(a.value !== null ? { value: a.value } : {}),
        ...(a.reason ? { reason: a.reason } : {}),
      });
    }
    const completed = new Set(phases.map((p) => p.phase));
    return { incident, controllers, answers, completed, decisions };
  }

  /**
   * One controller's authority form for this content, and what it rests on: the API's authority form and the letters
   * lay the content out from the same input. The risk decision and the Art. 34(3) exception are those in force: a
   * superseded one is in the record, never in what is sent.
   * @param at when the form is (or the notification will be) given: lateness and so the reasons for a delay hang on it.
   * @param reasonsForDelay those a filing gives: what that notification says.
   */
  async authorityLayout(
    em: EntityManager,
    c: IncidentContent,
    controller: DataController,
    authority: Pick<Authority, 'formStyle' | 'languages'>,
    options: { zone: string; at: Date; language?: TextLanguage; reasonsForDelay?: string | null },
  ) {
    const authorityObligation = await this.obligations.authorityObligation(em, c.incident.id, controller.id);
    const { risk, art34Exception } = decisionsInForce(c.decisions);
    const controllerAwareAt = authorityObligation?.anchorAt ?? null;
    const layout = layoutAuthorityForm(authority.formStyle, {
      zone: options.zone,
      languages: options.language ? [options.language] : authority.languages,
      at: options.at,
      answers: c.answers,
      completed: c.completed,
      controllerName: controller.name,
      controllerDpo: controller.dpo ?? null,
      discoveredAt: c.incident.discoveredAt,
      processorAwareAt: c.incident.processorAwareAt,
      controllerAwareAt,
      risk: risk ? { value: risk.value, reasoning: risk.reasoning } : null,
      exception: art34Exception ? { value: art34Exception.value, reasoning: art34Exception.reasoning } : null,
      obligation: authorityObligation,
      reasonsForDelay: options.reasonsForDelay,
    });
    return { layout, controllerAwareAt, risk: risk?.value ?? null };
  }

  private async toView(
    em: EntityManager,
    c: IncidentContent,
    fields: CatalogueField[],
  ): Promise<FormViewDto> {
    const { phases, next } = walkThrough(c.answers, c.completed, fields);
    const risk = decisionsInForce(c.decisions).risk?.value ?? null;
    const controllers = [];
    // The terms each controller's obligations recorded when it was affected: editing the agreement later changes
    // nothing already under way.
    const recorded = new Map(
      (await this.obligations.forIncidents(em, [c.incident.id]))
        .filter(isGdprHop)
        .filter((o) => o.hop === 'processor-to-controller')
        .map((o) => [o.controllerId, o]),
    );
    for (const controller of c.controllers) {
      const obligation = recorded.get(controller.id);
      if (!obligation) throw new Error(`Controller ${controller.id} is affected but has no obligation`);
      const terms = obligation.terms;
      // "Only where there is a risk" counts until someone has decided there is none.
      const requiredItems = terms.requiredContent
        .filter((r) => r.when === 'always' || risk !== 'no-risk')
        .map((r) => r.item);
      const lacking = requiredItems.flatMap((item) =>
        fieldsForContentItem(item)
          .filter((f) => c.answers.get(f.key)?.state !== 'known')
          .map((f) => ({ item, field: f.key, state: c.answers.get(f.key)?.state ?? 'missing' })),
      );
      controllers.push({
        controllerId: controller.id,
        agreementId: obligation.agreementId,
        agreementVersion: obligation.agreementVersion,
        phased: terms.phased,
        requiredItems,
        lacking,
        // The lint of the version this incident runs under, not of whatever the agreement says today.
        warnings: lintAgreement(
          (await this.agreements.versionOf(em, obligation.agreementId, obligation.agreementVersion)).profile,
          this.config.defaultTargets,
        ),
      });
    }
    const enisaAnswer = c.answers.get('enisa');
    return {
      phases: phases.map((p) => ({ ...p, title: CATALOGUE.phases.find((x) => x.key === p.key)!.labels })),
      next,
      controllers,
      fields: fields.map((f) => {
        const a = c.answers.get(f.key);
        return {
          key: f.key,
          phase: f.phase,
          type: f.type,
          labels: f.labels,
          sources: f.sources,
          state: a?.state ?? null,
          ...(a?.value !== undefined ? { value: a.value } : {}),
          ...(a?.reason ? { reason: a.reason } : {}),
          derived: a?.derived ?? false,
          answered: isAnswered(f, a),
        };
      }),
      enisa: enisaAnswer?.state === 'known' ? enisaScore(enisaAnswer.value as EnisaInputs) : null,
      risk,
    };
  }

  private assertMayWork(actor: Actor, phase: Phase): void {
    if (actor.role === 'responder' && phase !== 'initial') {
      throw new FormException(
        FormExceptionCode.NOT_PERMITTED,
        'A responder fills in the first phase; the DPO the rest',
      );
    }
  }
}

/** Rows grouped by their incident: a lookup that answers [] for an incident with none. */
function byIncident<T extends { incidentId: string }>(rows: T[]): (id: string) => T[] {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.incidentId);
    if (list) list.push(row);
    else map.set(row.incidentId, [row]);
  }
  return (id: string) => map.get(id) ?? [];
}
