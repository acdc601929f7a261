import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { type Actor, auditActor } from '../access/roles';
import type { AgreementProfileDto } from '../agreements/dto/agreement-profile.dto';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import type { Page } from '../common/paging';
import { isUuid } from '../common/uuid.util';
import { AppConfig } from '../config/config';
import { DataController } from '../data-controllers/data-controller.entity';
import { Incident } from '../incidents/incident.entity';
import { IncidentsService } from '../incidents/incidents.service';
import {
  type Composed,
  ComposedDocument,
  KIND_FOR_HOP,
  LettersService,
  type NoticeDraft,
  type NoticeFacts,
  sameDraft,
} from '../letters/letters.service';
import { type GdprObligation, isGdprHop, judgeLateness } from '../obligations/obligation.util';
import { ObligationsService } from '../obligations/obligations.service';
import { OutboxService } from '../outbox/outbox.service';
import { OutboxWorker } from '../outbox/outbox.worker';
import { TimelineService } from '../timeline/timeline.service';
import { ControllerInstruction } from './controller-instruction.entity';
import { CreateFilingDto, FilingDto, FilingListQueryDto, mapFiling, PreviewQueryDto } from './dto/filing.dto';
import { DocumentFormat, FilingDocument } from './filing-document.entity';
import { channelProblems, instructionNeeded, meetsObligation, ownChannel } from './filing-rules.util';
import { type Channel, Filing, type FilingStatus } from './filing.entity';
import { FilingException, FilingExceptionCode } from './filings.exception';
import { NOTICE_KIND } from './notice-delivery.handler';
import { NoticeEffects } from './notice-effects.service';

/** A notice rendered before the locks of its filing (FilingsService.prepare), with the id it will be filed under. */
export interface RenderedNotice {
  noticeId: string;
  draft: NoticeDraft;
  composed: Composed;
}

/** Composes a notice from the current facts, stores it exactly as it is sent, and records what it does. */
@Injectable()
export class FilingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly incidents: IncidentsService,
    private readonly obligations: ObligationsService,
    private readonly letters: LettersService,
    private readonly effects: NoticeEffects,
    private readonly outbox: OutboxService,
    private readonly worker: OutboxWorker,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Renders the notice from the current facts, stores every format exactly as it will be sent, and sends it
   * (e-mail and webhook after the commit, with retries; manual is recorded as sent at once).
   */
  async file(
    actor: Actor,
    incidentId: string,
    obligationId: string,
    dto: CreateFilingDto,
  ): Promise<FilingDto> {
    const filing = await this.dataSource.transaction((em) =>
      this.fileIn(em, actor, incidentId, obligationId, dto),
    );
    if (filing.channel !== 'manual') this.worker.kick();
    return this.get(actor, filing.id);
  }

  /**
   * The same, in the caller's transaction: a notice job files each controller's notice together with its own item, so
   * that an item is filed exactly once. The caller kicks the outbox worker after its commit.
   * @param rendered the notice as `prepare` rendered it before any lock: stored as it is when the facts under the locks
   *   still say the same (else rendered again here), so that the locks are held for the checks and the writes only.
   */
  async fileIn(
    em: EntityManager,
    actor: Actor,
    incidentId: string,
    obligationId: string,
    dto: CreateFilingDto,
    rendered?: RenderedNotice,
  ): Promise<Filing> {
    const now = this.clock.now();
    const plan = await this.plan(em, actor, incidentId, obligationId, dto, { lock: true, now });
    const { controller, kind, language, givenAt, meets } = plan;
    const id = rendered?.noticeId ?? randomUUID();
    // A notice rendered before the locks is dated when it was rendered: it says so, and so does its filing.
    const issuedAt = rendered?.draft.issuedAt ?? now;
    const draft = await this.letters.draft(em, { ...plan.facts, noticeId: id, issuedAt });
    const composed =
      rendered && sameDraft(rendered.draft, draft) ? rendered.composed : await this.letters.render(draft);
    const row = em.create(Filing, {
      id,
      incidentId,
      obligationId,
      controllerId: controller.id,
      kind,
      phase: dto.phase,
      language,
      channel: dto.channel,
      recipient:
        dto.channel === 'email'
          ? controller.breachContact.email
          : dto.channel === 'webhook'
            ? controller.webhookUrl!
            : dto.via!,
      sentBy: dto.sentBy ?? null,
      via: dto.via ?? null,
      reasonsForDelay: dto.reasonsForDelay?.trim() || null,
      meetsObligation: meets.meets,
      notMeetingReason: meets.meets ? null : meets.why,
      status: dto.channel === 'manual' ? 'delivered' : 'pending',
      deliveredAt: dto.channel === 'manual' ? givenAt : null,
      acknowledgedAt: null,
      acknowledgedByKeyId: null,
      fieldTexts: composed.fieldTexts,
      issuedAt,
      createdByKeyId: actor.keyId,
      createdByRole: actor.role,
    });
    await em.insert(Filing, row);
    await em.insert(
      FilingDocument,
      composed.documents.map((d) => ({
        filingId: id,
        format: d.format,
        contentType: d.contentType,
        content: d.content,
        sha256: d.sha256,
      })),
    );
    await this.timeline.append(em, {
      incidentId,
      at: now,
      kind: 'filing',
      actor: auditActor(actor),
      controllerId: controller.id,
      data: { filingId: id, kind, phase: dto.phase, channel: dto.channel, language, obligationId },
    });
    if (dto.channel === 'manual') await this.effects.delivered(em, row, givenAt, auditActor(actor));
    else {
      await this.outbox.enqueue(em, [
        {
          id,
          kind: NOTICE_KIND,
          channel: dto.channel,
          target: row.recipient,
          incidentId,
          obligationId,
          controllerId: controller.id,
          payload: { filingId: id },
        },
      ]);
    }
    await this.audit.record(em, {
      actor: auditActor(actor),
      action: 'filing.create',
      entityType: 'filing',
      entityId: id,
      after: {
        ...mapFiling(row, composed.documents, []),
        documents: composed.documents.map((d) => ({ format: d.format, sha256: d.sha256 })),
      },
    });
    return row;
  }

  /**
   * The notice `fileIn` would file now, rendered with no lock held and outside any transaction (its facts read
   * first), refused as `fileIn` would refuse it. For a notice job: rendering takes far longer than the checks and
   * writes, and thousands of one incident's notices would otherwise queue behind its row lock for it.
   */
  async prepare(
    actor: Actor,
    incidentId: string,
    obligationId: string,
    dto: CreateFilingDto,
  ): Promise<RenderedNotice> {
    const noticeId = randomUUID();
    // No snapshot needed: what changes while this reads is caught under fileIn's locks (see sameDraft there).
    const draft = await this.dataSource.transaction(async (em) => {
      const now = this.clock.now();
      const plan = await this.plan(em, actor, incidentId, obligationId, dto, { lock: false, now });
      return this.letters.draft(em, { ...plan.facts, noticeId, issuedAt: now });
    });
    return { noticeId, draft, composed: await this.letters.render(draft) };
  }

  /**
   * Everything a filing is checked against and composed from, read in `em`; refused here as the filing path refuses
   * (not permitted, no instruction, wrong phase, language, channel, late without reasons). With `lock`, the incident
   * and then the obligation are locked first, as every writer of its obligations does (see
   * ObligationsService.lockIncident).
   */
  private async plan(
    em: EntityManager,
    actor: Actor,
    incidentId: string,
    obligationId: string,
    dto: CreateFilingDto,
    { lock, now }: { lock: boolean; now: Date },
  ) {
    // A manual filing is delivered at once and so writes the incident's obligations (NoticeEffects): it takes the
    // incident as their writers do. The others only read its facts, which no writer may change meanwhile; so the
    // notices of a breach's thousands of controllers are filed side by side, each under its own obligation's lock.
    const incidentLock = !lock ? false : dto.channel === 'manual' ? true : 'share';
    const incident = await this.incidents.findVisible(em, actor, incidentId, incidentLock);
    const obligation = await this.obligations.findVisibleHop(em, actor, incidentId, obligationId, lock);
    if (actor.role === 'controller' && obligation.hop === 'processor-to-controller') {
      throw new FilingException(
        FilingExceptionCode.NOT_PERMITTED,
        'The processor files its own notice to the controller',
      );
    }
    const controller = await em
      .createQueryBuilder(DataController, 'c')
      .addSelect('c.webhookSecret')
      .where('c.id = :id', { id: obligation.controllerId })
      .getOneOrFail();
    const kind = KIND_FOR_HOP[obligation.hop];

    const letterhead = await this.letters.letterhead(em, obligation, controller);
    const { version } = letterhead;
    await this.assertInstruction(em, actor, obligation, version.profile);
    const previous = await em.findOne(Filing, { where: { obligationId }, order: { createdAt: 'DESC' } });
    if (dto.phase === 'initial' && previous?.status === 'delivered') {
      throw new FilingException(
        FilingExceptionCode.WRONG_STATE,
        'An initial notice was delivered already: file a follow-up or the final notice',
      );
    }
    if (dto.phase !== 'initial' && !previous) {
      throw new FilingException(
        FilingExceptionCode.WRONG_STATE,
        `A ${dto.phase} notice follows an initial one; none was filed`,
      );
    }

    const choice = this.letters.languagesUnder(obligation, controller, letterhead);
    const language = dto.language ?? choice.default;
    const problems = [
      ...(choice.allowed.includes(language)
        ? []
        : [
            {
              field: 'language',
              messages: [`a ${kind} for this controller is written in ${choice.allowed.join(', ')}`],
            },
          ]),
      ...channelProblems({
        channel: dto.channel,
        sentBy: dto.sentBy,
        via: dto.via,
        smtpConfigured: !!this.config.SMTP_URL,
        webhookUrl: controller.webhookUrl,
        hasWebhookSecret: !!controller.webhookSecret,
        sentAt: dto.sentAt ? new Date(dto.sentAt) : undefined,
        now,
        discoveredAt: incident.discoveredAt,
      }),
    ];
    // A manual filing is dated when the notice was given; the others when they are delivered.
    const givenAt = dto.channel === 'manual' && dto.sentAt ? new Date(dto.sentAt) : now;
    if (problems.length)
      throw new FilingException(
        FilingExceptionCode.INVALID_REQUEST,
        `Cannot file: ${problems.map((p) => p.field).join(', ')}`,
        problems,
      );

    const meets = meetsObligation({
      hop: obligation.hop,
      channel: dto.channel,
      via: dto.via ?? null,
      terms: obligation.terms,
      clause: version.profile.clauses.breachNotice,
    });
    // A notice that meets its obligation after the due time carries the reasons for the delay (Art. 33(1)).
    if (meets.meets && obligation.meetable) {
      const lateness = judgeLateness({
        metAt: givenAt,
        due: obligation.dueAt,
        conservativeDue: obligation.conservativeDueAt,
        reasonsForDelay: dto.reasonsForDelay,
      });
      if ('refused' in lateness) {
        throw new FilingException(
          FilingExceptionCode.REASONS_FOR_DELAY_REQUIRED,
          `Filed after its due time (${(obligation.dueAt ?? obligation.conservativeDueAt)!.toISOString()})`,
          [{ field: 'reasonsForDelay', messages: ['required: this notice is given after its due time'] }],
        );
      }
    }
    const facts: Omit<NoticeFacts, 'noticeId' | 'issuedAt'> = {
      obligation,
      incident,
      controller,
      phase: dto.phase,
      language,
      previous: previous?.fieldTexts ?? null,
      reasonsForDelay: dto.reasonsForDelay?.trim() || null,
      letterhead,
    };
    return { obligation, incident, controller, kind, language, givenAt, meets, facts };
  }

  /** The channel this controller is configured for (see ownChannel), read in the caller's transaction. */
  async ownChannelOf(em: EntityManager, controllerId: string): Promise<Channel> {
    return ownChannel(await em.findOneByOrFail(DataController, { id: controllerId }));
  }

  /** How these filings' deliveries stand: the filing's status, and the tries of its outbox message. */
  async deliveries(
    em: EntityManager,
    filingIds: string[],
  ): Promise<
    Map<string, { status: FilingStatus; channel: Channel; attempts: number; lastError: string | null }>
  > {
    if (filingIds.length === 0) return new Map();
    const rows = await em.find(Filing, {
      select: { id: true, status: true, channel: true },
      where: { id: In(filingIds) },
    });
    const messages = await this.outbox.states(em, filingIds);
    return new Map(
      rows.map((f) => {
        const m = messages.get(f.id);
        return [
          f.id,
          {
            status: f.status,
            channel: f.channel,
            attempts: m?.attempts ?? 0,
            lastError: m?.lastError ?? null,
          },
        ];
      }),
    );
  }

  /**
   * The notice this obligation calls for, rendered from the current facts exactly as `file` would render it now, in
   * one format, and nothing stored or sent: what a person checks before sending. Languages are refused as `file`
   * refuses them; the notice id in the JSON is a fresh one, as it will be when filed.
   */
  async preview(
    actor: Actor,
    incidentId: string,
    obligationId: string,
    query: PreviewQueryDto,
    format: DocumentFormat,
  ): Promise<ComposedDocument> {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      await this.incidents.findVisible(em, actor, incidentId, false);
      const obligation = await this.obligations.findVisibleHop(em, actor, incidentId, obligationId, false);
      const incident = await em.findOneByOrFail(Incident, { id: incidentId });
      const controller = await em.findOneByOrFail(DataController, { id: obligation.controllerId });
      const choice = await this.letters.languages(em, obligation, controller);
      const language = query.language ?? choice.default;
      if (!choice.allowed.includes(language)) {
        throw new FilingException(FilingExceptionCode.INVALID_REQUEST, 'Cannot preview: language', [
          {
            field: 'language',
            messages: [
              `a ${KIND_FOR_HOP[obligation.hop]} for this controller is written in ${choice.allowed.join(', ')}`,
            ],
          },
        ]);
      }
      const previous = await em.findOne(Filing, { where: { obligationId }, order: { createdAt: 'DESC' } });
      const composed = await this.letters.compose(em, {
        noticeId: randomUUID(),
        obligation,
        incident,
        controller,
        phase: query.phase,
        language,
        issuedAt: this.clock.now(),
        previous: previous?.fieldTexts ?? null,
        reasonsForDelay: query.reasonsForDelay?.trim() || null,
      });
      return composed.documents.find((d) => d.format === format)!;
    });
  }

  /**
   * For each of the incident's obligations this actor sees, the languages its notice may be written in: in four
   * queries, not a few per obligation (the letters page of a breach across 2,000 controllers lists 4,000).
   */
  async languageChoices(
    actor: Actor,
    incidentId: string,
  ): Promise<{ obligationId: string; allowed: string[]; default: string }[]> {
    const em = this.dataSource.manager;
    await this.incidents.findVisible(em, actor, incidentId, false);
    // Letters are GDPR's notices: another regime's stages are reported through their own reports.
    const obligations = (
      await this.obligations.forIncidents(
        em,
        [incidentId],
        actor.role === 'controller' ? actor.controllerId! : undefined,
      )
    ).filter(isGdprHop);
    const controllers = new Map(
      (await em.findBy(DataController, { id: In([...new Set(obligations.map((o) => o.controllerId))]) })).map(
        (c) => [c.id, c],
      ),
    );
    const letterheads = await this.letters.letterheads(em, obligations, controllers);
    return obligations.map((o) => {
      const choice = this.letters.languagesUnder(o, controllers.get(o.controllerId)!, letterheads.get(o.id)!);
      return { obligationId: o.id, allowed: choice.allowed, default: choice.default };
    });
  }

  async get(actor: Actor, id: string): Promise<FilingDto> {
    const em = this.dataSource.manager;
    const filing = await this.visibleFiling(em, actor, id);
    const documents = await em.find(FilingDocument, { where: { filingId: id } });
    const order: DocumentFormat[] = ['html', 'txt', 'pdf', 'json'];
    documents.sort((a, b) => order.indexOf(a.format) - order.indexOf(b.format));
    return mapFiling(filing, documents, await this.outbox.attempts(em, [id]));
  }

  async document(actor: Actor, id: string, format: DocumentFormat): Promise<FilingDocument> {
    await this.visibleFiling(this.dataSource.manager, actor, id);
    const doc = await this.dataSource.manager.findOneBy(FilingDocument, { filingId: id, format });
    if (!doc)
      throw new FilingException(FilingExceptionCode.NOT_FOUND, `No ${format} document for filing ${id}`);
    return doc;
  }

  /** The controller confirms receipt. Its 72 hours run from here if nothing earlier set its awareness. */
  async acknowledge(actor: Actor, id: string): Promise<FilingDto> {
    await this.dataSource.transaction(async (em) => {
      const filing = await this.visibleFiling(em, actor, id, true);
      if (filing.acknowledgedAt) return;
      const now = this.clock.now();
      filing.acknowledgedAt = now;
      filing.acknowledgedByKeyId = actor.keyId;
      await em.save(filing);
      const anchored = await this.effects.acknowledged(em, filing, now, auditActor(actor));
      await this.timeline.append(em, {
        incidentId: filing.incidentId,
        at: now,
        kind: 'notice-acknowledged',
        actor: auditActor(actor),
        controllerId: filing.controllerId,
        data: { filingId: id, controllerAwarenessSet: anchored },
      });
      await this.audit.record(em, {
        actor: auditActor(actor),
        action: 'filing.acknowledge',
        entityType: 'filing',
        entityId: id,
        after: { acknowledgedAt: now.toISOString() },
      });
    });
    return this.get(actor, id);
  }

  /**
   * Dotnet Internals 8.4 and alfaview Clause 5: we communicate a breach to a third party on the controller's behalf
   * only on its recorded instruction.
   */
  private async assertInstruction(
    em: EntityManager,
    actor: Actor,
    obligation: GdprObligation,
    profile: AgreementProfileDto,
  ): Promise<void> {
    const scope = instructionNeeded({
      hop: obligation.hop,
      byController: actor.role === 'controller',
      terms: obligation.terms,
    });
    if (!scope) return;
    if (await em.existsBy(ControllerInstruction, { controllerId: obligation.controllerId, scope })) return;
    const clause = profile.clauses.thirdParties ?? profile.clauses.breachNotice;
    throw new FilingException(
      FilingExceptionCode.INSTRUCTION_REQUIRED,
      `Clause ${clause} of ${profile.title}: no ${scope} on the controller's behalf without its recorded instruction (POST /controllers/${obligation.controllerId}/instructions)`,
      [
        {
          field: 'instruction',
          messages: [`clause ${clause}: record the controller's instruction for ${scope} first`],
        },
      ],
    );
  }

  private async visibleFiling(em: EntityManager, actor: Actor, id: string, lock = false): Promise<Filing> {
    const notFound = new FilingException(FilingExceptionCode.NOT_FOUND, `Unknown filing: ${id}`);
    if (!isUuid(id)) throw notFound;
    const f = await em.findOne(Filing, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!f || (actor.role === 'controller' && f.controllerId !== actor.controllerId)) throw notFound;
    return f;
  }

  /** Every filing on an incident's obligations, for a controller key only its own. */
  async forIncident(actor: Actor, incidentId: string, query: FilingListQueryDto): Promise<Page<FilingDto>> {
    await this.incidents.findVisible(this.dataSource.manager, actor, incidentId, false);
    const [rows, total] = await this.dataSource.manager.findAndCount(Filing, {
      where: { incidentId, ...(actor.role === 'controller' ? { controllerId: actor.controllerId! } : {}) },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    const items = await Promise.all(rows.map((r) => this.get(actor, r.id)));
    return { items, total, limit: query.limit, offset: query.offset };
  }

  /**
   * The filings on several incidents at once, in three queries whatever their number (a list page, e.g. the
   * controller portal). A controller key gets only its own; incidents it cannot see simply have none of its filings.
   */
  async forIncidents(actor: Actor, incidentIds: readonly string[]): Promise<FilingDto[]> {
    const ids = incidentIds.filter(isUuid);
    if (ids.length === 0) return [];
    const em = this.dataSource.manager;
    const rows = await em.find(Filing, {
      where: {
        incidentId: In(ids),
        ...(actor.role === 'controller' ? { controllerId: actor.controllerId! } : {}),
      },
      order: { createdAt: 'ASC' },
    });
    if (rows.length === 0) return [];
    const filingIds = rows.map((r) => r.id);
    const documents = await em.find(FilingDocument, { where: { filingId: In(filingIds) } });
    const attempts = await this.outbox.attempts(em, filingIds);
    const order: DocumentFormat[] = ['html', 'txt', 'pdf', 'json'];
    return rows.map((f) =>
      mapFiling(
        f,
        documents
          .filter((d) => d.filingId === f.id)
          .sort((a, b) => order.indexOf(a.format) - order.indexOf(b.format)),
        attempts.filter((a) => a.messageId === f.id),
      ),
    );
  }
}
