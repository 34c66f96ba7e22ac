import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detailsProblem, isChildrenDetails, nameRecordedAfter, placeholderName, readChildrenDetails } from './children-details.ts';

test('the children’s details file: names by CHILD, with the date of birth as a check; every row error with its line and column', () => {
  const content = '\uFEFFCHILD,FIRST_NAME,LAST_NAME,DOB\nc1,Ada,Example,01/02/2015\nC2,,Sample,\nC1,Ada,Again,\nC3,Bo,Test,31/02/2014\nC4, Cy ,Smith,\n';
  const read = readChildrenDetails({ name: 'names.csv', content });
  assert.deepEqual(read.children, [
    { reference: 'C1', line: 2, firstName: 'Ada', lastName: 'Example', dateOfBirth: '2015-02-01' },
    { reference: 'C4', line: 6, firstName: 'Cy', lastName: 'Smith', dateOfBirth: null },
  ]);
  assert.deepEqual(
    read.errors.map((e) => [e.line, e.column, e.child]),
    [
      [3, 'FIRST_NAME', 'C2'],
      [4, 'CHILD', 'C1'],
      [5, 'DOB', 'C3'],
    ],
  );
  assert.match(read.errors[0]?.message ?? '', /Enter the first name/);
  assert.match(readChildrenDetails({ name: 'x.csv', content: 'CHILD,SEX,DOB\nC1,M,01/01/2015\n' }).errors[0]?.message ?? '', /columns FIRST_NAME, LAST_NAME are missing/);
  assert.equal(isChildrenDetails(['child', 'first_name', 'last_name']), true);
  assert.equal(isChildrenDetails(['CHILD', 'SEX', 'DOB', 'ETHNIC']), false);
});

test('a details row is refused for a child the return does not have, or with another date of birth', () => {
  const row = { reference: 'C1', line: 2, firstName: 'Ada', lastName: 'Example', dateOfBirth: '2015-02-01' };
  assert.equal(detailsProblem(row, { dateOfBirth: '2015-02-01' }), null);
  assert.equal(detailsProblem({ ...row, dateOfBirth: null }, { dateOfBirth: '2016-01-01' }), null);
  assert.match(detailsProblem(row, { dateOfBirth: '2016-01-01' }) ?? '', /DOB 1 February 2015 is not the date of birth the return gives C1 \(1 January 2016\)/);
  assert.match(detailsProblem(row, undefined) ?? '', /not a child in the return's header/);
});

test('a name stays "not yet recorded" only while it is the import’s placeholder', () => {
  const pending = { reference: 'C000012', nameRecorded: false };
  assert.deepEqual(placeholderName('C000012'), { firstName: 'Child', lastName: 'C000012' });
  assert.equal(nameRecordedAfter(pending, { firstName: 'Child', lastName: 'C000012' }), false);
  assert.equal(nameRecordedAfter(pending, { firstName: ' Child ', lastName: 'C000012' }), false);
  assert.equal(nameRecordedAfter(pending, {}), false);
  assert.equal(nameRecordedAfter(pending, { firstName: 'Ada', lastName: 'C000012' }), true);
  assert.equal(nameRecordedAfter(pending, { lastName: 'Example' }), true);
  assert.equal(nameRecordedAfter({ reference: 'C1', nameRecorded: true }, { firstName: 'Child', lastName: 'C1' }), true);
});
