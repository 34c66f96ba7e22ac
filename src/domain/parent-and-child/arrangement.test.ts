import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entryOfArrangement, inCareOn, needProblems, obligationsOf, scenarioProblems, type ArrangementPersonFacts, type ScenarioFacts } from './arrangement.ts';

const DAY = '2026-03-02';
const mum = (inCare: boolean, dateOfBirth: string | null = '2009-05-01'): ArrangementPersonFacts => ({ role: 'parent', name: 'Kayla Reid', dateOfBirth, inCare });
const baby = (inCare: boolean): ArrangementPersonFacts => ({ role: 'child', name: 'Ava Reid', dateOfBirth: '2026-01-20', inCare });
const facts = (o: Partial<ScenarioFacts>): ScenarioFacts => ({ scenario: 'both_in_care', rationale: 'Both subject to interim care orders', parentNotCinAssessedOn: null, people: [mum(true), baby(true)], ...o });

test('in care on a day: a legal status in force that day (the end day is not included)', () => {
  const periods = [{ startDate: '2026-01-01', endDate: '2026-03-02' }];
  assert.equal(inCareOn(periods, '2026-03-01'), true);
  assert.equal(inCareOn(periods, DAY), false);
  assert.equal(inCareOn([{ startDate: '2026-03-03', endDate: null }], DAY), false);
  assert.equal(inCareOn([{ startDate: '2026-03-02', endDate: null }], DAY), true);
});

test('each scenario fits only the people it describes (2.1, 2.2, 2.3)', () => {
  assert.deepEqual(scenarioProblems(facts({}), DAY), []);
  assert.deepEqual(scenarioProblems(facts({ scenario: 'parent_in_care', people: [mum(true), baby(false)] }), DAY), []);
  assert.deepEqual(scenarioProblems(facts({ scenario: 'child_in_care', people: [mum(false, '1999-01-01'), baby(true)] }), DAY), []);
  const wrong = scenarioProblems(facts({ scenario: 'parent_in_care', people: [mum(true), baby(true)] }), DAY);
  assert.deepEqual(wrong.map((p) => p.field), ['legalScenario']);
  assert.match(wrong[0]!.message, /Ava Reid is in care on 2 March 2026, but in this scenario the child is not in care/);
  const notInCare = scenarioProblems(facts({ scenario: 'both_in_care', people: [mum(false), baby(true)] }), DAY);
  assert.match(notInCare[0]!.message, /Kayla Reid is not in care/);
});

test('the rationale is required, and a parent and a child (2.4)', () => {
  const p = scenarioProblems(facts({ rationale: '  ', people: [] }), DAY);
  assert.deepEqual(p.map((x) => x.field).sort(), ['people', 'people', 'scenarioRationale']);
});

test('2.3 with a parent under 18 needs the date they were assessed as not a child in need; not for an adult or other scenarios', () => {
  const under18 = scenarioProblems(facts({ scenario: 'child_in_care', people: [mum(false), baby(true)] }), DAY);
  assert.deepEqual(under18.map((p) => p.field), ['parentNotCinAssessedOn']);
  assert.match(under18[0]!.message, /Kayla Reid is under 18/);
  assert.deepEqual(scenarioProblems(facts({ scenario: 'child_in_care', parentNotCinAssessedOn: '2026-02-10', people: [mum(false), baby(true)] }), DAY), []);
  assert.deepEqual(
    scenarioProblems(facts({ scenario: 'child_in_care', parentNotCinAssessedOn: '2026-04-10', people: [mum(false), baby(true)] }), DAY).map((p) => p.field),
    ['parentNotCinAssessedOn'],
    'not in the future',
  );
  // Turning 18 the next day: still under 18 today.
  assert.equal(scenarioProblems(facts({ scenario: 'child_in_care', people: [mum(false, '2008-03-03'), baby(true)] }), DAY).length, 1);
  assert.equal(scenarioProblems(facts({ scenario: 'child_in_care', people: [mum(false, '2008-03-02'), baby(true)] }), DAY).length, 0);
  assert.deepEqual(scenarioProblems(facts({ parentNotCinAssessedOn: '2026-02-10' }), DAY).map((p) => p.field), ['parentNotCinAssessedOn'], 'only for 2.3');
});

test('who the regulations apply to, and who is a foster child or a member of the fostering household', () => {
  const people = [mum(true), baby(true)];
  const both = obligationsOf('both_in_care', people);
  assert.deepEqual(both.map((o) => [o.role, o.regulations, o.fostered, o.householdMember]), [
    ['parent', ['care_planning', 'fostering_services'], true, false],
    ['child', ['care_planning', 'fostering_services'], true, false],
  ]);
  const parentInCare = obligationsOf('parent_in_care', people);
  assert.deepEqual(parentInCare.map((o) => [o.role, o.regulations, o.fostered, o.householdMember]), [
    ['parent', ['care_planning', 'fostering_services'], true, false],
    ['child', ['care_planning', 'placement_with_parent'], false, false],
  ]);
  const childInCare = obligationsOf('child_in_care', people);
  assert.deepEqual(childInCare.map((o) => [o.role, o.regulations, o.fostered, o.householdMember]), [
    ['parent', [], false, true],
    ['child', ['care_planning', 'fostering_services'], true, false],
  ]);
  for (const o of [...both, ...parentInCare, ...childInCare]) assert.match(o.source, /^Parent and child fostering procedure, 2\.[123]: /);
});

test('how the need arose: an older child needs the reason; the date is not in the future', () => {
  assert.deepEqual(needProblems({ needArose: 'court_order', needAroseOn: '2026-02-01', needDocumentId: null, needReason: '' }, DAY), []);
  assert.deepEqual(needProblems({ needArose: 'older_child', needAroseOn: '2026-02-01', needDocumentId: null, needReason: ' ' }, DAY).map((p) => p.field), ['needReason']);
  assert.deepEqual(needProblems({ needArose: 'pre_birth_assessment', needAroseOn: '2026-03-03', needDocumentId: null, needReason: '' }, DAY).map((p) => p.field), ['needAroseOn']);
});

test('an entry of the arrangement: who is fostered, and who arrives with the children entering and takes a place', () => {
  const person = (role: 'parent' | 'child', name: string, o: { childId?: string; familyMemberId?: string; placementId?: string; dateOfBirth?: string | null } = {}) => ({
    id: `${name}-person`,
    role,
    name,
    childId: o.childId ?? null,
    familyMemberId: o.familyMemberId ?? null,
    placementId: o.placementId ?? null,
    dateOfBirth: o.dateOfBirth === undefined ? '2009-05-01' : o.dateOfBirth,
  });
  const kayla = person('parent', 'Kayla Reid', { childId: 'kayla' });
  const ava = person('child', 'Ava Reid', { childId: 'ava', dateOfBirth: '2026-01-20' });
  // Both in care (2.1): the baby entering alone brings her mother, who takes a place.
  const both = entryOfArrangement('both_in_care', [kayla, ava], new Set(['ava']));
  assert.deepEqual([...both.fostered], [['kayla', true], ['ava', true]]);
  assert.deepEqual(both.arriving, [{ id: 'kayla', firstName: 'Kayla', dateOfBirth: '2009-05-01', role: 'parent' }]);
  // Both entering together: nobody else arrives.
  assert.deepEqual(entryOfArrangement('both_in_care', [kayla, ava], new Set(['ava', 'kayla'])).arriving, []);
  // The mother already placed there: she has her place already.
  assert.deepEqual(entryOfArrangement('both_in_care', [{ ...kayla, placementId: 'p1' }, ava], new Set(['ava'])).arriving, []);
  // Only the parent in care (2.2): the baby is not fostered; a parent looked after by another authority (a family member) still arrives.
  const other = entryOfArrangement('parent_in_care', [person('parent', 'Kayla Reid', { familyMemberId: 'fm1' }), ava], new Set(['ava']));
  assert.deepEqual([...other.fostered], [['ava', false]]);
  assert.deepEqual(other.arriving.map((a) => [a.id, a.role]), [['fm1', 'parent']]);
  // Only the child in care (2.3): the parent is a member of the household, takes no place, does not arrive as a foster child.
  assert.deepEqual(entryOfArrangement('child_in_care', [kayla, ava], new Set(['ava'])).arriving, []);
});
