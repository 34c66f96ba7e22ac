import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, rank } from './index.ts';
import { aChild, aHousehold, aRequest, context, placed } from './test-facts.ts';

test('evaluate: the score is the sum of the factors; places free are counted on the placement date', () => {
  const request = aRequest({ needs: { firstLanguage: 'Welsh', needTags: ['trauma', 'self_harm'] } });
  const e = evaluate(request, aHousehold({ languages: ['Welsh'], experience: ['trauma'], approvedChildren: 3, placements: [placed()] }), context());
  assert.equal(e.eligible, true);
  assert.deepEqual(e.reasons, []);
  assert.deepEqual(
    e.factors.map((f) => f.points),
    [15, 8, 0],
  );
  assert.equal(e.score, 23);
  assert.equal(e.placesFree, 2);
});

test('evaluate: an excluded household keeps its reasons and still shows its factors', () => {
  const e = evaluate(aRequest({ needs: { firstLanguage: 'Welsh' } }), aHousehold({ approvalStatus: 'on_hold', languages: ['Welsh'] }), context());
  assert.equal(e.eligible, false);
  assert.deepEqual(
    e.reasons.map((r) => r.code),
    ['approval-not-current'],
  );
  assert.equal(e.score, 15);
  assert.equal(e.placesFree, 0);
});

test('rank: eligible by score, then by places free, then by reference; excluded nearest misses first', () => {
  const request = aRequest({ child: aChild({ dateOfBirth: '2010-05-01' }), needs: { firstLanguage: 'Welsh' } });
  const households = [
    aHousehold({ reference: 'H00005', languages: ['English'], approvedChildren: 1 }), // 0, 1 place
    aHousehold({ reference: 'H00004', languages: ['Welsh'], preferences: ['no_teenagers'] }), // 15 − 15 = 0, 3 places
    aHousehold({ reference: 'H00003', languages: ['Welsh'] }), // 15
    aHousehold({ reference: 'H00002', languages: ['English'], approvedChildren: 1 }), // 0, 1 place
    aHousehold({ reference: 'H00009', approvalStatus: 'deregistered', ageMax: 10 }), // 2 reasons
    aHousehold({ reference: 'H00008', approvalStatus: 'on_hold' }), // 1 reason
  ];
  const { eligible, excluded } = rank(request, households, context());
  assert.deepEqual(
    eligible.map((e) => [e.reference, e.score, e.placesFree]),
    [
      ['H00003', 15, 3],
      ['H00004', 0, 3],
      ['H00002', 0, 1],
      ['H00005', 0, 1],
    ],
  );
  assert.deepEqual(
    excluded.map((e) => [e.reference, e.reasons.length]),
    [
      ['H00008', 1],
      ['H00009', 2],
    ],
  );
});
