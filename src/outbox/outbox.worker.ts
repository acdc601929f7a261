import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/config';
import { OutboxAttempt } from './outbox-attempt.entity';
import { OutboxMessage } from './outbox-message.entity';
import { outboundPolicy } from '../outbound/address-policy.util';
import { Outbound, send } from './outbound.driver';

/** What a module that sends through the outbox provides for its kind of message. */
export interface OutboxHandler {
  /** The request to send, built when it is sent (from what was stored when it was enqueued). */
  build(message: OutboxMessage): Promise<Outbound>;
  /**
   * Work done here instead of a send (channel `job`: a step of a background job, e.g. filing one controller's notice
   * of a notice job), with the outbox's lease, retries, backoff and record. Throwing is a failed attempt.
   */
  run?(message: OutboxMessage): Promise<{ ok: boolean; detail: string }>;
  /** Delivered: what that does (meets an obligation, marks a filing delivered …), in the given transaction. */
  delivered(em: EntityManager, message: OutboxMessage, at: Date, detail: string): Promise<void>;
  /** Given up after the last attempt: recorded, never silent. */
  failed(em: EntityManager, message: OutboxMessage, at: Date, detail: string): Promise<void>;
}

/** Messages under way at once on each instance. */
const BATCH = 20;

/**
 * Sends what the outbox holds, on every instance. Each sweep claims due messages with FOR UPDATE SKIP LOCKED and a
 * short lease, renewed while sending; a message whose lease ran out (its instance died) is claimed again by the next
 * sweep of any instance. Each try is recorded; a failure is retried with exponential backoff up to
 * DELIVERY_MAX_ATTEMPTS, then the message is marked failed and its handler records it. Retries are scheduled in the
 * table, not slept through, so shutdown only waits for sends under way and then hands its leases back.
 * Leases and backoff run on the database's clock (they are about machines); what a delivery means for a deadline is
 * dated by the app's Clock.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxWorker.name);
  readonly instanceId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly handlers = new Map<string, OutboxHandler>();
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  private again = false;
  private paused = false;
  /** Whether this instance ever held a lease (else there is nothing to hand back at shutdown). */
  private claimedAny = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Each sending module registers the handler of its kind at start. */
  register(kind: string, handler: OutboxHandler): void {
    this.handlers.set(kind, handler);
  }

  onApplicationBootstrap(): void {
    const seconds = this.config.OUTBOX_SWEEP_SECONDS;
    if (seconds === 0) return; // kicked only (after something was enqueued)
    this.kick();
    this.timer = setInterval(() => this.kick(), seconds * 1000);
    this.timer.unref();
  }

  /** Before the database closes: finish the sends under way, then hand back the leases. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.pause();
    await this.releaseLeases();
  }

  /** Sweeps soon: called after a commit that enqueued something, so it need not wait for the interval. */
  kick(): void {
    if (this.paused) return;
    if (this.sweeping) {
      this.again = true;
      return;
    }
    this.sweeping = this.sweepWhileDue()
      .catch((error: unknown) =>
        this.logger.error(`Outbox sweep failed: ${error instanceof Error ? error.stack : String(error)}`),
      )
      .finally(() => {
        this.sweeping = undefined;
      });
  }

  /** No sweep starts until resume(); resolves once the one under way has finished. */
  async pause(): Promise<void> {
    this.paused = true;
    while (this.sweeping) await this.sweeping;
  }

  resume(): void {
    this.paused = false;
    this.kick();
  }

  /**
   * For tests and benchmarks: sweeps until nothing is pending or being sent, waiting out backoffs and others' leases.
   * Bounded: gives up after `timeoutMs`.
   */
  async drain(timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      while (this.sweeping) await this.sweeping;
      await this.sweepWhileDue();
      const [{ waiting, wait_ms }] = await this.dataSource.query<
        { waiting: string; wait_ms: number | null }[]
      >(
        `SELECT count(*) AS waiting,
                GREATEST(0, EXTRACT(EPOCH FROM (min(CASE WHEN status = 'pending' THEN next_attempt_at ELSE lease_until END) - clock_timestamp())) * 1000)::float8 AS wait_ms
           FROM outbox_message WHERE status IN ('pending', 'sending')`,
      );
      if (Number(waiting) === 0) return;
      if (Date.now() > until)
        throw new Error(`Outbox not drained within ${timeoutMs} ms: ${waiting} waiting`);
      await sleep(Math.min(Math.max(wait_ms ?? 0, 10), 500));
    }
  }

  /**
   * Keeps up to BATCH messages under way, claiming more as each one ends (not a batch at a time, which would wait for
   * its slowest: a notice job's steps render while the deliveries they filed go out). Ends when nothing is under way
   * and nothing was due; paused, it claims no more and ends once those under way have.
   */
  private async sweepWhileDue(): Promise<void> {
    const underWay = new Set<Promise<void>>();
    for (;;) {
      this.again = false;
      const free = BATCH - underWay.size;
      const claimed = this.paused || free === 0 ? [] : await this.claim(free);
      for (const message of claimed) {
        const done: Promise<void> = this.process(message)
          .catch((error: unknown) =>
            this.logger.error(
              `Outbox ${message.kind} ${message.id}: ${error instanceof Error ? error.stack : String(error)}`,
            ),
          )
          .finally(() => underWay.delete(done));
        underWay.add(done);
      }
      if (underWay.size === 0) {
        if (this.paused || !this.again) return;
        continue;
      }
      await Promise.race(underWay);
    }
  }

  /** Due messages, and those whose lease ran out, leased to this instance. */
  private async claim(limit: number): Promise<OutboxMessage[]> {
    const rows = returned<{ id: string }>(
      await this.dataSource.query(
        `UPDATE outbox_message m
          SET status = 'sending', attempts = m.attempts + 1, leased_by = $1,
              lease_until = clock_timestamp() + make_interval(secs => $2)
        WHERE m.id IN (
          SELECT id FROM outbox_message
           WHERE (status = 'pending' AND next_attempt_at <= clock_timestamp())
              OR (status = 'sending' AND lease_until < clock_timestamp())
           -- Deliveries before the steps of background jobs: a job of 2,000 items enqueued first must not hold back
           -- the notices its own items file, nor a deadline alert.
           ORDER BY (channel = 'job'), next_attempt_at
           LIMIT $3
           FOR UPDATE SKIP LOCKED)
        RETURNING m.id`,
        [this.instanceId, this.config.OUTBOX_LEASE_SECONDS, limit],
      ),
    );
    const ids = rows.map((r) => r.id);
    if (ids.length === 0) return [];
    this.claimedAny = true;
    return this.dataSource.manager
      .createQueryBuilder(OutboxMessage, 'm')
      .where('m.id IN (:...ids)', { ids })
      .getMany();
  }

  private async process(message: OutboxMessage): Promise<void> {
    const handler = this.handlers.get(message.kind);
    const renew = setInterval(
      () => void this.renew(message.id),
      Math.max(500, (this.config.OUTBOX_LEASE_SECONDS * 1000) / 3),
    );
    let outcome: { ok: boolean; detail: string };
    try {
      outcome = !handler
        ? { ok: false, detail: `no handler for ${message.kind}` }
        : message.channel === 'job'
          ? handler.run
            ? await handler.run(message)
            : { ok: false, detail: `${message.kind} runs no job` }
          : await send(await handler.build(message), message.id, outboundPolicy(this.config));
    } catch (error) {
      outcome = { ok: false, detail: error instanceof Error ? error.message : String(error) };
    } finally {
      clearInterval(renew);
    }
    try {
      await this.settle(message, handler, outcome);
    } catch (error) {
      // Sent, but what the delivery does could not be recorded: counted as a failed attempt, so that the message is
      // sent again (under the same delivery id) up to the limit, and then shows as failed. Never lost in 'sending'.
      const detail = `${outcome.ok ? 'delivered, but recording the delivery failed' : 'recording the attempt failed'}: ${
        error instanceof Error ? error.message : String(error)
      }`;
      this.logger.error(`Outbox ${message.kind} ${message.id}: ${detail}`);
      await this.settle(message, handler, { ok: false, detail });
    }
  }

  /** Records the attempt and what follows from it, in one transaction. */
  private async settle(
    message: OutboxMessage,
    handler: OutboxHandler | undefined,
    outcome: { ok: boolean; detail: string },
  ): Promise<void> {
    const at = this.clock.now();
    await this.dataSource.transaction(async (em) => {
      await em
        .createQueryBuilder()
        .insert()
        .into(OutboxAttempt)
        .values({
          messageId: message.id,
          attempt: message.attempts,
          at,
          ok: outcome.ok,
          detail: outcome.detail,
          instanceId: this.instanceId,
        })
        .orIgnore()
        .execute();
      if (outcome.ok) {
        // Delivered once, whoever sent it: a second send (after a lost lease) changes nothing more.
        const done = returned(
          await em.query(
            `UPDATE outbox_message SET status = 'delivered', delivered_at = $2, lease_until = NULL, leased_by = NULL, last_error = NULL
            WHERE id = $1 AND status <> 'delivered' RETURNING id`,
            [message.id, at],
          ),
        );
        if (done.length && handler) await handler.delivered(em, message, at, outcome.detail);
        return;
      }
      this.logger.warn(
        `Outbox ${message.kind} ${message.id}: attempt ${message.attempts} by ${message.channel} failed (${outcome.detail})`,
      );
      if (message.attempts >= this.config.DELIVERY_MAX_ATTEMPTS) {
        const gaveUp = returned(
          await em.query(
            `UPDATE outbox_message SET status = 'failed', failed_at = $2, lease_until = NULL, leased_by = NULL, last_error = $3
            WHERE id = $1 AND status = 'sending' AND leased_by = $4 RETURNING id`,
            [message.id, at, outcome.detail, this.instanceId],
          ),
        );
        if (gaveUp.length && handler) await handler.failed(em, message, at, outcome.detail);
        return;
      }
      const backoffMs = this.config.DELIVERY_BACKOFF_MS * 2 ** (message.attempts - 1);
      await em.query(
        `UPDATE outbox_message SET status = 'pending', lease_until = NULL, leased_by = NULL, last_error = $3,
                next_attempt_at = clock_timestamp() + make_interval(secs => $2)
          WHERE id = $1 AND status = 'sending' AND leased_by = $4`,
        [message.id, backoffMs / 1000, outcome.detail, this.instanceId],
      );
    });
  }

  private async renew(id: string): Promise<void> {
    try {
      await this.dataSource.query(
        `UPDATE outbox_message SET lease_until = clock_timestamp() + make_interval(secs => $2)
          WHERE id = $1 AND status = 'sending' AND leased_by = $3`,
        [id, this.config.OUTBOX_LEASE_SECONDS, this.instanceId],
      );
    } catch (error) {
      this.logger.warn(
        `Lease of ${id} not renewed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * Hands back what this instance still holds, so that another takes it at once instead of after the lease. Best
   * effort: if the database is already going away, the leases simply run out and another instance takes them then.
   */
  private async releaseLeases(): Promise<void> {
    if (!this.dataSource.isInitialized || !this.claimedAny) return;
    try {
      await this.dataSource.query(
        `UPDATE outbox_message SET status = 'pending', lease_until = NULL, leased_by = NULL,
              attempts = GREATEST(attempts - 1, 0), next_attempt_at = clock_timestamp()
        WHERE status = 'sending' AND leased_by = $1`,
        [this.instanceId],
      );
    } catch (error) {
      this.logger.warn(
        `Leases not handed back (they run out in ${this.config.OUTBOX_LEASE_SECONDS} s): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

/** The rows of an UPDATE … RETURNING: TypeORM's PostgreSQL driver answers those with [rows, affected count]. */
function returned<T = unknown>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  )
    return result[0] as T[];
  return result as T[];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
