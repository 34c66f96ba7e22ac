import { test } from 'node:test';
import assert from 'node:assert/strict';
import { afterCorrectPassword, mustEnrolTwoFactor, normaliseCode, vouchedEmail } from './two-factor.ts';

const required = { singleSignOn: false, adminTwoFactor: 'required' } as const;

test('after a correct password: enrolled people give a code; administrators without single sign-on must enrol', () => {
  assert.equal(afterCorrectPassword({ role: 'social_worker', isDemo: false, twoFactorEnrolled: true }, required), 'code');
  assert.equal(afterCorrectPassword({ role: 'administrator', isDemo: false, twoFactorEnrolled: true }, required), 'code');
  assert.equal(afterCorrectPassword({ role: 'social_worker', isDemo: false, twoFactorEnrolled: false }, required), 'signed-in');
  assert.equal(afterCorrectPassword({ role: 'administrator', isDemo: false, twoFactorEnrolled: false }, required), 'enrol');
});

test('administrators are not made to enrol with single sign-on, when switched off, or on demo accounts', () => {
  const admin = { role: 'administrator', isDemo: false, twoFactorEnrolled: false } as const;
  assert.equal(mustEnrolTwoFactor(admin, { singleSignOn: true, adminTwoFactor: 'required' }), false);
  assert.equal(mustEnrolTwoFactor(admin, { singleSignOn: false, adminTwoFactor: 'optional' }), false);
  assert.equal(mustEnrolTwoFactor({ ...admin, isDemo: true }, required), false);
  assert.equal(mustEnrolTwoFactor(admin, required), true);
});

test('a code is six digits, typed with or without spaces', () => {
  assert.equal(normaliseCode('123 456'), '123456');
  assert.equal(normaliseCode(' 123-456 '), '123456');
  for (const bad of ['', '12345', '1234567', 'abcdef', '12345a']) assert.equal(normaliseCode(bad), null, bad);
});

test('an e-mail claim is believed unless the provider says it is not verified', () => {
  assert.equal(vouchedEmail({ sub: 's', email: 'Ann.Lee@Example.org ' }), 'ann.lee@example.org');
  assert.equal(vouchedEmail({ sub: 's', email: 'ann@example.org', email_verified: true }), 'ann@example.org');
  assert.equal(vouchedEmail({ sub: 's', email: 'ann@example.org', email_verified: false }), null);
  assert.equal(vouchedEmail({ sub: 's' }), null);
  assert.equal(vouchedEmail({ sub: 's', email: 42 }), null);
});
