/**
 * The SSDA903 validation rules that concern one record, as data and small checks, so that the
 * forms and the API refuse at entry what the return would reject, with the same limits as the
 * return's checks (validation-rules.ts reads the same tables). Pure: "today" is not needed; the
 * collection year is given where a rule depends on it. The rules: docs/rules/ssda903-validation.md.
 */
import { ageOn, isValidIsoDate, toDayNumber, type IsoDate } from '../dates.ts';
import { inYears, NO_PROVIDER_PLACES, NO_URN_PLACES, SEX_ADOPTR_CODES, type YearRange } from './return-codes.ts';

/** Placement providers that go only with some placement types (550) or not with some (527–531). */
export const PROVIDER_PLACEMENT_RULES: Readonly<Record<string, { rule: string; onlyWith?: readonly string[]; notWith?: readonly string[] }>> = {
  PR0: { rule: '550', onlyWith: ['P1'] },
  PR1: { rule: '527', notWith: ['P1', 'R2', 'R5'] },
  PR2: { rule: '528', notWith: ['P1', 'R2', 'R5'] },
  PR3: { rule: '529', notWith: ['P1', 'A3', 'A4', 'A5', 'A6', 'K1', 'K2', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6'] },
  PR4: { rule: '530', notWith: ['P1'] },
  PR5: { rule: '531', notWith: ['P1'] },
};

/** Whether a placement provider code may go with a placement type (rules 527–531, 550; 213 is separate). */
export function providerAllowedWith(provider: string, placeType: string): boolean {
  const r = PROVIDER_PLACEMENT_RULES[provider];
  if (!r) return true;
  if (r.onlyWith && !r.onlyWith.includes(placeType)) return false;
  return !(r.notWith?.includes(placeType) ?? false);
}

/** The minimum age for some placement types, on the day the placement starts (rules 371–374). */
export const PLACEMENT_MIN_AGE: Readonly<Record<string, { rule: string; minAge: number; years?: YearRange }>> = {
  K3: { rule: '371', minAge: 16, years: { from: '2024-25' } },
  R5: { rule: '372', minAge: 10 },
  S1: { rule: '373', minAge: 4 },
  P3: { rule: '374', minAge: 14 },
};

/** The minimum age for the youth justice legal statuses (rule 358). */
export const LEGAL_STATUS_MIN_AGE: Readonly<Record<string, { rule: string; minAge: number }>> = {
  J1: { rule: '358', minAge: 10 },
  J2: { rule: '358', minAge: 10 },
  J3: { rule: '358', minAge: 10 },
};

/** The longest a short-term legal status may last, in days (rules 361–363). */
export const LEGAL_STATUS_MAX_DAYS: Readonly<Record<string, { rule: string; maxDays: number; what: string }>> = {
  L1: { rule: '361', maxDays: 3, what: 'Police protection (L1) lasts at most 72 hours' },
  L2: { rule: '362', maxDays: 21, what: 'An emergency protection order (L2) lasts at most 21 days' },
  L3: { rule: '363', maxDays: 7, what: 'A child assessment order (L3) lasts at most 7 days' },
};

/** The longest some temporary placements may last, in days (rules 375, 376). */
export const TEMPORARY_MAX_DAYS: Readonly<Record<string, { rule: string; maxDays: number; what: string }>> = {
  T1: { rule: '375', maxDays: 42, what: 'A temporary stay in hospital (T1) lasts at most six weeks (42 days)' },
  T3: { rule: '376', maxDays: 21, what: 'Temporary care while the foster carer is on holiday (T3) lasts at most three weeks (21 days)' },
};

export type RecordProblem = { field: string; message: string; rule: string };

const days = (from: IsoDate, to: IsoDate) => toDayNumber(to) - toDayNumber(from);
const realDates = (...ds: (IsoDate | null | undefined)[]) => ds.every((d) => d !== null && d !== undefined && isValidIsoDate(d));

/**
 * A placement's SSDA903 fields as entered: provider against type (213, 527–531, 550), a URN where
 * the type has none (222; XXXXXXX accepted), how long a T1 or T3 lasts (375, 376), and, when the
 * child's date of birth is known, the minimum age for the type in `year` (371–374).
 */
export function placementRecordProblems(
  p: { placeType: string; provider: string | null; urn: string | null; startDate: IsoDate; endDate: IsoDate | null },
  child: { dateOfBirth: IsoDate } | null,
  year: string | null,
): RecordProblem[] {
  const out: RecordProblem[] = [];
  if (p.provider) {
    if (NO_PROVIDER_PLACES.has(p.placeType)) out.push({ field: 'provider', rule: '213', message: `A ${p.placeType} placement has no placement provider: leave the provider blank` });
    else if (!providerAllowedWith(p.provider, p.placeType)) {
      const r = PROVIDER_PLACEMENT_RULES[p.provider];
      const message =
        p.provider === 'PR0'
          ? 'PR0 (parents or others with parental responsibility) is only for a P1 placement'
          : p.placeType === 'P1'
            ? 'A P1 placement, with parents or others with parental responsibility, has the provider PR0'
            : `Placement provider ${p.provider} cannot provide a ${p.placeType} placement: correct the provider or the placement type`;
      out.push({ field: 'provider', rule: r?.rule ?? '', message });
    }
  }
  if (p.urn && p.urn !== 'XXXXXXX' && NO_URN_PLACES.has(p.placeType)) {
    out.push({ field: 'urn', rule: '222', message: `A ${p.placeType} placement has no Ofsted URN: leave the URN blank` });
  }
  const limit = TEMPORARY_MAX_DAYS[p.placeType];
  if (limit && p.endDate && realDates(p.startDate, p.endDate) && days(p.startDate, p.endDate) > limit.maxDays) {
    out.push({ field: 'endDate', rule: limit.rule, message: `${limit.what}: check the dates or the placement type` });
  }
  const min = PLACEMENT_MIN_AGE[p.placeType];
  if (min && child && (min.years === undefined || year === null || inYears(min.years, year)) && realDates(child.dateOfBirth, p.startDate)) {
    const age = ageOn(child.dateOfBirth, p.startDate);
    if (age < min.minAge) out.push({ field: 'placementType', rule: min.rule, message: `A ${p.placeType} placement is only for a child aged ${min.minAge} or over; the child was ${age} on the start date` });
  }
  return out;
}

/** How long a short-term legal status lasts, when its end is known (361–363). */
export function legalStatusDurationProblem(code: string, startDate: IsoDate, endDate: IsoDate | null): RecordProblem | null {
  const limit = LEGAL_STATUS_MAX_DAYS[code];
  if (!limit || !endDate || !realDates(startDate, endDate)) return null;
  return days(startDate, endDate) > limit.maxDays ? { field: 'endDate', rule: limit.rule, message: `${limit.what}: the end date must be no more than ${limit.maxDays} days after the start date; record the legal status that followed from the day it began` } : null;
}

/**
 * What the child's form says about the return's rules that cannot be refused at entry: sex U is
 * accepted with the DfE's warning 232, and the home postcode is needed for every child looked after
 * except UASC (392a, 392b), whose return leaves it out (406).
 */
export const CHILD_FORM_HINTS = {
  sex: 'Choose U only when the sex is not known or is indeterminate: the SSDA903 return accepts it with a warning that the DfE queries (rule 232)',
  homePostcode: 'The postcode of the home the child was looked after from. The SSDA903 return needs it for every child looked after except an unaccompanied asylum-seeking child, whose home postcode the return leaves out',
} as const;

/**
 * The adopters' number, genders and legal status must agree (AD1 rules 511, 514, 517–520, 524, and
 * the number the genders code implies). The return's checks and the adoption order form both use it.
 */
export const ADOPTER_RULES: readonly { rule: string; legalStatus?: string; numberOfAdopters?: string; sexes: readonly string[]; message: string }[] = [
  { rule: '511', numberOfAdopters: '2', sexes: ['MM', 'FF', 'MF'], message: 'Two adopters are a couple: their genders are MM, FF or MF' },
  { rule: '514', legalStatus: 'L0', sexes: ['M1', 'F1'], message: 'A single adopter (L0) is one person: M1 or F1' },
  { rule: '517', legalStatus: 'L3', sexes: ['MF'], message: 'An unmarried couple of different genders (L3) is MF' },
  { rule: '518', legalStatus: 'L4', sexes: ['MM', 'FF'], message: 'An unmarried couple of the same gender (L4) is MM or FF' },
  { rule: '519', legalStatus: 'L2', sexes: ['MM', 'FF', 'MF'], message: 'Civil partners (L2) are a couple: MM, FF or MF' },
  { rule: '520', legalStatus: 'L11', sexes: ['MF'], message: 'A married couple of different genders (L11) is MF' },
  { rule: '524', legalStatus: 'L12', sexes: ['MM', 'FF'], message: 'A married couple of the same gender (L12) is MM or FF' },
];

/**
 * The rules the adopters' codes break (empty when they agree): the AD1 rules above, and one adopter
 * being one person (M1 or F1), which the genders code implies. A genders code left blank or not in the
 * code list breaks a legal status's rule (as the DfE's validator reads them) but is not compared with the
 * number (rules 151 and 176 report it). The adoption order form and the return's checks (511, 514,
 * 517–520, 524) both decide here.
 */
export function adopterProblems(a: { numberOfAdopters: string | null; sex: string | null; legalStatus: string | null }): { rule: string | null; message: string }[] {
  const sex = a.sex?.trim() ?? '';
  const known = sex !== '' && Object.hasOwn(SEX_ADOPTR_CODES, sex);
  const out: { rule: string | null; message: string }[] = [];
  if (known && a.numberOfAdopters === '1' && sex !== 'M1' && sex !== 'F1') out.push({ rule: null, message: 'One adopter is one male (M1) or one female (F1)' });
  for (const r of ADOPTER_RULES) {
    // A legal status names the genders it allows, so a blank or unknown code breaks it; the number is compared with a known code only.
    const applies = r.legalStatus !== undefined ? r.legalStatus === a.legalStatus : known && r.numberOfAdopters === a.numberOfAdopters;
    if (applies && !r.sexes.includes(sex)) out.push({ rule: r.rule, message: r.message });
  }
  return out;
}
