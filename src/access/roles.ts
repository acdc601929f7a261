export const ROLES = ['admin', 'responder', 'dpo', 'controller'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is making a request: an API key and its role, or a person signed in; a controller key or user is bound to one
 * controller. For a person `keyId` is the user's id, so that every column recording by whom (created_by_key_id, the
 * idempotency scope, …) holds a uuid that names them (user and key ids come from one uuid generator and do not
 * coincide); the audit trail tells the two apart (actor_user_id).
 */
export interface Actor {
  keyId: string;
  /** Set when a person signed in makes the request (the user's id, as keyId). */
  userId?: string;
  role: Role;
  controllerId: string | null;
  /** Who it is, for people reading the record: the key's label (or, for a person signed in, the person). */
  label?: string | null;
}

/** Writes made by the service itself (loading built-in data at start-up). */
export const SYSTEM_ACTOR = { keyId: null, role: 'system' } as const;
export type AuditActor = { keyId: string | null; userId?: string | null; role: Role | 'system' };

/**
 * Who the trail records for a request's actor: a key's id, or a person's (as actor_user_id, never as a key id); null
 * (the command line, start-up) is the system.
 */
export function auditActor(actor: Actor | null): AuditActor {
  if (!actor) return SYSTEM_ACTOR;
  return actor.userId
    ? { keyId: null, userId: actor.userId, role: actor.role }
    : { keyId: actor.keyId, role: actor.role };
}
