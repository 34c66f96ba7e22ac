import test from 'node:test';
import assert from 'node:assert/strict';
import { CODE_MEANINGS, codeMeaning, spellOut, withMeaning } from './meanings.ts';

test('a code is shown with its meaning, from one lookup', () => {
  assert.equal(withMeaning('placementType', 'U4'), 'U4: Foster placement with other foster carer: long-term');
  assert.equal(withMeaning('placementType', 'U6'), 'U6: Foster placement with other foster carer: not long-term or Fostering for Adoption (FfA)');
  assert.equal(withMeaning('legalStatus', 'C2'), 'C2: Full care order');
  assert.equal(withMeaning('reasonPlacementEnded', 'CARPL'), 'CARPL: Change to or implementation of the care plan');
  assert.equal(withMeaning('participation', 'PN1'), 'PN1: Child attends and speaks for themself');
  assert.equal(withMeaning('reasonCareEnded', 'E12'), 'E12: Adopted: consent dispensed with by the court');
  assert.equal(withMeaning('socialWorkerChange', 'LEFTRL'), 'LEFTRL: Social worker left the role');
});

test('an unknown code is shown as it is; none as nothing', () => {
  assert.equal(withMeaning('placementType', 'ZZ9'), 'ZZ9');
  assert.equal(codeMeaning('legalStatus', 'U4'), null, 'a placement type is not a legal status');
  assert.equal(withMeaning('legalStatus', null), '');
  assert.equal(codeMeaning('placementType', 'constructor'), null, 'only the list’s own codes');
});

test('every list has meanings, and FfA is spelled out where a meaning uses it', () => {
  for (const [kind, list] of Object.entries(CODE_MEANINGS)) assert.ok(Object.keys(list).length > 1, kind);
  assert.equal(spellOut('not long-term or FfA'), 'not long-term or Fostering for Adoption (FfA)');
});
