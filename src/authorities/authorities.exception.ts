import { DomainException, ErrorKind } from '../common/domain.exception';

export enum AuthorityExceptionCode {
  NOT_FOUND = 'AUTHORITY_NOT_FOUND',
}

/** The kind of each code: the compiler refuses a code left out. */
const AUTHORITY_ERROR_KINDS: Record<AuthorityExceptionCode, ErrorKind> = {
  [AuthorityExceptionCode.NOT_FOUND]: 'not-found',
};

export class AuthorityException extends DomainException<AuthorityExceptionCode> {
  protected readonly kinds = AUTHORITY_ERROR_KINDS;
}
