import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ContactInput } from './contact.ts';

const ORG = '11111111-1111-4111-8111-111111111111';
const base = { fullName: 'Sam Okafor', role: 'Social worker', organisationName: 'Otherborough Council' };

function messages(input: unknown): Record<string, string> {
  const r = ContactInput.safeParse(input);
  assert.equal(r.success, false);
  return Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]));
}

test('a contact with a free-text organisation, email and phone', () => {
  const c = ContactInput.parse({ ...base, email: ' Sam@Other.GOV.uk ', phone: ' +44 1632  960 001 ' });
  assert.equal(c.email, 'sam@other.gov.uk');
  assert.equal(c.phone, '+44 1632 960 001');
  assert.equal(c.organisationId, null);
  assert.equal(c.organisationName, 'Otherborough Council');
});

test('a contact may name a known organisation instead, and email and phone are optional', () => {
  const c = ContactInput.parse({ fullName: 'Sam', role: 'IRO', organisationId: ORG, organisationName: '', email: '', phone: '' });
  assert.equal(c.organisationId, ORG);
  assert.equal(c.organisationName, null);
  assert.equal(c.email, null);
  assert.equal(c.phone, null);
});

test('an organisation of one kind or the other is required', () => {
  assert.equal(messages({ fullName: 'Sam', role: 'IRO', organisationId: '', organisationName: '' }).organisationId, "Select an organisation or enter the organisation's name");
});

test('bad fields are reported with GOV.UK-style messages', () => {
  const m = messages({ fullName: '', role: '', organisationId: 'zzz', email: 'nope', phone: 'call me' });
  assert.equal(m.fullName, 'Enter the full name');
  assert.equal(m.role, 'Enter the role');
  assert.equal(m.organisationId, 'Select an organisation');
  assert.match(m.email!, /correct format/);
  assert.match(m.phone!, /7 to 20 characters/);
  assert.match(messages({ ...base, phone: '123' }).phone!, /7 to 20/);
  assert.match(messages({ ...base, phone: '1'.repeat(21) }).phone!, /7 to 20/);
  assert.match(messages({ ...base, phone: '01632+960001' }).phone!, /leading \+/);
  assert.match(messages({ ...base, role: 'r'.repeat(101) }).role!, /100 characters or fewer/);
  assert.match(messages({ ...base, organisationName: 'o'.repeat(201) }).organisationName!, /200 characters or fewer/);
  assert.equal(messages({ ...base, email: 5 }).email, 'The email address must be text');
});
