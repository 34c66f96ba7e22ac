/**
 * The date and postcode helpers the SSDA903 rules share (validation-engine.ts) agree with the plain
 * definitions they replace for speed: age from dates.ts' ageOn, birthdays by age, postcodes compared
 * after removing spaces and case.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from '../../../test/fast-check.ts';
import { ageOn, fromDayNumber, isValidIsoDate, toDayNumber } from '../dates.ts';
import { ageAt, birthday, samePostcode } from './validation-engine.ts';

const day = fc.integer({ min: toDayNumber('1990-01-01'), max: toDayNumber('2040-12-31') }).map(fromDayNumber);

test('ageAt is the age in whole years, as ageOn counts it', () => {
  fc.assert(fc.property(day, day, (a, b) => {
    const [dob, on] = a <= b ? [a, b] : [b, a];
    assert.equal(ageAt(dob, on), ageOn(dob, on));
  }));
});

test('ageAt is null for a missing or impossible date', () => {
  assert.equal(ageAt(null, '2025-01-01'), null);
  assert.equal(ageAt('2010-02-30', '2025-01-01'), null);
  assert.equal(ageAt('2010-02-01', 'not a date'), null);
});

test('the nth birthday is the first day the child is n (born 29 February: 28 February in a common year)', () => {
  fc.assert(fc.property(day.filter((d) => !d.endsWith('02-29')), fc.integer({ min: 1, max: 25 }), (dob, n) => {
    const b = birthday(dob, n);
    assert.equal(ageAt(dob, b), n);
    assert.equal(ageAt(dob, fromDayNumber(toDayNumber(b) - 1)), n - 1);
  }));
  assert.equal(birthday('2012-02-29', 4), '2016-02-29');
  assert.equal(birthday('2012-02-29', 1), '2013-02-28');
});

test('samePostcode compares without spaces or case', () => {
  const postcode = fc.stringMatching(/^[A-Za-z0-9 \t\u00a0]{0,9}$/);
  const plain = (v: string) => v.replace(/\s+/g, '').toUpperCase();
  fc.assert(fc.property(postcode, postcode, (a, b) => {
    const expected = a.trim() === '' || b.trim() === '' ? a.trim() === '' && b.trim() === '' : plain(a) === plain(b);
    assert.equal(samePostcode(a, b), expected);
    assert.equal(samePostcode(a, a.toLowerCase().replace(/ /g, '  ')), true);
  }));
  assert.equal(samePostcode('BS1 4DJ', 'bs14dj'), true);
  assert.equal(samePostcode('BS1 4DJ', 'BS1 4DK'), false);
  assert.equal(samePostcode('BS1\u00a04DJ', 'BS14DJ'), true);
  assert.equal(samePostcode('BS14DJ', 'BS14DJ\u00a0'), true);
  assert.equal(samePostcode('BS14DJ\u2003', 'bs1 4dj'), true);
  assert.equal(samePostcode('BS14DJ', 'BS14D'), false);
  assert.equal(samePostcode(null, ''), true);
});

test('isValidIsoDate, read character by character, agrees with the pattern and the calendar', () => {
  const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
  const plain = (v: string): boolean => {
    const m = ISO.exec(v);
    if (!m) return false;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return y >= 1900 && y <= 2200 && mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
  };
  const near = fc.tuple(fc.integer({ min: 1890, max: 2210 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  fc.assert(fc.property(fc.oneof(near, fc.string({ maxLength: 12 }), fc.stringMatching(/^[0-9a-]{10}$/)), (v) => assert.equal(isValidIsoDate(v), plain(v), v)));
  for (const v of ['2024-02-29', '2023-02-29', '2025-1-01', '２０２５-01-01', '2025-04-31', ' 2025-04-01']) assert.equal(isValidIsoDate(v), plain(v), v);
});
