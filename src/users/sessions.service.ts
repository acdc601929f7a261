import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { Role } from '../access/roles';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/config';
import type { UiLocale } from '../web/i18n/ui-strings';
import { hashToken, newToken } from './session-cookie.util';
import { UserSession } from './user-session.entity';

/** The person behind a live session, as the access guard needs them. */
export interface SessionUser {
  sessionId: string;
  csrfToken: string;
  id: string;
  email: string;
  name: string;
  role: Role;
  controllerId: string | null;
  locale: UiLocale;
  timeZone: string;
  totpEnabled: boolean;
}

const MINUTE_MS = 60_000;

/**
 * Server-side sessions. A session is good while it is not ended, not past its absolute end (SESSION_ABSOLUTE_HOURS
 * after sign-in), not idle for SESSION_IDLE_MINUTES, and its user is not disabled: all checked in the one statement
 * that also records the request, so a disabled user or an ended session is out at the next request.
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Starts a session inside the sign-in's transaction; returns the cookie's token (only its hash is stored). */
  async start(
    em: EntityManager,
    userId: string,
  ): Promise<{ sessionId: string; token: string; csrfToken: string }> {
    const token = newToken();
    const csrfToken = newToken();
    const now = this.clock.now();
    const row = await em.save(
      em.create(UserSession, {
        tokenHash: hashToken(token),
        userId,
        csrfToken,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + this.config.SESSION_ABSOLUTE_HOURS * 60 * MINUTE_MS),
        endedAt: null,
      }),
    );
    return { sessionId: row.id, token, csrfToken };
  }

  /** The user of a live session, or null; a request on it resets the idle timeout. */
  async authenticate(token: string): Promise<SessionUser | null> {
    const now = this.clock.now();
    const idleSince = new Date(now.getTime() - this.config.SESSION_IDLE_MINUTES * MINUTE_MS);
    const [rows] = await this.dataSource.query<[SessionUser[], number]>(
      `UPDATE user_session s SET last_seen_at = $2
         FROM app_user u
        WHERE s.token_hash = $1 AND u.id = s.user_id AND s.ended_at IS NULL AND s.expires_at > $2
          AND s.last_seen_at > $3 AND u.disabled_at IS NULL
       RETURNING s.id AS "sessionId", s.csrf_token AS "csrfToken", u.id, u.email, u.name, u.role,
                 u.controller_id AS "controllerId", u.locale, u.time_zone AS "timeZone", u.totp_enabled AS "totpEnabled"`,
      [hashToken(token), now, idleSince],
    );
    return rows[0] ?? null;
  }

  /** Ends the session of a token; the user it belonged to, or null when it was not live. */
  async end(token: string): Promise<string | null> {
    const [rows] = await this.dataSource.query<[{ user_id: string }[], number]>(
      'UPDATE user_session SET ended_at = $2 WHERE token_hash = $1 AND ended_at IS NULL RETURNING user_id',
      [hashToken(token), this.clock.now()],
    );
    return rows[0]?.user_id ?? null;
  }

  /** Ends every session of a user, inside the transaction that disables them (or changes their password). */
  async endAllOf(em: EntityManager, userId: string, except?: string): Promise<void> {
    const sessions = await em.findBy(UserSession, { userId, endedAt: IsNull() });
    const ended = sessions.filter((s) => s.id !== except).map((s) => s.id);
    if (ended.length > 0) await em.update(UserSession, ended, { endedAt: this.clock.now() });
  }
}
