import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_CENTROIDS, outwardCode, postcodeArea, separation, type Centroids } from './postcodes.ts';

test('outward code and area of a postcode, with or without the space, in any case', () => {
  assert.equal(outwardCode('BS37 5TA'), 'BS37');
  assert.equal(outwardCode('bs375ta'), 'BS37');
  assert.equal(outwardCode('SW1A 1AA'), 'SW1A');
  assert.equal(outwardCode('M1 1AE'), 'M1');
  assert.equal(outwardCode('not a postcode'), null);
  assert.equal(postcodeArea('GL12 8AA'), 'GL');
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

test('the demo table has the real districts of South Gloucestershire and its neighbours, where they are', () => {
  // Every district South Gloucestershire's postcodes use, and neighbours' ones.
  for (const d of ['BS15', 'BS16', 'BS30', 'BS32', 'BS34', 'BS35', 'BS36', 'BS37', 'GL12', 'SN14', 'BS7', 'BS21', 'BS31', 'BA1', 'SN15']) {
    assert.ok(DEMO_CENTROIDS.has(d), d);
  }
  assert.equal(DEMO_CENTROIDS.size, 52);
  const miles = (a: string, b: string) => {
    const s = separation(`${a} 1AA`, `${b} 1AA`, DEMO_CENTROIDS);
    assert.equal(s?.kind, 'measured');
    return s.kind === 'measured' ? s.miles : NaN;
  };
  // As the crow flies: Yate to Thornbury about 7 miles, to Bath about 11, Bradley Stoke to Filton 1.
  assert.equal(miles('BS37', 'BS35'), 6.8);
  assert.equal(miles('BS37', 'BA1'), 10.8);
  assert.equal(miles('BS32', 'BS34'), 1.2);
  assert.equal(miles('BS37', 'BS21'), 20, 'Yate to Clevedon, across Bristol');
  // A district outside the table falls back to the proxy.
  assert.deepEqual(separation('BS37 5TA', 'M1 1AE', DEMO_CENTROIDS), { kind: 'different-area', fromArea: 'BS', toArea: 'M' });
});
