import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { christmasCalendar } from './fake-calendar.ts';
import { englandAndWales } from '../calendar/index.ts';
import { earlyPermanenceConsideration } from './early-permanence.ts';
import { DEFAULT_EARLY_PERMANENCE_WORKING_DAYS, DEFAULT_PSM_WORKING_DAYS, setLocalTimescales } from './local-settings.ts';
import { status } from './status.ts';
import { deriveObligations } from './index.ts';
import { child, one } from './test-facts.ts';
import type { ChildEvent } from './types.ts';

const cal = christmasCalendar();
const inPlan = (date: string): ChildEvent => ({ kind: 'adoption_in_plan', date });
const decided = (date: string): ChildEvent => ({ kind: 'early_permanence_considered', date });
const derive = (events: ChildEvent[]) => earlyPermanenceConsideration.derive(child({ events }), cal);

afterEach(() => setLocalTimescales({ psmWorkingDays: DEFAULT_PSM_WORKING_DAYS }));

test('no duty until adoption is, or may become, the plan', () => {
  assert.deepEqual(derive([]), []);
  assert.deepEqual(derive([decided('2023-12-22')]), []);
});

test('adoption in the plan on Fri 22 Dec 2023: the decision is due 10 working days later, skipping Christmas and New Year (Wed 10 Jan 2024)', () => {
  const [i, ...rest] = derive([inPlan('2023-12-22')]);
  assert.ok(i);
  assert.equal(rest.length, 0);
  assert.equal(i.id, 'early-permanence-consideration:child:child-1:1');
  assert.equal(i.startedOn, '2023-12-22');
  assert.equal(i.dueOn, '2024-01-10');
  assert.match(i.explanation, /^10 working days after adoption came into the plan on Fri 22 Dec 2023/);
  assert.equal(status(i, '2024-01-11', cal), 'overdue');
});

test('with the real calendar: adoption in the plan on Thu 28 Mar 2024 skips Good Friday and Easter Monday (due Mon 15 Apr 2024)', () => {
  const [i] = earlyPermanenceConsideration.derive(child({ events: [inPlan('2024-03-28')] }), englandAndWales);
  assert.equal(i?.dueOn, '2024-04-15');
});

test('the recorded decision completes it; a decision recorded before adoption came into the plan does not', () => {
  const [done] = derive([inPlan('2023-12-22'), decided('2024-01-05')]);
  assert.equal(done?.completedOn, '2024-01-05');
  assert.equal(status(done!, '2024-02-01', cal), 'completed_on_time');
  const [late] = derive([inPlan('2023-12-22'), decided('2024-01-11')]);
  assert.equal(status(late!, '2024-02-01', cal), 'completed_late');
  const [early] = derive([decided('2023-12-01'), inPlan('2023-12-22')]);
  assert.equal(early?.completedOn, undefined);
});

test('one duty per period of care: a second record of adoption in the plan does not start another', () => {
  assert.equal(derive([inPlan('2023-12-22'), inPlan('2024-02-01')]).length, 1);
});

test('the number of working days is a local setting', () => {
  setLocalTimescales({ psmWorkingDays: DEFAULT_PSM_WORKING_DAYS, earlyPermanenceWorkingDays: 5 });
  assert.equal(derive([inPlan('2023-12-22')])[0]?.dueOn, '2024-01-03');
  assert.match(earlyPermanenceConsideration.rule, /within 5 working days/);
  setLocalTimescales({ psmWorkingDays: DEFAULT_PSM_WORKING_DAYS });
  assert.match(earlyPermanenceConsideration.rule, new RegExp(`within ${DEFAULT_EARLY_PERMANENCE_WORKING_DAYS} working days`));
  assert.throws(() => setLocalTimescales({ psmWorkingDays: 5, earlyPermanenceWorkingDays: 0 }), /1 to 60/);
});

test('it is among the child obligations, and stops applying when the child leaves care before it falls due', () => {
  const facts = child({ events: [inPlan('2023-12-22')], lookedAfterUntil: '2024-01-02' });
  const i = one(deriveObligations(facts, cal), 'early-permanence-consideration');
  assert.match(i.notApplicableReason ?? '', /stopped being looked after/);
});
