import { DomainException } from '../common/domain.exception';

export enum AgreementExceptionCode {
  NOT_FOUND = 'AGREEMENT_NOT_FOUND',
  VERSION_NOT_FOUND = 'AGREEMENT_VERSION_NOT_FOUND',
  ALREADY_EXISTS = 'AGREEMENT_ALREADY_EXISTS',
  INCONSISTENT_TERMS = 'AGREEMENT_INCONSISTENT_TERMS',
}

export class AgreementException extends DomainException<AgreementExceptionCode> {}
