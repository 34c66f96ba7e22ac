import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEnding, endingMeetingProblems, EndingMeetingInput } from './endings.ts';

const input = (over: Record<string, string> = {}) =>
  EndingMeetingInput.parse({ heldOn: '2026-11-20', chair: 'Sue SSW', attendees: 'SW, SSW, carers', whatHappened: 'Evenings broke down', learningForHousehold: 'More respite earlier', learningForChild: 'Needs a calm evening routine', ...over });

test('a disruption meeting: about a placement with an end, held by today and not before it started', () => {
  const ended = { startDate: '2026-06-01', endDate: '2026-11-18', status: 'ended' };
  assert.deepEqual(endingMeetingProblems(input(), ended, '2026-11-25'), []);
  assert.deepEqual(endingMeetingProblems(input({ heldOn: '2026-11-26' }), ended, '2026-11-25').map((p) => p.field), ['heldOn']);
  assert.deepEqual(endingMeetingProblems(input({ heldOn: '2026-05-01' }), ended, '2026-11-25').map((p) => p.field), ['heldOn']);
  assert.deepEqual(endingMeetingProblems(input(), { ...ended, endDate: null, status: 'active' }, '2026-11-25').map((p) => p.field), ['form']);
  assert.equal(EndingMeetingInput.safeParse({ ...input(), learningForChild: '' }).success, false);
});

test('an ending is described as planned or not, with who agreed it', () => {
  assert.deepEqual(describeEnding({ endingBasis: 'urgent_move', move: { decidedThrough: 'head_of_service', decidedByName: 'Hana Head', panelDate: null } }), {
    planned: false,
    basis: 'An urgent move (immediate safeguarding issue)',
    agreedBy: 'Hana Head (head of service)',
  });
  assert.deepEqual(describeEnding({ endingBasis: 'agreed_move', move: { decidedThrough: 'harp_panel', decidedByName: 'Tom Manager', panelDate: '2026-11-24' } }).agreedBy, 'The HARP panel (24 November 2026), recorded by Tom Manager');
  assert.deepEqual(describeEnding({ endingBasis: 'care_plan', move: null }), { planned: true, basis: 'A planned end already in the care plan', agreedBy: 'Planned in the care plan' });
  assert.equal(describeEnding({ endingBasis: null, move: null }).planned, null);
});
