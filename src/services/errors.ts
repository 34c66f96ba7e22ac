/** Errors services raise; the web and API layers turn them into pages and problem responses. */
import { sqlStateOf } from '../data/db.ts';

export type FieldError = { field: string; message: string };

export class ValidationError extends Error {
  constructor(public readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends Error {
  constructor(public readonly what: string) {
    super(`${what} not found`);
    this.name = 'NotFoundError';
  }
}

export const STALE_MESSAGE = 'This record was changed by someone else since you opened it. Your changes have not been saved.';

export class StaleRecordError extends Error {
  constructor(public readonly what: string) {
    super(STALE_MESSAGE);
    this.name = 'StaleRecordError';
  }
}

// Refusals are raised by the domain's rules too (caseload access), so the class lives there.
export { ForbiddenError } from '../domain/access/forbidden.ts';

/** Whether the database refused a write for a unique index (PostgreSQL's code 23505, directly or as the cause drizzle wraps). */
export function isUniqueViolation(err: unknown): boolean {
  return sqlStateOf(err) === '23505';
}
