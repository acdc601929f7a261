import { DomainException, ErrorKind } from '../common/domain.exception';

export enum DecisionExceptionCode {
  /** The value does not belong to the kind, or a needed part (public communication) is missing. */
  INVALID_DECISION = 'DECISION_INVALID',
  /** An Art. 34(3) exception with no high-risk decision in force: there is no Art. 34 duty to lift. */
  NOTHING_TO_EXEMPT = 'DECISION_NOTHING_TO_EXEMPT',
  /** A withdrawal with no not-a-personal-data-breach finding in force. */
  NOTHING_TO_WITHDRAW = 'DECISION_NOTHING_TO_WITHDRAW',
}

/** The kind of each code: the compiler refuses a code left out. */
const DECISION_ERROR_KINDS: Record<DecisionExceptionCode, ErrorKind> = {
  [DecisionExceptionCode.INVALID_DECISION]: 'unprocessable',
  [DecisionExceptionCode.NOTHING_TO_EXEMPT]: 'conflict',
  [DecisionExceptionCode.NOTHING_TO_WITHDRAW]: 'conflict',
};

export class DecisionException extends DomainException<DecisionExceptionCode> {
  protected readonly kinds = DECISION_ERROR_KINDS;
}
