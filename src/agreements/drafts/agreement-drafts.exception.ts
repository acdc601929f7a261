import { DomainException, ErrorKind } from '../../common/domain.exception';

export enum AgreementDraftExceptionCode {
  NO_DOCUMENT = 'AGREEMENT_DRAFT_NO_DOCUMENT',
  FILE_AND_TEXT = 'AGREEMENT_DRAFT_FILE_AND_TEXT',
  UNSUPPORTED_TYPE = 'AGREEMENT_DRAFT_UNSUPPORTED_TYPE',
  UNEXPECTED_FIELD = 'AGREEMENT_DRAFT_UNEXPECTED_FIELD',
  UNREADABLE = 'AGREEMENT_DRAFT_UNREADABLE',
  NO_TEXT = 'AGREEMENT_DRAFT_NO_TEXT',
}

/** The kind of each code: the compiler refuses a code left out. */
const AGREEMENT_DRAFT_ERROR_KINDS: Record<AgreementDraftExceptionCode, ErrorKind> = {
  [AgreementDraftExceptionCode.NO_DOCUMENT]: 'unprocessable',
  [AgreementDraftExceptionCode.FILE_AND_TEXT]: 'unprocessable',
  [AgreementDraftExceptionCode.UNSUPPORTED_TYPE]: 'unprocessable',
  [AgreementDraftExceptionCode.UNEXPECTED_FIELD]: 'unprocessable',
  [AgreementDraftExceptionCode.UNREADABLE]: 'unprocessable',
  [AgreementDraftExceptionCode.NO_TEXT]: 'unprocessable',
};

export class AgreementDraftException extends DomainException<AgreementDraftExceptionCode> {
  protected readonly kinds = AGREEMENT_DRAFT_ERROR_KINDS;
}
