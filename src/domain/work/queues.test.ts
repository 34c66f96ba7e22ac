import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from '../../../test/fast-check.ts';
import { compareQueueItems, inQueueOrder, proposalWaitingOn, type ProposalProgress, type QueueItem } from './queues.ts';

const item = (o: Partial<QueueItem>): QueueItem => ({ action: 'a', subject: 's', childIds: [], href: '/', urgent: null, dueOn: null, since: new Date('2026-01-01T00:00:00Z'), waitingOn: null, ...o });

test('emergencies first, then the soonest needed, then the oldest', () => {
  const old = item({ action: 'old', since: new Date('2025-12-01T00:00:00Z') });
  const recent = item({ action: 'recent' });
  const needed = item({ action: 'needed', dueOn: '2026-01-05' });
  const emergency = item({ action: 'emergency', urgent: 'emergency', since: new Date('2026-02-01T00:00:00Z') });
  assert.deepEqual(inQueueOrder([recent, needed, old, emergency]).map((i) => i.action), ['emergency', 'needed', 'old', 'recent']);
});

test('the order is a total order: sorting any list puts every emergency before every other item', () => {
  const arb = fc.record({ urgent: fc.constantFrom(null, 'emergency' as const, 'overdue' as const), dueOn: fc.option(fc.constantFrom('2026-01-01', '2026-02-01', '2026-03-01'), { nil: null }), t: fc.integer({ min: 0, max: 1e9 }) });
  fc.assert(
    fc.property(fc.array(arb), (xs) => {
      const sorted = inQueueOrder(xs.map((x) => item({ urgent: x.urgent, dueOn: x.dueOn, since: new Date(x.t * 1000) })));
      const firstOther = sorted.findIndex((i) => !i.urgent);
      if (firstOther >= 0) assert.ok(sorted.slice(firstOther).every((i) => !i.urgent));
      for (let i = 1; i < sorted.length; i++) assert.ok(compareQueueItems(sorted[i - 1]!, sorted[i]!) <= 0);
    }),
  );
});

const progress = (o: Partial<ProposalProgress>): ProposalProgress => ({
  status: 'considering',
  childrenThere: 1,
  consideredByPlacementTeam: 0,
  consideredBySupervisingSocialWorker: 0,
  supervisingSocialWorker: 'Ann Lee',
  agreementsNotRequested: 0,
  agreementsRequested: 0,
  agreementsDeclined: 0,
  awaitedSocialWorkers: [],
  ...o,
});

test('a proposal waits on the SSW, then the placement team, then the social workers, then the placement team', () => {
  assert.equal(proposalWaitingOn(progress({})).who, 'supervising_social_worker');
  assert.match(proposalWaitingOn(progress({})).text, /Ann Lee/);
  assert.equal(proposalWaitingOn(progress({ consideredBySupervisingSocialWorker: 1 })).who, 'placement_officer');
  assert.equal(proposalWaitingOn(progress({ childrenThere: 0 })).who, 'placement_officer');
  assert.equal(proposalWaitingOn(progress({ status: 'proposed', agreementsNotRequested: 1 })).who, 'supervising_social_worker');
  const asked = proposalWaitingOn(progress({ status: 'proposed', agreementsRequested: 1, awaitedSocialWorkers: ['Bo Ray'] }));
  assert.equal(asked.who, 'social_workers');
  assert.match(asked.text, /Bo Ray/);
  assert.equal(proposalWaitingOn(progress({ status: 'proposed', agreementsRequested: 1, agreementsDeclined: 1 })).who, 'placement_officer');
  assert.match(proposalWaitingOn(progress({ status: 'proposed' })).text, /confirming/);
});
