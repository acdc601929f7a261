import { DomainException, ErrorKind } from '../../common/domain.exception';

export enum ReportExceptionCode {
  /** No such regime, or no such stage in it. */
  NO_SUCH_STAGE = 'REPORT_NO_SUCH_STAGE',
  /** The stage's report is not written in that format (NIS2's are letters, DORA's JSON). */
  FORMAT_NOT_OFFERED = 'REPORT_FORMAT_NOT_OFFERED',
  /** The structured report lacks what its template requires (each field named in details). */
  NOT_READY = 'REPORT_NOT_READY',
  /** DORA's reclassification asked for where the major classification was not reversed by a "no" in force. */
  NOT_RECLASSIFIED = 'REPORT_NOT_RECLASSIFIED',
}

/** The kind of each code: the compiler refuses a code left out. */
const REPORT_ERROR_KINDS: Record<ReportExceptionCode, ErrorKind> = {
  [ReportExceptionCode.NO_SUCH_STAGE]: 'not-found',
  [ReportExceptionCode.FORMAT_NOT_OFFERED]: 'not-found',
  [ReportExceptionCode.NOT_READY]: 'unprocessable',
  [ReportExceptionCode.NOT_RECLASSIFIED]: 'conflict',
};

export class ReportException extends DomainException<ReportExceptionCode> {
  protected readonly kinds = REPORT_ERROR_KINDS;
}
