/**
 * The outcome of one WS-Security check: a value to go on with, or why the message is refused (the
 * InnerException of the 1012 fault, so it names the check and what was expected).
 */
export type Check<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly why: string };

export const pass = <T>(value: T): Check<T> => ({ ok: true, value });
export const refuse = <T = never>(why: string): Check<T> => ({ ok: false, why });
