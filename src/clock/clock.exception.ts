import { DomainException, ErrorKind } from '../common/domain.exception';

export enum ClockExceptionCode {
  OBLIGATION_NOT_FOUND = 'OBLIGATION_NOT_FOUND',
  /** Met after its due time without the reasons for the delay. */
  REASONS_FOR_DELAY_REQUIRED = 'OBLIGATION_REASONS_FOR_DELAY_REQUIRED',
  /** An instant that cannot be: in the future, or before the window opened. */
  INVALID_INSTANT = 'OBLIGATION_INVALID_INSTANT',
  /** The obligation is not in a state that allows this (e.g. already met). */
  WRONG_STATE = 'OBLIGATION_WRONG_STATE',
  /** The caller may see the obligation but not act on it (a controller key on a processor-side hop). */
  NOT_PERMITTED = 'OBLIGATION_NOT_PERMITTED',
}

/** The kind of each code: the compiler refuses a code left out. */
const CLOCK_ERROR_KINDS: Record<ClockExceptionCode, ErrorKind> = {
  [ClockExceptionCode.OBLIGATION_NOT_FOUND]: 'not-found',
  [ClockExceptionCode.REASONS_FOR_DELAY_REQUIRED]: 'unprocessable',
  [ClockExceptionCode.INVALID_INSTANT]: 'unprocessable',
  [ClockExceptionCode.WRONG_STATE]: 'conflict',
  [ClockExceptionCode.NOT_PERMITTED]: 'forbidden',
};

export class ClockException extends DomainException<ClockExceptionCode> {
  protected readonly kinds = CLOCK_ERROR_KINDS;
}
