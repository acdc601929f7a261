import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { Actor, Role } from './roles';

export const ACCESS_METADATA = 'breach-desk:access';

/** `public`: no key needed. Otherwise the roles that may call the handler. */
export type AccessRule = { public: true } | { public: false; roles: readonly Role[] };

/** Declares which roles may call a handler. A handler with no declaration is refused (deny by default). */
export function Access(...roles: [Role, ...Role[]]) {
  return applyDecorators(
    SetMetadata(ACCESS_METADATA, { public: false, roles } satisfies AccessRule),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No key, or a key that is unknown or revoked' }),
    ApiForbiddenResponse({ description: `Only for: ${roles.join(', ')}` }),
  );
}

/** Declares a handler open to anyone (only the health check). */
export function Public() {
  return SetMetadata(ACCESS_METADATA, { public: true } satisfies AccessRule);
}

export const DURING_ENROLMENT_METADATA = 'breach-desk:during-enrolment';

/**
 * Open to an admin who must still enrol a second factor (REQUIRE_2FA_FOR_ADMINS): the account page and the calls it
 * makes, and signing out. Every other handler refuses them until they have.
 */
export function DuringEnrolment() {
  return SetMetadata(DURING_ENROLMENT_METADATA, true);
}

export interface AuthenticatedRequest extends Request {
  actor?: Actor;
  /** With a session cookie: the session's id (for sign-out and the trail). */
  sessionId?: string;
}

/** The authenticated caller; the guard has put it on the request. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a handler that the access guard did not authenticate');
  return actor;
});
