import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPasswordProblems } from './passwords.ts';

const email = 'ada.worker@demo.hearth.test';
const fields = (currentPassword: string, newPassword: string, confirmPassword = newPassword) => newPasswordProblems({ currentPassword, newPassword, confirmPassword }, email).map((p) => p.field);

test('a new password is 12 characters or more, new, not the e-mail address, and typed twice the same', () => {
  assert.deepEqual(fields('old password', 'correct horse battery'), []);
  assert.deepEqual(fields('old password', 'elevenchars'), ['newPassword']);
  assert.deepEqual(fields('old password', 'twelve chars'), [], 'exactly 12 is enough');
  assert.deepEqual(fields('same old password', 'same old password'), ['newPassword']);
  assert.deepEqual(fields('old password', ` ${email.toUpperCase()} `), ['newPassword']);
  assert.deepEqual(fields('old password', 'correct horse battery', 'correct horse batery'), ['confirmPassword']);
  assert.deepEqual(fields('', ''), ['currentPassword', 'newPassword']);
  assert.deepEqual(fields('old password', 'x'.repeat(201)), ['newPassword'], 'at most 200, as when an administrator sets one');
  assert.match(newPasswordProblems({ currentPassword: 'a', newPassword: 'short', confirmPassword: 'short' }, email)[0]?.message ?? '', /12 characters or more/);
});
