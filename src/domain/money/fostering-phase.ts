/**
 * The weekly fostering allowance of a concurrent planning or fostering for adoption placement during
 * its fostering phase (Concurrent planning guide, "What support is available for carers?": "During
 * the fostering phase, concurrent carers will receive a fostering allowance"), from the rate card in
 * force on the day: the allowance for the child's age band and the skills fee for the carers' level,
 * worked out by the same rule as every other weekly amount (weeklyAmount), for one child in care.
 *
 * It stops on the day recorded as the day the allowance stopped (the adoptive placement: "the
 * fostering allowance stops" when the carers become the child's prospective adopters; see the court
 * decision and adoption rule), and with the placement's end (a return home). Pure: the cards, the
 * child, the placement, the carers' level and the day are given.
 */
import { compareDates, type IsoDate } from '../dates.ts';
import { weeklyAmount, type WeeklyAmount } from './parent-and-child.ts';
import type { RateCard } from './rate-card.ts';

export type EarlyPermanencePlacement = { kind: string | null; startDate: IsoDate; endDate: IsoDate | null };

export type FosteringPhaseAllowance =
  /** Not a concurrent planning or fostering for adoption placement: none is shown. */
  | { status: 'not_applicable' }
  | { status: 'not_started'; from: IsoDate }
  | { status: 'payable'; from: IsoDate; weekly: WeeklyAmount }
  | { status: 'stopped'; from: IsoDate; stoppedOn: IsoDate; why: 'adoptive_placement' | 'placement_ended' };

const EARLY_PERMANENCE: ReadonlySet<string> = new Set(['concurrent_planning', 'fostering_for_adoption']);

export function fosteringPhaseAllowance(args: {
  cards: readonly RateCard[];
  child: { id: string; name: string; dateOfBirth: IsoDate | null };
  placement: EarlyPermanencePlacement | null;
  skillLevel: number;
  /** The day recorded as the day the fostering allowance stopped (the adoptive placement), if any. */
  allowanceStoppedOn: IsoDate | null;
  day: IsoDate;
}): FosteringPhaseAllowance {
  const { placement: p, day } = args;
  if (!p || !p.kind || !EARLY_PERMANENCE.has(p.kind)) return { status: 'not_applicable' };
  if (compareDates(day, p.startDate) < 0) return { status: 'not_started', from: p.startDate };
  if (args.allowanceStoppedOn && compareDates(day, args.allowanceStoppedOn) >= 0) return { status: 'stopped', from: p.startDate, stoppedOn: args.allowanceStoppedOn, why: 'adoptive_placement' };
  if (p.endDate && compareDates(day, p.endDate) >= 0) return { status: 'stopped', from: p.startDate, stoppedOn: p.endDate, why: 'placement_ended' };
  const weekly = weeklyAmount({ cards: args.cards, people: [{ id: args.child.id, role: 'child', name: args.child.name, dateOfBirth: args.child.dateOfBirth, inCare: true }], skillLevel: args.skillLevel, day });
  return {
    status: 'payable',
    from: p.startDate,
    weekly: { ...weekly, lines: weekly.lines.map((l) => (l.kind === 'allowance' ? { ...l, description: `Fostering allowance: ${args.child.name}` } : { ...l, description: `Skills fee: Level ${l.level ?? ''}` })) },
  };
}
