/**
 * The vendored bank holidays are generated, not typed: the refresh script must reproduce them from
 * their recorded source, and must read GOV.UK's feed into the same shape.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import vendored from './bank-holidays.england-and-wales.json' with { type: 'json' };
import { fromGovUkFeed, fromPackage, serialise } from '../../../scripts/refresh-bank-holidays.ts';

test('the vendored file is exactly what the refresh script makes from its recorded source', () => {
  const from = Number(vendored.coverage.from.slice(0, 4));
  const to = Number(vendored.coverage.to.slice(0, 4));
  if (vendored.source.startsWith('npm:date-holidays')) {
    const again = fromPackage(from, to, vendored.generated);
    assert.deepEqual(again.events, vendored.events);
    assert.deepEqual(again.coverage, vendored.coverage);
  } else {
    // Taken from GOV.UK: the package must at least agree on every date where both have data.
    const pkg = new Set(fromPackage(from, to, vendored.generated).events.map((e) => e.date));
    assert.deepEqual(vendored.events.filter((e) => !pkg.has(e.date)), []);
  }
});

test("GOV.UK's feed is read from its england-and-wales division only, weekends dropped, substitute days named", () => {
  const feed = {
    'england-and-wales': {
      division: 'england-and-wales',
      events: [
        ...['2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19', '2022-12-26'].map((date) => ({ title: 'Holiday', date, notes: '' })),
        { title: 'Christmas Day', date: '2022-12-27', notes: 'Substitute day' },
        { title: 'Not a weekday', date: '2022-12-25', notes: '' },
      ],
    },
    scotland: { division: 'scotland', events: [{ title: 'St Andrew’s Day', date: '2022-11-30', notes: '' }] },
  };
  const file = fromGovUkFeed(feed, '2026-01-01');
  assert.equal(file.division, 'england-and-wales');
  assert.deepEqual(file.coverage, { from: '2022-01-01', to: '2022-12-31' });
  assert.equal(file.events.length, 10);
  assert.ok(!file.events.some((e) => e.date === '2022-11-30' || e.date === '2022-12-25'));
  assert.deepEqual(file.events.at(-1), { title: 'Christmas Day (substitute day)', date: '2022-12-27' });
  assert.deepEqual(JSON.parse(serialise(file)), file);
  assert.throws(() => fromGovUkFeed({ scotland: feed.scotland }, '2026-01-01'), /no england-and-wales division/);
  // A year with too few holidays looks like a broken feed and is refused rather than written.
  assert.throws(() => fromGovUkFeed({ 'england-and-wales': { division: 'england-and-wales', events: feed['england-and-wales'].events.slice(0, 3) } }, '2026-01-01'), /incomplete/);
});
