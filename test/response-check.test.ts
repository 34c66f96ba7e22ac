import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { answerProblems } from './response-check.ts';
import { DateTime, IsoDate, Uuid } from '../src/api/responses.ts';

const Child = z.object({ id: Uuid, dateOfBirth: IsoDate, updatedAt: DateTime, socialWorkerName: z.string().nullable(), siblings: z.array(z.object({ id: Uuid })) });
const child = { id: '6f1c2b3a-1d2e-4f5a-8b9c-0d1e2f3a4b5c', dateOfBirth: '2015-04-01', updatedAt: '2026-12-06T09:15:00.000Z', socialWorkerName: null, siblings: [] };

test('an answer as its schema describes it has no problems', () => {
  assert.deepEqual(answerProblems(Child, child), []);
});

test('a wrong type, a null where none is allowed and a bad format are named by their path', () => {
  assert.deepEqual(answerProblems(Child, { ...child, socialWorkerName: 3 }), ['socialWorkerName: Invalid input: expected string, received number']);
  assert.equal(answerProblems(Child.extend({ socialWorkerName: z.string() }), child).length, 1);
  assert.match(answerProblems(Child, { ...child, dateOfBirth: '01/04/2015' })[0]!, /^dateOfBirth: /);
  assert.match(answerProblems(Child, { ...child, updatedAt: '2026-12-06 09:15:00+00' })[0]!, /^updatedAt: /);
  assert.match(answerProblems(Child, { ...child, siblings: [{ id: 'C000123' }] })[0]!, /^siblings\[0\]\.id: /);
});

test('a field the schema does not list is a problem, at any depth', () => {
  assert.deepEqual(answerProblems(Child, { ...child, passwordHash: 'x' }), ['passwordHash: not in the schema']);
  assert.deepEqual(answerProblems(Child, { ...child, siblings: [{ id: child.id, firstName: 'Ann' }] }), ['siblings[0].firstName: not in the schema']);
});
