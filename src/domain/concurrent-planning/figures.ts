/**
 * Concurrent planning service figures for a period (Concurrent planning guide, "The largest service
 * of its kind in the country": "The service has placed over 150 young children & approved over 115
 * individuals and families"): children placed, carers approved, outcomes (returned home, adopted,
 * other), the time from referral to placement and from placement to the court's decision, and the
 * moves avoided (a child adopted by the carers they were placed with, with no move between a foster
 * family and an adoptive one: "avoiding the need for children to move between carers").
 *
 * Pure: the records in, the figures out. A child's referral date is the referral date of the
 * referral that was placed (the referral linked to the child's placement); a child with none is
 * "not known" in the time from referral. "Carers approved" counts the days dual approval began
 * (`dualApprovalBegan` in the matching domain), not the kinds of placement a household takes.
 */
import { compareDates, toDayNumber, type IsoDate } from '../dates.ts';
import { csvField } from './contact.ts';

export type Period = { from: IsoDate; to: IsoDate };

/** One child's concurrent planning (or fostering for adoption) journey, as the records hold it. */
export type ChildJourney = {
  childId: string;
  /** The first in-scope placement's start. */
  placedOn: IsoDate;
  /** Its household. */
  householdId: string;
  /** The referral to the service, when known. */
  referredOn: IsoDate | null;
  /** The court's final decision, when made. */
  decidedOn: IsoDate | null;
  /** How it ended, when it has: returned home (the day), adopted (the adoption order), or other (the placement ended otherwise). */
  outcome: { kind: 'returned_home' | 'adopted' | 'other'; on: IsoDate } | null;
  /** For an adopted child: the household of the adoptive placement. */
  adoptedByHouseholdId: string | null;
};

export type FigureKey = 'children_placed' | 'carers_approved' | 'returned_home' | 'adopted' | 'other_outcome' | 'moves_avoided' | 'referral_to_placement' | 'placement_to_decision';

export type Figure = {
  key: FigureKey;
  label: string;
  /** A count, or a median number of days; null = not known. */
  value: number | null;
  unit: 'children' | 'households' | 'days';
  /** How it was worked out, in words, with how many records it rests on. */
  note: string;
};

/** A referral to the service, as far as the figures read it. */
export type ReferralFact = { placementId: string | null; status: string; referralDate: IsoDate | null; sentOn: IsoDate | null };

/**
 * The day of the referral that led to a placement: of the referrals marked placed and linked to
 * one of the child's placements, the one linked to the first placement (`placementIds` in the
 * order the child was placed), else the earliest; its referral date, or the day it was sent when
 * the referral date is not recorded. Null when none was placed.
 */
export function referredOnFor(placementIds: readonly string[], referrals: readonly ReferralFact[]): IsoDate | null {
  const placed = referrals.filter((r) => r.status === 'placed' && r.placementId !== null && placementIds.includes(r.placementId));
  const dated = placed.map((r) => ({ at: placementIds.indexOf(r.placementId!), on: r.referralDate ?? r.sentOn })).filter((r): r is { at: number; on: IsoDate } => r.on !== null);
  dated.sort((a, b) => a.at - b.at || compareDates(a.on, b.on));
  return dated[0]?.on ?? null;
}

const within = (d: IsoDate, p: Period) => compareDates(d, p.from) >= 0 && compareDates(d, p.to) <= 0;
const daysBetween = (a: IsoDate, b: IsoDate) => toDayNumber(b) - toDayNumber(a);

/** The median of some numbers (the mean of the middle two for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * The figures for a period (both days included):
 * - children placed: journeys whose placement started in the period;
 * - carers approved: households whose dual approval (fostering and adoption approvals both current)
 *   began in the period: `approvals` holds each day a household's dual approval began;
 * - returned home, adopted, other: outcomes dated in the period;
 * - moves avoided: children adopted in the period by the household they were first placed with;
 * - referral to placement: the median days, for the children placed in the period whose referral is known;
 * - placement to decision: the median days, for the decisions made in the period.
 */
export function serviceFigures(period: Period, journeys: readonly ChildJourney[], approvals: readonly { householdId: string; approvedOn: IsoDate }[]): Figure[] {
  const placed = journeys.filter((j) => within(j.placedOn, period));
  const outcome = (k: 'returned_home' | 'adopted' | 'other') => journeys.filter((j) => j.outcome?.kind === k && within(j.outcome.on, period));
  const adopted = outcome('adopted');
  const avoided = adopted.filter((j) => j.adoptedByHouseholdId === j.householdId);
  const known = placed.filter((j) => j.referredOn !== null);
  const referralDays = known.map((j) => daysBetween(j.referredOn!, j.placedOn));
  const decided = journeys.filter((j) => j.decidedOn !== null && within(j.decidedOn, period));
  const decisionDays = decided.map((j) => daysBetween(j.placedOn, j.decidedOn!));
  const approved = new Set(approvals.filter((a) => within(a.approvedOn, period)).map((a) => a.householdId));
  const n = (x: number, one: string, many: string) => `${x} ${x === 1 ? one : many}`;
  return [
    { key: 'children_placed', label: 'Children placed', value: placed.length, unit: 'children', note: 'Concurrent planning and fostering for adoption placements that started in the period' },
    { key: 'carers_approved', label: 'Carers approved', value: approved.size, unit: 'households', note: 'Households whose approval as foster carers and as adopters became both current in the period (dual approval)' },
    { key: 'returned_home', label: 'Returned home', value: outcome('returned_home').length, unit: 'children', note: 'Children who went home to their birth family in the period' },
    { key: 'adopted', label: 'Adopted', value: adopted.length, unit: 'children', note: 'Adoption orders made in the period' },
    { key: 'other_outcome', label: 'Other outcomes', value: outcome('other').length, unit: 'children', note: 'Placements that ended in the period neither by a return home nor by adoption' },
    { key: 'moves_avoided', label: 'Moves avoided', value: avoided.length, unit: 'children', note: 'Children adopted in the period by the carers they were placed with: no move from a foster family to an adoptive one' },
    {
      key: 'referral_to_placement',
      label: 'Time from referral to placement (median)',
      value: median(referralDays),
      unit: 'days',
      note: known.length ? `From ${n(known.length, 'child', 'children')} placed in the period whose referral date is known${placed.length > known.length ? `; not known for ${placed.length - known.length}` : ''}` : 'Not known: no referral dates for the children placed in the period',
    },
    {
      key: 'placement_to_decision',
      label: "Time from placement to the court's decision (median)",
      value: median(decisionDays),
      unit: 'days',
      note: decided.length ? `From ${n(decided.length, 'decision', 'decisions')} made in the period` : 'No decisions in the period',
    },
  ];
}

/** The figures as CSV: one row per figure; a figure not known is left blank with its note. */
export function figuresCsv(period: Period, figures: readonly Figure[]): string {
  const rows = [['Figure', 'Value', 'Unit', 'Period from', 'Period to', 'Note']];
  for (const f of figures) rows.push([f.label, f.value === null ? '' : String(f.value), f.unit, period.from, period.to, f.note]);
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
