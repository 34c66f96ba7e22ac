import { test } from 'node:test';
import assert from 'node:assert/strict';
// This test reads docs/rules/ to prove every obligation has its page; the obligations themselves stay pure.
// eslint-disable-next-line no-restricted-imports
import { existsSync, readFileSync } from 'node:fs';
import { ROLES } from '../access/index.ts';
import { christmasCalendar } from './fake-calendar.ts';
import { REGISTRY, deriveHouseholdObligations, deriveObligations, describeDue, getObligation, status } from './index.ts';
import type { IsoDate } from '../dates.ts';
import { englandAndWales } from '../calendar/index.ts';
import { dueAfter } from '../calendar/working-days-query.ts';
import { child, household, placement } from './test-facts.ts';
import type { ChildEvent, ChildFacts, DeadlineCalendar, HouseholdFacts, PlacementFact } from './types.ts';

const cal = christmasCalendar();
const docs = new URL('../../../docs/rules/', import.meta.url);

const REQUIRED = [
  'placement-plan',
  'care-plan',
  'placement-planning-meeting',
  'concurrent-placement-agreement',
  'placement-notification',
  'social-worker-visits',
  'looked-after-review',
  'emergency-placement-outside-terms',
  'connected-person-temporary-approval',
  'foster-carer-review',
  'delegated-authority-review',
  'initial-support-plan',
  'placement-risk-assessment',
  'child-friendly-profile',
  'parent-and-child-assessment-period',
  'parent-and-child-review',
  'parent-and-child-carer-report',
  'parent-and-child-carer-report-read',
  'placement-entry-checks',
  'placement-support-meeting',
  'review-feedback',
  'contact-sessions',
  'early-permanence-consideration',
];

test('the registry holds every obligation the issue asks for, each fully described', () => {
  const ids = REGISTRY.map((d) => d.id);
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  assert.deepEqual([...ids].sort(), [...REQUIRED].sort());
  for (const d of REGISTRY) {
    assert.match(d.id, /^[a-z]+(-[a-z]+)*$/, `${d.id} is kebab-case`);
    assert.ok(d.title.trim().length > 0, `${d.id}.title`);
    for (const field of ['rule', 'trigger', 'dueRule', 'completes', 'notApplicableWhen'] as const) assert.ok(d[field].trim().length > 20, `${d.id}.${field}`);
    assert.ok((ROLES as readonly string[]).includes(d.responsibleRole), `${d.id} names a real role`);
    for (const s of [d.source, ...(d.otherSources ?? [])]) {
      assert.ok(s.ref && s.detail, `${d.id} source is cited`);
      assert.ok(s.confidence === 'V' || s.confidence === 'R');
    }
    assert.equal(getObligation(d.id), d);
  }
  assert.equal(getObligation('no-such-thing'), undefined);
});

test('every obligation has its page in docs/rules/, naming its title, source and confidence, and the index links it', () => {
  const index = readFileSync(new URL('README.md', docs), 'utf8');
  for (const d of REGISTRY) {
    const file = new URL(`${d.id}.md`, docs);
    assert.ok(existsSync(file), `docs/rules/${d.id}.md exists`);
    const page = readFileSync(file, 'utf8');
    assert.ok(page.includes(`# ${d.title}`), `${d.id}.md has the title as its heading`);
    assert.ok(page.includes(d.source.ref), `${d.id}.md cites ${d.source.ref}`);
    assert.ok(page.includes(`[${d.source.confidence}]`), `${d.id}.md gives the confidence [${d.source.confidence}]`);
    for (const heading of ['## The rule', '## Legal source', '## What starts it', '## How the due date is worked out', '## Who is responsible', '## What completes it', '## When it does not apply', '## Worked example']) {
      assert.ok(page.includes(heading), `${d.id}.md has "${heading}"`);
    }
    assert.ok(index.includes(`(${d.id}.md)`), `README.md links ${d.id}.md`);
  }
});

test('deriveObligations: every obligation for a child, earliest due first, with unique stable ids', () => {
  const facts = child({ placements: [placement({ emergency: true, otherChildrenPlaced: ['other-a'] })] });
  const all = deriveObligations(facts, cal);
  const ids = all.map((i) => i.id);
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual(
    all.map((i) => i.dueOn),
    [...all.map((i) => i.dueOn)].sort(),
  );
  assert.deepEqual(
    ids,
    [
      'child-friendly-profile:placement:pl-1:1',
      'concurrent-placement-agreement:placement:pl-1:other-a',
      'social-worker-visits:placement:pl-1:1',
      'initial-support-plan:placement:pl-1:1',
      'placement-notification:placement:pl-1:1',
      'placement-plan:placement:pl-1:1',
      'placement-planning-meeting:placement:pl-1:1',
      'care-plan:child:child-1:1',
      'placement-risk-assessment:placement:pl-1:1',
      'review-feedback:placement:pl-1:1',
      'looked-after-review:child:child-1:1',
    ],
  );
  assert.deepEqual(deriveObligations(facts, cal), all, 'deriving twice gives the same answer');
});

test('recomputed when the facts change: a corrected start date moves every due date; a recorded meeting completes it', () => {
  const before = deriveObligations(child(), cal);
  const corrected = deriveObligations(child({ placements: [placement({ start: '2024-01-08' })], legalStatuses: [{ code: 'C2', start: '2024-01-08', end: null }] }), cal);
  const dueOf = (list: typeof before, id: string) => list.find((i) => i.id === id)?.dueOn;
  assert.equal(dueOf(before, 'placement-plan:placement:pl-1:1'), '2024-01-02');
  assert.equal(dueOf(corrected, 'placement-plan:placement:pl-1:1'), '2024-01-15');
  assert.equal(dueOf(before, 'looked-after-review:child:child-1:1'), '2024-01-23');
  assert.equal(dueOf(corrected, 'looked-after-review:child:child-1:1'), '2024-02-05');
  const meeting: ChildEvent = { kind: 'ppm_held', date: '2024-01-10', placementId: 'pl-1' };
  const withMeeting = deriveObligations(child({ placements: [placement({ start: '2024-01-08' })], events: [meeting] }), cal);
  const ppm = withMeeting.find((i) => i.obligationId === 'placement-planning-meeting')!;
  assert.equal(status(ppm, '2024-01-20', cal), 'completed_on_time');
});

test('deriveHouseholdObligations: the household obligations, earliest due first', () => {
  const all = deriveHouseholdObligations(
    household({
      placements: [{ id: 'pl-1', childId: 'child-1', start: '2023-12-21', end: null, emergency: true, outsideTermsOfApproval: true }],
      temporaryApprovals: [{ id: 'ta-1', childId: 'child-2', start: '2024-01-08' }],
    }),
    cal,
  );
  assert.deepEqual(
    all.map((i) => [i.id, i.dueOn]),
    [
      ['emergency-placement-outside-terms:placement:pl-1:1', '2024-01-03'],
      ['foster-carer-review:household:hh-1:1', '2024-02-28'],
      ['connected-person-temporary-approval:household:hh-1:ta-1', '2024-04-29'],
    ],
  );
});

test('with the real England and Wales calendar, if it is available: Thu 21 Dec 2023 + 5 working days is Tue 2 Jan 2024', async (t) => {
  const calendarModule: Record<string, unknown> = await import('../calendar/index.ts');
  const real = calendarModule.englandAndWales as DeadlineCalendar | undefined;
  if (!real || typeof real.addWorkingDays !== 'function') {
    t.skip('src/domain/calendar does not export englandAndWales yet');
    return;
  }
  const all = deriveObligations(child({ placements: [placement({ emergency: true })] }), real);
  const plan = all.find((i) => i.obligationId === 'placement-plan')!;
  assert.equal(plan.dueOn, '2024-01-02');
  assert.equal(plan.explanation, '5 working days after the placement started on Thu 21 Dec 2023 (skipping 23–26 Dec and 30 Dec 2023–1 Jan 2024)');
  assert.equal(all.find((i) => i.obligationId === 'care-plan')?.dueOn, '2024-01-09');
  assert.equal(all.find((i) => i.obligationId === 'looked-after-review')?.dueOn, '2024-01-23');
  assert.equal(describeDue(plan, '2023-12-27', real), 'due in 3 working days');
  // Easter 2024: Wed 27 Mar + 5 working days skips Good Friday 29 March and Easter Monday 1 April.
  const easter = deriveObligations(child({ placements: [placement({ start: '2024-03-27' })], legalStatuses: [] }), real);
  assert.equal(easter.find((i) => i.obligationId === 'placement-plan')?.dueOn, '2024-04-05');
});

/**
 * The simplest facts under which each obligation with a first due date starts on `on`: what
 * `firstDue.from` describes. A definition given a firstDue needs an entry here.
 */
const TRIGGERED: Record<string, (on: IsoDate) => { child: ChildFacts } | { household: HouseholdFacts }> = {
  'placement-plan': (on) => ({ child: placedOn(on) }),
  'care-plan': (on) => ({ child: placedOn(on) }),
  'placement-planning-meeting': (on) => ({ child: placedOn(on) }),
  'initial-support-plan': (on) => ({ child: placedOn(on) }),
  'child-friendly-profile': (on) => ({ child: placedOn(on) }),
  'placement-notification': (on) => ({ child: placedOn(on, { emergency: true }) }),
  'concurrent-placement-agreement': (on) => ({ child: placedOn(on, { otherChildrenPlaced: ['other-a'] }) }),
  'placement-entry-checks': (on) => ({ child: placedOn(on, { entryBreaches: [{ code: 'fostering-limit', message: 'Four fostered children' }] }) }),
  'social-worker-visits': (on) => ({ child: placedOn(on) }),
  'placement-support-meeting': (on) => ({ child: { ...placedOn('2023-06-01'), events: [{ kind: 'placement_concern', date: on, placementId: 'pl-1' }] } }),
  'looked-after-review': (on) => ({ child: placedOn(on) }),
  'early-permanence-consideration': (on) => ({ child: { ...placedOn('2023-06-01'), events: [{ kind: 'adoption_in_plan', date: on }] } }),
  'delegated-authority-review': (on) => ({
    child: child({
      legalStatuses: [{ code: 'C2', start: '2023-01-05', end: null }],
      placements: [placement({ start: '2023-01-05' })],
      events: [{ kind: 'review_held', date: on }],
    }),
  }),
  'parent-and-child-assessment-period': (on) => ({ child: placedOn(on, { parentAndChild: true }) }),
  'parent-and-child-review': (on) => ({ child: placedOn(on, { parentAndChild: true }) }),
  'parent-and-child-carer-report-read': (on) => ({
    child: placedOn('2023-06-01', { parentAndChild: true, carerReports: { frequency: 'weekly', firstDueOn: '2023-06-08', received: [{ id: 'r-1', dueOn: '2023-06-08', receivedOn: on, readOn: null }] } }),
  }),
  'emergency-placement-outside-terms': (on) => ({
    household: household({ placements: [{ id: 'pl-1', childId: 'child-1', start: on, end: null, emergency: true, outsideTermsOfApproval: true }] }),
  }),
  'connected-person-temporary-approval': (on) => ({ household: household({ temporaryApprovals: [{ id: 'ta-1', childId: 'child-1', start: on }] }) }),
  'foster-carer-review': (on) => ({ household: household({ approvalDate: on }) }),
};

function placedOn(on: IsoDate, over: Partial<PlacementFact> = {}): ChildFacts {
  return child({ legalStatuses: [{ code: 'C2', start: on, end: null }], placements: [placement({ start: on, ...over })] });
}

// Around Christmas and New Year, Easter 2024, a Friday, a Saturday, month ends and a leap day.
const TRIGGER_DAYS = ['2023-12-21', '2023-12-22', '2023-12-23', '2023-12-29', '2024-01-31', '2024-02-29', '2024-03-27', '2024-03-28', '2024-12-20', '2024-12-31'];

test("firstDue agrees with derive(): the first instance on the simplest facts is due exactly when firstDue says (the calculator's answer)", () => {
  const withFirstDue = REGISTRY.filter((d) => d.firstDue);
  assert.deepEqual(
    withFirstDue.map((d) => d.id).sort(),
    Object.keys(TRIGGERED).sort(),
    'every obligation with a first due date has facts here (and every one here has a first due date)',
  );
  for (const calendar of [cal, englandAndWales as DeadlineCalendar]) {
    for (const d of withFirstDue) {
      const firstDue = d.firstDue!;
      for (const on of TRIGGER_DAYS) {
        const facts = TRIGGERED[d.id]!(on);
        const instances = 'child' in facts ? (d.scope === 'child' ? d.derive(facts.child, calendar) : []) : d.scope === 'household' ? d.derive(facts.household, calendar) : [];
        const first = instances[0];
        assert.ok(first, `${d.id} on ${on}: derive() gives an instance`);
        assert.equal(first.startedOn, on, `${d.id} on ${on}: it starts on the day firstDue counts from`);
        assert.equal(first.dueOn, dueAfter(firstDue, on, calendar), `${d.id} on ${on}: ${first.explanation}`);
      }
    }
  }
});
