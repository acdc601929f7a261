import { DomainException } from '../common/domain.exception';

export enum AccessExceptionCode {
  UNAUTHENTICATED = 'ACCESS_UNAUTHENTICATED',
  FORBIDDEN = 'ACCESS_FORBIDDEN',
  TOO_MANY_FAILURES = 'ACCESS_TOO_MANY_FAILURES',
  KEY_NOT_FOUND = 'ACCESS_KEY_NOT_FOUND',
  INVALID_KEY_REQUEST = 'ACCESS_INVALID_KEY_REQUEST',
}

export class AccessException extends DomainException<AccessExceptionCode> {}
