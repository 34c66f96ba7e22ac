/**
 * After adoption: the agreed arrangements for future contact with the birth family, letterbox or
 * direct (Concurrent planning guide, "What are the benefits for carers?": the carers "get to know
 * the parents of the child from taking the child to contact sessions which can form the basis for
 * meaningful contact in the future"). The birth family's details and the adopters' details are kept
 * apart: each side is read only by the roles that need it (futureContactAccess).
 */
import { z } from 'zod';
import type { Role } from '../access/index.ts';
import { compareDates, type IsoDate } from '../dates.ts';
import { isoDate, oneOf, text, MAX_LONG_TEXT } from '../records/fields.ts';

export const FUTURE_CONTACT_KINDS = { letterbox: 'Letterbox (indirect, through the agency)', direct: 'Direct (meeting in person)' } as const;
export type FutureContactKind = keyof typeof FUTURE_CONTACT_KINDS;

export const FutureContactInput = z.object({
  kind: oneOf(['letterbox', 'direct'], 'the kind of future contact'),
  frequency: text('how often contact takes place'),
  arrangements: text('the arrangements agreed', MAX_LONG_TEXT),
  agreedOn: isoDate('the date the arrangements were agreed'),
  birthFamilyNames: text("the birth family's names"),
  birthFamilyContact: text("the birth family's contact details", MAX_LONG_TEXT),
  adoptersNames: text("the adopters' names"),
  adoptersContact: text("the adopters' contact details", MAX_LONG_TEXT),
});
export type FutureContactInput = z.output<typeof FutureContactInput>;

export function futureContactProblems(input: FutureContactInput, adoptionOrderOn: IsoDate | null, today: IsoDate): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (!adoptionOrderOn) problems.push({ field: 'agreedOn', message: 'Future contact after adoption is recorded once the adoption order is recorded' });
  if (compareDates(input.agreedOn, today) > 0) problems.push({ field: 'agreedOn', message: 'The date the arrangements were agreed must be today or in the past' });
  return problems;
}

/**
 * Who sees what. The arrangements themselves (kind, how often, what was agreed) are seen by anyone
 * who may read the child's record. The adopters' details (their names and where they live) are
 * seen only by the child's social worker, the team manager and the head of service: the birth family
 * must not learn them through the record. The birth family's details are seen by the same roles and
 * the supervising social worker, who supports the adopters with letterbox and direct contact.
 * Recording is for the child's social worker and the managers.
 */
export const FUTURE_CONTACT_ACCESS: Record<'adopters' | 'birth_family' | 'record', readonly Role[]> = {
  adopters: ['social_worker', 'team_manager', 'head_of_service'],
  birth_family: ['social_worker', 'supervising_social_worker', 'team_manager', 'head_of_service'],
  record: ['social_worker', 'team_manager', 'head_of_service'],
};

export function futureContactAccess(role: Role): { adopters: boolean; birthFamily: boolean; record: boolean } {
  return {
    adopters: FUTURE_CONTACT_ACCESS.adopters.includes(role),
    birthFamily: FUTURE_CONTACT_ACCESS.birth_family.includes(role),
    record: FUTURE_CONTACT_ACCESS.record.includes(role),
  };
}
