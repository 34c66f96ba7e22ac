import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_CENTROIDS, outwardCode } from '../domain/matching/postcodes.ts';
import { HOME_AUTHORITY, OTHER_AUTHORITIES, familyPostcodes, householdPostcodes, localityOf } from './names.ts';
import { DEMO_POSTCODES, type DemoAreaCode } from './postcodes-data.ts';

const AREAS = Object.keys(DEMO_POSTCODES) as DemoAreaCode[];
const ALL = AREAS.flatMap((area) => DEMO_POSTCODES[area].map(([postcode, easting, northing]) => ({ area, postcode, easting, northing })));

test('the real postcodes: well formed, each once, enough of them for every authority of the demo', () => {
  for (const { postcode } of ALL) assert.match(postcode, /^[A-Z]{2}[0-9]{1,2} [0-9][ABD-HJLNP-UW-Z]{2}$/, postcode);
  assert.equal(new Set(ALL.map((p) => p.postcode)).size, ALL.length);
  assert.deepEqual(AREAS.sort(), [HOME_AUTHORITY, ...OTHER_AUTHORITIES].map((a) => a.onsCode).sort());
  assert.ok(DEMO_POSTCODES[HOME_AUTHORITY.onsCode].length >= 500, 'enough for the default demo: no two households share a postcode');
  for (const a of OTHER_AUTHORITIES) assert.ok(DEMO_POSTCODES[a.onsCode].length >= 25, a.name);
  // Grid references in and around South Gloucestershire (British National Grid, metres).
  for (const { postcode, easting, northing } of ALL) assert.ok(easting > 330_000 && easting < 400_000 && northing > 150_000 && northing < 200_000, postcode);
});

test('two sources agree: each postcode lies within 13 km of the centre of its postcode district', () => {
  for (const { postcode, easting, northing } of ALL) {
    const centre = DEMO_CENTROIDS.get(outwardCode(postcode) ?? '');
    assert.ok(centre, `${postcode}: its district has a centroid`);
    assert.ok(Math.hypot(easting - centre.easting, northing - centre.northing) < 13_000, postcode);
  }
});

test('some districts straddle two authorities, as they really do', () => {
  const areasOf = (district: string) => new Set(ALL.filter((p) => outwardCode(p.postcode) === district).map((p) => p.area));
  assert.deepEqual([...areasOf('BS16')].sort(), ['E06000023', 'E06000025'], 'BS16: Bristol (Fishponds) and South Gloucestershire (Downend)');
  assert.deepEqual([...areasOf('GL12')].sort(), ['E06000025', 'E10000013'], 'GL12: Gloucestershire (Wotton-under-Edge) and South Gloucestershire (Wickwar)');
  assert.deepEqual([...areasOf('SN14')].sort(), ['E06000025', 'E06000054'], 'SN14: Wiltshire (Colerne) and South Gloucestershire (Marshfield)');
});

test('every postcode has a town, and families and carers never share a postcode', () => {
  for (const { area, postcode } of ALL) assert.ok(localityOf(postcode, area).length > 0);
  assert.equal(localityOf('BS37 5TA', 'E06000025'), 'Yate');
  assert.equal(localityOf('BS35 1RD', 'E06000025'), 'Thornbury');
  assert.equal(localityOf('BS35 1RL', 'E06000025'), 'Oldbury-on-Severn');
  assert.equal(localityOf('BS16 2RA', 'E06000023'), 'Fishponds');
  assert.throws(() => localityOf('M1 1AE', 'E06000025'));
  for (const area of AREAS) {
    const families = familyPostcodes(area);
    const households = householdPostcodes(area);
    assert.equal(families.length + households.length, DEMO_POSTCODES[area].length);
    assert.ok(!families.some((p) => households.includes(p)), area);
  }
});
