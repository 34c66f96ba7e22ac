import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HouseholdProfileInput, HouseholdRecordInput, splitLanguages } from './household-profile.ts';

test('languages from a form (comma-separated) or JSON (a list): trimmed, each once whatever its case', () => {
  assert.deepEqual(splitLanguages(' English,  polish ; English\nBritish  Sign Language'), ['English', 'polish', 'British Sign Language']);
  assert.deepEqual(splitLanguages(['Urdu', ' urdu ', '']), ['Urdu']);
  assert.deepEqual(HouseholdProfileInput.parse({ languages: '' }).languages, []);
});

test('fields not sent stay undefined (the stored values are kept); blank text clears', () => {
  assert.deepEqual(HouseholdProfileInput.parse({}), {});
  assert.deepEqual(HouseholdProfileInput.parse({ faith: '  ', pets: '', accessibleHome: 'false', experience: [] }), { faith: null, pets: undefined, accessibleHome: false, experience: [] });
  assert.deepEqual(HouseholdProfileInput.parse({ pets: true, accessibleHome: 'true', faith: 'Quaker' }), { pets: true, accessibleHome: true, faith: 'Quaker' });
});

test('experience and preferences must be known codes; girls only and boys only cannot both be chosen', () => {
  const bad = HouseholdProfileInput.safeParse({ experience: ['flying'], preferences: ['no_cats'], pets: 'maybe' });
  assert.equal(bad.success, false);
  assert.deepEqual(bad.error?.issues.map((i) => [i.path.join('.'), i.message]), [
    ['experience.0', 'Select experience from the list'],
    ['preferences.0', 'Select preferences from the list'],
    ['pets', 'Select whether the carers have pets'],
  ]);
  const household = {
    carer1FirstName: 'Ann',
    carer1LastName: 'Lee',
    addressLine1: '1 High Street',
    town: 'Yate',
    postcode: 'BS37 5XN',
    fosteringServiceId: '00000000-0000-4000-8000-000000000000',
    approvalStatus: 'approved',
    approvalDate: '2020-01-01',
    approvedChildren: 2,
    ageMin: 0,
    ageMax: 17,
    skillLevel: 2,
  };
  const both = HouseholdRecordInput.safeParse({ ...household, preferences: ['girls_only', 'boys_only'] });
  assert.deepEqual(both.error?.issues.map((i) => [i.path.join('.'), i.message]), [['preferences', 'Select girls only or boys only, not both']]);
  assert.equal(HouseholdRecordInput.safeParse({ ...household, preferences: ['girls_only'], experience: ['trauma', 'trauma'] }).data?.experience?.length, 1);
});

test('too many or too long languages are refused', () => {
  assert.equal(HouseholdProfileInput.safeParse({ languages: Array.from({ length: 21 }, (_, i) => `Language ${i}`) }).error?.issues[0]?.message, 'Enter 20 languages or fewer');
  assert.equal(HouseholdProfileInput.safeParse({ languages: 'x'.repeat(51) }).error?.issues[0]?.message, 'Each language must be 50 characters or fewer');
});
