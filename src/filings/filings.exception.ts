import { DomainException, ErrorKind } from '../common/domain.exception';

export enum FilingExceptionCode {
  NOT_FOUND = 'FILING_NOT_FOUND',
  /** The request does not fit: a language the notice cannot be written in, a channel with nowhere to go … */
  INVALID_REQUEST = 'FILING_INVALID_REQUEST',
  /** The notice meets its obligation after the due time and no reasons for the delay were given. */
  REASONS_FOR_DELAY_REQUIRED = 'FILING_REASONS_FOR_DELAY_REQUIRED',
  /** The agreement forbids it without the controller's recorded instruction (Dotnet Internals 8.4, alfaview Clause 5). */
  INSTRUCTION_REQUIRED = 'FILING_INSTRUCTION_REQUIRED',
  /** Not in this state: a follow-up with no notice before it, an initial notice twice. */
  WRONG_STATE = 'FILING_WRONG_STATE',
  /** The caller may see it but not do this (a controller key on the processor's own notice). */
  NOT_PERMITTED = 'FILING_NOT_PERMITTED',
}

/** The kind of each code: the compiler refuses a code left out. */
const FILING_ERROR_KINDS: Record<FilingExceptionCode, ErrorKind> = {
  [FilingExceptionCode.NOT_FOUND]: 'not-found',
  [FilingExceptionCode.INVALID_REQUEST]: 'unprocessable',
  [FilingExceptionCode.REASONS_FOR_DELAY_REQUIRED]: 'unprocessable',
  [FilingExceptionCode.INSTRUCTION_REQUIRED]: 'conflict',
  [FilingExceptionCode.WRONG_STATE]: 'conflict',
  [FilingExceptionCode.NOT_PERMITTED]: 'forbidden',
};

export class FilingException extends DomainException<FilingExceptionCode> {
  protected readonly kinds = FILING_ERROR_KINDS;
}
