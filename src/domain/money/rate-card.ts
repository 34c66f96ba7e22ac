/**
 * The fostering rate card (Parent and child fostering procedure, 8.1: "the rates … as set out in the
 * Fees and Allowances Policy"): an all-inclusive allowance (AIA) a week for each person placed, by
 * their age band, and a skills fee a week for the carers, by their skill level. It is general: any
 * placement's allowance and fee are read from it (parent and child, concurrent planning, …).
 *
 * Cards are dated. An administrator enters a new card with the day it takes effect; it supersedes
 * the one before from that day, and cards already in force are never changed (a later one is added
 * instead), so every past week can be worked out again with the rates that applied then.
 *
 * Amounts are whole pence. Ages are whole years on the day in question (dates.ts, ageOn).
 */
import { z } from 'zod';
import { compareDates, formatDate, type IsoDate } from '../dates.ts';
import { isoDate, optionalText, MAX_LONG_TEXT } from '../records/fields.ts';

type Problem = { field: string; message: string };

/** One age band's allowance a week: ages fromAge to toAge inclusive (toAge null: and over). */
export type AgeBandRate = { fromAge: number; toAge: number | null; weeklyPence: number };
/** One skill level's fee a week. */
export type SkillsFeeRate = { level: number; weeklyPence: number };
export type RateCard = { effectiveFrom: IsoDate; allowances: AgeBandRate[]; skillsFees: SkillsFeeRate[] };

/** The age bands the rate card page offers (the national minimum allowance's bands, and adults). */
export const STANDARD_AGE_BANDS: readonly { fromAge: number; toAge: number | null }[] = [
  { fromAge: 0, toAge: 4 },
  { fromAge: 5, toAge: 10 },
  { fromAge: 11, toAge: 15 },
  { fromAge: 16, toAge: 17 },
  { fromAge: 18, toAge: null },
];
/** The skill levels the rate card page offers (a household's levels). */
export const STANDARD_SKILL_LEVELS: readonly number[] = [1, 2, 3, 4];
export const MAX_AGE = 120;
export const MAX_LEVEL = 9;
/** £100,000 a week: beyond any real rate, so a typo in pence or pounds is caught. */
const MAX_WEEKLY_PENCE = 10_000_000;

/** "0 to 4", "18 and over", "16 to 17", "age 3". */
export function bandLabel(b: { fromAge: number; toAge: number | null }): string {
  if (b.toAge === null) return `${b.fromAge} and over`;
  if (b.toAge === b.fromAge) return `age ${b.fromAge}`;
  return `${b.fromAge} to ${b.toAge}`;
}

/** "£1,234.50" from pence. */
export function formatPence(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100).toLocaleString('en-GB');
  return `${sign}£${pounds}.${String(abs % 100).padStart(2, '0')}`;
}

/** Pounds as typed ("340", "146.50", "£1,020.00") to pence; null when it is not an amount. */
export function parsePounds(value: string): number | null {
  const s = value.trim().replace(/^£/, '').replaceAll(',', '');
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ''] = s.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

const amount = (label: string) =>
  z.union([z.string(), z.number()], { error: `Enter ${label} in pounds, like 146.50` }).transform((v, ctx) => {
    const pence = parsePounds(String(v));
    if (pence === null) {
      ctx.addIssue({ code: 'custom', message: `Enter ${label} in pounds, like 146.50` });
      return z.NEVER;
    }
    return pence;
  });

const age = (label: string) => z.coerce.number({ error: `Enter ${label} as a whole number` }).int({ error: `Enter ${label} as a whole number` }).min(0).max(MAX_AGE);

/** A new rate card as entered: amounts in pounds (146.50), ages in whole years, levels 1 to 9. */
export const RateCardInput = z.object({
  effectiveFrom: isoDate('the date the rates take effect'),
  note: optionalText('the note', MAX_LONG_TEXT),
  allowances: z
    .array(
      z.object({
        fromAge: age('the youngest age of the band'),
        toAge: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.union([z.null(), age('the oldest age of the band')])),
        weekly: amount('the allowance a week'),
      }),
      { error: 'Enter the allowance for each age band' },
    )
    .min(1, { error: 'Enter the allowance for each age band' }),
  skillsFees: z
    .array(
      z.object({
        level: z.coerce.number({ error: 'Enter the skill level as a whole number' }).int().min(1).max(MAX_LEVEL),
        weekly: amount('the skills fee a week'),
      }),
      { error: 'Enter the skills fee for each level' },
    )
    .default([]),
});
export type RateCardInput = z.output<typeof RateCardInput>;

/** The card as stored, from valid input. */
export function rateCardOf(input: RateCardInput): RateCard {
  return {
    effectiveFrom: input.effectiveFrom,
    allowances: [...input.allowances].sort((a, b) => a.fromAge - b.fromAge).map((a) => ({ fromAge: a.fromAge, toAge: a.toAge, weeklyPence: a.weekly })),
    skillsFees: [...input.skillsFees].sort((a, b) => a.level - b.level).map((f) => ({ level: f.level, weeklyPence: f.weekly })),
  };
}

/**
 * Every rule a new card breaks, given the cards already entered: the bands run from age 0 with no
 * gap or overlap, the last one open-ended ("and over") so that everyone placed has an allowance;
 * a level has one fee; and the card takes effect after the latest card already entered (a card in
 * force is never rewritten: a correction is a new card from a later day).
 */
export function rateCardProblems(input: RateCardInput, existing: readonly Pick<RateCard, 'effectiveFrom'>[]): Problem[] {
  const problems: Problem[] = [];
  const latest = existing.map((c) => c.effectiveFrom).sort(compareDates).at(-1);
  if (latest && compareDates(input.effectiveFrom, latest) <= 0) {
    problems.push({ field: 'effectiveFrom', message: `The date the rates take effect must be after ${formatDate(latest)}, when the latest rate card took effect (a card is never changed: enter a new one)` });
  }
  const bands = [...input.allowances].sort((a, b) => a.fromAge - b.fromAge);
  let expected = 0;
  for (const [i, b] of bands.entries()) {
    if (b.fromAge !== expected) {
      problems.push({ field: 'allowances', message: b.fromAge > expected ? `The age bands leave out age ${expected}: each age from 0 needs an allowance` : `The age bands overlap at age ${b.fromAge}` });
      break;
    }
    if (b.toAge === null) {
      if (i !== bands.length - 1) problems.push({ field: 'allowances', message: `Only the oldest age band can be open-ended ("${b.fromAge} and over")` });
      expected = Number.POSITIVE_INFINITY;
      break;
    }
    if (b.toAge < b.fromAge) {
      problems.push({ field: 'allowances', message: `An age band ends before it starts (${b.fromAge} to ${b.toAge})` });
      break;
    }
    expected = b.toAge + 1;
  }
  if (expected !== Number.POSITIVE_INFINITY && !problems.some((p) => p.field === 'allowances')) {
    problems.push({ field: 'allowances', message: `The oldest age band must be open-ended ("${expected} and over") so that everyone placed has an allowance` });
  }
  if (bands.some((b) => b.weekly > MAX_WEEKLY_PENCE) || input.skillsFees.some((f) => f.weekly > MAX_WEEKLY_PENCE)) {
    problems.push({ field: 'allowances', message: `An amount is more than ${formatPence(MAX_WEEKLY_PENCE)} a week: check it is in pounds` });
  }
  const levels = input.skillsFees.map((f) => f.level);
  const twice = levels.find((l, i) => levels.indexOf(l) !== i);
  if (twice !== undefined) problems.push({ field: 'skillsFees', message: `Level ${twice} has more than one skills fee` });
  return problems;
}

/** The card in force on `day`: the one with the latest effective date on or before it. */
export function cardInForce<C extends Pick<RateCard, 'effectiveFrom'>>(cards: readonly C[], day: IsoDate): C | undefined {
  let best: C | undefined;
  for (const c of cards) if (compareDates(c.effectiveFrom, day) <= 0 && (!best || compareDates(c.effectiveFrom, best.effectiveFrom) > 0)) best = c;
  return best;
}

/** The band a person of `age` falls in, if the card has one. */
export function allowanceFor(card: Pick<RateCard, 'allowances'>, age: number): AgeBandRate | undefined {
  return card.allowances.find((b) => age >= b.fromAge && (b.toAge === null || age <= b.toAge));
}

/** The skills fee for a level, if the card has one. */
export function skillsFeeFor(card: Pick<RateCard, 'skillsFees'>, level: number): SkillsFeeRate | undefined {
  return card.skillsFees.find((f) => f.level === level);
}
