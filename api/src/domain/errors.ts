/**
 * Expected rule violations come back as data, never as thrown exceptions, so that a resolver
 * can map them to a result type and a form can show every problem at once.
 *
 * - `code` is stable and machine-readable (SCREAMING_SNAKE_CASE); clients branch on it.
 * - `message` is user-facing Simplified Chinese; nobody parses it.
 * - `field` names the input field at fault, when there is one.
 *
 * Thrown `RangeError`/`TypeError`s in this folder mean a programming error (a caller passed a
 * value that its own validation should have rejected), not a user mistake.
 */

export interface DomainError<C extends string = string> {
  code: C;
  message: string;
  field?: string;
}

export type Validation<C extends string = string> =
  | { ok: true }
  | { ok: false; errors: DomainError<C>[] };

/** Wraps a list of errors: empty means valid. */
export function toValidation<C extends string>(errors: DomainError<C>[]): Validation<C> {
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}
