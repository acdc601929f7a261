import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { type Actor, auditActor } from '../access/roles';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { DomainException } from '../common/domain.exception';
import { isUuid } from '../common/uuid.util';
import type { InstructionScope } from '../filings/controller-instruction.entity';
import type { Filing } from '../filings/filing.entity';
import { FilingException, FilingExceptionCode } from '../filings/filings.exception';
import { FilingsService, type RenderedNotice } from '../filings/filings.service';
import { InstructionsService } from '../filings/instructions.service';
import { IncidentsService } from '../incidents/incidents.service';
import { KIND_FOR_HOP } from '../letters/letters.service';
import type { NoticeKind } from '../letters/notice-context.util';
import { type Hop, isGdprHop } from '../obligations/obligation.util';
import { ObligationsService } from '../obligations/obligations.service';
import type { OutboxMessage } from '../outbox/outbox-message.entity';
import { OutboxService } from '../outbox/outbox.service';
import { OutboxWorker } from '../outbox/outbox.worker';
import { NoticeJobDto, NoticeJobItemDto, NoticeJobSummaryDto, StartNoticeJobDto } from './dto/notice-job.dto';
import { NoticeJobItem } from './notice-job-item.entity';
import { NoticeJob } from './notice-job.entity';
import { itemView, progress } from './notice-job.util';
import { NoticeJobException, NoticeJobExceptionCode } from './notice-jobs.exception';

/** The outbox kind of the message that files one item. */
export const NOTICE_JOB_ITEM_KIND = 'notice-job-item';

const HOP_FOR_KIND = Object.fromEntries(
  Object.entries(KIND_FOR_HOP).map(([hop, kind]) => [kind, hop]),
) as Record<NoticeKind, Hop>;

/** The instruction a kind of notice can need, and so which instruction resumes its waiting items. */
const SCOPE_OF_KIND: Record<NoticeKind, InstructionScope | null> = {
  'controller-notice': null,
  'authority-notification': 'authority-notification',
  'data-subject-notice': 'data-subject-notice',
};

/** Rows per INSERT: well below PostgreSQL's 65,535 bind parameters, for any number of controllers. */
const CHUNK = 1000;

/**
 * Notice jobs: the notice of a phase to many controllers of an incident at once. Starting one writes the job, an item
 * per controller and an outbox message per item, in one transaction; the outbox workers of every instance then file
 * the items. One message per item, not per batch: each item is its own transaction, exactly like one filing (its
 * audit, its obligation's effects, its own refusal), so one controller's failure or retry holds back no other, and
 * the outbox already gives each message a lease, backoff, a record of every try and sends 20 at once.
 *
 * Each item is filed by FilingsService.fileIn in the same transaction that marks it filed: a restart (or another
 * instance taking over a lease) finds it filed and does not file it twice.
 */
@Injectable()
export class NoticeJobsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly incidents: IncidentsService,
    private readonly obligations: ObligationsService,
    private readonly filings: FilingsService,
    private readonly instructions: InstructionsService,
    private readonly outbox: OutboxService,
    private readonly worker: OutboxWorker,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.instructions.onRecorded((em, instruction) => this.resume(em, instruction));
  }

  async start(actor: Actor, incidentId: string, dto: StartNoticeJobDto): Promise<NoticeJobDto> {
    const kind = dto.kind ?? 'controller-notice';
    const jobId = await this.dataSource.transaction(async (em) => {
      // The incident first, as every writer of its obligations does; it also serialises two jobs of one incident.
      await this.incidents.findVisible(em, actor, incidentId, true);
      const obligations = (await this.obligations.forIncidents(em, [incidentId]))
        .filter(isGdprHop)
        .filter((o) => o.hop === HOP_FOR_KIND[kind]);
      const byController = new Map(obligations.map((o) => [o.controllerId, o]));
      const wanted = dto.controllerIds ? [...new Set(dto.controllerIds)] : [...byController.keys()];
      const unknown = wanted.filter((id) => !byController.has(id));
      if (unknown.length || wanted.length === 0) {
        throw new NoticeJobException(
          NoticeJobExceptionCode.INVALID_REQUEST,
          unknown.length
            ? `Not controllers of this incident with a ${kind} to give: ${unknown.join(', ')}`
            : `No controller of this incident has a ${kind} to give`,
          [
            {
              field: 'controllerIds',
              messages: [
                unknown.length
                  ? `not affected by this incident, or without a ${kind} obligation: ${unknown.join(', ')}`
                  : `no controller of this incident has a ${kind} obligation`,
              ],
            },
          ],
        );
      }
      await this.assertNotBusy(em, incidentId, kind, dto.phase, wanted);

      const id = randomUUID();
      const now = this.clock.now();
      await em.insert(NoticeJob, {
        id,
        incidentId,
        kind,
        phase: dto.phase,
        reasonsForDelay: dto.reasonsForDelay?.trim() || null,
        createdByKeyId: actor.keyId,
        createdByRole: actor.role,
      });
      const items = wanted.map((controllerId) => ({
        jobId: id,
        controllerId,
        obligationId: byController.get(controllerId)!.id,
        state: 'pending' as const,
        filingId: null,
        lastError: null,
        messageId: randomUUID(),
        updatedAt: now,
      }));
      for (let i = 0; i < items.length; i += CHUNK) {
        const chunk = items.slice(i, i + CHUNK);
        await em.createQueryBuilder().insert().into(NoticeJobItem).values(chunk).execute();
        await this.outbox.enqueue(
          em,
          chunk.map((item) => this.message(item)),
        );
      }
      await this.audit.record(em, {
        actor: auditActor(actor),
        action: 'notice-job.start',
        entityType: 'notice-job',
        entityId: id,
        after: {
          incidentId,
          kind,
          phase: dto.phase,
          reasonsForDelay: dto.reasonsForDelay ?? null,
          controllerIds: wanted,
        },
      });
      return id;
    });
    this.worker.kick();
    return this.get(actor, incidentId, jobId);
  }

  async get(actor: Actor, incidentId: string, jobId: string): Promise<NoticeJobDto> {
    const em = this.dataSource.manager;
    await this.incidents.findVisible(em, actor, incidentId, false);
    const job = isUuid(jobId) ? await em.findOneBy(NoticeJob, { id: jobId, incidentId }) : null;
    if (!job) throw new NoticeJobException(NoticeJobExceptionCode.NOT_FOUND, `Unknown notice job: ${jobId}`);
    const items = await this.itemsOf(em, [job.id]);
    return { ...summary(job, items), items: items.map(({ jobId: _, ...item }) => item) };
  }

  /** The incident's jobs, oldest first, with their counts (not their items). */
  async list(actor: Actor, incidentId: string): Promise<NoticeJobSummaryDto[]> {
    const em = this.dataSource.manager;
    await this.incidents.findVisible(em, actor, incidentId, false);
    const jobs = await em.find(NoticeJob, { where: { incidentId }, order: { createdAt: 'ASC', id: 'ASC' } });
    const items = await this.itemsOf(
      em,
      jobs.map((j) => j.id),
    );
    return jobs.map((job) =>
      summary(
        job,
        items.filter((i) => i.jobId === job.id),
      ),
    );
  }

  /**
   * Files one item (the outbox runs this for its message). Settled here, whatever the outcome the filing path gives:
   * filed; waiting for the controller's instruction; failed with the reason a filing was refused (a late notice
   * without reasons, a channel with nowhere to go …), for a refusal is no better on a retry. Anything else (the
   * database went away) throws: the outbox retries it with backoff, and at the last attempt `gaveUp` lists it failed.
   */
  async runItem(message: OutboxMessage): Promise<{ ok: boolean; detail: string }> {
    const { jobId, controllerId } = message.payload as { jobId: string; controllerId: string };
    const before = await this.dataSource.manager.findOneBy(NoticeJobItem, { jobId, controllerId });
    if (!before || !isOpen(before, message))
      return { ok: true, detail: `already ${before?.state ?? 'gone'}` };
    const job = await this.dataSource.manager.findOneByOrFail(NoticeJob, { id: jobId });
    // Rendered before any lock is taken; filed under the locks below only if the facts still say the same.
    const prepared = await this.prepare(job, before);
    const outcome = await this.dataSource.transaction(async (em) => {
      await lockInstructions(em, controllerId);
      const item = await em.findOne(NoticeJobItem, {
        where: { jobId, controllerId },
        lock: { mode: 'pessimistic_write' },
      });
      // Filed, failed or resumed under another message already (a retry after a crash, a lease taken over).
      if (!item || !isOpen(item, message)) return { ok: true, detail: `already ${item?.state ?? 'gone'}` };
      const result = await this.file(em, job, item, prepared);
      if ('filing' in result) {
        item.state = 'filed';
        item.filingId = result.filing.id;
        item.lastError = null;
      } else {
        item.state = result.state;
        item.lastError = result.reason;
      }
      item.updatedAt = this.clock.now();
      await em.save(item);
      return {
        ok: true,
        detail: 'filing' in result ? `filed ${result.filing.id}` : `${result.state}: ${result.reason}`,
      };
    });
    // The notice's own delivery was enqueued with the filing.
    this.worker.kick();
    return outcome;
  }

  /** The item's message gave up after its last attempt: listed as failed with the last error, never silent. */
  async gaveUp(em: EntityManager, message: OutboxMessage, detail: string): Promise<void> {
    const { jobId, controllerId } = message.payload as { jobId: string; controllerId: string };
    await em.update(
      NoticeJobItem,
      { jobId, controllerId, state: 'pending', messageId: message.id },
      {
        state: 'failed',
        lastError: `gave up after ${message.attempts} attempts: ${detail}`,
        updatedAt: this.clock.now(),
      },
    );
  }

  /**
   * The item's notice rendered with no lock held, with or without the job's reasons for a delay as the filing path
   * judges it late or not. Nothing when it refuses: `file` finds the refusal again under the locks, where it counts
   * (an instruction recorded meanwhile is seen there; see lockInstructions).
   */
  private async prepare(job: NoticeJob, item: NoticeJobItem): Promise<RenderedNotice | undefined> {
    const channel = await this.filings.ownChannelOf(this.dataSource.manager, item.controllerId);
    const attempt = (reasonsForDelay?: string) =>
      this.filings.prepare(jobActor(job), job.incidentId, item.obligationId, {
        phase: job.phase,
        channel,
        ...(reasonsForDelay ? { reasonsForDelay } : {}),
      });
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof DomainException)) throw error;
      if (!isFiling(error, FilingExceptionCode.REASONS_FOR_DELAY_REQUIRED) || !job.reasonsForDelay)
        return undefined;
      return attempt(job.reasonsForDelay).catch((again: unknown) => {
        if (again instanceof DomainException) return undefined;
        throw again;
      });
    }
  }

  /**
   * Files the item's notice as the job's key would file it by hand, by the controller's own channel and in its default
   * language; a late one with the job's reasons for the delay. Each try in a savepoint, so a refusal leaves nothing.
   * The notice rendered before the locks is stored when it still says what the facts say (FilingsService.fileIn).
   */
  private async file(
    em: EntityManager,
    job: NoticeJob,
    item: NoticeJobItem,
    rendered: RenderedNotice | undefined,
  ): Promise<{ filing: Filing } | { state: 'waiting-instruction' | 'failed'; reason: string }> {
    const channel = await this.filings.ownChannelOf(em, item.controllerId);
    const attempt = (reasonsForDelay?: string) =>
      em.transaction((sp) =>
        this.filings.fileIn(
          sp,
          jobActor(job),
          job.incidentId,
          item.obligationId,
          {
            phase: job.phase,
            channel,
            ...(reasonsForDelay ? { reasonsForDelay } : {}),
          },
          rendered,
        ),
      );
    try {
      return { filing: await attempt() };
    } catch (error) {
      // The filing path judges lateness; the job's reasons go only with the notices it finds late.
      if (isFiling(error, FilingExceptionCode.REASONS_FOR_DELAY_REQUIRED) && job.reasonsForDelay) {
        try {
          return { filing: await attempt(job.reasonsForDelay) };
        } catch (again) {
          return refusal(again);
        }
      }
      return refusal(error);
    }
  }

  /** The instruction arrived: the items that waited for it are filed now, in the instruction's transaction. */
  private async resume(
    em: EntityManager,
    instruction: { controllerId: string; scope: InstructionScope },
  ): Promise<void> {
    await lockInstructions(em, instruction.controllerId);
    const waiting = await em
      .createQueryBuilder(NoticeJobItem, 'i')
      .innerJoin(NoticeJob, 'j', 'j.id = i.job_id')
      .where(`i.controller_id = :cid AND i.state = 'waiting-instruction'`, { cid: instruction.controllerId })
      .andWhere('j.kind IN (:...kinds)', {
        kinds: Object.entries(SCOPE_OF_KIND)
          .filter(([, scope]) => scope === instruction.scope)
          .map(([kind]) => kind),
      })
      .setLock('pessimistic_write', undefined, ['i'])
      .getMany();
    if (waiting.length === 0) return;
    const now = this.clock.now();
    for (const item of waiting) {
      item.state = 'pending';
      item.messageId = randomUUID();
      item.lastError = null;
      item.updatedAt = now;
    }
    await em.save(waiting);
    await this.outbox.enqueue(
      em,
      waiting.map((item) => this.message(item)),
    );
  }

  /** A second job for the same notice to a controller whose notice is still under way would file it twice. */
  private async assertNotBusy(
    em: EntityManager,
    incidentId: string,
    kind: NoticeKind,
    phase: string,
    controllerIds: string[],
  ): Promise<void> {
    const open = await em
      .createQueryBuilder(NoticeJobItem, 'i')
      .innerJoin(NoticeJob, 'j', 'j.id = i.job_id')
      .where('j.incident_id = :incidentId AND j.kind = :kind AND j.phase = :phase', {
        incidentId,
        kind,
        phase,
      })
      .andWhere(`i.state IN ('pending', 'waiting-instruction', 'filed')`)
      .andWhere('i.controller_id IN (:...controllerIds)', { controllerIds })
      .getMany();
    const deliveries = await this.filings.deliveries(
      em,
      open.flatMap((i) => (i.filingId ? [i.filingId] : [])),
    );
    const busy = open.filter((i) => i.state !== 'filed' || deliveries.get(i.filingId!)?.status === 'pending');
    if (busy.length === 0) return;
    const jobs = [...new Set(busy.map((i) => i.jobId))];
    throw new NoticeJobException(
      NoticeJobExceptionCode.BUSY,
      `Notice job ${jobs.join(', ')} is still giving this notice to ${busy.length} of these controllers`,
      [
        {
          field: 'controllerIds',
          messages: [`under way in job ${jobs.join(', ')}: ${busy.map((i) => i.controllerId).join(', ')}`],
        },
      ],
    );
  }

  private message(item: Pick<NoticeJobItem, 'jobId' | 'controllerId' | 'messageId'>) {
    return {
      id: item.messageId!,
      kind: NOTICE_JOB_ITEM_KIND,
      channel: 'job' as const,
      target: `notice job ${item.jobId}`,
      // Not on the incident or obligation: a job message is not a delivery; its item shows how it went.
      incidentId: null,
      obligationId: null,
      controllerId: item.controllerId,
      payload: { jobId: item.jobId, controllerId: item.controllerId },
    };
  }

  private async itemsOf(
    em: EntityManager,
    jobIds: string[],
  ): Promise<(NoticeJobItemDto & { jobId: string })[]> {
    if (jobIds.length === 0) return [];
    const items = await em.find(NoticeJobItem, {
      where: { jobId: In(jobIds) },
      order: { updatedAt: 'ASC', controllerId: 'ASC' },
    });
    const deliveries = await this.filings.deliveries(
      em,
      items.flatMap((i) => (i.filingId ? [i.filingId] : [])),
    );
    const messages = await this.outbox.states(
      em,
      items.flatMap((i) => (i.state !== 'filed' && i.messageId ? [i.messageId] : [])),
    );
    return items.map((item) => {
      const delivery = item.filingId ? deliveries.get(item.filingId) : undefined;
      const view = itemView(item, delivery, item.messageId ? messages.get(item.messageId) : undefined);
      return {
        jobId: item.jobId,
        controllerId: item.controllerId,
        obligationId: item.obligationId,
        status: view.status,
        filingId: item.filingId,
        channel: delivery?.channel ?? null,
        attempts: view.attempts,
        lastError: view.lastError,
        updatedAt: item.updatedAt.toISOString(),
      };
    });
  }
}

/** The job's key, as its items are filed under it. */
function jobActor(job: NoticeJob): Actor {
  return { keyId: job.createdByKeyId, role: job.createdByRole, controllerId: null };
}

/** Whether this message still has its item to file: pending, and not resumed under another message since. */
function isOpen(item: NoticeJobItem, message: OutboxMessage): boolean {
  return item.state === 'pending' && item.messageId === message.id;
}

function summary(job: NoticeJob, items: NoticeJobItemDto[]): NoticeJobSummaryDto {
  return {
    id: job.id,
    incidentId: job.incidentId,
    kind: job.kind,
    phase: job.phase,
    reasonsForDelay: job.reasonsForDelay,
    createdAt: job.createdAt.toISOString(),
    ...progress(items.map((i) => i.status)),
  };
}

/**
 * Serialises, per controller, recording an instruction with an item finding it missing: whichever commits second
 * sees the other (the item finds the instruction, or the instruction finds the item waiting), so no item waits for
 * an instruction already given. Taken first in both, before any row lock.
 */
async function lockInstructions(em: EntityManager, controllerId: string): Promise<void> {
  await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`instructions:${controllerId}`]);
}

function isFiling(error: unknown, code: FilingExceptionCode): boolean {
  return error instanceof FilingException && error.code === code;
}

/** A refusal of the filing path, as the item lists it; anything that is not a refusal is thrown on, to be retried. */
function refusal(error: unknown): { state: 'waiting-instruction' | 'failed'; reason: string } {
  if (!(error instanceof DomainException)) throw error;
  const fields = Array.isArray(error.details)
    ? (error.details as { field?: string; messages?: string[] }[])
        .map((d) => `${d.field}: ${(d.messages ?? []).join('; ')}`)
        .join('; ')
    : '';
  const reason = fields ? `${error.message} (${fields})` : error.message;
  return {
    state: isFiling(error, FilingExceptionCode.INSTRUCTION_REQUIRED) ? 'waiting-instruction' : 'failed',
    reason,
  };
}
