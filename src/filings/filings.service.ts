import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull, LessThan, Or } from 'typeorm';
import { type Actor, auditActor, SYSTEM_ACTOR } from '../access/roles';
import { AgreementVersion } from '../agreements/agreement-version.entity';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { isPastDue } from '../obligations/deadline.util';
import { Obligation } from '../obligations/obligation.entity';
import { completion, effectiveDueAt } from '../obligations/obligation.util';
import { ObligationsService } from '../obligations/obligations.service';
import { isUuid } from '../common/uuid.util';
import { AppConfig } from '../config/config';
import { DataController } from '../data-controllers/data-controller.entity';
import { DataControllersService } from '../data-controllers/data-controllers.service';
import { Incident } from '../incidents/incident.entity';
import { IncidentsService } from '../incidents/incidents.service';
import { KIND_FOR_HOP, LettersService } from '../letters/letters.service';
import { TimelineService } from '../timeline/timeline.service';
import { ControllerInstruction, InstructionScope } from './controller-instruction.entity';
import { postWebhook, sendMail } from './delivery.driver';
import { outboundPolicy } from '../outbound/address-policy.util';
import { CreateFilingDto, FilingDto, mapFiling } from './dto/filing.dto';
import { FilingAttempt } from './filing-attempt.entity';
import { DocumentFormat, FilingDocument } from './filing-document.entity';
import { Filing } from './filing.entity';
import { FilingException, FilingExceptionCode } from './filings.exception';

const LEASE_MS = 5 * 60_000;

@Injectable()
export class FilingsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(FilingsService.name);
  /** Deliveries under way in this process (awaited on shutdown and by tests). */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly incidents: IncidentsService,
    private readonly obligations: ObligationsService,
    private readonly letters: LettersService,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    private readonly controllers: DataControllersService,
  ) {}

  /** Deliveries left pending by a stop (their lease run out) are taken up again. */
  async onApplicationBootstrap(): Promise<void> {
    const pending = await this.dataSource.manager.find(Filing, {
      where: { status: 'pending', leaseUntil: Or(IsNull(), LessThan(this.clock.now())) },
      select: { id: true },
    });
    for (const f of pending) this.deliverInBackground(f.id);
  }

  /** Waits for every delivery under way in this process. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

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
    const filing = await this.dataSource.transaction(async (em) => {
      await this.incidents.findVisible(em, actor, incidentId, false);
      const obligation = await this.obligations.findVisible(em, actor, incidentId, obligationId, true);
      if (actor.role === 'controller' && obligation.hop === 'processor-to-controller') {
        throw new FilingException(
          FilingExceptionCode.NOT_PERMITTED,
          'The processor files its own notice to the controller',
        );
      }
      const incident = await em.findOneByOrFail(Incident, { id: incidentId });
      const controller = await em
        .createQueryBuilder(DataController, 'c')
        .addSelect('c.webhookSecret')
        .where('c.id = :id', { id: obligation.controllerId })
        .getOneOrFail();
      const now = this.clock.now();
      const kind = KIND_FOR_HOP[obligation.hop];

      await this.assertInstruction(em, actor, obligation);
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

      const choice = await this.letters.languages(em, obligation, controller);
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
        ...this.channelProblems(dto, controller),
      ];
      if (problems.length)
        throw new FilingException(
          FilingExceptionCode.INVALID_REQUEST,
          `Cannot file: ${problems.map((p) => p.field).join(', ')}`,
          problems,
        );

      // A notice that meets its obligation after the due time carries the reasons for the delay (Art. 33(1)).
      if (
        this.meetsObligation(obligation, dto.channel) &&
        obligation.status === 'open' &&
        isPastDue(obligation.dueAt!, now) &&
        !dto.reasonsForDelay?.trim()
      ) {
        throw new FilingException(
          FilingExceptionCode.REASONS_FOR_DELAY_REQUIRED,
          `Filed after its due time (${obligation.dueAt!.toISOString()})`,
          [{ field: 'reasonsForDelay', messages: ['required: this notice is given after its due time'] }],
        );
      }

      const id = randomUUID();
      const composed = await this.letters.compose(em, {
        noticeId: id,
        obligation,
        incident,
        controller,
        phase: dto.phase,
        language,
        issuedAt: now,
        previous: previous?.fieldTexts ?? null,
        reasonsForDelay: dto.reasonsForDelay?.trim() || null,
      });
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
        status: dto.channel === 'manual' ? 'delivered' : 'pending',
        deliveredAt: dto.channel === 'manual' ? now : null,
        leaseUntil: null,
        acknowledgedAt: null,
        acknowledgedByKeyId: null,
        fieldTexts: composed.fieldTexts,
        issuedAt: now,
        createdByKeyId: actor.keyId,
        createdByRole: actor.role,
      });
      await em.save(row);
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
      if (dto.channel === 'manual') await this.onDelivered(em, row, now);
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
    });
    if (filing.channel !== 'manual') this.deliverInBackground(filing.id);
    return this.get(actor, filing.id);
  }

  async get(actor: Actor, id: string): Promise<FilingDto> {
    const em = this.dataSource.manager;
    const filing = await this.visibleFiling(em, actor, id);
    const documents = await em.find(FilingDocument, { where: { filingId: id } });
    const order: DocumentFormat[] = ['html', 'txt', 'pdf', 'json'];
    documents.sort((a, b) => order.indexOf(a.format) - order.indexOf(b.format));
    return mapFiling(filing, documents, await em.find(FilingAttempt, { where: { filingId: id } }));
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
      const anchored = await this.setControllerAwareness(
        em,
        filing,
        now,
        `Acknowledged our notice (filing ${filing.id})`,
      );
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

  private deliverInBackground(id: string): void {
    const run = this.deliver(id)
      .catch((error: unknown) =>
        this.logger.error(
          `Delivery of filing ${id} failed: ${error instanceof Error ? error.stack : String(error)}`,
        ),
      )
      .finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  /** Tries, waits and tries again (exponential backoff), logging every attempt; one instance at a time per filing. */
  private async deliver(id: string): Promise<void> {
    const leased = await this.dataSource.query<{ id: string }[]>(
      `UPDATE filing SET lease_until = $2 WHERE id = $1 AND status = 'pending' AND (lease_until IS NULL OR lease_until < $3) RETURNING id`,
      [id, new Date(this.clock.now().getTime() + LEASE_MS), this.clock.now()],
    );
    if (leased.length === 0) return;
    const em = this.dataSource.manager;
    const filing = await em.findOneByOrFail(Filing, { id });
    const documents = new Map(
      (await em.find(FilingDocument, { where: { filingId: id } })).map((d) => [d.format, d]),
    );
    const webhookSecret =
      filing.channel === 'webhook' ? await this.controllers.webhookSecretOf(filing.controllerId) : null;
    const incident = await em.findOneByOrFail(Incident, { id: filing.incidentId });
    let attempt = await em.count(FilingAttempt, { where: { filingId: id } });

    while (attempt < this.config.DELIVERY_MAX_ATTEMPTS) {
      attempt++;
      const outcome =
        filing.channel === 'webhook'
          ? await postWebhook(
              filing.recipient,
              webhookSecret!,
              documents.get('json')!.content.toString('utf8'),
              id,
              this.clock.now(),
              outboundPolicy(this.config),
            )
          : await sendMail(this.config.SMTP_URL!, {
              from: this.config.MAIL_FROM,
              to: filing.recipient,
              subject: `[${incident.reference}] ${firstLine(documents.get('txt')!.content)}`,
              text: documents.get('txt')!.content.toString('utf8'),
              html: documents.get('html')!.content.toString('utf8'),
              attachments: [
                {
                  filename: `${incident.reference}-${filing.kind}-${filing.phase}.pdf`,
                  content: documents.get('pdf')!.content,
                  contentType: 'application/pdf',
                },
              ],
            });
      const at = this.clock.now();
      await em.insert(FilingAttempt, { filingId: id, attempt, at, ok: outcome.ok, detail: outcome.detail });
      if (outcome.ok) {
        await this.dataSource.transaction(async (tx) => {
          const row = await tx.findOneOrFail(Filing, { where: { id }, lock: { mode: 'pessimistic_write' } });
          row.status = 'delivered';
          row.deliveredAt = at;
          row.leaseUntil = null;
          await tx.save(row);
          await this.onDelivered(tx, row, at);
          await this.audit.record(tx, {
            actor: SYSTEM_ACTOR,
            action: 'filing.delivered',
            entityType: 'filing',
            entityId: id,
            after: { deliveredAt: at.toISOString(), attempt, detail: outcome.detail },
          });
        });
        return;
      }
      this.logger.warn(`Filing ${id}: attempt ${attempt} by ${filing.channel} failed (${outcome.detail})`);
      if (attempt < this.config.DELIVERY_MAX_ATTEMPTS)
        await sleep(this.config.DELIVERY_BACKOFF_MS * 2 ** (attempt - 1));
    }
    await this.dataSource.transaction(async (tx) => {
      await tx.update(Filing, { id }, { status: 'failed', leaseUntil: null });
      await this.timeline.append(tx, {
        incidentId: filing.incidentId,
        at: this.clock.now(),
        kind: 'filing-failed',
        actor: SYSTEM_ACTOR,
        controllerId: filing.controllerId,
        data: { filingId: id, attempts: attempt },
      });
      await this.audit.record(tx, {
        actor: SYSTEM_ACTOR,
        action: 'filing.failed',
        entityType: 'filing',
        entityId: id,
        after: { attempts: attempt },
      });
    });
  }

  /**
   * What a delivered notice does to the clock. Our notice to the controller meets that obligation at delivery and
   * makes the controller aware (the anchor of its 72 h) unless its awareness was set already. A notice a person
   * records as given to the authority or the data subjects meets that obligation.
   */
  private async onDelivered(em: EntityManager, filing: Filing, at: Date): Promise<void> {
    const obligation = await em.findOneOrFail(Obligation, {
      where: { id: filing.obligationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (this.meetsObligation(obligation, filing.channel) && obligation.status === 'open') {
      const outcome = completion(obligation.dueAt!, at, filing.reasonsForDelay ?? undefined);
      obligation.status = 'status' in outcome ? outcome.status : 'met-late';
      obligation.metAt = at;
      obligation.reasonsForDelay =
        obligation.status === 'met-late'
          ? (filing.reasonsForDelay ??
            `Filed on time (${filing.issuedAt.toISOString()}); delivery completed only at ${at.toISOString()}`)
          : null;
      obligation.nextAlertAt = null;
      obligation.effectiveDueAt = effectiveDueAt(obligation);
      await em.save(obligation);
      await this.timeline.append(em, {
        incidentId: filing.incidentId,
        at,
        kind: 'obligation-met',
        actor: SYSTEM_ACTOR,
        controllerId: obligation.controllerId,
        data: {
          obligationId: obligation.id,
          hop: obligation.hop,
          status: obligation.status,
          metAt: at.toISOString(),
          filingId: filing.id,
        },
      });
    }
    if (obligation.hop === 'processor-to-controller') {
      await this.setControllerAwareness(
        em,
        filing,
        at,
        `Our notice delivered by ${filing.channel} (filing ${filing.id})`,
      );
    }
  }

  /** Sets the controller's awareness (its authority obligation's anchor) if not set yet; true when it did. */
  private async setControllerAwareness(
    em: EntityManager,
    filing: Filing,
    at: Date,
    reason: string,
  ): Promise<boolean> {
    const authority = await em.findOne(Obligation, {
      where: {
        incidentId: filing.incidentId,
        controllerId: filing.controllerId,
        hop: 'controller-to-authority',
      },
      lock: { mode: 'pessimistic_write' },
    });
    if (!authority || authority.status !== 'awaiting-anchor') return false;
    await this.obligations.anchor(em, authority, at, reason);
    await this.timeline.append(em, {
      incidentId: filing.incidentId,
      at,
      kind: 'anchor-set',
      actor: SYSTEM_ACTOR,
      controllerId: filing.controllerId,
      data: {
        obligationId: authority.id,
        anchorAt: at.toISOString(),
        reason,
        dueAt: authority.dueAt!.toISOString(),
      },
    });
    return true;
  }

  private meetsObligation(obligation: Obligation, channel: string): boolean {
    return obligation.hop === 'processor-to-controller' || channel === 'manual';
  }

  /**
   * Dotnet Internals 8.4 and alfaview Clause 5: we communicate a breach to a third party on the controller's behalf
   * only on its recorded instruction.
   */
  private async assertInstruction(em: EntityManager, actor: Actor, obligation: Obligation): Promise<void> {
    if (actor.role === 'controller' || obligation.hop === 'processor-to-controller') return;
    const terms = obligation.terms;
    const restricted =
      terms.thirdPartyDisclosure === 'forbidden-without-instruction' ||
      terms.actsForControllerOnlyOnInstruction;
    if (!restricted) return;
    const scope: InstructionScope =
      obligation.hop === 'controller-to-authority' ? 'authority-notification' : 'data-subject-notice';
    if (await em.existsBy(ControllerInstruction, { controllerId: obligation.controllerId, scope })) return;
    const version = await em.findOneByOrFail(AgreementVersion, {
      agreementId: obligation.agreementId,
      version: obligation.agreementVersion,
    });
    const clause = version.profile.clauses.thirdParties ?? version.profile.clauses.breachNotice;
    throw new FilingException(
      FilingExceptionCode.INSTRUCTION_REQUIRED,
      `Clause ${clause} of ${version.profile.title}: no ${scope} on the controller's behalf without its recorded instruction (POST /controllers/${obligation.controllerId}/instructions)`,
      [
        {
          field: 'instruction',
          messages: [`clause ${clause}: record the controller's instruction for ${scope} first`],
        },
      ],
    );
  }

  private channelProblems(
    dto: CreateFilingDto,
    controller: DataController,
  ): { field: string; messages: string[] }[] {
    switch (dto.channel) {
      case 'email':
        return this.config.SMTP_URL
          ? []
          : [{ field: 'channel', messages: ['e-mail needs SMTP_URL configured'] }];
      case 'webhook':
        return [
          ...(controller.webhookUrl
            ? []
            : [{ field: 'channel', messages: ['the controller has no webhookUrl'] }]),
          ...(controller.webhookSecret
            ? []
            : [
                {
                  field: 'channel',
                  messages: ['the controller has no webhook secret: POST /controllers/:id/webhook-secret'],
                },
              ]),
        ];
      case 'manual':
        return [
          ...(dto.sentBy ? [] : [{ field: 'sentBy', messages: ['a manual filing names who sent it'] }]),
          ...(dto.via
            ? []
            : [{ field: 'via', messages: ['a manual filing names how: phone, post, portal …'] }]),
        ];
    }
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
  async forIncident(actor: Actor, incidentId: string): Promise<FilingDto[]> {
    await this.incidents.findVisible(this.dataSource.manager, actor, incidentId, false);
    const rows = await this.dataSource.manager.find(Filing, {
      where: { incidentId, ...(actor.role === 'controller' ? { controllerId: actor.controllerId! } : {}) },
      order: { createdAt: 'ASC' },
    });
    return Promise.all(rows.map((r) => this.get(actor, r.id)));
  }
}

function firstLine(content: Buffer): string {
  return content.toString('utf8').split('\n')[0];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
