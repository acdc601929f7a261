/**
 * What kind of failure a domain error is. Services speak in these words, never in HTTP classes; the exception filter
 * turns each into its status (`common/exception.filter.ts`).
 */
export type ErrorKind =
  | 'not-found'
  | 'conflict'
  | 'unprocessable'
  | 'forbidden'
  | 'unauthenticated'
  | 'too-many-requests'
  | 'bad-request';

/**
 * Base of every module's coded domain error. Each module declares its codes as an enum and, beside it, one table from
 * every code to its kind: `Record<Code, ErrorKind>` makes the compiler refuse a code without a kind, so no new error can
 * fall through to a 500, and `common/` never needs to know the feature modules.
 */
export abstract class DomainException<Code extends string> extends Error {
  /** The module's table: every code of this exception, mapped to its kind. */
  protected abstract readonly kinds: Readonly<Record<Code, ErrorKind>>;

  /** For a refusal that passes with time: how many seconds to wait before trying again (sent as Retry-After). */
  readonly retryAfterSeconds?: number;

  constructor(
    readonly code: Code,
    message: string,
    /** Machine-readable particulars, e.g. the fields at fault. */
    readonly details?: unknown,
    options: { retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get kind(): ErrorKind {
    return this.kinds[this.code];
  }
}
