import { DomainException, ErrorKind } from '../common/domain.exception';

export enum AgreementExceptionCode {
  NOT_FOUND = 'AGREEMENT_NOT_FOUND',
  VERSION_NOT_FOUND = 'AGREEMENT_VERSION_NOT_FOUND',
  ALREADY_EXISTS = 'AGREEMENT_ALREADY_EXISTS',
  INCONSISTENT_TERMS = 'AGREEMENT_INCONSISTENT_TERMS',
}

/** The kind of each code: the compiler refuses a code left out. */
const AGREEMENT_ERROR_KINDS: Record<AgreementExceptionCode, ErrorKind> = {
  [AgreementExceptionCode.NOT_FOUND]: 'not-found',
  [AgreementExceptionCode.VERSION_NOT_FOUND]: 'not-found',
  [AgreementExceptionCode.ALREADY_EXISTS]: 'conflict',
  [AgreementExceptionCode.INCONSISTENT_TERMS]: 'unprocessable',
};

export class AgreementException extends DomainException<AgreementExceptionCode> {
  protected readonly kinds = AGREEMENT_ERROR_KINDS;
}
