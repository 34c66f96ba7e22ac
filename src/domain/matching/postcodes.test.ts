import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_CENTROIDS, outwardCode, postcodeArea, separation, type Centroids } from './postcodes.ts';

test('outward code and area of a postcode, with or without the space, in any case', () => {
  assert.equal(outwardCode('NQ4 7AB'), 'NQ4');
  assert.equal(outwardCode('nq47ab'), 'NQ4');
  assert.equal(outwardCode('SW1A 1AA'), 'SW1A');
  assert.equal(outwardCode('M1 1AE'), 'M1');
  assert.equal(outwardCode('not a postcode'), null);
  assert.equal(postcodeArea('NQ14 2XY'), 'NQ');
  assert.equal(postcodeArea('M1 1AE'), 'M');
});

test('measured distance between two districts with centroids, in miles to one decimal place', () => {
  const grid: Centroids = new Map([
    ['AA1', { easting: 100_000, northing: 100_000 }],
    ['AA2', { easting: 103_000, northing: 104_000 }], // 5 km away
  ]);
  assert.deepEqual(separation('AA1 1AA', 'AA2 2BB', grid), { kind: 'measured', miles: 3.1, fromDistrict: 'AA1', toDistrict: 'AA2' });
});

test('the same district is "same district" even with centroids; otherwise the proxy says same area or not', () => {
  const grid: Centroids = new Map([['AA1', { easting: 0, northing: 0 }]]);
  assert.deepEqual(separation('AA1 1AA', 'aa1 9zz', grid), { kind: 'same-district', district: 'AA1' });
  assert.deepEqual(separation('AA1 1AA', 'AA7 1AA', grid), { kind: 'same-area', area: 'AA' });
  assert.deepEqual(separation('AA1 1AA', 'BB7 1AA', grid), { kind: 'different-area', fromArea: 'AA', toArea: 'BB' });
  assert.equal(separation('AA1 1AA', 'nonsense', grid), null);
});

test('the demo table covers districts 1 to 14 of each fictional area, and the towns are where the docs say', () => {
  for (const area of ['NQ', 'KQ', 'RQ', 'EQ', 'CQ']) {
    for (let d = 1; d <= 14; d++) assert.ok(DEMO_CENTROIDS.has(`${area}${d}`), `${area}${d}`);
  }
  assert.equal(DEMO_CENTROIDS.size, 70);
  const miles = (a: string, b: string) => {
    const s = separation(`${a} 1AA`, `${b} 1AA`, DEMO_CENTROIDS);
    assert.equal(s?.kind, 'measured');
    return s.kind === 'measured' ? s.miles : NaN;
  };
  // Inner ring 2.5 km (1.6 miles) and outer ring 6 km (3.7 miles) from Northbridge's centre.
  assert.equal(miles('NQ1', 'NQ2'), 1.6);
  assert.equal(miles('NQ1', 'NQ8'), 3.7);
  // Kestleford about 16 miles away, Caldermoor about 42.
  assert.ok(Math.abs(miles('NQ1', 'KQ1') - 15.5) < 1);
  assert.ok(Math.abs(miles('NQ1', 'CQ1') - 42.3) < 1);
});
