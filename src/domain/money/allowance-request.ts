/**
 * The request to the child-care team to fund the allowance of a child placed who is not in care
 * (Parent and child fostering procedure, 8.5: "if the infant is not in care, the childcare team should
 * be approached with a request that they fund the infant's AIA"): when it was made and of whom, then
 * the answer, the day, who gave it and, when agreed, the budget code the allowance is paid from.
 */
import { z } from 'zod';
import { compareDates, formatDate, isValidIsoDate, type IsoDate } from '../dates.ts';
import { isoDate, oneOf, optionalText, text, MAX_LONG_TEXT } from '../records/fields.ts';

type Problem = { field: string; message: string };

export const AllowanceRequestInput = z.object({
  personId: z.uuid({ error: 'Select the child the allowance is for' }),
  requestedOn: isoDate('the date of the request'),
  requestedOf: text('the child-care team asked'),
  requestNote: optionalText('the note', MAX_LONG_TEXT),
});
export type AllowanceRequestInput = z.output<typeof AllowanceRequestInput>;

export const AllowanceAnswerInput = z.object({
  answer: oneOf(['agreed', 'refused'] as const, 'the answer'),
  answeredOn: isoDate('the date of the answer'),
  answeredByName: text('who answered for the child-care team'),
  budgetCode: optionalText('the budget code', 40),
  answerNote: optionalText('the note', MAX_LONG_TEXT),
});
export type AllowanceAnswerInput = z.output<typeof AllowanceAnswerInput>;

/** A request is for a child placed who is not in care, once, on a day that has come. */
export function allowanceRequestProblems(input: AllowanceRequestInput, person: { role: 'parent' | 'child'; inCare: boolean } | undefined, alreadyRequested: boolean, today: IsoDate): Problem[] {
  const problems: Problem[] = [];
  if (!person) problems.push({ field: 'personId', message: 'Select a child placed in this arrangement' });
  else if (person.role !== 'child' || person.inCare) {
    problems.push({ field: 'personId', message: 'The fostering budget pays for this person: only the allowance of a child who is not in care is requested from the child-care team' });
  } else if (alreadyRequested) problems.push({ field: 'personId', message: "This child's allowance has already been requested: record the answer to that request" });
  if (isValidIsoDate(input.requestedOn) && compareDates(input.requestedOn, today) > 0) problems.push({ field: 'requestedOn', message: 'The date of the request must be today or in the past' });
  return problems;
}

/** The answer comes after the request, once; an agreement names the budget code. */
export function allowanceAnswerProblems(input: AllowanceAnswerInput, request: { requestedOn: IsoDate; answer: string | null }, today: IsoDate): Problem[] {
  const problems: Problem[] = [];
  if (request.answer) problems.push({ field: 'form', message: 'The child-care team has already answered this request' });
  if (compareDates(input.answeredOn, today) > 0) problems.push({ field: 'answeredOn', message: 'The date of the answer must be today or in the past' });
  else if (compareDates(input.answeredOn, request.requestedOn) < 0) problems.push({ field: 'answeredOn', message: `The date of the answer must be on or after ${formatDate(request.requestedOn)}, when the request was made` });
  if (input.answer === 'agreed' && !input.budgetCode) problems.push({ field: 'budgetCode', message: 'Enter the budget code the child-care team pays the allowance from' });
  return problems;
}
