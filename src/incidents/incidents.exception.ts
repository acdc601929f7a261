import { DomainException, ErrorKind } from '../common/domain.exception';

export enum IncidentExceptionCode {
  NOT_FOUND = 'INCIDENT_NOT_FOUND',
  /** Facts that contradict each other or the clock (awareness in the future, before discovery …). */
  INVALID_FACTS = 'INCIDENT_INVALID_FACTS',
  /** A controller or agreement named that does not exist. */
  UNKNOWN_REFERENCE = 'INCIDENT_UNKNOWN_REFERENCE',
  /** The Idempotency-Key was used before for a different request. */
  IDEMPOTENCY_KEY_REUSED = 'INCIDENT_IDEMPOTENCY_KEY_REUSED',
}

/** The kind of each code: the compiler refuses a code left out. */
const INCIDENT_ERROR_KINDS: Record<IncidentExceptionCode, ErrorKind> = {
  [IncidentExceptionCode.NOT_FOUND]: 'not-found',
  [IncidentExceptionCode.INVALID_FACTS]: 'unprocessable',
  [IncidentExceptionCode.UNKNOWN_REFERENCE]: 'unprocessable',
  [IncidentExceptionCode.IDEMPOTENCY_KEY_REUSED]: 'unprocessable',
};

export class IncidentException extends DomainException<IncidentExceptionCode> {
  protected readonly kinds = INCIDENT_ERROR_KINDS;
}
