import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Contact } from '../../services/contacts.ts';
import { contactFormValues, contactListRow, contactSummary } from './contacts.ts';

const ID = '6bd2af1e-bd7a-4c7e-8d8b-cf6a7e8d9cab';
const ORG = '7ce3b02f-ce8b-4d8f-9e9c-da7b8f9eadbc';
const RECORDED = new Date('2026-01-05T09:30:00Z');
const contact: Contact = {
  id: ID,
  fullName: 'Dr Ada Lane',
  role: 'Health visitor',
  organisationId: ORG,
  organisationName: 'Northshire NHS',
  email: null,
  phone: '01234 567890',
  version: 1,
  createdAt: RECORDED,
  updatedAt: RECORDED,
};

test('a row of the contacts list links the name to the contact', () => {
  assert.deepEqual(contactListRow(contact), [
    { parts: [{ text: 'Dr Ada Lane', href: `/contacts/${ID}` }] },
    { text: 'Health visitor' },
    { text: 'Northshire NHS' },
    { text: '' },
    { text: '01234 567890' },
  ]);
});

test("a contact's organisation links to its record when Hearth holds it, and is text otherwise", () => {
  const value = (c: Contact, key: string) => contactSummary(c).find((r) => r.key.text === key)?.value;
  assert.deepEqual(value(contact, 'Organisation'), { parts: [{ text: 'Northshire NHS', href: `/organisations/${ORG}` }] });
  assert.deepEqual(value({ ...contact, organisationId: null }, 'Organisation'), { text: 'Northshire NHS' });
  assert.deepEqual(value(contact, 'Email address'), { text: 'Not recorded' });
});

test("the change form repeats the organisation's name only when it is not one of Hearth's", () => {
  assert.equal(contactFormValues(contact).organisationName, '');
  assert.equal(contactFormValues({ ...contact, organisationId: null }).organisationName, 'Northshire NHS');
});
