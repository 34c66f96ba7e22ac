import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NewUserInput, UserInput, wouldCreateManagerCycle } from './user.ts';

const ORG = '11111111-1111-4111-8111-111111111111';
const TEAM = '22222222-2222-4222-8222-222222222222';
const valid = { fullName: ' Ada Lovelace ', email: ' Ada.Lovelace@Example.GOV.uk ', role: 'social_worker', organisationId: ORG, teamId: TEAM, active: 'yes' };

function messages(schema: typeof UserInput | typeof NewUserInput, input: unknown): Record<string, string> {
  const r = schema.safeParse(input);
  assert.equal(r.success, false);
  return Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]));
}

test('a valid user is trimmed, its email lowercased and active read from yes/no', () => {
  const u = UserInput.parse(valid);
  assert.equal(u.fullName, 'Ada Lovelace');
  assert.equal(u.email, 'ada.lovelace@example.gov.uk');
  assert.equal(u.active, true);
  assert.equal(u.lineManagerId, null);
  assert.equal(UserInput.parse({ ...valid, active: 'no' }).active, false);
  assert.equal(UserInput.parse({ ...valid, active: false }).active, false);
  const { active: _a, ...noActive } = valid;
  assert.equal(UserInput.parse(noActive).active, true, 'the API may leave active out');
});

test('missing and wrong fields give GOV.UK-style messages', () => {
  const m = messages(UserInput, { fullName: '', email: 'not-an-email', role: 'wizard', organisationId: 'x', teamId: '', lineManagerId: 'nope', active: '' });
  assert.equal(m.fullName, 'Enter the full name');
  assert.equal(m.email, 'Enter an email address in the correct format, like name@example.com');
  assert.equal(m.role, 'Select a role');
  assert.equal(m.organisationId, 'Select an organisation');
  assert.equal(m.teamId, 'Select a team');
  assert.equal(m.lineManagerId, 'Select a line manager');
  assert.equal(m.active, 'Select whether the account is active');
  assert.equal(messages(UserInput, { ...valid, email: '' }).email, 'Enter an email address');
  assert.match(messages(UserInput, { ...valid, fullName: 'x'.repeat(201) }).fullName!, /200 characters or fewer/);
  assert.match(messages(UserInput, { ...valid, email: `${'a'.repeat(250)}@example.com` }).email!, /254 characters or fewer/);
  assert.equal(messages(UserInput, { ...valid, fullName: 42 }).fullName, 'Enter the full name');
});

test('an initial password is optional but at least 12 characters', () => {
  assert.equal(NewUserInput.parse(valid).password, null);
  assert.equal(NewUserInput.parse({ ...valid, password: '' }).password, null);
  assert.equal(NewUserInput.parse({ ...valid, password: 'twelve-chars' }).password, 'twelve-chars');
  assert.equal(messages(NewUserInput, { ...valid, password: 'short' }).password, 'The password must be 12 characters or more');
  assert.match(messages(NewUserInput, { ...valid, password: 'p'.repeat(201) }).password!, /200 characters or fewer/);
  assert.equal(messages(NewUserInput, { ...valid, password: 123456789012 }).password, 'The password must be text');
});

test('wouldCreateManagerCycle spots self-management and loops, and allows a chain', () => {
  // c is managed by b, b by a, a by nobody.
  const managerOf = new Map<string, string | null>([
    ['a', null],
    ['b', 'a'],
    ['c', 'b'],
    ['d', null],
  ]);
  assert.equal(wouldCreateManagerCycle('a', 'a', managerOf), true, 'nobody manages themselves');
  assert.equal(wouldCreateManagerCycle('a', 'c', managerOf), true, 'a under c while c is under a');
  assert.equal(wouldCreateManagerCycle('a', 'b', managerOf), true);
  assert.equal(wouldCreateManagerCycle('d', 'c', managerOf), false, 'joining the bottom of a chain is fine');
  assert.equal(wouldCreateManagerCycle('c', 'a', managerOf), false, 'moving up a chain is fine');
  assert.equal(wouldCreateManagerCycle('a', null, managerOf), false);
  assert.equal(wouldCreateManagerCycle('new', 'c', managerOf), false, 'a new user cannot be in a loop');
  // An existing loop elsewhere does not make the walk spin forever.
  const looped = new Map<string, string | null>([
    ['x', 'y'],
    ['y', 'x'],
  ]);
  assert.equal(wouldCreateManagerCycle('z', 'x', looped), false);
});
