import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { ChildInput, MAX_OTHER_NAMES, familyMembersInput, otherNamesInput } from './child.ts';

const problems = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

test('other names: blank rows are dropped, names tidied, and not sending them is not the same as sending none', () => {
  assert.equal(otherNamesInput.parse(undefined), undefined);
  assert.deepEqual(otherNamesInput.parse([]), []);
  assert.deepEqual(
    otherNamesInput.parse([
      { name: '  Lulu ', kind: 'nickname' },
      { name: '', kind: '' },
      { name: null, kind: null },
      { name: 'Tallulah \n Brennan', kind: 'previous' },
      { name: 'Rose', kind: 'other' },
    ]),
    [
      { name: 'Lulu', kind: 'nickname' },
      { name: 'Tallulah Brennan', kind: 'previous' },
      { name: 'Rose', kind: 'other' },
    ],
  );
});

test('other names: a row partly filled in, a bad kind or too many rows each get a message naming the row', () => {
  assert.deepEqual(problems(otherNamesInput, [{ name: 'Lulu' }, { kind: 'previous' }, { name: '!!', kind: 'alias' }]), [
    '0.kind: Other name 1: select whether it is a nickname or preferred name, a previous name or another name',
    '1.name: Other name 2: enter the name',
    '2.name: Other name 3: the name must include letters',
    '2.kind: Other name 3: select whether it is a nickname or preferred name, a previous name or another name',
  ]);
  assert.deepEqual(problems(otherNamesInput, [{ name: 'x'.repeat(101), kind: 'other' }]), ['0.name: Other name 1: the name must be 100 characters or fewer']);
  assert.deepEqual(problems(otherNamesInput, [{ name: 7, kind: 'other' }, 'Lulu']), ['0.name: Other name 1: the name must be text', '1: Other name 2 must be an object with name and kind']);
  assert.deepEqual(problems(otherNamesInput, 'Lulu'), [': Other names must be a list']);
  const many = Array.from({ length: MAX_OTHER_NAMES + 1 }, () => ({ name: 'Lulu', kind: 'nickname' }));
  assert.deepEqual(problems(otherNamesInput, many), [': Enter at most 10 other names']);
  // Blank rows do not count towards the limit.
  assert.deepEqual(problems(otherNamesInput, [...many.slice(1), { name: '', kind: '' }, { name: '', kind: '' }]), []);
});

test('family members: a name and a relationship each, in words', () => {
  assert.deepEqual(familyMembersInput.parse([{ name: 'Marguerite  Fairweather', relationship: ' mother ' }, { name: '', relationship: '' }]), [{ name: 'Marguerite Fairweather', relationship: 'mother' }]);
  assert.deepEqual(problems(familyMembersInput, [{ name: 'Des' }, { relationship: 'aunt' }, { name: 'Ann', relationship: '2' }, { name: 'Bo', relationship: 'x'.repeat(61) }]), [
    '0.relationship: Family member 1: enter how they are related to the child, for example mother or maternal grandmother',
    '1.name: Family member 2: enter their name',
    '2.relationship: Family member 3: enter how they are related to the child in words, for example aunt',
    '3.relationship: Family member 4: the relationship must be 60 characters or fewer',
  ]);
});

test("the child's input takes both lists, and the API's JSON schema describes them", () => {
  const json = z.toJSONSchema(ChildInput, { io: 'input', unrepresentable: 'any' }) as { properties: Record<string, { type: string; items: { properties: Record<string, { enum?: string[] }> }; description: string }> };
  assert.equal(json.properties.otherNames?.type, 'array');
  assert.deepEqual(json.properties.otherNames?.items.properties.kind?.enum, ['nickname', 'previous', 'other']);
  assert.match(json.properties.familyMembers?.description ?? '', /parents and other relatives/);
  assert.ok(json.properties.familyMembers?.items.properties.relationship);
});
