/**
 * Sufficiency of parent-and-child placements (Parent and child fostering procedure, 6.1–6.3):
 *
 * - 6.2: only carers accredited at Level 4 or above take parent-and-child placements (matching's
 *   hard constraint, src/domain/matching/constraints.ts);
 * - 6.3: "Where no suitable Parent and Child Fostering Placement is available in the … Council area,
 *   the Fostering Service will endeavour to find a placement outside that area." When matching finds
 *   no eligible Level 4 household of the authority's own, the placement officer records that (with
 *   what matching showed and why none is suitable) and each agency or other authority asked, when,
 *   and its answer, then the outcome (found outside the area, or none found);
 * - 6.1: "It is the role of the Fostering Panel to support and challenge the Fostering Service" on
 *   the number of such carers: the sufficiency report gives the panel, for a period, the requests,
 *   the placements made in and out of the area, the searches outside it, and the Level 4 households
 *   with their vacancies.
 *
 * "In the area" means a household approved by the authority's own fostering service (the local
 * authority responsible for the child requested for; for the report, the home authority); "outside"
 * means an independent fostering agency's or another authority's household.
 */
import { z } from 'zod';
import { compareDates, formatDate, isValidIsoDate, type IsoDate } from '../dates.ts';
import { isoDate, oneOf, optionalText, optionalUuid, text, uuid, MAX_LONG_TEXT } from '../records/fields.ts';

type Problem = { field: string; message: string };

export const SEARCH_OUTCOMES = { searching: 'Still searching', found_outside: 'Placement found outside the area', none_found: 'No placement found' } as const;
export type SearchOutcome = keyof typeof SEARCH_OUTCOMES;
export const ENQUIRY_ANSWERS = { awaiting: 'Awaiting an answer', offered: 'Offered a household', no_vacancy: 'No vacancy', declined: 'Declined' } as const;
export type EnquiryAnswer = keyof typeof ENQUIRY_ANSWERS;

/** Recording that there is no suitable Level 4 household in the area (the counts come from matching, not the form). */
export const NoneInAreaInput = z.object({
  noneInAreaOn: isoDate('the date no suitable household was found in the area'),
  whyNoneSuitable: text('why no household in the area is suitable', MAX_LONG_TEXT),
});
export type NoneInAreaInput = z.output<typeof NoneInAreaInput>;

/** One agency or authority asked. */
export const EnquiryInput = z.object({
  organisationId: uuid('the agency or authority asked'),
  askedOn: isoDate('the date they were asked'),
  answer: oneOf(Object.keys(ENQUIRY_ANSWERS) as [EnquiryAnswer, ...EnquiryAnswer[]], 'their answer'),
  answeredOn: z
    .string()
    .optional()
    .nullable()
    .transform((v) => (v ? v : null)),
  answerDetail: optionalText('the details of the answer', MAX_LONG_TEXT),
});
export type EnquiryInput = z.output<typeof EnquiryInput>;

/** The search's outcome. */
export const OutcomeInput = z.object({
  outcome: oneOf(['found_outside', 'none_found'] as const, 'the outcome of the search'),
  outcomeOn: isoDate('the date of the outcome'),
  foundOrganisationId: optionalUuid('the agency or authority whose household was found'),
});
export type OutcomeInput = z.output<typeof OutcomeInput>;

/**
 * Recording "none in the area" is for a parent-and-child request that is being matched, and only
 * when matching shows no eligible household of the authority's own (any eligible one must be
 * considered first).
 */
export function noneInAreaProblems(input: NoneInAreaInput, request: { kind: string | null; status: string; createdOn: IsoDate }, inAreaEligible: number, today: IsoDate): Problem[] {
  const problems: Problem[] = [];
  if (request.kind !== 'parent_and_child') problems.push({ field: 'form', message: 'A search outside the area is recorded for a parent-and-child request' });
  else if (request.status !== 'submitted' && request.status !== 'matching') problems.push({ field: 'form', message: 'A search outside the area is recorded while the request is being matched' });
  if (inAreaEligible > 0) {
    problems.push({ field: 'form', message: `Matching shows ${inAreaEligible} suitable Level 4 household${inAreaEligible === 1 ? '' : 's'} in the area: consider ${inAreaEligible === 1 ? 'it' : 'them'} first` });
  }
  if (compareDates(input.noneInAreaOn, today) > 0) problems.push({ field: 'noneInAreaOn', message: 'The date no suitable household was found in the area must be today or in the past' });
  else if (compareDates(input.noneInAreaOn, request.createdOn) < 0) problems.push({ field: 'noneInAreaOn', message: `The date no suitable household was found in the area must be on or after ${formatDate(request.createdOn)}, when the request was made` });
  return problems;
}

/** Who may be asked: an agency or another local authority (not the authority itself, nor a Virtual School). */
export function enquiryProblems(input: EnquiryInput, organisation: { kind: string; id: string } | undefined, homeAuthorityId: string, search: { noneInAreaOn: IsoDate; outcome: SearchOutcome }, today: IsoDate): Problem[] {
  const problems: Problem[] = [];
  if (search.outcome !== 'searching') problems.push({ field: 'form', message: 'The search has ended: no more enquiries are recorded on it' });
  if (!organisation || organisation.kind === 'virtual_school' || organisation.id === homeAuthorityId) {
    problems.push({ field: 'organisationId', message: 'Select an independent fostering agency or another local authority' });
  }
  if (compareDates(input.askedOn, today) > 0) problems.push({ field: 'askedOn', message: 'The date they were asked must be today or in the past' });
  else if (compareDates(input.askedOn, search.noneInAreaOn) < 0) problems.push({ field: 'askedOn', message: `The date they were asked must be on or after ${formatDate(search.noneInAreaOn)}, when no household was found in the area` });
  if (input.answer === 'awaiting') {
    if (input.answeredOn) problems.push({ field: 'answeredOn', message: 'Leave the date of the answer empty while awaiting one' });
  } else if (!input.answeredOn || !isValidIsoDate(input.answeredOn)) problems.push({ field: 'answeredOn', message: 'Enter the date of the answer' });
  else if (compareDates(input.answeredOn, input.askedOn) < 0 || compareDates(input.answeredOn, today) > 0) {
    problems.push({ field: 'answeredOn', message: 'The date of the answer must be between the date they were asked and today' });
  }
  return problems;
}

export function outcomeProblems(input: OutcomeInput, search: { noneInAreaOn: IsoDate; outcome: SearchOutcome }, enquiries: readonly { organisationId: string; answer: EnquiryAnswer }[], today: IsoDate): Problem[] {
  const problems: Problem[] = [];
  if (search.outcome !== 'searching') problems.push({ field: 'form', message: 'The search already has its outcome' });
  if (compareDates(input.outcomeOn, today) > 0 || compareDates(input.outcomeOn, search.noneInAreaOn) < 0) {
    problems.push({ field: 'outcomeOn', message: 'The date of the outcome must be between the day the search began and today' });
  }
  if (input.outcome === 'found_outside') {
    if (!input.foundOrganisationId) problems.push({ field: 'foundOrganisationId', message: 'Select the agency or authority whose household was found' });
    else if (!enquiries.some((e) => e.organisationId === input.foundOrganisationId && e.answer === 'offered')) {
      problems.push({ field: 'foundOrganisationId', message: 'Select one of the agencies or authorities that offered a household' });
    }
  } else {
    if (input.foundOrganisationId) problems.push({ field: 'foundOrganisationId', message: 'Leave the agency or authority empty when no placement was found' });
    if (enquiries.length === 0) problems.push({ field: 'form', message: 'Record the agencies and authorities asked before recording that none was found' });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The report for the Fostering Panel
// ---------------------------------------------------------------------------------------------

export type ReportRequest = { id: string; reference: string; createdOn: IsoDate; status: string; search: { outcome: SearchOutcome; enquiries: number; offers: number } | null };
export type ReportPlacement = { id: string; startDate: IsoDate; householdReference: string; fosteringServiceId: string; fosteringServiceName: string };
export type ReportHousehold = { id: string; reference: string; approvedChildren: number; placed: number; parentAndChildActive: boolean };

export type SufficiencyReport = {
  from: IsoDate;
  to: IsoDate;
  requests: ReportRequest[];
  placementsInArea: ReportPlacement[];
  placementsOutOfArea: ReportPlacement[];
  households: (ReportHousehold & { free: number; vacancy: boolean })[];
  totals: {
    requests: number;
    searchesOutside: number;
    foundOutside: number;
    noneFound: number;
    placementsInArea: number;
    placementsOutOfArea: number;
    level4Households: number;
    level4WithVacancy: number;
  };
};

/**
 * The report from the facts of the period: a Level 4 household has a parent-and-child vacancy when
 * its terms leave a place free on the last day and no parent-and-child arrangement is there then
 * (one arrangement takes the household: the carers support one family at a time).
 */
export function sufficiencyReport(args: { from: IsoDate; to: IsoDate; homeAuthorityId: string; requests: readonly ReportRequest[]; placements: readonly ReportPlacement[]; households: readonly ReportHousehold[] }): SufficiencyReport {
  const inPeriod = (d: IsoDate) => compareDates(d, args.from) >= 0 && compareDates(d, args.to) <= 0;
  const requests = args.requests.filter((r) => inPeriod(r.createdOn));
  const placements = args.placements.filter((p) => inPeriod(p.startDate));
  const placementsInArea = placements.filter((p) => p.fosteringServiceId === args.homeAuthorityId);
  const placementsOutOfArea = placements.filter((p) => p.fosteringServiceId !== args.homeAuthorityId);
  const households = args.households.map((h) => {
    const free = Math.max(0, h.approvedChildren - h.placed);
    return { ...h, free, vacancy: free > 0 && !h.parentAndChildActive };
  });
  const searches = requests.filter((r) => r.search);
  return {
    from: args.from,
    to: args.to,
    requests,
    placementsInArea,
    placementsOutOfArea,
    households,
    totals: {
      requests: requests.length,
      searchesOutside: searches.length,
      foundOutside: searches.filter((r) => r.search?.outcome === 'found_outside').length,
      noneFound: searches.filter((r) => r.search?.outcome === 'none_found').length,
      placementsInArea: placementsInArea.length,
      placementsOutOfArea: placementsOutOfArea.length,
      level4Households: households.length,
      level4WithVacancy: households.filter((h) => h.vacancy).length,
    },
  };
}

/** A period for the report: from on or before to, at most five years. */
export const ReportPeriod = z.object({ from: isoDate('the first day of the period'), to: isoDate('the last day of the period') });
export function periodProblems(p: { from: IsoDate; to: IsoDate }): Problem[] {
  if (compareDates(p.from, p.to) > 0) return [{ field: 'to', message: 'The last day of the period must be on or after the first' }];
  return [];
}
