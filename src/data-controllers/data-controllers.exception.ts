import { DomainException } from '../common/domain.exception';

export enum DataControllerExceptionCode {
  NOT_FOUND = 'CONTROLLER_NOT_FOUND',
  /** The body names an agreement, authority, time zone or language that does not exist or does not fit. */
  INVALID_REFERENCE = 'CONTROLLER_INVALID_REFERENCE',
}

export class DataControllerException extends DomainException<DataControllerExceptionCode> {}
