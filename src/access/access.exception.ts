import { DomainException, ErrorKind } from '../common/domain.exception';

export enum AccessExceptionCode {
  UNAUTHENTICATED = 'ACCESS_UNAUTHENTICATED',
  FORBIDDEN = 'ACCESS_FORBIDDEN',
  TOO_MANY_FAILURES = 'ACCESS_TOO_MANY_FAILURES',
  KEY_NOT_FOUND = 'ACCESS_KEY_NOT_FOUND',
  INVALID_KEY_REQUEST = 'ACCESS_INVALID_KEY_REQUEST',
  CSRF_REFUSED = 'ACCESS_CSRF_REFUSED',
  ENROLMENT_REQUIRED = 'ACCESS_ENROLMENT_REQUIRED',
}

/** The kind of each code: the compiler refuses a code left out. */
const ACCESS_ERROR_KINDS: Record<AccessExceptionCode, ErrorKind> = {
  [AccessExceptionCode.UNAUTHENTICATED]: 'unauthenticated',
  [AccessExceptionCode.FORBIDDEN]: 'forbidden',
  [AccessExceptionCode.TOO_MANY_FAILURES]: 'too-many-requests',
  [AccessExceptionCode.KEY_NOT_FOUND]: 'not-found',
  [AccessExceptionCode.INVALID_KEY_REQUEST]: 'unprocessable',
  [AccessExceptionCode.CSRF_REFUSED]: 'forbidden',
  [AccessExceptionCode.ENROLMENT_REQUIRED]: 'forbidden',
};

export class AccessException extends DomainException<AccessExceptionCode> {
  protected readonly kinds = ACCESS_ERROR_KINDS;
}
