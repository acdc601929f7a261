import { DomainException, ErrorKind } from '../common/domain.exception';

export enum FormExceptionCode {
  /** Answers that do not fit their fields (each named in details). */
  INVALID_ANSWERS = 'FORM_INVALID_ANSWERS',
  /** A phase completed while fields are missing (each named in details). */
  PHASE_INCOMPLETE = 'FORM_PHASE_INCOMPLETE',
  /** A responder works on the first phase only. */
  NOT_PERMITTED = 'FORM_NOT_PERMITTED',
  /** The controller is not affected by the incident. */
  CONTROLLER_NOT_AFFECTED = 'FORM_CONTROLLER_NOT_AFFECTED',
}

/** The kind of each code: the compiler refuses a code left out. */
const FORM_ERROR_KINDS: Record<FormExceptionCode, ErrorKind> = {
  [FormExceptionCode.INVALID_ANSWERS]: 'unprocessable',
  [FormExceptionCode.PHASE_INCOMPLETE]: 'unprocessable',
  [FormExceptionCode.NOT_PERMITTED]: 'forbidden',
  [FormExceptionCode.CONTROLLER_NOT_AFFECTED]: 'not-found',
};

export class FormException extends DomainException<FormExceptionCode> {
  protected readonly kinds = FORM_ERROR_KINDS;
}
