import { DomainException, ErrorKind } from '../common/domain.exception';

export enum NoticeJobExceptionCode {
  NOT_FOUND = 'NOTICE_JOB_NOT_FOUND',
  /** The request names controllers the incident does not have (or that have no obligation of this kind). */
  INVALID_REQUEST = 'NOTICE_JOB_INVALID_REQUEST',
  /** Another job is still giving the same notice to some of these controllers. */
  BUSY = 'NOTICE_JOB_BUSY',
}

/** The kind of each code: the compiler refuses a code left out. */
const NOTICE_JOB_ERROR_KINDS: Record<NoticeJobExceptionCode, ErrorKind> = {
  [NoticeJobExceptionCode.NOT_FOUND]: 'not-found',
  [NoticeJobExceptionCode.INVALID_REQUEST]: 'unprocessable',
  [NoticeJobExceptionCode.BUSY]: 'conflict',
};

export class NoticeJobException extends DomainException<NoticeJobExceptionCode> {
  protected readonly kinds = NOTICE_JOB_ERROR_KINDS;
}
