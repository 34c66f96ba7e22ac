/** Refused: the person may not do this, or not to this record. Pages answer 403 with the message; the API a 403 problem. */
export class ForbiddenError extends Error {
  constructor(message = 'You do not have permission to do that') {
    super(message);
    this.name = 'ForbiddenError';
  }
}
