import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from '../../../test/fast-check.ts';
import { addDays, compareDates } from '../dates.ts';
import { contactIntervalDays, contactSessionsDue } from './contact-sessions.ts';

const START = '2026-01-05';
const plans = fc.record({
  sessionsPerWeek: fc.integer({ min: 1, max: 7 }),
  endAfter: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
  sessions: fc.array(fc.record({ offset: fc.integer({ min: -5, max: 150 }), held: fc.boolean() }), { maxLength: 40 }),
});

test('contact sessions: a chain from the plan start; at most one open, and it is the last; each completed by a held session after the one before; nothing starts after the plan ends', () => {
  fc.assert(
    fc.property(plans, (p) => {
      const plan = { start: START, end: p.endAfter === null ? null : addDays(START, p.endAfter), sessionsPerWeek: p.sessionsPerWeek, sessions: p.sessions.map((s) => ({ date: addDays(START, s.offset), held: s.held })) };
      const out = contactSessionsDue('c', plan);
      const held = new Set(plan.sessions.filter((s) => s.held).map((s) => s.date));
      const interval = contactIntervalDays(p.sessionsPerWeek);
      if (plan.end === START) return assert.equal(out.length, 0);
      assert.ok(out.length >= 1);
      assert.equal(out[0]!.startedOn, START);
      assert.equal(out[0]!.dueOn, addDays(START, interval - 1));
      for (const [i, x] of out.entries()) {
        const open = !x.completedOn;
        if (open) assert.equal(i, out.length - 1, 'only the last is open');
        if (x.completedOn) {
          assert.ok(held.has(x.completedOn), 'completed by a held session');
          assert.ok(compareDates(x.completedOn, x.startedOn) >= (i === 0 ? 0 : 1));
          const next = out[i + 1];
          if (next) {
            assert.equal(next.startedOn, x.completedOn);
            assert.equal(next.dueOn, addDays(x.completedOn, interval));
          }
        }
        if (plan.end) assert.ok(compareDates(x.startedOn, plan.end) < 0, 'starts before the plan ends');
      }
      // The number completed is the number of distinct held days reachable in the chain: never more than the held days.
      assert.ok(out.filter((x) => x.completedOn).length <= held.size);
    }),
  );
});
