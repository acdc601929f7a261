import { DomainException, ErrorKind } from '../common/domain.exception';

export enum DataControllerExceptionCode {
  NOT_FOUND = 'CONTROLLER_NOT_FOUND',
  /**
   * The body names an agreement, authority, time zone or language that does not exist or does not fit, a country
   * with no holiday calendar under an agreement in business days, or a webhookUrl that the outbound policy refuses.
   */
  INVALID_REFERENCE = 'CONTROLLER_INVALID_REFERENCE',
}

/** The kind of each code: the compiler refuses a code left out. */
const DATA_CONTROLLER_ERROR_KINDS: Record<DataControllerExceptionCode, ErrorKind> = {
  [DataControllerExceptionCode.NOT_FOUND]: 'not-found',
  [DataControllerExceptionCode.INVALID_REFERENCE]: 'unprocessable',
};

export class DataControllerException extends DomainException<DataControllerExceptionCode> {
  protected readonly kinds = DATA_CONTROLLER_ERROR_KINDS;
}
