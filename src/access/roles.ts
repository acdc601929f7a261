export const ROLES = ['admin', 'responder', 'dpo', 'controller'] as const;
export type Role = (typeof ROLES)[number];

/** Who is making a request: an API key and its role; a controller key is bound to one controller. */
export interface Actor {
  keyId: string;
  role: Role;
  controllerId: string | null;
  /** Who it is, for people reading the record: the key's label (or, for a person signed in, the person). */
  label?: string | null;
}

/** Writes made by the service itself (loading built-in data at start-up). */
export const SYSTEM_ACTOR = { keyId: null, role: 'system' } as const;
export type AuditActor = { keyId: string | null; role: Role | 'system' };

/** Who the trail records for a request's actor; null (the command line, start-up) is the system. */
export function auditActor(actor: Actor | null): AuditActor {
  return actor ? { keyId: actor.keyId, role: actor.role } : SYSTEM_ACTOR;
}
