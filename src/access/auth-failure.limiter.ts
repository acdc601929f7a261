import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/config';

/**
 * Counts failed authentications per client address in PostgreSQL, so that every instance on the database counts
 * towards one limit. AUTH_FAILURE_LIMIT failures within AUTH_FAILURE_WINDOW_SECONDS are answered as usual; the next
 * one, and every request from the address for a window after it, good key or not, is refused: guessing keys gets
 * nowhere.
 */
@Injectable()
export class AuthFailureLimiter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Seconds the address must still wait, or null when it is not refused. */
  async blockedFor(address: string): Promise<number | null> {
    const now = this.clock.now();
    const rows = await this.dataSource.query<{ blocked_until: Date }[]>(
      'SELECT blocked_until FROM auth_failure WHERE address = $1 AND blocked_until > $2',
      [key(address), now],
    );
    return rows.length > 0 ? secondsFrom(now, rows[0].blocked_until) : null;
  }

  /**
   * Counts one failure, in one statement whatever the number of instances: the row is locked by the upsert, so
   * concurrent failures are counted one by one. Returns the seconds to wait when this failure is past the limit.
   */
  async recordFailure(address: string): Promise<number | null> {
    const now = this.clock.now();
    const windowMs = this.config.AUTH_FAILURE_WINDOW_SECONDS * 1000;
    const [row] = await this.dataSource.query<{ failures: number; blocked_until: Date | null }[]>(
      `INSERT INTO auth_failure AS f (address, window_started_at, failures, blocked_until)
       VALUES ($1, $2, 1, CASE WHEN 1 > $3 THEN $4::timestamptz END)
       ON CONFLICT (address) DO UPDATE SET
         window_started_at = CASE WHEN f.window_started_at <= $5 THEN $2 ELSE f.window_started_at END,
         failures = CASE WHEN f.window_started_at <= $5 THEN 1 ELSE f.failures + 1 END,
         blocked_until = CASE
           WHEN (CASE WHEN f.window_started_at <= $5 THEN 1 ELSE f.failures + 1 END) > $3 THEN $4::timestamptz
           ELSE f.blocked_until END
       RETURNING failures, blocked_until`,
      [
        key(address),
        now,
        this.config.AUTH_FAILURE_LIMIT,
        new Date(now.getTime() + windowMs),
        new Date(now.getTime() - windowMs),
      ],
    );
    return row.failures > this.config.AUTH_FAILURE_LIMIT && row.blocked_until
      ? secondsFrom(now, row.blocked_until)
      : null;
  }
}

function key(address: string): string {
  return address.slice(0, 100);
}

/** Whole seconds from now until then, at least 1 (the value of a Retry-After header). */
function secondsFrom(now: Date, then: Date): number {
  return Math.max(1, Math.ceil((then.getTime() - now.getTime()) / 1000));
}
