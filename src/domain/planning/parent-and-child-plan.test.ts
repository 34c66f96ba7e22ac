import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completionProblems, parseDraft } from './content.ts';
import { capabilitiesOf, planVariant, reportDueDates, reportScheduleOf, sectionsOf } from './parent-and-child-plan.ts';
import { printableSections } from './printable.ts';

const ctx = { today: '2024-01-10', delegatedAuthorityCompleted: true, meetingHeldOn: null, extraFocusReasons: [] };

test('which plan (5.4): a parent-and-child placement with a parent in care, or not; any other placement keeps the plain plan', () => {
  assert.equal(planVariant('parent_and_child', [false, true]), 'parent_in_care');
  assert.equal(planVariant('parent_and_child', [false]), 'parent_not_in_care');
  assert.equal(planVariant('parent_and_child', []), 'parent_not_in_care');
  assert.equal(planVariant('long_term', [true]), null);
  assert.deepEqual(sectionsOf('placement_plan', null).map((s) => s.id), ['plan']);
  assert.deepEqual(sectionsOf('placement_plan', 'parent_in_care').map((s) => s.id), ['plan', 'pcAssessment', 'pcCapabilities', 'pcCarers', 'pcConduct', 'pcNeeds']);
  assert.deepEqual(sectionsOf('ppm', 'parent_in_care'), sectionsOf('ppm'), 'only the placement plan has the sections');
});

test("the plan's sections are required to complete it: capabilities, the carers' remit and schedule, conduct, and the parent's needs or help", () => {
  const fields = (v: 'parent_in_care' | 'parent_not_in_care') => completionProblems('placement_plan', parseDraft('placement_plan', {}, v).content, ctx, v).map((p) => p.field);
  const inCare = fields('parent_in_care');
  for (const f of ['pcPurpose', 'capabilities', 'carersSupportRemit', 'carersReportingRemit', 'reportFrequency', 'reportFirstDueOn', 'conductAgreements', 'parentFosteringNeeds', 'childFosteringNeeds', 'parentExpectations']) {
    assert.ok(inCare.includes(f), `${f} is required with the parent in care`);
  }
  assert.ok(!inCare.includes('parentHelp'));
  const notInCare = fields('parent_not_in_care');
  assert.ok(notInCare.includes('parentHelp') && notInCare.includes('parentExpectations') && !notInCare.includes('parentFosteringNeeds'));
  assert.ok(!completionProblems('placement_plan', parseDraft('placement_plan', {}).content, ctx).some((p) => p.field === 'capabilities'), 'not for other placements');
});

test('the schedule and the capabilities are read from the content; a bad frequency is refused as a draft', () => {
  const { content, problems } = parseDraft(
    'placement_plan',
    { reportFrequency: 'fortnightly', reportFirstDueOn: '2024-01-12', capabilities: [{ capability: 'Feeding on cue', aim: 'demonstrate' }, { capability: '', aim: '' }] },
    'parent_not_in_care',
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(reportScheduleOf(content), { frequency: 'fortnightly', firstDueOn: '2024-01-12' });
  assert.deepEqual(capabilitiesOf(content), ['Feeding on cue']);
  assert.equal(reportScheduleOf({ reportFrequency: 'daily', reportFirstDueOn: '2024-01-12' }), null);
  assert.deepEqual(parseDraft('placement_plan', { reportFrequency: 'daily' }, 'parent_in_care').problems.map((p) => p.field), ['reportFrequency']);
  assert.deepEqual(reportDueDates({ frequency: 'fortnightly', firstDueOn: '2024-01-12' }, '2024-02-09'), ['2024-01-12', '2024-01-26', '2024-02-09']);
  const printed = printableSections('placement_plan', content, new Map(), 'parent_not_in_care');
  assert.equal(printed.find((s) => s.heading === "The carers' remit and responsibilities")?.fields?.find((f) => f.label.startsWith('How often'))?.value, 'Every 2 weeks');
});
