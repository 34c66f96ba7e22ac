import { test } from 'node:test';
import assert from 'node:assert/strict';
import { weeklyAmount, weekStarting, type PlacedPerson } from './parent-and-child.ts';
import { RateCardInput, rateCardOf, rateCardProblems, type RateCard } from './rate-card.ts';

/**
 * The Parent and child fostering procedure's 2022-23 examples (8.2–8.4): one parent and one child
 * £738; two parents and one child £878; one parent and two children £884; each with one Level 4
 * skills fee of £340. So the allowances (AIA) come to:
 *
 *   8.2  parent + child            = 738 − 340 = 398
 *   8.3  parent + parent + child   = 878 − 340 = 538
 *   8.4  parent + child + child    = 884 − 340 = 544
 *
 * They cannot come from one flat allowance: 2 × a = 398 gives a = 199, but then 3 × a = 597, not
 * 538 or 544 (and 538 / 3 and 544 / 3 are not whole pounds, nor equal). They can come from
 * allowances by age band, the ages of the people placed deciding each one's band. With the bands
 * 0–4, 5–10, 11–15, 16–17 and 18 and over, a parent of 17, a second parent of 19, a baby and a
 * second child of 2 (both under 5):
 *
 *   8.2  AIA(16–17) + AIA(0–4)              = 398
 *   8.3  AIA(16–17) + AIA(18+) + AIA(0–4)   = 538   so AIA(18+) = 538 − 398 = 140
 *   8.4  AIA(16–17) + 2 × AIA(0–4)          = 544   so AIA(0–4) = 544 − 398 = 146
 *                                                  and AIA(16–17) = 398 − 146 = 252
 *
 * The bands 5–10 and 11–15 play no part in the examples; the card below states amounts for them
 * only so that it is whole. The levels other than 4 likewise.
 */
const CARD_2022: RateCard = {
  effectiveFrom: '2022-04-04',
  allowances: [
    { fromAge: 0, toAge: 4, weeklyPence: 146_00 },
    { fromAge: 5, toAge: 10, weeklyPence: 166_00 },
    { fromAge: 11, toAge: 15, weeklyPence: 189_00 },
    { fromAge: 16, toAge: 17, weeklyPence: 252_00 },
    { fromAge: 18, toAge: null, weeklyPence: 140_00 },
  ],
  skillsFees: [
    { level: 1, weeklyPence: 0 },
    { level: 2, weeklyPence: 100_00 },
    { level: 3, weeklyPence: 200_00 },
    { level: 4, weeklyPence: 340_00 },
  ],
};

const DAY = '2022-06-06';
const parent17: PlacedPerson = { id: 'p1', role: 'parent', name: 'Mia', dateOfBirth: '2004-09-01', inCare: true };
const parent19: PlacedPerson = { id: 'p2', role: 'parent', name: 'Leo', dateOfBirth: '2002-11-20', inCare: false };
const baby: PlacedPerson = { id: 'c1', role: 'child', name: 'Ivy', dateOfBirth: '2022-05-01', inCare: true };
const toddler: PlacedPerson = { id: 'c2', role: 'child', name: 'Noah', dateOfBirth: '2020-03-15', inCare: true };

const week = (people: PlacedPerson[]) => weeklyAmount({ cards: [CARD_2022], people, skillLevel: 4, day: DAY });

test('8.2: one parent and one child, two allowances and one Level 4 skills fee, £738 a week', () => {
  const w = week([parent17, baby]);
  assert.deepEqual(w.problems, []);
  assert.deepEqual(
    w.lines.map((l) => [l.kind, l.band, l.weeklyPence]),
    [
      ['allowance', '16 to 17', 252_00],
      ['allowance', '0 to 4', 146_00],
      ['skills_fee', null, 340_00],
    ],
  );
  assert.equal(w.totals.all, 738_00);
});

test('8.3: two parents and one child, three allowances and one Level 4 fee, £878 a week', () => {
  const w = week([parent17, parent19, baby]);
  assert.deepEqual(w.lines.map((l) => l.kind), ['allowance', 'allowance', 'allowance', 'skills_fee']);
  assert.deepEqual(w.lines.map((l) => l.age), [17, 19, 0, null]);
  assert.equal(w.totals.all, 878_00);
});

test('8.4: one parent and two children, three allowances and one Level 4 fee, £884 a week', () => {
  const w = week([parent17, baby, toddler]);
  assert.equal(w.lines.filter((l) => l.kind === 'skills_fee').length, 1, 'one skills fee for the arrangement, not one per person');
  assert.equal(w.totals.all, 884_00);
});

test('the examples cannot come from one flat allowance, whatever it is', () => {
  const allowances = [738_00 - 340_00, 878_00 - 340_00, 884_00 - 340_00];
  const people = [2, 3, 3];
  const flat = allowances.map((a, i) => a / people[i]!);
  assert.notEqual(flat[0], flat[1]);
  assert.notEqual(flat[1], flat[2]);
  // And the stated card reproduces all three at once.
  assert.deepEqual([week([parent17, baby]), week([parent17, parent19, baby]), week([parent17, baby, toddler])].map((w) => w.totals.all), [738_00, 878_00, 884_00]);
});

test('8.5: the fostering budget pays for people in care; a child not in care is the child-care team’s, through a request', () => {
  const infantNotInCare: PlacedPerson = { ...baby, inCare: false };
  const parentNotInCare: PlacedPerson = { ...parent17, inCare: false };
  const w = week([parent17, infantNotInCare]);
  const [parentLine, infantLine, fee] = w.lines;
  assert.equal(parentLine?.payer, 'fostering_budget');
  assert.equal(infantLine?.payer, 'child_care_team');
  assert.equal(infantLine?.requestStatus, 'not_requested');
  assert.equal(fee?.payer, 'fostering_budget');
  assert.deepEqual(w.totals, { fostering_budget: 252_00 + 340_00, child_care_team: 146_00, all: 738_00 });
  // The parent's allowance is the fostering budget's "as usual", in care or not.
  assert.equal(week([parentNotInCare, baby]).totals.fostering_budget, 738_00);
  // The request's answer and budget code are carried on the child-care team's line.
  const agreed = week([parent17, { ...infantNotInCare, allowanceRequest: { status: 'agreed', budgetCode: 'CCT-4410' } }]);
  assert.deepEqual([agreed.lines[1]?.requestStatus, agreed.lines[1]?.budgetCode], ['agreed', 'CCT-4410']);
});

test('ages are taken on the day: a birthday moves a person into the next band from that day', () => {
  const turning5: PlacedPerson = { id: 'c3', role: 'child', name: 'Ada', dateOfBirth: '2017-06-10', inCare: true };
  const before = weeklyAmount({ cards: [CARD_2022], people: [turning5], skillLevel: 4, day: '2022-06-09' });
  const after = weeklyAmount({ cards: [CARD_2022], people: [turning5], skillLevel: 4, day: '2022-06-10' });
  assert.deepEqual([before.lines[0]?.band, before.lines[0]?.weeklyPence], ['0 to 4', 146_00]);
  assert.deepEqual([after.lines[0]?.band, after.lines[0]?.weeklyPence], ['5 to 10', 166_00]);
});

test('the rates in force on the day: a later card supersedes from its date, the earlier one still prices earlier days', () => {
  const card2023: RateCard = { ...CARD_2022, effectiveFrom: '2023-04-03', skillsFees: [{ level: 4, weeklyPence: 355_00 }], allowances: CARD_2022.allowances.map((b) => ({ ...b, weeklyPence: b.weeklyPence + 10_00 })) };
  const cards = [card2023, CARD_2022];
  const on = (day: string) => weeklyAmount({ cards, people: [parent17, baby], skillLevel: 4, day });
  assert.equal(on('2022-08-31').totals.all, 738_00);
  // Mia turns 18 on 1 September 2022: the adult band (140) from that day, on the same card.
  assert.equal(on('2023-04-02').totals.all, 140_00 + 146_00 + 340_00);
  assert.equal(on('2023-04-02').cardEffectiveFrom, '2022-04-04');
  assert.equal(on('2023-04-03').cardEffectiveFrom, '2023-04-03');
  // The new card: the adult band (140 + 10) with Ivy's (146 + 10) and the new fee.
  assert.equal(on('2023-04-03').totals.all, 150_00 + 156_00 + 355_00);
  const none = on('2022-01-01');
  assert.deepEqual([none.lines, none.cardEffectiveFrom], [[], null]);
  assert.match(none.problems[0] ?? '', /No rate card/);
});

test('what cannot be priced is said, not guessed', () => {
  const w = weeklyAmount({ cards: [CARD_2022], people: [{ ...parent17, dateOfBirth: null }, baby], skillLevel: 5, day: DAY });
  assert.deepEqual(w.lines.map((l) => l.personId), ['c1']);
  assert.deepEqual(w.problems, ["Mia's date of birth is not recorded, so their allowance cannot be worked out", 'The rate card has no skills fee for Level 5']);
});

test('a new card: bands from 0 without gaps or overlaps, the oldest open-ended, after the latest card', () => {
  const input = (over: Record<string, unknown> = {}) =>
    RateCardInput.parse({
      effectiveFrom: '2023-04-03',
      allowances: [
        { fromAge: 0, toAge: 4, weekly: '146' },
        { fromAge: 5, toAge: 17, weekly: '180.50' },
        { fromAge: 18, toAge: null, weekly: '£1,040' },
      ],
      skillsFees: [{ level: 4, weekly: '340' }],
      ...over,
    });
  const ok = input();
  assert.deepEqual(rateCardProblems(ok, [CARD_2022]), []);
  assert.deepEqual(rateCardOf(ok).allowances.map((b) => b.weeklyPence), [146_00, 180_50, 1040_00]);
  assert.deepEqual(rateCardProblems(input({ effectiveFrom: '2022-04-04' }), [CARD_2022]).map((p) => p.field), ['effectiveFrom']);
  const gap = input({ allowances: [{ fromAge: 0, toAge: 4, weekly: '1' }, { fromAge: 6, toAge: null, weekly: '1' }] });
  assert.match(rateCardProblems(gap, [])[0]?.message ?? '', /leave out age 5/);
  const closed = input({ allowances: [{ fromAge: 0, toAge: 17, weekly: '1' }] });
  assert.match(rateCardProblems(closed, [])[0]?.message ?? '', /open-ended \("18 and over"\)/);
  const twice = input({ skillsFees: [{ level: 4, weekly: '1' }, { level: 4, weekly: '2' }] });
  assert.deepEqual(rateCardProblems(twice, []).map((p) => p.field), ['skillsFees']);
  assert.equal(RateCardInput.safeParse({ ...ok, effectiveFrom: '2023-04-03', allowances: [{ fromAge: 0, toAge: null, weekly: '12.345' }] }).success, false);
});

test('the finance week starts on Monday', () => {
  assert.equal(weekStarting('2026-12-06'), '2026-11-30'); // a Sunday
  assert.equal(weekStarting('2026-11-30'), '2026-11-30');
  assert.equal(weekStarting('2026-12-02'), '2026-11-30');
});
