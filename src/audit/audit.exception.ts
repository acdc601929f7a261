import { DomainException, ErrorKind } from '../common/domain.exception';

export enum AuditExceptionCode {
  /** A checkpoint given to verify was not signed with this service's audit key (or was altered). */
  CHECKPOINT_NOT_SIGNED = 'AUDIT_CHECKPOINT_NOT_SIGNED',
}

/** The kind of each code: the compiler refuses a code left out. */
const AUDIT_ERROR_KINDS: Record<AuditExceptionCode, ErrorKind> = {
  [AuditExceptionCode.CHECKPOINT_NOT_SIGNED]: 'unprocessable',
};

export class AuditException extends DomainException<AuditExceptionCode> {
  protected readonly kinds = AUDIT_ERROR_KINDS;
}
