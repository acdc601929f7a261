import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_METADATA, AccessRule, AuthenticatedRequest } from './access.decorator';
import { AccessException, AccessExceptionCode } from './access.exception';
import { bearerToken } from './api-key.util';
import { ApiKeysService } from './api-keys.service';
import { AuthFailureLimiter } from './auth-failure.limiter';

/**
 * Every request passes here. A handler without an @Access or @Public declaration is refused: a new route is
 * closed until someone decides who may use it.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysService,
    private readonly failures: AuthFailureLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!rule) {
      this.logger.error(
        `${context.getClass().name}.${context.getHandler().name} declares no access rule: refused`,
      );
      throw new AccessException(AccessExceptionCode.FORBIDDEN, 'This route is not open to any role');
    }
    if (rule.public) return true;

    const address = request.ip ?? 'unknown';
    const token = bearerToken(request.headers.authorization);
    // Both lookups at once: one round trip to the database for a request, refused or not.
    const [blockedFor, actor] = await Promise.all([
      this.failures.blockedFor(address),
      token ? this.keys.authenticate(token) : null,
    ]);
    if (blockedFor !== null) throw tooManyFailures(blockedFor);
    if (!actor) {
      const wait = await this.failures.recordFailure(address);
      this.logger.warn(
        `Failed authentication from ${address} (${token ? 'unknown or revoked key' : 'no key'})`,
      );
      if (wait !== null) throw tooManyFailures(wait);
      throw new AccessException(
        AccessExceptionCode.UNAUTHENTICATED,
        'A valid API key is required: Authorization: Bearer <key>',
      );
    }
    request.actor = actor;
    if (!rule.roles.includes(actor.role)) {
      throw new AccessException(AccessExceptionCode.FORBIDDEN, `The ${actor.role} role may not do this`);
    }
    return true;
  }
}

function tooManyFailures(retryAfterSeconds: number): AccessException {
  return new AccessException(
    AccessExceptionCode.TOO_MANY_FAILURES,
    `Too many failed authentications; try again in ${retryAfterSeconds} s`,
    undefined,
    { retryAfterSeconds },
  );
}
