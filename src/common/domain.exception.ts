/**
 * Base of every module's coded domain error. Services throw these; they never import HTTP classes.
 * The exception filter maps each code to its HTTP status.
 */
export abstract class DomainException<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    /** Machine-readable particulars, e.g. the fields at fault. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
