/**
 * The weekly amount of a parent-and-child arrangement, line by line, and who pays each line
 * (Parent and child fostering procedure, 8.2–8.5):
 *
 * - an all-inclusive allowance (AIA) for each person placed, parent and child alike, at the rate of
 *   their age band on the day (8.2: "2 All Inclusive allowances (AIA, 1 for the child, 1 for the
 *   parent)"; 8.3 two parents, 8.4 two children);
 * - one skills fee for the arrangement, at the carers' skill level (8.2–8.4: "plus one Level 4
 *   skills fee"), whatever the number of people placed;
 * - who pays: "The fostering budget only pays for children in care; if the infant is not in care,
 *   the childcare team should be approached with a request that they fund the infant's AIA. The
 *   fostering budget would pay the Level 4 fee and parent's AIA as usual" (8.5). So a child's
 *   allowance is the fostering budget's when the child is in care and the child-care team's
 *   (through an allowance request: asked, agreed or refused, with the budget code) when not; the
 *   parent's allowance and the skills fee are always the fostering budget's.
 *
 * Pure: the rate cards, the people (with dates of birth and whether each is in care), the carers'
 * level and the day are given. Nothing is rounded: amounts are whole pence.
 */
import { addDays, ageOn, compareDates, dayOfWeek, type IsoDate } from '../dates.ts';
import { allowanceFor, bandLabel, cardInForce, skillsFeeFor, type RateCard } from './rate-card.ts';

export const PAYERS = { fostering_budget: 'Fostering budget', child_care_team: 'Child-care team' } as const;
export type Payer = keyof typeof PAYERS;

export const ALLOWANCE_REQUEST_STATUSES = {
  not_requested: 'Not yet requested',
  requested: 'Requested, awaiting an answer',
  agreed: 'Agreed',
  refused: 'Refused',
} as const;
export type AllowanceRequestStatus = keyof typeof ALLOWANCE_REQUEST_STATUSES;

export type PlacedPerson = {
  /** The arrangement person's id. */
  id: string;
  role: 'parent' | 'child';
  name: string;
  dateOfBirth: IsoDate | null;
  inCare: boolean;
  /** For a child not in care: the request to the child-care team for their allowance, if made. */
  allowanceRequest?: { status: 'requested' | 'agreed' | 'refused'; budgetCode: string | null } | null;
};

export type WeeklyLine = {
  kind: 'allowance' | 'skills_fee';
  /** The person an allowance is for (null for the skills fee). */
  personId: string | null;
  description: string;
  /** Age on the day and the card's band (allowances). */
  age: number | null;
  band: string | null;
  /** The carers' level (skills fee). */
  level: number | null;
  weeklyPence: number;
  payer: Payer;
  /** The child-care team's lines: where the request stands, and the budget code it gave. */
  requestStatus: AllowanceRequestStatus | null;
  budgetCode: string | null;
};

export type WeeklyAmount = {
  day: IsoDate;
  /** The card the rates come from, or null when none was in force on the day. */
  cardEffectiveFrom: IsoDate | null;
  lines: WeeklyLine[];
  totals: { fostering_budget: number; child_care_team: number; all: number };
  /** Why a line could not be worked out (no card, a date of birth missing, no fee for the level). */
  problems: string[];
};

/**
 * The arrangement's weekly amount on `day`, from the card in force on that day. A line that cannot
 * be priced is left out and its reason given in `problems`, so the page says what is missing.
 */
export function weeklyAmount(args: { cards: readonly RateCard[]; people: readonly PlacedPerson[]; skillLevel: number; day: IsoDate }): WeeklyAmount {
  const { people, skillLevel, day } = args;
  const card = cardInForce(args.cards, day);
  const totals = { fostering_budget: 0, child_care_team: 0, all: 0 };
  if (!card) return { day, cardEffectiveFrom: null, lines: [], totals, problems: ['No rate card was in force on the day: an administrator enters the rates'] };
  const lines: WeeklyLine[] = [];
  const problems: string[] = [];
  const ordered = [...people.filter((p) => p.role === 'parent'), ...people.filter((p) => p.role === 'child')];
  for (const p of ordered) {
    const who = p.role === 'parent' ? 'parent' : 'child';
    if (!p.dateOfBirth) {
      problems.push(`${p.name}'s date of birth is not recorded, so their allowance cannot be worked out`);
      continue;
    }
    if (compareDates(p.dateOfBirth, day) > 0) {
      problems.push(`${p.name} is not yet born on the day, so there is no allowance for them`);
      continue;
    }
    const age = ageOn(p.dateOfBirth, day);
    const band = allowanceFor(card, age);
    if (!band) {
      problems.push(`The rate card has no allowance for age ${age} (${p.name})`);
      continue;
    }
    const fostering = p.role === 'parent' || p.inCare;
    lines.push({
      kind: 'allowance',
      personId: p.id,
      description: `All-inclusive allowance: ${p.name} (${who}${p.inCare ? ', in care' : ', not in care'})`,
      age,
      band: bandLabel(band),
      level: null,
      weeklyPence: band.weeklyPence,
      payer: fostering ? 'fostering_budget' : 'child_care_team',
      requestStatus: fostering ? null : (p.allowanceRequest?.status ?? 'not_requested'),
      budgetCode: fostering ? null : (p.allowanceRequest?.budgetCode ?? null),
    });
  }
  const fee = skillsFeeFor(card, skillLevel);
  if (fee) {
    lines.push({
      kind: 'skills_fee',
      personId: null,
      description: `Skills fee: Level ${skillLevel} (one for the arrangement)`,
      age: null,
      band: null,
      level: skillLevel,
      weeklyPence: fee.weeklyPence,
      payer: 'fostering_budget',
      requestStatus: null,
      budgetCode: null,
    });
  } else problems.push(`The rate card has no skills fee for Level ${skillLevel}`);
  for (const l of lines) {
    totals[l.payer] += l.weeklyPence;
    totals.all += l.weeklyPence;
  }
  return { day, cardEffectiveFrom: card.effectiveFrom, lines, totals, problems };
}

/** Monday of the week `day` is in (the finance week). */
export function weekStarting(day: IsoDate): IsoDate {
  const dow = dayOfWeek(day);
  return addDays(day, dow === 0 ? -6 : 1 - dow);
}
