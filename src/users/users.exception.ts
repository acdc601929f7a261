import { DomainException, ErrorKind } from '../common/domain.exception';

export enum UsersExceptionCode {
  USER_NOT_FOUND = 'USERS_USER_NOT_FOUND',
  INVALID_USER_REQUEST = 'USERS_INVALID_USER_REQUEST',
  EMAIL_TAKEN = 'USERS_EMAIL_TAKEN',
  SIGN_IN_FAILED = 'USERS_SIGN_IN_FAILED',
  TOKEN_INVALID = 'USERS_TOKEN_INVALID',
  WRONG_PASSWORD = 'USERS_WRONG_PASSWORD',
  TOTP_INVALID = 'USERS_TOTP_INVALID',
  TOTP_NOT_STARTED = 'USERS_TOTP_NOT_STARTED',
  TOTP_REQUIRED = 'USERS_TOTP_REQUIRED',
  NOT_A_PERSON = 'USERS_NOT_A_PERSON',
  FIRST_RUN_DONE = 'USERS_FIRST_RUN_DONE',
}

/** The kind of each code: the compiler refuses a code left out. */
const USERS_ERROR_KINDS: Record<UsersExceptionCode, ErrorKind> = {
  [UsersExceptionCode.USER_NOT_FOUND]: 'not-found',
  [UsersExceptionCode.INVALID_USER_REQUEST]: 'unprocessable',
  [UsersExceptionCode.EMAIL_TAKEN]: 'conflict',
  [UsersExceptionCode.SIGN_IN_FAILED]: 'unauthenticated',
  [UsersExceptionCode.TOKEN_INVALID]: 'unprocessable',
  [UsersExceptionCode.WRONG_PASSWORD]: 'unprocessable',
  [UsersExceptionCode.TOTP_INVALID]: 'unprocessable',
  [UsersExceptionCode.TOTP_NOT_STARTED]: 'conflict',
  [UsersExceptionCode.TOTP_REQUIRED]: 'conflict',
  // A key has no account: there is no such resource behind it.
  [UsersExceptionCode.NOT_A_PERSON]: 'not-found',
  [UsersExceptionCode.FIRST_RUN_DONE]: 'conflict',
};

export class UsersException extends DomainException<UsersExceptionCode> {
  protected readonly kinds = USERS_ERROR_KINDS;
}
