import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conforms } from './audit-check.ts';

test('audit as declared: what a request may write, given what its route declares and how it answered', () => {
  // A route that shows and changes no record writes nothing, even when it fails.
  assert.equal(conforms('none', 200, []), true);
  assert.equal(conforms('none', 200, ['child.viewed']), false);
  assert.equal(conforms('none', 404, ['child.viewed']), false);
  // Its own action, views of what the page also shows, and the changes its action is declared to make.
  assert.equal(conforms('child.viewed', 200, ['child.viewed', 'obligation.listed', 'return.validated']), true);
  assert.equal(conforms('proposal.confirmed', 303, ['request.status-changed', 'email.sent', 'proposal.confirmed']), true);
  assert.equal(conforms('child.legal-status.ended', 200, ['child.legal-status.ended', 'care-ending.recorded']), true);
  // A change it does not declare is refused, as is another route's change.
  assert.equal(conforms('child.updated', 200, ['child.updated', 'placement.updated']), false);
  assert.equal(conforms('child.viewed', 200, ['child.created']), false);
  assert.equal(conforms('request.status-changed', 303, ['request.status-changed', 'placement.updated']), false);
  // Submitting a request e-mails the placement team: a declared consequence.
  assert.equal(conforms('request.status-changed', 303, ['request.status-changed', 'email.sent']), true);
  // A refusal or failure changes nothing: a form shown again may record the views, nothing else.
  assert.equal(conforms('child.legal-status.added', 400, ['child.viewed', 'obligation.listed']), true);
  assert.equal(conforms('child.legal-status.added', 400, ['child.legal-status.added']), false);
  assert.equal(conforms('proposal.confirmed', 409, ['request.status-changed']), false);
  assert.equal(conforms('auth.sign-in', 400, ['auth.sign-in-failed']), true);
  assert.equal(conforms('child.created', 400, ['auth.sign-in-failed']), false);
});
