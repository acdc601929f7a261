import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppConfig } from '../config/config';
import { cookieValue, SESSION_COOKIE, sameToken } from '../users/session-cookie.util';
import { SessionsService, SessionUser } from '../users/sessions.service';
import type { WebRequest } from '../web/web-request';
import { ACCESS_METADATA, AccessRule, DURING_ENROLMENT_METADATA } from './access.decorator';
import { AccessException, AccessExceptionCode } from './access.exception';
import { bearerToken } from './api-key.util';
import { ApiKeysService } from './api-keys.service';
import { AuthFailureLimiter } from './auth-failure.limiter';
import type { Actor } from './roles';

/** Methods that change nothing: no CSRF token needed. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every request passes here. A handler without an @Access or @Public declaration is refused: a new route is
 * closed until someone decides who may use it.
 *
 * Who is asking: a bearer key (machines) as before; otherwise a session cookie (people), which gives the same Actor,
 * so every route has one set of rules whoever calls it. A request on a session that changes something must carry the
 * session's CSRF token in X-CSRF-Token (a key needs none: a browser never adds one by itself).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysService,
    private readonly sessions: SessionsService,
    private readonly failures: AuthFailureLimiter,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, targets);
    const request = context.switchToHttp().getRequest<WebRequest>();
    if (!rule) {
      this.logger.error(
        `${context.getClass().name}.${context.getHandler().name} declares no access rule: refused`,
      );
      throw new AccessException(AccessExceptionCode.FORBIDDEN, 'This route is not open to any role');
    }
    const token = bearerToken(request.headers.authorization);
    const cookie = token ? null : cookieValue(request.headers.cookie, SESSION_COOKIE);
    if (rule.public) {
      // A public page still greets a person signed in, in their language; nothing is refused or counted here.
      if (cookie) {
        const user = await this.sessions.authenticate(cookie);
        if (user) this.signedIn(request, user);
      }
      return true;
    }

    const address = request.ip ?? 'unknown';
    // Both lookups at once: one round trip to the database for a request, refused or not.
    const [blockedFor, actor, person] = await Promise.all([
      this.failures.blockedFor(address),
      token ? this.keys.authenticate(token) : null,
      cookie ? this.sessions.authenticate(cookie) : null,
    ]);
    if (blockedFor !== null) throw tooManyFailures(blockedFor);
    if (!actor && !person) {
      const wait = await this.failures.recordFailure(address);
      this.logger.warn(
        `Failed authentication from ${address} (${token ? 'unknown or revoked key' : cookie ? 'no live session' : 'no key'})`,
      );
      if (wait !== null) throw tooManyFailures(wait);
      throw new AccessException(
        AccessExceptionCode.UNAUTHENTICATED,
        'A valid API key (Authorization: Bearer <key>) or a signed-in session is required',
      );
    }
    if (person) {
      if (
        !SAFE_METHODS.has(request.method) &&
        !sameToken(header(request, 'x-csrf-token'), person.csrfToken)
      ) {
        this.logger.warn(`CSRF token missing or wrong on ${request.method} ${request.path} from ${address}`);
        throw new AccessException(
          AccessExceptionCode.CSRF_REFUSED,
          'The CSRF token is missing or wrong: send the page\'s <meta name="csrf-token"> as X-CSRF-Token',
        );
      }
      this.signedIn(request, person);
      const mustEnrol = this.config.REQUIRE_2FA_FOR_ADMINS && person.role === 'admin' && !person.totpEnabled;
      if (mustEnrol && !this.reflector.getAllAndOverride<boolean>(DURING_ENROLMENT_METADATA, targets)) {
        throw new AccessException(
          AccessExceptionCode.ENROLMENT_REQUIRED,
          'Set up a second factor (TOTP) first: admins must have one',
        );
      }
    } else {
      request.actor = actor!;
    }
    const role = request.actor!.role;
    if (!rule.roles.includes(role)) {
      throw new AccessException(AccessExceptionCode.FORBIDDEN, `The ${role} role may not do this`);
    }
    return true;
  }

  /** The person on the request: the Actor every handler reads, and what the pages need of them. */
  private signedIn(request: WebRequest, user: SessionUser): void {
    request.actor = personActor(user);
    request.sessionId = user.sessionId;
    request.csrfToken = user.csrfToken;
    request.webUser = {
      id: user.id,
      email: user.email,
      name: user.name,
      locale: user.locale,
      timeZone: user.timeZone,
    };
  }
}

/** A person's Actor: keyId is their id too (see Actor), the label their name and e-mail. */
export function personActor(
  user: Pick<SessionUser, 'id' | 'role' | 'controllerId' | 'name' | 'email'>,
): Actor {
  return {
    keyId: user.id,
    userId: user.id,
    role: user.role,
    controllerId: user.controllerId,
    label: `${user.name} (${user.email})`.slice(0, 200),
  };
}

function header(request: WebRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? undefined : value;
}

function tooManyFailures(retryAfterSeconds: number): AccessException {
  return new AccessException(
    AccessExceptionCode.TOO_MANY_FAILURES,
    `Too many failed authentications; try again in ${retryAfterSeconds} s`,
    undefined,
    { retryAfterSeconds },
  );
}
