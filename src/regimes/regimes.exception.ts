import { DomainException, ErrorKind } from '../common/domain.exception';

export enum RegimeExceptionCode {
  NOT_FOUND = 'REGIME_NOT_FOUND',
  INVALID = 'REGIME_INVALID',
  VERSION_CONFLICT = 'REGIME_VERSION_CONFLICT',
}

/** The kind of each code: the compiler refuses a code left out. */
const REGIME_ERROR_KINDS: Record<RegimeExceptionCode, ErrorKind> = {
  [RegimeExceptionCode.NOT_FOUND]: 'not-found',
  [RegimeExceptionCode.INVALID]: 'bad-request',
  [RegimeExceptionCode.VERSION_CONFLICT]: 'conflict',
};

export class RegimeException extends DomainException<RegimeExceptionCode> {
  protected readonly kinds = REGIME_ERROR_KINDS;
}
