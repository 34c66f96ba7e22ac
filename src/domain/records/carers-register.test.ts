import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchHousehold, readCarersRegister, REGISTER_COLUMNS } from './carers-register.ts';

const HEAD = REGISTER_COLUMNS.join(',');
const row = (over: Partial<Record<(typeof REGISTER_COLUMNS)[number], string>> = {}) =>
  REGISTER_COLUMNS.map(
    (c) =>
      over[c] ??
      ({
        HOUSEHOLD_REF: 'H1',
        CARER1_FIRST_NAME: 'Alex',
        CARER1_LAST_NAME: 'Example',
        ADDRESS_LINE1: '1 Sample Street',
        TOWN: 'Yate',
        POSTCODE: 'BS37 4AA',
        APPROVAL_STATUS: 'approved',
        SKILL_LEVEL: '2',
        APPROVED_CHILDREN: '2',
        APPROVAL_DATE: '01/06/2019',
        PLACEMENT_KINDS: 'short_term;long_term',
      } as Record<string, string>)[c] ??
      '',
  ).join(',');

test('a row of the template becomes a household, checked by the household form’s rules', () => {
  const { households, errors } = readCarersRegister({ name: 'carers.csv', content: `${HEAD}\n${row()}\n` });
  assert.deepEqual(errors, []);
  assert.equal(households.length, 1);
  const h = households[0];
  assert.equal(h?.reference, 'H1');
  assert.deepEqual(h?.carers, [{ firstName: 'Alex', lastName: 'Example' }]);
  assert.equal(h?.approvalDate, '2019-06-01');
  assert.deepEqual(h?.placementKinds, ['short_term', 'long_term']);
  assert.equal(h?.provider, 'PR1');
});

test('every problem names the line and column; the row gives no household', () => {
  const content = [
    HEAD,
    row({ HOUSEHOLD_REF: 'H2', APPROVAL_DATE: '31/02/2019' }),
    row({ HOUSEHOLD_REF: 'H3', SKILL_LEVEL: '7', PLACEMENT_KINDS: 'respite' }),
    row({ HOUSEHOLD_REF: 'H4', PROVIDER: 'PR2' }),
    row({ HOUSEHOLD_REF: 'H4' }),
  ].join('\n');
  const { households, errors } = readCarersRegister({ name: 'carers.csv', content });
  assert.deepEqual(households, []);
  const where = errors.map((e) => `${e.line}:${e.column}`).sort();
  assert.deepEqual(where, ['2:APPROVAL_DATE', '3:PLACEMENT_KINDS', '3:SKILL_LEVEL', '4:FOSTERING_SERVICE', '4:LA_CODE', '5:HOUSEHOLD_REF'].sort());
  assert.equal(readCarersRegister({ name: 'x.csv', content: 'NAME\nx\n' }).errors[0]?.line, 1);
});

test('placements find their household only when exactly one has their postcode, provider and URN', () => {
  const households = [
    { id: 'a', postcode: 'BS37 4AA', provider: 'PR1', urn: null },
    { id: 'b', postcode: 'BS35 1AA', provider: 'PR4', urn: 'SC1' },
    { id: 'c', postcode: 'BS35 1AA', provider: 'PR4', urn: 'SC2' },
  ];
  assert.equal(matchHousehold([{ postcode: 'bs374aa', provider: 'PR1', urn: null }], households), 'a');
  assert.equal(matchHousehold([{ postcode: 'BS35 1AA', provider: 'PR4', urn: 'SC2' }], households), 'c');
  assert.equal(matchHousehold([{ postcode: 'BS35 1AA', provider: 'PR4', urn: null }], households), null, 'two households could be it');
  assert.equal(matchHousehold([{ postcode: 'BS37 4AA', provider: 'PR4', urn: null }], households), null, 'another provider');
  assert.equal(matchHousehold([{ postcode: null, provider: 'PR1', urn: null }], households), null);
  assert.equal(
    matchHousehold(
      [
        { postcode: 'BS37 4AA', provider: 'PR1', urn: null },
        { postcode: 'BS35 1AA', provider: 'PR4', urn: 'SC1' },
      ],
      households,
    ),
    null,
    'the same carers cannot be two households',
  );
});
