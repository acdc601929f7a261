import { DomainException, ErrorKind } from '../common/domain.exception';

export enum ObligationExceptionCode {
  OBLIGATION_NOT_FOUND = 'OBLIGATION_NOT_FOUND',
  /** Met after its due time without the reasons for the delay. */
  REASONS_FOR_DELAY_REQUIRED = 'OBLIGATION_REASONS_FOR_DELAY_REQUIRED',
  /** An instant that cannot be: in the future, or before the window opened. */
  INVALID_INSTANT = 'OBLIGATION_INVALID_INSTANT',
  /** The obligation is not in a state that allows this (e.g. already met). */
  WRONG_STATE = 'OBLIGATION_WRONG_STATE',
  /** The caller may see the obligation but not act on it (a controller key on a processor-side hop). */
  NOT_PERMITTED = 'OBLIGATION_NOT_PERMITTED',
  /** The processor's notice to the controller is closed only by a not-a-personal-data-breach decision. */
  NOT_CLOSABLE = 'OBLIGATION_NOT_CLOSABLE',
  /** A GDPR notice (filing, letter) asked of another regime's stage: that stage has its own report. */
  NOT_A_GDPR_HOP = 'OBLIGATION_NOT_A_GDPR_HOP',
}

/** The kind of each code: the compiler refuses a code left out. */
const OBLIGATION_ERROR_KINDS: Record<ObligationExceptionCode, ErrorKind> = {
  [ObligationExceptionCode.OBLIGATION_NOT_FOUND]: 'not-found',
  [ObligationExceptionCode.REASONS_FOR_DELAY_REQUIRED]: 'unprocessable',
  [ObligationExceptionCode.INVALID_INSTANT]: 'unprocessable',
  [ObligationExceptionCode.WRONG_STATE]: 'conflict',
  [ObligationExceptionCode.NOT_PERMITTED]: 'forbidden',
  [ObligationExceptionCode.NOT_CLOSABLE]: 'unprocessable',
  [ObligationExceptionCode.NOT_A_GDPR_HOP]: 'unprocessable',
};

export class ObligationException extends DomainException<ObligationExceptionCode> {
  protected readonly kinds = OBLIGATION_ERROR_KINDS;
}
