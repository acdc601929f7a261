import { DomainException } from '../common/domain.exception';

export enum AuthorityExceptionCode {
  NOT_FOUND = 'AUTHORITY_NOT_FOUND',
}

export class AuthorityException extends DomainException<AuthorityExceptionCode> {}
