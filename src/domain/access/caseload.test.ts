import { test } from 'node:test';
import assert from 'node:assert/strict';
import { childAccess, householdAccess, mayReallocate, type AccessActor, type ChildAccessFacts, type HouseholdAccessFacts } from './caseload.ts';
import type { Role } from './index.ts';

// Two teams: A (the actors below) and B (another social work team and its fostering colleagues).
const A = 'team-a';
const B = 'team-b';
const actor = (role: Role, userId: string = role, manages: string[] = [], teamId: string | null = A): AccessActor => ({ userId, role, teamId, manages: new Set(manages) });

const child = (over: Partial<ChildAccessFacts> = {}): ChildAccessFacts => ({
  socialWorkerId: 'social_worker',
  socialWorkerTeamId: A,
  iroId: null,
  carerSupervisors: [],
  restriction: null,
  glassBroken: false,
  ...over,
});

const theirs = child({ socialWorkerId: 'sw-b', socialWorkerTeamId: B });
const unallocated = child({ socialWorkerId: null, socialWorkerTeamId: null });
const restricted = child({ socialWorkerId: 'sw-b', socialWorkerTeamId: B, restriction: { restrictedBy: 'tm-b', memberIds: ['placement_officer'] } });

const level = (a: AccessActor, c: ChildAccessFacts) => childAccess(a, c).level;

test('a child on a team A worker’s caseload: the worker, their team and managers write; the placement team, IRO and carers’ SSW read; others see the card', () => {
  const mine = child({ iroId: 'iro', carerSupervisors: [{ userId: 'supervising_social_worker', teamId: A }] });
  const expected: Record<Role, string> = {
    social_worker: 'write',
    team_manager: 'write',
    head_of_service: 'write',
    placement_officer: 'read',
    iro: 'read',
    supervising_social_worker: 'read',
    administrator: 'card',
  };
  for (const [role, want] of Object.entries(expected) as [Role, string][]) assert.equal(level(actor(role), mine), want, role);
  assert.equal(childAccess(actor('placement_officer'), mine).placementWrite, true, 'the placement team takes the placement steps');
  assert.equal(childAccess(actor('iro'), mine).placementWrite, false);
  assert.equal(level(actor('social_worker', 'sw-2'), mine), 'write', 'a colleague in the same team covers');
  assert.equal(level(actor('supervising_social_worker', 'ssw-2'), mine), 'read', "the carers' supervisor's team reads");
  assert.equal(level(actor('social_worker', 'sw-c', [], 'team-c'), mine), 'card', 'a social worker of another team does not');
  assert.equal(level(actor('iro', 'iro-2'), mine), 'card', 'another IRO does not');
});

test('another team’s child: its line-management chain writes, a manager elsewhere sees the card; a head of service writes', () => {
  for (const role of ['social_worker', 'team_manager', 'iro', 'supervising_social_worker', 'administrator'] as const) assert.equal(level(actor(role), theirs), 'card', role);
  assert.equal(level(actor('team_manager', 'tm-b', ['sw-b']), theirs), 'write', 'their manager');
  assert.equal(level(actor('head_of_service', 'hos', ['tm-b', 'sw-b']), theirs), 'write');
  assert.equal(level(actor('placement_officer'), theirs), 'read');
  assert.equal(level(actor('social_worker'), { ...theirs, glassBroken: true }), 'read', 'broken glass reads');
});

test('an unallocated child: a team manager (to allocate) and the placement team; not a social worker', () => {
  assert.equal(level(actor('team_manager'), unallocated), 'write');
  assert.equal(level(actor('placement_officer'), unallocated), 'read');
  assert.equal(level(actor('social_worker'), unallocated), 'card');
  assert.equal(level(actor('iro'), unallocated), 'card');
});

test('a restricted record: the named, the restricter, the allocated worker and heads of service; nobody else, whatever their role or team, unless they break the glass', () => {
  assert.equal(level(actor('placement_officer'), restricted), 'read', 'named on it');
  assert.equal(level(actor('team_manager', 'tm-b', ['sw-b']), restricted), 'write', 'restricted it, and manages the worker');
  assert.equal(level(actor('social_worker', 'sw-b', [], B), restricted), 'write', 'the allocated worker');
  assert.equal(level(actor('head_of_service'), restricted), 'write');
  assert.equal(level(actor('social_worker', 'sw-b2', [], B), restricted), 'card', "the worker's team-mate is not named");
  assert.equal(level(actor('placement_officer', 'po-2'), restricted), 'card', 'another placement officer is not named');
  assert.equal(level(actor('team_manager', 'tm-c', ['sw-b']), restricted), 'card', 'a manager in the chain who is not named');
  assert.equal(childAccess(actor('placement_officer', 'po-2'), { ...restricted, glassBroken: true }).level, 'read');
  assert.equal(childAccess(actor('placement_officer', 'po-2'), { ...restricted, glassBroken: true }).placementWrite, false, 'broken glass reads, nothing more');
});

test('households: the supervisor’s team and chain and the placement team write; the workers and IROs of children there read', () => {
  const h: HouseholdAccessFacts = { supervisorId: 'supervising_social_worker', supervisorTeamId: A, childWorkers: [{ userId: 'sw-b', teamId: B }, { userId: 'iro', teamId: null }] };
  assert.equal(householdAccess(actor('supervising_social_worker'), h).level, 'write');
  assert.equal(householdAccess(actor('team_manager'), h).level, 'write');
  assert.equal(householdAccess(actor('placement_officer'), h).level, 'write');
  assert.equal(householdAccess(actor('social_worker', 'sw-b', [], B), h).level, 'read');
  assert.equal(householdAccess(actor('social_worker', 'sw-b2', [], B), h).level, 'read', "the child's worker's team-mate");
  assert.equal(householdAccess(actor('iro'), h).level, 'read');
  assert.equal(householdAccess(actor('social_worker'), h).level, 'card', 'a social worker whose team has no child there');
  assert.equal(householdAccess(actor('supervising_social_worker', 'ssw-c', [], 'team-c'), h).level, 'card');
  assert.equal(householdAccess(actor('administrator'), h).level, 'card');
  assert.equal(householdAccess(actor('team_manager', 'tm-c', [], 'team-c'), { ...h, supervisorId: null, supervisorTeamId: null }).level, 'write', 'an unsupervised household: a manager allocates');
});

test('re-allocation is a manager’s decision', () => {
  assert.deepEqual(
    (['social_worker', 'supervising_social_worker', 'placement_officer', 'iro', 'administrator', 'team_manager', 'head_of_service'] as const).filter(mayReallocate),
    ['team_manager', 'head_of_service'],
  );
});
