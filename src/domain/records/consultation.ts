/**
 * A consultation with the Virtual School, recorded on the child (Placement stability guidance, "Early
 * and robust escalation processes…": "Reference and advice must be sought from the Virtual School when
 * considering a placement move"): the day, who was consulted (one of its contacts, or a name), the
 * question asked and the advice given.
 */
import { z } from 'zod';
import { compareDates, type IsoDate } from '../dates.ts';
import { MAX_LONG_TEXT, isoDate, optionalText, optionalUuid, text, uuid } from './fields.ts';

export const ConsultationInput = z
  .object({
    consultedOn: isoDate('the date of the consultation'),
    virtualSchoolId: uuid('the Virtual School'),
    contactId: optionalUuid('who was consulted'),
    consultedName: optionalText('the name of the person consulted'),
    question: text('the question asked', MAX_LONG_TEXT),
    advice: text('the advice given', MAX_LONG_TEXT),
  })
  .superRefine((v, ctx) => {
    if (!v.contactId && !v.consultedName) ctx.addIssue({ code: 'custom', path: ['contactId'], message: 'Select who was consulted, or enter their name' });
  });
export type ConsultationInput = z.output<typeof ConsultationInput>;

/** Rules that need today: a consultation is recorded once it has happened. */
export function consultationProblems(input: Pick<ConsultationInput, 'consultedOn'>, today: IsoDate): { field: string; message: string }[] {
  return compareDates(input.consultedOn, today) > 0 ? [{ field: 'consultedOn', message: 'The date of the consultation must be today or in the past' }] : [];
}
